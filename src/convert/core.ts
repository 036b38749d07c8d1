/**
 * The shared half of every converter: turning a key of the source format into a column
 * reference, and one source predicate into a builder `Filter`.
 *
 * Nothing here prints filter text. Every predicate is built with the `filter` tagged template
 * (src/builder), where keys travel as `field()` / `jsonPath()` names and values as literals, so no
 * key or value of the input can add an operator or close a string. Each predicate is checked
 * against the schema as soon as it is built, so a refusal names the place in the input object
 * (`$and[2].price.$gt`); the whole filter is checked once more with the caller's purpose.
 *
 * Rows lacking a key. The source formats answer every predicate on a missing (or null) key with
 * TRUE or FALSE: `$ne`, `nin`, `not (…)` select such rows. Milvus 2.6 gives the same answers on a
 * JSON key; master (3.0) makes them UNKNOWN, which no `not` turns into TRUE (docs/semantics.md).
 * So the converters build a `Pred` (leaves built and checked, `and`/`or`/`not` still open), and
 * `finish` writes it for the target, adding `exists` guards only where the target would otherwise
 * select rows lacking a key differently from the source format. A guarded filter selects those
 * rows on 2.6 too, so a target whose behaviour is not established gets the guards.
 */
import { filter, type Filter } from "../builder/filter.js";
import { FilterBuildError, field, jsonPath, regex, type FieldRef, type JsonPathRef, type LikePattern } from "../builder/values.js";
import { IDENTIFIER_RE, nameFits } from "../backends/print/names.js";
import { checkText } from "../check/check.js";
import { DEFAULT_TARGET, type CheckOptions, type Target } from "../check/types.js";
import { semanticsFor } from "../semantics/profiles.js";
import { loadSchema, CollectionSchema, type FieldSchema } from "../schema/index.js";
import type { Diagnostic } from "../diag/diagnostic.js";

/** Why a conversion was refused. */
export type ConvertCode =
  /** The input is not shaped like the source format (not an object, a missing key, …). */
  | "convert/bad-shape"
  /** An operator the source format has but Milvus cannot express exactly. */
  | "convert/unsupported"
  /** An operator name the source format does not have. */
  | "convert/unknown-operator"
  /** A value the operator cannot take (null where Milvus has no NULL literal, an object, NaN…). */
  | "convert/bad-value"
  /** A key that names no column (schema without dynamic field), or cannot be written. */
  | "convert/bad-key"
  /** The built filter is refused by the checker (type rules, version, delete safety). */
  | "convert/refused"
  /** Nesting deeper than MAX_NESTING (or a cycle in the input object). */
  | "convert/too-deep"
  /** A filter too large to build or read back (the parser's length limit, or its stack). */
  | "convert/too-large"
  /** Options the converter cannot use. */
  | "convert/bad-options";

/** A refused conversion. `path` points into the input object, e.g. `$and[2].price.$gt`. */
export class ConvertError extends Error {
  override readonly name = "ConvertError";
  constructor(
    readonly code: ConvertCode,
    /** Where in the input (`""` for the input itself). */
    readonly path: string,
    message: string,
    /** Checker diagnostics, for `convert/refused`. */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(path === "" ? message : `${path}: ${message}`);
  }
}

export interface ConvertOptions {
  /** The collection schema (a `CollectionSchema`, or anything `loadSchema` reads). Without it only schema-free checks run. */
  schema?: CollectionSchema | unknown;
  /**
   * A JSON field that holds the metadata: every key becomes a path inside it
   * (`metadata["a"]["b"]`). Without it, a key naming a schema field is that field and any other key
   * is a dynamic key (`$meta["k"]`, or the bare name when it is a plain identifier and there is no schema).
   */
  jsonField?: string;
  /** Milvus release to check against (default: the newest). */
  target?: Target;
  /** What the filter is for; `delete` adds the delete-safety checks. Default `query`. */
  purpose?: "query" | "delete";
}

/** A resolved column: what the builder interpolates, and what the schema says about it. */
export interface Column {
  readonly name: FieldRef | JsonPathRef;
  /** Identifies the column: two Columns with the same key read the same value. */
  readonly key: string;
  /** The schema field read (undefined without a schema, and for dynamic keys). */
  readonly field?: FieldSchema;
  /** True when the column is (inside) a JSON value, whose type is only known per row. */
  readonly json: boolean;
}

export type Comparison = "==" | "!=" | "<" | "<=" | ">" | ">=";

/**
 * A converted condition before it is written. Leaves are built and checked when converted;
 * `and`, `or` and `not` are written by `Emitter.finish`, which knows how many `not`s stand above
 * each part. Each node records how it reads a row lacking its key.
 */
export type Pred = PredLeaf | PredGroup | PredNot;

interface OnMissing {
  /**
   * The one JSON field path or dynamic key that every leaf below reads; undefined when the part
   * reads several, or a column that is not JSON (a scalar NULL is the same on every target).
   */
  readonly col: Column | undefined;
  /** The source format's answer on a row lacking that key (missing, JSON null, `{}`, `[]`, NULL JSON column). */
  readonly source: boolean;
  /** What the target makes of the part on such a row: TRUE, FALSE, or UNKNOWN (null). */
  readonly milvus: boolean | null;
  /** Where in the input, for refusals. */
  readonly path: string;
}
interface PredLeaf extends OnMissing {
  readonly kind: "leaf";
  readonly filter: Filter;
}
interface PredGroup extends OnMissing {
  readonly kind: "and" | "or";
  readonly parts: readonly Pred[];
}
interface PredNot extends OnMissing {
  readonly kind: "not";
  readonly part: Pred;
}

// Kleene's three-valued logic (null = UNKNOWN), as Milvus evaluates and/or/not.
const and3 = (a: boolean | null, b: boolean | null): boolean | null => (a === false || b === false ? false : a === null || b === null ? null : true);
const or3 = (a: boolean | null, b: boolean | null): boolean | null => (a === true || b === true ? true : a === null || b === null ? null : false);

/** Input paths as the error messages show them. */
export const at = {
  key: (path: string, key: string): string =>
    IDENTIFIER_RE.test(key) || /^\$[a-zA-Z]+$/.test(key) ? (path === "" ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`,
  index: (path: string, i: number): string => `${path}[${i}]`,
};

/** Describes a value for messages without echoing long input. */
export function show(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (v instanceof RegExp) return "a RegExp";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "bigint") return `${v}n`;
  return String(v);
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof RegExp) && !(v instanceof Date);

/**
 * Groups nested deeper than this are refused: the filter would pass the parser's depth limit
 * (200 levels, each group adds up to two), and a cyclic input object would recurse forever.
 */
export const MAX_NESTING = 90;

const INTEGER_TYPES = new Set(["Int8", "Int16", "Int32", "Int64"]);
const FLOAT_TYPES = new Set(["Float", "Double"]);

/**
 * The conversion context: options resolved once, and one method per Milvus construct the
 * converters emit. Every method returns a checked `Filter` or throws `ConvertError` at `path`.
 */
export class Emitter {
  readonly schema?: CollectionSchema;
  readonly jsonField?: string;
  readonly target?: Target;
  readonly purpose: "query" | "delete";
  /**
   * Whether the target is known to answer a predicate on a missing JSON key as 2.6 does (FALSE, TRUE
   * for `!=`): the 2.6 releases that were read (2.6.0 to 2.6.18). Master makes it UNKNOWN. For the
   * 2.6 line after 2.6.18 and for older lines the answer is not established (semanticsFor's note),
   * so the converters write the form that is right either way: the master one.
   */
  readonly missingKeyLike26: boolean;
  #depth = 0;

  constructor(options: ConvertOptions | undefined) {
    const o: ConvertOptions = options ?? {};
    if (!isPlainObject(o as unknown)) throw new ConvertError("convert/bad-options", "", "options must be an object");
    if (o.schema !== undefined) {
      if (o.schema instanceof CollectionSchema) this.schema = o.schema;
      else {
        const { schema, issues } = loadSchema(o.schema);
        if (!schema || issues.length > 0) {
          const first = issues[0];
          throw new ConvertError("convert/bad-options", "", `options.schema cannot be read${first ? `: ${first.path ? `${first.path}: ` : ""}${first.message}` : ""}`);
        }
        this.schema = schema;
      }
    }
    if (o.jsonField !== undefined) {
      if (typeof o.jsonField !== "string" || !nameFits(o.jsonField, "expr")) {
        throw new ConvertError("convert/bad-options", "", `options.jsonField must be a field name, got ${show(o.jsonField)}`);
      }
      const f = this.schema?.field(o.jsonField);
      if (this.schema && (!f || f.dataType !== "JSON")) {
        throw new ConvertError("convert/bad-options", "", `options.jsonField: the schema has no JSON field ${JSON.stringify(o.jsonField)}`);
      }
      this.jsonField = o.jsonField;
    }
    if (o.target !== undefined) this.target = o.target;
    // A target that is not a string is the checker's to refuse; until then, assume the default.
    const chosen = semanticsFor(typeof o.target === "string" ? o.target : DEFAULT_TARGET);
    this.missingKeyLike26 = chosen.profile.jsonMismatch === "false" && chosen.note === undefined;
    if (o.purpose !== undefined && o.purpose !== "query" && o.purpose !== "delete") {
      throw new ConvertError("convert/bad-options", "", `options.purpose must be "query" or "delete", got ${show(o.purpose)}`);
    }
    this.purpose = o.purpose ?? "query";
  }

  /** Runs one nested group of the input, refusing nesting past MAX_NESTING. */
  nested<T>(path: string, convert: () => T): T {
    if (this.#depth >= MAX_NESTING) {
      throw new ConvertError("convert/too-deep", path, `groups nested deeper than ${MAX_NESTING} levels (or a cycle in the input) are refused`);
    }
    this.#depth++;
    try {
      return convert();
    } finally {
      this.#depth--;
    }
  }

  /** The column a key (already split into segments) names. */
  column(keys: readonly string[], path: string): Column {
    if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
      throw new ConvertError("convert/bad-key", path, "a key must be a non-empty string (and a dotted key has no empty part)");
    }
    const guard = <T>(make: () => T): T => {
      try {
        return make();
      } catch (e) {
        if (e instanceof FilterBuildError) throw new ConvertError("convert/bad-key", path, e.message);
        throw e;
      }
    };
    const key = (...parts: readonly string[]): string => JSON.stringify(parts);
    if (this.jsonField !== undefined) {
      return { name: guard(() => jsonPath(this.jsonField!, ...keys)), key: key(this.jsonField, ...keys), json: true, ...this.fieldOf(this.jsonField) };
    }
    const [first, ...rest] = keys as [string, ...string[]];
    const f = this.schema?.field(first);
    if (f && first !== "$meta") {
      if (rest.length > 0 && f.dataType !== "JSON") {
        throw new ConvertError("convert/bad-key", path, `${first} is a ${f.dataType} field, which has no keys inside`);
      }
      return { name: rest.length > 0 ? guard(() => jsonPath(first, ...rest)) : guard(() => field(first)), key: key(...keys), field: f, json: f.dataType === "JSON" };
    }
    if (this.schema && !this.schema.enableDynamicField) {
      throw new ConvertError("convert/bad-key", path, `the schema has no field ${JSON.stringify(first)} and no dynamic field`);
    }
    if (first === "$meta") {
      if (rest.length === 0) throw new ConvertError("convert/bad-key", path, "$meta alone is the whole dynamic field; name a key inside it");
      return { name: guard(() => jsonPath("$meta", ...rest)), key: key(...keys), json: true };
    }
    // A dynamic key. Without a schema a plain name may be a field, so it stays a bare name.
    if (!this.schema && keys.length === 1 && nameFits(first, "expr")) return { name: field(first), key: key(first), json: true };
    return { name: guard(() => jsonPath("$meta", ...keys)), key: key("$meta", ...keys), json: true };
  }

  private fieldOf(name: string): { field?: FieldSchema } {
    const f = this.schema?.field(name);
    return f ? { field: f } : {};
  }

  /** A value for a column: checked for kind, with strings read as numbers/booleans where `coerce` asks and the schema says so. */
  value(col: Column, v: unknown, path: string, coerce = false): unknown {
    if (v === null || v === undefined) {
      throw new ConvertError("convert/bad-value", path, `${show(v)} cannot be compared with: Milvus has no NULL literal (test for a missing value with an exists or is-null operator)`);
    }
    if (typeof v === "number" && !Number.isFinite(v)) throw new ConvertError("convert/bad-value", path, `${v} is not a value Milvus can compare against`);
    if (v instanceof Date) throw new ConvertError("convert/bad-value", path, "a Date is not a filter value; pass date.toISOString() or a number");
    if (isPlainObject(v)) throw new ConvertError("convert/bad-value", path, "an object is not a filter value (strings, numbers, booleans and arrays of them are)");
    if (coerce && typeof v === "string") return coerceString(this.scalarType(col), v);
    return v;
  }

  /** The scalar type values are compared against: the field's type, or its element type for arrays. */
  scalarType(col: Column): string | undefined {
    const f = col.field;
    if (!f || col.json) return undefined;
    return f.dataType === "Array" ? f.elementType : f.dataType;
  }

  isArrayField(col: Column): boolean {
    return !col.json && col.field?.dataType === "Array";
  }

  // ------------------------------------------------------------------ constructs

  compare(col: Column, op: Comparison, v: unknown, path: string): Pred {
    const r = col.name;
    // On a row lacking the key the source formats (and 2.6) count only `!=` as TRUE; 2.6's `!=` with
    // an array value is FALSE there (2.6 UnaryExpr.cpp, NotEqual's Array branch).
    return this.leaf(col, path, op === "!=", this.onMissing(op === "!=" && !Array.isArray(v)), () => {
      switch (op) {
        case "==":
          return filter`${r} == ${v as never}`;
        case "!=":
          return filter`${r} != ${v as never}`;
        case "<":
          return filter`${r} < ${v as never}`;
        case "<=":
          return filter`${r} <= ${v as never}`;
        case ">":
          return filter`${r} > ${v as never}`;
        case ">=":
          return filter`${r} >= ${v as never}`;
      }
    });
  }

  /**
   * `==` / `!=` as the source formats mean it: on an Array field a scalar is looked for among the
   * elements (`array_contains`), which is what "the tags equal x" means for an array. On JSON, "not
   * equal to an array" is `not (p == [...])`: 2.6 reads `p != [...]` as FALSE on a missing key.
   */
  equals(col: Column, negate: boolean, v: unknown, path: string): Pred {
    if (this.isArrayField(col) && !Array.isArray(v)) {
      const has = this.contains(col, "one", v, path);
      return negate ? this.not(has, path) : has;
    }
    if (negate && col.json && Array.isArray(v)) return this.not(this.compare(col, "==", v, path), path);
    return this.compare(col, negate ? "!=" : "==", v, path);
  }

  /** A comparison of two columns (`a < b`). Milvus compares no JSON value with another column. */
  compareColumns(a: Column, op: Comparison, b: Column, path: string): Pred {
    const [l, r] = [a.name, b.name];
    return this.leaf(undefined, path, false, false, () => {
      switch (op) {
        case "==":
          return filter`${l} == ${r}`;
        case "!=":
          return filter`${l} != ${r}`;
        case "<":
          return filter`${l} < ${r}`;
        case "<=":
          return filter`${l} <= ${r}`;
        case ">":
          return filter`${l} > ${r}`;
        case ">=":
          return filter`${l} >= ${r}`;
      }
    });
  }

  inList(col: Column, values: readonly unknown[], negate: boolean, path: string): Pred {
    const r = col.name;
    return this.leaf(col, path, negate, this.onMissing(negate), () => (negate ? filter`${r} not in ${values as never}` : filter`${r} in ${values as never}`));
  }

  /** Present with a non-null value: `exists` for JSON, `is not null` for a scalar field. TRUE or FALSE on every target. */
  present(col: Column, yes: boolean, path: string): Pred {
    return this.leaf(col, path, !yes, !yes, () => this.presence(col, yes));
  }

  private presence(col: Column, yes: boolean): Filter {
    const r = col.name;
    // A key inside JSON: `exists` (also before 2.5). A column: `is not null`; for a bare dynamic
    // key that reads the same key, as `is null` on a JSON key means "missing" (docs/semantics.md).
    if ("keys" in col.name) return yes ? filter`exists ${r}` : filter`not (exists ${r})`;
    return yes ? filter`${r} is not null` : filter`${r} is null`;
  }

  like(col: Column, pattern: LikePattern, negate: boolean, path: string): Pred {
    const r = col.name;
    const match = this.leaf(col, path, false, this.onMissing(false), () => filter`${r} like ${pattern}`);
    return negate ? this.not(match, path) : match;
  }

  /** RE2 regex match (Milvus 3.0 `=~`); inline `flags` (such as "i") are written as a `(?flags)` prefix. */
  regex(col: Column, pattern: string, flags: string, path: string): Pred {
    const r = col.name;
    return this.leaf(col, path, false, this.onMissing(false), () => filter`${r} =~ ${regex.pattern(flags === "" ? pattern : `(?${flags})${pattern}`)}`);
  }

  /** Array membership: `json_contains` on JSON, `array_contains` on an Array field. */
  contains(col: Column, kind: "one" | "all" | "any", v: unknown, path: string): Pred {
    const r = col.name;
    const arr = this.isArrayField(col);
    return this.leaf(col, path, false, this.onMissing(false), () => {
      if (kind === "one") return arr ? filter`array_contains(${r}, ${v as never})` : filter`json_contains(${r}, ${v as never})`;
      if (kind === "all") return arr ? filter`array_contains_all(${r}, ${v as never})` : filter`json_contains_all(${r}, ${v as never})`;
      return arr ? filter`array_contains_any(${r}, ${v as never})` : filter`json_contains_any(${r}, ${v as never})`;
    });
  }

  /** The array has exactly `n` elements. For JSON, 0 is written `== []`: on 2.6 array_length is 0 for a missing key too. */
  size(col: Column, n: number | bigint, path: string): Pred {
    const r = col.name;
    if (col.json && BigInt(n) === 0n) return this.leaf(col, path, false, this.onMissing(false), () => filter`${r} == ${[]}`);
    return this.leaf(col, path, false, this.onMissing(false), () => filter`array_length(${r}) == ${n}`);
  }

  and(parts: readonly Pred[], path: string): Pred {
    return this.group("and", parts, path);
  }

  or(parts: readonly Pred[], path: string): Pred {
    return this.group("or", parts, path);
  }

  not(part: Pred, path: string): Pred {
    return { kind: "not", part, path, col: part.col, source: !part.source, milvus: part.milvus === null ? null : !part.milvus };
  }

  private group(kind: "and" | "or", parts: readonly Pred[], path: string): Pred {
    if (parts.length === 0) throw new ConvertError("convert/bad-shape", path, `an empty ${kind} list has no Milvus meaning; give at least one condition`);
    if (parts.length === 1) return parts[0]!;
    const first = parts[0]!;
    const col = parts.every((p) => p.col !== undefined && p.col.key === first.col?.key) ? first.col : undefined;
    let source = first.source;
    let milvus = first.milvus;
    for (const p of parts.slice(1)) {
      source = kind === "and" ? source && p.source : source || p.source;
      milvus = kind === "and" ? and3(milvus, p.milvus) : or3(milvus, p.milvus);
    }
    return { kind, parts, path, col, source, milvus };
  }

  /**
   * A leaf: `make` builds the filter, which is checked now. `source` is the source format's answer
   * on a row lacking the key, `milvus` the target's (see `onMissing`).
   */
  private leaf(col: Column | undefined, path: string, source: boolean, milvus: boolean | null, make: () => Filter): Pred {
    const f = this.build(path, make);
    const json = col?.json === true ? col : undefined;
    return { kind: "leaf", filter: f, path, col: json, source, milvus: json === undefined ? source : milvus };
  }

  /** A JSON predicate's value on a row lacking its key: 2.6's answer (`on26`), or UNKNOWN (master, or not established). */
  private onMissing(on26: boolean): boolean | null {
    return this.missingKeyLike26 ? on26 : null;
  }

  // ------------------------------------------------------------------ writing

  /** The finished filter, written for the target and checked with the caller's purpose. */
  finish(p: Pred | undefined, path = ""): Filter {
    if (p === undefined) throw new ConvertError("convert/bad-shape", path, "nothing to convert");
    const f = this.write(p, false, true);
    tooLarge(path, () => this.check(f, path, this.purpose));
    return f;
  }

  /**
   * Writes `p` with `negated` = an odd number of `not`s above it. A part that reads one JSON key
   * is written as a unit, guarded when the target would select a row lacking the key differently
   * from the source format; inside a unit, nothing more is guarded (`guarding` false).
   */
  private write(p: Pred, negated: boolean, guarding: boolean): Filter {
    if (guarding && p.col !== undefined) return this.needsGuard(p, negated) ? this.guard(p, negated) : this.write(p, negated, false);
    switch (p.kind) {
      case "leaf":
        return p.filter;
      case "not": {
        const inner = this.write(p.part, !negated, guarding);
        return this.build(p.path, () => filter.not(inner));
      }
      default: {
        const parts = p.parts.map((x) => this.write(x, negated, guarding));
        return this.build(p.path, () => (p.kind === "and" ? filter.and(...parts) : filter.or(...parts)), false);
      }
    }
  }

  /**
   * Whether a row lacking the key would be selected differently from the source format. A row is
   * selected only when the filter is TRUE, and UNKNOWN stays UNKNOWN under `not`: so UNKNOWN acts
   * as FALSE under an even number of `not`s and as TRUE under an odd number, and it is harmless
   * exactly when the source format answers the same.
   */
  private needsGuard(p: Pred, negated: boolean): boolean {
    if (p.milvus === p.source) return false;
    return p.milvus !== null || p.source !== negated;
  }

  /**
   * `p` made TRUE or FALSE on a row lacking the key, as the source format answers: `P or not
   * (exists k)` when it answers TRUE, `exists k and P` when FALSE. A `not` is looked through, so
   * `$not: {$gt: 3}` reads `not (exists k and k > 3)`.
   */
  private guard(p: Pred, negated: boolean): Filter {
    if (p.kind === "not") {
      const inner = this.guard(p.part, !negated);
      return this.build(p.path, () => filter.not(inner));
    }
    const body = this.write(p, negated, false);
    const presence = this.presence(p.col!, !p.source);
    return this.build(p.path, () => (p.source ? filter.or(body, presence) : filter.and(presence, body)));
  }

  /** Builds one predicate; builder refusals and checker errors become ConvertErrors at `path`. */
  private build(path: string, make: () => Filter, checkIt = true): Filter {
    return tooLarge(path, () => {
      let f: Filter;
      try {
        f = make();
      } catch (e) {
        if (e instanceof FilterBuildError) {
          const message = e.message.replace(/^interpolation #\d+(\[\d+\])*: /, "");
          throw new ConvertError(message.startsWith("the filter is too large") ? "convert/too-large" : "convert/bad-value", path, message);
        }
        throw e;
      }
      if (checkIt) this.check(f, path, "query");
      return f;
    });
  }

  private check(f: Filter, path: string, purpose: "query" | "delete"): void {
    const options: CheckOptions = { purpose };
    if (this.schema) options.schema = this.schema;
    if (this.target !== undefined) options.target = this.target;
    const result = checkText(f.text, options);
    if (!result.ok) {
      const d = result.diagnostics.find((x) => x.severity === "error")!;
      throw new ConvertError("convert/refused", path, `Milvus would refuse ${f.text}: ${d.message} (${d.code})`, result.diagnostics);
    }
  }
}

/**
 * The lexer overflows the JavaScript stack on string literals of several MiB (a RangeError from
 * `parse`, seen with 8 MiB; reported, not fixed here): that becomes an answer, not a crash.
 */
function tooLarge<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError) throw new ConvertError("convert/too-large", path, `the filter is too large to read back (${e.message})`);
    throw e;
  }
}

/** A string read as the number or boolean the column holds, when it is one exactly. */
function coerceString(type: string | undefined, s: string): unknown {
  if (type === undefined) return s;
  if (INTEGER_TYPES.has(type) && /^-?(0|[1-9][0-9]*)$/.test(s)) return BigInt(s);
  if (FLOAT_TYPES.has(type) && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (type === "Bool" && (s === "true" || s === "false")) return s === "true";
  return s;
}

