// Child process of the bench: our parse + check + compileFilter against @marcbachmann/cel-js's
// parse + check (Environment.check) on the same corpus filters written in CEL (bench/peers/cel.mjs),
// in alternating rounds; prints per-round times.
//
//   node compile-vs-cel.mjs [rounds] [warmup]
import { Environment } from "@marcbachmann/cel-js";
import { loadLib } from "../lib/dist.mjs";
import { timePasses } from "../lib/stats.mjs";
import { benchSchemaJson, corpus, TEMPLATE_PARAMS } from "../lib/inputs.mjs";
import { celVariables, toCel } from "../peers/cel.mjs";

const [roundsArg = "11", warmupArg = "30"] = process.argv.slice(2);
const lib = await loadLib();
const schemaJson = benchSchemaJson();
const { schema } = lib.loadSchema(schemaJson);
const options = { schema, purpose: "query" };
const compileOptions = { schema, params: TEMPLATE_PARAMS };

const vars = celVariables(schemaJson, TEMPLATE_PARAMS);
let env = new Environment({ homogeneousAggregateLiterals: false });
for (const [name, type] of Object.entries(vars)) env = env.registerVariable(name, type);

const all = corpus("corpus-mixed");
const ours = [];
const theirs = [];
const left = { check: 0, compile: 0, noCel: 0, celRejects: 0 };
for (const f of all) {
  const p = lib.parse(f);
  const c = lib.check(p, options);
  if (!c.ok) {
    left.check++;
    continue;
  }
  if (!lib.compileFilter(c, compileOptions).ok) {
    left.compile++;
    continue;
  }
  const text = toCel(p.ast, vars);
  if (text === null) {
    left.noCel++;
    continue;
  }
  const v = env.check(text);
  if (!v.valid) {
    left.celRejects++;
    if (process.env.BENCH_DEBUG) console.error(text, v.error?.message);
    continue;
  }
  ours.push(f);
  theirs.push(text);
}
const bytes = (xs) => xs.reduce((n, s) => n + Buffer.byteLength(s), 0);

const runOurs = () => {
  for (const f of ours) {
    const c = lib.check(lib.parse(f), options);
    if (!lib.compileFilter(c, compileOptions).ok) throw new Error(`does not compile: ${f}`);
  }
};
const runCel = () => {
  for (const t of theirs) if (!env.check(t).valid) throw new Error(`cel-js rejects: ${t}`);
};

const warmup = Number(warmupArg);
for (let i = 0; i < warmup; i++) {
  runOurs();
  runCel();
}
const rounds = [];
for (let i = 0; i < Number(roundsArg); i++) {
  let o, c;
  if (i % 2 === 0) {
    o = timePasses(runOurs, 100);
    c = timePasses(runCel, 100);
  } else {
    c = timePasses(runCel, 100);
    o = timePasses(runOurs, 100);
  }
  rounds.push({ oursMs: o, celMs: c });
}
// Where our time goes, after the rounds: parse alone, parse + check, and the whole job, timed in
// turn (five times each, medians), so the three figures share one state of the heap and the JIT.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parseOnly = () => {
  for (const f of ours) lib.parse(f);
};
const parseCheck = () => {
  for (const f of ours) lib.check(lib.parse(f), options);
};
const samples = { parseMs: [], parseCheckMs: [], fullMs: [] };
for (let i = 0; i < 5; i++) {
  samples.parseMs.push(timePasses(parseOnly, 60));
  samples.parseCheckMs.push(timePasses(parseCheck, 60));
  samples.fullMs.push(timePasses(runOurs, 60));
}
const breakdown = { parseMs: median(samples.parseMs), parseCheckMs: median(samples.parseCheckMs), fullMs: median(samples.fullMs) };
console.log(
  JSON.stringify({
    breakdown,
    filters: ours.length,
    of: all.length,
    left,
    oursBytes: bytes(ours),
    celBytes: bytes(theirs),
    sample: { milvus: ours[0], cel: theirs[0] },
    rounds,
  }),
);
