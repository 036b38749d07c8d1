/** The lint rule files, their registry, and the runner every rule shares. */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { RULES } from "../../src/check/rules/index.js";
import { runRules, type Rule, type RuleCode } from "../../src/check/rules/rule.js";
import type { Ctx } from "../../src/check/context.js";
import { Reporter } from "../../src/diag/reporter.js";
import { DIAGNOSTIC_CODES } from "../../src/diag/codes.js";
import { compileFilterText } from "../../src/backends/eval/compile.js";
import { BOOKS, STRICT, codes, run } from "./helpers.js";

describe("lint rule registry", () => {
  it("finds each rule in src/check/rules/<its code>.ts", async () => {
    for (const [code, rule] of Object.entries(RULES)) {
      const file = new URL(`../../src/check/rules/${code}.ts`, import.meta.url).href;
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      expect(Object.values(mod), code).toContain(rule);
      expect(rule.meta.code).toBe(code);
    }
  });

  it("has one rule for every code a lint rule reports, and none for a retired code", () => {
    const lintCodes = Object.values(DIAGNOSTIC_CODES)
      .filter((c) => c.stages.includes("lint") && c.supersededBy === undefined)
      .map((c) => c.code);
    expect(Object.keys(RULES).sort()).toEqual(lintCodes.sort());
    expect(Object.keys(RULES)).not.toContain("lint/template-under-not");
  });
});

describe("rule runner", () => {
  /** Two rules that log what the runner calls, and report once. */
  function probe(log: string[], code: RuleCode, name: string, report: boolean): Rule {
    return {
      meta: { code, severity: "warning", fixable: false },
      create: (ctx) => ({
        begin: () => log.push(`${name} begin`),
        Or: () => log.push(`${name} Or`),
        Equality: (n) => {
          log.push(`${name} Equality`);
          if (report) ctx.report("found", n);
        },
        "*": (n) => log.push(`${name} * ${n.kind}`),
        end: () => log.push(`${name} end`),
      }),
    };
  }

  it("walks once, calls the kind's handlers in rule order, then the '*' ones, between every begin and every end", () => {
    const log: string[] = [];
    const reporter = new Reporter(50);
    const root = parse("a == 1 or b").ast!;
    const ctx = { reporter, types: new Map(), text: "a == 1 or b", dynamicRefs: [], purpose: "query" } as unknown as Ctx;
    runRules(ctx, { root, rootType: undefined, constant: undefined }, [probe(log, "lint/or-chain", "A", true), probe(log, "lint/empty-in", "B", false)]);
    expect(log).toEqual([
      "A begin",
      "B begin",
      "A Or",
      "B Or",
      "A * Or",
      "B * Or",
      "A Equality",
      "B Equality",
      "A * Equality",
      "B * Equality",
      "A * Identifier",
      "B * Identifier",
      "A * Integer",
      "B * Integer",
      "A * Identifier",
      "B * Identifier",
      "A end",
      "B end",
    ]);
    // A report carries the rule's own code and the registry's severity for it.
    expect(reporter.inputs()).toEqual([{ code: "lint/or-chain", message: "found", span: { start: 0, end: 6 }, severity: "warning" }]);
  });

  it("does not run on an empty filter", () => {
    const log: string[] = [];
    const ctx = { reporter: new Reporter(50), types: new Map() } as unknown as Ctx;
    runRules(ctx, { root: parse("").ast!, rootType: undefined, constant: undefined }, [probe(log, "lint/or-chain", "A", true)]);
    expect(log).toEqual([]);
  });
});

describe("the per-filter cap on diagnostics", () => {
  it("applies to the checker: 50 problems, then one summary with the severity of what it stands for", () => {
    const r = run(Array.from({ length: 80 }, () => "year == 010").join(" or "));
    expect(r.diagnostics).toHaveLength(51);
    expect(r.diagnostics.filter((d) => d.code === "lint/octal-literal")).toHaveLength(49);
    expect(r.diagnostics.find((d) => d.code === "limit/too-many-diagnostics")).toMatchObject({ severity: "warning", message: "31 more problems not shown (limit 50)" });
    // Only advice was left out: the filter is still accepted.
    expect(r.ok).toBe(true);

    const bad = run(Array.from({ length: 60 }, (_, i) => `nosuch${i} == 1`).join(" or "), { schema: STRICT });
    expect(codes(bad).filter((c) => c === "schema/unknown-field")).toHaveLength(50);
    expect(bad.diagnostics.find((d) => d.code === "limit/too-many-diagnostics")).toMatchObject({ severity: "error", message: "10 more problems not shown (limit 50)" });
    expect(bad.ok).toBe(false);
  });

  it("applies to the evaluator", () => {
    const c = compileFilterText(Array.from({ length: 60 }, (_, i) => `year == {v${i}}`).join(" or "), { schema: BOOKS });
    expect(c.ok).toBe(false);
    expect(c.diagnostics.filter((d) => d.code === "eval/missing-param")).toHaveLength(50);
    expect(c.diagnostics.at(-1)).toMatchObject({ code: "limit/too-many-diagnostics", severity: "error", message: "10 more problems not shown (limit 50)" });
  });
});
