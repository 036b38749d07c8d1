/**
 * Injection properties: no interpolated value can change the shape of the filter. For any
 * JavaScript string (full Unicode, quotes, backslashes, newlines, NUL, Han, lone surrogates,
 * `") or true or ("`), the built filter is the tree the template describes, with the value as
 * one literal that decodes back to exactly the string; a string Milvus cannot hold (a lone
 * surrogate) is refused with a FilterBuildError, never altered.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as A from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { decodeStringLiteral, regexPatternValue } from "../../src/syntax/literals.js";
import { FilterBuildError, filter, jsonPath, like, regex, type Filter } from "../../src/builder/index.js";

const RUNS = Number(process.env.FC_RUNS ?? 1000);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ATTACKS = [
  '") or true or ("',
  "') or true or ('",
  '" or 1 == 1 or "',
  "\\",
  '\\"',
  "\\') or (\\'",
  "\n",
  "\r\n",
  "\0",
  "中文",
  "\u{20000}",
  "a\u2028b",
  "} or {",
  "] or a in [",
  '"] or a["',
  "x\uD800",
  "\uDC00",
];
const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 });
const tricky = fc.string({ unit: fc.constantFrom('"', "'", "\\", "\n", "\r", "\0", ")", "(", " or ", "true", "中", "😀", "%", "_", "]", "[", "\uD800", "\uDC00"), maxLength: 12 });
/** Any JavaScript string: full Unicode, UTF-16 units (lone surrogates), quoting-hostile characters, known attacks. */
const anyString = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), units, tricky, fc.constantFrom(...ATTACKS));

/** The filter, or undefined when the builder refused it with a FilterBuildError. */
function tryBuild(build: () => Filter): Filter | undefined {
  try {
    return build();
  } catch (e) {
    if (e instanceof FilterBuildError) return undefined;
    throw e;
  }
}

/** The decoded value of a literal the builder produced. */
function stringValue(e: A.Expr): string {
  expect(e.kind).toBe("String");
  const s = e as A.String;
  expect(s.error).toBeUndefined();
  // the tree agrees with a fresh decoding of its token
  const d = decodeStringLiteral(s.raw);
  expect(d.ok && d.value).toBe(s.value);
  return s.value!;
}

describe("string values", () => {
  it("filter`title == ${s}` is one equality whose literal decodes to s, or a clear refusal", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const f = tryBuild(() => filter`title == ${s}`);
        if (f === undefined) {
          expect(LONE.test(s), JSON.stringify(s)).toBe(true);
          expect(() => filter`title == ${s}`).toThrow(/lone UTF-16 surrogate/);
          return;
        }
        expect(LONE.test(s)).toBe(false);
        const eq = f.ast as A.Equality;
        expect(eq.kind).toBe("Equality");
        expect(eq.left).toMatchObject({ kind: "Identifier", name: "title" });
        expect(stringValue(eq.right)).toBe(s);
        // the text alone, parsed afresh, says the same
        expect((parse(f.text).ast as A.Equality).right).toMatchObject({ kind: "String", value: s });
      }),
      { numRuns: RUNS },
    );
  });

  it("values cannot change the shape of a larger filter", () => {
    fc.assert(
      fc.property(anyString, anyString, (s, t) => {
        const f = tryBuild(() => filter`tenant == ${s} and (name == ${t} or name == "x") and not (deleted == ${true})`);
        if (f === undefined) {
          expect(LONE.test(s) || LONE.test(t)).toBe(true);
          return;
        }
        const and = f.ast as A.And;
        expect(and.kind).toBe("And");
        expect(and.operands.map((o) => o.kind)).toEqual(["Equality", "Or", "Unary"]);
        expect(stringValue((and.operands[0] as A.Equality).right)).toBe(s);
        const or = and.operands[1] as A.Or;
        expect(or.operands.map((o) => o.kind)).toEqual(["Equality", "Equality"]);
        expect(stringValue((or.operands[0] as A.Equality).right)).toBe(t);
      }),
      { numRuns: RUNS },
    );
  });

  it("in exprParams form the value travels as data, and the text is fixed", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const f = tryBuild(() => filter.params`title == ${s}`);
        if (f === undefined) {
          expect(LONE.test(s)).toBe(true);
          return;
        }
        expect(f.text).toBe("title == {p0}");
        expect(f.exprParams).toEqual({ p0: s });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("list elements", () => {
  it("filter`x in ${list}` is one membership test over exactly the list", () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 6 }), (list) => {
        const f = tryBuild(() => filter`x in ${list} and y == 1`);
        if (f === undefined) {
          expect(list.some((s) => LONE.test(s))).toBe(true);
          return;
        }
        const and = f.ast as A.And;
        expect(and.operands).toHaveLength(2);
        const term = and.operands[0] as A.Term;
        expect(term.kind).toBe("Term");
        if (list.length === 0) {
          expect(term.right.kind).toBe("EmptyArray");
          return;
        }
        expect((term.right as A.Array).elements.map(stringValue)).toEqual(list);
      }),
      { numRuns: RUNS },
    );
  });

  it("nested values of every kind keep their shape and their values", () => {
    const scalar = fc.oneof(
      anyString.filter((s) => !LONE.test(s)),
      fc.boolean(),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
    );
    const value = fc.letrec<{ v: unknown }>((tie) => ({ v: fc.oneof({ maxDepth: 3 }, scalar, fc.array(tie("v"), { maxLength: 4 })) })).v;
    const decode = (e: A.Expr): unknown => {
      switch (e.kind) {
        case "String":
          return stringValue(e);
        case "Boolean":
          return e.value;
        case "Integer":
          return e.value;
        case "Float":
          return e.value;
        case "Unary":
          expect(e.op).toBe("-");
          return e.operand.kind === "Integer" ? -e.operand.value : -(e.operand as A.Float).value;
        case "EmptyArray":
          return [];
        case "Array":
          return e.elements.map(decode);
        default:
          return expect.fail(`unexpected ${e.kind}`);
      }
    };
    const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map(norm) : typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v);
    fc.assert(
      fc.property(value, (v) => {
        const f = filter`a == ${v as never} or b == 2`;
        const or = f.ast as A.Or;
        expect(or.operands).toHaveLength(2);
        expect(decode((or.operands[0] as A.Equality).right)).toEqual(norm(v));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("JSON-path keys", () => {
  it("jsonPath(base, ...keys) is one path token whose keys are exactly the keys", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyString, fc.nat()), { minLength: 1, maxLength: 4 }), (keys) => {
        let f: Filter | undefined;
        try {
          f = filter`${jsonPath("meta", ...keys)} == ${1} and ok == true`;
        } catch (e) {
          // refused: an empty key, a lone surrogate, or a Han character above U+FFFF
          expect(e).toBeInstanceOf(FilterBuildError);
          expect(keys.some((k) => typeof k === "string" && (k === "" || LONE.test(k) || /\p{Script=Han}/u.test(k)))).toBe(true);
          return;
        }
        const and = f.ast as A.And;
        expect(and.operands).toHaveLength(2);
        const path = (and.operands[0] as A.Equality).left as A.JSONIdentifier;
        expect(path.kind).toBe("JSONIdentifier");
        expect(path.base).toBe("meta");
        expect(path.keys.map((k) => k.value)).toEqual(keys.map(String));
        expect(path.keys.map((k) => k.kind)).toEqual(keys.map((k) => (typeof k === "number" ? "index" : "key")));
      }),
      { numRuns: RUNS },
    );
  });

  it("a key interpolated into the template's own path", () => {
    fc.assert(
      fc.property(anyString, (k) => {
        const f = tryBuild(() => filter`meta[${k}] == 1`);
        if (f === undefined) return;
        const path = (f.ast as A.Equality).left as A.JSONIdentifier;
        expect(path.keys).toHaveLength(1);
        expect(path.keys[0]!.value).toBe(k);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("patterns", () => {
  /** The text a LIKE pattern without wildcards matches, or undefined if it has a live wildcard. */
  const likeLiteral = (p: string): string | undefined => {
    let out = "";
    for (let i = 0; i < p.length; i++) {
      if (p[i] === "\\") out += p[++i] ?? "";
      else if (p[i] === "%" || p[i] === "_") return undefined;
      else out += p[i];
    }
    return out;
  };

  it("like.exact/prefix/suffix/contains keep user text literal", () => {
    fc.assert(
      fc.property(anyString.filter((s) => !LONE.test(s)), (s) => {
        const cases: [string, string, string][] = [
          [filter`t like ${like.exact(s)}`.text, "", ""],
          [filter`t like ${like.prefix(s)}`.text, "", "%"],
          [filter`t like ${like.suffix(s)}`.text, "%", ""],
          [filter`t like ${like.contains(s)}`.text, "%", "%"],
        ];
        for (const [text, head, tail] of cases) {
          const lk = parse(text).ast as A.Like;
          expect(lk.kind).toBe("Like");
          const pattern = (lk.pattern as A.String).value!;
          expect(pattern.startsWith(head) && pattern.endsWith(tail)).toBe(true);
          expect(likeLiteral(pattern.slice(head.length, pattern.length - tail.length))).toBe(s);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("regex.literal matches the text literally, and Milvus reads back the same pattern", () => {
    fc.assert(
      fc.property(anyString.filter((s) => !LONE.test(s) && !/[\r\n]/.test(s)), (s) => {
        const f = filter`t =~ ${regex.literal(s)}`;
        const m = f.ast as A.RegexMatch;
        expect(m.kind).toBe("RegexMatch");
        const lit = m.pattern as A.String | A.RawString;
        const pattern = regexPatternValue(lit.raw, lit.kind === "RawString" ? "raw" : "string");
        expect(pattern.ok).toBe(true);
        const re = new RegExp(`^(?:${(pattern as { value: string }).value})$`, "u");
        expect(re.test(s)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
