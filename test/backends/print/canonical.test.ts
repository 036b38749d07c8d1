/**
 * The canonical form: the identity fixture, the normalisation pairs, and one test per decision.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as A from "../../../src/syntax/ast.js";
import { DEFAULT_LIMITS, parse } from "../../../src/syntax/parse.js";
import { print } from "../../../src/backends/print/print.js";
import { fixtureLines, parseOk, stripPositions } from "./helpers.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const canon = (text: string): string => print(parseOk(text));

describe("test/fixtures/canonical.filter: every line is its own canonical form", () => {
  const lines = fixtureLines(fixture("canonical.filter"));
  it("has a line for every node kind", () => {
    const kinds = new Set<string>();
    for (const l of lines) {
      const stack: unknown[] = [parseOk(l)];
      while (stack.length > 0) {
        const n = stack.pop();
        if (typeof n !== "object" || n === null) continue;
        if (!Array.isArray(n) && typeof (n as { kind?: unknown }).kind === "string" && "id" in n) kinds.add((n as A.Root).kind);
        stack.push(...Object.values(n));
      }
    }
    const all: A.NodeKind[] = [
      "Integer", "Float", "Boolean", "String", "RawString", "Identifier", "JSONIdentifier", "StructField", "StructIndexField",
      "StructSubField", "ElementSelf", "TemplateVariable", "Array", "EmptyArray", "Unary", "Exists", "Like", "RegexMatch",
      "Power", "MulDivMod", "AddSub", "Shift", "BitAnd", "BitXor", "BitOr", "Relational", "Equality", "Range", "ReverseRange",
      "Term", "And", "Or", "IsNull", "IsNotNull", "Call", "TextMatch", "TextMatchFuzzy", "PhraseMatch", "RandomSample",
      "ElementFilter", "MatchSimple", "MatchThreshold", "JSONContains", "JSONContainsAll", "JSONContainsAny", "SpatialBinary",
      "STDWithin", "STIsValid", "ArrayLength", "TimestamptzCompareForward", "TimestamptzCompareReverse",
    ];
    expect(all.filter((k) => !kinds.has(k))).toEqual([]);
  });
  it.each(lines)("%s", (line) => {
    expect(canon(line)).toBe(line);
  });
});

describe("test/fixtures/canonical-pairs.txt: input => canonical", () => {
  const pairs = fixtureLines(fixture("canonical-pairs.txt")).map((l) => {
    const i = l.indexOf("  =>  ");
    if (i < 0) throw new Error(`bad pair line: ${l}`);
    return [l.slice(0, i), l.slice(i + 6)] as const;
  });
  it.each(pairs)("%s  =>  %s", (input, want) => {
    const ast = parseOk(input);
    expect(print(ast)).toBe(want);
    // the canonical side is canonical, and it means the same tree
    expect(canon(want)).toBe(want);
    expect(stripPositions(parseOk(want), { spelling: false })).toEqual(stripPositions(ast, { spelling: false }));
  });
});

describe("canonical-form decisions", () => {
  it("the empty filter prints as the empty string", () => {
    expect(canon("")).toBe("");
    expect(canon("  \n\t ")).toBe("");
  });

  it("one line, whatever the input layout", () => {
    expect(canon("a == 1\nand\r\nb == 2")).toBe("a == 1 and b == 2");
  });

  it("integers: exact digits of the value, past 2^53 and past int64", () => {
    expect(canon("a == 9007199254740993")).toBe("a == 9007199254740993");
    expect(canon("a == 0x7FFFFFFFFFFFFFFF")).toBe("a == 9223372036854775807");
    expect(canon("a == 0xFFFFFFFFFFFFFFFFFF")).toBe("a == 4722366482869645213695");
    expect(canon("a == 017")).toBe("a == 15");
  });

  it("floats: the exact decimal value is kept, never rounded through a double", () => {
    // Decimal fields read the token text: 18 significant digits must survive.
    expect(canon("d == 12345678901234.56780")).toBe("d == 12345678901234.5678");
    expect(canon("d == 0.10000000000000000000001")).toBe("d == 0.10000000000000000000001");
    // the notation is kept: Milvus rejects exponent notation on Decimal fields
    expect(canon("d == 0.0000001")).toBe("d == 0.0000001");
    expect(canon("d == 1E-7")).toBe("d == 1e-7");
    expect(canon("d == 1000000000000000000000000.0")).toBe("d == 1000000000000000000000000.0");
    // a float stays a float
    expect(canon("d == 1.")).toBe("d == 1.0");
    expect(canon("d == 1e0")).toBe("d == 1e0");
  });

  it("floats: every decimal spelling of a value reads back as the same double", () => {
    for (const t of ["0.1", "1e-320", "5e-324", "1.7976931348623157e308", "123456789.123456789", "0x1.fffffffffffffp1023"]) {
      const ast = parseOk(`a == ${t}`) as A.Equality;
      const back = parseOk(print(ast)) as A.Equality;
      expect(Object.is((back.right as A.Float).value, (ast.right as A.Float).value), t).toBe(true);
    }
  });

  it("floats Milvus rejects (overflow) are kept as written", () => {
    expect(canon("a == 1e999")).toBe("a == 1e999");
    expect(canon("a == 0x1p99999")).toBe("a == 0x1p99999");
  });

  it("strings decode to the same value after printing", () => {
    for (const t of [String.raw`'a\'b"c'`, String.raw`"\x00\u00e9\U0001F600"`, String.raw`"\a\b\f\n\r\t\v\\"`, `"中文"`, String.raw`u"x"`]) {
      const ast = parseOk(`s == ${t}`) as A.Equality;
      const back = parseOk(print(ast)) as A.Equality;
      expect((back.right as A.String).value, t).toBe((ast.right as A.String).value);
    }
  });

  it("strings that are not UTF-8 or that Milvus rejects keep their exact token", () => {
    expect(canon(String.raw`s == '\xc3\x28'`)).toBe(String.raw`s == '\xc3\x28'`);
    expect(canon(String.raw`s == '\z'`)).toBe(String.raw`s == '\z'`);
    expect(canon(String.raw`s == "\400"`)).toBe(String.raw`s == "\400"`);
  });

  it("regex patterns: the re-quoted pattern is the same RE2 pattern, or the token is kept", () => {
    expect(canon(String.raw`a =~ '\\d'`)).toBe(String.raw`a =~ "\\d"`);
    expect(canon(String.raw`a =~ 'a"b'`)).toBe(String.raw`a =~ "a\"b"`);
    // Go decoding gives the same value but Milvus's regex reading differs: keep the token
    expect(canon(String.raw`a =~ "\x41"`)).toBe(String.raw`a =~ "\x41"`);
    expect(canon(String.raw`a =~ '\''`)).toBe(String.raw`a =~ "'"`);
  });

  it("LIKE patterns are values: escapes are normalised, wildcards untouched", () => {
    expect(canon(String.raw`a like '50\\%'`)).toBe(String.raw`a like "50\\%"`);
    expect(canon(String.raw`a like 'x_y%'`)).toBe(String.raw`a like "x_y%"`);
  });

  it("JSON keys: re-quoted so Milvus reads the same key", () => {
    expect(canon(`a['k'] == 1`)).toBe(`a["k"] == 1`);
    expect(canon(String.raw`a["\u0041"] == 1`)).toBe(`a["A"] == 1`);
    expect(canon(String.raw`a[r"x\q"] == 1`)).toBe(String.raw`a["x\u005cq"] == 1`);
    // a key Milvus rejects stays as written
    expect(canon(`a[""] == 1`)).toBe(`a[""] == 1`);
  });

  it("JSON keys only a raw key can hold stay raw", () => {
    expect(canon(`a[r"\u{20000}"] == 1`)).toBe(`a[r"\u{20000}"] == 1`);
  });

  it("parentheses: never inside `and`/`or` chains of the other kind when precedence suffices", () => {
    expect(canon("(a and b) or (c and d)")).toBe("a and b or c and d");
    expect(canon("(a or b) and (c or d)")).toBe("(a or b) and (c or d)");
  });

  it("parentheses that only group an and/or chain are kept: the tree differs", () => {
    const nested = parseOk("(a and b) and c") as A.And;
    expect(nested.operands).toHaveLength(2);
    expect(print(nested)).toBe("(a and b) and c");
    expect(canon("a and b and c")).toBe("a and b and c");
  });
});

describe("deep and long trees print without recursion", () => {
  it("a long left-deep arithmetic chain", () => {
    const text = `a == ${Array.from({ length: 20000 }, () => "1").join(" + ")}`;
    expect(canon(text)).toBe(text);
  });
  it("a long and-chain", () => {
    const text = Array.from({ length: 20000 }, (_, i) => `a${i} == ${i}`).join(" and ");
    expect(canon(text)).toBe(text);
  });
  it("nesting to the parser's depth limit", () => {
    const depth = Math.floor(DEFAULT_LIMITS.maxDepth / 2) - 1;
    const text = `${"not (".repeat(depth)}a == 1${")".repeat(depth)}`;
    expect(canon(text)).toBe(text);
    const r = parse(`${"(".repeat(DEFAULT_LIMITS.maxDepth - 1)}a${")".repeat(DEFAULT_LIMITS.maxDepth - 1)}`);
    expect(print(r.ast!)).toBe("a");
  });
  it("hand-built trees deeper than any parse", () => {
    let t: A.Expr = { id: 0, span: { start: 0, end: 0 }, kind: "Identifier", name: "a" };
    for (let i = 0; i < 50000; i++) t = { id: 0, span: { start: 0, end: 0 }, kind: "Unary", op: "-", operand: t };
    expect(print(t)).toMatch(/^-\(-\(-\(/);
  });
});
