/**
 * Differential property for fromMongo: a small reference evaluator of Mongo query semantics over
 * plain objects (below) and our evaluator (compileFilter) on the converted filter must select the
 * same rows, on random queries × random rows (missing keys, nulls, mixed types, arrays, a NULL
 * JSON column), wherever both define a result. It runs once per target: the converter writes for
 * its target (`target` option, default master) and the evaluator runs with that target's semantics
 * profile (and the 2.6 line's text, which may meet either rule, on both). Where Milvus deliberately
 * differs, the reference answers "undefined" and the row is not compared, or (master's type rule)
 * answers UNKNOWN as Milvus does; every such case is in DIFFERENCES (and in docs/convert.md).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromMongo } from "../../src/convert/index.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { loadSchema } from "../../src/schema/index.js";

const RUNS = Number(process.env.FC_RUNS ?? 200);

/** The deliberate differences: what Mongo does, what the converted Milvus filter does, and on which line. */
export const DIFFERENCES = [
  {
    case: "the key holds an array and the operator compares values ($eq $ne $gt… $in $nin $regex $like)",
    mongo: "matches when any element matches (or the whole array equals)",
    milvus: "compares the whole JSON value: an array never equals or orders against a scalar",
    on: "both",
  },
  { case: "$all on a key holding a scalar", mongo: "matches when the scalar equals the only element", milvus: "json_contains_all is FALSE on non-arrays", on: "both" },
  {
    case: "$exists on a key holding an explicit null, {}, [] or only nulls",
    mongo: "the key exists",
    milvus: "such a value counts as missing: exists is FALSE (common/Json.h isObjectEmpty)",
    on: "both",
  },
  {
    case: "the whole JSON column is NULL or absent (not just a key)",
    mongo: "every key is missing: $ne, $nin, $not, $nor and $exists:false match",
    milvus: "predicates on the column are NULL except exists (and !=, which 2.6 reads as TRUE): $nin, $not and $nor do not select the row",
    on: "2.6.0 to 2.6.18 (the guarded text reads a NULL column as missing keys)",
  },
  {
    case: "a nullable scalar field holding NULL",
    mongo: "null is like missing: $ne, $nin and $not match",
    milvus: "three-valued logic: the comparison is NULL and the row is not selected (add { field: null } in an $or to keep such rows)",
    on: "both",
  },
  {
    case: "the key holds a value of another type than the operator takes, under a negation ($ne, $nin, $not, $nor)",
    mongo: "comparisons across types are FALSE, so their negations match",
    milvus: "the predicate is UNKNOWN, also under not: the row is not selected",
    on: "master (and a 2.6 release that carries its rule)",
  },
  {
    case: "$size: 0 (or equality with []) under $not or $nor, on a key holding [], {} or only nulls",
    mongo: "the array has size 0, so the negation does not match",
    milvus: "the exists guard counts such a value as missing, so the negation matches",
    on: "wherever the guards are written: master, and the 2.6 line after 2.6.18",
  },
] as const;

/** The server's rules: a predicate on a missing key or a value of another type is FALSE (2.6) or UNKNOWN (master). */
type Line = "2.6" | "master";

/** TRUE, FALSE, UNKNOWN (null: Milvus master's answer on a type mismatch), or undefined: not compared. */
type Verdict = boolean | null | undefined;

// ------------------------------------------------------------------ the reference evaluator

const MISSING = Symbol("missing");

function get(doc: Record<string, unknown> | null, path: string): unknown {
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

// Kleene's logic; a part that is not compared makes the whole not compared.
const and = (xs: Verdict[]): Verdict =>
  xs.some((x) => x === undefined) ? undefined : xs.some((x) => x === false) ? false : xs.some((x) => x === null) ? null : true;
const or = (xs: Verdict[]): Verdict =>
  xs.some((x) => x === undefined) ? undefined : xs.some((x) => x === true) ? true : xs.some((x) => x === null) ? null : false;
const not = (x: Verdict): Verdict => (x === undefined || x === null ? x : !x);

/** How the reference reads a query: Mongo's rules, plus the deliberate differences of the server and the text. */
interface Reading {
  /** The server's line. */
  line: Line;
  /** Whether the converter wrote the exists guards (master, and targets whose rule is not established). */
  guarded: boolean;
  /** An odd number of $not / $nor above. */
  negated: boolean;
}

function evalQuery(q: Record<string, unknown>, doc: Record<string, unknown> | null, r: Reading): Verdict {
  return and(
    Object.entries(q).map(([k, v]) => {
      if (k === "$and") return and((v as Record<string, unknown>[]).map((s) => evalQuery(s, doc, r)));
      if (k === "$or") return or((v as Record<string, unknown>[]).map((s) => evalQuery(s, doc, r)));
      if (k === "$nor") return not(or((v as Record<string, unknown>[]).map((s) => evalQuery(s, doc, { ...r, negated: !r.negated }))));
      return evalCondition(get(doc, k), v, r);
    }),
  );
}

function evalCondition(value: unknown, cond: unknown, r: Reading): Verdict {
  if (typeof cond === "object" && cond !== null && !Array.isArray(cond)) {
    return and(Object.entries(cond).map(([op, arg]) => evalOp(value, op, arg, r)));
  }
  return evalOp(value, "$eq", cond, r);
}

/** Milvus's isObjectEmpty: null, or a container whose members are all (recursively) empty. */
function emptyJson(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.every(emptyJson);
  if (typeof v === "object") return Object.values(v as object).every(emptyJson);
  return false;
}

const kind = (v: unknown): string => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

/** Whether Milvus master compares `value` with the operator's argument at all (else the leaf is UNKNOWN). */
function typeFits(value: unknown, op: string, arg: unknown): boolean {
  switch (op) {
    case "$eq":
    case "$ne":
      return arg === null || kind(value) === kind(arg);
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      return kind(value) === kind(arg);
    case "$in":
    case "$nin": {
      // `in` counts a value as fitting when its kind is the kind of some list element; `in []` is FALSE for all
      const kinds = (arg as unknown[]).filter((a) => a !== null).map(kind);
      return kinds.length === 0 || kinds.includes(kind(value));
    }
    case "$regex":
    case "$like":
      return typeof value === "string";
    case "$size":
    case "$all":
      return Array.isArray(value);
  }
  return true;
}

function evalOp(value: unknown, op: string, arg: unknown, r: Reading): Verdict {
  const present = value !== MISSING && value !== null;
  if (op === "$not") return not(evalCondition(value, arg, { ...r, negated: !r.negated }));
  if (r.guarded && present && emptyJson(value) && r.negated) return undefined; // DIFFERENCES[6]
  switch (op) {
    case "$exists":
      if (value === null || emptyJson(value)) return undefined; // DIFFERENCES[2]
      return (value !== MISSING) === arg;
    case "$all":
      if (present && !Array.isArray(value)) return undefined; // DIFFERENCES[1]
      return Array.isArray(value) && (arg as unknown[]).every((a) => value.some((x) => equal(x, a)));
  }
  if (Array.isArray(value) && op !== "$size") return undefined; // DIFFERENCES[0]
  if (r.line === "master" && present && !typeFits(value, op, arg)) return null; // DIFFERENCES[5]
  switch (op) {
    case "$size":
      return Array.isArray(value) && value.length === arg;
    case "$eq":
      return arg === null ? !present : present && equal(value, arg);
    case "$ne":
      return not(evalOp(value, "$eq", arg, r));
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
      return (arg as unknown[]).some((a) => evalOp(value, "$eq", a, r));
    case "$nin":
      return not(evalOp(value, "$in", arg, r));
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
  { weight: 1, arbitrary: fc.constant([]) },
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
const smallArray = fc.array(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom("a", "b")), { maxLength: 2 });
const inList = fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 3 });

/** Operator objects; `$regex` only where the target has it (Milvus 3.0). */
function opObjects(withRegex: boolean): fc.Arbitrary<Record<string, unknown>> {
  const regexes = withRegex ? [fc.record({ $regex: fc.constantFrom("^a", "b$", "a|b", "^$", "A") })] : [];
  // `$size: 0` under a negation meets DIFFERENCES[6] on rows holding []: weighted so that 200 runs see it
  const negatable = fc.oneof(
    { arbitrary: fc.record({ $size: fc.integer({ min: 0, max: 1 }) }), weight: 3 },
    fc.record({ $gt: ordered }),
    fc.record({ $in: fc.array(scalar, { maxLength: 2 }) }),
    fc.record({ $eq: scalar }),
    fc.record({ $ne: scalar }),
    fc.record({ $nin: inList }),
    fc.record({ $like: fc.constantFrom("a%", "_") }),
    fc.record({ $exists: fc.boolean() }),
    fc.record({ $gt: ordered, $lt: ordered }),
    ...regexes,
  );
  return fc.oneof(
    fc.record({ $eq: fc.oneof(scalar, fc.constant(null), smallArray) }),
    fc.record({ $ne: fc.oneof(scalar, fc.constant(null), smallArray) }),
    fc.record({ $gt: ordered }),
    fc.record({ $gte: ordered }),
    fc.record({ $lt: ordered }),
    fc.record({ $lte: ordered }),
    fc.record({ $gt: ordered, $lt: ordered }),
    fc.record({ $ne: scalar, $nin: inList }),
    fc.record({ $in: inList }),
    fc.record({ $nin: inList }),
    fc.record({ $exists: fc.boolean() }),
    fc.record({ $all: fc.array(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom("a", "b")), { minLength: 1, maxLength: 2 }) }),
    fc.record({ $size: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ $like: fc.constantFrom("a%", "%b", "_", "%", "a_") }),
    { arbitrary: fc.record({ $not: negatable }), weight: 3 },
    ...regexes,
  );
}

function queries(withRegex: boolean): fc.Arbitrary<Record<string, unknown>> {
  const leaf = fc
    .tuple(fc.constantFrom(...FIELDS), fc.oneof({ weight: 3, arbitrary: opObjects(withRegex) }, { weight: 1, arbitrary: scalar }))
    .map(([k, c]) => ({ [k]: c }));
  return fc.letrec<{ q: Record<string, unknown> }>((tie) => ({
    q: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 4, arbitrary: leaf },
      { weight: 1, arbitrary: fc.record({ $and: fc.array(tie("q"), { minLength: 1, maxLength: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ $or: fc.array(tie("q"), { minLength: 1, maxLength: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ $nor: fc.array(tie("q"), { minLength: 1, maxLength: 2 }) }) },
      { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([x, y]) => ({ ...y, ...x })) },
    ),
  })).q;
}

/** The metadata of a row: an object, or (a NULL JSON column) null or absent. */
const metadata = fc.oneof({ weight: 10, arbitrary: row }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });

const { schema } = loadSchema({ name: "docs", fields: { id: "Int64 primary", metadata: "JSON" } });
const { schema: dynamic } = loadSchema({ name: "dyn", dynamic: true, fields: { id: "Int64 primary", vec: "FloatVector(2)" } });

/** Where the keys live: inside a JSON field, or as dynamic keys (`$meta["a"]`) of a row. */
const SETUPS = [
  {
    name: "a JSON field (jsonField)",
    options: { schema: schema!, jsonField: "metadata" },
    row: (id: number, m: Record<string, unknown> | null | undefined) => (m === undefined ? { id } : { id, metadata: m }),
  },
  { name: "dynamic keys", options: { schema: dynamic! }, row: (id: number, m: Record<string, unknown> | null | undefined) => ({ id, ...m }) },
] as const;

/**
 * The targets: the converter's `target` option (undefined: the default, master), whether it writes
 * the guards, and the server line the filter runs on. The 2.6 line's text runs on both rules.
 */
const TARGETS: readonly { name: string; target: string | undefined; guarded: boolean; server: string | undefined; line: Line }[] = [
  { name: "master (the default target)", target: undefined, guarded: true, server: undefined, line: "master" },
  { name: "2.6.18", target: "2.6.18", guarded: false, server: "2.6.18", line: "2.6" },
  { name: "the 2.6 line, on 2.6.18's rule", target: "2.6", guarded: true, server: "2.6.18", line: "2.6" },
];

const CASES = SETUPS.flatMap((setup) => TARGETS.map((t) => ({ ...t, setup, label: `${setup.name}, ${t.name}` })));

describe("fromMongo: differential against a reference Mongo evaluator", () => {
  it.each(CASES)("selects the same rows wherever both define a result: $label", ({ setup, target, guarded, server, line }) => {
    const options = target === undefined ? setup.options : { ...setup.options, target };
    let compared = 0;
    let skipped = 0;
    fc.assert(
      fc.property(queries(target === undefined), fc.array(metadata, { minLength: 1, maxLength: 30 }), (q, metas) => {
        const f = fromMongo(q, options);
        const compiled = compileFilter(f.ast, server === undefined ? { schema: setup.options.schema } : { schema: setup.options.schema, target: server });
        expect(compiled.ok, compiled.diagnostics.map((d) => d.message).join("; ")).toBe(true);
        expect(compiled.semantics.id).toBe(line);
        metas.forEach((m, id) => {
          // A NULL JSON column: every key is missing for Mongo; unguarded on 2.6 it is DIFFERENCES[3].
          // (A row without dynamic keys is just a row where every key is missing.)
          const nullColumn = m === null || m === undefined;
          const want = nullColumn && !guarded && "jsonField" in setup.options ? undefined : evalQuery(q, m ?? null, { line, guarded, negated: false });
          if (want === undefined) {
            skipped++;
            return;
          }
          compared++;
          const got = compiled.test(setup.row(id, m as Record<string, unknown> | null | undefined));
          if (got !== (want === true)) {
            throw new Error(`query ${JSON.stringify(q)} → ${f.text}\nrow ${JSON.stringify(m)}: Mongo ${want}, Milvus ${got}`);
          }
        });
      }),
      { numRuns: RUNS },
    );
    // The property must compare most rows, not skip them all.
    expect(compared).toBeGreaterThan(skipped);
  });

  it("the 2.6 line's text is the master text (so the master runs cover it on a 2.6 release with master's rule)", () => {
    fc.assert(
      fc.property(queries(false), (q) => {
        expect(fromMongo(q, { schema: schema!, jsonField: "metadata", target: "2.6" }).text).toBe(fromMongo(q, { schema: schema!, jsonField: "metadata" }).text);
      }),
      { numRuns: RUNS },
    );
  });

  it("each stated difference is real (a row where the two disagree, on the line it names)", () => {
    // `only`: the difference is on that line only, and the other line agrees with Mongo on the row
    const cases: { q: Record<string, unknown>; metadata: Record<string, unknown> | null; mongo: boolean; target: string; only?: true }[] = [
      { q: { a: 1 }, metadata: { a: [1, 2] }, mongo: true, target: "3.0" },
      { q: { a: { $all: [1] } }, metadata: { a: 1 }, mongo: true, target: "3.0" },
      { q: { a: { $exists: true } }, metadata: { a: null }, mongo: true, target: "3.0" },
      { q: { a: { $not: { $gt: 1 } } }, metadata: null, mongo: true, target: "2.6.18", only: true },
      { q: { a: { $ne: 1 } }, metadata: { a: "x" }, mongo: true, target: "3.0", only: true },
      { q: { a: { $not: { $size: 0 } } }, metadata: { a: [] }, mongo: false, target: "3.0", only: true },
    ];
    expect(cases).toHaveLength(DIFFERENCES.length - 1);
    const selects = (q: Record<string, unknown>, metadata: Record<string, unknown> | null, target: string): boolean => {
      const f = fromMongo(q, { schema: schema!, jsonField: "metadata", target });
      return compileFilter(f.ast, { schema: schema!, target }).test({ id: 1, metadata });
    };
    for (const c of cases) {
      expect(selects(c.q, c.metadata, c.target), `${c.target}: ${JSON.stringify(c.q)} on ${JSON.stringify(c.metadata)}`).toBe(!c.mongo);
      if (c.only) expect(selects(c.q, c.metadata, c.target === "2.6.18" ? "3.0" : "2.6.18"), `the other line: ${JSON.stringify(c.q)}`).toBe(c.mongo);
    }
    // the nullable scalar field, and the documented way to get Mongo's answer
    const { schema: priced } = loadSchema({ name: "p", fields: { id: "Int64 primary", price: "Double nullable" } });
    const ne = fromMongo({ price: { $ne: 5 } }, { schema: priced! });
    expect(compileFilter(ne.ast, { schema: priced! }).test({ id: 1, price: null })).toBe(false);
    const kept = fromMongo({ $or: [{ price: { $ne: 5 } }, { price: null }] }, { schema: priced! });
    expect(compileFilter(kept.ast, { schema: priced! }).test({ id: 1, price: null })).toBe(true);
  });
});
