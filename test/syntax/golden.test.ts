import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { sexpr } from "./sexpr.js";

const lines = readFileSync(new URL("../fixtures/ast-golden.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"));

const cases = lines.map((line) => {
  const at = line.lastIndexOf("  =>  ");
  return { input: line.slice(0, at), expected: line.slice(at + 6) };
});

describe("golden ASTs (test/fixtures/ast-golden.txt)", () => {
  it.each(cases)("$input", ({ input, expected }) => {
    const r = parse(input);
    if (expected === "!ERROR") {
      expect(r.ast).toBeNull();
      expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
    } else {
      expect(r.diagnostics).toEqual([]);
      expect(sexpr(r.ast!)).toBe(expected);
    }
  });

  it("covers every node kind", () => {
    const kinds = new Set<string>();
    for (const { input, expected } of cases) {
      if (expected === "!ERROR") continue;
      const stack = [parse(input).ast!];
      while (stack.length) {
        const n = stack.pop()! as unknown as Record<string, unknown>;
        kinds.add(n.kind as string);
        for (const v of Object.values(n)) {
          if (Array.isArray(v)) for (const x of v) if (x && typeof x === "object" && "kind" in x) stack.push(x);
          if (v && typeof v === "object" && "kind" in (v as object)) stack.push(v as never);
          if (v && typeof v === "object" && "value" in (v as object) && (v as { value: { kind?: string } }).value?.kind) stack.push((v as { value: never }).value);
        }
      }
    }
    const all = [
      "Integer", "Float", "Boolean", "String", "RawString", "Identifier", "JSONIdentifier", "StructField",
      "StructIndexField", "StructSubField", "ElementSelf", "TemplateVariable", "Array", "EmptyArray", "Unary",
      "Exists", "Like", "RegexMatch", "Power", "MulDivMod", "AddSub", "Shift", "BitAnd", "BitXor", "BitOr",
      "Relational", "Equality", "Range", "ReverseRange", "Term", "And", "Or", "IsNull", "IsNotNull", "Call",
      "TextMatch", "TextMatchFuzzy", "PhraseMatch", "RandomSample", "ElementFilter", "MatchSimple", "MatchThreshold",
      "JSONContains", "JSONContainsAll", "JSONContainsAny", "SpatialBinary", "STDWithin", "STIsValid", "ArrayLength",
      "TimestamptzCompareForward", "TimestamptzCompareReverse", "Empty",
    ];
    expect(all.filter((k) => !kinds.has(k))).toEqual([]);
  });
});

describe("spans", () => {
  it("a parenthesised operand's span includes its parentheses, so every node slices to balanced text", () => {
    const text = "a == (b or (c)) and not (d > 1)";
    const r = parse(text);
    const slices: string[] = [];
    const stack = [r.ast!];
    while (stack.length) {
      const n = stack.pop()! as unknown as { span: { start: number; end: number } } & Record<string, unknown>;
      const s = text.slice(n.span.start, n.span.end);
      slices.push(s);
      expect(s.split("(").length, s).toBe(s.split(")").length);
      for (const v of Object.values(n)) {
        if (Array.isArray(v)) for (const x of v) if (x && typeof x === "object" && "kind" in x) stack.push(x);
        if (v && typeof v === "object" && "kind" in (v as object)) stack.push(v as never);
      }
    }
    expect(slices).toContain("(b or (c))");
    expect(slices).toContain("not (d > 1)");
  });
});
