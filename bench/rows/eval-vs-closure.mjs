// Rows: the evaluator over N rows, each bench filter (bench/eval.mjs) vs a hand-written closure
// with the same selection, one child process per filter. Target: every filter ≤ 1.2× the closure.
import { fileURLToPath } from "node:url";
import { runChild } from "../lib/child.mjs";
import { spread, fmtNum } from "../lib/stats.mjs";
import { makeRow, missingRow } from "../lib/rows.mjs";

const script = fileURLToPath(new URL("../eval.mjs", import.meta.url));
const TARGET = { of: "ratio", op: "<=", value: 1.2, text: "≤ 1.2×" };

export async function run(ctx) {
  const env = { ...process.env, BENCH_EVAL_RUNS: String(ctx.cfg.evalRuns) };
  const count = runChild(script, ["--count"], { env });
  if (!count.ok) return [missingRow({ id: "eval", what: "evaluator vs hand-written closures", target: TARGET }, "error", count.error)];
  const rows = [];
  for (let i = 0; i < count.value; i++) {
    const r = runChild(script, ["--case", String(i), String(ctx.cfg.evalRows)], { env, timeoutS: ctx.cfg.timeoutS });
    const base = { id: `eval-${i}`, what: `evaluator, ${fmtNum(ctx.cfg.evalRows)} rows: case ${i}`, target: TARGET };
    if (!r.ok) {
      rows.push(missingRow(base, "error", r.error));
      continue;
    }
    const v = r.value;
    const ratio = spread(v.ratios);
    const rowsPerS = Number(String(v["compiled rows/s"]).replace(/,/g, ""));
    const handPerS = Number(String(v["hand rows/s"]).replace(/,/g, ""));
    const legacyKey = `${v.filter}: compiled rows/s`; // the figure's name in results.sections since 0.1.0
    ctx.record("eval", legacyKey, rowsPerS, "rows/s", `${ratio.median.toFixed(2)}× of hand-written time (median of ${ratio.runs} pairs; target <= 1.2x); compile ${v["compile µs"]} µs`);
    rows.push(
      makeRow({
        ...base,
        what: `evaluator, ${fmtNum(ctx.cfg.evalRows)} rows: ${v.filter}`,
        legacyKey,
        now: { value: rowsPerS, unit: "rows/s", text: `${fmtNum(rowsPerS / 1e6)} M rows/s` },
        yardstick: { name: "hand-written closure", value: handPerS, unit: "rows/s", text: `${fmtNum(handPerS / 1e6)} M rows/s` },
        ratio: { ...ratio, meaning: "compiled filter's time ÷ closure's time, per pair of runs" },
        note: `${v.text}; ${v.matches} rows match; compile ${v["compile µs"]} µs, parse + compile ${v["parse+compile µs"]} µs`,
      }),
    );
  }
  return rows;
}
