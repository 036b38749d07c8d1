/**
 * Properties: the checker never throws (and never reports an internal error) on any tree the parser
 * produces, from arbitrary or mutated input against randomly generated schemas; and a filter
 * accepted for a target is accepted for every newer target.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadSchema, type CollectionSchema } from "../../src/schema/index.js";
import { DEFAULT_LIMITS, parse } from "../../src/syntax/parse.js";
import { check, TARGETS, type CheckOptions } from "../../src/check/index.js";
import { CASES } from "../conformance/corpus.js";
import { BOOKS } from "./helpers.js";

const TYPES = [
  "Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "VarChar(16)", "VarChar(16) match", "Text match", "JSON",
  "Array<Int64>", "Array<VarChar(8)>", "Array<Double>", "Geometry", "Timestamptz", "Date", "Time", "Decimal(10, 2)",
  "FloatVector(4)", "SparseFloatVector", "ArrayOfVector<FloatVector(4)>",
];
const NAMES = ["a", "b", "A", "x", "id", "title", "tags", "meta", "geo", "ts", "in", "iso", "threshold", "struct_array", "f_1"];

const schemaArb: fc.Arbitrary<CollectionSchema | undefined> = fc.option(
  fc
    .record({
      dynamic: fc.boolean(),
      fields: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...TYPES), fc.boolean()), { selector: (t) => t[0], maxLength: 8 }),
      struct: fc.boolean(),
    })
    .map(({ dynamic, fields, struct }) => {
      const r = loadSchema({
        dynamic,
        fields: Object.fromEntries(fields.map(([n, t, nullable]) => [n, `${t}${nullable && !t.includes("Vector") ? " nullable" : ""}`])),
        ...(struct && !fields.some(([n]) => n === "s") ? { structs: { s: { fields: { sub: "Int32", lbl: "VarChar(8)" } } } } : {}),
      });
      return r.schema ?? BOOKS;
    }),
  { nil: undefined },
);

const corpusExprs = CASES.map((c) => c.expr).filter((e) => e.length < 400);
const TOKENS = ["(", ")", "[", "]", ",", " and ", " or ", "not ", " == ", " < ", " in ", " like ", "{p}", "$", "$[sub]", "1", "1.5", "'s'", "r'x'", "-", "+", "**", "&", "<<", "true", "a", "meta['k']", "s[sub]", "exists ", " is null", "=~"];

const mutated = fc.tuple(fc.constantFrom(...corpusExprs), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...TOKENS)), { maxLength: 4 })).map(([expr, edits]) => {
  let s = expr;
  for (const [pos, kind, tok] of edits) {
    const at = s.length === 0 ? 0 : pos % (s.length + 1);
    if (kind === 0) s = s.slice(0, at) + s.slice(at + 1);
    else if (kind === 1) s = s.slice(0, at) + tok + s.slice(at);
    else s = s.slice(0, at) + tok + s.slice(at + tok.length);
  }
  return s;
});

const generated = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((t) => t.join(""));

const inputArb = fc.oneof(mutated, generated, fc.string({ maxLength: 60 }), fc.constantFrom(...corpusExprs));

function options(schema: CollectionSchema | undefined, extra: Partial<CheckOptions> = {}): CheckOptions {
  return { purpose: "query", ...(schema ? { schema } : {}), ...extra };
}

describe("checker properties", () => {
  it("never throws and never reports an internal error", () => {
    fc.assert(
      fc.property(inputArb, schemaArb, fc.constantFrom(...TARGETS), fc.constantFrom("delete", "query"), fc.boolean(), (text, schema, target, purpose, withParams) => {
        const parsed = parse(text);
        const params = withParams ? new Map([["p", { kind: "int64", value: 1n } as const]]) : undefined;
        const r = check(parsed, options(schema, { target, purpose: purpose as "delete" | "query", ...(params ? { params } : {}) }));
        expect(r.diagnostics.filter((d) => d.code === "internal/error")).toEqual([]);
        if (parsed.ast === null) expect(r.ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  // Each shape is checked at the deepest nesting the parser accepts (found, not assumed), so the
  // checker really runs on trees at the limit; one level more must be the parser's limit/too-deep.
  it("survives the deepest trees the parser accepts", () => {
    const shapes: [string, (n: number) => string, boolean][] = [
      ["not", (n) => "not ".repeat(n) + "(year > 1)", true],
      ["parentheses", (n) => "(".repeat(n) + "year > 1" + ")".repeat(n), true],
      ["unary minus", (n) => "-".repeat(n) + "1 == year", true],
      ["arithmetic", (n) => "(".repeat(n) + "year" + " + 1)".repeat(n) + " > 2", true],
      // Rejected like Milvus ("complicated arithmetic operations are not supported"), unlike `year`.
      ["json path in arithmetic", (n) => "(".repeat(n) + 'meta["k"]' + " * 2)".repeat(n) + " < 9", false],
    ];
    const maxDepth = DEFAULT_LIMITS.maxDepth;
    for (const [name, make, valid] of shapes) {
      let deepest = 0;
      for (let n = maxDepth; n > 0 && deepest === 0; n--) if (parse(make(n)).ast) deepest = n;
      expect(deepest, `${name}: the parser accepts nesting close to maxDepth`).toBeGreaterThanOrEqual(maxDepth - 2);
      expect(parse(make(deepest + 1)).diagnostics.map((d) => d.code), name).toContain("limit/too-deep");
      for (const target of TARGETS) {
        const r = check(parse(make(deepest)), options(BOOKS, { target }));
        expect(r.diagnostics.filter((d) => d.code === "internal/error"), `${name} at ${target}`).toEqual([]);
        if (target === "3.0") expect(r.ok, `${name}: ${r.diagnostics[0]?.message ?? ""}`).toBe(valid);
      }
    }
    const wide = check(parse("year == 1 or ".repeat(20000) + "year == 2"), options(BOOKS));
    expect(wide.diagnostics.filter((d) => d.code === "internal/error")).toEqual([]);
  });

  it("accepts for every newer target what it accepts for a target (random inputs)", () => {
    fc.assert(
      fc.property(inputArb, schemaArb, (text, schema) => {
        const parsed = parse(text);
        let accepted = false;
        for (const target of TARGETS) {
          const ok = check(parsed, options(schema, { target })).ok;
          if (accepted) expect(ok, `${text} at ${target}`).toBe(true);
          accepted ||= ok;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts for every newer target what it accepts for a target (corpus)", () => {
    const broken: string[] = [];
    for (const text of corpusExprs) {
      const parsed = parse(text);
      let accepted = false;
      for (const target of TARGETS) {
        const ok = check(parsed, options(BOOKS, { target })).ok;
        if (accepted && !ok) broken.push(`${text} at ${target}`);
        accepted ||= ok;
      }
    }
    expect(broken).toEqual([]);
  });
});
