/**
 * Differential property for fromMongo: a small reference evaluator of Mongo query semantics over
 * plain objects (below) and our evaluator (compileFilter) on the converted filter must select the
 * same rows, on random queries × random rows (missing keys, nulls, mixed types, arrays), wherever
 * both define a result. Where Milvus deliberately differs, the reference answers "undefined" and
 * the row is not compared; every such case is in DIFFERENCES (and in docs/convert.md).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromMongo } from "../../src/convert/index.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { loadSchema } from "../../src/schema/index.js";

const RUNS = Number(process.env.FC_RUNS ?? 200);

/** The deliberate differences: what Mongo does, what the converted Milvus filter does. */
export const DIFFERENCES = [
  {
    case: "the key holds an array and the operator compares values ($eq $ne $gt… $in $nin $regex $like)",
    mongo: "matches when any element matches (or the whole array equals)",
    milvus: "compares the whole JSON value: an array never equals or orders against a scalar",
  },
  { case: "$all on a key holding a scalar", mongo: "matches when the scalar equals the only element", milvus: "json_contains_all is FALSE on non-arrays" },
  {
    case: "$exists on a key holding an explicit null, {}, [] or only nulls",
    mongo: "the key exists",
    milvus: "such a value counts as missing: exists is FALSE (common/Json.h isObjectEmpty)",
  },
  {
    case: "the whole JSON column is NULL or absent (not just a key)",
    mongo: "every key is missing: $ne, $nin, $not and $exists:false match",
    milvus: "every predicate on the column is NULL, and NULL is never selected, not even under not",
  },
  {
    case: "a nullable scalar field holding NULL",
    mongo: "null is like missing: $ne, $nin and $not match",
    milvus: "three-valued logic: the comparison is NULL and the row is not selected (add { field: null } in an $or to keep such rows)",
  },
] as const;

type Verdict = boolean | undefined;

// ------------------------------------------------------------------ the reference evaluator

const MISSING = Symbol("missing");

function get(doc: Record<string, unknown>, path: string): unknown {
  let cur: unknown = doc;
  for (const k of path.split(".")) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, k)) return MISSING;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const isNum = (v: unknown): v is number => typeof v === "number";

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  return typeof a === typeof b && a === b;
}

/** Mongo's type-bracketed order: numbers with numbers, strings with strings, else no match. */
function order(a: unknown, b: unknown): number | undefined {
  if (isNum(a) && isNum(b)) return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function likeToRegExp(p: string): RegExp {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\" && i + 1 < p.length) out += p[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === "%") out += "[\\s\\S]*";
    else if (c === "_") out += "[\\s\\S]";
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, "u");
}

const and = (xs: Verdict[]): Verdict => (xs.some((x) => x === undefined) ? undefined : xs.every(Boolean));
const or = (xs: Verdict[]): Verdict => (xs.some((x) => x === undefined) ? undefined : xs.some(Boolean));
const not = (x: Verdict): Verdict => (x === undefined ? undefined : !x);

function evalQuery(q: Record<string, unknown>, doc: Record<string, unknown>): Verdict {
  return and(
    Object.entries(q).map(([k, v]) => {
      if (k === "$and") return and((v as Record<string, unknown>[]).map((s) => evalQuery(s, doc)));
      if (k === "$or") return or((v as Record<string, unknown>[]).map((s) => evalQuery(s, doc)));
      if (k === "$nor") return not(or((v as Record<string, unknown>[]).map((s) => evalQuery(s, doc))));
      return evalCondition(get(doc, k), v);
    }),
  );
}

function evalCondition(value: unknown, cond: unknown): Verdict {
  if (typeof cond === "object" && cond !== null && !Array.isArray(cond)) {
    return and(Object.entries(cond).map(([op, arg]) => evalOp(value, op, arg)));
  }
  return evalOp(value, "$eq", cond);
}

/** Milvus's isObjectEmpty: null, or a container whose members are all (recursively) empty. */
function emptyJson(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.every(emptyJson);
  if (typeof v === "object") return Object.values(v as object).every(emptyJson);
  return false;
}

function evalOp(value: unknown, op: string, arg: unknown): Verdict {
  const present = value !== MISSING && value !== null;
  switch (op) {
    case "$exists":
      if (value === null || emptyJson(value)) return undefined; // DIFFERENCES[2]
      return (value !== MISSING) === arg;
    case "$all":
      if (present && !Array.isArray(value)) return undefined; // DIFFERENCES[1]
      return Array.isArray(value) && (arg as unknown[]).every((a) => value.some((x) => equal(x, a)));
    case "$size":
      return Array.isArray(value) && value.length === arg;
    case "$not":
      return not(evalCondition(value, arg));
  }
  if (Array.isArray(value)) return undefined; // DIFFERENCES[0]
  switch (op) {
    case "$eq":
      return arg === null ? !present : present && equal(value, arg);
    case "$ne":
      return not(evalOp(value, "$eq", arg));
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte": {
      if (!present) return false;
      const c = order(value, arg);
      if (c === undefined) return false;
      return op === "$gt" ? c > 0 : op === "$gte" ? c >= 0 : op === "$lt" ? c < 0 : c <= 0;
    }
    case "$in":
      return (arg as unknown[]).some((a) => evalOp(value, "$eq", a));
    case "$nin":
      return not(evalOp(value, "$in", arg));
    case "$regex":
      return typeof value === "string" && new RegExp(arg as string).test(value);
    case "$like":
      return typeof value === "string" && likeToRegExp(arg as string).test(value);
  }
  throw new Error(`reference evaluator: no ${op}`);
}

// ------------------------------------------------------------------ generators

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -1.5, 2.0),
  fc.constantFrom("a", "b", "ab", "", "ba", "B"),
  fc.boolean(),
);
const rowValue = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom("a", "b")), { maxLength: 3 }) },
);
const row = fc.record(
  {
    a: rowValue,
    b: rowValue,
    c: fc.oneof(fc.record({ d: rowValue }, { requiredKeys: [] }), scalar),
  },
  { requiredKeys: [] },
);
const FIELDS = ["a", "b", "c.d"] as const;
const ordered = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, "a", "b", ""));
const opObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ $eq: fc.oneof(scalar, fc.constant(null)) }),
  fc.record({ $ne: fc.oneof(scalar, fc.constant(null)) }),
  fc.record({ $gt: ordered }),
  fc.record({ $gte: ordered }),
  fc.record({ $lt: ordered }),
  fc.record({ $lte: ordered }),
  fc.record({ $gt: ordered, $lt: ordered }),
  fc.record({ $in: fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 3 }) }),
  fc.record({ $nin: fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 3 }) }),
  fc.record({ $exists: fc.boolean() }),
  fc.record({ $all: fc.array(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom("a", "b")), { minLength: 1, maxLength: 2 }) }),
  fc.record({ $size: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ $regex: fc.constantFrom("^a", "b$", "a|b", "^$", "A") }),
  fc.record({ $like: fc.constantFrom("a%", "%b", "_", "%", "a_") }),
  fc.record({ $not: fc.oneof(fc.record({ $gt: ordered }), fc.record({ $in: fc.array(scalar, { maxLength: 2 }) }), fc.record({ $eq: scalar })) }),
);
const leaf = fc.tuple(fc.constantFrom(...FIELDS), fc.oneof({ weight: 3, arbitrary: opObject }, { weight: 1, arbitrary: scalar })).map(([k, c]) => ({ [k]: c }));
const query: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ q: Record<string, unknown> }>((tie) => ({
  q: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ $and: fc.array(tie("q"), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ $or: fc.array(tie("q"), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ $nor: fc.array(tie("q"), { minLength: 1, maxLength: 2 }) }) },
    { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([x, y]) => ({ ...y, ...x })) },
  ),
})).q;

const { schema } = loadSchema({ name: "docs", fields: { id: "Int64 primary", metadata: "JSON" } });
const { schema: dynamic } = loadSchema({ name: "dyn", dynamic: true, fields: { id: "Int64 primary", vec: "FloatVector(2)" } });

/** Where the keys live: inside a JSON field, or as dynamic keys (`$meta["a"]`) of a row. */
const SETUPS = [
  { name: "a JSON field (jsonField)", options: { schema: schema!, jsonField: "metadata" }, row: (id: number, m: Record<string, unknown>) => ({ id, metadata: m }) },
  { name: "dynamic keys", options: { schema: dynamic! }, row: (id: number, m: Record<string, unknown>) => ({ id, ...m }) },
] as const;

describe("fromMongo: differential against a reference Mongo evaluator", () => {
  it.each(SETUPS)("selects the same rows wherever both define a result: $name", (setup) => {
    let compared = 0;
    let skipped = 0;
    fc.assert(
      fc.property(query, fc.array(row, { minLength: 1, maxLength: 30 }), (q, metas) => {
        const f = fromMongo(q, setup.options);
        // Pinned to 2.6 semantics: the converter writes `$ne` / `$nor` on JSON keys as `!=` / `not`, which
        // selects rows lacking the key on 2.6 only; on master (3.0) they are UNKNOWN (docs/semantics.md).
        // TODO(convert): make fromMongo target-aware (add `or not exists k` for master).
        const compiled = compileFilter(f.ast, { schema: setup.options.schema, target: "2.6" });
        expect(compiled.ok, compiled.diagnostics.map((d) => d.message).join("; ")).toBe(true);
        metas.forEach((metadata, id) => {
          const want = evalQuery(q, metadata as Record<string, unknown>);
          if (want === undefined) {
            skipped++;
            return;
          }
          compared++;
          const got = compiled.evaluate(setup.row(id, metadata as Record<string, unknown>)) === true;
          if (got !== want) {
            throw new Error(`query ${JSON.stringify(q)} → ${f.text}\nrow ${JSON.stringify(metadata)}: Mongo ${want}, Milvus ${got}`);
          }
        });
      }),
      { numRuns: RUNS },
    );
    // The property must compare most rows, not skip them all.
    expect(compared).toBeGreaterThan(skipped);
  });

  it("each stated difference is real (a row where the two disagree)", () => {
    const cases: { q: Record<string, unknown>; metadata: Record<string, unknown> | null; mongo: boolean }[] = [
      { q: { a: 1 }, metadata: { a: [1, 2] }, mongo: true },
      { q: { a: { $all: [1] } }, metadata: { a: 1 }, mongo: true },
      { q: { a: { $exists: true } }, metadata: { a: null }, mongo: true },
      { q: { a: { $ne: 1 } }, metadata: null, mongo: true },
    ];
    expect(cases).toHaveLength(DIFFERENCES.length - 1);
    for (const c of cases) {
      const f = fromMongo(c.q, { schema: schema!, jsonField: "metadata" });
      const got = compileFilter(f.ast, { schema: schema! }).test({ id: 1, metadata: c.metadata });
      expect(got, `${f.text} on ${JSON.stringify(c.metadata)}`).toBe(!c.mongo);
    }
    // the nullable scalar field, and the documented way to get Mongo's answer
    const { schema: priced } = loadSchema({ name: "p", fields: { id: "Int64 primary", price: "Double nullable" } });
    const ne = fromMongo({ price: { $ne: 5 } }, { schema: priced! });
    expect(compileFilter(ne.ast, { schema: priced! }).test({ id: 1, price: null })).toBe(false);
    const kept = fromMongo({ $or: [{ price: { $ne: 5 } }, { price: null }] }, { schema: priced! });
    expect(compileFilter(kept.ast, { schema: priced! }).test({ id: 1, price: null })).toBe(true);
  });
});

