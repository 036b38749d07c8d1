/**
 * The bench harness itself (bench/run.mjs and its helpers) works: a smoke run on tiny inputs
 * produces every row of issue 15's table with its yardstick and the expected results shape, a
 * child that runs too long is reported as timed out rather than hanging the bench, the growth
 * exponent and verdicts compute what they claim, the CEL yardstick's filters are the corpus
 * filters' structure in CEL, and README.md's figures are the ones in bench/results.
 * Nothing here asserts a timing: speed lives in `npm run bench`.
 *
 * Needs `dist/` (npm test builds first). Never builds the ANTLR peer (that needs the network):
 * its row is measured if bench/.peers/antlr is already built, else skipped with the reason.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const load = async (p: string): Promise<any> => import(new URL(`../../${p}`, import.meta.url).href);
const work = mkdtempSync(join(tmpdir(), "mf-bench-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}
interface Row {
  id: string;
  what: string;
  now: { value: number; unit: string; text: string } | null;
  yardstick: { name: string; text: string } | null;
  ratio: Spread | null;
  target: { text: string; of: string; op: string; value: number };
  pass: boolean | null;
  skipped?: string;
  error?: string;
}

describe("npm run bench -- --smoke", () => {
  let results: { harness: number; mode: string; version: string; headline: Row[]; scaling: any[]; sections: Record<string, Record<string, { value: number }>>; errors: unknown[] };
  let stdout = "";

  beforeAll(() => {
    const out = join(work, "smoke.json");
    const r = spawnSync(process.execPath, [join(ROOT, "bench", "run.mjs"), "--smoke", "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
    if (r.status !== 0) throw new Error(`bench --smoke exited ${r.status}:\n${r.stderr.slice(-3000)}`);
    stdout = r.stdout;
    results = JSON.parse(readFileSync(out, "utf8"));
  }, 250_000);

  it("runs every section without a harness error", () => {
    expect(results.errors).toEqual([]);
    expect(results.mode).toBe("smoke");
    expect(results.harness).toBe(2);
  });

  it("has one row per row of issue 15's table, each with its target", () => {
    const ids = results.headline.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "parse-vs-antlr",
        "compile-vs-cel",
        "cold-lint",
        "first-parse",
        "big-or",
        "big-in",
        "big-nested",
        "in-million",
        "bundle-parse",
        "bundle-core",
      ]),
    );
    const evalRows = results.headline.filter((r) => r.id.startsWith("eval-"));
    expect(evalRows.map((r) => r.what)).toContainEqual(expect.stringContaining("two-key JSON path + dynamic key"));
    for (const r of results.headline) expect(r.target.text, r.id).toMatch(/[≤≥]/);
  });

  it("measures every row except, without a built peer, the ANTLR one", () => {
    for (const r of results.headline) {
      if (r.id === "parse-vs-antlr" && r.skipped) {
        expect(r.skipped).toMatch(/not built/);
        continue;
      }
      expect(r.error, `${r.id}: ${r.error}`).toBeUndefined();
      expect(r.now?.value, r.id).toBeGreaterThan(0);
      expect(typeof r.pass, r.id).toBe("boolean");
    }
  });

  it("gives each yardstick row the spread of its per-run ratios", () => {
    const withYardstick = results.headline.filter((r) => r.yardstick !== null);
    expect(withYardstick.map((r) => r.id)).toEqual(expect.arrayContaining(["compile-vs-cel", "cold-lint", "first-parse", "eval-0"]));
    for (const r of withYardstick) {
      const s = r.ratio!;
      expect(s.runs, r.id).toBeGreaterThanOrEqual(1);
      expect(s.min, r.id).toBeLessThanOrEqual(s.median);
      expect(s.median, r.id).toBeLessThanOrEqual(s.max);
      expect(s.min, r.id).toBeGreaterThan(0);
    }
  });

  it("compares cel-js on corpus filters both sides accept, of about the same size", () => {
    const r = results.headline.find((x) => x.id === "compile-vs-cel") as Row & { note: string };
    const m = /^(\d+) of 1000 .*; (\d+) B Milvus text vs (\d+) B CEL text/.exec(r.note);
    expect(m, r.note).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(300);
    expect(Number(m![3]) / Number(m![2])).toBeGreaterThan(0.8);
    expect(Number(m![3]) / Number(m![2])).toBeLessThan(1.25);
  });

  it("reports the bundle's initial chunk and whether re2js is in it", () => {
    const core = results.headline.find((x) => x.id === "bundle-core") as Row & { re2jsInitial: boolean; byPackage: Record<string, number> };
    expect(typeof core.re2jsInitial).toBe("boolean");
    expect(core.re2jsInitial).toBe((core.byPackage.re2js ?? 0) > 0);
    expect(Object.keys(core.byPackage)).toContain("milvus-filter");
  });

  it("has the three scaling tables with time, memory and growth exponents", () => {
    expect(results.scaling.map((t) => t.task)).toEqual(["parse", "parse-check-print", "parse-check-compile"]);
    for (const t of results.scaling) {
      expect(t.points.length).toBeGreaterThanOrEqual(2);
      for (const p of t.points) {
        expect(p.ms, t.title).toBeGreaterThan(0);
        expect(p.peakRssBytes, t.title).toBeGreaterThanOrEqual(0);
        expect(p.bytes, t.title).toBeGreaterThan(0);
      }
      expect(Number.isFinite(t.growth.time.lastPair), t.title).toBe(true);
      expect(Number.isFinite(t.growth.time.fit), t.title).toBe(true);
    }
    expect(results.scaling[0].points.map((p: { size: number }) => p.size)).toEqual([1e3, 1e4]);
  });

  it("keeps 0.1.0's stage figures under the same names", () => {
    const base = JSON.parse(readFileSync(join(ROOT, "bench", "results", "0.1.0.json"), "utf8"));
    for (const [section, figs] of Object.entries(base.sections as Record<string, Record<string, unknown>>)) {
      for (const name of Object.keys(figs)) expect(results.sections[section]?.[name], `${section}: ${name}`).toBeDefined();
    }
  });

  it("prints the table with a verdict per row", () => {
    expect(stdout).toMatch(/ratio: median \(min–max\)/);
    for (const r of results.headline) expect(stdout).toContain(r.what);
    expect(stdout).toMatch(/growth exponent of time/);
  });
});

describe("bench helpers", () => {
  it("reports a child that runs past its timeout as timed out, and kills it", async () => {
    const { runChild } = await load("bench/lib/child.mjs");
    const script = join(work, "forever.mjs");
    writeFileSync(script, "for (;;) {}\n");
    const t0 = Date.now();
    const r = runChild(script, [], { timeoutS: 1 });
    expect(r).toMatchObject({ ok: false, timedOut: true, error: "timed out (> 1 s)" });
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it("reports a child that crashes with its error, not as timed out", async () => {
    const { runChild } = await load("bench/lib/child.mjs");
    const script = join(work, "crash.mjs");
    writeFileSync(script, "throw new Error('boom');\n");
    const r = runChild(script, [], { timeoutS: 30 });
    expect(r.ok).toBe(false);
    expect(r.timedOut).toBe(false);
    expect(r.error).toMatch(/boom/);
  });

  it("computes the growth exponent of a power law", async () => {
    const { growth } = await load("bench/lib/stats.mjs");
    const points = (k: number) => [1e3, 1e4, 1e5, 1e6].map((size) => ({ size, value: 3 * size ** k }));
    for (const k of [1, 1.5, 2]) {
      const g = growth(points(k));
      expect(g.lastPair).toBeCloseTo(k, 9);
      expect(g.fit).toBeCloseTo(k, 9);
    }
    // A fixed cost at small sizes: the fit reads lower than the last pair.
    const g = growth([1e3, 1e4, 1e5, 1e6].map((size) => ({ size, value: 1000 + size })));
    expect(g.fit).toBeLessThan(g.lastPair);
    expect(growth([{ size: 10, value: 1 }])).toEqual({ lastPair: null, fit: null });
  });

  it("judges a row on its median against one or two targets", async () => {
    const { makeRow } = await load("bench/lib/rows.mjs");
    const ratio = (median: number) => ({ median, min: median / 2, max: median * 2, runs: 3 });
    const atLeast20 = { of: "ratio", op: ">=", value: 20, text: "≥ 20×" };
    expect(makeRow({ id: "a", what: "", now: { value: 1 }, ratio: ratio(25), target: atLeast20 }).pass).toBe(true);
    expect(makeRow({ id: "a", what: "", now: { value: 1 }, ratio: ratio(15), target: atLeast20 }).pass).toBe(false);
    const both = { of: "now", op: ">=", value: 20, text: "", also: { of: "memory", op: "<=", value: 40 } };
    expect(makeRow({ id: "b", what: "", now: { value: 25 }, memory: { value: 30 }, target: both }).pass).toBe(true);
    expect(makeRow({ id: "b", what: "", now: { value: 25 }, memory: { value: 50 }, target: both }).pass).toBe(false);
    expect(makeRow({ id: "c", what: "", now: null, target: both, skipped: "why" }).pass).toBeNull();
  });

  it("writes corpus filters in CEL with the same structure, and cel-js accepts them", async () => {
    const { toCel, celVariables } = await load("bench/peers/cel.mjs");
    const { parse } = await load("dist/index.js");
    const { Environment } = await import("@marcbachmann/cel-js");
    const schemaJson = JSON.parse(readFileSync(join(ROOT, "bench", "bench-schema.json"), "utf8"));
    const vars = celVariables(schemaJson, { p: 1 });
    let env = new Environment({ homogeneousAggregateLiterals: false });
    for (const [name, type] of Object.entries(vars)) env = env.registerVariable(name, type as string);
    const cases: [string, string | null][] = [
      ['age > 3 and (name == "x" or not (price <= 2.5))', 'age > 3 && (name == "x" || !(price <= 2.5))'],
      ["id not in [1, 2] && count * 4 == 10", "!(id in [1.0, 2.0]) && count * 4.0 == 10.0"],
      ['1 < age <= 9 or title like "ab%"', '1 < age && age <= 9 || title.startsWith("ab")'],
      ['meta["a"][0] == "b" and exists attrs["k"]', 'meta["a"][0] == "b" && "k" in attrs'],
      ["array_contains_any(tags, [1, 2]) and array_length(arr) > 2", "[1, 2].exists(x, x in tags) && size(arr) > 2"],
      ["json_contains($meta[\"x\"], 3) or age < {p}", '3 in _meta["x"] || age < p'],
      ["name is null", null],
      ['text_match(title, "a b")', null],
      ["age ** 2 > 4", null],
    ];
    for (const [milvus, cel] of cases) {
      const text = toCel(parse(milvus).ast, vars);
      expect(text, milvus).toBe(cel);
      if (text !== null) expect(env.check(text).valid, text).toBe(true);
    }
  });

  it("README.md's Benchmarks figures are generated from bench/results", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bench", "readme.mjs"), "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
