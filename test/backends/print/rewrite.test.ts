/** The optional rewrites: off by default, each semantics-preserving and idempotent. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { print, type PrintOptions } from "../../../src/backends/print/print.js";
import { normalize } from "../../../src/backends/print/rewrite.js";
import { anyExpr } from "./arbitrary.js";
import { parseOk, stripPositions } from "./helpers.js";
import { compact } from "../../check/helpers.js";

const p = (text: string, options?: PrintOptions): string => print(parseOk(text), options);
const scalar = new Set(["a", "b", "pk"]);

describe("rewrites are off by default", () => {
  it("prints the tree as it is", () => {
    const text = "(a and b) and c or x in [3, 1, 1] or a == 1 or a == 2";
    expect(p(text)).toBe(text);
    expect(p(text, {})).toBe(text);
  });
});

describe("flatten", () => {
  it.each([
    ["(a and b) and c", "a and b and c"],
    ["a and (b and (c and d))", "a and b and c and d"],
    ["(a or b) or (c or d)", "a or b or c or d"],
    ["(a or b) and (c or d)", "(a or b) and (c or d)"],
    ["((a and b) or c) and d", "(a and b or c) and d"],
    ["f((a and b) and c)", "f(a and b and c)"],
    ["x > 1 and (y > 2 and random_sample(0.1))", "x > 1 and y > 2 and random_sample(0.1)"],
  ])("%s  =>  %s", (input, want) => {
    expect(p(input, { flatten: true })).toBe(want);
  });
});

describe("sortLists", () => {
  it.each([
    ["x in [3, 1, 2, 1]", "x in [1, 2, 3]"],
    ["x not in ['b', \"a\", 'b']", 'x not in ["a", "b"]'],
    ["x in [true, false, true]", "x in [false, true]"],
    ["x in [2, -1, 1.5, 0x10, 16]", "x in [-1, 1.5, 2, 16]"],
    // 1 and 1.0 differ on JSON keys: both kept (integer first)
    ["x in [1.0, 1]", "x in [1, 1.0]"],
    ["x in [\"b\", 2, true]", 'x in [true, 2, "b"]'],
    // code-point (UTF-8 byte) order, not UTF-16 order
    ["x in [\"\uffff\", \"\u{10000}\"]", "x in [\"\uffff\", \"\u{10000}\"]"],
    ["x in [[2, 1], [1]]", "x in [[1], [2, 1]]"],
    ["json_contains_any(x, [3, 1, 3])", "json_contains_any(x, [1, 3])"],
    ["array_contains_all(x, [3, 1])", "array_contains_all(x, [1, 3])"],
    // not sets: left alone
    ["x == [3, 1]", "x == [3, 1]"],
    ["json_contains(x, [3, 1])", "json_contains(x, [3, 1])"],
    // not all constants: left alone
    ["x in [3, y, 1]", "x in [3, y, 1]"],
    ["x in {list}", "x in {list}"],
    ["x in [9223372036854775807, 9223372036854775806]", "x in [9223372036854775806, 9223372036854775807]"],
  ])("%s  =>  %s", (input, want) => {
    expect(p(input, { sortLists: true })).toBe(want);
  });
});

describe("orToIn (only for declared scalar columns)", () => {
  it.each([
    ["a == 1 or a == 2", "a in [1, 2]"],
    ["a == 1 or b == 2 or a == 3", "a in [1, 3] or b == 2"],
    ["1 == a or a == -2", "a in [1, -2]"],
    ["a in [1, 2] or a == 3", "a in [1, 2, 3]"],
    ['a == "x" or a == \'y\'', 'a in ["x", "y"]'],
    ["a != 1 and a != 2", "a not in [1, 2]"],
    ["a not in [1] and a != 2 and c > 0", "a not in [1, 2] and c > 0"],
    // mixed kinds are not merged across kinds
    ['a == 1 or a == "x"', 'a == 1 or a == "x"'],
    // floats are never merged
    ["a == 1.5 or a == 2.5", "a == 1.5 or a == 2.5"],
    // a column not declared scalar (could be a dynamic-field JSON key)
    ["c == 1 or c == 2", "c == 1 or c == 2"],
    ["x[\"k\"] == 1 or x[\"k\"] == 2", 'x["k"] == 1 or x["k"] == 2'],
    // `==` in an `and` chain and `!=` in an `or` chain are not set membership
    ["a == 1 and a == 2", "a == 1 and a == 2"],
    ["a != 1 or a != 2", "a != 1 or a != 2"],
    // one equality alone is left as it is
    ["a == 1 or b == 2", "a == 1 or b == 2"],
    ["not (a == 1 or a == 2)", "not (a in [1, 2])"],
  ])("%s  =>  %s", (input, want) => {
    expect(p(input, { orToIn: scalar })).toBe(want);
  });
  it("takes a predicate too", () => {
    expect(p("pk == 1 or pk == 2", { orToIn: (n) => n === "pk" })).toBe("pk in [1, 2]");
  });
  it("takes an array of names too", () => {
    expect(p("a == 1 or a == 2 or c == 1 or c == 2", { orToIn: ["a"] })).toBe("a in [1, 2] or c == 1 or c == 2");
  });
  it("true takes the scalar fields of the given schema, and says so when the schema is missing", () => {
    const schema = compact({ name: "t", dynamic: true, fields: { id: "Int64 primary", a: "Int32", tags: "Array<Int64, 4>", meta: "JSON" } });
    expect(p("a == 1 or a == 2", { orToIn: true, schema })).toBe("a in [1, 2]");
    // not a field (a dynamic key) and not scalar: left alone
    expect(p("c == 1 or c == 2", { orToIn: true, schema })).toBe("c == 1 or c == 2");
    expect(p("meta == 1 or meta == 2", { orToIn: true, schema })).toBe("meta == 1 or meta == 2");
    expect(() => p("a == 1 or a == 2", { orToIn: true })).toThrow(/orToIn: true needs the schema/);
    expect(p("a == 1 or a == 2", { orToIn: false })).toBe("a == 1 or a == 2");
  });
  it("combines with sortLists and flatten", () => {
    expect(p("(a == 3 or b == 1) or (a == 1 or a == 3)", { orToIn: scalar, sortLists: true, flatten: true })).toBe("a in [1, 3] or b == 1");
  });
});

describe("rewrites on generated trees", () => {
  const all: PrintOptions = { flatten: true, sortLists: true, orToIn: () => true };
  it("the result still parses back to the rewritten tree", () => {
    fc.assert(
      fc.property(anyExpr, (ast) => {
        const rewritten = normalize(ast, all);
        const text = print(rewritten);
        expect(stripPositions(parseOk(text))).toEqual(stripPositions(rewritten));
      }),
      { numRuns: 500 },
    );
  });
  it("rewriting is idempotent", () => {
    fc.assert(
      fc.property(anyExpr, (ast) => {
        const once = print(ast, all);
        expect(print(parseOk(once), all)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
  it("does not modify its input", () => {
    fc.assert(
      fc.property(anyExpr, (ast) => {
        const before = JSON.stringify(stripPositions(ast), (_, v) => (typeof v === "bigint" ? `${v}n` : v));
        normalize(ast, all);
        expect(JSON.stringify(stripPositions(ast), (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
