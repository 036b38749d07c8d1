/**
 * `fromMongo(query, options)`: a Mongo-style query object (`{ price: { $gt: 10 }, $or: [...] }`,
 * the shape Mastra, Pinecone-style stores and many LLM tool schemas use) as a checked Milvus filter.
 *
 * Dotted keys are paths (`"a.b"` → `metadata["a"]["b"]` with `jsonField`). Every operator maps
 * to one Milvus construct with the same meaning on the rows both can represent, on the target's
 * line (negative operators get an exists guard on master: see core.ts); operators Milvus cannot
 * express exactly are refused, never approximated. The differences that remain (array-valued
 * keys, `$exists` on an explicit null, NULL JSON columns on 2.6, a value of another type under a
 * negation on master) are listed in docs/convert.md and pinned by the differential test in
 * test/convert/mongo.differential.test.ts, which runs per target line.
 */
import type { Filter } from "../builder/filter.js";
import { like } from "../builder/values.js";
import { ConvertError, Emitter, at, isPlainObject, show, type Column, type Comparison, type ConvertOptions, type Pred } from "./core.js";

const COMPARISONS: Readonly<Record<string, Comparison>> = { $eq: "==", $ne: "!=", $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" };

/** Mongo operators Milvus has no exact counterpart for, with the reason given to the caller. */
const REFUSED: Readonly<Record<string, string>> = {
  $elemMatch: "Milvus has no per-element predicate on JSON arrays (element_filter works on struct arrays only)",
  $type: "Milvus cannot test the JSON type of a value",
  $mod: "Milvus's % on JSON values follows its own integer/float rules; write the filter by hand",
  $where: "JavaScript predicates cannot run in Milvus",
  $expr: "aggregation expressions have no Milvus form",
  $text: "use text_match on a field with match enabled",
  $jsonSchema: "Milvus cannot validate documents against a schema",
  $geoWithin: "use the Milvus GIS functions", $geoIntersects: "use the Milvus GIS functions", $near: "use the Milvus GIS functions", $nearSphere: "use the Milvus GIS functions",
  $bitsAllSet: "no Milvus form", $bitsAllClear: "no Milvus form", $bitsAnySet: "no Milvus form", $bitsAnyClear: "no Milvus form",
  $options: "$options only goes with $regex",
};

/** Converts a Mongo-style query object. Throws ConvertError naming the path of the first refused part. */
export function fromMongo(query: unknown, options?: ConvertOptions): Filter {
  const e = new Emitter(options);
  return e.finish(queryObject(e, query, ""));
}

function queryObject(e: Emitter, q: unknown, path: string): Pred {
  if (!isPlainObject(q)) throw new ConvertError("convert/bad-shape", path, `a query must be an object, got ${show(q)}`);
  const keys = Object.keys(q);
  if (keys.length === 0) {
    throw new ConvertError("convert/bad-shape", path, "an empty query matches every row; Milvus reads an empty filter the same way, so it is refused (write the condition you mean)");
  }
  const parts: Pred[] = [];
  for (const key of keys) {
    const v = q[key];
    const here = at.key(path, key);
    if (key === "$and" || key === "$or" || key === "$nor") {
      if (!Array.isArray(v)) throw new ConvertError("convert/bad-shape", here, `${key} takes an array of queries, got ${show(v)}`);
      const subs = v.map((x, i) => e.nested(at.index(here, i), () => queryObject(e, x, at.index(here, i))));
      if (subs.length === 0) throw new ConvertError("convert/bad-shape", here, `${key} needs at least one query`);
      parts.push(key === "$and" ? e.and(subs, here) : key === "$or" ? e.or(subs, here) : e.not(e.or(subs, here), here));
    } else if (key.startsWith("$") && !key.startsWith("$meta.")) {
      if (key in REFUSED) throw new ConvertError("convert/unsupported", here, `${key} is refused: ${REFUSED[key]}`);
      throw new ConvertError("convert/unknown-operator", here, `${key} is not a top-level operator (fields come first: { field: { ${key}: … } })`);
    } else {
      parts.push(condition(e, e.column(key.split("."), here), v, here));
    }
  }
  return e.and(parts, path);
}

/** The condition on one field: an operator object, a RegExp, or a value to equal. */
function condition(e: Emitter, col: Column, v: unknown, path: string): Pred {
  if (v instanceof RegExp) return regexOf(e, col, v.source, v.flags, path);
  if (isPlainObject(v)) {
    const ops = Object.keys(v);
    if (ops.length === 0 || !ops.every((k) => k.startsWith("$"))) {
      if (ops.some((k) => k.startsWith("$"))) throw new ConvertError("convert/bad-shape", path, "an operator object cannot mix operators and plain keys");
      throw new ConvertError("convert/unsupported", path, "equality with a whole embedded object is refused: Milvus compares JSON objects by no rule Mongo shares; compare its keys instead (\"a.b\": v)");
    }
    const parts: Pred[] = [];
    for (const op of ops) {
      if (op === "$options") {
        if (!("$regex" in v)) throw new ConvertError("convert/bad-shape", at.key(path, op), "$options only goes with $regex");
        continue;
      }
      parts.push(operator(e, col, op, v[op], path, v));
    }
    return e.and(parts, path);
  }
  return operator(e, col, "$eq", v, path, {});
}

function operator(e: Emitter, col: Column, op: string, v: unknown, fieldPath: string, siblings: Record<string, unknown>): Pred {
  const path = at.key(fieldPath, op);
  const cmp = COMPARISONS[op];
  if (cmp !== undefined) {
    if (cmp === "==" || cmp === "!=") {
      if (v === null) return e.present(col, cmp === "!=", path);
      return e.equals(col, cmp === "!=", e.value(col, v, path), path);
    }
    if (typeof v === "boolean") throw new ConvertError("convert/unsupported", path, `${op} on a boolean is refused: Milvus does not order booleans`);
    if (Array.isArray(v)) throw new ConvertError("convert/unsupported", path, `${op} on an array is refused: Milvus does not order arrays`);
    return e.compare(col, cmp, e.value(col, v, path), path);
  }
  switch (op) {
    case "$in":
    case "$nin": {
      if (!Array.isArray(v)) throw new ConvertError("convert/bad-value", path, `${op} takes an array, got ${show(v)}`);
      const withNull = v.some((x) => x === null);
      const values = v.filter((x) => x !== null).map((x, i) => e.value(col, x, at.index(path, i)));
      if (values.length === 0 && !withNull) return e.inList(col, [], op === "$nin", path);
      const arr = e.isArrayField(col);
      const parts: Pred[] = [];
      if (op === "$in" || arr) {
        // On an Array field: any element is in the list; `null` in the list also matches a missing value
        if (values.length > 0) parts.push(arr ? e.contains(col, "any", values, path) : e.inList(col, values, false, path));
        if (withNull) parts.push(e.present(col, false, path));
        return op === "$in" ? e.or(parts, path) : e.not(e.or(parts, path), path);
      }
      // $nin written positively: `p not in [...]`, and with null in the list `and exists p`
      if (values.length > 0) parts.push(e.inList(col, values, true, path));
      if (withNull) parts.push(e.present(col, true, path));
      return e.and(parts, path);
    }
    case "$exists":
      if (typeof v !== "boolean") throw new ConvertError("convert/bad-value", path, `$exists takes true or false, got ${show(v)}`);
      return e.present(col, v, path);
    case "$all": {
      if (!Array.isArray(v) || v.length === 0) throw new ConvertError("convert/bad-value", path, "$all takes a non-empty array (an empty $all matches nothing in Mongo)");
      if (v.some((x) => isPlainObject(x))) throw new ConvertError("convert/unsupported", path, "$all with $elemMatch is refused: Milvus has no per-element predicate on JSON arrays");
      return e.contains(col, "all", v.map((x, i) => e.value(col, x, at.index(path, i))), path);
    }
    case "$size": {
      const n = typeof v === "bigint" ? v : typeof v === "number" && Number.isSafeInteger(v) ? v : undefined;
      if (n === undefined || n < 0) throw new ConvertError("convert/bad-value", path, `$size takes a non-negative integer, got ${show(v)}`);
      return e.size(col, n, path);
    }
    case "$regex": {
      const flags = siblings.$options;
      if (flags !== undefined && typeof flags !== "string") throw new ConvertError("convert/bad-value", at.key(fieldPath, "$options"), "$options must be a string");
      if (v instanceof RegExp) return regexOf(e, col, v.source, v.flags + (flags ?? ""), path);
      if (typeof v !== "string") throw new ConvertError("convert/bad-value", path, `$regex takes a string or a RegExp, got ${show(v)}`);
      return regexOf(e, col, v, flags ?? "", path);
    }
    case "$like":
      if (typeof v !== "string") throw new ConvertError("convert/bad-value", path, `$like takes a LIKE pattern string, got ${show(v)}`);
      return e.like(col, like.pattern(v), false, path);
    case "$not": {
      if (v instanceof RegExp) return e.not(regexOf(e, col, v.source, v.flags, path), path);
      if (!isPlainObject(v) || !Object.keys(v).every((k) => k.startsWith("$")) || Object.keys(v).length === 0) {
        throw new ConvertError("convert/bad-value", path, "$not takes an operator object ({ $gt: 1 }) or a RegExp");
      }
      return e.not(e.nested(path, () => condition(e, col, v, path)), path);
    }
  }
  if (op in REFUSED) throw new ConvertError("convert/unsupported", path, `${op} is refused: ${REFUSED[op]}`);
  throw new ConvertError("convert/unknown-operator", path, `${op} is not a Mongo query operator`);
}

/** Flags Mongo/JavaScript regexes take that RE2 has inline: i, m, s (g and d do not change a match test). */
function regexOf(e: Emitter, col: Column, source: string, flags: string, path: string): Pred {
  let inline = "";
  for (const f of new Set(flags)) {
    if (f === "i" || f === "m" || f === "s") inline += f;
    else if (f === "g" || f === "d") continue;
    else throw new ConvertError("convert/unsupported", path, `the regex flag ${JSON.stringify(f)} has no RE2 counterpart`);
  }
  return e.regex(col, source, [...inline].sort().join(""), path);
}
