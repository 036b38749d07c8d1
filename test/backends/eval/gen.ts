/**
 * fast-check generators for the differential tests: a fixed schema covering every evaluated type,
 * random rows full of edge cases, and random filters (as text, parsed by the real parser) that
 * Milvus accepts for that schema.
 */
import fc from "fast-check";
import { loadSchema, type CollectionSchema } from "../../../src/schema/index.js";
import { JsonFloat } from "../../../src/util/json.js";

export const SCHEMA: CollectionSchema = (() => {
  const r = loadSchema({
    dynamic: true,
    fields: {
      id: "Int64 primary",
      i64: "Int64 nullable",
      i32: "Int32 nullable",
      i8: "Int8 nullable",
      f32: "Float nullable",
      f64: "Double nullable",
      s: "VarChar(64) nullable",
      b: "Bool nullable",
      ai: "Array<Int64> nullable",
      af: "Array<Float>",
      as: "Array<VarChar(16)> nullable",
      j: "JSON nullable",
      jn: "JSON",
    },
    structs: { st: { fields: { x: "Int32", lab: "VarChar(16)" } } },
  });
  if (!r.schema || r.issues.length > 0) throw new Error(JSON.stringify(r.issues));
  return r.schema;
})();

// ---------------------------------------------------------------- values

const I64_EDGES = [0n, 1n, -1n, 2n, 7n, -7n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 31n, -(2n ** 31n) - 1n];
const num = (b: bigint): number | bigint => (b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b);

export const arbInt64 = fc.oneof(
  fc.constantFrom(...I64_EDGES).map(num),
  fc.integer({ min: -10, max: 10 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(num),
);
export const arbInt32 = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 16777217, -16777217));
export const arbInt8 = fc.integer({ min: -128, max: 127 });
export const arbDouble = fc.oneof(
  fc.constantFrom(0, -0, 0.1, 0.5, 1, 1.5, -2.5, 2 ** 53, 2 ** 53 + 2, 1e300, -1e-300, 25999.9999, 1000, 16777217),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: -10, max: 10 }),
);
const CHARS = ["a", "b", "A", "%", "_", "\\", "é", "😀", "\uFFFF", "\uE000", " ", "\n"];
export const arbString = fc.oneof(
  fc.constantFrom("", "a", "ab", "abc", "b", "red", "Red car", "blue", "😀", "\uE000", "a%b", "a_b", "é", "aaab"),
  fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((a) => a.join("")),
);
const KEYS = ["k", "x", "n", "__proto__", "constructor", "toString", "0"];

/** A JSON value as the lossless reader produces it (ints beyond 2^53 as bigint, some floats tagged). */
export const arbJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    arbInt64,
    arbDouble.map((d) => (Number.isInteger(d) && Math.abs(d) < 2 ** 53 ? new JsonFloat(d, `${d}.0`) : d)),
    arbString,
    fc.boolean(),
    fc.constant(null),
    // Values exists / the profiles treat specially: empty containers, all-null members, doubles beyond 2^53.
    fc.constantFrom<unknown>([], [null], [[], null], new JsonFloat(2 ** 53, "9007199254740992.0"), 2n ** 53n + 1n),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.tuple(fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 3 }), fc.boolean()).map(([o, plain]) => (plain ? toPlain(o) : toNullProto(o))),
  ),
})).value;

/** A plain object (prototype Object.prototype) with the same own keys, `__proto__` included as data. */
function toPlain(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) Object.defineProperty(out, k, { value: o[k], enumerable: true, writable: true, configurable: true });
  return out;
}

function toNullProto(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(o)) out[k] = o[k];
  return out;
}

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> =>
  fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });

/** A row: typed fields (sometimes NULL or absent), JSON, dynamic keys top-level or in $meta, a struct array. */
export const arbRow = fc
  .record({
    id: arbInt64,
    i64: maybe(arbInt64),
    i32: maybe(arbInt32),
    i8: maybe(arbInt8),
    f32: maybe(arbDouble),
    f64: maybe(arbDouble),
    s: maybe(arbString),
    b: maybe(fc.boolean()),
    ai: maybe(fc.array(arbInt64, { maxLength: 4 })),
    af: fc.array(arbDouble, { maxLength: 3 }),
    as: maybe(fc.array(arbString, { maxLength: 4 })),
    j: maybe(arbJson),
    jn: arbJson.filter((v) => v !== null),
    dyn: fc.dictionary(fc.constantFrom("color", "score", "k", "toString", "__proto__", "tags"), arbJson, { maxKeys: 3 }),
    inMeta: fc.boolean(),
    st: maybe(fc.array(fc.record({ x: maybe(arbInt32), lab: maybe(arbString) }), { maxLength: 3 })),
    nullProto: fc.boolean(),
  })
  .map((r) => {
    const row: Record<string, unknown> = r.nullProto ? Object.create(null) : {};
    const put = (k: string, v: unknown): void => {
      if (v === undefined) return;
      Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
    };
    for (const k of ["id", "i64", "i32", "i8", "f32", "f64", "s", "b", "ai", "af", "as", "j", "jn"] as const) put(k, r[k]);
    if (r.st !== undefined && r.st !== null) {
      put(
        "st",
        r.st.map((e) => {
          const o: Record<string, unknown> = Object.create(null);
          if (e.x !== undefined) o.x = e.x;
          if (e.lab !== undefined) o.lab = e.lab;
          return o;
        }),
      );
    } else if (r.st === null) put("st", null);
    if (r.inMeta) put("$meta", toNullProto(r.dyn));
    else for (const k of Object.keys(r.dyn)) put(k, r.dyn[k]);
    return row;
  });

// ---------------------------------------------------------------- filters

const intLit = fc.oneof(
  fc.integer({ min: -10, max: 10 }).map(String),
  fc.constantFrom("9007199254740993", "9223372036854775807", "-9223372036854775808", "2147483647", "0x10", "010", "0b11", "(2 ** 3)", "(1 + 2)", "(7 / 2)", "(-7 % 3)"),
);
const floatLit = fc.oneof(fc.constantFrom("0.1", "0.5", "1.5", "-2.5", "25999.9999", "1e300", "1.0", ".5", "9007199254740992.0", "16777217.0"), fc.integer({ min: -10, max: 10 }).map((n) => `${n}.25`));
const numLit = fc.oneof(intLit, floatLit);
const strLit = fc.oneof(
  fc.constantFrom('""', '"a"', '"ab"', '"b"', '"red"', "'blue'", '"é"', '"😀"', '"\\uE000"', 'r"a%b"', '"a\\\\%b"'),
  arbString.filter((s) => !/[\\\n"]/.test(s)).map((s) => JSON.stringify(s)),
);
const boolLit = fc.constantFrom("true", "false", "True", "FALSE");
const anyLit = fc.oneof(intLit, floatLit, strLit, boolLit);
const likePat = fc.oneof(
  fc.constantFrom('"%"', '"a%"', '"%a"', '"%a%"', '"a_b"', '"_"', '"__"', '"%b%a%"', '"a\\\\%%"', 'r"a\\_b"', '"😀%"', '"_😀"', '""', '"%%"', '"a%b%c"', '"%_a_%"'),
  fc.array(fc.constantFrom("a", "b", "%", "_", "é", "😀"), { maxLength: 5 }).map((a) => JSON.stringify(a.join(""))),
);
const regexPat = fc.constantFrom('"a"', '"^a"', '"b$"', '"a.b"', '"(?i)RED"', '"[ab]+"', '"^$"', '""', 'r"\\d"', '"😀"', '"a|b"', '"^(a|b)*$"');
const op = fc.constantFrom("==", "!=", "<", "<=", ">", ">=");
const eqop = fc.constantFrom("==", "!=");
const jsonRef = fc.constantFrom('j["k"]', 'j["x"]', 'j["n"]', 'j["__proto__"]', 'j["constructor"]', 'j["k"][0]', 'j[0]', 'jn["k"]', 'jn["x"]["k"]', "color", "score", "toString", '$meta["color"]', '$meta["__proto__"]', "k", 'tags[0]');
const intCol = fc.constantFrom("i64", "i32", "i8", "id", "ai[0]", "ai[2]", "st[0][x]");
const floatCol = fc.constantFrom("f32", "f64", "af[0]");
const strCol = fc.constantFrom("s", "as[0]", "as[1]", "st[1][lab]");

function listOf(a: fc.Arbitrary<string>, max = 4): fc.Arbitrary<string> {
  return fc.array(a, { maxLength: max }).map((xs) => `[${xs.join(", ")}]`);
}

/** A leaf predicate Milvus accepts on SCHEMA. */
const leaf: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(intCol, op, intLit).map(([c, o, v]) => `${c} ${o} ${v}`),
  fc.tuple(intLit, op, intCol).map(([v, o, c]) => `${v} ${o} ${c}`),
  fc.tuple(floatCol, op, numLit).map(([c, o, v]) => `${c} ${o} ${v}`),
  fc.tuple(strCol, op, strLit).map(([c, o, v]) => `${c} ${o} ${v}`),
  fc.tuple(eqop, boolLit).map(([o, v]) => `b ${o} ${v}`),
  fc.tuple(jsonRef, op, anyLit).map(([c, o, v]) => `${c} ${o} ${v}`),
  fc.tuple(jsonRef, eqop, listOf(fc.oneof(intLit, strLit), 3)).map(([c, o, v]) => `${c} ${o} ${v}`),
  fc.tuple(fc.constantFrom("i64", "i32"), op, fc.constantFrom("i64", "i32", "i8", "f32", "f64")).map(([a, o, b]) => `${a} ${o} ${b}`),
  fc.tuple(fc.constantFrom("f32", "f64"), op, fc.constantFrom("f32", "f64", "i64")).map(([a, o, b]) => `${a} ${o} ${b}`),
  fc.tuple(op).map(([o]) => `s ${o} s`),
  // ranges
  fc.tuple(fc.integer({ min: -5, max: 3 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.boolean(), intCol).map(
    ([lo, w, a, b, c]) => `${lo} ${a ? "<=" : "<"} ${c} ${b ? "<=" : "<"} ${lo + w + 1}`,
  ),
  fc.tuple(fc.integer({ min: -5, max: 3 }), fc.boolean(), fc.constantFrom("f32", "f64", 'j["k"]', "score")).map(([lo, a, c]) => `${lo + 10}.5 >${a ? "=" : ""} ${c} > ${lo}`),
  fc.tuple(fc.constantFrom('"a"', '""'), fc.constantFrom('"b"', '"z"'), fc.constantFrom("s", 'j["k"]')).map(([lo, hi, c]) => `${lo} <= ${c} < ${hi}`),
  // in / not in
  fc.tuple(intCol, fc.boolean(), listOf(intLit)).map(([c, n, l]) => `${c} ${n ? "not in" : "in"} ${l}`),
  fc.tuple(floatCol, fc.boolean(), listOf(numLit)).map(([c, n, l]) => `${c} ${n ? "not in" : "in"} ${l}`),
  fc.tuple(strCol, fc.boolean(), listOf(strLit)).map(([c, n, l]) => `${c} ${n ? "not in" : "in"} ${l}`),
  // A list whose first element is an array fails on the server (TermExpr.cpp "unknown data type"), so none here.
  fc.tuple(jsonRef, fc.boolean(), listOf(anyLit).filter((l) => !/^\[\s*\[/.test(l))).map(([c, n, l]) => `${c} ${n ? "not in" : "in"} ${l}`),
  // like / regex
  fc.tuple(fc.constantFrom("s", "as[0]", 'j["k"]', "color", "st[0][lab]"), likePat).map(([c, p]) => `${c} like ${p}`),
  fc.tuple(fc.constantFrom("s", 'j["k"]', "color"), fc.constantFrom("=~", "!~"), regexPat).map(([c, o, p]) => `${c} ${o} ${p}`),
  // exists / is null
  jsonRef.filter((r) => r !== "tags[0]").map((r) => `exists ${r}`),
  fc.tuple(fc.constantFrom("i64", "s", "b", "ai", "j", "jn", "f32", 'j["k"]', "color", "toString", '$meta["color"]', "st"), fc.boolean()).map(
    ([c, n]) => `${c} ${n ? "is not null" : "is null"}`,
  ),
  // arrays
  fc.tuple(fc.constantFrom("array_contains", "json_contains", "ARRAY_CONTAINS"), intLit).map(([f, v]) => `${f}(ai, ${v})`),
  fc.tuple(fc.constantFrom("array_contains_all", "array_contains_any", "json_contains_any"), listOf(intLit)).map(([f, v]) => `${f}(ai, ${v})`),
  fc.tuple(fc.constantFrom("array_contains", "array_contains_any"), fc.oneof(strLit, listOf(strLit))).map(([f, v]) =>
    f === "array_contains" && v.startsWith("[") ? `array_contains_all(as, ${v})` : f === "array_contains_any" && !v.startsWith("[") ? `array_contains(as, ${v})` : `${f}(as, ${v})`,
  ),
  fc.tuple(fc.constantFrom("json_contains", "json_contains_all", "json_contains_any"), fc.constantFrom('j["k"]', "j", "tags", 'jn["x"]', "$meta"), anyLit, listOf(fc.oneof(anyLit, listOf(intLit, 2)))).map(
    ([f, c, v, l]) => (f === "json_contains" ? `${f}(${c}, ${v})` : `${f}(${c}, ${l})`),
  ),
  fc.tuple(fc.constantFrom("json_contains"), listOf(intLit, 2)).map(([f, l]) => `${f}(j["k"], ${l})`),
  fc.tuple(fc.constantFrom("ai", "as", 'j["k"]', "tags", "j", "st[lab]"), op, fc.integer({ min: -1, max: 4 })).map(([c, o, n]) => `array_length(${c}) ${o} ${n}`),
  fc.tuple(eqop, listOf(intLit, 3)).map(([o, l]) => `ai ${o} ${l}`),
  fc.tuple(eqop, listOf(numLit, 2)).map(([o, l]) => `af ${o} ${l}`),
  // arithmetic
  fc.tuple(fc.constantFrom("i64", "i32", "i8", "ai[0]", "id"), fc.constantFrom("+", "-", "*", "/", "%"), fc.constantFrom("1", "2", "3", "-3", "7", "9223372036854775807", "2147483648"), op, intLit).map(
    ([c, a, k, o, v]) => `${c} ${a} ${k} ${o} ${v}`,
  ),
  fc.tuple(fc.constantFrom("i64", "i32"), fc.constantFrom("&", "|", "^"), fc.constantFrom("1", "3", "255", "-1"), eqop, intLit).map(([c, a, k, o, v]) => `(${c} ${a} ${k}) ${o} ${v}`),
  fc.tuple(fc.constantFrom("f32", "f64", "af[0]"), fc.constantFrom("+", "-", "*", "/"), fc.constantFrom("1", "26", "0.5", "3.25", "-2"), op, numLit).map(
    ([c, a, k, o, v]) => `${c} ${a} ${k} ${o} ${v}`,
  ),
  fc.tuple(fc.constantFrom('j["k"]', "score", 'jn["x"]'), fc.constantFrom("+", "-", "*", "/", "%"), fc.constantFrom("1", "2", "3", "-3"), op, intLit).map(
    ([c, a, k, o, v]) => `${c} ${a} ${k} ${o} ${v}`,
  ),
  fc.tuple(fc.constantFrom('j["k"]', "score"), fc.constantFrom("+", "*", "/"), fc.constantFrom("1.5", "2", "0.25"), op, numLit).map(([c, a, k, o, v]) => `${c} ${a} ${k} ${o} ${v}`),
  fc.tuple(fc.constantFrom("2", "3"), fc.constantFrom("+", "*"), fc.constantFrom("i64", "i32"), op, intLit).map(([k, a, c, o, v]) => `${k} ${a} ${c} ${o} ${v}`),
  // struct arrays and MATCH_*
  fc.tuple(fc.constantFrom("MATCH_ANY", "MATCH_ALL", "match_any", "element_filter"), fc.constantFrom("$[x] > 0", '$[lab] like "a%"', "$[x] in [1, 2]", "$[x] == 1 or $[lab] == \"b\"", "not ($[x] < 5)")).map(
    ([f, p]) => `${f}(st, ${p})`,
  ),
  fc.tuple(fc.constantFrom("MATCH_LEAST", "MATCH_MOST", "MATCH_EXACT"), fc.constantFrom("$[x] > 0", "$[lab] != \"a\""), fc.integer({ min: 1, max: 3 })).map(
    ([f, p, k]) => `${f}(st, ${p}, threshold=${k})`,
  ),
  fc.tuple(fc.constantFrom("MATCH_ANY", "MATCH_ALL"), fc.constantFrom("$ > 0", "$ == 9007199254740993", "$ in [1, -1]")).map(([f, p]) => `${f}(ai, ${p})`),
  fc.constantFrom('MATCH_ANY(as, $ like "a%")', "MATCH_ALL(af, $ < 1.5)", 'MATCH_ANY(j, $ == "a")', "MATCH_ANY(jn, $ > 1)", 'MATCH_ANY(j["k"], $ == "a")', 'MATCH_ALL(jn["x"], $ > 0)'),
  fc.constantFrom("st[x] == [1, 2]", "array_contains(st[x], 1)", "st[0][x] > 0"),
  // pairs of bounds on one field (the fast compilation merges them into one range)
  fc.tuple(fc.constantFrom("i64", "i32", "id", "f64", "i8"), fc.constantFrom(">", ">="), fc.constantFrom("<", "<="), intLit, numLit, fc.boolean()).map(([c, a, b, lo, hi, flip]) =>
    flip ? `${hi} ${a} ${c} and ${lo} ${b} ${c}` : `${c} ${a} ${lo} and ${c} ${b} ${c === "f64" ? hi : lo}`,
  ),
  fc.tuple(fc.constantFrom("i64", "f64"), intLit, intLit).map(([c, a, b]) => `${c} < ${a} and s != "x" and ${c} >= ${b}`),
  // constants
  fc.constantFrom("1 == 1", '"a" < "b"', "true", "false", "1 < 1.5", "2 ** 3 == 8"),
  // templates
  fc.constantFrom("i64 == {ti}", "i64 in {tl}", "f64 > {tf}", "s == {ts}", 'j["k"] in {tl}', "{ti} < i64"),
);

/** A filter: leaves joined by and / or / not, up to depth 3, sometimes closed by random_sample. */
export const arbFilter: fc.Arbitrary<string> = fc
  .tuple(
    fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("node"), fc.constantFrom("and", "or", "&&", "||", "AND"), tie("node")).map(([a, o, b]) => `(${a}) ${o} (${b})`),
        tie("node").map((a) => `not (${a})`),
        fc.array(tie("node"), { minLength: 3, maxLength: 4 }).map((xs) => xs.map((x) => `(${x})`).join(" and ")),
      ),
    })).node,
    fc.boolean(),
  )
  .map(([f, sample]) => (sample ? `(${f}) and random_sample(0.5)` : f));

export const PARAMS = { ti: 7, tl: [1, 9007199254740993n, 2], tf: new JsonFloat(1.5, "1.5"), ts: "red" } as const;

/** A small deterministic PRNG (mulberry32) for random_sample. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
