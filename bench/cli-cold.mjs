#!/usr/bin/env node
// Cold-start and throughput of the built CLI (run `npm run build` first).
//
//   node bench/cli-cold.mjs [runs=30]
//
// Cold start: wall time of `node bin/milvus-filter.mjs lint one.filter` in a fresh process, each run
// timed with performance.now() around spawnSync, after 3 warm-up runs (page cache, not the process).
// Baselines: `node -e 0` (Node itself) and `--version` (the CLI entry without the parser).
// Paired runs (issue 15): `node -e 0`, `lint` with the compile cache and `lint` without it
// (NODE_DISABLE_COMPILE_CACHE=1, as on a first run) in rotating order, each run divided by the
// `node -e 0` run of its round, so a busy host slows both sides of a ratio alike.
// Throughput: one process linting a file of 100,000 filters (the bench corpus, repeated).
// Targets: issue 6, linting one filter from a cold process takes at most 150 ms; issue 15, at most
// 1.5× `node -e 0`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "bin", "milvus-filter.mjs");
const runs = Number(process.argv[2] ?? 30);
const dir = mkdtempSync(join(tmpdir(), "mf-bench-"));

function time(args, input, env = process.env) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, input, env, encoding: "utf8" });
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

/** Ratios to `node -e 0` from rounds of alternating runs (median and quartiles). */
function paired(command) {
  const sides = {
    "node -e 0": () => time(["-e", "0"]),
    [`${command[0]}, compile cache`]: () => time([bin, ...command]),
    [`${command[0]}, no compile cache`]: () => time([bin, ...command], undefined, { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" }),
  };
  const names = Object.keys(sides);
  for (const n of names) sides[n](); // the cache is written on a first run
  const rounds = [];
  for (let i = 0; i < runs; i++) {
    const round = {};
    for (let k = 0; k < names.length; k++) round[names[(i + k) % names.length]] = sides[names[(i + k) % names.length]]();
    rounds.push(round);
  }
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];
  console.log(`paired, ${runs} rounds in rotating order: ratio to node -e 0 per round, median (quartiles)`);
  for (const n of names.slice(1)) {
    const r = rounds.map((x) => x[n] / x["node -e 0"]);
    console.log(`  ${n.padEnd(32)} ${q(r, 0.5).toFixed(2)}× (${q(r, 0.25).toFixed(2)}–${q(r, 0.75).toFixed(2)})   median ${q(rounds.map((x) => x[n]), 0.5).toFixed(1)} ms vs ${q(rounds.map((x) => x["node -e 0"]), 0.5).toFixed(1)} ms`);
  }
}

try {
  writeFileSync(join(dir, "one.filter"), 'id in [1, 2, 3] and title like "The %"\n');
  console.log(`cold start, ${runs} runs each (node ${process.version})`);
  stats("node -e 0", ["-e", "0"]);
  stats("milvus-filter --version", [bin, "--version"]);
  const lint = stats("milvus-filter lint one.filter", [bin, "lint", "one.filter"]);
  stats("milvus-filter parse one.filter", [bin, "parse", "one.filter"]);
  console.log(`lint, one filter, cold: ${lint.toFixed(1)} ms (target <= 150 ms: ${lint <= 150 ? "met" : "NOT met"})`);
  paired(["lint", "one.filter"]);

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
