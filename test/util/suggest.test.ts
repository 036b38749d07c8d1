import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/util/suggest.js";
import { suggestDataType } from "../../src/schema/types.js";
import { parseSchemaJson } from "../../src/schema/index.js";

describe("editDistance (optimal string alignment)", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["--fromat", "--format", 1],
    ["ab", "ba", 1],
  ])("%j ~ %j = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it("with a limit, anything beyond it is limit + 1 (and stops early)", () => {
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
    expect(editDistance("abc", "abd", 1)).toBe(1);
  });
});

describe("closest", () => {
  it("allows one edit for short words, more for long ones, and takes a unique prefix", () => {
    expect(closest("foo", ["fmt", "schema"])).toBeUndefined();
    expect(closest("fmt", ["fmt", "schema"])).toBe("fmt");
    expect(closest("schmea", ["fmt", "schema"])).toBe("schema");
    expect(closest("--fromat", ["--format", "--fix"])).toBe("--format");
    expect(closest("sch", ["fmt", "schema"])).toBe("schema");
    expect(closest("EXIT", ["exit"])).toBe("exit");
    expect(closest("anything", [])).toBeUndefined();
  });
});

describe("schema type names: did you mean", () => {
  it.each([
    ["Integer", "Int64"],
    ["Strng", "VarChar"],
    ["string", "VarChar"],
    ["Boolean", "Bool"],
    ["Int65", "Int64"],
    ["FloatVectr", "FloatVector"],
  ])("%s → %s", (typo, meant) => {
    expect(suggestDataType(typo)).toBe(meant);
  });

  it("the schema loader's message carries the suggestion, in both schema forms", () => {
    const compact = parseSchemaJson(JSON.stringify({ name: "b", fields: { id: "Integer primary", t: "Strng" } }));
    expect(compact.issues.map((i) => i.message)).toEqual([
      'field "id": unknown data type "Integer" at column 1; did you mean "Int64"?',
      'field "t": unknown data type "Strng" at column 1; did you mean "VarChar"?',
    ]);
    const describe = parseSchemaJson(JSON.stringify({ fields: [{ name: "id", type: "Int64", primaryKey: true }, { name: "b", type: "Boolean" }] }));
    expect(describe.issues.map((i) => i.message)).toContain('unknown data type "Boolean"; did you mean "Bool"?');
  });
});
