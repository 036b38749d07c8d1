/**
 * JavaScript values → literal AST nodes, and the helpers that mark values which are not plain data
 * (field names, JSON paths, LIKE and regex patterns, forced floats). Every conversion either gives
 * a node whose printed literal decodes back to exactly the value, or throws FilterBuildError.
 */
import type * as A from "../syntax/ast.js";
import {
  INT64_MAX,
  INT64_MIN,
  decodeStringLiteral,
  escapeLikePattern,
  fitsInt64,
  quoteJsonKey,
  quoteRegexPattern,
  quoteString,
} from "../syntax/literals.js";
import { floatFromNumber } from "../backends/print/literals.js";
import { IDENTIFIER_RE, classifyName, nameFits } from "../backends/print/names.js";

/** A value or name the builder refuses, with the interpolation it came from. */
export class FilterBuildError extends Error {
  override readonly name = "FilterBuildError";
  constructor(
    message: string,
    /** 0-based index of the offending `${…}` in the template, when one is to blame. */
    readonly index?: number,
    /** Where inside that value (`[2][0]` for a nested list element), when it is nested. */
    readonly path?: string,
    /** Every refusal is about the caller's arguments (`usage/bad-argument`), except a builder bug (`internal/error`). */
    readonly code: "usage/bad-argument" | "internal/error" = "usage/bad-argument",
  ) {
    super(message);
  }
}

/**
 * A public builder function whose every failure is a FilterBuildError: an argument that throws
 * when read (a Proxy, a getter) or nests past the stack is refused like any other bad argument.
 */
export function guarded<F extends (...args: never[]) => unknown>(fn: string, f: F): F {
  return ((...args: Parameters<F>) => {
    try {
      return f(...args);
    } catch (e) {
      if (e instanceof FilterBuildError) throw e;
      const why = e instanceof RangeError ? "it nests too deeply" : `reading it threw: ${e instanceof Error ? e.message : "a non-Error value"}`;
      throw new FilterBuildError(`${fn}: an argument cannot be used (${why})`);
    }
  }) as F;
}

/** Synthetic position for built nodes (the final Filter.ast is re-parsed, with real spans). */
export const NOWHERE: A.Span = { start: 0, end: 0 };

// ------------------------------------------------------------------ helper wrappers

const brand = Symbol("milvus-filter.builder");

/** A validated field reference: `field("age")`. */
export interface FieldRef {
  readonly [brand]: "field";
  readonly name: string;
}
/** A validated JSON path: `jsonPath("meta", "a b", 0)` → `meta["a b"][0]`. */
export interface JsonPathRef {
  readonly [brand]: "jsonPath";
  readonly base: string;
  readonly keys: readonly A.JsonKey[];
}
/** A LIKE pattern (already escaped, or trusted). */
export interface LikePattern {
  readonly [brand]: "like";
  readonly pattern: string;
}
/** An RE2 pattern (already escaped, or trusted). */
export interface RegexPattern {
  readonly [brand]: "regex";
  readonly pattern: string;
}
/** A number to be written as a float literal even when integral (`double(2)` → `2.0`). */
export interface DoubleValue {
  readonly [brand]: "double";
  readonly value: number;
}

type Wrapper = FieldRef | JsonPathRef | LikePattern | RegexPattern | DoubleValue;

export function wrapperKind(v: unknown): Wrapper[typeof brand] | undefined {
  return typeof v === "object" && v !== null && brand in v ? (v as Wrapper)[brand] : undefined;
}

/**
 * A field name, checked against Milvus's identifier grammar (`[a-zA-Z_][a-zA-Z0-9_]*`, ASCII)
 * and its keyword list: reserved keywords (`and`, `in`, `like`, `true`, `json_contains`, …) are
 * refused because Milvus cannot reference such a field; contextual keywords (`iso`, `threshold`,
 * `st_equals`, …) and `$meta` are allowed, as Milvus allows them.
 */
export function field(name: string): FieldRef {
  if (typeof name !== "string") throw new FilterBuildError(`field(): the name must be a string, got ${describe(name)}`);
  if (!nameFits(name, "expr")) {
    const why =
      IDENTIFIER_RE.test(name) && classifyName(name) === "reserved"
        ? "it is a reserved keyword, which Milvus cannot use as a field name"
        : "Milvus field names are ASCII letters, digits and '_', not starting with a digit";
    throw new FilterBuildError(`field(${JSON.stringify(name)}): ${why}`);
  }
  return Object.freeze({ [brand]: "field" as const, name });
}

/** Same as field(). */
export const ident = field;

/**
 * A JSON path `base[k1][k2]…`. `base` is a field name or `$meta`; string keys are quoted and
 * escaped (quoteJsonKey), non-negative integers (number or bigint) are index keys. Throws for an
 * empty key, a key with a lone surrogate, and a Han character above U+FFFF (Milvus corrupts it).
 */
export function jsonPath(base: string, ...keys: readonly (string | number | bigint)[]): JsonPathRef {
  if (typeof base !== "string" || (base !== "$meta" && !IDENTIFIER_RE.test(base))) {
    throw new FilterBuildError(`jsonPath(${typeof base === "string" ? JSON.stringify(base) : describe(base)}): the base must be a field name or $meta`);
  }
  if (keys.length === 0) throw new FilterBuildError("jsonPath(): give at least one key (use field() for a bare field)");
  const out = keys.map((k, i) => jsonKey(k, `jsonPath key ${i}`));
  return Object.freeze({ [brand]: "jsonPath" as const, base, keys: Object.freeze(out) });
}

/** One JSON-path key node for a key value. */
export function jsonKey(k: unknown, what: string, index?: number, path?: string): A.JsonKey {
  if (typeof k === "string") {
    try {
      return { kind: "key", value: k, raw: quoteJsonKey(k), quote: "string" };
    } catch (e) {
      throw new FilterBuildError(`${what}: ${(e as Error).message}`, index, path);
    }
  }
  if ((typeof k === "number" && Number.isSafeInteger(k) && k >= 0 && !Object.is(k, -0)) || (typeof k === "bigint" && k >= 0n)) {
    return { kind: "index", value: BigInt(k).toString() };
  }
  throw new FilterBuildError(`${what}: a JSON key must be a string or a non-negative integer, got ${describe(k)}`, index, path);
}

const likeOf = (pattern: string): LikePattern => Object.freeze({ [brand]: "like" as const, pattern });
const needString = (fn: string, s: unknown): string => {
  if (typeof s !== "string") throw new FilterBuildError(`${fn}(): expected a string, got ${describe(s)}`);
  return s;
};

/**
 * LIKE patterns. A plain string interpolated after `like` is refused: say what it is.
 * `exact`/`prefix`/`suffix`/`contains` escape `%`, `_` and `\` in the text, so it matches literally;
 * `pattern` takes a trusted pattern as is (never pass user input to it).
 */
export const like = Object.freeze({
  exact: (text: string): LikePattern => likeOf(escapeLikePattern(needString("like.exact", text))),
  prefix: (text: string): LikePattern => likeOf(`${escapeLikePattern(needString("like.prefix", text))}%`),
  suffix: (text: string): LikePattern => likeOf(`%${escapeLikePattern(needString("like.suffix", text))}`),
  contains: (text: string): LikePattern => likeOf(`%${escapeLikePattern(needString("like.contains", text))}%`),
  pattern: (trusted: string): LikePattern => likeOf(needString("like.pattern", trusted)),
});

/** RE2 metacharacters, as Go's regexp.QuoteMeta escapes them. */
const RE2_META = /[\\.+*?()|[\]{}^$]/g;

/**
 * Regex patterns (Milvus 3.0 `=~` / `!~`). A plain string interpolated after `=~` is refused.
 * `literal` escapes RE2 metacharacters so the text matches literally (as a substring, like Milvus
 * regex matching); `pattern` takes a trusted RE2 pattern as is.
 */
export const regex = Object.freeze({
  literal: (text: string): RegexPattern =>
    Object.freeze({ [brand]: "regex" as const, pattern: needString("regex.literal", text).replace(RE2_META, "\\$&") }),
  pattern: (trusted: string): RegexPattern => Object.freeze({ [brand]: "regex" as const, pattern: needString("regex.pattern", trusted) }),
});

/** Forces a float literal: `double(2)` prints `2.0` (a plain `2` becomes an integer literal). */
export function double(value: number): DoubleValue {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new FilterBuildError(`double(): expected a finite number, got ${describe(value)}`);
  return Object.freeze({ [brand]: "double" as const, value });
}

// ------------------------------------------------------------------ values → nodes

export function describe(v: unknown): string {
  try {
    return describeValue(v);
  } catch {
    return "an unreadable value"; // a Proxy that throws
  }
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "string":
      return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case "number":
    case "bigint":
    case "boolean":
      return `${typeof v} ${String(v)}${typeof v === "bigint" ? "n" : ""}`;
    case "undefined":
      return "undefined";
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default: {
      const k = wrapperKind(v);
      if (k !== undefined) return `a ${k}(…) value`;
      const ctor = (v as object).constructor?.name;
      return ctor && ctor !== "Object" ? `a ${ctor} object` : "an object";
    }
  }
}

const lit = <N extends A.Expr>(fields: Omit<N, "id" | "span">): N => ({ id: 0, span: NOWHERE, ...fields }) as N;

function negate(e: A.Expr): A.Expr {
  return lit<A.Unary>({ kind: "Unary", op: "-", operand: e });
}

/** An exact integer literal (unary minus for negatives), or an error outside int64. */
export function integerNode(v: bigint, index?: number, path?: string): A.Expr {
  if (!fitsInt64(v)) {
    throw new FilterBuildError(`${where(index, path)}${v}n is outside int64 [${INT64_MIN}, ${INT64_MAX}]: Milvus integers are 64-bit`, index, path);
  }
  const abs = v < 0n ? -v : v;
  const node = lit<A.Integer>({ kind: "Integer", value: abs, raw: abs.toString() });
  return v < 0n ? negate(node) : node;
}

/** A float literal that reads back as exactly `v` (shortest round-trip digits). */
export function floatNode(v: number): A.Expr {
  const abs = Math.abs(v);
  const node = lit<A.Float>({ kind: "Float", value: abs, raw: floatFromNumber(abs) });
  return v < 0 || Object.is(v, -0) ? negate(node) : node;
}

/** A double-quoted string literal holding `s` exactly. */
export function stringNode(s: string, index?: number, path?: string): A.String {
  try {
    return lit<A.String>({ kind: "String", value: s, raw: quoteString(s) });
  } catch (e) {
    throw new FilterBuildError(`${where(index, path)}${(e as Error).message}`, index, path);
  }
}

/** `interpolation #2[0]: ` (or nothing, outside a template). */
export function where(index?: number, path?: string): string {
  return index === undefined ? "" : `interpolation #${index}${path ?? ""}: `;
}

/** A literal whose regex pattern (as Milvus reads `=~` patterns) is exactly `pattern`. */
export function regexNode(pattern: string, index?: number): A.String | A.RawString {
  let raw: string;
  try {
    raw = quoteRegexPattern(pattern);
  } catch (e) {
    throw new FilterBuildError(`${where(index)}regex pattern: ${(e as Error).message}`, index);
  }
  if (raw.startsWith("r")) return lit<A.RawString>({ kind: "RawString", value: pattern, raw });
  const d = decodeStringLiteral(raw);
  return lit<A.String>(d.ok ? { kind: "String", value: d.value, raw } : { kind: "String", value: null, raw, error: d.error });
}

/**
 * A plain value as a literal node: string, boolean, bigint, number (safe integers exact, other
 * finite non-integers as floats), double(), or an array of those (nested arrays allowed).
 */
export function valueNode(v: unknown, index: number, path = ""): A.Expr {
  const fail = (why: string): never => {
    throw new FilterBuildError(`interpolation #${index}${path}: ${why}`, index, path || undefined);
  };
  switch (typeof v) {
    case "string":
      return stringNode(v, index, path || undefined);
    case "boolean":
      return lit<A.Boolean>({ kind: "Boolean", value: v });
    case "bigint":
      return integerNode(v, index, path || undefined);
    case "number":
      if (Number.isNaN(v) || !Number.isFinite(v)) return fail(`${v} is not a value Milvus can compare against`);
      if (Number.isInteger(v)) {
        if (!Number.isSafeInteger(v)) {
          return fail(`${v} is an integer beyond 2^53, where JavaScript numbers are no longer exact; pass a bigint (or double(x) for a float)`);
        }
        return integerNode(BigInt(v), index, path || undefined);
      }
      return floatNode(v);
    case "undefined":
      return fail("undefined is not a filter value");
    case "function":
    case "symbol":
      return fail(`${describe(v)} is not a filter value`);
  }
  if (v === null) return fail("null is not a filter value (Milvus has no NULL literal; write `x is null`)");
  if (Array.isArray(v)) {
    if (v.length === 0) return lit<A.EmptyArray>({ kind: "EmptyArray" });
    const elements: A.Expr[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) fail(`the array has a hole at [${i}]`);
      elements.push(valueNode(v[i], index, `${path}[${i}]`));
    }
    return lit<A.Array>({ kind: "Array", elements });
  }
  if (wrapperKind(v) === "double") return floatNode((v as DoubleValue).value);
  const k = wrapperKind(v);
  if (k === "like" || k === "regex") return fail(`a ${k} pattern can only follow ${k === "like" ? "`like`" : "`=~` or `!~`"}`);
  if (k === "field" || k === "jsonPath") return fail(`a ${k}(…) name cannot be nested inside a value`);
  if (v instanceof Date) return fail("a Date is not a filter value; pass date.toISOString() (and use `iso` for timestamptz fields)");
  return fail(`${describe(v)} is not a filter value (strings, numbers, bigints, booleans and arrays of them are)`);
}
