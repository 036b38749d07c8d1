// The stage figures kept from 0.1.0's bench (same names in results.sections, so releases compare):
// parse throughput on both corpora, check, and print, measured in the bench's own process.
import { corpus } from "../lib/inputs.mjs";
import { cpuMs } from "../lib/stats.mjs";
import { run as runCheck } from "./check.mjs";
import { run as runPrint } from "./print.mjs";

export async function run(ctx) {
  const { lib } = ctx;
  const { warmup, runs } = ctx.cfg.stage;
  /** Median CPU time (ms) of `fn` over `runs` runs after `warmup` warm-up runs (0.1.0 used wall time). */
  const median = (fn) => {
    for (let i = 0; i < warmup; i++) fn();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = cpuMs();
      fn();
      times.push(cpuMs() - t);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  };
  const bytes = (list) => list.reduce((n, s) => n + Buffer.byteLength(s), 0);
  for (const name of ["corpus-mixed", "corpus-large"]) {
    const list = corpus(name);
    const ms = median(() => {
      for (const f of list) if (!lib.parse(f).ast) throw new Error(`does not parse: ${f}`);
    });
    ctx.record("parse", `${name} expressions/s`, (list.length / ms) * 1000, "expr/s");
    ctx.record("parse", `${name} MB/s`, bytes(list) / ms / 1000, "MB/s");
  }
  const args = { lib, corpus, median, report: ctx.record };
  await runCheck(args);
  await runPrint(args);
  return [];
}
