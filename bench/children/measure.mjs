// Child process of the bench: times one task on one input file and measures its memory, then
// prints one JSON line. Run with --expose-gc (bench/lib/child.mjs does).
//
//   node --expose-gc measure.mjs --task parse|parse-check-print|parse-check-compile
//        --input FILE [--schema bench|in] [--min-ms 300]
//
// Time: CPU time (bench/lib/stats.mjs cpuMs). Inputs under 256 KB are run repeatedly (after warm-up) for at least --min-ms and the
// median run is reported; bigger inputs are run once, after the parser has been warmed up on
// corpus filters (one 10 MB parse is how such a filter is met in practice).
// Memory: peak RSS during the measured run minus RSS just before it (after two GCs), and the heap
// still held after it (result alive, after GC). Both are per process, hence one child per input.
import { readFileSync } from "node:fs";
import { loadLib } from "../lib/dist.mjs";
import { cpuMs } from "../lib/stats.mjs";
import { corpus, benchSchemaJson, IN_SCHEMA, TEMPLATE_PARAMS } from "../lib/inputs.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const lib = await loadLib();
const task = arg("task");
const text = readFileSync(arg("input"), "utf8");
const minMs = Number(arg("min-ms", "300"));
const schemaJson = arg("schema", "bench") === "in" ? IN_SCHEMA : benchSchemaJson();
const { schema } = lib.loadSchema(schemaJson);
if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");

const errors = (ds) => ds.filter((d) => d.severity === "error");
const fail = (stage, ds) => {
  throw new Error(`${stage} failed: ${ds.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("; ")}`);
};

const tasks = {
  parse(t) {
    const p = lib.parse(t);
    if (p.ast === null || errors(p.diagnostics).length) fail("parse", p.diagnostics);
    return p;
  },
  "parse-check-print"(t) {
    const p = lib.parse(t);
    const c = lib.check(p, { schema, purpose: "query" });
    if (!c.ok) fail("check", c.diagnostics);
    return { c, text: lib.print(c.ast) };
  },
  "parse-check-compile"(t) {
    const p = lib.parse(t);
    const c = lib.check(p, { schema, purpose: "query" });
    if (!c.ok) fail("check", c.diagnostics);
    const f = lib.compileFilter(c, { schema, params: TEMPLATE_PARAMS });
    if (!f.ok) fail("compileFilter", f.diagnostics);
    return f;
  },
};
const run = tasks[task];
if (!run) throw new Error(`unknown task ${task}`);

// Warm-up on ordinary filters (the parser, checker and compiler reach V8's optimised tiers).
const warm = corpus("corpus-mixed").slice(0, 200);
for (let i = 0; i < 10; i++) for (const f of warm) lib.parse(f);

const small = text.length < 256 * 1024;
const runs = [];
if (small) {
  for (let i = 0; i < 5; i++) run(text);
  const t0 = cpuMs();
  while (runs.length < 5 || (cpuMs() - t0 < minMs && runs.length < 2000)) {
    const t = cpuMs();
    run(text);
    runs.push(cpuMs() - t);
  }
}

gc();
gc();
const before = process.memoryUsage();
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const t = cpuMs();
const wall = performance.now();
let kept = run(text);
const ms = cpuMs() - t;
const wallMs = performance.now() - wall;
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
const after = process.memoryUsage();
gc();
const held = process.memoryUsage();
if (!small) runs.push(ms);
const sorted = [...runs].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    task,
    bytes: Buffer.byteLength(text),
    runs: runs.length,
    ms: sorted[Math.floor(sorted.length / 2)],
    lastWallMs: wallMs,
    peakRssBytes: Math.max(0, maxRssAfter - before.rss),
    // The peak can only be seen above the highest RSS the process had before the run.
    peakRssFloorBytes: Math.max(0, maxRssBefore - before.rss),
    heapGrowthBytes: Math.max(0, after.heapTotal - before.heapTotal),
    retainedHeapBytes: Math.max(0, held.heapUsed - before.heapUsed),
    resultKind: typeof kept,
  }),
);
kept = null;
