// Big inputs, each measured in its own child process (bench/children/measure.mjs) with a timeout:
// - rows: one 10 MB filter in three shapes (parse: MB/s and peak memory per input byte), and
//   `id in [10^6 ints]` (parse + check + compileFilter: seconds);
// - scaling tables: filter size 1 KB … 10 MB (parse, and parse + check + print) and `in` length
//   10 … 10^6 (parse + check + compileFilter), each point with time and peak memory, and the
//   growth exponent of time (and memory) against size.
// A point that runs past the timeout prints as "timed out (> N s)"; bigger sizes of the same
// table are then not tried.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { childScript, runChild } from "../lib/child.mjs";
import { bigFilter, corpus, inListFilter, benchSchemaJson } from "../lib/inputs.mjs";
import { growth, median, spread, fmtBytes, fmtMs, fmtNum } from "../lib/stats.mjs";
import { makeRow, missingRow } from "../lib/rows.mjs";

const measureScript = childScript("measure.mjs");

/** Median of `runs` children measuring `task` on `text`. */
function measure(ctx, dir, { task, text, schema = "bench", runs = 1 }) {
  const file = join(dir, `input-${task}-${text.length}.txt`);
  writeFileSync(file, text);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = runChild(measureScript, ["--task", task, "--input", file, "--schema", schema], {
      nodeArgs: ["--expose-gc", `--max-old-space-size=${ctx.cfg.maxOldSpaceMB}`],
      timeoutS: ctx.cfg.timeoutS,
    });
    if (!r.ok) {
      rmSync(file, { force: true });
      return { ok: false, error: r.error, timedOut: r.timedOut };
    }
    results.push(r.value);
  }
  rmSync(file, { force: true });
  const bytes = results[0].bytes;
  const ms = results.map((r) => r.ms);
  return {
    ok: true,
    bytes,
    ms: median(ms),
    msRuns: ms,
    mbPerS: spread(ms.map((x) => bytes / 1e6 / (x / 1000))),
    peakRssBytes: median(results.map((r) => r.peakRssBytes)),
    retainedHeapBytes: median(results.map((r) => r.retainedHeapBytes)),
    heapGrowthBytes: median(results.map((r) => r.heapGrowthBytes)),
    runs: results.length,
  };
}

/** One scaling table: each size in turn, stopping at the first that fails or times out. */
function scale(ctx, dir, { title, task, schema, sizes, make, sizeUnit }) {
  const points = [];
  let stopped = null;
  for (const size of sizes) {
    if (stopped) {
      points.push({ size, skipped: `a smaller size ${stopped}` });
      continue;
    }
    const isLast = size === sizes[sizes.length - 1];
    const m = measure(ctx, dir, { task, text: make(size), schema, runs: isLast ? ctx.cfg.bigRuns : 1 });
    if (!m.ok) {
      points.push({ size, error: m.error, timedOut: m.timedOut });
      stopped = m.timedOut ? "timed out" : "failed";
      continue;
    }
    points.push({ size, ...m });
    ctx.log(`  ${title}: ${fmtNum(size)} ${sizeUnit} → ${fmtMs(m.ms)}, peak ${fmtBytes(m.peakRssBytes)}`);
  }
  const ok = points.filter((p) => p.ms !== undefined);
  return {
    title,
    task,
    sizeUnit,
    points,
    growth: {
      time: growth(ok.map((p) => ({ size: p.size, value: p.ms }))),
      // Peak RSS of the small sizes is page-granular noise; the memory exponent uses ≥ 100 KB inputs.
      memory: growth(ok.filter((p) => p.bytes >= 1e5).map((p) => ({ size: p.size, value: p.peakRssBytes }))),
    },
  };
}

export async function run(ctx) {
  const dir = mkdtempSync(join(tmpdir(), "mf-bench-big-"));
  const rows = [];
  try {
    // ------------------------------------------------ one big filter, three shapes
    const big = ctx.cfg.bigBytes;
    const label = big >= 1e6 ? `${big / 1e6} MB` : `${big / 1e3} KB`;
    for (const [shape, name] of [["or", "`or` chain"], ["in", "`in` list"], ["nested", "nested and/or"]]) {
      const base = {
        id: `big-${shape}`,
        what: `parse one ${label} filter: ${name}`,
        target: { of: "now", op: ">=", value: 20, text: "≥ 20 MB/s, ≤ 40 B per input byte", also: { of: "memory", op: "<=", value: 40 } },
      };
      ctx.log(`  parse ${label} ${shape} …`);
      const m = measure(ctx, dir, { task: "parse", text: bigFilter(shape, big), runs: ctx.cfg.bigRuns });
      if (!m.ok) {
        rows.push(missingRow(base, "error", m.error));
        continue;
      }
      const perByte = m.peakRssBytes / m.bytes;
      rows.push(
        makeRow({
          ...base,
          now: { value: m.mbPerS.median, unit: "MB/s", text: `${fmtNum(m.mbPerS.median)} MB/s (${fmtNum(m.mbPerS.min)}–${fmtNum(m.mbPerS.max)}), ${fmtNum(perByte)} B/byte` },
          memory: { value: perByte, unit: "peak RSS bytes per input byte" },
          note: `${fmtNum(m.bytes)} bytes in ${fmtMs(m.ms)}; peak RSS +${fmtBytes(m.peakRssBytes)}, heap held after parse ${fmtBytes(m.retainedHeapBytes)} (${fmtNum(m.retainedHeapBytes / m.bytes)} B/byte); ${m.runs} child run(s)`,
        }),
      );
    }

    // ------------------------------------------------ scaling tables
    const schema = ctx.lib.loadSchema(benchSchemaJson()).schema;
    const checked = corpus("corpus-mixed").filter((f) => ctx.lib.check(ctx.lib.parse(f), { schema, purpose: "query" }).ok);
    const tables = [];
    for (const task of ["parse", "parse-check-print"]) {
      ctx.log(`scaling: ${task} by filter size`);
      tables.push(
        scale(ctx, dir, {
          title: `${task}, corpus filters joined with or, by size`,
          task,
          schema: "bench",
          sizes: ctx.cfg.scaleBytes,
          sizeUnit: "bytes",
          make: (bytes) => bigFilter("mixed", bytes, checked),
        }),
      );
    }
    ctx.log("scaling: parse-check-compile by in-list length");
    const inTable = scale(ctx, dir, {
      title: "parse-check-compile, id in [n ints], by length",
      task: "parse-check-compile",
      schema: "in",
      sizes: ctx.cfg.inLengths,
      sizeUnit: "elements",
      make: (n) => inListFilter(n),
    });
    tables.push(inTable);
    ctx.scaling.push(...tables);

    // ------------------------------------------------ id in [10^6 ints], from the table's last point
    const n = ctx.cfg.inLengths[ctx.cfg.inLengths.length - 1];
    const last = inTable.points[inTable.points.length - 1];
    const inRow = { id: "in-million", what: `\`id in [${fmtNum(n)} ints]\`: parse + check + compileFilter`, target: { of: "now", op: "<=", value: 1, text: "≤ 1 s, linear (growth exponent ≤ 1.15)", also: { of: "growth", op: "<=", value: 1.15 } } };
    if (last.ms === undefined) rows.push(missingRow(inRow, "error", last.error ?? `not run: ${last.skipped}`));
    else {
      const s = last.msRuns.map((x) => x / 1000);
      const sp = spread(s);
      rows.push(
        makeRow({
          ...inRow,
          now: { value: sp.median, unit: "s", text: `${fmtMs(sp.median * 1000)} (${fmtMs(sp.min * 1000)}–${fmtMs(sp.max * 1000)})` },
          growth: { value: inTable.growth.time.lastPair, meaning: "slope of log time over log length, last two lengths" },
          note: `${fmtNum(((last.ms * 1000) / n))} µs per element; growth exponent ${fmtNum(inTable.growth.time.lastPair, 2)} over the last decade (1 = linear); peak RSS +${fmtBytes(last.peakRssBytes)}`,
        }),
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
