/**
 * `guard(userFilter, { require, … })`: a filter written by an end user or an LLM, confined.
 *
 * The result is always `required and (user)`, built as a tree (never by gluing strings), and the
 * shape is proved on the finished Filter before it is returned: its root is an `and` whose direct
 * children include every conjunct of `required`. Nothing the user writes can reach outside the
 * parentheses: the user text is parsed on its own first, so an unbalanced `)` or an unterminated
 * string is a syntax error there, and a user `or` stays one operand of the `and`. On top of that
 * the user part may be limited to some fields and operators, and to a size.
 */
import type * as A from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";
import { walk } from "../syntax/walk.js";
import { byKind, isNodeKind, isReference, type NodeOf, type PerKind } from "../syntax/nodes.js";
import { filter, filterFromTree, isFilter, type Filter } from "../builder/filter.js";
import { FilterBuildError } from "../builder/values.js";
import { sameTree } from "../builder/same.js";
import { checkText } from "../check/check.js";
import type { CheckOptions, Target } from "../check/types.js";
import type { CollectionSchema } from "../schema/index.js";
import type { Diagnostic } from "../diag/diagnostic.js";

export type GuardCode =
  | "guard/bad-options"
  | "guard/empty"
  | "guard/syntax"
  | "guard/field"
  | "guard/operator"
  | "guard/template"
  | "guard/too-large"
  | "guard/refused"
  | "guard/internal";

export class GuardError extends Error {
  override readonly name = "GuardError";
  constructor(
    readonly code: GuardCode,
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}

export interface GuardOptions {
  /** The condition every result keeps, built with the `filter` template (e.g. filter`tenant == ${t}`). */
  require: Filter;
  /** Fields the user part may read (a JSON field's name covers its keys; a dynamic key is named by itself). Default: any. */
  allowFields?: readonly string[];
  /** Operators the user part may use (names in GUARD_OPERATORS). Default: all of them. */
  allowOps?: readonly string[];
  /** Most syntax-tree nodes the user part may have. Default 1000. */
  maxTerms?: number;
  /** Check the result against this schema (recommended). */
  schema?: CollectionSchema;
  target?: Target;
  purpose?: "query" | "delete";
}

/** Operator names for `allowOps`, one per construct. */
export const GUARD_OPERATORS = [
  "and", "or", "not", "==", "!=", "<", "<=", ">", ">=", "range", "in", "not in", "like", "=~", "!~",
  "is null", "is not null", "exists", "arithmetic", "json_contains", "json_contains_all", "json_contains_any",
  "array_length", "text_match", "phrase_match", "random_sample", "element_filter", "match", "gis", "timestamptz", "call",
] as const;

const ALIASES: Readonly<Record<string, string>> = {
  array_contains: "json_contains",
  array_contains_all: "json_contains_all",
  array_contains_any: "json_contains_any",
};

export const DEFAULT_MAX_TERMS = 1000;

export type GuardOperator = (typeof GUARD_OPERATORS)[number];

const operand = (): undefined => undefined;
const arithmetic = (): GuardOperator => "arithmetic";

/**
 * The operator name of each kind (undefined for operands: literals, names, lists). One entry per
 * kind, so a new kind cannot slip past `allowOps` unnamed: it does not compile until it has one.
 */
const OPERATOR: PerKind<GuardOperator | undefined> = {
  Integer: operand,
  Float: operand,
  Boolean: operand,
  String: operand,
  RawString: operand,
  Identifier: operand,
  JSONIdentifier: operand,
  StructField: operand,
  StructIndexField: operand,
  StructSubField: operand,
  ElementSelf: operand,
  TemplateVariable: operand,
  Array: operand,
  EmptyArray: operand,
  Empty: operand,
  And: () => "and",
  Or: () => "or",
  Unary: (n) => (n.op === "not" ? "not" : "arithmetic"),
  Equality: (n) => n.op,
  Relational: (n) => n.op,
  Range: () => "range",
  ReverseRange: () => "range",
  Term: (n) => (n.negated ? "not in" : "in"),
  Like: () => "like",
  RegexMatch: (n) => (n.negated ? "!~" : "=~"),
  IsNull: () => "is null",
  IsNotNull: () => "is not null",
  Exists: () => "exists",
  Power: arithmetic,
  MulDivMod: arithmetic,
  AddSub: arithmetic,
  Shift: arithmetic,
  BitAnd: arithmetic,
  BitXor: arithmetic,
  BitOr: arithmetic,
  JSONContains: () => "json_contains",
  JSONContainsAll: () => "json_contains_all",
  JSONContainsAny: () => "json_contains_any",
  ArrayLength: () => "array_length",
  TextMatch: () => "text_match",
  TextMatchFuzzy: () => "text_match",
  PhraseMatch: () => "phrase_match",
  RandomSample: () => "random_sample",
  ElementFilter: () => "element_filter",
  MatchSimple: () => "match",
  MatchThreshold: () => "match",
  SpatialBinary: () => "gis",
  STDWithin: () => "gis",
  STIsValid: () => "gis",
  TimestamptzCompareForward: () => "timestamptz",
  TimestamptzCompareReverse: () => "timestamptz",
  Call: () => "call",
};

/** The operator name of a node, or undefined for operands (literals, names, lists). */
export function operatorOf(n: A.Root): string | undefined {
  return isNodeKind(n.kind) ? byKind(OPERATOR, n) : undefined;
}

/**
 * The field each reference reads: the name, a JSON path's base, a dynamic key's first key; none
 * for `$[sub]` and `$`, which read the element in scope (its field is the enclosing call's).
 */
const FIELD: { readonly [K in A.Reference["kind"]]: (n: NodeOf<K>) => string | undefined } = {
  Identifier: (n) => n.name,
  JSONIdentifier: (n) => (n.base === "$meta" && n.keys[0] !== undefined ? n.keys[0].value : n.base),
  StructField: (n) => n.struct,
  StructIndexField: (n) => n.struct,
  StructSubField: () => undefined,
  ElementSelf: () => undefined,
};

/** The field a reference reads: the name, a JSON path's base, a dynamic key's first key. */
export function fieldOf(n: A.Root): string | undefined {
  return isReference(n) ? (FIELD[n.kind] as (n: A.Reference) => string | undefined)(n) : undefined;
}

/** `required and (user)`, proved; throws GuardError. `user` is text (or a Filter you built). */
export function guard(user: string | Filter, options: GuardOptions): Filter {
  try {
    return confine(user, options);
  } catch (e) {
    // The lexer overflows the stack on string literals of several MiB (a RangeError from parse).
    if (e instanceof RangeError) throw new GuardError("guard/too-large", `the user filter is too large to read (${e.message})`);
    throw e;
  }
}

function confine(user: string | Filter, options: GuardOptions): Filter {
  if (typeof options !== "object" || options === null) throw new GuardError("guard/bad-options", "guard: options are required ({ require })");
  const required = options.require;
  if (!isFilter(required)) throw new GuardError("guard/bad-options", "guard: options.require must be a Filter built with the filter`…` template");
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  if (!Number.isSafeInteger(maxTerms) || maxTerms < 1) throw new GuardError("guard/bad-options", "guard: options.maxTerms must be a positive integer");
  const allowOps = options.allowOps === undefined ? undefined : new Set(options.allowOps.map((o) => ALIASES[o] ?? o));
  if (allowOps) {
    const unknown = [...allowOps].find((o) => !(GUARD_OPERATORS as readonly string[]).includes(o));
    if (unknown !== undefined) throw new GuardError("guard/bad-options", `guard: unknown operator ${JSON.stringify(unknown)} in allowOps (known: ${GUARD_OPERATORS.join(", ")})`);
  }
  const allowFields = options.allowFields === undefined ? undefined : new Set(options.allowFields);

  // 1. the user part alone
  let tree: A.Root;
  if (isFilter(user)) tree = user.ast;
  else {
    if (typeof user !== "string") throw new GuardError("guard/syntax", `the user filter must be a string, got ${user === null ? "null" : typeof user}`);
    const parsed = parse(user, { maxDiagnostics: 1 }); // only the first error is reported
    if (!parsed.ast) {
      const d = parsed.diagnostics.find((x) => x.severity === "error")!;
      if (d.code.startsWith("limit/")) throw new GuardError("guard/too-large", `the user filter is too large: ${d.message}`, parsed.diagnostics);
      throw new GuardError("guard/syntax", `the user filter does not parse: ${d.line}:${d.column}: ${d.message}`, parsed.diagnostics);
    }
    tree = parsed.ast;
  }
  if (tree.kind === "Empty") throw new GuardError("guard/empty", "the user filter is empty (use the required filter alone if that is what you mean)");

  // 2. its size, operators and fields
  let terms = 0;
  for (const n of walk(tree)) {
    if (++terms > maxTerms) throw new GuardError("guard/too-large", `the user filter has more than ${maxTerms} terms`);
    if (n.kind === "TemplateVariable") throw new GuardError("guard/template", `the user filter uses the template {${n.name}}; user filters carry their values inline`);
    const op = operatorOf(n);
    if (op !== undefined && allowOps && !allowOps.has(op)) throw new GuardError("guard/operator", `the user filter uses ${op}, which is not allowed here`);
    const f = fieldOf(n);
    if (f !== undefined && allowFields && !allowFields.has(f)) throw new GuardError("guard/field", `the user filter reads ${JSON.stringify(f)}, which is not allowed here`);
  }

  // 3. combine as a tree, then prove the shape on what will be sent
  let combined: Filter;
  try {
    // filter.and merges nested `and`s: required's conjuncts and the user's become the root's children.
    combined = filter.and(required, filterFromTree(tree as A.Expr));
  } catch (e) {
    if (e instanceof FilterBuildError) throw new GuardError(e.message.startsWith("the filter is too large") ? "guard/too-large" : "guard/refused", `the user filter cannot be combined: ${e.message}`);
    throw e;
  }
  if (!provesRequired(combined.ast, required)) {
    throw new GuardError("guard/internal", "internal error: the combined filter does not keep the required condition at its root");
  }
  const checkOptions: CheckOptions = { purpose: options.purpose ?? "query" };
  if (options.schema) checkOptions.schema = options.schema;
  if (options.target !== undefined) checkOptions.target = options.target;
  const checked = checkText(combined.text, checkOptions);
  if (!checked.ok) {
    const d = checked.diagnostics.find((x) => x.severity === "error")!;
    throw new GuardError("guard/refused", `Milvus would refuse the filter: ${d.message} (${d.code})`, checked.diagnostics);
  }
  return combined;
}

/** The conjuncts of a tree (its operands when it is an `and`, else itself). */
function conjuncts(t: A.Root): readonly A.Root[] {
  return t.kind === "And" ? t.operands : [t];
}

/**
 * True when `tree` is an `and` whose direct children include every conjunct of `required`.
 * Exported for the property test and for `lint --require`.
 */
export function provesRequired(tree: A.Root | null, required: Filter | A.Root): boolean {
  if (!tree || tree.kind !== "And") return false;
  // A Filter is compared by the tree it embeds: its own for inline values, re-embedded for filter.params.
  const req = conjuncts(!isFilter(required) ? required : required.exprParams === undefined ? required.ast : filter`${required}`.ast);
  const kids = tree.operands;
  return req.every((r) => kids.some((k) => sameTree(k, r)));
}
