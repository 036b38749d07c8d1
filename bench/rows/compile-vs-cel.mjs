// Row: parse + check + compileFilter per corpus filter vs @marcbachmann/cel-js parse + check of
// the same filters written in CEL (bench/peers/cel.mjs). Target: ours ≤ 1.5× cel-js's time.
import { childScript, runChild } from "../lib/child.mjs";
import { spread, fmtMs } from "../lib/stats.mjs";
import { makeRow, missingRow } from "../lib/rows.mjs";

const ROW = {
  id: "compile-vs-cel",
  what: "parse + check + compileFilter per filter vs cel-js parse + check",
  target: { of: "ratio", op: "<=", value: 1.5, text: "≤ 1.5×" },
};

export async function run(ctx) {
  const r = runChild(childScript("compile-vs-cel.mjs"), [String(ctx.cfg.rounds), String(ctx.cfg.warmup)], { timeoutS: ctx.cfg.timeoutS });
  if (!r.ok) return [missingRow(ROW, "error", r.error)];
  const { rounds, filters, of, left, oursBytes, celBytes, breakdown } = r.value;
  const perFilter = (ms) => (ms / filters) * 1000; // µs
  const ratio = spread(rounds.map((x) => x.oursMs / x.celMs));
  const ours = spread(rounds.map((x) => perFilter(x.oursMs)));
  const cel = spread(rounds.map((x) => perFilter(x.celMs)));
  const oursMs = ours.median / 1000;
  // Shares of our time, from the child's passes of parse alone, parse + check and the whole job,
  // timed in turn (not from the rounds above, which ran in another state of the JIT).
  const share = (ms) => Math.max(0, Math.round((100 * ms) / breakdown.fullMs));
  const parsePct = share(breakdown.parseMs);
  const checkPct = share(breakdown.parseCheckMs - breakdown.parseMs);
  return [
    makeRow({
      ...ROW,
      now: { value: ours.median, unit: "µs/filter", text: `${fmtMs(oursMs)} per filter` },
      yardstick: { name: "@marcbachmann/cel-js Environment.check (parse + check)", value: cel.median, unit: "µs/filter", text: `${fmtMs(cel.median / 1000)} per filter` },
      ratio: { ...ratio, meaning: "our time ÷ cel-js's time, per round" },
      note:
        `${filters} of ${of} corpus-mixed filters (left out: ${left.check} our checker rejects, ${left.compile} not evaluable, ` +
        `${left.noCel} with no CEL counterpart, ${left.celRejects} cel-js rejects); ${oursBytes} B Milvus text vs ${celBytes} B CEL text; ` +
        `our time ≈ ${parsePct}% parse, ${checkPct}% check, ${share(breakdown.fullMs - breakdown.parseCheckMs)}% compileFilter`,
    }),
  ];
}
