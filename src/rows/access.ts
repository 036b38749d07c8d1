/**
 * Reading values out of a row, shared by the evaluator and anything else that looks at rows.
 *
 * A row is a plain object (or a null-prototype object from src/util/json.ts) shaped like Milvus
 * query output: one key per schema field, dynamic fields either as extra top-level keys or inside
 * a `$meta` object, struct arrays as lists of objects. Keys are data: every read is an own-property
 * read (`Object.hasOwn`), so `__proto__`, `constructor` or `toString` in a row are ordinary keys
 * and a missing key never finds something on a prototype.
 */
import type { CollectionSchema } from "../schema/index.js";
import { isJsonFloat } from "../util/json.js";

export type Row = Readonly<Record<string, unknown>>;

const hasOwn = Object.hasOwn;

/** Own property `key` of `obj`, or undefined. Works on null-prototype objects. */
export function ownValue(obj: object, key: string): unknown {
  return hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** A JSON object (not an array, not null, not a tagged float). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isJsonFloat(v);
}

/** The row's `$meta` object when it has one. */
export function metaObject(row: Row): Record<string, unknown> | undefined {
  if (!hasOwn(row, "$meta")) return undefined;
  const m = row.$meta;
  return isJsonObject(m) ? m : undefined;
}

/**
 * A dynamic-field key: a key of the row's `$meta` object, else (for names that are not schema
 * fields) a top-level key of the row. Returns undefined when absent.
 */
export function dynamicValue(row: Row, schema: CollectionSchema, key: string): unknown {
  const meta = metaObject(row);
  if (meta !== undefined && hasOwn(meta, key)) return meta[key];
  if (key === "$meta" || schema.field(key) !== undefined) return undefined;
  return hasOwn(row, key) ? row[key] : undefined;
}

/**
 * The whole dynamic field as one object: top-level keys that are not schema fields (nor struct
 * containers), overlaid by the keys of `$meta`. Always an object (a collection's `$meta` is never NULL).
 */
export function dynamicObject(row: Row, schema: CollectionSchema): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(row)) {
    if (k === "$meta" || schema.field(k) !== undefined || schema.struct(k) !== undefined) continue;
    out[k] = row[k];
  }
  const meta = metaObject(row);
  if (meta !== undefined) for (const k of Object.keys(meta)) out[k] = meta[k];
  return out;
}

/** Follow JSON-path keys from `root`: object keys are own keys, arrays take canonical decimal indexes (JSON pointer rules). */
export function jsonPathValue(root: unknown, keys: readonly string[], from = 0): unknown {
  let cur = root;
  for (let i = from; i < keys.length; i++) {
    const k = keys[i]!;
    if (Array.isArray(cur)) {
      if (!isArrayIndex(k)) return undefined;
      const idx = Number(k);
      if (idx >= cur.length) return undefined;
      cur = cur[idx];
    } else if (isJsonObject(cur)) {
      if (!hasOwn(cur, k)) return undefined;
      cur = cur[k];
    } else return undefined;
  }
  return cur;
}

/** `0` or `[1-9][0-9]*` within the safe-integer range. */
export function isArrayIndex(k: string): boolean {
  if (k === "0") return true;
  if (!/^[1-9][0-9]{0,15}$/.test(k)) return false;
  return Number(k) <= Number.MAX_SAFE_INTEGER;
}

/**
 * The per-element values of struct sub-field `sub` in struct array `structName`: the column
 * Milvus names `structName[sub]`. Null when the struct array itself is null or absent; elements
 * that are not objects, or lack the key, give undefined at their position.
 */
export function structSubValues(row: Row, structName: string, sub: string): unknown[] | null {
  const arr = hasOwn(row, structName) ? row[structName] : undefined;
  if (!Array.isArray(arr)) return null;
  const out = new Array<unknown>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const e = arr[i];
    out[i] = isJsonObject(e) && hasOwn(e, sub) ? e[sub] : undefined;
  }
  return out;
}
