// `npm run bench`: issue 15's table, each row measured in this run next to its yardstick, the
// scaling tables, and the per-stage figures kept from 0.1.0. See docs/benchmarks.md.
//
//   node bench/run.mjs [--quick | --smoke] [--only a,b] [--out FILE] [--release] [--no-build-peers]
//
//   --quick   fewer runs and sizes up to 1 MB / 10^5: a fast look (saves nothing unless --out)
//   --smoke   tiny sizes, one or two runs, never builds the ANTLR peer: checks that the harness
//             works (test/bench/harness.test.ts), not how fast anything is
//   --only    sections to run: stages, antlr, cel, eval, startup, big, bundle
//   --out     where to write the results JSON (default: see resultsFile below)
//   --release write bench/results/<version>.json even if it exists (at a release)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLib } from "./lib/dist.mjs";
import { updateReadme } from "./readme.mjs";
import { passText } from "./lib/rows.mjs";
import { fmtBytes, fmtMs, fmtNum, fmtRatio, table } from "./lib/stats.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const root = here("..");
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const mode = flag("smoke") ? "smoke" : flag("quick") ? "quick" : "full";

const decades = (from, to) => {
  const xs = [];
  for (let x = from; x <= to; x *= 10) xs.push(x);
  return xs;
};
const CONFIG = {
  full: {
    rounds: 11, warmup: 30, evalRows: 1_000_000, evalRuns: 9, startupPairs: 15,
    bigBytes: 10_000_000, bigRuns: 3, scaleBytes: decades(1e3, 1e7), inLengths: decades(10, 1e6),
    timeoutS: 180, maxOldSpaceMB: 8192, stage: { warmup: 60, runs: 7 },
  },
  quick: {
    rounds: 5, warmup: 10, evalRows: 200_000, evalRuns: 5, startupPairs: 5,
    bigBytes: 1_000_000, bigRuns: 1, scaleBytes: decades(1e3, 1e6), inLengths: decades(10, 1e5),
    timeoutS: 60, maxOldSpaceMB: 4096, stage: { warmup: 5, runs: 3 },
  },
  smoke: {
    rounds: 2, warmup: 1, evalRows: 2_000, evalRuns: 2, startupPairs: 1,
    bigBytes: 20_000, bigRuns: 1, scaleBytes: decades(1e3, 1e4), inLengths: decades(10, 1e3),
    timeoutS: 60, maxOldSpaceMB: 1024, stage: { warmup: 1, runs: 1 },
  },
};
const cfg = CONFIG[mode];
if (option("timeout")) cfg.timeoutS = Number(option("timeout"));

const SECTIONS = {
  stages: "./rows/stages.mjs",
  antlr: "./rows/parse-vs-antlr.mjs",
  cel: "./rows/compile-vs-cel.mjs",
  eval: "./rows/eval-vs-closure.mjs",
  startup: "./rows/startup.mjs",
  big: "./rows/big-inputs.mjs",
  bundle: "./rows/bundle.mjs",
};
const only = option("only")?.split(",") ?? Object.keys(SECTIONS);
for (const s of only) if (!SECTIONS[s]) throw new Error(`unknown section ${s}; sections: ${Object.keys(SECTIONS).join(", ")}`);

const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
const lib = await loadLib();
const results = {
  harness: 2,
  version: pkg.version,
  mode,
  node: process.version,
  date: new Date().toISOString(),
  host: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "?", loadavg: loadavg().map((x) => Number(x.toFixed(2))) },
  config: cfg,
  headline: [],
  scaling: [],
  sections: {},
  errors: [],
};
const log = (m) => process.stderr.write(`${m}\n`);
const ctx = {
  lib,
  cfg,
  mode,
  log,
  buildPeers: mode !== "smoke" && !flag("no-build-peers"),
  scaling: results.scaling,
  record(section, name, value, unit, note = "") {
    results.sections[section] ??= {};
    results.sections[section][name] = { value, unit, ...(note ? { note } : {}) };
  },
};

for (const name of only) {
  log(`[bench] ${name} …`);
  const t0 = performance.now();
  try {
    const mod = await import(SECTIONS[name]);
    results.headline.push(...(await mod.run(ctx)));
  } catch (e) {
    // A bug in the harness, not a slow build: reported, and the run exits non-zero.
    results.errors.push({ section: name, error: String(e?.stack ?? e) });
    log(`[bench] ${name} FAILED: ${e?.stack ?? e}`);
  }
  log(`[bench] ${name} done in ${fmtMs(performance.now() - t0)}`);
}

// ---------------------------------------------------------------- output
const out = [];
out.push(`milvus-filter ${pkg.version} bench (${mode}), node ${process.version}, ${results.host.cpus} cores, load ${results.host.loadavg.join(" ")}`);
out.push("");
out.push(
  table(
    ["#", "row", "now", "yardstick", "ratio: median (min–max)", "target", "verdict"],
    results.headline.map((r, i) => [
      i + 1,
      r.what,
      r.now?.text ?? "—",
      r.yardstick ? `${r.yardstick.name}: ${r.yardstick.text}` : "—",
      r.ratio ? fmtRatio(r.ratio) : "—",
      r.target.text,
      passText(r),
    ]),
  ),
);
out.push("");
results.headline.forEach((r, i) => {
  if (r.note) out.push(`  ${i + 1}. ${r.note}`);
});

for (const t of results.scaling) {
  out.push("");
  out.push(`scaling: ${t.title}`);
  const perUnit = t.sizeUnit === "bytes" ? "MB/s" : "µs/element";
  out.push(
    table(
      [t.sizeUnit, "input", "time", perUnit, "peak RSS", "B/byte", "heap held", "B/byte"],
      t.points.map((p) => {
        if (p.ms === undefined) return [fmtNum(p.size), "", p.error ?? `not run (${p.skipped})`, "", "", "", "", ""];
        const rate = t.sizeUnit === "bytes" ? fmtNum(p.bytes / 1e6 / (p.ms / 1000)) : fmtNum((p.ms * 1000) / p.size, 2);
        const per = (x) => fmtNum(x / p.bytes);
        return [fmtNum(p.size), fmtBytes(p.bytes), fmtMs(p.ms), rate, fmtBytes(p.peakRssBytes), per(p.peakRssBytes), fmtBytes(p.retainedHeapBytes), per(p.retainedHeapBytes)];
      }),
      ["r", "r", "r", "r", "r", "r", "r", "r"],
    ),
  );
  const g = t.growth;
  out.push(
    `  growth exponent of time: ${fmtNum(g.time.lastPair, 2)} between the last two sizes, ${fmtNum(g.time.fit, 2)} fitted over the range; ` +
      `of peak memory (≥ 100 KB inputs): ${fmtNum(g.memory.lastPair, 2)} / ${fmtNum(g.memory.fit, 2)} (1 = linear)`,
  );
  out.push("  peak RSS: the process's peak during the run minus its RSS before (page-granular: noise below ~100 KB); heap held: after GC, result alive");
}

out.push("");
out.push("stage figures (same names as bench/results/0.1.0.json):");
out.push(
  table(
    ["section", "figure", "value", "unit", "note"],
    Object.entries(results.sections).flatMap(([s, figs]) => Object.entries(figs).map(([n, f]) => [s, n, fmtNum(f.value), f.unit, f.note ?? ""])),
    ["", "", "r"],
  ),
);
console.log(out.join("\n"));

/**
 * Where results go. A version's file, once written, is that version's record (0.1.0.json is the
 * baseline every later run is compared with), so a later run of the same version writes
 * <version>-dev.json instead; --release overwrites the record. Quick and smoke runs save nothing
 * unless --out names a file.
 */
function resultsFile() {
  if (option("out")) return resolve(option("out"));
  if (mode !== "full") return null;
  const record = here(`./results/${pkg.version}.json`);
  return flag("release") || !existsSync(record) ? record : here(`./results/${pkg.version}-dev.json`);
}
const file = resultsFile();
if (file) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nsaved ${relative(process.cwd(), file)}${file.endsWith("-dev.json") ? ` (${pkg.version}.json is the release record; --release overwrites it)` : ""}`);
  // The README's figures come from the default results file: rewrite them with it.
  if (!option("out") && only.length === Object.keys(SECTIONS).length) console.log(updateReadme());
}
if (results.errors.length) {
  console.error(`\n${results.errors.length} section(s) failed: ${results.errors.map((e) => e.section).join(", ")}`);
  process.exitCode = 1;
}
