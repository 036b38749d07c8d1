// `npm run bench`: throughput of every stage on the shared corpora, medians after warm-up.
// Results print as a table and are saved to bench/results/<version>.json (one file per release).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as lib from "../dist/index.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const pkg = JSON.parse(readFileSync(here("../package.json"), "utf8"));
const quick = process.argv.includes("--quick");
const RUNS = quick ? 3 : 7;
const WARMUP = quick ? 2 : 60; // V8 reaches steady state on the parser after ~50 passes over corpus-mixed

function corpus(name) {
  return readFileSync(here(`./corpus/${name}.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Median wall time (ms) of `fn` over RUNS runs after WARMUP warm-up runs. */
function median(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const results = { version: pkg.version, node: process.version, date: new Date().toISOString(), sections: {} };
const rows = [];
function report(section, name, value, unit, note = "") {
  results.sections[section] ??= {};
  results.sections[section][name] = { value, unit, ...(note ? { note } : {}) };
  rows.push([section, name, typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : value, unit, note]);
}

// ---------------------------------------------------------------- parse
const mixed = corpus("corpus-mixed");
const large = corpus("corpus-large");
const bytes = (list) => list.reduce((n, s) => n + Buffer.byteLength(s), 0);
for (const [name, list] of [["corpus-mixed", mixed], ["corpus-large", large]]) {
  const ms = median(() => {
    for (const f of list) if (!lib.parse(f).ast) throw new Error(`does not parse: ${f}`);
  });
  report("parse", `${name} expressions/s`, (list.length / ms) * 1000, "expr/s", "target 100,000 on corpus-mixed");
  report("parse", `${name} MB/s`, bytes(list) / ms / 1000, "MB/s", "target 20 on corpus-large");
}

// ---------------------------------------------------------------- cold start
{
  const samples = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const out = execFileSync(process.execPath, [here("./first-parse.mjs")], { encoding: "utf8" });
    samples.push(JSON.parse(out).firstParseMs);
  }
  samples.sort((a, b) => a - b);
  report("startup", "process start to first parsed filter", samples[Math.floor(samples.length / 2)], "ms", "median of child processes");
}

// ---------------------------------------------------------------- optional stages (present once built)
for (const section of ["./bench-check.mjs", "./bench-print.mjs", "./bench-eval.mjs"]) {
  try {
    const mod = await import(section);
    if (typeof mod.run === "function") await mod.run({ lib, corpus, median, report, quick });
  } catch (e) {
    if (e?.code !== "ERR_MODULE_NOT_FOUND") throw e;
  }
}

// ---------------------------------------------------------------- output
const width = [0, 0, 0, 0];
for (const r of rows) for (let i = 0; i < 4; i++) width[i] = Math.max(width[i], String(r[i]).length);
for (const r of rows) {
  console.log(
    `${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${String(r[2]).padStart(width[2])} ${r[3].padEnd(width[3])}  ${r[4]}`,
  );
}
if (!quick) {
  mkdirSync(here("./results"), { recursive: true });
  writeFileSync(here(`./results/${pkg.version}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nsaved bench/results/${pkg.version}.json`);
}
