/**
 * The CheckedTree (CheckResult.tree): what backends plan from. Where each reference lives in a row,
 * each constant as its context casts it, each column arithmetic's shape, placeholder values, and
 * why a rule refused a node — recorded even when the rule that follows refuses the filter.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { walk } from "../../src/syntax/walk.js";
import type * as A from "../../src/syntax/ast.js";
import { check, type CheckResult } from "../../src/check/index.js";
import { BOOKS } from "./helpers.js";

const run = (text: string, params?: Map<string, never>): CheckResult => check(parse(text), { schema: BOOKS, purpose: "query", target: "3.0", ...(params ? { params } : {}) });
const nodes = (r: CheckResult, kind: A.Root["kind"]): A.Root[] => [...walk(r.ast!)].filter((n) => n.kind === kind);
const accessOf = (text: string, kind: A.Root["kind"] = "Identifier"): unknown => {
  const r = run(text);
  return r.tree!.references.get(nodes(r, kind)[0]!.id)?.access;
};

describe("references: where each column is read", () => {
  it.each([
    ["year > 1", "Identifier", { kind: "field", name: "year" }],
    ['meta["a"][0] == 1', "JSONIdentifier", { kind: "json", field: "meta", path: ["a", "0"] }],
    ["color == 1", "Identifier", { kind: "dynamic", path: ["color"], topLevel: true }],
    ['color["k"] == 1', "JSONIdentifier", { kind: "dynamic", path: ["color", "k"], topLevel: true }],
    ['$meta["year"] == 1', "JSONIdentifier", { kind: "dynamic", path: ["year"], topLevel: false }],
    ["tags[2] == 'x'", "JSONIdentifier", { kind: "element", field: "tags", path: ["2"] }],
    ["clips[label] == ['x']", "StructField", { kind: "structSub", struct: "clips", sub: "label" }],
    ["clips[1][n] > 2", "StructIndexField", { kind: "structElement", struct: "clips", index: "1", sub: "n" }],
    ["clips is null", "Identifier", { kind: "structArray", struct: "clips" }],
    ["MATCH_ANY(clips, $[n] > 1)", "StructSubField", { kind: "current", sub: "n" }],
    ["MATCH_ANY(nums, $ > 1)", "ElementSelf", { kind: "current" }],
  ] as const)("%s", (text, kind, access) => {
    expect(accessOf(text, kind)).toEqual(access);
  });

  it("the array, JSON value or struct array MATCH_* iterates over", () => {
    expect(accessOf("MATCH_ALL(clips, $[n] > 1)")).toEqual({ kind: "structArray", struct: "clips" });
    expect(accessOf("MATCH_ALL(nums, $ > 1)")).toEqual({ kind: "field", name: "nums" });
  });
});

describe("casts: each constant as the column it meets takes it", () => {
  const castOf = (text: string, kind: A.Root["kind"]): unknown => {
    const r = run(text);
    return r.tree!.casts.get(nodes(r, kind)[0]!.id);
  };

  it("a Double column takes integers as doubles; an Int column refuses a double", () => {
    expect(castOf("price > 3", "Integer")).toEqual({ ok: true, value: { t: "float", v: 3 } });
    expect(castOf("year > 3.5", "Float")).toEqual({ ok: false, message: "cannot cast value to Int32, value: 3.5" });
  });

  it("JSON takes a constant as it is", () => {
    expect(castOf('meta["k"] > 3', "Integer")).toEqual({ ok: true, value: { t: "int", v: 3n } });
  });

  it("in lists and whole-array comparisons are cast element by element", () => {
    const list = castOf("price in [1, 2.5]", "Array") as { ok: true; value: { items: unknown[] } };
    expect(list.value.items).toEqual([{ t: "float", v: 1 }, { t: "float", v: 2.5, raw: "2.5" }]);
    expect(castOf("nums == [1, 2.5]", "Array")).toEqual({ ok: false, message: "cannot cast value to Int64, value: 2.5" });
  });

  it("is recorded before the rule that refuses the filter", () => {
    // Milvus refuses an Array[None] list here; the cast is still there for backends that accept it.
    const r = run("nums == []");
    expect(r.ok).toBe(false);
    expect(r.tree!.casts.get(nodes(r, "EmptyArray")[0]!.id)).toEqual({ ok: true, value: expect.objectContaining({ t: "array", items: [] }) });
  });
});

describe("arithmetic, placeholders and refusals", () => {
  it("records `column op constant`, newest master's chain folded", () => {
    const r = run("(year * 2) * 3 == 12");
    const [outer] = nodes(r, "MulDivMod");
    expect(r.tree!.arithmetic.get(outer!.id)).toMatchObject({ op: "*", operandNode: undefined, operand: { ok: true, value: { t: "int", v: 6n } }, reversed: false });
  });

  it("keeps each placeholder's value", () => {
    const r = run("year > {y}", new Map([["y", { kind: "int64", value: 7n }]]) as never);
    expect(r.tree!.templateValues.get(nodes(r, "TemplateVariable")[0]!.id)).toEqual({ t: "int", v: 7n });
  });

  it("says why a node was refused", () => {
    const r = run("nope_field > 1 and title == 2");
    expect(r.tree!.rejected.get(nodes(r, "Equality")[0]!.id)).toMatch(/^comparisons between VarChar and Int64 are not supported/);
  });
});
