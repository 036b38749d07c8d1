import { describe, expect, it } from "vitest";
import { codes, run, STRICT, verdict } from "./helpers.js";

describe("purpose delete", () => {
  it.each([
    ["", "purpose/delete-empty"],
    ["   ", "purpose/delete-empty"],
    ["true", "purpose/delete-always-true"],
    ["1 == 1", "purpose/delete-always-true"],
    ["id > 0 or true", "purpose/delete-always-true"],
    ["id in [1, 2]", "ok"],
    ["year > 2000", "ok"],
  ])("%s → %s", (text, want) => {
    expect(verdict(text, { purpose: "delete" })).toBe(want);
  });

  it("explains why an empty delete is refused", () => {
    const d = run("", { purpose: "delete" }).diagnostics[0]!;
    expect(d.message).toContain("delete plan can't be empty or always true");
  });

  it("accepts the same filters for query", () => {
    expect(verdict("", { purpose: "query" })).toBe("ok");
    expect(verdict("true", { purpose: "query" })).toBe("ok");
    expect(codes(run("1 == 1", { purpose: "query" }))).toContain("lint/constant-filter");
  });

  it("classifies the delete path", () => {
    expect(run("id in [1, 2]", { purpose: "delete" }).deleteClass).toBe("primary-key");
    expect(run("id == 3", { purpose: "delete" }).deleteClass).toBe("primary-key");
    expect(run("year > 1", { purpose: "delete" }).deleteClass).toBe("query-first");
    expect(run("pk in ['a']", { purpose: "delete", schema: STRICT }).deleteClass).toBe("primary-key");
    expect(codes(run("id in [1]", { purpose: "delete" }))).toContain("lint/delete-primary-key");
    expect(codes(run("year > 1", { purpose: "delete" }))).toContain("lint/delete-query-first");
    expect(run("year > 1", { purpose: "query" }).deleteClass).toBeUndefined();
    // Two columns compared (a CompareExpr in Milvus's plan) is no key list, even when both are the key.
    expect(run("id == id", { purpose: "delete" }).deleteClass).toBe("query-first");
    expect(codes(run("id == id", { purpose: "delete" }))).toContain("lint/delete-query-first");
    expect(run("3 == id", { purpose: "delete" }).deleteClass).toBe("primary-key");
  });

  it("warns about delete filters that match every row or none", () => {
    expect(codes(run("year not in []", { purpose: "delete" }))).toContain("lint/delete-matches-all");
    expect(codes(run("small >= -128", { purpose: "delete" }))).toContain("lint/delete-matches-all");
    expect(codes(run("id >= 0", { purpose: "delete" }))).toContain("lint/delete-matches-all");
    expect(codes(run("1 == 2", { purpose: "delete" }))).toContain("lint/delete-always-false");
    expect(codes(run("year > 5", { purpose: "delete" }))).not.toContain("lint/delete-matches-all");
    for (const self of ["id == id", "year >= year", "year > 5 or id == id"]) {
      const r = run(self, { purpose: "delete" });
      expect(r.diagnostics.find((d) => d.code === "lint/delete-matches-all")?.message, self).toMatch(/compares a field with itself: true for every row where it is not NULL/);
    }
    for (const other of ["id == year", 'meta["a"] == meta["b"]', "year != year"]) {
      expect(codes(run(other, { purpose: "delete" })), other).not.toContain("lint/delete-matches-all");
    }
  });
});

// version/delete-semantics-differ: 2.6 makes a JSON predicate on a missing key FALSE (TRUE for !=,
// UnaryExpr.cpp on 2.6 ~line 723), master UNKNOWN (UnaryExpr.cpp on master ~line 768, #50702).
describe("purpose delete: the JSON semantics trap between 2.6 and master", () => {
  const TRAP = "version/delete-semantics-differ";
  it.each([
    ['meta["k"] != 1', true],
    ['not (meta["k"] == 1)', true],
    ['meta["k"] not in [1, 2]', true],
    ['not (meta["k"] like "a%")', true],
    ["color != \"red\"", true],
    ['year > 1 and not (meta["k"] > 5)', true],
    ['meta["k"] == 1', false],
    ['not (meta["k"] != 1)', false],
    ['not not (meta["k"] == 1)', false],
    ["year != 1", false],
    ['meta["k"] != [1, 2]', false],
    ["not (year == 1)", false],
  ])("%s → warned: %s", (text, warned) => {
    for (const target of ["2.6", "3.0"] as const) {
      expect(codes(run(text, { purpose: "delete", target })).includes(TRAP), `${text} on ${target}`).toBe(warned);
    }
  });

  it("says what happens on each line, naming the target", () => {
    const d = run('meta["k"] != 1', { purpose: "delete", target: "2.6" }).diagnostics.find((x) => x.code === TRAP)!;
    expect(d.severity).toBe("warning");
    expect(d.message).toContain("Milvus 2.6 (branch 2.6, 2.6.18) (the target) it also removes rows where meta[\"k\"] is missing");
    expect(d.message).toContain("on Milvus 3.0 (master 2026-07) those rows are UNKNOWN and kept");
  });

  it("is a delete rule only", () => {
    expect(codes(run('meta["k"] != 1', { purpose: "query" }))).not.toContain(TRAP);
  });
});
