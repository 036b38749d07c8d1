/** Limits and hostile sizes: every input gets diagnostics, never a RangeError. Speed lives in bench/. */
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, parse } from "../../src/syntax/parse.js";
import { print } from "../../src/backends/print/index.js";
import type { Or, Term, Array } from "../../src/syntax/ast.js";

describe("limits", () => {
  it("parses a 200,000-term or chain into one n-ary node", () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `a == ${i}`).join(" or ");
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.ast!.kind).toBe("Or");
    expect((r.ast as Or).operands).toHaveLength(200_000);
  });

  it("parses a 1 MB in list", () => {
    const items: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const s = String(1_000_000_000_000 + i);
      items.push(s);
      size += s.length + 2;
    }
    const r = parse(`id in [${items.join(", ")}]`);
    expect(r.diagnostics).toEqual([]);
    expect(((r.ast as Term).right as Array).elements.length).toBe(items.length);
  });

  it("parses a 200,000-term chain of and/or groups with Milvus's precedence", () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `a == ${i} and b != ${i}`).join(" || ");
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const or = r.ast as Or;
    expect(or.kind).toBe("Or");
    expect(or.operands).toHaveLength(100_000);
    expect(or.operands.every((o) => o.kind === "And" && o.operands.length === 2)).toBe(true);
    expect(or.span).toEqual({ start: 0, end: text.length });
    expect(r.tokens).toHaveLength(100_000 * 8 - 1);
  });

  it("reports an error at the end of a 200,000-term chain, with its code and place", () => {
    const text = `${Array.from({ length: 200_000 }, (_, i) => `a == ${i}`).join(" or ")} or`;
    const r = parse(text);
    expect(r.ast).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.span.start])).toEqual([["syntax/unexpected-end", text.length]]);
    const deep = `${"a == 1 or ".repeat(30_000)}${"(".repeat(201)}a${")".repeat(201)}`;
    expect(parse(deep).diagnostics.map((d) => d.code)).toEqual(["limit/too-deep"]);
  });

  it("parses a 10^6-element in list, elements and spans included", () => {
    const text = `id in [${Array.from({ length: 1_000_000 }, (_, i) => i).join(", ")}]`;
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const list = (r.ast as Term).right as Array;
    expect(list.elements).toHaveLength(1_000_000);
    expect(list.elements[999_999]).toMatchObject({ kind: "Integer", value: 999_999n, raw: "999999", span: { start: text.length - 7, end: text.length - 1 } });
    expect(list.span).toEqual({ start: 6, end: text.length });
  });

  it("reports an error at the end of a 10^6-element list, with its code and place", () => {
    const items = Array.from({ length: 1_000_000 }, (_, i) => `"v${i}"`).join(", ");
    for (const [tail, code] of [["]]", "syntax/unexpected-token"], [", ", "syntax/unexpected-end"], [", \"x]", "syntax/unterminated-string"]] as const) {
      const r = parse(`tag in [${items}${tail}`);
      expect(r.ast).toBeNull();
      expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
    }
  }, 60_000);

  it("reports 100,000 nested parentheses as too deep, not a RangeError", () => {
    const n = 100_000;
    const r = parse(`${"(".repeat(n)}a == 1${")".repeat(n)}`);
    expect(r.ast).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["limit/too-deep"]);
  });

  it("reports 100,000 chained nots as too deep", () => {
    const r = parse(`${"not ".repeat(100_000)}(a == 1)`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["limit/too-deep"]);
  });

  it("accepts Milvus's default depth (100 parentheses, 100 nots) and honours a configured limit", () => {
    const parens = `${"(".repeat(100)}FieldID > 0${")".repeat(100)}`;
    const nots = `${"not ".repeat(100)}(FieldID > 0)`;
    expect(parse(parens).ast).not.toBeNull();
    expect(parse(nots).ast).not.toBeNull();
    // Milvus's proxy.maxExpressionDepth = 50 rejects 51 nested parentheses or 51 nots.
    expect(parse(`${"(".repeat(51)}FieldID > 0${")".repeat(51)}`, { maxDepth: 50 }).diagnostics[0]?.code).toBe("limit/too-deep");
    expect(parse(`${"not ".repeat(51)}(FieldID > 0)`, { maxDepth: 50 }).diagnostics[0]?.code).toBe("limit/too-deep");
    expect(parse(`${"(".repeat(50)}FieldID > 0${")".repeat(50)}`, { maxDepth: 50 }).ast).not.toBeNull();
  });

  it("enforces the default depth of 200 and recovers for the next filter", () => {
    expect(parse(`${"[".repeat(201)}1${"]".repeat(201)}`).diagnostics.map((d) => d.code)).toEqual(["limit/too-deep"]);
    expect(parse(`${"(".repeat(199)}a${")".repeat(199)}`).diagnostics).toEqual([]);
    expect(parse("a == 1 and b").ast?.kind).toBe("And");
  });

  it("turns a stack overflow on adversarial nesting into limit/too-deep, then keeps working", () => {
    const level = "a or b and c | d ^ e & f == g < h in i << j + k * l ** m !~ n =~ o like (";
    const r = parse(`${level.repeat(150)}x${")".repeat(150)}`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["limit/too-deep"]);
    expect(parse("(a == )").diagnostics[0]?.message).toBe("expected a value after '==' but found ')'");
  });

  it("rejects input longer than maxLength with a diagnostic", () => {
    const r = parse("a == 1 or a == 2", { maxLength: 5 });
    expect(r.diagnostics[0]?.code).toBe("limit/too-long");
  });

  it("caps the number of diagnostics and says how many were left out", () => {
    const r = parse("é".repeat(500), { maxDiagnostics: 10 });
    expect(r.diagnostics).toHaveLength(11);
    expect(r.diagnostics[10]!.code).toBe("limit/too-many-diagnostics");
    expect(r.diagnostics[10]!.message).toMatch(/^490 more/);
  });

  describe("literals just below the 16 MiB input limit (issue 11, item 11: 0.1.0 threw RangeError)", () => {
    const room = DEFAULT_LIMITS.maxLength - 64;
    /** `unit` repeated to fill the room left by `around` (which holds one `$`). */
    const fill = (around: string, unit: string): string => around.replace("$", () => unit.repeat(Math.floor((room - around.length) / unit.length)));
    const cases: [string, string, string][] = [
      ["a double-quoted string", 'title == "$"', "a"],
      ["a single-quoted string", "title == '$'", "a"],
      ["a double-quoted string full of escapes", 'title == "$"', 'a\\"\\n'],
      ["a single-quoted string full of escapes", "title == '$'", "a\\'\\x41"],
      ["a prefixed string", 'title == u8"$"', "ab"],
      ["a raw string", 'title == r"$"', "a\\d"],
      ["a single-quoted raw string", "title == R'$'", "a\\d"],
      ["a JSON key", 'meta["$"] == 1', 'k\\"'],
      ["an identifier", "$ == 1", "a"],
    ];
    for (const [what, around, unit] of cases) {
      it(`parses ${what}`, () => {
        const text = fill(around, unit);
        expect(text.length).toBeGreaterThan(16_000_000);
        const r = parse(text);
        expect(r.diagnostics).toEqual([]);
        expect(r.ast).not.toBeNull();
      }, 60_000);
    }

    it("reports unterminated strings, double- and single-quoted", () => {
      for (const around of ['title == "$', "title == '$"]) {
        const r = parse(fill(around, "a\\\"b"));
        expect(r.diagnostics.map((d) => d.code)).toEqual(["syntax/unterminated-string"]);
      }
    }, 60_000);

    it("prints a 16 MiB string with an invalid escape verbatim, and a 16 MiB JSON key", () => {
      const text = fill('title == "$\\q"', "a");
      expect(print(parse(text).ast!)).toBe(text);
      const key = fill("meta['$\\q'] == 1", "a");
      const printed = print(parse(key).ast!);
      expect(print(parse(printed).ast!)).toBe(printed);
    }, 60_000);

    it("reports 16 MiB of characters outside the language without exhausting the heap", () => {
      // 0.1.0 made one lexer token per character (a few hundred bytes each) and ran out of memory.
      for (const unit of ["\\", "é", "中", "@#", "a == 1 or é "]) {
        const text = fill("$", unit);
        const r = parse(text);
        expect(r.ast).toBeNull();
        expect(r.diagnostics).toHaveLength(51);
        expect(r.diagnostics.slice(0, 50).every((d) => d.code === "syntax/invalid-character")).toBe(true);
        expect(r.diagnostics[50]!.code).toBe("limit/too-many-diagnostics");
        const bad = unit === "@#" ? text.length : unit === "a == 1 or é " ? text.length / unit.length : [...text].length;
        expect(r.diagnostics[50]!.message).toBe(`${bad - 50} more problems not shown (limit 50)`);
      }
    }, 60_000);

    it("parses a 16 MiB number (an int64 overflow for the checker)", () => {
      const r = parse(fill("year == $", "7"));
      expect(r.diagnostics).toEqual([]);
      expect(r.ast?.kind).toBe("Equality");
    }, 60_000);
  });
});
