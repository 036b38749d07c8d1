import { describe, expect, it } from "vitest";
import { CHECK_CODES, CODES } from "../../src/check/index.js";
import { CASES } from "../conformance/corpus.js";
import { runCase } from "../conformance/run.js";

describe("diagnostic code registry", () => {
  it("is sorted, unique and namespaced", () => {
    const names = CHECK_CODES.map((c) => c.code);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    for (const c of CHECK_CODES) {
      expect(c.code).toMatch(/^(type|schema|template|version|purpose|lint|server-bug|limit|internal)\/[a-z0-9-]+$/);
      expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it("covers every code the checker emits over the corpus", () => {
    const seen = new Set<string>();
    for (const c of CASES) if (!c.skip) for (const r of runCase(c)) for (const d of r.result.diagnostics) seen.add(d.code);
    const unknown = [...seen].filter((code) => !(code in CODES) && !code.startsWith("syntax/") && !code.startsWith("limit/"));
    expect(unknown).toEqual([]);
  });
});
