/**
 * Long filters take other paths through the parser (parse.ts `parseValid`): a long list of
 * literals is one LiteralRun token whose element nodes are made on first access, and a very long
 * text is lexed and parsed one top-level and/or operand at a time. With both thresholds lowered,
 * every filter goes those ways: trees, ids, spans, tokens and diagnostics must be exactly those of
 * the plain path.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { parse, PARSE_TUNING, type ParseResult } from "../../src/syntax/parse.js";
import { LEXER_TUNING } from "../../src/syntax/lexer.js";
import { literalListOf } from "../../src/syntax/factory.js";
import type { Array as ArrayNode, Term } from "../../src/syntax/ast.js";

const lines = (name: string): string[] =>
  readFileSync(new URL(`../../bench/corpus/${name}.jsonl`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);
const conformance = (JSON.parse(readFileSync(new URL("../data/conformance/milvus-cases.json", import.meta.url), "utf8")) as { expr: string }[]).map(
  (c) => c.expr,
);

const defaults = { ...PARSE_TUNING, ...LEXER_TUNING };
afterEach(() => {
  PARSE_TUNING.segmentFrom = defaults.segmentFrom;
  LEXER_TUNING.literalRunMin = defaults.literalRunMin;
});

/** Everything a caller can see of a parse, ids and spans included, as one string. */
function seen(r: ParseResult): string {
  return JSON.stringify(
    { ast: r.ast, diagnostics: r.diagnostics, tokens: r.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset]) },
    (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v),
  );
}

function samePaths(text: string): void {
  const plain = seen(parse(text));
  PARSE_TUNING.segmentFrom = 0;
  LEXER_TUNING.literalRunMin = 1;
  const other = seen(parse(text));
  PARSE_TUNING.segmentFrom = defaults.segmentFrom;
  LEXER_TUNING.literalRunMin = defaults.literalRunMin;
  expect(other).toBe(plain);
}

const literal = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.constantFrom("0", "017", "08", "0x1F", "0b101", "1.5", ".5", "1.", "1e3", "0x1.8p1", "1E-2", "true", "False", "TRUE"),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"a\\"b"', "'c\\'d'", 'u8"x"', "L'y'", 'r"\\d+"', "R'q'", '"\\q"', '"\\x41\\u00e9"'),
);
const gap = fc.constantFrom("", " ", "  ", "\n", "\t", " \r\n ");

describe("the paths for long inputs give the plain path's results", () => {
  it("on the benchmark corpora and the conformance cases", () => {
    for (const text of [...lines("corpus-mixed"), ...lines("corpus-large"), ...conformance]) samePaths(text);
  });

  it("on lists of literals of every kind, spacing and trailing comma", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(gap, literal, gap), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.constantFrom("id in ", "x == ", ""), (items, trailing, before) => {
        const body = items.map(([a, l, b]) => `${a}${l}${b}`).join(",");
        samePaths(`${before}[${body}${trailing ? "," : ""}]`);
        samePaths(`${before}[${body}${trailing ? "," : ""}] or [${body}, y]`);
      }),
      { numRuns: 1500 },
    );
  });

  it("when operands of thousands of tokens alternate with short ones (the lexer reuses token objects between operands)", () => {
    const long = (n: number, name: string): string => `(${Array.from({ length: n }, (_, i) => `${name}${i % 7} == ${i}`).join(" and ")})`;
    const texts = [`${long(1500, "a")} or c == 2 or ${long(3000, "b")} and d in [1, 2] or e`, `x > 1 and ${long(2000, "q")} or "s" == t or ${long(10, "r")}`];
    for (const text of texts) {
      samePaths(text);
      // The segmented path itself succeeded (a failure there would start over on the plain path,
      // hiding the fault): its result lexes the tokens again on first access.
      PARSE_TUNING.segmentFrom = 0;
      expect(Object.getOwnPropertyDescriptor(parse(text), "tokens")?.get).toBeTypeOf("function");
    }
  });

  it("on and/or chains with brackets, prefixes and errors", () => {
    const piece = fc.constantFrom("a", "b == 1", "(c or d)", "[1, 2]", "not e", "f in [1,2,3]", "g(h, i or j)", "{p}", "k < l < m", "x[\"k\"] > 2", "", ")", "(", "1 +", "é");
    const op = fc.constantFrom(" and ", " or ", " && ", " || ", " AND ", " OR ", " | ", " == ");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, op), { minLength: 1, maxLength: 8 }), piece, (pairs, last) => {
        samePaths(pairs.map(([p, o]) => p + o).join("") + last);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("long literal lists", () => {
  it("make their element nodes on first access, with the ids and spans of the plain path", () => {
    const text = `id in [${Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? `"s${i}"` : String(i))).join(", ")}] and z > 1`;
    const r = parse(text);
    const list = (r.ast as unknown as { operands: Term[] }).operands[0]!.right as ArrayNode;
    const compact = literalListOf(list);
    expect(compact?.starts).toHaveLength(1000);
    expect(list.elements).toHaveLength(1000);
    expect(list.elements).toBe(list.elements); // made once
    // `id` is node 1, the elements 2 to 1001, the list 1002: the order in which `array` makes them.
    expect(list.elements[1]).toMatchObject({ kind: "Integer", value: 1n, raw: "1", id: 3, span: { start: text.indexOf(", 1,") + 2, end: text.indexOf(", 1,") + 3 } });
    expect(list.elements[999]).toMatchObject({ kind: "String", value: "s999", id: 1001 });
    expect(list.id).toBe(1002);
    // A short list, or one with anything but literals, is built element by element.
    expect(literalListOf(((parse("id in [1, 2]").ast as Term).right) as ArrayNode)).toBeUndefined();
    expect(literalListOf(((parse(`id in [${"1, ".repeat(999)}-1]`).ast as Term).right) as ArrayNode)).toBeUndefined();
  });
});
