// Evaluator throughput: rows/s of compiled filters over 1,000,000 in-memory rows, next to a
// hand-written JS closure with the same selection in the same run, plus compile time per filter.
//
// Run: npm run build && node bench/eval.mjs [rows]        (default 1,000,000 rows)
// Each filter runs in its own child process, as a CLI run would: V8's type feedback from one
// filter's closures does not leak into the next. The compiled filter and the closure run in
// RUNS interleaved pairs; each pair gives one ratio (compiled time / closure time), and the
// median and range of those ratios are reported (`npm run bench` shows them against the target).
// Before the package exports the evaluator, point it at any bundle that does:
//   MILVUS_FILTER_DIST=/path/to/bundle.mjs node bench/eval.mjs
import { pathToFileURL, fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

const dist = process.env.MILVUS_FILTER_DIST ? pathToFileURL(process.env.MILVUS_FILTER_DIST).href : "../dist/index.js";
const lib = await import(dist);
const { compileFilter, compileFilterText, loadSchema, parse } = lib;

const caseArg = process.argv.indexOf("--case");
const only = caseArg >= 0 ? Number(process.argv[caseArg + 1]) : undefined;
const N = Number(process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== "--case") ?? 1_000_000);
const RUNS = Number(process.env.BENCH_EVAL_RUNS ?? 9);

const { schema } = loadSchema({
  dynamic: true,
  fields: {
    id: "Int64 primary",
    age: "Int64 nullable",
    price: "Double",
    name: "VarChar(64) nullable",
    tags: "Array<VarChar(16)>",
    meta: "JSON",
  },
});

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** meta["a"]: mostly { b: small int }, sometimes a string b, an empty object, or absent. */
function nested(r) {
  const x = r();
  if (x < 0.7) return { b: Math.floor(r() * 8) };
  if (x < 0.8) return { b: "s" };
  if (x < 0.9) return {};
  return undefined;
}

function makeRows(n) {
  const r = rng(42);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = r();
    rows[i] = {
      id: i,
      age: x < 0.05 ? null : Math.floor(r() * 90),
      price: Math.round(r() * 20000) / 100,
      name: x > 0.97 ? null : `user${i % 1000}`,
      tags: [`t${i % 7}`, `t${(i * 3) % 11}`],
      meta: r() < 0.1 ? { kind: "b" } : { score: r(), kind: r() < 0.3 ? "a" : "c", a: nested(r) },
      color: r() < 0.2 ? "red" : "blue",
    };
  }
  return rows;
}

const ids = Array.from({ length: 200 }, (_, i) => i * 4999);
const idSet = new Set(ids);

/** Each case: the filter, and a hand-written closure with the same selection (NULL → not selected). */
const cases = [
  {
    name: "range + string (3VL)",
    filter: 'age >= 30 and age < 50 and name != "user7"',
    hand: (r) => r.age != null && r.age >= 30 && r.age < 50 && r.name != null && r.name !== "user7",
  },
  {
    name: "in list of 200 ids",
    filter: `id in [${ids.join(", ")}]`,
    hand: (r) => idSet.has(r.id),
  },
  {
    name: "JSON paths + dynamic key",
    filter: 'meta["score"] > 0.5 or (meta["kind"] == "a" and color == "red")',
    hand: (r) => {
      const m = r.meta;
      return (typeof m.score === "number" && m.score > 0.5) || (m.kind === "a" && r.color === "red");
    },
  },
  {
    name: "two-key JSON path + dynamic key",
    filter: 'meta["a"]["b"] > 3 and color == "red"',
    hand: (r) => r.meta.a?.b > 3 && r.color === "red",
  },
  {
    name: "LIKE with % and _",
    filter: 'name like "user_9%"',
    hand: (r) => typeof r.name === "string" && r.name.length >= 6 && r.name.startsWith("user") && r.name[5] === "9" && r.name.codePointAt(4) <= 0xffff,
  },
  {
    name: "array_contains",
    filter: 'array_contains(tags, "t3")',
    hand: (r) => r.tags.includes("t3"),
  },
  {
    name: "not + arithmetic",
    filter: "not (age > 60) and price * 2 < 100",
    hand: (r) => r.age != null && !(r.age > 60) && r.price * 2 < 100,
  },
];

// CPU time of the process in ms (user + system): unlike the wall clock, not charged while the
// process waits for a core on a busy host.
function cpuMs() {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

// Two separate loop functions (not one shared one), so each call site only ever sees one closure
// and V8 can inline it: the hand-written closure gets no advantage from a monomorphic site.
function loopCompiled(fn, rows) {
  let count = 0;
  const t = cpuMs();
  for (let i = 0; i < rows.length; i++) if (fn(rows[i])) count++;
  return [cpuMs() - t, count];
}
function loopHand(fn, rows) {
  let count = 0;
  const t = cpuMs();
  for (let i = 0; i < rows.length; i++) if (fn(rows[i])) count++;
  return [cpuMs() - t, count];
}

if (process.argv.includes("--count")) {
  console.log(cases.length);
  process.exit(0);
}

const best = (xs) => Math.min(...xs);
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });

if (only === undefined) {
  // Parent: one child per case, then the table.
  const self = fileURLToPath(import.meta.url);
  const table = [];
  for (let i = 0; i < cases.length; i++) {
    const out = execFileSync(process.execPath, [self, "--case", String(i), String(N)], { encoding: "utf8", env: process.env, maxBuffer: 1 << 20 });
    table.push(JSON.parse(out.trim().split("\n").pop()));
  }
  for (const row of table) {
    delete row.ratios;
    delete row.text;
  }
  console.table(table);
  console.log(`node ${process.version}; ${fmt(N)} rows; ratio = median over ${RUNS} pairs of compiled time / hand-written time (target ≤ 1.2×)`);
  process.exit(0);
}

const c = cases[only];
const rows = makeRows(N);
const compiled = compileFilterText(c.filter, { schema });
if (!compiled.ok) throw new Error(`${c.filter}: ${compiled.diagnostics.map((d) => d.message).join("; ")}`);
const test = compiled.test;
// Same selection, or the comparison means nothing.
const [, want] = loopHand(c.hand, rows);
const [, got] = loopCompiled(test, rows);
if (want !== got) throw new Error(`${c.name}: compiled selects ${got}, hand-written ${want}`);
const ours = [];
const hand = [];
for (let i = 0; i < RUNS; i++) {
  ours.push(loopCompiled(test, rows)[0]);
  hand.push(loopHand(c.hand, rows)[0]);
}
const o = best(ours);
const h = best(hand);
const ratios = ours.map((x, i) => x / hand[i]);

// Compile time: parse + compile, and compile alone from a parsed tree.
const parsed = parse(c.filter);
const K = 300;
for (let i = 0; i < 30; i++) compileFilterText(c.filter, { schema });
let t = cpuMs();
for (let i = 0; i < K; i++) compileFilter(parsed.ast, { schema });
const compileUs = ((cpuMs() - t) / K) * 1000;
t = cpuMs();
for (let i = 0; i < K; i++) compileFilterText(c.filter, { schema });
const totalUs = ((cpuMs() - t) / K) * 1000;

console.log(
  JSON.stringify({
    filter: c.name,
    text: c.filter.length <= 80 ? c.filter : `${c.filter.slice(0, 60)}…`,
    matches: got,
    "compiled rows/s": fmt((N / o) * 1000),
    "hand rows/s": fmt((N / h) * 1000),
    ratio: `${mid(ratios).toFixed(2)}×`,
    ratios,
    "compile µs": fmt(compileUs),
    "parse+compile µs": fmt(totalUs),
  }),
);
