/**
 * What a row value means for a typed column (the "row format" contract, docs/semantics.md "Rows"):
 *
 * | column type | accepted JS values | read as |
 * |---|---|---|
 * | Bool | boolean | itself |
 * | Int8/16/32/64 | an integral number, bigint or JsonFloat, or a decimal-integer string (`"-12"`, as the Node SDK returns int64), within the int64 range | the exact integer (number or bigint) |
 * | Float | number, bigint, JsonFloat | rounded to float32, as Milvus stores it |
 * | Double | number, bigint, JsonFloat | a double |
 * | VarChar / String | string | itself |
 *
 * `null`, an absent key, or a value of any other kind is NULL, and so is an integer outside the
 * int64 range (`2**63`, `"9223372036854775808"`, `1e300`): Milvus cannot hold it, so it is never
 * compared as a number; `int64RangeProblem` says why, for the row warning readRows gives. Nothing here throws.
 */
import type { DataType } from "../schema/index.js";
import { isJsonFloat } from "../util/json.js";
import { INT64_MAX, INT64_MIN } from "../util/int64.js";

const INT_TEXT = /^-?(?:0|[1-9][0-9]*)$/;
const TWO63 = 2 ** 63;

/** An integral `number` inside int64 (2^63, the double next to INT64_MAX, is outside). */
export const isInt64Number = (v: number): boolean => Number.isInteger(v) && v >= -TWO63 && v < TWO63;

/** A decimal integer text of at most 19 digits and its value inside int64 (longer text never is: no leading zeros). */
function int64FromText(v: string): bigint | null {
  if (!INT_TEXT.test(v) || v.length > 20) return null;
  const b = BigInt(v);
  return b >= INT64_MIN && b <= INT64_MAX ? b : null;
}

export function coerceInteger(v: unknown): number | bigint | null {
  switch (typeof v) {
    case "number":
      return isInt64Number(v) ? v : null;
    case "bigint":
      return v >= INT64_MIN && v <= INT64_MAX ? v : null;
    case "string": {
      const b = int64FromText(v);
      if (b === null) return null;
      return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
    }
    case "object":
      return v !== null && isJsonFloat(v) && isInt64Number(v.value) ? v.value : null;
    default:
      return null;
  }
}

/**
 * Why an integer column value is read as NULL although it is an integer, or undefined: the value
 * is outside the int64 range. For the row warnings of readRows.
 */
export function int64RangeProblem(v: unknown): string | undefined {
  const shown = (): string => {
    const t = typeof v === "object" && v !== null && isJsonFloat(v) ? v.raw : String(v);
    return t.length > 40 ? `${t.slice(0, 40)}… (${t.length} characters)` : t;
  };
  let outside = false;
  if (typeof v === "number") outside = Number.isInteger(v) && !isInt64Number(v);
  else if (typeof v === "bigint") outside = v < INT64_MIN || v > INT64_MAX;
  else if (typeof v === "string") outside = INT_TEXT.test(v) && int64FromText(v) === null;
  else if (typeof v === "object" && v !== null && isJsonFloat(v)) outside = Number.isInteger(v.value) && !isInt64Number(v.value);
  return outside ? `${shown()} is outside the int64 range; the value is read as NULL` : undefined;
}

export function coerceDouble(v: unknown): number | null {
  switch (typeof v) {
    case "number":
      return v;
    case "bigint":
      return Number(v);
    case "object":
      return v !== null && isJsonFloat(v) ? v.value : null;
    default:
      return null;
  }
}

/** Float32 of an exact integer in one rounding step (ties to even). */
function bigToF32(b: bigint): number {
  const neg = b < 0n;
  let m = neg ? -b : b;
  if (m <= 1n << 53n) return Math.fround(Number(b));
  const shift = BigInt(m.toString(2).length - 24);
  const keep = m >> shift;
  const rem = m & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  m = rem > half || (rem === half && (keep & 1n) === 1n) ? keep + 1n : keep;
  const r = Number(m << shift);
  return Math.fround(neg ? -r : r);
}

export function coerceFloat(v: unknown): number | null {
  switch (typeof v) {
    case "number":
      return Math.fround(v);
    case "bigint":
      return bigToF32(v);
    case "object":
      return v !== null && isJsonFloat(v) ? Math.fround(v.value) : null;
    default:
      return null;
  }
}

/** The value of a typed scalar (or array element) of `type`, or null for NULL / unusable data. */
export function coerceScalar(type: DataType, v: unknown): unknown {
  switch (type) {
    case "Bool":
      return typeof v === "boolean" ? v : null;
    case "Int8":
    case "Int16":
    case "Int32":
    case "Int64":
      return coerceInteger(v);
    case "Float":
      return coerceFloat(v);
    case "Double":
      return coerceDouble(v);
    case "VarChar":
    case "String":
      return typeof v === "string" ? v : null;
    default:
      return v === undefined ? null : v;
  }
}
