/**
 * Column readers: the checker resolved every reference (ColumnInfo, with `access` saying where
 * the value lives in a row); this module only turns that into a getter over rows, reading values
 * by the row contract (src/rows/coerce.ts). Nothing here looks at the schema or at names.
 *
 * Getter results:
 * - scalar columns: the value read as the column's type, or `null` for NULL;
 * - JSON columns: the JSON value, `undefined` when the path is missing, or JSON_NULL when the JSON
 *   column itself is NULL;
 * - array columns: the JS array (elements unconverted), or `null` for NULL;
 * - other columns (vectors, geometry, …): the raw value, or `null` for NULL.
 */
import type { DataType } from "../../schema/index.js";
import type { CollectionSchema } from "../../schema/index.js";
import type { ColumnInfo } from "../../check/types.js";
import type { Span } from "../../diag/diagnostic.js";
import type * as A from "../../syntax/ast.js";
import { isJsonFloat, JsonFloat } from "../../util/json.js";
import { dynamicObject, isArrayIndex, isJsonObject, type Row } from "../../rows/access.js";
import { coerceInteger, isInt64Number } from "../../rows/coerce.js";
import { bigintToFloat32 } from "./values.js";
import { unsupported } from "./problems.js";

/** The JSON column itself is NULL (distinct from a missing key, which is `undefined`). */
export const JSON_NULL: unique symbol = Symbol("json-null");

export type Getter = (row: Row) => unknown;

/** A column reference node, for the text a reader shows (`age`, `meta["a"]`). */
export interface ReferenceNode {
  readonly kind: string;
  readonly span: Span;
}

/**
 * How the evaluator reads one resolved column. One class, so every reader has one shape and the
 * compiler's reads of `kind` / `get` / `direct` stay monomorphic; the text is sliced from the
 * source only when a message or explain asks for it.
 */
export class ColumnReader {
  /** Element type of an array column. */
  elem: DataType | undefined = undefined;
  /** JSON columns: true when a key path is applied (exists / is null need one). */
  path = false;
  /** `$` / `$[sub]` inside MATCH_* / element_filter. */
  elementLevel = false;
  /** `arr[i]` / `s[i][sub]`. */
  indexed = false;
  /** A struct array as a whole (`s is null`, `array_length(s)`). */
  structArray: string | undefined = undefined;
  /**
   * Set for a top-level typed scalar field read straight off the row (`row[name]`, no own-property
   * test): only in the trusted compilation, which runs on plain and null-prototype rows, and only
   * for names that are not properties of Object.prototype. Lets comparisons fuse the read.
   */
  direct: string | undefined = undefined;
  private shown: string | undefined = undefined;

  constructor(
    readonly kind: "scalar" | "json" | "array" | "other",
    /** scalar: the value type; json: "JSON"; array: "Array"; other: the field type. */
    readonly type: DataType,
    readonly get: Getter,
    private readonly ref: ReferenceNode,
    private readonly source: string | undefined,
  ) {}

  /** How the reference reads in the filter (for messages and explain). */
  get text(): string {
    return (this.shown ??= referenceText(this.ref, this.source));
  }
}

/** The reference's source text, or (without a source, or for an empty span) how it would be written. */
function referenceText(n: ReferenceNode, source: string | undefined): string {
  const t = source === undefined ? "" : source.slice(n.span.start, n.span.end);
  return t !== "" ? t : refText(n as A.Expr);
}

/** How a reference reads, for explain output when no source text was given. */
function refText(n: A.Expr): string {
  switch (n.kind) {
    case "Identifier":
      return n.name;
    case "JSONIdentifier":
      return n.base + n.keys.map((k) => (k.kind === "index" ? `[${k.value}]` : `[${k.raw}]`)).join("");
    case "StructField":
      return `${n.struct}[${n.sub}]`;
    case "StructIndexField":
      return `${n.struct}[${n.index}][${n.sub}]`;
    case "StructSubField":
      return `$[${n.sub}]`;
    case "ElementSelf":
      return "$";
    default:
      return n.kind;
  }
}

/** The current element of the innermost element_filter / MATCH_* (set by its loop). */
export interface ElementScope {
  cur: unknown;
}

const hasOwn = Object.hasOwn;
const OBJECT_PROTO = Object.prototype;
const SCALAR: ReadonlySet<string> = new Set(["Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "VarChar", "String"]);
export const isScalarType = (t: string | undefined): t is DataType => t !== undefined && SCALAR.has(t);

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
 * Object.prototype's own keys are all it has (its prototype is null, and immutable), so an
 * own-key test answers: a builtin call, where `name in Object.prototype` is a megamorphic keyed
 * lookup for every new name.
 */
export const directSafe = (name: string): boolean => !hasOwn(OBJECT_PROTO, name);

/** Raw read of top-level key `name`: own property only; `trusted` drops the test where it cannot matter. */
export function rawReader(name: string, trusted: boolean): Getter {
  if (trusted && directSafe(name)) return (row) => row[name];
  return (row) => (hasOwn(row, name) ? row[name] : undefined);
}

/** Getter for top-level typed field `name`; `direct`: read `row[name]` without the own-property test (see ColumnReader.direct). */
function fieldGetter(name: string, type: DataType, direct: boolean): Getter {
  if (direct) {
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

// ---------------------------------------------------------------- JSON paths

/**
 * The value under key `k` (array index `i` when canonical, else -1) of a JSON value, or undefined.
 * On a plain object a key Object.prototype lacks (`plainSafe`) can only be found as an own key, so
 * the own-property test is needed only off that path. A JsonFloat's own keys (kind / value / raw,
 * `floatKey`) never match: it is a number.
 */
function keyOf(v: unknown, k: string, i: number, plainSafe: boolean, floatKey: boolean): unknown {
  if (typeof v !== "object" || v === null) return undefined;
  if (Array.isArray(v)) return i >= 0 && i < v.length ? v[i] : undefined;
  const x = (v as Record<string, unknown>)[k];
  if (x === undefined) return undefined;
  if (plainSafe && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO) return x;
  return hasOwn(v, k) && !(floatKey && v instanceof JsonFloat) ? x : undefined;
}

/** A JSON path key with what keyOf needs to know about it. */
interface PathKey {
  readonly k: string;
  readonly i: number;
  readonly plainSafe: boolean;
  readonly floatKey: boolean;
}

const pathKey = (k: string): PathKey => ({ k, i: isArrayIndex(k) ? Number(k) : -1, plainSafe: directSafe(k), floatKey: k === "kind" || k === "value" || k === "raw" });

/**
 * A getter following `keys` below `first`'s value (undefined stays undefined). Paths of one to three
 * keys are unrolled, each step its own load site: V8 keeps one inline cache per site, and a shared
 * loop over the keys would see every key and object shape of the path at one site.
 */
function pathBelow(first: Getter, keys: readonly string[]): Getter {
  const p = keys.map(pathKey);
  switch (p.length) {
    case 0:
      return first;
    case 1: {
      const [a] = p as [PathKey];
      return (row) => {
        const v = first(row);
        return v === undefined ? v : keyOf(v, a.k, a.i, a.plainSafe, a.floatKey);
      };
    }
    case 2: {
      const [a, b] = p as [PathKey, PathKey];
      return (row) => {
        const v = first(row);
        if (v === undefined) return v;
        const w = keyOf(v, a.k, a.i, a.plainSafe, a.floatKey);
        return w === undefined ? w : keyOf(w, b.k, b.i, b.plainSafe, b.floatKey);
      };
    }
    case 3: {
      const [a, b, c] = p as [PathKey, PathKey, PathKey];
      return (row) => {
        const v = first(row);
        if (v === undefined) return v;
        const w = keyOf(v, a.k, a.i, a.plainSafe, a.floatKey);
        if (w === undefined) return w;
        const x = keyOf(w, b.k, b.i, b.plainSafe, b.floatKey);
        return x === undefined ? x : keyOf(x, c.k, c.i, c.plainSafe, c.floatKey);
      };
    }
    default:
      return (row) => {
        let v = first(row);
        for (let j = 0; j < p.length && v !== undefined; j++) {
          const q = p[j]!;
          v = keyOf(v, q.k, q.i, q.plainSafe, q.floatKey);
        }
        return v;
      };
  }
}

/** A column of JSON field `name` with key path `keys` (possibly empty): JSON_NULL when the column is NULL. */
function jsonFieldReader(name: string, keys: readonly string[], trusted: boolean, slot: number): Getter {
  if (trusted && directSafe(name) && keys.length === 1) return ONE_KEY_READERS[slot % ONE_KEY_READERS.length]!(name, pathKey(keys[0]!));
  if (trusted && directSafe(name) && keys.length >= 2 && keys.length <= 3) return directJsonPath(name, keys.map(pathKey));
  const read = rawReader(name, trusted);
  if (keys.length === 0) {
    return (row) => {
      const v = read(row);
      return v === undefined || v === null ? JSON_NULL : v;
    };
  }
  const rest = pathBelow(read, keys);
  return (row) => {
    const v = read(row);
    return v === undefined || v === null ? JSON_NULL : rest(row);
  };
}

/** One-key reader: `row[name][key]` on plain and null-prototype rows, keyOf's rule written out. */
type OneKeyReader = (name: string, key: PathKey) => Getter;

/**
 * Four textually separate copies of the one-key reader. V8 keeps one inline cache per load site,
 * and a keyed load that sees two different keys goes megamorphic (a hash lookup per row). A
 * compilation hands the copies out in turn, so up to four one-key JSON paths of a filter each read
 * through a site of their own: `meta["score"] > 0.5 or (meta["kind"] == "a" and …)` ran 1.3× a
 * hand-written closure through one shared site, 1.0× through two.
 */
const ONE_KEY_READERS: readonly OneKeyReader[] = [
  (name, { k, i, plainSafe, floatKey }) =>
    (row) => {
      const v = row[name];
      if (v === undefined || v === null) return JSON_NULL;
      if (typeof v !== "object") return undefined;
      if (Array.isArray(v)) return i >= 0 && i < v.length ? v[i] : undefined;
      const w = (v as Record<string, unknown>)[k];
      if (w === undefined || (plainSafe && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) return w;
      return keyOf(v, k, i, plainSafe, floatKey);
    },
  (name, { k, i, plainSafe, floatKey }) =>
    (row) => {
      const v = row[name];
      if (v === undefined || v === null) return JSON_NULL;
      if (typeof v !== "object") return undefined;
      if (Array.isArray(v)) return i >= 0 && i < v.length ? v[i] : undefined;
      const w = (v as Record<string, unknown>)[k];
      if (w === undefined || (plainSafe && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) return w;
      return keyOf(v, k, i, plainSafe, floatKey);
    },
  (name, { k, i, plainSafe, floatKey }) =>
    (row) => {
      const v = row[name];
      if (v === undefined || v === null) return JSON_NULL;
      if (typeof v !== "object") return undefined;
      if (Array.isArray(v)) return i >= 0 && i < v.length ? v[i] : undefined;
      const w = (v as Record<string, unknown>)[k];
      if (w === undefined || (plainSafe && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) return w;
      return keyOf(v, k, i, plainSafe, floatKey);
    },
  (name, { k, i, plainSafe, floatKey }) =>
    (row) => {
      const v = row[name];
      if (v === undefined || v === null) return JSON_NULL;
      if (typeof v !== "object") return undefined;
      if (Array.isArray(v)) return i >= 0 && i < v.length ? v[i] : undefined;
      const w = (v as Record<string, unknown>)[k];
      if (w === undefined || (plainSafe && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) return w;
      return keyOf(v, k, i, plainSafe, floatKey);
    },
];

/**
 * `row[name]` and two or three keys below it, for plain and null-prototype rows, unrolled: every
 * step is written out in its closure, so each load has an inline cache of its own (a shared step
 * function, even inlined, keeps one cache for all of them, and a two-key path ran 2.7× slower than
 * the same reads written by hand). Each step is keyOf's rule: an array takes the key as an index; an
 * object's key is taken as found when the object is plain and the key is not an Object.prototype
 * name, else keyOf decides.
 */
function directJsonPath(name: string, p: readonly PathKey[]): Getter {
  const a = p[0]!;
  const ka = a.k;
  const ia = a.i;
  const safeA = a.plainSafe;
  const b = p[1]!;
  const kb = b.k;
  const ib = b.i;
  const safeB = b.plainSafe;
  if (p.length === 2) {
    return (row) => {
      const v = row[name];
      if (v === undefined || v === null) return JSON_NULL;
      if (typeof v !== "object") return undefined;
      let w: unknown;
      if (Array.isArray(v)) w = ia >= 0 && ia < v.length ? v[ia] : undefined;
      else {
        w = (v as Record<string, unknown>)[ka];
        if (w !== undefined && !(safeA && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) w = keyOf(v, ka, ia, safeA, a.floatKey);
      }
      if (typeof w !== "object" || w === null) return undefined;
      if (Array.isArray(w)) return ib >= 0 && ib < w.length ? w[ib] : undefined;
      const x = (w as Record<string, unknown>)[kb];
      if (x === undefined || (safeB && (w as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) return x;
      return keyOf(w, kb, ib, safeB, b.floatKey);
    };
  }
  const c = p[2]!;
  const kc = c.k;
  const ic = c.i;
  const safeC = c.plainSafe;
  return (row) => {
    const v = row[name];
    if (v === undefined || v === null) return JSON_NULL;
    if (typeof v !== "object") return undefined;
    let w: unknown;
    if (Array.isArray(v)) w = ia >= 0 && ia < v.length ? v[ia] : undefined;
    else {
      w = (v as Record<string, unknown>)[ka];
      if (w !== undefined && !(safeA && (v as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) w = keyOf(v, ka, ia, safeA, a.floatKey);
    }
    if (typeof w !== "object" || w === null) return undefined;
    let x: unknown;
    if (Array.isArray(w)) x = ib >= 0 && ib < w.length ? w[ib] : undefined;
    else {
      x = (w as Record<string, unknown>)[kb];
      if (x !== undefined && !(safeB && (w as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) x = keyOf(w, kb, ib, safeB, b.floatKey);
    }
    if (typeof x !== "object" || x === null) return undefined;
    if (Array.isArray(x)) return ic >= 0 && ic < x.length ? x[ic] : undefined;
    const y = (x as Record<string, unknown>)[kc];
    if (y === undefined || (safeC && (x as { __proto__?: unknown }).__proto__ === OBJECT_PROTO)) return y;
    return keyOf(x, kc, ic, safeC, c.floatKey);
  };
}

/**
 * A dynamic-field path: `keys[0]` is the dynamic key, read from `$meta`, then from the row's top
 * level when `topLevel`; empty keys are the whole dynamic object.
 */
function dynamicReader(schema: CollectionSchema, keys: readonly string[], topLevel: boolean, trusted: boolean): Getter {
  if (keys.length === 0) return (row) => dynamicObject(row, schema);
  const key = keys[0]!;
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
  return pathBelow(first, keys.slice(1));
}

// ---------------------------------------------------------------- readers

export interface ReaderContext {
  /** Compile for plain / null-prototype rows (see ColumnReader.direct). */
  readonly trusted: boolean;
  /** The schema the checker resolved against: the whole dynamic object leaves out its fields. */
  readonly schema: CollectionSchema;
  /** The element loop a `$` / `$[sub]` reads from, when inside one. */
  readonly scope: ElementScope | undefined;
  /** The filter text, for the readers' `text` (undefined: they show the reference as written from the tree). */
  readonly sourceText: string | undefined;
  /** A new number per JSON reader of one compilation (which copy of a reader to use: see ONE_KEY_READERS). */
  nextSlot(): number;
}

/** The struct sub-field values of one row: `row[struct][i][sub]` for each element i. */
function structSubValues(struct: string, sub: string, row: Row): unknown[] | null {
  const arr = hasOwn(row, struct) ? row[struct] : undefined;
  if (!Array.isArray(arr)) return null;
  const out = new Array<unknown>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const e = arr[i];
    out[i] = isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined;
  }
  return out;
}

/** The reader of a column the checker resolved; `n` is the reference (its text is shown by explain). */
export function columnReader(col: ColumnInfo, n: ReferenceNode, ctx: ReaderContext, span: Span): ColumnReader {
  const access = col.access;
  const { trusted, sourceText } = ctx;
  switch (access.kind) {
    case "field": {
      const t = col.dataType as DataType;
      const name = access.name;
      const direct = trusted && directSafe(name);
      const get = fieldGetter(name, t, direct);
      if (isScalarType(t)) {
        const r = new ColumnReader("scalar", t, get, n, sourceText);
        if (direct) r.direct = name;
        return r;
      }
      if (t === "Array") {
        const r = new ColumnReader("array", "Array", get, n, sourceText);
        r.elem = col.elementType as DataType;
        return r;
      }
      return new ColumnReader("other", t, get, n, sourceText);
    }
    case "json": {
      const r = new ColumnReader("json", "JSON", jsonFieldReader(access.field, access.path, trusted, ctx.nextSlot()), n, sourceText);
      r.path = access.path.length > 0;
      return r;
    }
    case "dynamic": {
      const r = new ColumnReader("json", "JSON", dynamicReader(ctx.schema, access.path, access.topLevel, trusted), n, sourceText);
      r.path = access.path.length > 0;
      return r;
    }
    case "element": {
      if (access.path.length !== 1) unsupported(`array field ${access.field} can only be accessed with one integer index`, span);
      const elem = col.elementType as DataType;
      if (!isScalarType(elem)) unsupported(`elements of ${access.field} (${elem}) cannot be compared`, span);
      const read = typedReader(elem);
      const raw = rawReader(access.field, trusted);
      const idx = isArrayIndex(access.path[0]!) ? Number(access.path[0]) : Infinity;
      const get: Getter = (row) => {
        const a = raw(row);
        if (!Array.isArray(a) || idx >= a.length) return null;
        return read(a[idx]);
      };
      const r = new ColumnReader("scalar", elem, get, n, sourceText);
      r.indexed = true;
      return r;
    }
    case "structSub": {
      const { struct, sub } = access;
      const get: Getter = (row) => structSubValues(struct, sub, row);
      if (col.dataType === "Array") {
        const r = new ColumnReader("array", "Array", get, n, sourceText);
        r.elem = col.elementType as DataType;
        return r;
      }
      return new ColumnReader("other", col.dataType as DataType, get, n, sourceText);
    }
    case "structElement": {
      const elem = col.elementType as DataType;
      if (col.dataType !== "Array" || !isScalarType(elem)) unsupported(`${access.struct}[${access.index}][${access.sub}] is not a scalar element`, span);
      const read = typedReader(elem);
      const idx = isArrayIndex(access.index) ? Number(access.index) : Infinity;
      const { struct, sub } = access;
      const get: Getter = (row) => {
        const arr = hasOwn(row, struct) ? row[struct] : undefined;
        if (!Array.isArray(arr) || idx >= arr.length) return null;
        const e = arr[idx];
        return read(isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined);
      };
      const r = new ColumnReader("scalar", elem, get, n, sourceText);
      r.indexed = true;
      return r;
    }
    case "structArray": {
      const name = access.struct;
      const get: Getter = (row) => {
        const v = hasOwn(row, name) ? row[name] : undefined;
        return Array.isArray(v) ? v : null;
      };
      const r = new ColumnReader("other", "ArrayOfStruct", get, n, sourceText);
      r.structArray = name;
      return r;
    }
    case "current": {
      const scope = ctx.scope;
      if (scope === undefined) return unsupported(`${referenceText(n, sourceText)} can only be used inside element_filter or MATCH_*`, span);
      let r: ColumnReader;
      if (access.sub !== undefined) {
        const elem = col.elementType as DataType;
        if (col.dataType !== "Array" || !isScalarType(elem)) unsupported(`$[${access.sub}] (${col.dataType}<${elem}>) cannot be used in a predicate here`, span);
        const read = typedReader(elem);
        const sub = access.sub;
        const get: Getter = () => {
          const e = scope.cur;
          return read(isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined);
        };
        r = new ColumnReader("scalar", elem, get, n, sourceText);
      } else if (col.dataType === "JSON") {
        r = new ColumnReader("json", "JSON", () => scope.cur, n, sourceText);
        r.path = true;
      } else {
        const elem = col.dataType as DataType;
        const read = typedReader(elem);
        r = new ColumnReader("scalar", elem, () => read(scope.cur), n, sourceText);
      }
      r.elementLevel = true;
      return r;
    }
    case "unresolved":
      return unsupported(`${referenceText(n, sourceText)} was checked without a schema: pass the schema to check`, span);
  }
}
