/**
 * The hand-written lexer (src/syntax/lexer.ts) against Chevrotain's Lexer built from the token
 * definitions in tokens.ts: the same tokens, types, images and offsets on every input.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { Lexer } from "chevrotain";
import { allTokens } from "../../src/syntax/tokens.js";
import { lex } from "../../src/syntax/lexer.js";

const reference = new Lexer(allTokens, { positionTracking: "onlyOffset", skipValidations: true });

type Row = [type: string, image: string, offset: number];

/**
 * Chevrotain's tokens. Its first-character table sends some characters above U+00FF to lexer
 * errors instead of the BadCharacter token (which way depends on the character's bucket); the hand
 * lexer makes every such UTF-16 unit a BadCharacter, so errors are compared as those.
 */
function expected(text: string): Row[] {
  const r = reference.tokenize(text);
  const rows: Row[] = r.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset]);
  for (const e of r.errors) for (let i = e.offset; i < e.offset + e.length; i++) rows.push(["BadCharacter", text[i]!, i]);
  return rows.sort((a, b) => a[2] - b[2]);
}

const actual = (text: string): Row[] => lex(text).map((t) => [t.tokenType.name, t.image, t.startOffset]);

const FRAGMENTS = [
  " ", "\t", "\n", "\r", "\r\n", "\f", "\u00a0", "é", "中", "😀", "\ud800",
  "a", "b_1", "_", "x", "u", "u8", "U", "L", "r", "R", "e", "E", "p", "P", "f", "F",
  "0", "1", "7", "8", "9", "00", "08", "0x", "0X", "0b", "0B", "1f", "ff",
  ".", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "(", ")", "[", "]", "{", "}", ",", "$", "\\", "@", "#", ";", ":", "?", "`",
  '"', "'", '"a"', "'b'", '"\\"', "'\\''", "\\n", "\\x41",
  "$meta", "meta", "[0]", '["k"]', "['k']", '[r"k"]', "[sub]", "[0][f]",
  "and", "AND", "And", "or", "OR", "not", "NOT", "in", "IN", "like", "LIKE", "exists", "true", "True", "TRUE", "false", "FALSE",
  "is", "IS", "null", "NULL", "is null", "is not null", "IS NULL", "IS NOT NULL", "is  null", "Is null",
  "iso", "interval", "threshold", "minimum_should_match", "text_match", "text_match_fuzzy", "phrase_match", "random_sample",
  "element_filter", "match_all", "match_any", "match_least", "match_most", "match_exact",
  "json_contains", "json_contains_all", "json_contains_any", "array_contains", "array_contains_all", "array_contains_any", "array_length",
  "st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within", "st_dwithin", "st_isvalid",
  "&&", "||", "**", "<<", ">>", "<=", ">=", "==", "!=", "=~", "!~", "[ ]", "[\n]",
  "1.5", ".5", "1.", "1e5", "1E-5", "1.e+3", "0x1p3", "0x1.8p-2", "0x.8P1", "0x1.p3", "0xAp", "0x1.", "1e", "1e+",
];

describe("lexer", () => {
  it("matches Chevrotain's lexer on random mixtures of token fragments", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(actual(text)).toEqual(expected(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("matches Chevrotain's lexer on random characters", () => {
    const chars = fc.string({ unit: fc.constantFrom(..."aeiulnsrxpbR0189.+-e_E[]()\"'\\$ \n=<>!&|*,mt{}".split("")), maxLength: 24 });
    fc.assert(
      fc.property(chars, (text) => {
        expect(actual(text)).toEqual(expected(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("matches Chevrotain's lexer on every single character", () => {
    for (let c = 0; c < 0x10000; c++) {
      const text = `a${String.fromCharCode(c)}1`;
      expect(actual(text)).toEqual(expected(text));
    }
  });

  it("matches Chevrotain's lexer on the benchmark corpora", () => {
    for (const name of ["corpus-mixed", "corpus-large"]) {
      const lines = readFileSync(new URL(`../../bench/corpus/${name}.jsonl`, import.meta.url), "utf8").split("\n").filter(Boolean);
      for (const line of lines) {
        const text = JSON.parse(line) as string;
        expect(actual(text)).toEqual(expected(text));
      }
    }
  });
});
