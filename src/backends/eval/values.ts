/**
 * Value model shared by the evaluator's closures.
 *
 * Row data arrives as the lossless JSON reader produces it (src/util/json.ts): integers are
 * `number` up to 2^53 - 1 and `bigint` beyond, floats are `number` or, when read with
 * `floats: "tagged"`, `JsonFloat` (which keeps "1.0" apart from "1"). Programmatic rows may hold
 * any of these. Everything here is exact: numbers of mixed kinds are compared by mathematical
 * value (JS relational operators between `number` and `bigint` are exact), never through Number().
 */
import { isJsonFloat } from "../../util/json.js";
import { INT64_MAX, INT64_MIN, wrap64 } from "../../util/int64.js";
import { compareUtf8 } from "../../util/utf8-order.js";
import type { DataType } from "../../schema/index.js";
import type { ConstValue } from "../../check/types.js";

export type Num = number | bigint;

export { INT64_MAX, INT64_MIN, wrap64 };
/** Strings compare by their UTF-8 bytes, as on the server. */
export const cmpUtf8 = compareUtf8;
const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_BIG = -MAX_SAFE_BIG;
const TWO63 = 2 ** 63;


/** The unique representation of a numeric value: a safe integer or any non-integer as `number`, other integers as `bigint`. */
export function normNum(x: Num): Num {
  if (typeof x === "number") {
    if (Number.isSafeInteger(x) || !Number.isInteger(x)) return x === 0 ? 0 : x; // -0 → 0
    return BigInt(x);
  }
  return x >= MIN_SAFE_BIG && x <= MAX_SAFE_BIG ? Number(x) : x;
}

/** A bigint as a `number` when that is exact, else the bigint itself (for fast comparisons). */
export const fastNum = (b: bigint): Num => (b >= MIN_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b);

/** The numeric value of a JSON value, or undefined when it is not a number. */
export function jsonNum(v: unknown): Num | undefined {
  const t = typeof v;
  if (t === "number" || t === "bigint") return v as Num;
  if (t === "object" && v !== null && isJsonFloat(v)) return v.value;
  return undefined;
}

/**
 * Whether a JSON number is an integer in Milvus's sense (simdjson reads it as int64): a bigint or
 * integral `number` within int64. A tagged JsonFloat (`1.0`) is a double even when integral.
 */
export function isJsonInt64(v: unknown): boolean {
  if (typeof v === "bigint") return v >= INT64_MIN && v <= INT64_MAX;
  if (typeof v === "number") return Number.isInteger(v) && v >= -TWO63 && v < TWO63;
  return false;
}

// ---------------------------------------------------------------- float32

/** Round an exact integer to the nearest float32 (ties to even) in one step, as C++ int64→float does. */
export function bigintToFloat32(b: bigint): number {
  const neg = b < 0n;
  let m = neg ? -b : b;
  if (m <= 1n << 53n) return Math.fround(neg ? -Number(m) : Number(m));
  const bits = m.toString(2).length;
  const shift = BigInt(bits - 24);
  const keep = m >> shift;
  const rem = m - (keep << shift);
  const half = 1n << (shift - 1n);
  m = rem > half || (rem === half && (keep & 1n) === 1n) ? keep + 1n : keep;
  const r = Number(m) * 2 ** Number(shift);
  return Math.fround(neg ? -r : r);
}

// ---------------------------------------------------------------- constants

/** The runtime form of a constant: int → number|bigint (fast form), float → number, arrays → arrays. */
export function constRuntime(c: ConstValue): unknown {
  switch (c.t) {
    case "int":
      return fastNum(c.v);
    case "float":
    case "string":
    case "bool":
    case "bytes":
      return c.v;
    case "array":
      return c.items.map(constRuntime);
  }
}

/**
 * A constant the checker cast for a typed column, as its comparison with row values reads it:
 * integers exact (a number while safe), and for a Float column the plan's double rounded to
 * float32, because segcore compares Float columns in float32 (milvus#47994).
 */
export function typedRuntime(type: DataType, c: ConstValue): unknown {
  if (type === "Float" && (c.t === "float" || c.t === "int")) return Math.fround(Number(c.v));
  return constRuntime(c);
}

/** Whether a JSON value equals a constant: numbers by value across int/float, arrays element-wise. */
export function jsonEqualsConst(v: unknown, cv: ConstValue): boolean {
  switch (cv.t) {
    case "int":
    case "float": {
      const n = jsonNum(v);
      // eslint-disable-next-line eqeqeq
      return n !== undefined && n == (cv.t === "int" ? cv.v : cv.v);
    }
    case "string":
      return v === cv.v;
    case "bool":
      return v === cv.v;
    case "array": {
      if (!Array.isArray(v) || v.length !== cv.items.length) return false;
      for (let i = 0; i < v.length; i++) if (!jsonEqualsConst(v[i], cv.items[i]!)) return false;
      return true;
    }
    case "bytes":
      return false;
  }
}

/**
 * A membership key: equal keys ⇔ equal values (numbers across int/float and number/bigint).
 * Scalars give a primitive (strings, booleans, normalised numbers); arrays give a string in a
 * separate key space (see ArrayKey). Objects and anything else give undefined (matches nothing).
 */
export function scalarKey(v: unknown): unknown {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
    case "bigint":
      return normNum(v);
    case "object":
      if (v !== null && isJsonFloat(v)) return normNum(v.value);
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Canonical text of an array of JSON values (numbers normalised), or undefined if it holds objects
 * or nests deeper than `maxDepth` (callers pass the depth of the constants they compare with, so
 * a hostile, deeply nested row value costs nothing).
 */
export function arrayKey(v: readonly unknown[], maxDepth = 64): string | undefined {
  if (maxDepth <= 0) return undefined;
  let out = "[";
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (i > 0) out += ",";
    if (Array.isArray(e)) {
      const k = arrayKey(e, maxDepth - 1);
      if (k === undefined) return undefined;
      out += k;
      continue;
    }
    const k = scalarKey(e);
    if (k === undefined) return undefined;
    out += typeof k === "string" ? JSON.stringify(k) : typeof k === "boolean" ? (k ? "t" : "f") : `n${String(k)}`;
  }
  return out + "]";
}

/** Nesting depth of a constant (0 for scalars). */
export function constDepth(c: ConstValue): number {
  if (c.t !== "array") return 0;
  let d = 0;
  for (const it of c.items) if (it.t === "array") d = Math.max(d, constDepth(it));
  return d + 1;
}

/** Plain description of a runtime value for explain output (nesting shown to 4 levels). */
export function describe(v: unknown, depth = 0): string {
  if (v === undefined) return "(missing)";
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
    case "boolean":
      return String(v);
    case "bigint":
      return v.toString();
    case "object": {
      if (isJsonFloat(v)) return v.raw;
      if (depth >= 4) return Array.isArray(v) ? "[…]" : "{…}";
      if (Array.isArray(v)) {
        const shown = v
          .slice(0, 8)
          .map((x) => describe(x, depth + 1))
          .join(", ");
        return `[${shown}${v.length > 8 ? `, … (${v.length} elements)` : ""}]`;
      }
      const keys = Object.keys(v as object);
      const shown = keys
        .slice(0, 6)
        .map((k) => `${JSON.stringify(k)}: ${describe((v as Record<string, unknown>)[k], depth + 1)}`)
        .join(", ");
      return `{${shown}${keys.length > 6 ? ", …" : ""}}`;
    }
    default:
      return String(v);
  }
}

export type Op = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** Apply a comparison operator to a three-way result (`c` is NaN for NaN operands: only != holds). */
export function rel(op: Op, c: number): boolean {
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
}
