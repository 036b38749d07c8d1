/**
 * Column references → getters. Mirrors Milvus's identifier resolution (../shared/spec/milvus-filter-language.md §4): an
 * exact, case-sensitive field name; otherwise, with the dynamic field enabled, the key
 * `$meta[name]`; `$meta` alone is the whole dynamic object; `f["k"][0]` is a JSON path into a
 * JSON field (or, for an unknown base, into the dynamic field); `arr[i]` on an Array field is an
 * element; `s[sub]` / `s[i][sub]` are struct-array sub-fields; `$` / `$[sub]` are the current
 * element inside element_filter / MATCH_*.
 *
 * Getter results:
 * - scalar columns: the value read as the column's type (src/rows/coerce.ts rules), or `null` for NULL;
 * - JSON columns: the JSON value, `undefined` when the path is missing, or JSON_NULL when the JSON
 *   column itself is NULL;
 * - array columns: the JS array (elements unconverted), or `null` for NULL;
 * - other columns (vectors, geometry, …): the raw value, or `null` for NULL.
 */
import type * as A from "../../syntax/ast.js";
import type { CollectionSchema, DataType, FieldSchema } from "../../schema/index.js";
import { isJsonFloat, JsonFloat } from "../../util/json.js";
import { dynamicObject, isArrayIndex, isJsonObject, type Row } from "../../rows/access.js";
import { coerceInteger, isInt64Number } from "../../rows/coerce.js";
import { bigintToFloat32 } from "./values.js";
import { unsupported } from "./problems.js";

/** The JSON column itself is NULL (distinct from a missing key, which is `undefined`). */
export const JSON_NULL: unique symbol = Symbol("json-null");

export type Getter = (row: Row) => unknown;

export interface Col {
  readonly kind: "scalar" | "json" | "array" | "other";
  /** scalar: the value type; json: "JSON"; array: "Array"; other: the field type. */
  readonly type: DataType;
  /** Element type of an array column. */
  readonly elem?: DataType;
  readonly get: Getter;
  /** How the reference reads in the filter (for explain). */
  readonly text: string;
  /** JSON columns: true when a key path is applied (exists / is null need one). */
  readonly path?: boolean;
  /** Top-level field behind the reference, when there is one. */
  readonly field?: FieldSchema;
  /** `$` / `$[sub]` inside MATCH_* / element_filter. */
  readonly elementLevel?: boolean;
  /** `arr[i]` / `s[i][sub]`. */
  readonly indexed?: boolean;
  /**
   * Set for a top-level typed scalar field read straight off the row (`row[name]`, no own-property
   * test): only in the trusted compilation, which runs on plain and null-prototype rows, and only
   * for names that are not properties of Object.prototype. Lets comparisons fuse the read.
   */
  readonly direct?: string;
}

/** The current element of the innermost element_filter / MATCH_* (set by its loop). */
export interface ElementScope {
  cur: unknown;
  readonly kind: "struct" | "scalar" | "json";
  readonly struct?: string;
  /** Scalar arrays: the element type. */
  readonly elem?: DataType;
}

const hasOwn = Object.hasOwn;
const OBJECT_PROTO = Object.prototype;
const SCALAR: ReadonlySet<DataType> = new Set(["Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "VarChar", "String"]);
export const isScalarType = (t: DataType | undefined): boolean => t !== undefined && SCALAR.has(t);

// ---------------------------------------------------------------- typed reads

/** Integer columns read non-`number` values by the row contract (rows/coerce.ts), int64 range included. */
const slowInt = coerceInteger;

function slowDouble(v: unknown): number | null {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "object" && v !== null && isJsonFloat(v)) return v.value;
  return null;
}

function slowFloat(v: unknown): number | null {
  if (typeof v === "bigint") return bigintToFloat32(v);
  if (typeof v === "object" && v !== null && isJsonFloat(v)) return Math.fround(v.value);
  return null;
}

/** A function reading one raw value as `type` (null for NULL / unusable). */
export function typedReader(type: DataType): (v: unknown) => unknown {
  switch (type) {
    case "Bool":
      return (v) => (typeof v === "boolean" ? v : null);
    case "Int8":
    case "Int16":
    case "Int32":
    case "Int64":
      return (v) => (typeof v === "number" ? (isInt64Number(v) ? v : null) : slowInt(v));
    case "Float":
      return (v) => (typeof v === "number" ? Math.fround(v) : slowFloat(v));
    case "Double":
      return (v) => (typeof v === "number" ? v : slowDouble(v));
    case "VarChar":
    case "String":
      return (v) => (typeof v === "string" ? v : null);
    default:
      return (v) => (v === undefined ? null : v);
  }
}

/**
 * Whether `row[name]` on a plain or null-prototype object can only find an own property: true
 * unless Object.prototype has `name` (constructor, toString, __proto__, …, or a polluted key).
 */
export const directSafe = (name: string): boolean => !(name in Object.prototype);

/** Raw read of top-level key `name`: own property only; `trusted` drops the test where it cannot matter. */
export function rawReader(name: string, trusted: boolean): Getter {
  if (trusted && directSafe(name)) return (row) => row[name];
  return (row) => (hasOwn(row, name) ? row[name] : undefined);
}

/** Getter for top-level typed field `name`. */
function fieldGetter(name: string, type: DataType, trusted: boolean): Getter {
  if (trusted && directSafe(name)) {
    switch (type) {
      case "Bool":
        return (row) => {
          const v = row[name];
          return typeof v === "boolean" ? v : null;
        };
      case "Int8":
      case "Int16":
      case "Int32":
      case "Int64":
        return (row) => {
          const v = row[name];
          return typeof v === "number" ? (isInt64Number(v) ? v : null) : slowInt(v);
        };
      case "Float":
        return (row) => {
          const v = row[name];
          return typeof v === "number" ? Math.fround(v) : slowFloat(v);
        };
      case "Double":
        return (row) => {
          const v = row[name];
          return typeof v === "number" ? v : slowDouble(v);
        };
      case "VarChar":
      case "String":
        return (row) => {
          const v = row[name];
          return typeof v === "string" ? v : null;
        };
      case "Array":
        return (row) => {
          const v = row[name];
          return Array.isArray(v) ? v : null;
        };
      default:
        return (row) => {
          const v = row[name];
          return v === undefined ? null : v;
        };
    }
  }
  switch (type) {
    case "Bool":
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return typeof v === "boolean" ? v : null;
      };
    case "Int8":
    case "Int16":
    case "Int32":
    case "Int64":
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return typeof v === "number" ? (isInt64Number(v) ? v : null) : slowInt(v);
      };
    case "Float":
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return typeof v === "number" ? Math.fround(v) : slowFloat(v);
      };
    case "Double":
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return typeof v === "number" ? v : slowDouble(v);
      };
    case "VarChar":
    case "String":
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return typeof v === "string" ? v : null;
      };
    case "Array":
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return Array.isArray(v) ? v : null;
      };
    default:
      return (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return v === undefined ? null : v;
      };
  }
}

export { slowInt, slowDouble, slowFloat };

/** One JSON-path step: an own key of an object (not a tagged float), or a canonical index of an array. */
function step(v: unknown, k: string, idx: number): unknown {
  if (typeof v !== "object" || v === null) return undefined;
  if (Array.isArray(v)) return idx >= 0 && idx < v.length ? v[idx] : undefined;
  return hasOwn(v, k) && !(v instanceof JsonFloat) ? (v as Record<string, unknown>)[k] : undefined;
}

// ---------------------------------------------------------------- resolution

export interface ResolveContext {
  readonly schema: CollectionSchema;
  /** Compile for plain / null-prototype rows (see Col.direct). */
  readonly trusted: boolean;
  readonly scope?: ElementScope;
  readonly text: (n: A.Root) => string;
}

function jsonKeys(n: A.JSONIdentifier): string[] {
  return n.keys.map((k) => {
    if (k.kind === "key" && k.error !== undefined) unsupported(`invalid JSON key ${k.raw}: ${k.error}`, n.span);
    return k.value;
  });
}

/** A column of a JSON field `f` with key path `keys` (possibly empty). */
function jsonFieldCol(f: FieldSchema, keys: readonly string[], text: string, trusted: boolean): Col {
  const name = f.name;
  const direct = trusted && directSafe(name);
  const read = rawReader(name, trusted);
  const idx = keys.map((k) => (isArrayIndex(k) ? Number(k) : -1));
  let get: Getter;
  if (keys.length === 0) {
    get = (row) => {
      const v = read(row);
      return v === undefined || v === null ? JSON_NULL : v;
    };
  } else if (keys.length === 1) {
    const k = keys[0]!;
    const i = idx[0]!;
    // A JsonFloat's own keys are kind / value / raw; for any other key it cannot match.
    const floatKey = k === "kind" || k === "value" || k === "raw";
    const plainSafe = directSafe(k);
    get = direct
      ? (row) => {
          const v = row[name];
          if (typeof v !== "object") return v === undefined ? JSON_NULL : undefined;
          if (v === null) return JSON_NULL;
          if (Array.isArray(v)) return i >= 0 && i < v.length ? v[i] : undefined;
          const x = (v as Record<string, unknown>)[k];
          if (x === undefined) return undefined;
          // On a plain object a key Object.prototype lacks can only be found as an own key.
          if (plainSafe && !floatKey && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO) return x;
          return hasOwn(v, k) && !(floatKey && v instanceof JsonFloat) ? x : undefined;
        }
      : (row) => {
          const v = read(row);
          return v === undefined || v === null ? JSON_NULL : step(v, k, i);
        };
  } else {
    get = (row) => {
      let v = read(row);
      if (v === undefined || v === null) return JSON_NULL;
      for (let j = 0; j < keys.length && v !== undefined; j++) v = step(v, keys[j]!, idx[j]!);
      return v;
    };
  }
  return { kind: "json", type: "JSON", get, text, path: keys.length > 0, field: f };
}

/** A dynamic-field path: keys[0] is the dynamic key. Empty keys = the whole dynamic object. */
function dynamicCol(schema: CollectionSchema, keys: readonly string[], text: string, trusted: boolean): Col {
  if (keys.length === 0) return { kind: "json", type: "JSON", get: (row) => dynamicObject(row, schema), text, path: false };
  const key = keys[0]!;
  // A key in `$meta` wins; a top-level key counts only when it is not a schema field (or $meta itself).
  const topLevel = key !== "$meta" && schema.field(key) === undefined;
  let first: Getter;
  if (trusted && topLevel && directSafe(key)) {
    first = (row) => {
      const m = row.$meta;
      if (typeof m === "object" && m !== null && hasOwn(m, key) && !Array.isArray(m) && !(m instanceof JsonFloat)) {
        return (m as Record<string, unknown>)[key];
      }
      return row[key];
    };
  } else {
    const readMeta = rawReader("$meta", trusted);
    const readTop = rawReader(key, trusted);
    first = (row) => {
      const m = readMeta(row);
      if (typeof m === "object" && m !== null && hasOwn(m, key) && !Array.isArray(m) && !(m instanceof JsonFloat)) {
        return (m as Record<string, unknown>)[key];
      }
      return topLevel ? readTop(row) : undefined;
    };
  }
  if (keys.length === 1) return { kind: "json", type: "JSON", get: first, text, path: true };
  const rest = keys.slice(1);
  const idx = rest.map((k) => (isArrayIndex(k) ? Number(k) : -1));
  const get: Getter = (row) => {
    let v = first(row);
    for (let j = 0; j < rest.length && v !== undefined; j++) v = step(v, rest[j]!, idx[j]!);
    return v;
  };
  return { kind: "json", type: "JSON", get, text, path: true };
}

function noDynamic(name: string, span: A.Span): never {
  unsupported(`field ${name} does not exist and the schema has no dynamic field`, span, "check the spelling (field names are case-sensitive)");
}

/** Resolve a bare field name or `$meta`. */
export function resolveIdentifier(ctx: ResolveContext, n: A.Identifier): Col {
  const { schema } = ctx;
  const text = ctx.text(n);
  if (n.name === "$meta") {
    if (!schema.enableDynamicField) unsupported("$meta is used but the schema has no dynamic field", n.span);
    return dynamicCol(schema, [], text, ctx.trusted);
  }
  const f = schema.field(n.name);
  if (f === undefined) {
    if (!schema.enableDynamicField) noDynamic(n.name, n.span);
    return dynamicCol(schema, [n.name], text, ctx.trusted);
  }
  if (f.struct !== undefined) return structSubCol(f.struct.name, f.struct.sub, f, text);
  if (f.dataType === "JSON") return jsonFieldCol(f, [], text, ctx.trusted);
  if (isScalarType(f.dataType)) {
    const get = fieldGetter(f.name, f.dataType, ctx.trusted);
    return ctx.trusted && directSafe(f.name)
      ? { kind: "scalar", type: f.dataType, get, text, field: f, direct: f.name }
      : { kind: "scalar", type: f.dataType, get, text, field: f };
  }
  if (f.dataType === "Array") {
    return { kind: "array", type: "Array", elem: f.elementType ?? "None", get: fieldGetter(f.name, "Array", ctx.trusted), text, field: f };
  }
  return { kind: "other", type: f.dataType, get: fieldGetter(f.name, f.dataType, ctx.trusted), text, field: f };
}

/** `base["k"][0]…`. */
export function resolveJsonPath(ctx: ResolveContext, n: A.JSONIdentifier): Col {
  const { schema } = ctx;
  const text = ctx.text(n);
  const keys = jsonKeys(n);
  if (n.base === "$meta") {
    if (!schema.enableDynamicField) unsupported("$meta is used but the schema has no dynamic field", n.span);
    return dynamicCol(schema, keys, text, ctx.trusted);
  }
  const f = schema.field(n.base);
  if (f === undefined) {
    if (!schema.enableDynamicField) noDynamic(n.base, n.span);
    return dynamicCol(schema, [n.base, ...keys], text, ctx.trusted);
  }
  if (f.dataType === "JSON") return jsonFieldCol(f, keys, text, ctx.trusted);
  if (f.dataType === "Array" && f.struct === undefined) {
    const k = n.keys[0]!;
    if (n.keys.length !== 1 || k.kind !== "index") {
      unsupported(`array field ${f.name} can only be accessed with one integer index`, n.span);
    }
    return arrayElementCol(f, k.value, text, n.span, ctx.trusted);
  }
  unsupported(`${f.dataType} field ${f.name} cannot be accessed with []`, n.span);
}

function arrayElementCol(f: FieldSchema, index: string, text: string, span: A.Span, trusted: boolean): Col {
  const elem = f.elementType ?? "None";
  if (!isScalarType(elem)) unsupported(`elements of ${f.name} (${elem}) cannot be compared`, span);
  const read = typedReader(elem);
  const raw = rawReader(f.name, trusted);
  const idx = isArrayIndex(index) ? Number(index) : Infinity;
  const get: Getter = (row) => {
    const a = raw(row);
    if (!Array.isArray(a) || idx >= a.length) return null;
    return read(a[idx]);
  };
  return { kind: "scalar", type: elem, get, text, field: f, indexed: true };
}

/** Struct sub-field column `s[sub]`: the array of the sub-field's values, one per struct element. */
function structSubCol(struct: string, sub: string, f: FieldSchema, text: string): Col {
  const get: Getter = (row) => {
    const arr = hasOwn(row, struct) ? row[struct] : undefined;
    if (!Array.isArray(arr)) return null;
    const out = new Array<unknown>(arr.length);
    for (let i = 0; i < arr.length; i++) {
      const e = arr[i];
      out[i] = isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined;
    }
    return out;
  };
  if (f.dataType === "Array") return { kind: "array", type: "Array", elem: f.elementType ?? "None", get, text, field: f };
  return { kind: "other", type: f.dataType, get, text, field: f };
}

export function resolveStructField(ctx: ResolveContext, n: A.StructField): Col {
  const f = ctx.schema.field(`${n.struct}[${n.sub}]`);
  if (f === undefined || f.struct === undefined) unsupported(`${n.struct}[${n.sub}] is not a struct sub-field of this schema`, n.span);
  return structSubCol(n.struct, n.sub, f, ctx.text(n));
}

export function resolveStructIndexField(ctx: ResolveContext, n: A.StructIndexField): Col {
  const f = ctx.schema.field(`${n.struct}[${n.sub}]`);
  if (f === undefined || f.struct === undefined) unsupported(`${n.struct}[${n.sub}] is not a struct sub-field of this schema`, n.span);
  const elem = f.elementType ?? "None";
  if (f.dataType !== "Array" || !isScalarType(elem)) unsupported(`${n.struct}[${n.index}][${n.sub}] is not a scalar element`, n.span);
  const read = typedReader(elem);
  const idx = isArrayIndex(n.index) ? Number(n.index) : Infinity;
  const { struct, sub } = n;
  const get: Getter = (row) => {
    const arr = hasOwn(row, struct) ? row[struct] : undefined;
    if (!Array.isArray(arr) || idx >= arr.length) return null;
    const e = arr[idx];
    return read(isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined);
  };
  return { kind: "scalar", type: elem, get, text: ctx.text(n), field: f, indexed: true };
}

export function resolveStructSubField(ctx: ResolveContext, n: A.StructSubField): Col {
  const scope = ctx.scope;
  if (scope === undefined) unsupported("$[...] can only be used inside element_filter or MATCH_*", n.span);
  if (scope.kind !== "struct") unsupported("scalar array element has no sub-fields; use $", n.span);
  const f = ctx.schema.field(`${scope.struct}[${n.sub}]`);
  if (f === undefined) unsupported(`struct ${scope.struct} has no sub-field ${n.sub}`, n.span);
  const elem = f.elementType ?? "None";
  if (f.dataType !== "Array" || !isScalarType(elem)) unsupported(`$[${n.sub}] (${f.dataType}<${elem}>) cannot be used in a predicate here`, n.span);
  const read = typedReader(elem);
  const sub = n.sub;
  const get: Getter = () => {
    const e = scope.cur;
    return read(isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined);
  };
  return { kind: "scalar", type: elem, get, text: ctx.text(n), elementLevel: true };
}

export function resolveElementSelf(ctx: ResolveContext, n: A.ElementSelf): Col {
  const scope = ctx.scope;
  if (scope === undefined) unsupported("$ can only be used inside element_filter or MATCH_*", n.span);
  if (scope.kind === "struct") unsupported("$ on a struct array needs a sub-field: $[name]", n.span);
  if (scope.kind === "json") return { kind: "json", type: "JSON", get: () => scope.cur, text: ctx.text(n), path: true, elementLevel: true };
  const read = typedReader(scope.elem ?? "None");
  return { kind: "scalar", type: scope.elem ?? "None", get: () => read(scope.cur), text: ctx.text(n), elementLevel: true };
}

/** Any column reference node, or undefined when `n` is not one. */
export function resolveReference(ctx: ResolveContext, n: A.Expr): Col | undefined {
  switch (n.kind) {
    case "Identifier":
      return resolveIdentifier(ctx, n);
    case "JSONIdentifier":
      return resolveJsonPath(ctx, n);
    case "StructField":
      return resolveStructField(ctx, n);
    case "StructIndexField":
      return resolveStructIndexField(ctx, n);
    case "StructSubField":
      return resolveStructSubField(ctx, n);
    case "ElementSelf":
      return resolveElementSelf(ctx, n);
    default:
      return undefined;
  }
}
