// The shape of the bench's headline rows (one per row of issue 15's table) and their verdicts.
//
// A row: { id, what, now: {value, unit, text}, yardstick: {name, value?, unit?, text} | null,
//          ratio: spread of per-run ratios (bench/lib/stats.mjs) + {meaning} | null,
//          memory?: {value, unit}, growth?: {value},
//          target: {of: "ratio" | "now" | "memory" | "growth", op: ">=" | "<=", value, text, also?: target},
//          pass: boolean | null, note?, skipped?: reason, error?: message }
// `pass` compares the median (of the ratio, of `now`), or the memory or growth figure, with the target, and
// with `also` when a row has two targets; null when not measured.

function meets(row, t) {
  const x = t.of === "ratio" ? row.ratio?.median : row[t.of]?.value;
  if (x === undefined || x === null || Number.isNaN(x)) return null;
  return t.op === ">=" ? x >= t.value : x <= t.value;
}

export function verdict(row) {
  if (row.skipped || row.error) return null;
  const checks = [row.target, row.target.also].filter(Boolean).map((t) => meets(row, t));
  if (checks.includes(null)) return null;
  return checks.every(Boolean);
}

export function makeRow(row) {
  const r = { yardstick: null, ratio: null, ...row };
  r.pass = verdict(r);
  return r;
}

/** A row that could not be measured: it still prints, with the reason, and fails no run. */
export function missingRow({ id, what, target }, how, reason) {
  return { id, what, now: null, yardstick: null, ratio: null, target, pass: null, [how]: reason };
}

export const passText = (row) =>
  row.skipped ? `skipped: ${row.skipped}` : row.error ? `not measured: ${row.error}` : row.pass === null ? "—" : row.pass ? "pass" : "FAIL";
