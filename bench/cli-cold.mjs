#!/usr/bin/env node
// Cold-start and throughput of the built CLI (run `npm run build` first).
//
//   node bench/cli-cold.mjs [runs=30]
//
// Cold start: wall time of `node bin/milvus-filter.mjs lint one.filter` in a fresh process, each run
// timed with performance.now() around spawnSync, after 3 warm-up runs (page cache, not the process).
// Baselines: `node -e 0` (Node itself) and `--version` (the CLI entry without the parser).
// Throughput: one process linting a file of 100,000 filters (the bench corpus, repeated).
// Target (issue 6): linting one filter from a cold process takes at most 150 ms.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "bin", "milvus-filter.mjs");
const runs = Number(process.argv[2] ?? 30);
const dir = mkdtempSync(join(tmpdir(), "mf-bench-"));

function time(args, input) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, input, encoding: "utf8" });
  const ms = performance.now() - t0;
  // Exit 1 is a lint verdict, but a crashed process exits 1 too: a stack trace means the run is void.
  if ((r.status !== 0 && r.status !== 1) || /^\s+at /m.test(r.stderr) || /Error \[ERR_/.test(r.stderr)) {
    throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return ms;
}

function stats(label, args) {
  for (let i = 0; i < 3; i++) time(args);
  const xs = Array.from({ length: runs }, () => time(args)).sort((a, b) => a - b);
  const median = xs[Math.floor(xs.length / 2)];
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(`${label.padEnd(34)} median ${median.toFixed(1).padStart(6)} ms   mean ${mean.toFixed(1).padStart(6)} ms   min ${xs[0].toFixed(1).padStart(6)} ms   p90 ${xs[Math.floor(xs.length * 0.9)].toFixed(1).padStart(6)} ms`);
  return median;
}

try {
  writeFileSync(join(dir, "one.filter"), 'id in [1, 2, 3] and title like "The %"\n');
  console.log(`cold start, ${runs} runs each (node ${process.version})`);
  stats("node -e 0", ["-e", "0"]);
  stats("milvus-filter --version", [bin, "--version"]);
  const lint = stats("milvus-filter lint one.filter", [bin, "lint", "one.filter"]);
  stats("milvus-filter parse one.filter", [bin, "parse", "one.filter"]);
  console.log(`lint, one filter, cold: ${lint.toFixed(1)} ms (target <= 150 ms: ${lint <= 150 ? "met" : "NOT met"})`);

  const corpus = readFileSync(join(root, "bench", "corpus", "corpus-mixed.jsonl"), "utf8").split("\n").filter(Boolean);
  const many = Array.from({ length: 100_000 }, (_, i) => JSON.parse(corpus[i % corpus.length])).join("\n");
  writeFileSync(join(dir, "many.filter"), many);
  for (const format of ["stylish", "jsonl"]) {
    const ms = time([bin, "lint", "-f", format, "-o", join(dir, `out.${format}`), "many.filter"]);
    console.log(`lint 100,000 filters (-f ${format}): ${(ms / 1000).toFixed(2)} s wall, ${Math.round(100_000 / (ms / 1000)).toLocaleString("en-US")} filters/s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
