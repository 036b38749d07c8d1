/**
 * What a row value means for a typed column (the "row format" contract, see SEMANTICS.md):
 *
 * | column type | accepted JS values | read as |
 * |---|---|---|
 * | Bool | boolean | itself |
 * | Int8/16/32/64 | an integral number, bigint or JsonFloat, or a decimal-integer string (`"-12"`, as the Node SDK returns int64) | the exact integer (number or bigint) |
 * | Float | number, bigint, JsonFloat | rounded to float32, as Milvus stores it |
 * | Double | number, bigint, JsonFloat | a double |
 * | VarChar / String | string | itself |
 *
 * `null`, an absent key, or a value of any other kind is NULL. Nothing here throws.
 */
import type { DataType } from "../schema/index.js";
import { isJsonFloat } from "../util/json.js";

const INT_TEXT = /^-?(?:0|[1-9][0-9]*)$/;

export function coerceInteger(v: unknown): number | bigint | null {
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) ? v : null;
    case "bigint":
      return v;
    case "string": {
      if (!INT_TEXT.test(v)) return null;
      const b = BigInt(v);
      return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
    }
    case "object":
      return v !== null && isJsonFloat(v) && Number.isInteger(v.value) ? v.value : null;
    default:
      return null;
  }
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
