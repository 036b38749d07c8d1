/**
 * Three differences from Milvus's grammar found by differential fuzzing against an ANTLR build of
 * Plan.g4 (fork zhengbuqian/milvus master 2026-07-10, /work/shared/oracle), each pinned here.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { checkText } from "../../src/check/index.js";

describe("Plan.g4 fidelity", () => {
  it("requires text_match_fuzzy's option argument (TEXTMATCHFUZZY '(' Identifier ',' expr ',' Identifier ASSIGN IntegerConstant ')')", () => {
    const r = parse('text_match_fuzzy(a, "q")');
    expect(r.ast).toBeNull();
    expect(r.diagnostics[0]!.code).toMatch(/^syntax\//);
    expect(parse('text_match_fuzzy(a, "q", max_edit_distance=1)').ast).not.toBeNull();
  });

  it.each(["\f", "\v", "\u0085", "\u00a0", "\u2028", "\u3000", " \t\r\n\f\u1680\u2000\u200a\u2029\u202f\u205f "])(
    "reads whitespace-only %j as the empty expression (Go strings.TrimSpace)",
    (text) => {
      const r = parse(text);
      expect(r.diagnostics).toEqual([]);
      expect(r.ast?.kind).toBe("Empty");
      // For delete, that is Milvus's empty-filter error, not an invalid character.
      expect(checkText(text, { purpose: "delete" }).diagnostics.map((d) => d.code)).toEqual(["purpose/delete-empty"]);
    },
  );

  it.each(["\ufeff", "\u200b", "a\f> 1"])("still rejects %j, which TrimSpace does not empty", (text) => {
    expect(parse(text).diagnostics.map((d) => d.code)).toContain("syntax/invalid-character");
  });

  it("parses an ISO comparison with an interval suffix as the right operand of a comparison", () => {
    const r = parse('a == iso "s" > b + interval "s" or c');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast?.kind).toBe("Or");
    const eq = r.ast?.kind === "Or" ? r.ast.operands[0]! : undefined;
    expect(eq?.kind).toBe("Equality");
    expect(eq?.kind === "Equality" ? eq.right.kind : undefined).toBe("TimestamptzCompareReverse");
  });

  it.each(["f(x) is null", "f(x) is not null", 'f(x) > iso "s"', 'f(x) + interval "P1D" == iso "s"'])(
    "rejects %j: a call takes no null test or timestamptz tail (0.1 dropped the tail silently)",
    (text) => {
      const r = parse(text);
      expect(r.ast).toBeNull();
      expect(r.diagnostics[0]!.code).toMatch(/^syntax\//);
    },
  );

  it("keeps the forward form where it is the only parse", () => {
    expect(parse('a == iso "s"').ast?.kind).toBe("TimestamptzCompareForward");
    expect(parse('a + interval "P1D" == iso "s" and b > 1').diagnostics).toEqual([]);
  });
});
