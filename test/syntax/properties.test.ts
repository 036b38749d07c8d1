/** fast-check: `parse` answers every string with diagnostics or a tree, and positions stay in range. */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { walk } from "../../src/syntax/walk.js";

const corpus: string[] = readFileSync(new URL("../../bench/corpus/corpus-mixed.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .slice(0, 200)
  .map((l) => JSON.parse(l) as string);

function assertWellFormed(text: string): void {
  const r = parse(text);
  const hasError = r.diagnostics.some((d) => d.severity === "error");
  expect(r.ast === null).toBe(hasError);
  for (const d of r.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.span.start).toBeLessThanOrEqual(d.span.end);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.code).toMatch(/^[a-z]+\/[a-z-]+$/);
  }
  if (r.ast) {
    for (const n of walk(r.ast)) {
      expect(n.span.start).toBeGreaterThanOrEqual(0);
      expect(n.span.end).toBeLessThanOrEqual(text.length);
      expect(n.span.start).toBeLessThanOrEqual(n.span.end);
    }
  }
}

// Tokens and fragments that make random strings look like filters, so the parser goes deep.
const fragment = fc.constantFrom(
  "a", "b", "$meta", "$", "$[s]", "s[x]", "j[\"k\"]", "j['k'][0]", "1", "0x1F", "017", "1.5", ".5", "1e3", "true",
  "\"s\"", "'t'", "r\"x\"", "\"\\q\"", "{p}", "(", ")", "[", "]", "[]", ",", " ", "\n", "\t", "==", "!=", "<", "<=",
  ">", ">=", "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "~", "!", "not", "NOT", "and", "&&", "or",
  "||", "in", "not in", "like", "=~", "!~", "exists", "is null", "is not null", "=", "json_contains(", "array_length(",
  "text_match(", "match_all(", "threshold=", "iso", "interval", "random_sample(", "f(", "\"", "'", "é", "中", "\u0000",
  "\ud800", "😀",
);

describe("parse properties", () => {
  it("never throws on arbitrary strings and keeps every position in range", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => assertWellFormed(s)),
      { numRuns: 2000 },
    );
  });

  it("never throws on filter-shaped noise", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => assertWellFormed(parts.join(""))),
      { numRuns: 3000 },
    );
  });

  it("never throws on valid filters mutated by deleting, duplicating or swapping tokens", () => {
    const tokenized = corpus.map((text) => ({ text, tokens: parse(text).tokens.map((t) => [t.startOffset, t.startOffset + t.image.length] as const) }));
    const mutation = fc.record({
      which: fc.nat({ max: tokenized.length - 1 }),
      op: fc.constantFrom("delete", "duplicate", "swap"),
      i: fc.nat(),
      j: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        let { text, tokens } = tokenized[muts[0]!.which]!;
        for (const m of muts) {
          if (tokens.length === 0) break;
          const a = tokens[m.i % tokens.length]!;
          const b = tokens[m.j % tokens.length]!;
          const piece = (t: readonly [number, number]) => text.slice(t[0], t[1]);
          if (m.op === "delete") text = text.slice(0, a[0]) + text.slice(a[1]);
          else if (m.op === "duplicate") text = text.slice(0, a[1]) + " " + piece(a) + text.slice(a[1]);
          else {
            const [x, y] = a[0] <= b[0] ? [a, b] : [b, a];
            if (x[1] <= y[0]) text = text.slice(0, x[0]) + piece(y) + text.slice(x[1], y[0]) + piece(x) + text.slice(y[1]);
          }
          tokens = parse(text).tokens.map((t) => [t.startOffset, t.startOffset + t.image.length] as const);
        }
        assertWellFormed(text);
      }),
      { numRuns: 1500 },
    );
  });

  it("parses every benchmark corpus filter without diagnostics", () => {
    for (const text of corpus) expect(parse(text).diagnostics).toEqual([]);
  });
});
