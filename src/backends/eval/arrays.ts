/**
 * Membership: `in` lists (../shared/spec/milvus-filter-language.md §5.4) and the json_contains /
 * array_contains families (§5.9). Values are matched through membership keys (values.ts), so a
 * list of 10^5 constants or an array of 10^6 elements costs one hash lookup per element, and
 * int/float values match by exact value.
 */
import type { Span } from "../../diag/diagnostic.js";
import { JSON_NULL, typedReader, type ColumnReader } from "./columns.js";
import { isStringType, scalarEq, unsupportedType, type RowPredicate } from "./compare.js";
import { unsupported } from "./problems.js";
import { jsonKind, type SemanticsProfile } from "../../semantics/profiles.js";
import type { ConstValue } from "../../check/types.js";
import { arrayKey, constDepth, constRuntime, normNum, scalarKey, typedRuntime, type Num } from "./values.js";

/** A set of membership keys, as Set.has answers (SameValueZero). */
interface KeySet<K> {
  readonly size: number;
  has(k: K): boolean;
}

/**
 * Up to this many keys are looked up by a scan of their array: building a Set costs more than
 * the scans of a short list save, and `includes` compares as Set.has does (SameValueZero).
 */
const SCAN_MAX = 8;

/** A few keys, scanned (distinct, like a Set's). */
class FewKeys<K> implements KeySet<K> {
  constructor(private readonly keys: readonly K[]) {}
  get size(): number {
    return this.keys.length;
  }
  has(k: K): boolean {
    return this.keys.includes(k);
  }
}

const NO_KEYS: KeySet<never> = new FewKeys<never>([]);

/** The distinct keys of `keys` (which may repeat) as a KeySet. */
export function keySet<K>(keys: K[]): KeySet<K> {
  if (keys.length > SCAN_MAX) return new Set(keys);
  if (keys.length === 0) return NO_KEYS;
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    let seen = false;
    // SameValueZero, as a Set dedupes.
    for (let j = 0; j < n && !seen; j++) seen = keys[j] === k || (keys[j] !== keys[j] && k !== k);
    if (!seen) keys[n++] = k;
  }
  keys.length = n;
  return new FewKeys(keys);
}

interface KeySets {
  scalars: KeySet<unknown>;
  arrays: KeySet<string>;
  /** Deepest array constant: row values nested deeper cannot match. */
  depth: number;
}

/** Keys of a list of constants, split into scalar keys and array keys. */
function keySets(items: readonly ConstValue[]): KeySets {
  const scalars: unknown[] = [];
  const arrays: string[] = [];
  let depth = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.t === "array") depth = Math.max(depth, constDepth(it));
  }
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.t === "array") {
      const k = arrayKey(constRuntime(it) as unknown[], Infinity);
      if (k !== undefined) arrays.push(k);
    } else {
      const k = scalarKey(constRuntime(it));
      if (k !== undefined) scalars.push(k);
    }
  }
  return { scalars: keySet(scalars), arrays: keySet(arrays), depth };
}

/** The membership key of a JSON value (arrays in their own key space). */
function jsonHas(sets: KeySets, v: unknown): boolean {
  if (Array.isArray(v)) {
    if (sets.arrays.size === 0) return false;
    const k = arrayKey(v, sets.depth);
    return k !== undefined && sets.arrays.has(k);
  }
  const k = scalarKey(v);
  return k !== undefined && sets.scalars.has(k);
}

/** `col in [items]`, the items cast for the column by the checker (negation is applied by the caller). */
export function termPred(col: ColumnReader, items: readonly ConstValue[], span: Span, profile: SemanticsProfile): RowPredicate {
  const get = col.get;
  switch (col.kind) {
    case "scalar": {
      // Keys first, then one Set built from the array (half the time of adding one by one).
      const keys = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        const it = items[i]!;
        if (it.t === "int" && col.type !== "Float") {
          // The membership key of an exact integer, in one conversion (a long list's common case):
          // a safe integer as a number, anything larger stays a bigint (normNum's rule).
          const n = Number(it.v);
          keys[i] = Number.isSafeInteger(n) ? n : it.v;
          continue;
        }
        const c = typedRuntime(col.type, it);
        keys[i] = typeof c === "number" || typeof c === "bigint" ? normNum(c) : c;
      }
      const set = keySet(keys);
      if (set.size === 0) return (row) => (get(row) === null ? null : false);
      return (row) => {
        const v = get(row);
        if (v === null) return null;
        return set.has(typeof v === "number" || typeof v === "bigint" ? normNum(v) : v);
      };
    }
    case "json": {
      const sets = keySets(items);
      if (items.length === 0) return (row) => (get(row) === JSON_NULL ? null : false);
      // A missing value, or one of a kind no list element has, is a mismatch: FALSE on 2.6, UNKNOWN
      // on master (TermExpr.cpp ~line 822). (TermExpr reads the value with the type of the list's
      // first element, master ~line 124; whether the planner reorders mixed lists was not read, so
      // a value matching any element's kind is looked up, which keeps the answer order-independent.)
      const kinds = keySet(items.map((it): string => (it.t === "int" || it.t === "float" ? "number" : it.t === "bool" ? "boolean" : it.t)));
      const other = profile.jsonMismatch === "unknown" ? null : false;
      return (row) => {
        const v = get(row);
        if (v === JSON_NULL) return null;
        return kinds.has(jsonKind(v)) ? jsonHas(sets, v) : other;
      };
    }
    case "array": {
      const elem = col.elem ?? "None";
      const read = typedReader(elem);
      const keys = new Set<string>();
      for (const it of items) {
        if (it.t !== "array") return unsupported(`value in list must be an array to compare with array field ${col.text}`, span);
        const k = arrayKey(it.items.map((x) => typedRuntime(elem, x)));
        if (k !== undefined) keys.add(k);
      }
      return (row) => {
        const a = get(row) as unknown[] | null;
        if (a === null) return null;
        if (keys.size === 0) return false;
        const k = arrayKey(a.map(read));
        return k !== undefined && keys.has(k);
      };
    }
    case "other":
      return unsupportedType(col, span);
  }
}

export type ContainsKind = "contains" | "all" | "any";

/** json_contains / array_contains (and _all / _any); on an Array field the checker cast the values to its element type. */
export function containsPred(col: ColumnReader, kind: ContainsKind, value: ConstValue, span: Span, profile: SemanticsProfile): RowPredicate {
  const get = col.get;
  if (kind !== "contains" && value.t !== "array") unsupported(`${kind === "all" ? "ContainsAll" : "ContainsAny"} operation element must be an array`, span);
  const wanted: readonly ConstValue[] = kind === "contains" ? [value] : (value as Extract<ConstValue, { t: "array" }>).items;
  if (col.kind === "array") {
    const elem = col.elem ?? "None";
    const read = typedReader(elem);
    const keys = new Set<unknown>();
    for (const w of wanted) {
      if (w.t === "array") unsupported(`array_contains on ${col.text} (Array<${elem}>) takes ${elem} values, not arrays`, span);
      const c = typedRuntime(elem, w);
      keys.add(typeof c === "number" || typeof c === "bigint" ? normNum(c as Num) : c);
    }
    if (kind === "contains") {
      const c = typedRuntime(elem, wanted[0]!);
      if (isStringType(elem)) {
        // Non-strings never equal a string, so this is exactly "some element reads as c".
        return (row) => {
          const a = get(row) as unknown[] | null;
          return a === null ? null : a.includes(c);
        };
      }
      return (row) => {
        const a = get(row) as unknown[] | null;
        if (a === null) return null;
        for (let i = 0; i < a.length; i++) if (scalarEq(read(a[i]), c)) return true;
        return false;
      };
    }
    const elemKey = (e: unknown): unknown => {
      const v = read(e);
      return typeof v === "number" || typeof v === "bigint" ? normNum(v) : v;
    };
    return setPred(get, keys, elemKey, kind, null);
  }
  if (col.kind === "json") {
    const sets = keySets(wanted);
    const scalarOnly = sets.arrays.size === 0;
    // A missing or non-array value: FALSE on 2.6, UNKNOWN on master (JsonContainsExpr.cpp, ~line 489).
    const notArray = profile.jsonMismatch === "unknown" ? null : false;
    return (row) => {
      const v = get(row);
      if (v === JSON_NULL) return null;
      if (!Array.isArray(v)) return notArray;
      if (kind === "contains" || kind === "any") {
        if (sets.scalars.size === 0 && sets.arrays.size === 0) return false;
        for (const e of v) {
          if (scalarOnly && Array.isArray(e)) continue;
          if (jsonHas(sets, e)) return true;
        }
        return false;
      }
      // all: every wanted key must occur among the elements.
      const need = sets.scalars.size + sets.arrays.size;
      if (need === 0) return true;
      const seen = new Set<unknown>();
      const seenArr = new Set<string>();
      for (const e of v) {
        if (Array.isArray(e)) {
          if (sets.arrays.size === 0) continue;
          const k = arrayKey(e, sets.depth);
          if (k !== undefined && sets.arrays.has(k)) seenArr.add(k);
        } else {
          const k = scalarKey(e);
          if (k !== undefined && sets.scalars.has(k)) seen.add(k);
        }
        if (seen.size + seenArr.size === need) return true;
      }
      return false;
    };
  }
  if (col.kind === "scalar") unsupported(`contains operation are only supported on json or array fields now, got: ${col.type}`, span);
  return unsupportedType(col, span);
}

function setPred(
  get: (row: Readonly<Record<string, unknown>>) => unknown,
  keys: Set<unknown>,
  elemKey: (e: unknown) => unknown,
  kind: ContainsKind,
  nullResult: null,
): RowPredicate {
  if (kind === "contains" || kind === "any") {
    return (row) => {
      const a = get(row) as unknown[] | null;
      if (a === null) return nullResult;
      if (keys.size === 0) return false;
      for (let i = 0; i < a.length; i++) if (keys.has(elemKey(a[i]))) return true;
      return false;
    };
  }
  return (row) => {
    const a = get(row) as unknown[] | null;
    if (a === null) return nullResult;
    if (keys.size === 0) return true;
    const seen = new Set<unknown>();
    for (let i = 0; i < a.length; i++) {
      const k = elemKey(a[i]);
      if (keys.has(k)) {
        seen.add(k);
        if (seen.size === keys.size) return true;
      }
    }
    return false;
  };
}
