/**
 * Trees no filter text can express are refused with PrintError instead of printing something
 * that reads back differently. In particular a forged name or token cannot smuggle operators
 * into the output.
 */
import { describe, expect, it } from "vitest";
import type * as A from "../../../src/syntax/ast.js";
import { print, PrintError } from "../../../src/backends/print/print.js";
import { printBackend } from "../../../src/backends/print/index.js";

const S = { start: 0, end: 0 };
const id = (name: string): A.Identifier => ({ id: 0, span: S, kind: "Identifier", name });
const int = (value: bigint, raw = String(value)): A.Integer => ({ id: 0, span: S, kind: "Integer", value, raw });
const eq = (left: A.Expr, right: A.Expr): A.Equality => ({ id: 0, span: S, kind: "Equality", op: "==", left, right });
const str = (fields: Partial<A.String>): A.String => ({ id: 0, span: S, kind: "String", value: "x", raw: '"x"', ...fields });

const refused: [string, A.Root][] = [
  ["an identifier holding operators", eq(id("a == 1 or b"), int(1n))],
  ["a reserved keyword as a field", eq(id("and"), int(1n))],
  ["a non-ASCII field name", eq(id("prénom"), int(1n))],
  ["an empty field name", eq(id(""), int(1n))],
  ["$meta where a bare field is needed", { id: 0, span: S, kind: "IsNull", operand: id("$meta") }],
  ["a contextual keyword as a function name", { id: 0, span: S, kind: "Call", name: "iso", nameSpan: S, args: [] }],
  ["a reserved keyword as a function name", { id: 0, span: S, kind: "Call", name: "in", nameSpan: S, args: [] }],
  ["a template name with a brace", eq(id("a"), { id: 0, span: S, kind: "TemplateVariable", name: "x} or {y" })],
  ["a negative integer literal", eq(id("a"), int(-1n))],
  ["a negative float literal", eq(id("a"), { id: 0, span: S, kind: "Float", value: -1.5, raw: "-1.5" })],
  ["an infinite float", eq(id("a"), { id: 0, span: S, kind: "Float", value: Infinity, raw: "Infinity" })],
  ["an error string whose token is forged", eq(id("a"), str({ value: null, error: "x", raw: '"x" or true or "y"' }))],
  ["a string with a lone surrogate", eq(id("a"), str({ value: "\uD800", raw: '"?"' }))],
  ["an integer option that is not a token", {
    id: 0, span: S, kind: "MatchThreshold", fn: "match_least", field: id("s"), predicate: id("p"),
    threshold: { name: "threshold", value: 1n, raw: "1) or (true", span: S },
  }],
  ["a JSON path with a forged base", eq({ id: 0, span: S, kind: "JSONIdentifier", base: "a or b", keys: [{ kind: "index", value: "0" }] }, int(1n))],
  ["a JSON path without keys", eq({ id: 0, span: S, kind: "JSONIdentifier", base: "a", keys: [] }, int(1n))],
  ["a JSON index key that is not decimal", eq({ id: 0, span: S, kind: "JSONIdentifier", base: "a", keys: [{ kind: "index", value: "0] or [1" }] }, int(1n))],
  ["a forged JSON key token", eq({ id: 0, span: S, kind: "JSONIdentifier", base: "a", keys: [{ kind: "key", value: "", raw: '"k"] or a["', quote: "string", error: "x" }] }, int(1n))],
  ["a struct sub-field with a bracket", eq({ id: 0, span: S, kind: "StructSubField", sub: "a] or $[b" }, int(1n))],
  ["a range whose middle is $meta", {
    id: 0, span: S, kind: "Range", lower: int(1n), lowerInclusive: false, field: id("$meta"), upperInclusive: false, upper: int(2n),
  }],
  ["a one-operand and", { id: 0, span: S, kind: "And", operands: [id("a")] }],
  ["an unknown operator", { id: 0, span: S, kind: "AddSub", op: "+ 1 or" as "+", left: id("a"), right: id("b") }],
  ["an unknown node kind", { id: 0, span: S, kind: "Bogus" } as unknown as A.Root],
  ["Empty below the root", { id: 0, span: S, kind: "And", operands: [id("a"), { id: 0, span: S, kind: "Empty" } as unknown as A.Expr] }],
];

describe("PrintError", () => {
  it.each(refused)("refuses %s", (_, tree) => {
    expect(() => print(tree)).toThrow(PrintError);
  });
  it("a decodable string is printed from its value: a forged token is ignored", () => {
    expect(print(eq(id("a"), str({ value: "x", raw: '"x" or true or "y"' })))).toBe('a == "x"');
    expect(print(eq(id("a"), str({ value: "\uFFFD", raw: '"\\xff" or true or "\\xff"' })))).toBe('a == "\uFFFD"');
  });
  it("names the offending node", () => {
    const bad = id("x y");
    try {
      print(eq(bad, int(1n)));
      expect.fail("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(PrintError);
      expect((e as PrintError).node).toBe(bad);
    }
  });
  it("the backend form throws the same", () => {
    expect(() => printBackend.run({ ast: eq(id("a b"), int(1n)) })).toThrow(PrintError);
    expect(printBackend.run({ ast: eq(id("a"), int(1n)) })).toBe("a == 1");
  });
});
