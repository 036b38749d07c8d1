/** The diagnostic code registry: the facts every reader (rules, docs, SARIF, config, reporter) relies on. */
import { describe, expect, it } from "vitest";
import { CODE_LIST, DIAGNOSTIC_CODES, codesOf, isDiagnosticCode } from "../../src/diag/codes.js";
import { CODE_DOCS } from "../../src/diag/code-docs.js";

describe("diagnostic code registry", () => {
  it("names each code once, as namespace/name, with its namespace as the category", () => {
    const names = CODE_LIST.map((c) => c.code);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CODE_LIST) {
      expect(c.code).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(c.category).toBe(c.code.split("/")[0]);
      expect(DIAGNOSTIC_CODES[c.code]).toBe(c);
    }
  });

  it("gives every code docs text, a stage, and a default severity that configuration may or may not change", () => {
    for (const c of CODE_LIST) {
      expect(CODE_DOCS[c.code].length, c.code).toBeGreaterThan(10);
      expect(c.stages.length > 0 || c.supersededBy !== undefined, c.code).toBe(true);
      // A problem that stops the analysis is an error, and stays one.
      if (c.fatal) expect(c.severity, c.code).toBe("error");
      if (c.supersededBy !== undefined) expect(isDiagnosticCode(c.supersededBy), c.code).toBe(true);
    }
  });

  it("lists the checker's codes last, sorted (the order of `milvus-filter rules` and docs/rules.md)", () => {
    const first = CODE_LIST.findIndex((c) => c.category === "lint");
    const tail = CODE_LIST.slice(first).map((c) => c.code);
    expect(tail).toEqual([...tail].sort());
    expect(tail.every((c) => DIAGNOSTIC_CODES[c].stages.every((s) => s === "check" || s === "lint"))).toBe(true);
  });

  it("knows which stage reports what", () => {
    expect(codesOf("eval").map((c) => c.code)).toEqual(["limit/too-deep", "limit/too-many-diagnostics", "eval/unsupported", "eval/not-evaluable", "eval/missing-param", "eval/regex-engine-not-loaded"]);
    expect(isDiagnosticCode("type/cast")).toBe(true);
    expect(isDiagnosticCode("type/nope")).toBe(false);
    expect(isDiagnosticCode("toString")).toBe(false);
  });
});
