// Row: parse corpus-mixed, filters/s, ours ÷ the ANTLR build of Milvus's Plan.g4 (target ≥ 20×).
import { buildPeer, builtPeer } from "../peers/build-antlr.mjs";
import { childScript, runChild } from "../lib/child.mjs";
import { spread, fmtNum } from "../lib/stats.mjs";
import { makeRow, missingRow } from "../lib/rows.mjs";

const ROW = {
  id: "parse-vs-antlr",
  what: "parse, corpus-mixed (filters/s) vs the ANTLR build of Plan.g4",
  target: { of: "ratio", op: ">=", value: 20, text: "≥ 20×" },
};

export async function run(ctx) {
  let dir = builtPeer();
  if (!dir) {
    // The smoke run never builds (it needs the network for npm ci); the real bench does, once.
    if (!ctx.buildPeers) return [missingRow(ROW, "skipped", "ANTLR peer not built (node bench/peers/build-antlr.mjs)")];
    try {
      dir = buildPeer({ log: ctx.log });
    } catch (e) {
      return [missingRow(ROW, "error", e.message)];
    }
  }
  const r = runChild(childScript("parse-vs-antlr.mjs"), [dir, String(ctx.cfg.rounds), String(ctx.cfg.warmup)], { timeoutS: ctx.cfg.timeoutS });
  if (!r.ok) return [missingRow(ROW, "error", r.error)];
  const { rounds, filters, of, bytes } = r.value;
  const ratio = spread(rounds.map((x) => x.antlrMs / x.oursMs));
  const ours = spread(rounds.map((x) => (filters / x.oursMs) * 1000));
  const theirs = spread(rounds.map((x) => (filters / x.antlrMs) * 1000));
  return [
    makeRow({
      ...ROW,
      now: { value: ours.median, unit: "filters/s", text: `${fmtNum(ours.median)} filters/s` },
      yardstick: { name: "ANTLR (antlr4ng) build of Plan.g4", value: theirs.median, unit: "filters/s", text: `${fmtNum(theirs.median)} filters/s` },
      ratio: { ...ratio, meaning: "our filters/s ÷ ANTLR's, per round" },
      note: `${filters} of ${of} corpus-mixed filters (${fmtNum(bytes / filters)} B average), parse only on both sides; ANTLR driven like Milvus (reused parser, SLL then LL)`,
    }),
  ];
}
