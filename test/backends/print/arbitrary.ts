/**
 * fast-check arbitraries for well-formed filter ASTs, built from a model of the grammar (not from
 * strings): every node kind, with the token constraints the parser imposes —
 * - identifiers follow `[a-zA-Z_][a-zA-Z0-9_]*` and are not reserved keywords; contextual
 *   keywords (`threshold`, `st_equals`, `match_least`, …) appear as field names; `$meta` only
 *   where the grammar accepts it (expression position, JSON-path base);
 * - generic function names are plain identifiers (no keyword of any kind);
 * - range middles are single field tokens (identifier, JSON path, `$[sub]`, `s[0][sub]`, `$`);
 * - `is null` operands are identifiers or JSON paths; keyword-function fields are bare names;
 * - literals carry the canonical spelling the printer emits (`raw`), so trees compare exactly,
 *   plus literals Milvus rejects (kept verbatim by the printer).
 * Ids and spans are dummies: comparisons strip them.
 */
import fc from "fast-check";
import type * as A from "../../../src/syntax/ast.js";
import { decodeStringLiteral, quoteJsonKey, quoteRawString, quoteString } from "../../../src/syntax/literals.js";
import { decimalText } from "../../../src/backends/print/literals.js";
import { classifyName } from "../../../src/backends/print/names.js";

const SPAN = { start: 0, end: 0 };
const node = <N extends A.Root>(fields: Omit<N, "id" | "span">): N => ({ id: 0, span: SPAN, ...fields }) as N;

const randomName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,7}$/);
const CONTEXTUAL = ["iso", "ISO", "threshold", "THRESHOLD", "interval", "st_equals", "ST_DWITHIN", "match_least", "element_filter", "minimum_should_match", "text_match_fuzzy"];
const TRICKY = ["a", "b", "x_1", "_", "Age", "is", "r", "R", "u", "u8", "L", "null", "nil", "IN_stock", "And", "Like", "True", "json_Contains"];

/** A field name usable in expression position and where the grammar wants an Identifier token. */
export const fieldName = fc
  .oneof(fc.constantFrom(...TRICKY, ...CONTEXTUAL), randomName)
  .filter((n) => classifyName(n) === "identifier" || classifyName(n) === "contextual");
/** A generic function or option name: a plain identifier. */
export const callName = fc.oneof(fc.constantFrom("f", "starts_with", "empty", "Json_Contains", "is"), randomName).filter((n) => classifyName(n) === "identifier");
/** Any ASCII identifier, keywords included: names inside composite tokens (`s[sub]`, `a["k"]`). */
const tokenName = fc.oneof(fc.constantFrom("in", "and", "like", "TRUE", "s", "sub"), randomName);

const ident = (names: fc.Arbitrary<string>): fc.Arbitrary<A.Identifier> => names.map((name) => node<A.Identifier>({ kind: "Identifier", name }));
const fieldIdent = ident(fieldName);
const exprIdent = ident(fc.oneof({ weight: 9, arbitrary: fieldName }, { weight: 1, arbitrary: fc.constant("$meta") }));

// ------------------------------------------------------------------ literals

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const trickyChars = fc.constantFrom("\\", '"', "'", "\n", "\r", "\t", "\0", "\x7f", "%", "_", "[", "]", "中", "😀", "\u{20000}", "\u0085", "\u2028", "{", "}", " ", "a", "r");
/** Full-Unicode strings, biased towards characters that make quoting hard. */
export const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: trickyChars, maxLength: 10 }));

const integer = fc
  .oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }), fc.constantFrom(0n, 1n, 2n ** 63n - 1n, 2n ** 63n))
  .map((value) => node<A.Integer>({ kind: "Integer", value, raw: value.toString() }));

const floatLit = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)), fc.boolean()) },
  { weight: 1, arbitrary: fc.constant([Number.NaN, false] as [number, boolean]) },
).map(([v, exponent]) => {
  if (Number.isNaN(v)) return node<A.Float>({ kind: "Float", value: Number.NaN, raw: "1e999" }); // rejected by Milvus: kept verbatim
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v))!;
  const frac = m[2] ?? "";
  return node<A.Float>({ kind: "Float", value: v, raw: decimalText(m[1]! + frac, BigInt(m[3] ?? "0") - BigInt(frac.length), exponent) });
});

const boolLit = fc.boolean().map((value) => node<A.Boolean>({ kind: "Boolean", value }));

/** Canonical strings, plus tokens Milvus rejects or reads as raw bytes (printed verbatim). */
export const stringLit: fc.Arbitrary<A.String> = fc.oneof(
  { weight: 9, arbitrary: anyText.filter((s) => !LONE.test(s)).map((value) => node<A.String>({ kind: "String", value, raw: quoteString(value) })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(String.raw`"\q"`, String.raw`'\378'`, String.raw`"\xff"`, String.raw`"\d+"`, String.raw`'it\'s \z'`).map((raw) => {
      const d = decodeStringLiteral(raw);
      return node<A.String>(d.ok ? { kind: "String", value: d.value, raw } : { kind: "String", value: null, raw, error: d.error });
    }),
  },
);

const rawStringLit = anyText
  .map((value) => {
    try {
      return node<A.RawString>({ kind: "RawString", value, raw: quoteRawString(value) });
    } catch {
      return undefined;
    }
  })
  .filter((n): n is A.RawString => n !== undefined);

const literal: fc.Arbitrary<A.Expr> = fc.oneof(integer, floatLit, boolLit, stringLit, rawStringLit);

// ------------------------------------------------------------------ references

const jsonKey: fc.Arbitrary<A.JsonKey> = fc.oneof(
  fc.nat({ max: 12 }).map((i) => ({ kind: "index" as const, value: String(i) })),
  anyText
    .map((value): A.JsonKey | undefined => {
      try {
        const raw = quoteJsonKey(value, true);
        return { kind: "key", value, raw, quote: raw.startsWith("r") ? "raw" : "string" };
      } catch {
        return undefined;
      }
    })
    .filter((k): k is A.JsonKey => k !== undefined),
);

export const jsonPath: fc.Arbitrary<A.JSONIdentifier> = fc
  .tuple(fc.oneof(fieldName, tokenName, fc.constant("$meta")), fc.array(jsonKey, { minLength: 1, maxLength: 3 }))
  .map(([base, keys]) => node<A.JSONIdentifier>({ kind: "JSONIdentifier", base, keys }));

const structField = fc.tuple(tokenName, tokenName).map(([struct, sub]) => node<A.StructField>({ kind: "StructField", struct, sub }));
const structIndexField = fc
  .tuple(tokenName, fc.nat({ max: 20 }), tokenName)
  .map(([struct, i, sub]) => node<A.StructIndexField>({ kind: "StructIndexField", struct, index: String(i), sub }));
const structSubField = tokenName.map((sub) => node<A.StructSubField>({ kind: "StructSubField", sub }));
const elementSelf = fc.constant(node<A.ElementSelf>({ kind: "ElementSelf" }));

const rangeField: fc.Arbitrary<A.RangeField> = fc.oneof(fieldIdent, jsonPath, structSubField, structIndexField, elementSelf);
const reference: fc.Arbitrary<A.Expr> = fc.oneof(exprIdent, jsonPath, structField, structIndexField, structSubField, elementSelf);
const template = fieldName.map((name) => node<A.TemplateVariable>({ kind: "TemplateVariable", name }));

const leaf: fc.Arbitrary<A.Expr> = fc.oneof(
  { weight: 4, arbitrary: literal },
  { weight: 4, arbitrary: reference },
  { weight: 1, arbitrary: template },
  { weight: 1, arbitrary: fc.constant(node<A.EmptyArray>({ kind: "EmptyArray" })) },
);

// ------------------------------------------------------------------ composite nodes

// Milvus reads `threshold=` in base 10 and the other options with Go's base-0 rules; the parser does the same.
const intOption = (name: fc.Arbitrary<string>): fc.Arbitrary<A.IntOption> =>
  fc.tuple(name, fc.oneof(fc.nat({ max: 1000 }).map(String), fc.constantFrom("0x2", "010", "0b1", "00"))).map(([n, raw]) => ({
    name: n,
    raw,
    value: n.toLowerCase() === "threshold" && /^[0-9]+$/.test(raw) ? BigInt(raw) : BigInt(/^0[0-7]+$/.test(raw) ? `0o${raw.slice(1)}` : raw),
    span: SPAN,
  }));

const interval = fc.option(fc.record({ op: fc.constantFrom("+" as const, "-" as const), value: stringLit }), { nil: undefined });
const cmpOp = fc.constantFrom<A.CmpOp>("<", "<=", ">", ">=", "==", "!=");

const { expr } = fc.letrec<{ expr: A.Expr }>((tie) => {
  const e = tie("expr");
  const bin = <K extends A.ArithNode["kind"]>(kind: K, ops: readonly string[]) =>
    fc.tuple(fc.constantFrom(...ops), e, e).map(([op, left, right]) => node({ kind, op, left, right } as never) as A.Expr);
  const composites: fc.Arbitrary<A.Expr>[] = [
    fc.array(e, { minLength: 1, maxLength: 3 }).map((elements) => node<A.Array>({ kind: "Array", elements })),
    fc.tuple(fc.constantFrom<A.Unary["op"]>("+", "-", "~", "not"), e).map(([op, operand]) => node<A.Unary>({ kind: "Unary", op, operand })),
    e.map((operand) => node<A.Exists>({ kind: "Exists", operand })),
    fc.tuple(e, e).map(([left, pattern]) => node<A.Like>({ kind: "Like", left, pattern })),
    fc.tuple(fc.boolean(), e, e).map(([negated, left, pattern]) => node<A.RegexMatch>({ kind: "RegexMatch", negated, left, pattern })),
    bin("Power", ["**"]),
    bin("MulDivMod", ["*", "/", "%"]),
    bin("AddSub", ["+", "-"]),
    bin("Shift", ["<<", ">>"]),
    bin("BitAnd", ["&"]),
    bin("BitXor", ["^"]),
    bin("BitOr", ["|"]),
    fc.tuple(fc.constantFrom<A.RelOp>("<", "<=", ">", ">="), e, e).map(([op, left, right]) => node<A.Relational>({ kind: "Relational", op, left, right })),
    fc.tuple(fc.constantFrom<"==" | "!=">("==", "!="), e, e).map(([op, left, right]) => node<A.Equality>({ kind: "Equality", op, left, right })),
    fc
      .tuple(e, fc.boolean(), rangeField, fc.boolean(), e)
      .map(([lower, lowerInclusive, field, upperInclusive, upper]) => node<A.Range>({ kind: "Range", lower, lowerInclusive, field, upperInclusive, upper })),
    fc
      .tuple(e, fc.boolean(), rangeField, fc.boolean(), e)
      .map(([upper, upperInclusive, field, lowerInclusive, lower]) =>
        node<A.ReverseRange>({ kind: "ReverseRange", upper, upperInclusive, field, lowerInclusive, lower }),
      ),
    fc.tuple(fc.boolean(), e, e).map(([negated, left, right]) => node<A.Term>({ kind: "Term", negated, left, right })),
    fc.array(e, { minLength: 2, maxLength: 4 }).map((operands) => node<A.And>({ kind: "And", operands })),
    fc.array(e, { minLength: 2, maxLength: 4 }).map((operands) => node<A.Or>({ kind: "Or", operands })),
    fc.tuple(fc.boolean(), fc.oneof(fieldIdent, jsonPath)).map(([isNull, operand]) => node<A.IsNull | A.IsNotNull>({ kind: isNull ? "IsNull" : "IsNotNull", operand } as never)),
    fc.tuple(callName, fc.array(e, { maxLength: 3 })).map(([name, args]) => node<A.Call>({ kind: "Call", name, nameSpan: SPAN, args })),
    fc
      .tuple(fieldIdent, e, fc.option(intOption(fc.constant("minimum_should_match")), { nil: undefined }))
      .map(([field, query, m]) => node<A.TextMatch>({ kind: "TextMatch", field, query, ...(m ? { minimumShouldMatch: m } : {}) })),
    fc
      .tuple(fieldIdent, e, intOption(callName))
      .map(([field, query, option]) => node<A.TextMatchFuzzy>({ kind: "TextMatchFuzzy", field, query, option })),
    fc.tuple(fieldIdent, e, fc.option(e, { nil: undefined })).map(([field, query, slop]) => node<A.PhraseMatch>({ kind: "PhraseMatch", field, query, ...(slop ? { slop } : {}) })),
    e.map((factor) => node<A.RandomSample>({ kind: "RandomSample", factor })),
    fc.tuple(fieldIdent, e).map(([field, predicate]) => node<A.ElementFilter>({ kind: "ElementFilter", field, predicate })),
    fc
      .tuple(fc.constantFrom<A.MatchSimple["fn"]>("match_all", "match_any"), fc.oneof(fieldIdent, jsonPath), e)
      .map(([fn, field, predicate]) => node<A.MatchSimple>({ kind: "MatchSimple", fn, field, predicate })),
    fc
      .tuple(fc.constantFrom<A.MatchThreshold["fn"]>("match_least", "match_most", "match_exact"), fc.oneof(fieldIdent, jsonPath), e, intOption(fc.constant("threshold")))
      .map(([fn, field, predicate, threshold]) => node<A.MatchThreshold>({ kind: "MatchThreshold", fn, field, predicate, threshold })),
    fc
      .tuple(fc.constantFrom("JSONContains", "JSONContainsAll", "JSONContainsAny"), fc.constantFrom<"json" | "array">("json", "array"), e, e)
      .map(([kind, family, target, value]) => node<A.JSONContains>({ kind, family, target, value } as never)),
    fc
      .tuple(fc.constantFrom<A.SpatialOp>("st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within"), fieldIdent, e)
      .map(([fn, field, wkt]) => node<A.SpatialBinary>({ kind: "SpatialBinary", fn, field, wkt })),
    fc.tuple(fieldIdent, e, e).map(([field, wkt, distance]) => node<A.STDWithin>({ kind: "STDWithin", field, wkt, distance })),
    fieldIdent.map((field) => node<A.STIsValid>({ kind: "STIsValid", field })),
    fc.oneof(fieldIdent, jsonPath, structField).map((target) => node<A.ArrayLength>({ kind: "ArrayLength", target })),
    fc
      .tuple(fieldIdent, interval, cmpOp, stringLit)
      .map(([field, iv, op, iso]) => node<A.TimestamptzCompareForward>({ kind: "TimestamptzCompareForward", field, ...(iv ? { interval: iv } : {}), op, iso })),
    fc
      .tuple(stringLit, cmpOp, fieldIdent, interval)
      .map(([iso, op, field, iv]) => node<A.TimestamptzCompareReverse>({ kind: "TimestamptzCompareReverse", iso, op, field, ...(iv ? { interval: iv } : {}) })),
  ];
  // Shapes where a token-level trap sits, generated on purpose (they are rare by chance):
  // `(a < f) < c` and `(a < f) < g < c` with a single field token `f` (would re-read as a range),
  // comparisons whose right side is a timestamptz form, and `not`/`exists` under operators.
  const relOp = fc.constantFrom<A.RelOp>("<", "<=", ">", ">=");
  const nestedRel = fc.tuple(relOp, e, rangeField).map(([op, left, right]) => node<A.Relational>({ kind: "Relational", op, left, right }));
  const traps: fc.Arbitrary<A.Expr>[] = [
    fc.tuple(relOp, nestedRel, e).map(([op, left, right]) => node<A.Relational>({ kind: "Relational", op, left, right })),
    fc
      .tuple(fc.boolean(), nestedRel, fc.boolean(), rangeField, fc.boolean(), e)
      .map(([lt, lower, li, field, ui, upper]) =>
        lt
          ? node<A.Range>({ kind: "Range", lower, lowerInclusive: li, field, upperInclusive: ui, upper })
          : node<A.ReverseRange>({ kind: "ReverseRange", upper: lower, upperInclusive: li, field, lowerInclusive: ui, lower: upper }),
      ),
    fc
      .tuple(fc.constantFrom<"==" | "!=">("==", "!="), fieldIdent, fc.oneof(composites[composites.length - 1]!, composites[composites.length - 2]!))
      .map(([op, left, right]) => node<A.Equality>({ kind: "Equality", op, left, right })),
    fc
      .tuple(fc.constantFrom<A.Unary["op"]>("not", "-"), e, fc.constantFrom("Equality", "Like", "Term"), e)
      .map(([op, operand, kind, right]) => {
        const left = op === "not" ? node<A.Unary>({ kind: "Unary", op, operand }) : node<A.Exists>({ kind: "Exists", operand });
        if (kind === "Like") return node<A.Like>({ kind: "Like", left, pattern: right });
        if (kind === "Term") return node<A.Term>({ kind: "Term", negated: false, left, right });
        return node<A.Equality>({ kind: "Equality", op: "==", left, right });
      }),
  ];
  return { expr: fc.oneof({ depthSize: "small", maxDepth: 5 }, leaf, ...composites, ...traps) };
});

/** Any well-formed expression tree. */
export const anyExpr: fc.Arbitrary<A.Expr> = expr;
