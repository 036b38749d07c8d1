/**
 * `fromLangChain(query, options)`: LangChain's structured-query IR (the self-query retriever's
 * output: `StructuredQuery { query, filter }`, `Comparison { comparator, attribute, value }`,
 * `Operation { operator, args }`) as a checked Milvus filter. The objects are read by shape, so
 * LangChain itself is not a dependency.
 *
 * Comparators (langchain-core `Comparator`): eq ne gt gte lt lte contain like in nin.
 * Operators (`Operator`): and or not. Attributes are keys, never split on dots.
 */
import type { Filter } from "../builder/filter.js";
import { like } from "../builder/values.js";
import { ConvertError, Emitter, at, show, type Comparison, type ConvertOptions, type Pred } from "./core.js";

/** langchain-core's Comparator values. */
export const LANGCHAIN_COMPARATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "contain", "like", "in", "nin"] as const;
/** langchain-core's Operator values. */
export const LANGCHAIN_OPERATORS = ["and", "or", "not"] as const;

export interface LangChainComparison {
  comparator: string;
  attribute: string;
  value: unknown;
}
export interface LangChainOperation {
  operator: string;
  args?: readonly (LangChainComparison | LangChainOperation)[];
}
export interface LangChainStructuredQuery {
  query?: string;
  filter?: LangChainComparison | LangChainOperation;
}

const ORDER: Readonly<Record<string, Comparison>> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

/** Converts a StructuredQuery (its `filter`), a Comparison or an Operation. */
export function fromLangChain(input: LangChainStructuredQuery | LangChainComparison | LangChainOperation, options?: ConvertOptions): Filter {
  const e = new Emitter(options);
  if (isPlainObjectLike(input) && !("comparator" in input) && !("operator" in input) && ("filter" in input || "query" in input)) {
    if ((input as LangChainStructuredQuery).filter === undefined) {
      throw new ConvertError("convert/bad-shape", "filter", "the structured query has no filter (query without one; do not send an empty filter)");
    }
    return e.finish(directive(e, (input as LangChainStructuredQuery).filter, "filter"));
  }
  return e.finish(directive(e, input, ""));
}

/** LangChain's IR nodes are class instances; any non-array object is read by its fields. */
function isPlainObjectLike(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function directive(e: Emitter, d: unknown, path: string): Pred {
  if (!isPlainObjectLike(d)) throw new ConvertError("convert/bad-shape", path, `expected a Comparison or an Operation, got ${show(d)}`);
  if ("comparator" in d) return comparison(e, d as unknown as LangChainComparison, path);
  if ("operator" in d) {
    const { operator, args } = d as unknown as LangChainOperation;
    const here = at.key(path, "args");
    if (!Array.isArray(args)) throw new ConvertError("convert/bad-shape", here, `an Operation needs an args array, got ${show(args)}`);
    const parts = args.map((a, i) => e.nested(at.index(here, i), () => directive(e, a, at.index(here, i))));
    switch (operator) {
      case "and":
        return e.and(parts, path);
      case "or":
        return e.or(parts, path);
      case "not":
        if (parts.length !== 1) throw new ConvertError("convert/bad-shape", here, `not takes exactly one argument, got ${parts.length}`);
        return e.not(parts[0]!, path);
    }
    throw new ConvertError("convert/unknown-operator", at.key(path, "operator"), `${show(operator)} is not a LangChain operator (${LANGCHAIN_OPERATORS.join(", ")})`);
  }
  throw new ConvertError("convert/bad-shape", path, "expected a Comparison (comparator, attribute, value) or an Operation (operator, args)");
}

function comparison(e: Emitter, c: LangChainComparison, path: string): Pred {
  const { comparator, attribute, value } = c;
  if (typeof attribute !== "string") throw new ConvertError("convert/bad-key", at.key(path, "attribute"), `the attribute must be a string, got ${show(attribute)}`);
  const col = e.column([attribute], at.key(path, "attribute"));
  const vpath = at.key(path, "value");
  switch (comparator) {
    case "eq":
    case "ne":
      return e.equals(col, comparator === "ne", e.value(col, value, vpath), vpath);
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (typeof value === "boolean" || Array.isArray(value)) throw new ConvertError("convert/unsupported", vpath, `${comparator} on ${show(value)} is refused: Milvus orders numbers and strings only`);
      return e.compare(col, ORDER[comparator]!, e.value(col, value, vpath), vpath);
    case "in":
    case "nin": {
      if (!Array.isArray(value)) throw new ConvertError("convert/bad-value", vpath, `${comparator} takes an array, got ${show(value)}`);
      const values = value.map((x, i) => e.value(col, x, at.index(vpath, i)));
      if (e.isArrayField(col)) {
        const any = e.contains(col, "any", values, vpath);
        return comparator === "in" ? any : e.not(any, vpath);
      }
      return e.inList(col, values, comparator === "nin", vpath);
    }
    case "contain": {
      // An array holds the value; a string field holds it as a substring.
      const v = e.value(col, value, vpath);
      const t = e.scalarType(col);
      if (!e.isArrayField(col) && (t === "VarChar" || t === "String")) {
        if (typeof v !== "string") throw new ConvertError("convert/bad-value", vpath, `contain on a ${t} field takes a string, got ${show(v)}`);
        return e.like(col, like.contains(v), false, vpath);
      }
      return e.contains(col, "one", v, vpath);
    }
    case "like":
      if (typeof value !== "string") throw new ConvertError("convert/bad-value", vpath, `like takes a LIKE pattern string, got ${show(value)}`);
      return e.like(col, like.pattern(value), false, vpath);
  }
  throw new ConvertError("convert/unknown-operator", at.key(path, "comparator"), `${show(comparator)} is not a LangChain comparator (${LANGCHAIN_COMPARATORS.join(", ")})`);
}

