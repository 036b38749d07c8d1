/**
 * `fromLlamaIndex(filters, options)`: LlamaIndex `MetadataFilters` (`{ filters, condition }`, nested
 * freely) as a checked Milvus filter.
 *
 * Operators: LlamaIndex.TS `FilterOperator` (== != > < >= <= in nin any all contains text_match
 * is_empty) plus Python's `text_match_insensitive`; conditions: `FilterCondition` and / or, plus
 * Python's not. Values keep their JavaScript type: a number compares as a number (LlamaIndex.TS's
 * Milvus store quoted every `==`/`in` value, so numeric metadata never matched).
 */
import type { Filter } from "../builder/filter.js";
import { like, regex } from "../builder/values.js";
import { ConvertError, Emitter, at, isPlainObject, show, type Comparison, type ConvertOptions, type Pred } from "./core.js";

export const LLAMAINDEX_OPERATORS = ["==", "!=", ">", "<", ">=", "<=", "in", "nin", "any", "all", "contains", "text_match", "text_match_insensitive", "is_empty"] as const;
export const LLAMAINDEX_CONDITIONS = ["and", "or", "not"] as const;

export interface LlamaIndexMetadataFilter {
  key: string;
  value?: unknown;
  operator?: string;
}
export interface LlamaIndexMetadataFilters {
  filters: readonly (LlamaIndexMetadataFilter | LlamaIndexMetadataFilters)[];
  condition?: string;
}

const ORDER: Readonly<Record<string, Comparison>> = { ">": ">", ">=": ">=", "<": "<", "<=": "<=" };

export function fromLlamaIndex(input: LlamaIndexMetadataFilters, options?: ConvertOptions): Filter {
  const e = new Emitter(options);
  return e.finish(group(e, input, ""));
}

function group(e: Emitter, g: unknown, path: string): Pred {
  if (!isPlainObject(g) || !Array.isArray(g.filters)) throw new ConvertError("convert/bad-shape", path, `expected MetadataFilters { filters: [...] }, got ${show(g)}`);
  const here = at.key(path, "filters");
  const parts = g.filters.map((f: unknown, i: number) => {
    const p = at.index(here, i);
    return isPlainObject(f) && "filters" in f ? e.nested(p, () => group(e, f, p)) : one(e, f, p);
  });
  const condition = g.condition ?? "and";
  switch (typeof condition === "string" ? condition.toLowerCase() : condition) {
    case "and":
      return e.and(parts, path);
    case "or":
      return e.or(parts, path);
    case "not":
      return e.not(e.and(parts, path), path);
  }
  throw new ConvertError("convert/unknown-operator", at.key(path, "condition"), `${show(condition)} is not a FilterCondition (${LLAMAINDEX_CONDITIONS.join(", ")})`);
}

function one(e: Emitter, f: unknown, path: string): Pred {
  if (!isPlainObject(f)) throw new ConvertError("convert/bad-shape", path, `expected a MetadataFilter { key, value, operator }, got ${show(f)}`);
  const key = f.key;
  if (typeof key !== "string") throw new ConvertError("convert/bad-key", at.key(path, "key"), `the key must be a string, got ${show(key)}`);
  const col = e.column([key], at.key(path, "key"));
  const op: unknown = f.operator ?? "==";
  const vpath = at.key(path, "value");
  const value = f.value;
  const list = (): unknown[] => {
    if (!Array.isArray(value)) throw new ConvertError("convert/bad-value", vpath, `${String(op)} takes an array, got ${show(value)}`);
    return value.map((x, i) => e.value(col, x, at.index(vpath, i)));
  };
  const text = (): string => {
    if (typeof value !== "string") throw new ConvertError("convert/bad-value", vpath, `${String(op)} takes a string, got ${show(value)}`);
    return value;
  };
  switch (op) {
    case "==":
    case "!=":
      return e.equals(col, op === "!=", e.value(col, value, vpath), vpath);
    case ">":
    case ">=":
    case "<":
    case "<=":
      if (typeof value === "boolean" || Array.isArray(value)) throw new ConvertError("convert/unsupported", vpath, `${op} on ${show(value)} is refused: Milvus orders numbers and strings only`);
      return e.compare(col, ORDER[op as string]!, e.value(col, value, vpath), vpath);
    case "in":
    case "nin": {
      const values = list();
      if (e.isArrayField(col)) {
        const any = e.contains(col, "any", values, vpath);
        return op === "in" ? any : e.not(any, vpath);
      }
      return e.inList(col, values, op === "nin", vpath);
    }
    case "any":
    case "all": {
      const values = list();
      if (values.length === 0) throw new ConvertError("convert/bad-value", vpath, `${op} needs at least one value`);
      return e.contains(col, op as "any" | "all", values, vpath);
    }
    case "contains":
      return e.contains(col, "one", e.value(col, value, vpath), vpath);
    case "text_match":
      return e.like(col, like.contains(text()), false, vpath);
    case "text_match_insensitive":
      return e.regex(col, regex.literal(text()).pattern, "i", vpath);
    case "is_empty": {
      // Missing (or null), or an empty array. On JSON `not exists` is all of it: exists is FALSE on
      // null and on [] (also on {} and all-null arrays), on every line. (`p == []` would add nothing,
      // and on master it is UNKNOWN on a scalar, so `not is_empty` would drop rows holding one.)
      const missing = e.present(col, false, vpath);
      if (e.isArrayField(col)) return e.or([missing, e.size(col, 0, vpath)], vpath);
      return missing;
    }
  }
  throw new ConvertError("convert/unknown-operator", at.key(path, "operator"), `${show(op)} is not a LlamaIndex FilterOperator (${LLAMAINDEX_OPERATORS.join(" ")})`);
}
