/**
 * Parser bugs found while testing the printer, now fixed; these keep them fixed.
 *
 * The printer does not work around any of them silently: where its output is affected, the
 * canonical form happens to avoid the trap for other reasons (timestamptz forms are always
 * parenthesised as operands), or the generator leaves the name out (see arbitrary.ts).
 */
import { describe, expect, it } from "vitest";
import type * as A from "../../../src/syntax/ast.js";
import { parse } from "../../../src/syntax/parse.js";

const parses = (text: string): void => {
  const r = parse(text);
  expect(r.ast, r.diagnostics.map((d) => d.message).join("; ")).not.toBeNull();
};

describe("fixed parser bugs", () => {
  // The forward-timestamptz lookahead (grammar.ts timestamptzForwardAhead) checks
  // `Identifier cmp iso` but not the string literal that must follow, so a field named `iso`
  // on the right of a comparison with a field on the left is a syntax error. Milvus's ALL(*)
  // parser reads it as a plain comparison (contextual keywords may name fields).
  it("`a == iso` (a field named iso) parses", () => parses("a == iso"));
  it("`a > ISO and b` parses", () => parses("a > ISO and b"));
  it("`a < iso < 5` parses (iso as a range middle)", () => parses("a < iso < 5"));

  // The optional interval tail of a reverse timestamptz form (timestamptzReverse) is gated on
  // LA(2) == interval only; a following `+ interval` that is not `+ interval 'str'` is an error.
  it("`iso \"x\" == f + interval` parses (interval as a field)", () => parses('iso "x" == f + interval'));

  // `a < t < iso "x"`: Milvus reads `a < (t < iso "x")` (the forward form is an atom); the
  // range gate commits to a range and then fails on `iso "x"`.
  it('`a < t < iso "x"` parses', () => parses('a < t < iso "x"'));

  // spec §5.14: `threshold=N` is parsed base 10 by Milvus (`0x2` is an error), but the factory
  // reads every option with Go base-0 rules, so `threshold=010` gets value 8 instead of 10.
  it("threshold=010 has value 10", () => {
    const t = parse("match_least(s, $ > 1, threshold=010)").ast as A.MatchThreshold;
    expect(t.threshold.value).toBe(10n);
  });
});
