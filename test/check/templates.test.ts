import { describe, expect, it } from "vitest";
import { templateValuesFromJson, templateValuesFromCase, toConst } from "../../src/check/index.js";
import { parseJson } from "../../src/util/json.js";
import { errors, run, verdict } from "./helpers.js";

describe("template values", () => {
  it("reads exprParams losslessly: integral → int64, fraction/exponent → double, arrays typed", () => {
    const j = parseJson('{"a": 1, "b": 1.0, "c": 9007199254740993, "d": [1, 2], "e": [1, "x"], "f": [], "g": [[1], [2]], "h": "s", "i": true}', { floats: "tagged" });
    if (!j.ok) throw new Error("json");
    const r = templateValuesFromJson(j.value);
    if (!r.ok) throw new Error(r.error);
    const v = r.values;
    expect(v.get("a")).toEqual({ kind: "int64", value: 1n });
    expect(v.get("b")).toEqual({ kind: "double", value: 1 });
    expect(v.get("c")).toEqual({ kind: "int64", value: 9007199254740993n });
    expect(v.get("d")).toMatchObject({ kind: "array", elementType: "int64" });
    expect(v.get("e")).toMatchObject({ kind: "array", elementType: "json" });
    expect(v.get("f")).toMatchObject({ kind: "array", elementType: "none" });
    expect(v.get("g")).toMatchObject({ kind: "array", elementType: "array" });
    expect(toConst(v.get("d")!)).toMatchObject({ t: "array", sameType: true, elementType: "Int64" });
    expect(templateValuesFromJson([1]).ok).toBe(false);
    expect(templateValuesFromJson({ x: null }).ok).toBe(false);
  });

  it("reads the corpus form, including NaN and nested element types", () => {
    const r = templateValuesFromCase({ v: "NaN", a: [[], [1]] }, { v: "double", a: "array" }, { a: "array<none|int64>" });
    if (!r.ok) throw new Error(r.error);
    expect(Number.isNaN((r.values.get("v") as { value: number }).value)).toBe(true);
    expect(r.values.get("a")).toMatchObject({ kind: "array", elementType: "array" });
  });

  it.each([
    ["year > {x}", '{"x": 5}', "ok"],
    ["year > {x}", '{"x": 5.5}', "template/type"],
    ["price > {x}", '{"x": 5}', "ok"],
    ["year > {x}", "{}", "template/missing"],
    ["year in {xs}", '{"xs": [1, 2]}', "ok"],
    ["year in {xs}", '{"xs": 1}', "template/not-list"],
    ["year in {xs}", '{"xs": ["a"]}', "template/type"],
    ["{lo} < year < {hi}", '{"lo": 5, "hi": 1}', "template/range-order"],
    ["plain like {p}", '{"p": "a%"}', "ok"],
    ["plain like {p}", '{"p": 1}', "template/type"],
    ["year / {d} == 1", '{"d": 0}', "template/type"],
    ["year / {d} == 1.5", '{"d": 2}', "template/type"],
    ["json_contains_any(meta, {v})", '{"v": 1}', "template/type"],
    ["st_contains(geo, {w})", '{"w": "POINT(0 0)"}', "ok"],
    ["st_contains(geo, {w})", '{"w": "POINT()"}', "template/type"],
    ["{x} == 1", '{"x": 1}', "template/between-constants"],
    ["year in [{a}, {b}]", '{"a": 1, "b": 2}', "type/list-element"],
    ["random_sample({r})", '{"r": 0.5}', "type/random-sample"],
  ])("%s with %s → %s", (text, params, want) => {
    expect(verdict(text, { params })).toBe(want);
  });

  it("without values, only checks where placeholders stand", () => {
    expect(verdict("year > {x}")).toBe("ok");
    expect(verdict("{x} + 1 == 2")).toBe("template/between-constants");
    expect(errors(run("year > {x} and plain == {y}", { params: "{}" }))).toEqual(["template/missing", "template/missing"]);
  });
});

describe("unused template values", () => {
  it("notes a value no placeholder uses", () => {
    const r = run("year > {x}", { params: '{"x": 1, "y": 2}' });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["template/unused"]);
  });
});

describe("template values a delete must have", () => {
  it("a delete filter with placeholders and no values at all is an error; a query's is not", () => {
    const del = run("id in {ids} and year > {y}", { purpose: "delete" });
    expect(errors(del)).toEqual(["template/missing", "template/missing"]);
    expect(del.diagnostics[0]!.message).toBe("this delete filter has {ids} but no template values were given, so what it deletes cannot be checked");
    expect(del.diagnostics[0]!.hint).toMatch(/--params FILE/);
    expect(errors(run("id in {ids}", { purpose: "query" }))).toEqual([]);
    expect(errors(run("id in {ids}", { purpose: "delete", params: '{"ids": [1, 2]}' }))).toEqual([]);
  });

  it("a misspelt parameter name gets a did-you-mean from the unused params", () => {
    const r = run("id in {ids}", { purpose: "delete", params: '{"idz": [1, 2]}' });
    const missing = r.diagnostics.find((d) => d.code === "template/missing")!;
    expect(missing.hint).toBe('did you mean "idz"? The params have "idz", which the filter does not use');
    const far = run("id in {ids}", { purpose: "delete", params: '{"year": 1}' }).diagnostics.find((d) => d.code === "template/missing")!;
    expect(far.hint).toBe('add "ids" to exprParams');
  });
});
