/**
 * Type params: REST `params: [{key, value}]`, SDK `type_params` (list or object), protobuf JSON
 * `typeParams`, and the copies the Node SDK flattens onto the field (`field.dim`). Values are kept as
 * strings, as describe returns them; numeric ones are also exposed as numbers.
 */
import { isRecord, own, pick } from "./access.js";
import { describeValue, issue, joinPath, type SchemaIssue } from "./issues.js";
import type { FieldSchema } from "./types.js";

export type ParamMap = Map<string, { value: string; path: string }>;

const PARAM_KEYS = ["params", "type_params", "typeParams"];
/** Params the SDK also flattens onto the field object. */
const FLAT_PARAMS = ["dim", "max_length", "max_capacity", "enable_match", "enable_analyzer", "precision", "scale"];
const NUMERIC_PARAMS = {
  max_length: "maxLength",
  max_capacity: "maxCapacity",
  dim: "dim",
  precision: "precision",
  scale: "scale",
} as const;

function paramString(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "object" && v !== null) {
    try {
      const s = JSON.stringify(v);
      return typeof s === "string" ? s : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Reads the params of field object `o`; `at(key)` gives the path of one of its keys. */
export function readParams(o: Record<string, unknown>, at: (k: string) => string, issues: SchemaIssue[]): ParamMap {
  const out: ParamMap = new Map();
  const put = (key: unknown, value: unknown, path: string, keyPath: string): void => {
    if (typeof key !== "string" || key === "") {
      issues.push(issue("schema/invalid-param", `param key must be a non-empty string, found ${describeValue(key)}`, keyPath));
      return;
    }
    const s = paramString(value);
    if (s === undefined) issues.push(issue("schema/invalid-param", `param "${key}" has no usable value (${describeValue(value)})`, path));
    else out.set(key, { value: s, path });
  };
  const hit = pick(o, PARAM_KEYS);
  if (hit) {
    const [key, list] = hit;
    const base = at(key);
    if (Array.isArray(list)) {
      for (let i = 0; i < list.length; i++) {
        const entry: unknown = list[i];
        const p = joinPath(base, i);
        if (isRecord(entry)) put(own(entry, "key"), own(entry, "value"), joinPath(p, "value"), joinPath(p, "key"));
        else issues.push(issue("schema/invalid-param", `param entry must be a {key, value} object, found ${describeValue(entry)}`, p));
      }
    } else if (isRecord(list)) {
      for (const k of Object.keys(list)) put(k, own(list, k), joinPath(base, k), joinPath(base, k));
    } else {
      issues.push(issue("schema/expected-array", `"${key}" must be a list of {key, value} pairs, found ${describeValue(list)}`, base));
    }
  }
  for (const k of FLAT_PARAMS) {
    const v = own(o, k);
    if (v !== undefined && !out.has(k)) put(k, v, at(k), at(k));
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Stores params on the field (frozen, null-prototype) and derives enableMatch and numeric params. */
export function applyParams(f: Mutable<FieldSchema>, params: ParamMap, issues: SchemaIssue[]): void {
  const rec: Record<string, string> = Object.create(null);
  for (const [k, { value }] of params) rec[k] = value;
  f.params = Object.freeze(rec);
  f.enableMatch = (rec.enable_match ?? "").trim().toLowerCase() === "true";
  for (const [key, prop] of Object.entries(NUMERIC_PARAMS)) {
    const p = params.get(key);
    if (!p) continue;
    const s = p.value.trim();
    const n = Number(s);
    if (/^\d+$/.test(s) && Number.isSafeInteger(n)) f[prop] = n;
    else issues.push(issue("schema/invalid-param", `param "${key}" must be a non-negative integer, found ${JSON.stringify(p.value)}`, p.path));
  }
}
