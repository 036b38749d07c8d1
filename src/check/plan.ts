/**
 * The checker's answers for backends (see CheckedTree in types.ts): what a constant becomes in
 * the context where it meets a column. Milvus's planner casts a constant to the column's type
 * (castValue); a backend that evaluates rows needs that cast value, and one more thing Milvus
 * leaves to segcore: lists and arrays are cast element by element. Each context has one function
 * here; the walk records its result (`ctx.casts`) before it applies Milvus's acceptance rules, so
 * a backend that is more lenient than Milvus still finds every constant cast.
 */
import type * as A from "../syntax/ast.js";
import type { Ctx, TypedExpr } from "./context.js";
import type { CastResult, CheckDataType, ColumnInfo, ConstValue } from "./types.js";
import { castValue, isArithmeticDT, isIntegerDT, isStringDT, showValue } from "./values.js";

const ok = (value: ConstValue): CastResult => ({ ok: true, value });
const no = (message: string): CastResult => ({ ok: false, message });

/** The type of a value read through `col`: the element type for `arr[i]`, `s[i][sub]`, `$`, `$[sub]`. */
export function readType(col: ColumnInfo): CheckDataType {
  if (col.dataType === "Array" && (col.nestedPath.length > 0 || col.isElementLevel)) return col.elementType;
  return col.dataType;
}

/** JSON (and an unresolved column) takes any constant as it is: its type is the row value's. */
const takesAnything = (t: CheckDataType): boolean => t === "JSON" || t === "Unknown";

/** A constant's value, or a placeholder's value when values were given. */
export function constantOf(ctx: Ctx, ev: TypedExpr): ConstValue | undefined {
  if (ev.value !== undefined) return ev.value;
  return ev.templateName !== undefined ? ctx.templateValues.get(ev.node.id) : undefined;
}

/** Record what `node`'s constant is where it is used (no entry for a placeholder without a value). */
export function recordCast(ctx: Ctx, node: A.Expr, cast: (v: ConstValue) => CastResult, value: ConstValue | undefined): void {
  if (value !== undefined) ctx.casts.set(node.id, cast(value));
}

/** Each element of list `v` cast by `castItem`; the list itself when no element changes. */
function castItems(v: Extract<ConstValue, { t: "array" }>, castItem: (item: ConstValue) => CastResult): CastResult {
  let items: ConstValue[] | undefined;
  const list = v.items;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    const r = castItem(item);
    if (!r.ok) return r;
    if (r.value !== item) {
      items ??= list.slice(0, i);
    }
    if (items !== undefined) items.push(r.value);
  }
  if (items === undefined) return ok(v);
  return ok({ t: "array", items, sameType: v.sameType, elementType: v.elementType });
}

/** A list compared with a whole Array field: each element cast to the field's element type. */
function castArray(col: ColumnInfo, v: ConstValue): CastResult {
  if (v.t !== "array") return no(`an array field can only be compared with an array value, got ${showValue(v)}`);
  const elem = col.elementType;
  return castItems(v, (item) => castValue(elem, item, col.field.scale));
}

/** `col op v`, `lo < col < hi`, MATCH_* `$ op v`: the constant as a value of the column's type. */
export function castForColumn(col: ColumnInfo, v: ConstValue): CastResult {
  const t = readType(col);
  if (takesAnything(t)) return ok(v);
  if (t === "Array") return castArray(col, v);
  return castValue(t, v, col.field.scale);
}

/** `col in [...]`: each element cast as `col op element` would cast it. */
export function castListFor(col: ColumnInfo, v: ConstValue): CastResult {
  const t = readType(col);
  if (takesAnything(t)) return ok(v);
  if (v.t !== "array") return no(`the right-hand side of 'in' must be a list, got ${showValue(v)}`);
  if (t === "Array") {
    return castItems(v, (item) =>
      item.t === "array" ? castArray(col, item) : no(`value in list must be an array to compare with array field ${col.text}`),
    );
  }
  // A list of integers for an integer column, or of strings for a string column: castValue keeps
  // every element as it is, so the list is its own cast (no pass over a 10^6-element list).
  if (v.sameType && ((v.elementType === "Int64" && isIntegerDT(t)) || (v.elementType === "VarChar" && isStringDT(t)))) return ok(v);
  const scale = col.field.scale;
  return castItems(v, (item) => castValue(t, item, scale));
}

/**
 * json_contains / array_contains (`kind` "contains") and their _all / _any forms: on an Array
 * field the wanted values are cast to its element type; on JSON they are taken as they are.
 */
export function castContainsFor(col: ColumnInfo, kind: "contains" | "all" | "any", v: ConstValue): CastResult {
  if (readType(col) !== "Array") return ok(v);
  const elem = col.elementType;
  const one = (item: ConstValue): CastResult =>
    item.t === "array" ? no(`array_contains on ${col.text} (Array<${elem}>) takes ${elem} values, not arrays`) : castValue(elem, item);
  if (kind === "contains") return one(v);
  if (v.t !== "array") return no(`${kind === "all" ? "ContainsAll" : "ContainsAny"} operation element must be an array`);
  return castItems(v, one);
}

/**
 * A constant in `col aop k cmp v` (both `k` and `v`): integer columns compute in Int64, float
 * columns in Double, JSON takes the constant as it is.
 */
export function castArithFor(col: ColumnInfo, v: ConstValue): CastResult {
  const t = readType(col);
  if (isIntegerDT(t)) return castValue("Int64", v);
  if (isArithmeticDT(t)) return castValue("Double", v);
  return ok(v);
}

/** `array_length(col) op v`: a length is an Int64. */
export const castLength = (v: ConstValue): CastResult => castValue("Int64", v);

/** random_sample's factor as Milvus reads it (GetFloatVal: an integer reads as 0.0). */
export const castSampleFactor = (v: ConstValue): CastResult =>
  v.t === "float" ? ok(v) : v.t === "int" ? ok({ t: "float", v: 0 }) : no(`the sample factor must be a number, got ${showValue(v)}`);

/** A LIKE / regex pattern placeholder's value must be a string. */
export const castPattern = (name: string) => (v: ConstValue): CastResult =>
  v.t === "string" ? ok(v) : no(`the value of template {${name}} must be a string here`);
