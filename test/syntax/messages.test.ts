/** Diagnostics a person can act on: codes, plain-words messages, exact positions. */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { renderDiagnostic } from "../../src/diag/render.js";

const first = (text: string) => parse(text).diagnostics[0]!;

describe("syntax messages", () => {
  it("says what was expected when the filter ends early", () => {
    const d = first("price ==");
    expect(d).toMatchObject({ code: "syntax/unexpected-end", line: 1, column: 9 });
    expect(d.message).toBe("expected a value after '==' but the filter ended");
  });

  it("explains mixed-case keywords", () => {
    const d = first("a == 1 And b == 2");
    expect(d.code).toBe("syntax/keyword-case");
    expect(d.message).toBe("'And' is not a keyword: write 'and' or 'AND'");
    expect(d.span).toEqual({ start: 7, end: 10 });
  });

  it("points at the opening quote of an unterminated string", () => {
    const d = first('title == "abc');
    expect(d).toMatchObject({ code: "syntax/unterminated-string", message: "unterminated string starting here", column: 10 });
  });

  it("suggests == for =", () => {
    expect(first("id = 1").message).toBe("'=' is not a comparison: write '=='");
  });

  it("catches is null spelled with two spaces or mixed case", () => {
    expect(first("a is  null").code).toBe("syntax/is-null-spelling");
    expect(first("a Is Null").code).toBe("syntax/is-null-spelling");
  });

  it("never skips a bad character silently", () => {
    const r = parse("a > 1 § b < 2");
    expect(r.ast).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toContain("syntax/invalid-character");
    expect(first("a\fb").message).toMatch(/not whitespace/);
    const emoji = first("a == 😀");
    expect(emoji.span).toEqual({ start: 5, end: 7 });
    expect(emoji.message).toContain("U+1F600");
    // One diagnostic per character, whatever the character (0.1 reported the low surrogate of an emoji again).
    expect(parse("a == 😀").diagnostics.map((d) => [d.code, d.span.start, d.span.end])).toEqual([["syntax/invalid-character", 5, 7]]);
    expect(parse("a # é ⌘ 😀 \\").diagnostics.map((d) => d.span.start)).toEqual([2, 4, 6, 8, 11]);
  });

  it("rejects non-ASCII identifiers (Milvus identifiers are ASCII)", () => {
    expect(first("价格 > 1").code).toBe("syntax/invalid-character");
  });

  it("reports independent errors in later and/or operands", () => {
    const r = parse("a = 1 and b == or (c <)");
    expect(r.diagnostics.map((d) => [d.code, d.column])).toEqual([
      ["syntax/assign-instead-of-equals", 3],
      ["syntax/unexpected-token", 16],
      ["syntax/unexpected-token", 23],
    ]);
  });

  it("uses line and column on multi-line filters", () => {
    const d = first("a == 1 and\n  b == ");
    expect([d.line, d.column]).toEqual([2, 7]);
  });

  it("renders the source line with a caret underline", () => {
    const r = parse("a == 1 And b == 2");
    expect(renderDiagnostic(r.diagnostics[0]!, r.source, { fileName: "f.txt" })).toBe(
      [
        "f.txt:1:8: error syntax/keyword-case: 'And' is not a keyword: write 'and' or 'AND'",
        "  | a == 1 And b == 2",
        "  |        ^~~",
        "  = hint: Milvus keywords are all lower case or all upper case",
      ].join("\n"),
    );
  });

  it("widens the caret under wide characters", () => {
    const r = parse('name == "中文" and 价');
    const d = r.diagnostics[0]!;
    const out = renderDiagnostic(d, r.source);
    const [, src, caret] = out.split("\n");
    // '中文' take two columns each, so the underline sits under the same glyph as in a terminal,
    // and is as wide as the glyph.
    expect(src).toBe('  | name == "中文" and 价');
    expect(caret).toBe(`  | ${" ".repeat(19)}^~`);
  });
});
