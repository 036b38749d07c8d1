/**
 * Constants: Milvus's GenericValue operations (constant folding) and the casts that decide whether
 * a constant fits a column (castValue / castRangeValue), plus the type-compatibility matrices
 * (canBeCompared, canArithmetic, getTargetType). Integers are int64 with Go's wrapping arithmetic.
 */
import type { DataType } from "../schema/index.js";
import type { CheckDataType, ConstValue } from "./types.js";
import { wrap64 } from "../util/int64.js";
import { compareUtf8 } from "../util/utf8-order.js";

export { wrap64 };

export const isInt = (v: ConstValue | undefined): v is Extract<ConstValue, { t: "int" }> => v?.t === "int";
export const isFloat = (v: ConstValue | undefined): v is Extract<ConstValue, { t: "float" }> => v?.t === "float";
export const isNum = (v: ConstValue | undefined): boolean => isInt(v) || isFloat(v);
export const isStr = (v: ConstValue | undefined): v is Extract<ConstValue, { t: "string" }> => v?.t === "string";
export const isBool = (v: ConstValue | undefined): v is Extract<ConstValue, { t: "bool" }> => v?.t === "bool";
export const isArr = (v: ConstValue | undefined): v is Extract<ConstValue, { t: "array" }> => v?.t === "array";

export const num = (v: ConstValue): number => (v.t === "int" ? Number(v.v) : v.t === "float" ? v.v : NaN);

export const INTEGER_TYPES: ReadonlySet<CheckDataType> = new Set<CheckDataType>(["Int8", "Int16", "Int32", "Int64"]);
export const isIntegerDT = (t: CheckDataType): boolean => t === "Int64" || t === "Int32" || t === "Int16" || t === "Int8";
export const isFloatDT = (t: CheckDataType): boolean => t === "Float" || t === "Double";
export const isArithmeticDT = (t: CheckDataType): boolean => isIntegerDT(t) || isFloatDT(t);
export const isStringDT = (t: CheckDataType): boolean => t === "String" || t === "VarChar";
export const isVectorDT = (t: CheckDataType): boolean =>
  t === "BinaryVector" || t === "FloatVector" || t === "Float16Vector" || t === "BFloat16Vector" || t === "SparseFloatVector" || t === "Int8Vector";

/** Data type Milvus gives a constant (toValueExpr). */
export function valueType(v: ConstValue): CheckDataType {
  switch (v.t) {
    case "bool":
      return "Bool";
    case "int":
      return "Int64";
    case "float":
      return "Double";
    case "string":
      return "VarChar";
    case "array":
      return "Array";
    case "bytes":
      return "None";
  }
}

export function arrayValue(items: ConstValue[]): ConstValue {
  let elementType: CheckDataType = "None";
  let sameType = true;
  for (const it of items) {
    const t = valueType(it);
    if (elementType === "None") elementType = t;
    else if (elementType !== t) sameType = false;
  }
  return { t: "array", items, sameType, elementType: sameType ? (elementType as DataType) : "None" };
}

/** Go-ish rendering of a constant for messages. */
export function showValue(v: ConstValue): string {
  switch (v.t) {
    case "bool":
      return String(v.v);
    case "int":
      return v.v.toString();
    case "float":
      return v.raw ?? goFloat(v.v);
    case "string":
      return JSON.stringify(v.v);
    case "array":
      return `[${v.items.map(showValue).join(", ")}]`;
    case "bytes":
      return `<${v.v.length} bytes>`;
  }
}

function goFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  return String(x);
}

// ------------------------------------------------------------------ folding

export type FoldResult = { ok: true; value: ConstValue } | { ok: false; message: string };
const ok = (value: ConstValue): FoldResult => ({ ok: true, value });
const bad = (message: string): FoldResult => ({ ok: false, message });

/** `+ - *` on constants: ints wrap as int64, anything with a float is a double; bool/string → error. */
export function arith(op: "+" | "-" | "*", a: ConstValue, b: ConstValue): FoldResult {
  if (!isNum(a) || !isNum(b)) return bad(`'${op}' cannot be applied to ${showValue(a)} and ${showValue(b)}: both operands must be numbers`);
  if (isInt(a) && isInt(b)) {
    const r = op === "+" ? a.v + b.v : op === "-" ? a.v - b.v : a.v * b.v;
    return ok({ t: "int", v: wrap64(r) });
  }
  const x = num(a);
  const y = num(b);
  return ok({ t: "float", v: op === "+" ? x + y : op === "-" ? x - y : x * y });
}

export function divide(a: ConstValue, b: ConstValue): FoldResult {
  if (isBool(a) || isBool(b)) return bad("divide cannot apply on bool field");
  if (isStr(a) || isStr(b)) return bad("divide cannot apply on string field");
  if (!isNum(a) || !isNum(b)) return bad(`'/' cannot be applied to ${showValue(a)} and ${showValue(b)}`);
  if ((isInt(b) && b.v === 0n) || (isFloat(b) && b.v === 0)) return bad("cannot divide by zero");
  if (isInt(a) && isInt(b)) return ok({ t: "int", v: wrap64(a.v / b.v) });
  return ok({ t: "float", v: num(a) / num(b) });
}

export function modulo(a: ConstValue, b: ConstValue): FoldResult {
  if (!isInt(a) || !isInt(b)) return bad("modulo can only apply on integer");
  if (b.v === 0n) return bad("cannot modulo by zero");
  return ok({ t: "int", v: wrap64(a.v % b.v) });
}

/** `**`: newest Milvus keeps `int ** non-negative int` an integer; everything else is a double. */
export function power(a: ConstValue, b: ConstValue): FoldResult {
  if (!isNum(a) || !isNum(b)) return bad(`'**' cannot be applied to ${showValue(a)} and ${showValue(b)}: both operands must be numbers`);
  if (isInt(a) && isInt(b) && b.v >= 0n) {
    let r = 1n;
    let base = a.v;
    let e = b.v;
    while (e > 0n) {
      if (e & 1n) r = wrap64(r * base);
      base = wrap64(base * base);
      e >>= 1n;
    }
    return ok({ t: "int", v: r });
  }
  return ok({ t: "float", v: Math.pow(num(a), num(b)) });
}

export function bitwise(op: "&" | "|" | "^", a: ConstValue, b: ConstValue): FoldResult {
  if (!isInt(a) || !isInt(b)) return bad(`bitwise '${op}' can only apply on integers, got ${showValue(a)} and ${showValue(b)}`);
  const r = op === "&" ? a.v & b.v : op === "|" ? a.v | b.v : a.v ^ b.v;
  return ok({ t: "int", v: wrap64(r) });
}

export function negate(a: ConstValue): FoldResult {
  if (isInt(a)) return ok({ t: "int", v: wrap64(-a.v) });
  if (isFloat(a)) {
    const raw = a.raw === undefined ? undefined : a.raw.startsWith("-") ? a.raw.slice(1) : `-${a.raw}`;
    return ok(raw === undefined ? { t: "float", v: -a.v } : { t: "float", v: -a.v, raw });
  }
  return bad(`unary '-' needs a number, got ${showValue(a)}`);
}

/** Total order on doubles used by newest Milvus constant folding: NaN is the greatest and equals itself. */
function cmpFloat(x: number, y: number): number {
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  if (xn || yn) return xn && yn ? 0 : xn ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact order of an int64 and a double (no rounding of the integer to a double). */
function cmpIntFloat(i: bigint, f: number): number {
  if (Number.isNaN(f)) return -1;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const t = Math.trunc(f);
  const ti = BigInt(t);
  if (i !== ti) return i < ti ? -1 : 1;
  return f === t ? 0 : f > t ? -1 : 1;
}

/** -1/0/1, or undefined when the two constants cannot be ordered. */
export function compareConst(a: ConstValue, b: ConstValue): number | undefined {
  if (isStr(a) && isStr(b)) return compareUtf8(a.v, b.v);
  if (isInt(a) && isInt(b)) return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (isInt(a) && isFloat(b)) return cmpIntFloat(a.v, b.v);
  if (isFloat(a) && isInt(b)) return -cmpIntFloat(b.v, a.v);
  if (isNum(a) && isNum(b)) return cmpFloat(num(a), num(b));
  return undefined;
}

/** A NaN or infinity anywhere in the value (lists included). */
export function hasNonFinite(v: ConstValue): boolean {
  if (v.t === "float") return !Number.isFinite(v.v);
  if (v.t === "array") return v.items.some(hasNonFinite);
  return false;
}

export function relational(op: "<" | "<=" | ">" | ">=" | "==" | "!=", a: ConstValue, b: ConstValue): boolean | undefined {
  if (op === "==" || op === "!=") {
    let eq: boolean | undefined;
    if (isBool(a) && isBool(b)) eq = a.v === b.v;
    else {
      const c = compareConst(a, b);
      eq = c === undefined ? undefined : c === 0;
    }
    return eq === undefined ? undefined : op === "==" ? eq : !eq;
  }
  const c = compareConst(a, b);
  if (c === undefined) return undefined;
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

// ------------------------------------------------------------------ type matrices

/** Milvus canBeComparedDataType, extended with Date/Time (strings) and Decimal (numbers) of newest master. */
export function canBeComparedDT(left: CheckDataType, right: CheckDataType): boolean {
  if (left === "Unknown" || right === "Unknown") return true;
  switch (left) {
    case "Bool":
      return right === "Bool" || right === "JSON";
    case "Int8":
    case "Int16":
    case "Int32":
    case "Int64":
    case "Float":
    case "Double":
      return isArithmeticDT(right) || right === "JSON" || right === "Decimal";
    case "Decimal":
      return isArithmeticDT(right) || right === "JSON" || right === "Decimal";
    case "String":
    case "VarChar":
      return isStringDT(right) || right === "JSON" || right === "Date" || right === "Time";
    case "Date":
      return right === "Date" || right === "JSON" || isStringDT(right);
    case "Time":
      return right === "Time" || right === "JSON" || isStringDT(right);
    case "JSON":
      return true;
    default:
      return false;
  }
}

export function canArithmeticDT(left: CheckDataType, right: CheckDataType): boolean {
  if (left === "Unknown" || right === "Unknown") return true;
  if (isIntegerDT(left)) return isIntegerDT(right) || right === "JSON";
  if (isFloatDT(left)) return isArithmeticDT(right) || right === "JSON";
  if (left === "JSON") return isArithmeticDT(right);
  return false;
}

/** Milvus getTargetType: the type an arithmetic result (and its compared value) is cast to. */
export function targetType(l: CheckDataType, r: CheckDataType): CheckDataType | undefined {
  if (l === "Unknown" || r === "Unknown") return "Unknown";
  if (l === "JSON") {
    if (r === "JSON") return "JSON";
    if (isFloatDT(r)) return "Double";
    if (isIntegerDT(r)) return "Int64";
  }
  if (l === "Geometry" && r === "Geometry") return "Geometry";
  if (l === "Timestamptz" && r === "Timestamptz") return "Timestamptz";
  if (isFloatDT(l) && (r === "JSON" || isArithmeticDT(r))) return "Double";
  if (isIntegerDT(l)) {
    if (isFloatDT(r)) return "Double";
    if (isIntegerDT(r) || r === "JSON") return "Int64";
  }
  return undefined;
}

/** Integer, JSON, integer-array or Timestamptz: what `%` (and the bitwise ops) accept. */
export function canConvertToInteger(t: CheckDataType, element: CheckDataType): boolean {
  return t === "Unknown" || isIntegerDT(t) || t === "JSON" || (t === "Array" && isIntegerDT(element)) || t === "Timestamptz";
}

// ------------------------------------------------------------------ casts

export type CastResult = { ok: true; value: ConstValue } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

export function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

export function validTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const se = Number(m[3]);
  if (h === 24) return mi === 0 && se === 0 && (m[4] === undefined || /^0+$/.test(m[4]));
  return h < 24 && mi < 60 && se < 60;
}

/** A numeric literal fits Decimal(p, s): no exponent, at most `scale` fractional digits. */
function decimalFits(v: ConstValue, scale: number | undefined): string | undefined {
  if (isInt(v)) return undefined;
  if (!isFloat(v)) return "a Decimal field needs a number";
  if (!Number.isFinite(v.v)) return "a Decimal field cannot hold NaN or infinity";
  const raw = v.raw;
  if (raw === undefined) return undefined;
  if (/[eEpPxX]/.test(raw)) return `exponent notation (${raw}) is not accepted for a Decimal field; write the digits`;
  const frac = /\.(\d*)$/.exec(raw)?.[1] ?? "";
  if (scale !== undefined && frac.length > scale) return `${raw} has ${frac.length} fractional digits but the Decimal field's scale is ${scale}`;
  return undefined;
}

/**
 * Milvus castValue: whether a constant can be used where a column of `dataType` is compared.
 * `scale` is the Decimal field's scale when known.
 */
export function castValue(dataType: CheckDataType, value: ConstValue, scale?: number): CastResult {
  // (No helper closures: this runs once per constant, and per element of an `in` list.)
  if (dataType === "Unknown" || dataType === "JSON") return { ok: true, value };
  if (dataType === "Array" && isArr(value)) return { ok: true, value };
  if (isStringDT(dataType) && isStr(value)) return { ok: true, value };
  if (dataType === "Timestamptz") return { ok: true, value };
  if (dataType === "Bool" && isBool(value)) return { ok: true, value };
  if (isFloatDT(dataType)) {
    if (isFloat(value)) return { ok: true, value };
    if (isInt(value)) return { ok: true, value: { t: "float", v: Number(value.v) } };
  }
  if (isIntegerDT(dataType) && isInt(value)) return { ok: true, value };
  if (dataType === "Date" && isStr(value)) {
    return validDate(value.v) ? { ok: true, value } : { ok: false, message: `cannot cast value to Date, value: ${showValue(value)} (write "YYYY-MM-DD")` };
  }
  if (dataType === "Time" && isStr(value)) {
    return validTime(value.v) ? { ok: true, value } : { ok: false, message: `cannot cast value to Time, value: ${showValue(value)} (write "HH:MM:SS" or "HH:MM:SS.ffffff")` };
  }
  if (dataType === "Decimal" && isNum(value)) {
    const why = decimalFits(value, scale);
    return why === undefined ? { ok: true, value } : { ok: false, message: `cannot cast value to Decimal, value: ${showValue(value)}: ${why}` };
  }
  return { ok: false, message: `cannot cast value to ${dataType}, value: ${showValue(value)}` };
}

/** Milvus castRangeValue: bounds of `lo < x < hi`. */
export function castRangeValue(dataType: CheckDataType, value: ConstValue, scale?: number): CastResult {
  if (isStringDT(dataType)) return isStr(value) ? { ok: true, value } : { ok: false, message: "invalid range operations" };
  if (dataType === "Bool") return { ok: false, message: "invalid range operations on boolean expr" };
  if (isIntegerDT(dataType)) return isInt(value) ? { ok: true, value } : { ok: false, message: "invalid range operations" };
  if (isFloatDT(dataType)) {
    if (!isNum(value)) return { ok: false, message: "invalid range operations" };
    return { ok: true, value: isInt(value) ? { t: "float", v: Number(value.v) } : value };
  }
  if (dataType === "Date" || dataType === "Time" || dataType === "Decimal") {
    const r = castValue(dataType, value, scale);
    return r.ok ? r : { ok: false, message: `invalid range operations: ${r.message}` };
  }
  return { ok: true, value };
}

/** Newest Milvus (validateQueryValues) rejects NaN / infinity compared with an integer array. */
export function nonFiniteForIntegerArray(dataType: CheckDataType, elementType: CheckDataType, v: ConstValue): string | undefined {
  if (dataType !== "Array" || !isIntegerDT(elementType) || !hasNonFinite(v)) return undefined;
  return `NaN or infinity cannot be compared with the elements of an Array<${elementType}> field: ${showValue(v)}`;
}
