/**
 * Comparisons, ranges and `column op const cmp const` arithmetic, as closures.
 *
 * Typed columns: NULL in → NULL out. Constants are cast the way Milvus casts them for the column
 * (../shared/spec/milvus-filter-language.md §5.1): Int columns take integers only and compare exactly (bigint beyond 2^53);
 * Double columns take int or float constants (ints through float64, as the plan stores them);
 * Float (float32) columns round the constant to float32, and so are their row values, because
 * segcore compares in float32 (milvus#47994). Strings compare by UTF-8 bytes.
 *
 * JSON columns: a NULL JSON column gives NULL; a missing key or a value of another type gives
 * what the semantics profile says (jsonMismatch: FALSE / TRUE for `!=` on 2.6, UNKNOWN on master);
 * an int64 JSON value compares exactly with an integer constant, any other pair as doubles.
 */
import type { Span } from "../../diag/diagnostic.js";
import type { DataType } from "../../schema/index.js";
import type { Row } from "../../rows/access.js";
import { isInt64Number } from "../../rows/coerce.js";
import { JSON_NULL, slowDouble, slowFloat, slowInt, typedReader, type ColumnReader, type Getter } from "./columns.js";
import { unsupported } from "./problems.js";
import type { SemanticsProfile } from "../../semantics/profiles.js";
import type { ConstValue } from "../../check/types.js";
import { cmpUtf8, fastNum, isJsonInt64, jsonEqualsConst, jsonNum, typedRuntime, wrap64, bigintToFloat32, rel, type Num, type Op } from "./values.js";

export type Truth = boolean | null;
/** A compiled predicate over one row: true, false, or null for UNKNOWN. */
export type RowPredicate = (row: Row) => Truth;
/**
 * Whether a predicate is TRUE on a row: what `test(row)` asks of the top level, where NULL and
 * FALSE are alike. A two-valued form can decide the common row inline and skip NULL bookkeeping.
 */
export type RowTest = (row: Row) => boolean;

/**
 * A number an Int column reads as itself: an integer within int64. The int32 test first: it is one
 * instruction for the small integers rows mostly hold.
 */
const isInt64Value = (v: number): boolean => (v | 0) === v || isInt64Number(v);
export type { Op };

const INT_TYPES: ReadonlySet<DataType> = new Set(["Int8", "Int16", "Int32", "Int64"]);
export const isIntType = (t: DataType): boolean => INT_TYPES.has(t);
export const isStringType = (t: DataType): boolean => t === "VarChar" || t === "String";

/** `a op b` for two numbers of any kind (exact across number / bigint). */
export function numRel(op: Op, a: Num, b: Num): boolean {
  switch (op) {
    case "==":
      // eslint-disable-next-line eqeqeq
      return a == b;
    case "!=":
      // eslint-disable-next-line eqeqeq
      return a != b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}


/** Equality of two values of the same scalar kind (numbers exact across kinds). */
export function scalarEq(a: unknown, b: unknown): boolean {
  // eslint-disable-next-line eqeqeq
  return typeof a === "number" || typeof a === "bigint" ? (typeof b === "number" || typeof b === "bigint") && a == b : a === b;
}

// ---------------------------------------------------------------- column vs constant

// One small top-level function per operator: closures call them through a captured reference,
// which V8 inlines (a call site sees at most a few of them).
const EQ = (a: Num, b: Num): boolean => a == b; // eslint-disable-line eqeqeq
const NE = (a: Num, b: Num): boolean => a != b; // eslint-disable-line eqeqeq
const LT = (a: Num, b: Num): boolean => a < b;
const LE = (a: Num, b: Num): boolean => a <= b;
const GT = (a: Num, b: Num): boolean => a > b;
const GE = (a: Num, b: Num): boolean => a >= b;
/** The comparison function of `op` (by a switch: a table load keyed by six different strings is megamorphic, and slower). */
function numCmp(op: Op): (a: Num, b: Num) => boolean {
  switch (op) {
    case "==":
      return EQ;
    case "!=":
      return NE;
    case "<":
      return LT;
    case "<=":
      return LE;
    case ">":
      return GT;
    case ">=":
      return GE;
  }
}

function numberPred(get: Getter, op: Op, c: Num): RowPredicate {
  const cmp = numCmp(op);
  return (row) => {
    const v = get(row) as Num | null;
    return v === null ? null : cmp(v, c);
  };
}

/** Comparison fused with a direct read of top-level field `name` (trusted rows). */
function directNumberPred(name: string, type: DataType, op: Op, c: Num): RowPredicate {
  const cmp = numCmp(op);
  if (type === "Float") {
    return (row) => {
      const v = row[name];
      if (typeof v === "number") return cmp(Math.fround(v), c);
      const x = slowFloat(v);
      return x === null ? null : cmp(x, c);
    };
  }
  if (type === "Double") {
    return (row) => {
      const v = row[name];
      if (typeof v === "number") return cmp(v, c);
      const x = slowDouble(v);
      return x === null ? null : cmp(x, c);
    };
  }
  return (row) => {
    const v = row[name];
    if (typeof v === "number") return isInt64Value(v) ? cmp(v, c) : null;
    if (v === null || v === undefined) return null;
    const x = slowInt(v);
    return x === null ? null : cmp(x, c);
  };
}

/** `lo <(=) row[name] <(=) hi` for an Int or Double field read straight off the row (no bound-order check: an empty range is just FALSE). */
export function directRange(name: string, isDouble: boolean, lo: Num, loInc: boolean, hi: Num, hiInc: boolean): RowPredicate {
  const slow = isDouble ? slowDouble : slowInt;
  const test = (v: Num): boolean => (loInc ? v >= lo : v > lo) && (hiInc ? v <= hi : v < hi);
  if (isDouble) {
    return (row) => {
      const v = row[name];
      if (typeof v === "number") return (loInc ? v >= lo : v > lo) && (hiInc ? v <= hi : v < hi);
      const x = slow(v);
      return x === null ? null : test(x);
    };
  }
  return (row) => {
    const v = row[name];
    if (typeof v === "number") return isInt64Value(v) ? (loInc ? v >= lo : v > lo) && (hiInc ? v <= hi : v < hi) : null;
    if (v === null || v === undefined) return null;
    const x = slow(v);
    return x === null ? null : test(x);
  };
}

/**
 * TRUE of directRange, two-valued: a number is tested inline (for an Int field, whether it is one
 * only when it is in range); anything else is decided by the three-valued `full`. One closure per
 * pair of inclusivities, so the row test has no branch on them.
 */
export function directRangeTrue(name: string, isDouble: boolean, lo: Num, loInc: boolean, hi: Num, hiInc: boolean, full: RowPredicate): RowTest {
  if (isDouble) {
    const other: RowTest = (row) => full(row) === true;
    if (loInc && hiInc) {
      return (row) => {
        const v = row[name];
        return typeof v === "number" ? v >= lo && v <= hi : other(row);
      };
    }
    if (loInc) {
      return (row) => {
        const v = row[name];
        return typeof v === "number" ? v >= lo && v < hi : other(row);
      };
    }
    if (hiInc) {
      return (row) => {
        const v = row[name];
        return typeof v === "number" ? v > lo && v <= hi : other(row);
      };
    }
    return (row) => {
      const v = row[name];
      return typeof v === "number" ? v > lo && v < hi : other(row);
    };
  }
  const other: RowTest = (row) => {
    const v = row[name];
    return v !== null && v !== undefined && full(row) === true;
  };
  if (loInc && hiInc) {
    return (row) => {
      const v = row[name];
      return typeof v === "number" ? v >= lo && v <= hi && ((v | 0) === v || isInt64Number(v)) : other(row);
    };
  }
  if (loInc) {
    return (row) => {
      const v = row[name];
      return typeof v === "number" ? v >= lo && v < hi && ((v | 0) === v || isInt64Number(v)) : other(row);
    };
  }
  if (hiInc) {
    return (row) => {
      const v = row[name];
      return typeof v === "number" ? v > lo && v <= hi && ((v | 0) === v || isInt64Number(v)) : other(row);
    };
  }
  return (row) => {
    const v = row[name];
    return typeof v === "number" ? v > lo && v < hi && ((v | 0) === v || isInt64Number(v)) : other(row);
  };
}

/**
 * TRUE of `column op constant`, two-valued, for the cases worth a form of their own (a typed
 * field read straight off the row, a JSON value compared with a number or tested for a string);
 * undefined otherwise. Whatever the inline test does not decide, `full` decides.
 */
export function compareColConstTrue(col: ColumnReader, op: Op, cv: ConstValue, full: RowPredicate): RowTest | undefined {
  const name = col.direct;
  if (col.kind === "scalar" && name !== undefined) {
    const c = typedRuntime(col.type, cv);
    if (typeof c === "string") {
      // A VarChar field reads anything but a string as NULL: never TRUE.
      if (op === "==") return (row) => row[name] === c;
      if (op === "!=") {
        return (row) => {
          const v = row[name];
          return typeof v === "string" && v !== c;
        };
      }
      return (row) => {
        const v = row[name];
        return typeof v === "string" && rel(op, cmpUtf8(v, c));
      };
    }
    if (typeof c !== "number" && typeof c !== "bigint") return undefined;
    const cmp = numCmp(op);
    if (col.type === "Double") {
      return (row) => {
        const v = row[name];
        return typeof v === "number" ? cmp(v, c) : full(row) === true;
      };
    }
    if (col.type === "Float") {
      return (row) => {
        const v = row[name];
        return typeof v === "number" ? cmp(Math.fround(v), c) : full(row) === true;
      };
    }
    return (row) => {
      const v = row[name];
      if (typeof v === "number") return cmp(v, c) && isInt64Value(v);
      return v !== null && v !== undefined && full(row) === true;
    };
  }
  if (col.kind === "json") {
    const get = col.get;
    if (cv.t === "int" || cv.t === "float") {
      const c = cv.t === "int" ? fastNum(cv.v) : cv.v;
      const cmp = numCmp(op);
      return (row) => {
        const v = get(row);
        return typeof v === "number" ? cmp(v, c) : full(row) === true;
      };
    }
    if (cv.t === "string" && op === "==") {
      // Only the string itself is TRUE: a missing key, null or another type never is.
      const c = cv.v;
      return (row) => get(row) === c;
    }
  }
  return undefined;
}

function directStringPred(name: string, op: Op, c: string): RowPredicate {
  if (op === "==") {
    return (row) => {
      const v = row[name];
      return typeof v === "string" ? v === c : null;
    };
  }
  if (op === "!=") {
    return (row) => {
      const v = row[name];
      return typeof v === "string" ? v !== c : null;
    };
  }
  return (row) => {
    const v = row[name];
    return typeof v === "string" ? rel(op, cmpUtf8(v, c)) : null;
  };
}

function stringPred(get: Getter, op: Op, c: string): RowPredicate {
  if (op === "==")
    return (row) => {
      const v = get(row);
      return v === null ? null : v === c;
    };
  if (op === "!=")
    return (row) => {
      const v = get(row);
      return v === null ? null : v !== c;
    };
  return (row) => {
    const v = get(row) as string | null;
    return v === null ? null : rel(op, cmpUtf8(v, c));
  };
}

function boolPred(get: Getter, op: Op, c: boolean): RowPredicate {
  const cn = c ? 1 : 0;
  return (row) => {
    const v = get(row);
    return v === null ? null : rel(op, (v ? 1 : 0) - cn);
  };
}

/** Three-way comparison of a JSON value with a constant; undefined when the kinds differ (or for arrays, except equality). */
export function jsonCompare(v: unknown, cv: ConstValue): number | undefined {
  switch (cv.t) {
    case "int":
    case "float": {
      const n = jsonNum(v);
      if (n === undefined) return undefined;
      // Exact only for an int64 JSON value against an integer constant; anything else is compared
      // as doubles, on both lines (UnaryExpr.cpp UnaryRangeJSONCompare: at_numeric on master ~line
      // 768, at<int64> then at<double> on 2.6 ~line 708). So 9007199254740992.0 == 9007199254740993.
      const exact = cv.t === "int" && isJsonInt64(v);
      const a = exact ? n : Number(n);
      const c = exact ? cv.v : Number(cv.v);
      return a < c ? -1 : a > c ? 1 : 0;
    }
    case "string":
      return typeof v === "string" ? cmpUtf8(v, cv.v) : undefined;
    case "bool":
      return typeof v === "boolean" ? (v ? 1 : 0) - (cv.v ? 1 : 0) : undefined;
    case "array":
    case "bytes":
      return undefined;
  }
}

/**
 * What a JSON predicate gives for a missing key, a JSON null or a value of another type: on 2.6
 * FALSE, and TRUE for `!=` (UnaryExpr.cpp UnaryRangeJSONCompareNotEqual); on master UNKNOWN
 * (#50702). See src/semantics/profiles.ts.
 */
export function jsonMismatch(profile: SemanticsProfile, op: Op | "other"): Truth {
  if (profile.jsonMismatch === "unknown") return null;
  return op === "!=";
}

/** A NULL JSON column: UNKNOWN, except `!=` on 2.6, which selects it (UnaryExpr.cpp on 2.6, ~line 874). */
const nullColumn = (profile: SemanticsProfile, op: Op): Truth => (op === "!=" ? profile.nullJsonColumnNotEqual : null);

function jsonPred(get: Getter, op: Op, cv: ConstValue, profile: SemanticsProfile): RowPredicate {
  const otherType = jsonMismatch(profile, op);
  const onNull = nullColumn(profile, op);
  if (cv.t === "array") {
    // 2.6 gives FALSE for a non-array under != too (UnaryExpr.cpp on 2.6, the Array branch of NotEqual).
    const notArray = jsonMismatch(profile, "other");
    if (op !== "==" && op !== "!=") {
      return (row) => (get(row) === JSON_NULL ? onNull : notArray);
    }
    return (row) => {
      const v = get(row);
      if (v === JSON_NULL) return onNull;
      if (!Array.isArray(v)) return notArray;
      const eq = jsonEqualsConst(v, cv);
      return op === "==" ? eq : !eq;
    };
  }
  if (cv.t === "int" || cv.t === "float") {
    const c = cv.t === "int" ? fastNum(cv.v) : cv.v;
    const cmp = numCmp(op);
    // A plain JS number (an int within 2^53, or a non-integral double) compares the same exactly
    // and as a double; bigints and tagged doubles go through jsonCompare's int64-or-double rule.
    return (row) => {
      const v = get(row);
      if (typeof v === "number") return cmp(v, c);
      if (v === JSON_NULL) return onNull;
      const r = jsonCompare(v, cv);
      return r === undefined ? otherType : rel(op, r);
    };
  }
  if (cv.t === "string" && (op === "==" || op === "!=")) {
    const c = cv.v;
    const eq = op === "==";
    return (row) => {
      const v = get(row);
      if (typeof v === "string") return (v === c) === eq;
      return v === JSON_NULL ? onNull : otherType;
    };
  }
  return (row) => {
    const v = get(row);
    if (v === JSON_NULL) return onNull;
    const c = jsonCompare(v, cv);
    return c === undefined ? otherType : rel(op, c);
  };
}

/** Whole typed array == / != an array constant (its elements cast to the element type by the checker). */
function arrayEqPred(col: ColumnReader, op: Op, cv: ConstValue, span: Span): RowPredicate {
  if (op !== "==" && op !== "!=") unsupported("can not comparisons array fields directly (only == and != with an array value)", span);
  if (cv.t !== "array") return unsupported("an array field can only be compared with an array value", span);
  const elem = col.elem ?? "None";
  const read = typedReader(elem);
  const want = cv.items.map((it) => typedRuntime(elem, it));
  const get = col.get;
  return (row) => {
    const a = get(row) as unknown[] | null;
    if (a === null) return null;
    let eq = a.length === want.length;
    for (let i = 0; eq && i < a.length; i++) eq = scalarEq(read(a[i]), want[i]);
    return op === "==" ? eq : !eq;
  };
}

/** `column op constant`, the constant cast for the column by the checker. */
export function compareColConst(col: ColumnReader, op: Op, cv: ConstValue, span: Span, profile: SemanticsProfile): RowPredicate {
  switch (col.kind) {
    case "json":
      return jsonPred(col.get, op, cv, profile);
    case "array":
      return arrayEqPred(col, op, cv, span);
    case "other":
      return unsupportedType(col, span);
    case "scalar": {
      const c = typedRuntime(col.type, cv);
      if (typeof c === "string") return col.direct !== undefined ? directStringPred(col.direct, op, c) : stringPred(col.get, op, c);
      if (typeof c === "boolean") return boolPred(col.get, op, c);
      return col.direct !== undefined ? directNumberPred(col.direct, col.type, op, c as Num) : numberPred(col.get, op, c as Num);
    }
  }
}

export function unsupportedType(col: ColumnReader, span: Span): never {
  const t = col.type;
  if (t === "Timestamptz") unsupported(`Timestamptz field ${col.text} can only be compared with ISO '…' timestamps`, span);
  if (t === "Date" || t === "Time" || t === "Decimal" || t === "Mol") {
    unsupported(`comparisons on ${t} fields are not evaluated locally`, span);
  }
  if (t === "Text") unsupported(`filter on text field (${col.text}) is not supported yet`, span);
  return unsupported(`${t} field ${col.text} cannot be compared`, span);
}

// ---------------------------------------------------------------- two columns

type NumClass = "int" | "float32" | "double";
const numClass = (t: DataType): NumClass | undefined =>
  isIntType(t) ? "int" : t === "Float" ? "float32" : t === "Double" ? "double" : undefined;

/** `a op b` between two typed columns (Milvus CompareExpr: C++ usual arithmetic conversions). */
export function compareCols(a: ColumnReader, op: Op, b: ColumnReader, span: Span): RowPredicate {
  if (a.kind === "json" || b.kind === "json") unsupported("two column comparison with JSON type is not supported", span);
  if (a.kind !== "scalar" || b.kind !== "scalar") unsupported("only scalar columns can be compared with each other", span);
  const ga = a.get;
  const gb = b.get;
  const ca = numClass(a.type);
  const cb = numClass(b.type);
  if (ca !== undefined && cb !== undefined) {
    // int vs float32: the int converts to float; int vs double: to double; float32 vs double: exact.
    const conv = (c: NumClass, other: NumClass): ((v: Num) => Num) =>
      c === "int" && other === "float32"
        ? (v) => (typeof v === "bigint" ? bigintToFloat32(v) : Math.fround(v))
        : c === "int" && other === "double"
          ? (v) => Number(v)
          : (v) => v;
    const fa = conv(ca, cb);
    const fb = conv(cb, ca);
    return (row) => {
      const x = ga(row) as Num | null;
      const y = gb(row) as Num | null;
      return x === null || y === null ? null : numRel(op, fa(x), fb(y));
    };
  }
  if (isStringType(a.type) && isStringType(b.type)) {
    return (row) => {
      const x = ga(row) as string | null;
      const y = gb(row) as string | null;
      return x === null || y === null ? null : rel(op, cmpUtf8(x, y));
    };
  }
  if (a.type === "Bool" && b.type === "Bool") {
    return (row) => {
      const x = ga(row);
      const y = gb(row);
      return x === null || y === null ? null : rel(op, (x ? 1 : 0) - (y ? 1 : 0));
    };
  }
  return unsupported(`comparisons between ${a.type} and ${b.type} are not supported`, span);
}

// ---------------------------------------------------------------- ranges

/** `lo <(=) col <(=) hi`. */
export function rangePred(col: ColumnReader, lo: ConstValue, loInc: boolean, hi: ConstValue, hiInc: boolean, span: Span, profile: SemanticsProfile): RowPredicate {
  const get = col.get;
  if (col.kind === "json") {
    const mismatch = jsonMismatch(profile, "<");
    return (row) => {
      const v = get(row);
      if (v === JSON_NULL) return null;
      const a = jsonCompare(v, lo);
      const b = jsonCompare(v, hi);
      if (a === undefined || b === undefined) return mismatch;
      return (loInc ? a >= 0 : a > 0) && (hiInc ? b <= 0 : b < 0);
    };
  }
  if (col.kind !== "scalar") {
    if (col.kind === "array") unsupported("can not comparisons array fields directly", span);
    return unsupportedType(col, span);
  }
  if (col.type === "Bool") unsupported("invalid range operations on boolean expr", span);
  const l = typedRuntime(col.type, lo);
  const h = typedRuntime(col.type, hi);
  if (typeof l === "string") {
    const hs = h as string;
    const order = cmpUtf8(l, hs);
    if (order > 0 || (order === 0 && !(loInc && hiInc))) unsupported("invalid range: lowerbound is greater than upperbound", span);
    return (row) => {
      const v = get(row) as string | null;
      if (v === null) return null;
      const a = cmpUtf8(v, l);
      const b = cmpUtf8(v, hs);
      return (loInc ? a >= 0 : a > 0) && (hiInc ? b <= 0 : b < 0);
    };
  }
  const ln = l as Num;
  const hn = h as Num;
  if (ln > hn || (ln === hn && !(loInc && hiInc))) unsupported("invalid range: lowerbound is greater than upperbound", span);
  if (loInc && !hiInc) {
    return (row) => {
      const v = get(row) as Num | null;
      return v === null ? null : v >= ln && v < hn;
    };
  }
  return (row) => {
    const v = get(row) as Num | null;
    return v === null ? null : (loInc ? v >= ln : v > ln) && (hiInc ? v <= hn : v < hn);
  };
}

// ---------------------------------------------------------------- arithmetic

export type ArithOp = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";

/** int64 arithmetic as segcore does it (C++ on x86-64): wrap at 64 bits, `/` truncates, `%` has the dividend's sign. */
export function int64Arith(op: ArithOp, x: Num, k: bigint): Num {
  if (typeof x === "number") {
    const kn = Number(k);
    if (Number.isSafeInteger(kn)) {
      let r: number;
      switch (op) {
        case "+":
          r = x + kn;
          if (Number.isSafeInteger(r)) return r;
          break;
        case "-":
          r = x - kn;
          if (Number.isSafeInteger(r)) return r;
          break;
        case "*":
          r = x * kn;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
          break;
        case "/":
          r = Math.trunc(x / kn);
          return r === 0 ? 0 : r;
        case "%":
          r = x % kn;
          return r === 0 ? 0 : r;
        default:
          break;
      }
    }
  }
  const b = typeof x === "bigint" ? x : BigInt(x);
  let r: bigint;
  switch (op) {
    case "+":
      r = b + k;
      break;
    case "-":
      r = b - k;
      break;
    case "*":
      r = b * k;
      break;
    case "/":
      r = b / k;
      break;
    case "%":
      r = b % k;
      break;
    case "&":
      r = b & k;
      break;
    case "|":
      r = b | k;
      break;
    case "^":
      r = b ^ k;
      break;
    case "<<":
      r = b << k;
      break;
    case ">>":
      r = b >> k;
      break;
  }
  return fastNum(wrap64(r));
}

const BITWISE: ReadonlySet<ArithOp> = new Set(["&", "|", "^", "<<", ">>"]);

// Per-operator float arithmetic, small top-level functions for the same inlining reason as numCmp's.
const FADD = (x: number, k: number): number => x + k;
const FSUB = (x: number, k: number): number => x - k;
const FMUL = (x: number, k: number): number => x * k;
const FDIV = (x: number, k: number): number => x / k;
const FMOD = (x: number, k: number): number => x % k;
const FLOAT_OPS: Partial<Record<ArithOp, (x: number, k: number) => number>> = { "+": FADD, "-": FSUB, "*": FMUL, "/": FDIV, "%": FMOD };

// Exact int64 arithmetic on safe-integer operands when the result is provably exact, else undefined.
const IADD = (x: number, k: number): number | undefined => {
  const r = x + k;
  return Number.isSafeInteger(r) ? r : undefined;
};
const ISUB = (x: number, k: number): number | undefined => {
  const r = x - k;
  return Number.isSafeInteger(r) ? r : undefined;
};
const IMUL = (x: number, k: number): number | undefined => {
  const r = x * k;
  return Number.isSafeInteger(r) ? r + 0 : undefined;
};
const IDIV = (x: number, k: number): number | undefined => Math.trunc(x / k) + 0;
const IMOD = (x: number, k: number): number | undefined => (x % k) + 0;
const INONE = (): number | undefined => undefined;
const INT_FAST: Record<ArithOp, (x: number, k: number) => number | undefined> = {
  "+": IADD,
  "-": ISUB,
  "*": IMUL,
  "/": IDIV,
  "%": IMOD,
  "&": INONE,
  "|": INONE,
  "^": INONE,
  "<<": INONE,
  ">>": INONE,
};

/** `(col aop k) op v`, Milvus's BinaryArithOpEvalRange. */
export function arithPred(col: ColumnReader, aop: ArithOp, k: ConstValue, op: Op, v: ConstValue, span: Span, profile: SemanticsProfile): RowPredicate {
  const get = col.get;
  const cmp = numCmp(op);
  if ((aop === "/" || aop === "%") && (k.t === "int" || k.t === "float") && Number(k.v) === 0) {
    unsupported("division or modulus by zero", span);
  }
  if (col.kind === "scalar" && isIntType(col.type)) {
    // The checker cast both constants to Int64 for an integer column.
    if (k.t !== "int" || v.t !== "int") return unsupported(`'${aop}' on ${col.type} needs integer constants`, span);
    if ((aop === "<<" || aop === ">>") && (k.v < 0n || k.v >= 64n)) unsupported("shift amount must be in [0, 64)", span);
    const kb = k.v;
    const kn = Number(kb);
    const fast = Number.isSafeInteger(kn) ? INT_FAST[aop] : INONE;
    const want = fastNum(v.v);
    const name = col.direct;
    if (name !== undefined) {
      return (row) => {
        const x = row[name];
        if (typeof x === "number") {
          if (!isInt64Number(x)) return null;
          const r = fast(x, kn);
          return cmp(r !== undefined ? r : int64Arith(aop, x, kb), want);
        }
        const y = slowInt(x);
        return y === null ? null : cmp(int64Arith(aop, y, kb), want);
      };
    }
    return (row) => {
      const x = get(row) as Num | null;
      if (x === null) return null;
      const r = typeof x === "number" ? fast(x, kn) : undefined;
      return cmp(r !== undefined ? r : int64Arith(aop, x, kb), want);
    };
  }
  if (col.kind === "scalar" && (col.type === "Float" || col.type === "Double")) {
    if (BITWISE.has(aop) || aop === "%") unsupported(aop === "%" ? "modulo can only apply on integer types" : `'${aop}' needs an integer field`, span);
    const cls = col.type === "Float" ? "float32" : "double";
    if ((k.t !== "int" && k.t !== "float") || (v.t !== "int" && v.t !== "float")) unsupported(`arithmetic on ${col.type} needs numeric constants`, span);
    const kn = typedRuntime(col.type, k) as number;
    const vn = typedRuntime(col.type, v) as number;
    const f = FLOAT_OPS[aop]!;
    const name = col.direct;
    if (cls === "float32") {
      return (row) => {
        const x = get(row) as number | null;
        return x === null ? null : cmp(Math.fround(f(x, kn)), vn);
      };
    }
    if (name !== undefined) {
      return (row) => {
        const x = row[name];
        if (typeof x === "number") return cmp(f(x, kn), vn);
        const y = slowDouble(x);
        return y === null ? null : cmp(f(y, kn), vn);
      };
    }
    return (row) => {
      const x = get(row) as number | null;
      return x === null ? null : cmp(f(x, kn), vn);
    };
  }
  if (col.kind === "json") {
    if (BITWISE.has(aop)) unsupported(`'${aop}' needs an integer field, not JSON`, span);
    if ((k.t !== "int" && k.t !== "float") || (v.t !== "int" && v.t !== "float")) {
      unsupported("arithmetic on JSON needs numeric constants", span);
    }
    // A missing or non-numeric operand: 2.6 as for comparisons; master UNKNOWN (933ce30344).
    const otherType = jsonMismatch(profile, op);
    const kd = Number(k.v);
    const vd = Number(v.v);
    const f = FLOAT_OPS[aop]!;
    if (k.t === "int" && v.t === "int") {
      // An int64 JSON value computes in int64; a double (or an integer outside int64) in float64.
      const kb = k.v;
      const want = fastNum(v.v);
      return (row) => {
        const x = get(row);
        if (x === JSON_NULL) return null;
        if (isJsonInt64(x)) return cmp(int64Arith(aop, x as Num, kb), want);
        const n = jsonNum(x);
        return n === undefined ? otherType : cmp(f(Number(n), kd), vd);
      };
    }
    return (row) => {
      const x = get(row);
      if (x === JSON_NULL) return null;
      const n = jsonNum(x);
      return n === undefined ? otherType : cmp(f(Number(n), kd), vd);
    };
  }
  if (col.kind === "array") unsupported("can not comparisons array fields directly", span);
  if (col.kind === "scalar") unsupported(`'${aop}' cannot perform arithmetic on a ${col.type} field`, span);
  return unsupportedType(col, span);
}

/** `array_length(col) op v`. JSON: a missing or non-array value has length 0 on 2.6, is UNKNOWN on master (933ce30344). */
export function arrayLengthPred(col: ColumnReader, op: Op, v: ConstValue, span: Span, profile: SemanticsProfile): RowPredicate {
  if (v.t !== "int") unsupported(`array_length can only be compared with an integer`, span);
  const want = fastNum(v.v);
  const get = col.get;
  if (col.kind === "json") {
    const nonArray = profile.jsonArrayLengthNonArray;
    return (row) => {
      const x = get(row);
      if (x === JSON_NULL) return null;
      if (Array.isArray(x)) return numRel(op, x.length, want);
      return nonArray === null ? null : numRel(op, nonArray, want);
    };
  }
  if (col.kind === "array" || (col.kind === "other" && (col.type === "ArrayOfVector" || col.type === "ArrayOfStruct"))) {
    return (row) => {
      const x = get(row);
      return Array.isArray(x) ? numRel(op, x.length, want) : null;
    };
  }
  return unsupported(`array_length operation are only supported on json, array or array-of-vector fields now, got: ${col.type}`, span);
}
