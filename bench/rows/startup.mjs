// Rows: start-up. Paired, alternating runs of whole processes: `node -e 0` (Node itself),
// `milvus-filter lint one.filter` (the cold CLI), and a script that imports the library and
// parses one filter (bench/children/first-parse.mjs). Each process is timed twice: its CPU time
// from process start to exit (bench/children/exit-cpu.cjs, preloaded into all three alike), which
// the ratios use because it holds steady on a busy host, and the wall clock from spawn to exit,
// reported beside it.
// Targets: cold lint ≤ 1.5× `node -e 0`; the first parse() after import ≤ 5 ms.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childScript } from "../lib/child.mjs";
import { spread, median, fmtMs } from "../lib/stats.mjs";
import { makeRow, missingRow } from "../lib/rows.mjs";

const bin = fileURLToPath(new URL("../../bin/milvus-filter.mjs", import.meta.url));
const LINT = { id: "cold-lint", what: "cold `milvus-filter lint` of one filter vs `node -e 0` (whole process)", target: { of: "ratio", op: "<=", value: 1.5, text: "≤ 1.5×" } };
const FIRST = { id: "first-parse", what: "first parse() after import, in a fresh process", target: { of: "now", op: "<=", value: 5, text: "≤ 5 ms" } };

const preload = childScript("exit-cpu.cjs");

function spawnTimed(args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", preload, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  const ms = performance.now() - t0;
  const cpu = /@@cpu ([\d.]+)/.exec(r.stderr ?? "");
  // Exit 1 is a lint verdict, but a crashed process exits 1 too: a stack trace voids the run.
  if ((r.status !== 0 && r.status !== 1) || /^\s+at /m.test(r.stderr ?? "") || /Error \[ERR_/.test(r.stderr ?? "")) {
    throw new Error(`node ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  }
  if (!cpu) throw new Error(`node ${args.join(" ")} reported no CPU time`);
  return { ms, cpuMs: Number(cpu[1]), stdout: r.stdout };
}

export async function run(ctx) {
  const dir = mkdtempSync(join(tmpdir(), "mf-bench-"));
  try {
    writeFileSync(join(dir, "one.filter"), 'id in [1, 2, 3] and title like "The %"\n');
    const commands = {
      node: ["-e", "0"],
      lint: [bin, "lint", "one.filter"],
      first: [childScript("first-parse.mjs")],
    };
    for (let i = 0; i < 3; i++) for (const c of Object.values(commands)) spawnTimed(c, dir); // page cache, not the process
    const pairs = [];
    const order = Object.keys(commands);
    for (let i = 0; i < ctx.cfg.startupPairs; i++) {
      const sample = {};
      // Rotate the order each time, so no command always runs right after another.
      for (let k = 0; k < order.length; k++) {
        const name = order[(i + k) % order.length];
        const r = spawnTimed(commands[name], dir);
        sample[name] = r.cpuMs;
        sample[`${name}Wall`] = r.ms;
        if (name === "first") sample.firstOut = JSON.parse(r.stdout.trim().split("\n").pop());
      }
      pairs.push(sample);
    }
    const node = median(pairs.map((p) => p.node));
    const lint = median(pairs.map((p) => p.lint));
    const nodeWall = median(pairs.map((p) => p.nodeWall));
    const lintWall = median(pairs.map((p) => p.lintWall));
    const wallRatio = median(pairs.map((p) => p.lintWall / p.nodeWall));
    const firstParse = spread(pairs.map((p) => p.firstOut.firstParseMs));
    const importMs = median(pairs.map((p) => p.firstOut.importMs));
    const firstWall = median(pairs.map((p) => p.firstOut.firstParseWallMs));
    const sinceStart = median(pairs.map((p) => p.firstOut.sinceStartMs));
    ctx.record("startup", "process start to first parsed filter", sinceStart, "ms", "median of child processes");
    ctx.record("startup", "first parse() after import", firstParse.median, "ms", `CPU time; import ${importMs.toFixed(1)} ms CPU`);
    ctx.record("startup", "cold lint of one filter (CPU)", lint, "ms", `node -e 0: ${node.toFixed(1)} ms CPU`);
    ctx.record("startup", "cold lint of one filter (wall)", lintWall, "ms", `node -e 0: ${nodeWall.toFixed(1)} ms wall`);
    return [
      makeRow({
        ...LINT,
        now: { value: lint, unit: "ms CPU", text: `${fmtMs(lint)} CPU` },
        yardstick: { name: "node -e 0", value: node, unit: "ms CPU", text: `${fmtMs(node)} CPU` },
        ratio: { ...spread(pairs.map((p) => p.lint / p.node)), meaning: "lint process CPU time ÷ node -e 0's, per pair" },
        note: `+${fmtMs(lint - node)} CPU over Node itself; wall clock: ${fmtMs(lintWall)} vs ${fmtMs(nodeWall)}, ${wallRatio.toFixed(2)}× (median of pairs)`,
      }),
      makeRow({
        ...FIRST,
        now: { value: firstParse.median, unit: "ms", text: `${fmtMs(firstParse.median)} (${fmtMs(firstParse.min)}–${fmtMs(firstParse.max)})` },
        yardstick: { name: "node -e 0", value: node, unit: "ms CPU", text: `${fmtMs(node)} CPU` },
        ratio: { ...spread(pairs.map((p) => p.first / p.node)), meaning: "import + first parse process CPU time ÷ node -e 0's, per pair" },
        note: `CPU time of the first parse() call (wall ${fmtMs(firstWall)}); import ${fmtMs(importMs)} CPU; process start to parsed filter ${fmtMs(sinceStart)} wall`,
      }),
    ];
  } catch (e) {
    return [missingRow(LINT, "error", e.message), missingRow(FIRST, "error", e.message)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
