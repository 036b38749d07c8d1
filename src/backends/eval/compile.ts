/**
 * The evaluator backend: a checked tree → a predicate over rows, by closure compilation.
 *
 * The checker (src/check) decides what the filter means: it resolves every reference to a
 * column, folds and casts every constant, fills placeholders, and shapes each column arithmetic
 * (its CheckedTree). This module plans only from that: every AST node is compiled once into a JS
 * closure (no `eval`, no `new Function`, so it runs under a strict Content-Security-Policy), with
 * LIKE and regex patterns compiled and `in` lists hashed at compile time. Evaluating a row walks
 * closures only.
 *
 * Results are three-valued (Kleene): `evaluate(row)` gives true, false or null (NULL/unknown);
 * `test(row)` is true exactly when Milvus would select the row, i.e. when the filter is TRUE.
 * See docs/semantics.md for the rules and every deliberate difference from Milvus.
 */
import type * as A from "../../syntax/ast.js";
import type { Span } from "../../diag/diagnostic.js";
import type { Diagnostic, DiagnosticInput } from "../../diag/diagnostic.js";
import { Reporter } from "../../diag/reporter.js";
import { DEFAULT_LIMITS } from "../../syntax/limits.js";
import { Source } from "../../diag/source.js";
import { parse, type ParseOptions } from "../../syntax/parse.js";
import { checkCall, type OptionsSpec, type Rule } from "../../diag/usage.js";
import { SPECS, usageDiagnostic } from "../../diag/api-specs.js";
import type { CollectionSchema } from "../../schema/index.js";
import type { Row } from "../../rows/access.js";
import { EvalProblem, notEvaluable, unsupported } from "./problems.js";
import { ColumnReader, columnReader, JSON_NULL, type ElementScope, type ReaderContext } from "./columns.js";
import {
  arithPred,
  arrayLengthPred,
  compareColConst,
  directRange,
  compareCols,
  isStringType,
  rangePred,
  unsupportedType,
  type ArithOp,
  compareColConstTrue,
  directRangeTrue,
  type Op,
  type RowPredicate,
  type RowTest,
  type Truth,
} from "./compare.js";
import { allTrue, andEval, anyTrue, kleeneAnd, kleeneOr, orEval } from "./combine.js";
import { containsPred, termPred, type ContainsKind } from "./arrays.js";
import { compileLike, type LikeResult } from "./like.js";
import { compileRegex, MAX_LOCAL_REGEX } from "./regex.js";
import { REGEX_ENGINE_HINT, REGEX_ENGINE_NOT_LOADED } from "./regex-engine.js";
import { describeSemantics, semanticsFor, type SemanticsProfile } from "../../semantics/profiles.js";
import { DEFAULT_TARGET } from "../../check/types.js";
import { checkedTree } from "../../check/check.js";
import { templateValuesFromInputs, type TemplateInput, type TemplateInputs } from "../../check/templates.js";
import { isJsonFloat } from "../../util/json.js";
import type { CheckedTree, CheckResult, ConstValue } from "../../check/types.js";
import { describe, fastNum } from "./values.js";

export type { Truth } from "./compare.js";
/** @deprecated Renamed to {@link Truth}: true, false, or null for UNKNOWN. */
export type TV = Truth;
/** A value for a `{name}` placeholder: a plain JSON-like value, or the checker's tagged TemplateValue. */
export type TemplateLike = TemplateInput;
export type TemplateParams = TemplateInputs;

export interface CompileOptions {
  readonly schema: CollectionSchema;
  /** Values for `{name}` placeholders (Milvus `exprParams`). */
  readonly params?: TemplateParams;
  /** Sampler for random_sample: returns a number in [0, 1). Default Math.random. Seed it for reproducible runs. */
  readonly random?: () => number;
  /** The filter text (or its Source): gives diagnostics line/column and explain nodes their text. */
  readonly source?: Source | string;
  /**
   * The server whose semantics to follow: a line ("2.6", "3.0"), an exact release ("2.6.17") or
   * "latest". Default: the checked tree's target, else the checker's default target. See
   * src/semantics/profiles.ts.
   */
  readonly target?: string;
}

/** Why a row matched or not, node by node. */
export interface ExplainNode {
  /** AST node kind, e.g. "And", "Relational", "Like". */
  readonly node: string;
  readonly span: Span;
  /** The node's source text ("" when no source was given). */
  readonly text: string;
  readonly value: Truth;
  /** Column values the node read, described for display (`NULL`, `(missing)`, `31`, `"red"`). */
  readonly reads?: readonly { readonly text: string; readonly value: string }[];
  /** Extra detail, e.g. "2 of 3 elements matched". */
  readonly note?: string;
  readonly children: readonly ExplainNode[];
}

export interface CompiledFilter {
  /** No error diagnostics: evaluate / test / explain may be called. */
  readonly ok: boolean;
  /** The server semantics followed (src/semantics/profiles.ts). */
  readonly semantics: SemanticsProfile;
  /**
   * The assumption, for output: "semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type
   * mismatches are UNKNOWN", plus what is not established for this target when something is.
   */
  readonly semanticsNote: string;
  /** Whether the result may depend on the profile: the filter reads a JSON field or a dynamic key. */
  readonly readsJson: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The filter's three-valued result on `row`. */
  evaluate(row: Row): Truth;
  /** Whether Milvus would select (delete) `row`: the filter is TRUE. */
  test(row: Row): boolean;
  /** The evaluation of `row` as a tree, for showing why it matched. */
  explain(row: Row): ExplainNode;
}

/** Thrown by evaluate / test / explain of a filter that did not compile. */
export class FilterNotEvaluableError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`the filter cannot be evaluated: ${diagnostics.find((d) => d.severity === "error")?.message ?? "unknown problem"}`);
    this.name = "FilterNotEvaluableError";
  }
}

// ---------------------------------------------------------------- internal shapes

/**
 * One compiled node: its three-valued test, (when it has one) its two-valued TRUE test, and how
 * it explains itself on a row. Every node has all four fields, so reads of them stay monomorphic.
 */
interface CompiledNode {
  readonly eval: RowPredicate;
  /** Whether the node is TRUE, deciding common rows faster than `eval(row) === true`. */
  readonly isTrue: RowTest | undefined;
  /**
   * Built only by the compilation that explains (the untrusted one: `explain` always runs there),
   * so the trusted compilation makes no explain closures.
   */
  readonly explain: ((row: Row) => ExplainNode) | undefined;
  /** `field op constant` on a typed numeric field read straight off the row: `and` may merge it with another bound (mergeRanges). */
  readonly bound: Bound | undefined;
}

/** One side of a range on a field read straight off the row (trusted compilation only). */
interface Bound {
  readonly name: string;
  readonly isDouble: boolean;
  readonly c: number | bigint;
  readonly inc: boolean;
  readonly lower: boolean;
}

const ALWAYS_TRUE: RowPredicate = () => true;
const ALWAYS_FALSE: RowPredicate = () => false;
const ALWAYS_NULL: RowPredicate = () => null;

const compiled = (ev: RowPredicate, isTrue: RowTest | undefined, explain: ((row: Row) => ExplainNode) | undefined, bound?: Bound): CompiledNode => ({
  eval: ev,
  isTrue,
  explain,
  bound,
});

/** The two-valued TRUE test of a node. */
const trueOf = (p: CompiledNode): RowTest => {
  if (p.isTrue !== undefined) return p.isTrue;
  const ev = p.eval;
  return (row) => ev(row) === true;
};

/** The whole filter compiled: its node, and the two-valued form `test(row)` uses. */
interface CompiledRoot {
  readonly node: CompiledNode;
  readonly test: (row: Row) => boolean;
}

/** An operand as the checker typed it: a constant, a column, `column op constant`, array_length, or a predicate. */
type Operand =
  | { readonly k: "const"; readonly value: ConstValue; readonly n: A.Expr }
  | { readonly k: "col"; readonly col: ColumnReader; readonly n: A.Expr }
  | { readonly k: "arith"; readonly col: ColumnReader; readonly op: ArithOp; readonly operand: ConstValue; readonly n: A.Expr }
  | { readonly k: "alen"; readonly col: ColumnReader; readonly n: A.Expr }
  | { readonly k: "pred"; readonly p: CompiledNode; readonly n: A.Expr };

const SERVER_ONLY_HINT = "evaluate it on the server (query with this filter), or drop that part to preview the rest";

/** Why each construct that depends on server-side state is not evaluated locally. */
const ANALYZER = "depends on the field's server-side analyzer (tokenizer, filters, stemming) and cannot be evaluated locally";
const GEOMETRY = "geometry (ST_*) predicates are not evaluated locally";
const TIMESTAMPTZ = "Timestamptz comparisons depend on the server's stored UTC timestamps and the request time zone and are not evaluated locally";

/** What one compileFilter call shares between its closure trees (trusted rows, and any others). */
interface Plan {
  readonly tree: CheckedTree;
  /** Placeholder names whose given values Milvus cannot take, and why. */
  readonly refused: ReadonlyMap<string, string>;
  readonly random: () => number;
  readonly sourceText: string | undefined;
  readonly profile: SemanticsProfile;
}

function readText(col: ColumnReader, row: Row): string {
  const v = col.get(row);
  if (v === JSON_NULL) return "NULL";
  if (v === null) return col.kind === "json" ? "null" : "NULL";
  return describe(v);
}

/** Why a leaf is UNKNOWN, for explain: the first column read that is NULL, missing or of another type. */
function unknownReason(cols: readonly ColumnReader[], row: Row, profile: SemanticsProfile): string | undefined {
  for (const c of cols) {
    const v = c.get(row);
    if (v === JSON_NULL) return "UNKNOWN: the JSON column is NULL";
    if (c.kind === "json") {
      const why = v === undefined ? "the key is missing" : v === null ? "the value is JSON null" : "the value's type does not fit";
      return `UNKNOWN: ${why} (${profile.label})`;
    }
    if (v === null) return "UNKNOWN: NULL column";
  }
  return undefined;
}

// ---------------------------------------------------------------- the compiler

/**
 * A literal LIKE pattern is compiled once per tree, not once per compilation: a multi-megabyte
 * pattern's segments would otherwise be built again for every compileFilter of the same tree.
 */
const compiledLikes = new WeakMap<A.Expr, LikeResult>();

/**
 * Short LIKE patterns compiled once per text, across trees: most filters are parsed and compiled
 * once, so the per-tree map above never hits for them. A compiled pattern is a pure function of its
 * text. Bounded: the map is emptied when it fills.
 */
const likesByText = new Map<string, LikeResult>();
const LIKES_BY_TEXT_MAX = 512;
const LIKE_TEXT_MAX = 256;

function likeOf(pattern: string): LikeResult {
  if (pattern.length > LIKE_TEXT_MAX) return compileLike(pattern);
  let m = likesByText.get(pattern);
  if (m === undefined) {
    m = compileLike(pattern);
    if (likesByText.size >= LIKES_BY_TEXT_MAX) likesByText.clear();
    likesByText.set(pattern, m);
  }
  return m;
}

class Compiler implements ReaderContext {
  /** Where the compilation's problems go (one per failed predicate, capped); made at the first one. */
  problems: Reporter | undefined = undefined;
  /** Set when a JSON field or dynamic key is read: the result may depend on the semantics profile. */
  readsJson = false;
  /** Build explain closures: only the untrusted compilation does (explain always runs there). */
  private readonly explaining: boolean;
  /** JSON readers made so far (each takes the next copy of a reader: see columns.ts ONE_KEY_READERS). */
  private readers = 0;
  scope: ElementScope | undefined = undefined;
  readonly schema: CollectionSchema;
  readonly sourceText: string | undefined;
  private readonly tree: CheckedTree;
  private readonly profile: SemanticsProfile;

  constructor(
    private readonly plan: Plan,
    /** Compile for plain / null-prototype rows: top-level reads skip the own-property test where it cannot matter. */
    readonly trusted: boolean,
  ) {
    this.tree = plan.tree;
    this.profile = plan.profile;
    this.schema = plan.tree.schema!;
    this.sourceText = plan.sourceText;
    this.explaining = !trusted;
  }

  nextSlot(): number {
    return this.readers++;
  }

  /** The source text of a node (a parenthesised node's span includes its parentheses). */
  text(n: A.Root): string {
    const source = this.sourceText;
    return source === undefined ? "" : source.slice(n.span.start, n.span.end);
  }

  report(input: DiagnosticInput): void {
    (this.problems ??= new Reporter(DEFAULT_LIMITS.maxDiagnostics)).report(input);
  }

  private record(e: EvalProblem): void {
    this.report(e.input);
  }

  // -------------------------------------------------------------- the checker's answers

  /** Refuse `n`: with the checker's reason when it refused this node (or `owner`), else `fallback`. */
  private refuse(n: A.Expr, fallback: string, owner?: A.Expr): never {
    const why = this.tree.rejected.get(n.id) ?? (owner !== undefined ? this.tree.rejected.get(owner.id) : undefined);
    return unsupported(why ?? fallback, n.span);
  }

  /** A placeholder's value, or the problem of its value (missing, or not one Milvus takes). */
  private template(n: A.TemplateVariable): ConstValue {
    const v = this.tree.templateValues.get(n.id);
    if (v !== undefined) return v;
    const why = this.plan.refused.get(n.name);
    if (why !== undefined) throw new EvalProblem("eval/unsupported", `the value of template {${n.name}} ${why}`, n.span);
    throw new EvalProblem("eval/missing-param", `the value of expression template variable name {${n.name}} is not found`, n.span, "pass it in params (exprParams)");
  }

  /** Report a missing or refused placeholder among `n`'s operands before anything else about `n`. */
  private templatesOf(...operands: readonly A.Expr[]): void {
    for (const o of operands) if (o.kind === "TemplateVariable") this.template(o);
  }

  /** The constant `n` is where it meets a column, as the checker cast it. */
  private castOf(n: A.Expr, owner: A.Expr): ConstValue {
    const c = this.tree.casts.get(n.id);
    if (c === undefined) {
      this.templatesOf(n);
      return this.refuse(n, `${this.text(n) || n.kind} has no value the checker could cast here`, owner);
    }
    if (!c.ok) unsupported(c.message, n.span);
    return c.value;
  }

  /** The reader of a column reference the checker resolved. */
  private column(n: A.Expr, owner?: A.Expr): ColumnReader {
    const info = this.tree.references.get(n.id);
    if (info === undefined) return this.refuse(n, `expected a field reference, got: ${this.text(n) || n.kind}`, owner);
    const c = columnReader(info, n, this, n.span);
    if (c.kind === "json") this.readsJson = true;
    return c;
  }

  // -------------------------------------------------------------- predicates

  /**
   * The whole filter: its node, and its two-valued form for `test(row)`. Only TRUE selects a row,
   * so `and` / `or` (down to the first `not`) may stop at the first operand that decides TRUE; NULL
   * and FALSE are told apart only under `not`. A filter that samples tests through evaluate, so
   * each row draws once.
   */
  top(n: A.Root): CompiledRoot {
    const node = this.root(n);
    return { node, test: trueOf(node) };
  }

  /** The whole filter. */
  private root(n: A.Root): CompiledNode {
    if (n.kind === "Empty") return this.constP(true, n);
    if (n.kind === "And") return this.and(n, true);
    if (n.kind === "RandomSample") return this.sampleOnly(n, this.sampleFactor(n));
    return this.predicate(n);
  }

  /** A boolean predicate; problems inside are recorded and the node evaluates to NULL. */
  predicate(n: A.Expr): CompiledNode {
    try {
      return this.predicateInner(n);
    } catch (e) {
      if (e instanceof EvalProblem) {
        this.record(e);
        return this.constP(null, n);
      }
      if (e instanceof RangeError) {
        this.report({ code: "limit/too-deep", message: "the filter nests too deeply to compile on this stack", span: n.span });
        return this.constP(null, n);
      }
      throw e;
    }
  }

  /**
   * How each node kind compiles as a predicate: a switch over every kind (a new kind does not
   * compile until it has a case), the common kinds first. A switch on the kind compares interned
   * strings; a table lookup by kind is a megamorphic keyed load, which costs more.
   */
  private predicateInner(n: A.Expr): CompiledNode {
    switch (n.kind) {
      case "Relational":
      case "Equality":
        return this.compare(n);
      case "And":
        return this.and(n, false);
      case "Or":
        return this.or(n);
      case "Term":
        return this.term(n);
      case "Range":
      case "ReverseRange":
        return this.range(n);
      case "Unary":
        return n.op === "not" ? this.not(n) : this.valueAsPredicate(n);
      case "Like":
        return this.like(n);
      case "IsNull":
      case "IsNotNull":
        return this.isNull(n);
      case "Exists":
        return this.exists(n);
      case "JSONContains":
        return this.contains(n, "contains");
      case "JSONContainsAll":
        return this.contains(n, "all");
      case "JSONContainsAny":
        return this.contains(n, "any");
      case "RegexMatch":
        return this.regex(n);
      case "ElementFilter":
      case "MatchSimple":
      case "MatchThreshold":
        return this.match(n);
      case "Call":
        return this.call(n);
      case "RandomSample":
        return unsupported("random sample expression can only be the last expression in the logical and expression", n.span);
      case "TextMatch":
        return notEvaluable(`text_match ${ANALYZER}`, n.span, SERVER_ONLY_HINT);
      case "PhraseMatch":
        return notEvaluable(`phrase_match ${ANALYZER}`, n.span, SERVER_ONLY_HINT);
      case "TextMatchFuzzy":
        return notEvaluable(`text_match_fuzzy ${ANALYZER}`, n.span, SERVER_ONLY_HINT);
      case "SpatialBinary":
      case "STDWithin":
      case "STIsValid":
        return notEvaluable(GEOMETRY, n.span, SERVER_ONLY_HINT);
      case "TimestamptzCompareForward":
      case "TimestamptzCompareReverse":
        return notEvaluable(TIMESTAMPTZ, n.span, SERVER_ONLY_HINT);
      case "Integer":
      case "Float":
      case "Boolean":
      case "String":
      case "RawString":
      case "Array":
      case "EmptyArray":
      case "TemplateVariable":
      case "Identifier":
      case "JSONIdentifier":
      case "StructField":
      case "StructIndexField":
      case "StructSubField":
      case "ElementSelf":
      case "Power":
      case "MulDivMod":
      case "AddSub":
      case "Shift":
      case "BitAnd":
      case "BitXor":
      case "BitOr":
      case "ArrayLength":
        return this.valueAsPredicate(n);
      default:
        return unknownKind(n);
    }
  }

  private constP(v: Truth, n: A.Root): CompiledNode {
    const ev = v === true ? ALWAYS_TRUE : v === false ? ALWAYS_FALSE : ALWAYS_NULL;
    if (!this.explaining) return compiled(ev, undefined, undefined);
    return compiled(ev, undefined, () => ({ node: n.kind, span: n.span, text: this.text(n), value: v, children: [] }));
  }

  /** A leaf predicate over the columns `cols` (what explain shows it read); `note` adds to its explanation. */
  private leaf(n: A.Expr, fn: RowPredicate, cols: ColumnReader | readonly ColumnReader[], note?: (row: Row) => string | undefined, isTrue?: RowTest): CompiledNode {
    if (!this.explaining) return compiled(fn, isTrue, undefined);
    const read: readonly ColumnReader[] = cols instanceof ColumnReader ? [cols] : cols;
    return compiled(fn, isTrue, (row) => {
      const value = fn(row);
      const extra = note?.(row) ?? (value === null ? unknownReason(read, row, this.profile) : undefined);
      return {
        node: n.kind,
        span: n.span,
        text: this.text(n),
        value,
        ...(read.length > 0 ? { reads: read.map((c) => ({ text: c.text, value: readText(c, row) })) } : {}),
        ...(extra !== undefined ? { note: extra } : {}),
        children: [],
      };
    });
  }

  /** A node that is not a predicate by kind: a constant boolean, or refused. */
  valueAsPredicate(n: A.Expr): CompiledNode {
    const op = this.operand(n);
    if (op.k === "pred") return op.p;
    if (op.k === "const" && op.value.t === "bool") return this.constP(op.value.v, n);
    return unsupported("predicate is not a boolean expression", n.span, op.k === "col" && op.col.type === "Bool" ? "compare it: field == true" : undefined);
  }

  /** Each of `ops` compiled as a predicate. */
  private predicates(ops: readonly A.Expr[], count = ops.length): CompiledNode[] {
    const parts = new Array<CompiledNode>(count);
    for (let i = 0; i < count; i++) parts[i] = this.predicate(ops[i]!);
    return parts;
  }

  and(n: A.And, top: boolean): CompiledNode {
    const ops = n.operands;
    // random_sample must close the top-level AND chain; it is consulted only for rows the rest selects.
    let sampleAt = ops.length;
    while (sampleAt > 0 && ops[sampleAt - 1]!.kind === "RandomSample") sampleAt--;
    if (!top || ops.length - sampleAt > 1) sampleAt = ops.length;
    if (top && ops.length - sampleAt === 1) return this.sampledAnd(n);
    const parts = this.predicates(ops);
    const merged = this.trusted ? mergeRanges(parts) : parts;
    const { evals, trues } = rowForms(merged);
    const ev = andEval(evals);
    const isTrue = merged.length === 1 ? trueOf(merged[0]!) : allTrue(trues);
    if (!this.explaining) return compiled(ev, isTrue, undefined);
    return compiled(ev, isTrue, (row) => {
      const children = parts.map((p) => p.explain!(row));
      return { node: n.kind, span: n.span, text: this.text(n), value: kleeneAnd(children.map((c) => c.value)), children };
    });
  }

  /** The top-level `… and random_sample(f)`: the sample is drawn only for rows the rest selects. */
  private sampledAnd(n: A.And): CompiledNode {
    const ops = n.operands;
    const sample = ops[ops.length - 1] as A.RandomSample;
    const rest = this.predicates(ops, ops.length - 1);
    const restEval = andEval(rest.map((p) => p.eval));
    let f = 0.5;
    try {
      f = this.sampleFactor(sample);
    } catch (e) {
      if (!(e instanceof EvalProblem)) throw e;
      this.record(e);
    }
    const random = this.plan.random;
    const ev: RowPredicate = (row) => {
      const r = restEval(row);
      return r !== true ? r : random() < f;
    };
    if (!this.explaining) return compiled(ev, undefined, undefined);
    return compiled(ev, undefined, (row) => {
      const children = rest.map((p) => p.explain!(row));
      const r = kleeneAnd(children.map((c) => c.value));
      const s: Truth = r === true ? random() < f : null;
      const sampleNode: ExplainNode = {
        node: sample.kind,
        span: sample.span,
        text: this.text(sample),
        value: s,
        note: r === true ? `sampled with probability ${f}` : "not sampled: the rest of the filter is not TRUE",
        children: [],
      };
      return { node: n.kind, span: n.span, text: this.text(n), value: r !== true ? r : s, children: [...children, sampleNode] };
    });
  }

  or(n: A.Or): CompiledNode {
    const parts = this.predicates(n.operands);
    const { evals, trues } = rowForms(parts);
    const ev = orEval(evals);
    const isTrue = anyTrue(trues);
    if (!this.explaining) return compiled(ev, isTrue, undefined);
    return compiled(ev, isTrue, (row) => {
      const children = parts.map((p) => p.explain!(row));
      return { node: n.kind, span: n.span, text: this.text(n), value: kleeneOr(children.map((c) => c.value)), children };
    });
  }

  not(n: A.Unary): CompiledNode {
    // not (not x) ≡ x under Kleene logic; collapsing keeps long NOT chains shallow.
    let depth = 1;
    let inner: A.Expr = n.operand;
    while (inner.kind === "Unary" && inner.op === "not") {
      depth++;
      inner = inner.operand;
    }
    const p = this.predicate(inner);
    if (depth % 2 === 0) return p;
    return this.negation(p, (c) => ({ node: n.kind, span: n.span, text: this.text(n), value: flip(c.value), children: [c] }));
  }

  private sampleFactor(n: A.RandomSample): number {
    const given = this.tree.types.get(n.factor.id)?.value;
    const v = this.castOf(n.factor, n);
    if (v.t !== "float") unsupported("the sample factor must be a constant number", n.factor.span);
    if (!(v.v > 1e-10 && v.v < 1 - 1e-10)) {
      const shown = given?.t === "int" ? given.v : v.v;
      unsupported(`the sample factor should be between 0 and 1 and not too close to 0 or 1(the difference should be larger than 1e-10), but got ${shown}`, n.factor.span);
    }
    return v.v;
  }

  private sampleOnly(n: A.RandomSample, f: number): CompiledNode {
    const random = this.plan.random;
    const ev: RowPredicate = () => random() < f;
    if (!this.explaining) return compiled(ev, undefined, undefined);
    return compiled(ev, undefined, () => ({ node: n.kind, span: n.span, text: this.text(n), value: random() < f, note: `sampled with probability ${f}`, children: [] }));
  }

  compare(n: A.Relational | A.Equality): CompiledNode {
    let l = this.operand(n.left);
    let r = this.operand(n.right);
    let op: Op = n.op;
    if (l.k === "const" && r.k === "const") {
      const folded = this.tree.types.get(n.id)?.value;
      if (folded?.t !== "bool") return this.refuse(n, `comparison operations cannot be applied to two incompatible operands: ${this.text(n)}`);
      return this.constP(folded.v, n);
    }
    if (l.k === "const") {
      [l, r] = [r, l];
      op = mirror(op);
    }
    if (r.k !== "const") {
      if (l.k === "col" && r.k === "col") return this.leaf(n, compareCols(l.col, op, r.col, n.span), [l.col, r.col]);
      if (l.k === "arith" || r.k === "arith") unsupported("not supported to combine multiple fields in arithmetic comparisons", n.span);
      return unsupported("only comparisons between a column and a constant, or two columns, are supported", n.span);
    }
    switch (l.k) {
      case "col": {
        const col = l.col;
        if (col.kind === "other") unsupportedType(col, n.span);
        if (col.kind === "array" && op !== "==" && op !== "!=") unsupported("can not comparisons array fields directly (only == and != with an array value)", n.span);
        const value = this.castOf(r.n, n);
        const full = compareColConst(col, op, value, n.span, this.profile);
        const p = this.leaf(n, full, col, undefined, compareColConstTrue(col, op, value, full));
        // A bound on a typed numeric field read straight off the row: `and` may merge it with another (mergeRanges).
        if (n.kind !== "Relational" || col.direct === undefined || !(value.t === "int" || value.t === "float")) return p;
        const t = col.type;
        if (t !== "Int8" && t !== "Int16" && t !== "Int32" && t !== "Int64" && t !== "Double") return p;
        const bound: Bound = { name: col.direct, isDouble: t === "Double", c: value.t === "int" ? fastNum(value.v) : value.v, inc: op === ">=" || op === "<=", lower: op === ">" || op === ">=" };
        return compiled(p.eval, p.isTrue, p.explain, bound);
      }
      case "arith":
        return this.leaf(n, arithPred(l.col, l.op, l.operand, op, this.castOf(r.n, n), n.span, this.profile), l.col);
      case "alen":
        return this.leaf(n, arrayLengthPred(l.col, op, this.castOf(r.n, n), n.span, this.profile), l.col);
      default:
        return unsupported("a predicate cannot be compared with a value", n.span);
    }
  }

  range(n: A.Range | A.ReverseRange): CompiledNode {
    const col = this.column(n.field, n);
    const lower = this.operand(n.lower);
    if (lower.k !== "const") unsupported(`lowerbound cannot be a non-const expression: ${this.text(n.lower)}`, n.lower.span);
    const upper = this.operand(n.upper);
    if (upper.k !== "const") unsupported(`upperbound cannot be a non-const expression: ${this.text(n.upper)}`, n.upper.span);
    if (col.kind === "array") unsupported("can not comparisons array fields directly", n.span);
    if (col.kind === "other") unsupportedType(col, n.span);
    if (col.kind === "scalar" && col.type === "Bool") unsupported("invalid range operations on boolean expr", n.span);
    const lo = this.castOf(n.lower, n);
    const hi = this.castOf(n.upper, n);
    return this.leaf(n, rangePred(col, lo, n.lowerInclusive, hi, n.upperInclusive, n.span, this.profile), col);
  }

  term(n: A.Term): CompiledNode {
    const left = this.operand(n.left);
    if (left.k === "const") unsupported(`'term' can only be used on non-const expression, but got: ${this.text(n.left)}`, n.left.span);
    if (left.k !== "col") unsupported(`'term' can only be used on single field, but got: ${this.text(n.left)}`, n.left.span);
    const right = this.operand(n.right);
    if (right.k !== "const" || right.value.t !== "array") unsupported(`the right-hand side of 'in' must be a list, but got: ${this.text(n.right)}`, n.right.span);
    if (right.value.items[0]?.t === "array" && (left.col.kind === "array" || left.col.kind === "json")) {
      // The planner accepts it, but TermExpr.cpp (master 88f357a ~line 146, 2.6 ~line 105) has no
      // branch for array values: the query fails at run time and nothing is deleted.
      unsupported(
        `'in' with a list of arrays is accepted by Milvus's planner but fails at run time ("unknown data type"): ${this.text(n)}`,
        n.span,
        "compare whole arrays with == / or instead (nums == [1, 2] or nums == [3])",
      );
    }
    if (left.col.kind === "other") unsupportedType(left.col, n.span);
    const items = this.castOf(n.right, n) as Extract<ConstValue, { t: "array" }>;
    const base = this.leaf(n, termPred(left.col, items.items, n.span, this.profile), left.col);
    return n.negated ? this.negated(base) : base;
  }

  /** `not in` / `!~`: NOT of the positive form, explained as one node. */
  private negated(p: CompiledNode): CompiledNode {
    return this.negation(p, (e) => ({ ...e, value: flip(e.value) }));
  }

  /** Three-valued NOT of `p` (NULL stays NULL); `explain` turns p's explanation into the result's. */
  private negation(p: CompiledNode, explain: (inner: ExplainNode) => ExplainNode): CompiledNode {
    const inner = p.eval;
    const ev: RowPredicate = (row) => {
      const v = inner(row);
      return v === null ? null : !v;
    };
    const isTrue: RowTest = (row) => inner(row) === false;
    if (!this.explaining) return compiled(ev, isTrue, undefined);
    const innerExplain = p.explain!;
    return compiled(ev, isTrue, (row) => explain(innerExplain(row)));
  }

  private stringColumn(n: A.Expr, owner: A.Expr, what: string): ColumnReader {
    const col = this.column(n, owner);
    if (col.kind === "json" || (col.kind === "scalar" && isStringType(col.type))) return col;
    if (col.kind === "other" && col.type === "Text") unsupported(`filter on text field (${col.text}) is not supported yet`, n.span);
    return unsupported(`${what} on non-string or non-json field is unsupported`, n.span);
  }

  /** A LIKE / regex pattern as the checker read it (regex literals keep their escapes). */
  private patternText(n: A.Like | A.RegexMatch): string {
    if (n.pattern.kind === "TemplateVariable") this.template(n.pattern);
    const v = this.castOf(n.pattern, n);
    if (v.t !== "string") return unsupported("the pattern must be a string literal, raw string or template", n.pattern.span);
    return v.v;
  }

  like(n: A.Like): CompiledNode {
    const col = this.stringColumn(n.left, n, "like operation");
    // A literal's text is at least as long as its value: only a long literal can be in compiledLikes.
    const literal = (n.pattern.kind === "String" || n.pattern.kind === "RawString") && n.pattern.span.end - n.pattern.span.start > LIKE_TEXT_MAX;
    let m = literal ? compiledLikes.get(n.pattern) : undefined;
    if (m === undefined) {
      const pattern = this.patternText(n);
      m = likeOf(pattern);
      if (literal && pattern.length > LIKE_TEXT_MAX) compiledLikes.set(n.pattern, m);
    }
    if (!m.ok) unsupported(m.error, n.pattern.span);
    return this.leaf(n, this.stringTest(col, m.match), col, undefined, this.stringTrue(col, m.match));
  }

  regex(n: A.RegexMatch): CompiledNode {
    const col = this.stringColumn(n.left, n, "regex match");
    const pattern = this.patternText(n);
    if (pattern.length > MAX_LOCAL_REGEX) {
      notEvaluable(
        `a regex of ${pattern.length} characters is not evaluated locally: matching costs up to |value| × |pattern| steps per row (limit ${MAX_LOCAL_REGEX} characters)`,
        n.pattern.span,
        SERVER_ONLY_HINT,
      );
    }
    const r = compileRegex(pattern);
    if (!r.ok && r.code === REGEX_ENGINE_NOT_LOADED) throw new EvalProblem(r.code, "the regex engine is not loaded", n.pattern.span, REGEX_ENGINE_HINT);
    if (!r.ok) unsupported(r.error, n.pattern.span);
    const base = this.leaf(n, this.stringTest(col, r.test), col, undefined, this.stringTrue(col, r.test));
    return n.negated ? this.negated(base) : base;
  }

  /** A string test: NULL scalar → NULL; JSON: a non-string or missing value → FALSE on 2.6, UNKNOWN on master. */
  private stringTest(col: ColumnReader, test: (s: string) => boolean): RowPredicate {
    const get = col.get;
    if (col.kind === "json") {
      const other = this.profile.jsonMismatch === "unknown" ? null : false;
      return (row) => {
        const v = get(row);
        if (v === JSON_NULL) return null;
        return typeof v === "string" ? test(v) : other;
      };
    }
    const name = col.direct;
    if (name !== undefined) {
      return (row) => {
        const v = row[name];
        return typeof v === "string" ? test(v) : null;
      };
    }
    return (row) => {
      const v = get(row);
      return v === null ? null : test(v as string);
    };
  }

  /** TRUE of stringTest, two-valued: only a string can match (a JSON mismatch is TRUE on no line). */
  private stringTrue(col: ColumnReader, test: (s: string) => boolean): RowTest {
    const name = col.direct;
    if (name !== undefined) {
      return (row) => {
        const v = row[name];
        return typeof v === "string" && test(v);
      };
    }
    const get = col.get;
    return (row) => {
      const v = get(row);
      return typeof v === "string" && test(v);
    };
  }

  exists(n: A.Exists): CompiledNode {
    const col = this.column(n.operand, n);
    if (col.kind !== "json") unsupported(`exists operations are only supportted on json field, got:${col.type}`, n.span);
    if (!col.path) unsupported("exists operations are only supportted on json key", n.span);
    return this.leaf(n, existsPred(col), col);
  }

  isNull(n: A.IsNull | A.IsNotNull): CompiledNode {
    const want = n.kind === "IsNull";
    const o = n.operand;
    const col = this.column(o, n);
    if (col.structArray !== undefined) {
      // A struct container stands for its first sub-field: NULL when the struct array is.
      const get = col.get;
      return this.leaf(n, (row) => (get(row) === null) === want, []);
    }
    let fn: RowPredicate;
    if (col.kind === "json" && (col.path || o.kind === "JSONIdentifier")) {
      // JSON key: `is null` ≡ `not exists`, `is not null` ≡ `exists` (same plan in Milvus).
      const ex = existsPred(col);
      fn = want ? (row) => !ex(row) : ex;
    } else {
      if (col.indexed) unsupported(`IsNull/IsNotNull operations are not supported on array element access, got: ${col.text}`, n.span);
      const t = col.type;
      if (col.kind === "other" && (t === "FloatVector" || t === "BinaryVector" || t === "Float16Vector" || t === "BFloat16Vector" || t === "SparseFloatVector" || t === "Int8Vector")) {
        unsupported("IsNull/IsNotNull operations are not supported on vector fields", n.span);
      }
      if (t === "Text") unsupported(`filter on text field (${col.text}) is not supported yet`, n.span);
      const get = col.get;
      fn = (row) => {
        const v = get(row);
        return (v === null || v === JSON_NULL || v === undefined) === want;
      };
    }
    return this.leaf(n, fn, col);
  }

  contains(n: A.JSONContains | A.JSONContainsAll | A.JSONContainsAny, kind: ContainsKind): CompiledNode {
    const target = this.operand(n.target);
    if (target.k !== "col") unsupported("contains operation are only supported on json or array fields now", n.target.span);
    const value = this.operand(n.value);
    if (value.k !== "const") unsupported("contains operation is only supported with explicitly specified elements", n.value.span);
    if (kind !== "contains" && value.value.t !== "array") unsupported(`${kind === "all" ? "ContainsAll" : "ContainsAny"} operation element must be an array`, n.span);
    const col = target.col;
    if (col.kind === "scalar") unsupported(`contains operation are only supported on json or array fields now, got: ${col.type}`, n.span);
    if (col.kind === "other") unsupportedType(col, n.span);
    return this.leaf(n, containsPred(col, kind, this.castOf(n.value, n), n.span, this.profile), col);
  }

  match(n: A.ElementFilter | A.MatchSimple | A.MatchThreshold): CompiledNode {
    const fnName = n.kind === "ElementFilter" ? "element_filter" : n.fn;
    if (this.scope !== undefined) unsupported(`nested ${fnName} is not supported`, n.span);
    const field = n.field;
    const name = field.kind === "Identifier" ? field.name : field.base;
    if (!this.tree.references.has(field.id)) this.refuse(field, `${name} is not a struct array or array field of this schema`);
    const col = this.column(field, n);
    const get = col.get;
    const elements = (row: Row): readonly unknown[] => {
      const v = get(row);
      return Array.isArray(v) ? v : [];
    };
    if (col.kind !== "json" && col.kind !== "array" && col.structArray === undefined) {
      unsupported(`${fnName} requires an array field, but "${name}" has type ${col.type}`, field.span);
    }
    return this.matchLoop(n, fnName, elements, col);
  }

  private matchLoop(n: A.ElementFilter | A.MatchSimple | A.MatchThreshold, fnName: string, elements: (row: Row) => readonly unknown[], col: ColumnReader): CompiledNode {
    const scope: ElementScope = { cur: undefined };
    this.scope = scope;
    let inner: CompiledNode;
    try {
      inner = this.predicateInner(n.predicate);
    } finally {
      this.scope = undefined;
    }
    let k = 0;
    let kind: "any" | "all" | "least" | "most" | "exact" = "any";
    if (n.kind === "MatchSimple") kind = n.fn === "match_all" ? "all" : "any";
    if (n.kind === "MatchThreshold") {
      kind = n.fn === "match_least" ? "least" : n.fn === "match_most" ? "most" : "exact";
      const t = n.threshold.value;
      if (t < 0n || (kind === "least" && t === 0n) || t > 2n ** 31n) unsupported(`invalid threshold ${n.threshold.raw} for ${fnName}`, n.threshold.span);
      k = Number(t);
    }
    const ie = inner.eval;
    const count = (row: Row): [number, number] => {
      const els = elements(row);
      let hits = 0;
      let valid = 0;
      try {
        for (let i = 0; i < els.length; i++) {
          scope.cur = els[i];
          const r = ie(row);
          if (r === null) continue;
          valid++;
          if (r) hits++;
        }
      } finally {
        scope.cur = undefined;
      }
      return [hits, valid];
    };
    const decide = (hits: number, valid: number): boolean => {
      switch (kind) {
        case "any":
          return hits > 0;
        case "all":
          return valid > 0 && hits === valid;
        case "least":
          return hits >= k;
        case "most":
          return hits <= k;
        case "exact":
          return hits === k;
      }
    };
    const fn: RowPredicate = (row) => {
      const [hits, valid] = count(row);
      return decide(hits, valid);
    };
    return this.leaf(n, fn, [], (row) => {
      const [hits, valid] = count(row);
      const total = elements(row).length;
      return `${hits} of ${total} element${total === 1 ? "" : "s"} of ${col.text} matched${valid < total ? ` (${total - valid} NULL)` : ""}`;
    });
  }

  call(n: A.Call): CompiledNode {
    const name = n.name.toLowerCase();
    const args = n.args.map((a) => this.operand(a));
    const str = (o: Operand): ((row: Row) => string | null) => {
      if (o.k === "const" && o.value.t === "string") {
        const s = o.value.v;
        return () => s;
      }
      if (o.k === "col" && o.col.kind === "scalar" && isStringType(o.col.type)) return o.col.get as (row: Row) => string | null;
      return notEvaluable(`${name}() is evaluated by the server; locally only VarChar arguments are supported`, o.n.span);
    };
    const cols = args.flatMap((a) => (a.k === "col" ? [a.col] : []));
    if (name === "empty" && args.length === 1) {
      const s = str(args[0]!);
      return this.leaf(n, (row) => {
        const v = s(row);
        return v === null ? null : v.length === 0;
      }, cols);
    }
    if (name === "starts_with" && args.length === 2) {
      const s = str(args[0]!);
      const p = str(args[1]!);
      return this.leaf(n, (row) => {
        const v = s(row);
        const q = p(row);
        return v === null || q === null ? null : v.startsWith(q);
      }, cols);
    }
    return notEvaluable(`function ${n.name}() is resolved by the server's function registry and is not evaluated locally`, n.nameSpan, SERVER_ONLY_HINT);
  }

  // -------------------------------------------------------------- operands

  /** `n` as an operand, from what the checker recorded for it (a switch over every kind, as in predicateInner). */
  operand(n: A.Expr): Operand {
    switch (n.kind) {
      case "Identifier":
      case "JSONIdentifier":
      case "StructField":
      case "StructIndexField":
      case "StructSubField":
      case "ElementSelf":
        return { k: "col", col: this.column(n), n };
      case "Integer":
      case "Float":
      case "Boolean":
      case "String":
      case "RawString":
      case "Array":
      case "EmptyArray": {
        const value = this.tree.types.get(n.id)?.value;
        if (value === undefined) return this.refuse(n, `invalid constant: ${this.text(n) || n.kind}`);
        return { k: "const", value, n };
      }
      case "TemplateVariable":
        return { k: "const", value: this.template(n), n };
      case "Unary": {
        const u = n;
        if (u.op === "not") return { k: "pred", p: this.not(u), n };
        const value = this.tree.types.get(n.id)?.value;
        if (value !== undefined) return { k: "const", value, n };
        // Not folded: the operand's own problem first, then why a sign cannot apply to it.
        this.operand(u.operand);
        if (u.op === "~") unsupported("'~' is not supported", n.span);
        return this.refuse(n, `unary '${u.op}' can only be applied to a constant`);
      }
      case "Power":
      case "MulDivMod":
      case "AddSub":
      case "Shift":
      case "BitAnd":
      case "BitXor":
      case "BitOr":
        return this.arith(n);
      case "ArrayLength":
        return { k: "alen", col: this.arrayLengthTarget(n), n };
      case "Exists":
      case "Like":
      case "RegexMatch":
      case "Relational":
      case "Equality":
      case "Range":
      case "ReverseRange":
      case "Term":
      case "And":
      case "Or":
      case "IsNull":
      case "IsNotNull":
      case "Call":
      case "TextMatch":
      case "TextMatchFuzzy":
      case "PhraseMatch":
      case "RandomSample":
      case "ElementFilter":
      case "MatchSimple":
      case "MatchThreshold":
      case "JSONContains":
      case "JSONContainsAll":
      case "JSONContainsAny":
      case "SpatialBinary":
      case "STDWithin":
      case "STIsValid":
      case "TimestamptzCompareForward":
      case "TimestamptzCompareReverse":
        return { k: "pred", p: this.predicateInner(n), n };
      default:
        return unknownKind(n);
    }
  }

  /** Arithmetic: a constant the checker folded, or `column op constant` as it planned it. */
  private arith(n: A.ArithNode): Operand {
    const value = this.tree.types.get(n.id)?.value;
    if (value !== undefined) return { k: "const", value, n };
    const plan = this.tree.arithmetic.get(n.id);
    if (plan === undefined) {
      // Neither folded nor planned: the operands' own problems first, then the shape's.
      const l = this.operand(n.left);
      const r = this.operand(n.right);
      if (l.k === "const" && r.k === "const") return this.refuse(n, `'${n.op}' between two constants is not supported: ${this.text(n)}`);
      if (n.op === "**") unsupported(`power can only apply on constants: ${this.text(n)}`, n.span);
      if (l.k === "arith" && r.k === "const") unsupported(`complicated arithmetic operations are not supported: ${this.text(n)}`, n.span);
      if ((l.k === "col" || l.k === "arith") && (r.k === "col" || r.k === "arith")) unsupported("not supported to do arithmetic operations between multiple fields", n.span);
      return this.refuse(n, `unsupported arithmetic: ${this.text(n)}`);
    }
    const col = this.column(plan.column, n);
    if (plan.reversed && plan.op !== "+" && plan.op !== "*") unsupported("module field is not yet supported (the field must be on the left of this operator)", n.span);
    if (plan.operand === undefined) {
      if (plan.operandNode?.kind === "TemplateVariable") this.template(plan.operandNode);
      return this.refuse(n, `unsupported arithmetic: ${this.text(n)}`);
    }
    if (!plan.operand.ok) unsupported(plan.operand.message, (plan.operandNode ?? n).span);
    return { k: "arith", col, op: plan.op, operand: plan.operand.value, n };
  }

  private arrayLengthTarget(n: A.ArrayLength): ColumnReader {
    return this.column(n.target, n);
  }
}

/**
 * Milvus's rewriter merges `x > a and x < b` into one range; so does the trusted compilation, for
 * a typed numeric field read straight off the row (the parts compare() marked with a `bound`): one
 * read instead of two. Same result on every row (both sides are NULL exactly when x is), so only
 * the speed differs. Returns `parts` itself when nothing merges.
 */
function mergeRanges(parts: readonly CompiledNode[]): readonly CompiledNode[] {
  let lowers = 0;
  let uppers = 0;
  for (let i = 0; i < parts.length; i++) {
    const b = parts[i]!.bound;
    if (b === undefined) continue;
    if (b.lower) lowers++;
    else uppers++;
  }
  if (lowers === 0 || uppers === 0) return parts;
  // Each lower bound takes the first unused upper bound on its field: by a scan of the parts for
  // a few bounds, by a queue of upper bounds per field for many (linear in the chain length).
  const partner = new Array<number>(parts.length).fill(-1);
  let merges = 0;
  if (lowers * uppers <= 256) {
    const taken = new Array<boolean>(parts.length).fill(false);
    for (let i = 0; i < parts.length; i++) {
      const lo = parts[i]!.bound;
      if (lo === undefined || !lo.lower) continue;
      for (let j = 0; j < parts.length; j++) {
        const hi = parts[j]!.bound;
        if (hi === undefined || hi.lower || taken[j] || hi.name !== lo.name) continue;
        taken[j] = true;
        partner[i] = j;
        merges++;
        break;
      }
    }
  } else {
    const queues = new Map<string, { queue: number[]; next: number }>();
    for (let i = 0; i < parts.length; i++) {
      const b = parts[i]!.bound;
      if (b === undefined || b.lower) continue;
      const u = queues.get(b.name);
      if (u) u.queue.push(i);
      else queues.set(b.name, { queue: [i], next: 0 });
    }
    for (let i = 0; i < parts.length; i++) {
      const lo = parts[i]!.bound;
      if (lo === undefined || !lo.lower) continue;
      const u = queues.get(lo.name);
      if (u === undefined || u.next >= u.queue.length) continue;
      partner[i] = u.queue[u.next++]!;
      merges++;
    }
  }
  if (merges === 0) return parts;
  const dropped = new Array<boolean>(parts.length).fill(false);
  for (let i = 0; i < parts.length; i++) if (partner[i]! >= 0) dropped[partner[i]!] = true;
  const out: CompiledNode[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (dropped[i]) continue;
    const j = partner[i]!;
    if (j < 0) {
      out.push(parts[i]!);
      continue;
    }
    const lo = parts[i]!.bound!;
    const hi = parts[j]!.bound!;
    const range = directRange(lo.name, lo.isDouble, lo.c, lo.inc, hi.c, hi.inc);
    out.push(compiled(range, directRangeTrue(lo.name, lo.isDouble, lo.c, lo.inc, hi.c, hi.inc, range), undefined));
  }
  return out;
}

/** A node of a kind the switches above do not list: only reachable from a tree built outside the type system. */
function unknownKind(n: never): never {
  return unsupported(`unknown node kind: ${String((n as { kind?: unknown }).kind)}`, (n as A.Expr).span);
}

/** `a op b` ⇔ `b mirror(op) a`. */
function mirror(op: Op): Op {
  switch (op) {
    case "<":
      return ">";
    case "<=":
      return ">=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return op;
  }
}

function isCheckResult(x: A.Root | CheckResult): x is CheckResult {
  return "types" in x && "diagnostics" in x && !("kind" in x);
}

const OPTIONS_SPEC = (SPECS.compileFilter[1] as { readonly options: OptionsSpec }).options;
const REQUIRED_OPTIONS = Object.keys(OPTIONS_SPEC).filter((k) => "required" in OPTIONS_SPEC[k]!);
/** Each option's rule by key (a Map: see ROLE_OF). */
const OPTION_RULES: ReadonlyMap<string, Rule> = new Map(Object.entries(OPTIONS_SPEC).map(([k, e]) => [k, "rule" in e ? e.rule : e]));
/**
 * Every option key, undefined: copies start from it, so each has one shape and its stores need no
 * new property (a store adding a key chosen at run time is a slow path). An undefined key reads
 * the same as an absent one everywhere the options are read.
 */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.fromEntries(Object.keys(OPTIONS_SPEC).map((k) => [k, undefined]));

/**
 * compileFilter's options as the usage check reads them (own enumerable keys, each read once, each
 * value tested by its rule in SPECS, undefined values left out, required keys present), into a
 * fresh copy: the common case of checkCall without its generic machinery. undefined for anything
 * it would not accept, or when a read throws: checkCall then reads them again and words the problem.
 */
function readOptions(value: unknown): CompileOptions | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    if (Array.isArray(value)) return undefined;
    const keys = Object.keys(value);
    const copy: Record<string, unknown> = { ...NO_OPTIONS };
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const rule = OPTION_RULES.get(key);
      if (rule === undefined) return undefined;
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (!rule.test(v)) return undefined;
      copy[key] = v;
    }
    for (let i = 0; i < REQUIRED_OPTIONS.length; i++) if (copy[REQUIRED_OPTIONS[i]!] === undefined) return undefined;
    return copy as unknown as CompileOptions;
  } catch {
    return undefined;
  }
}
const NOTHING_REFUSED: ReadonlyMap<string, string> = new Map();

/**
 * What compileFilter's input is, when it passes the input rule of SPECS.compileFilter (an AST node:
 * an object with a string `kind`; or a CheckResult: an array `diagnostics` and a Map `types`), read
 * in the rule's order: "ast", or "checked" for what isCheckResult takes as a CheckResult.
 * undefined for anything else (and for an input whose reads throw): the usage check decides those.
 */
function inputKind(x: unknown): "ast" | "checked" | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  try {
    if (Array.isArray(x)) return undefined;
    const o = x as { kind?: unknown; diagnostics?: unknown; types?: unknown };
    if (typeof o.kind === "string") return "ast";
    if (!Array.isArray(o.diagnostics) || !(o.types instanceof Map)) return undefined;
    return "kind" in o ? "ast" : "checked";
  } catch {
    return undefined;
  }
}

/**
 * `exists col`, two-valued on both lines: FALSE on a NULL JSON column (ExistsExpr.cpp, ~line 183),
 * and FALSE when the value is missing, JSON null, `{}`, `[]`, or an object / array all of whose
 * members are (recursively) such (Json.h `exist` and `isObjectEmpty`).
 */
function existsPred(col: ColumnReader): (row: Row) => boolean {
  const get = col.get;
  return (row) => !jsonEmpty(get(row));
}

/** Json.h isObjectEmpty, iterative (a 10^6-deep value must not overflow the stack). */
function jsonEmpty(v: unknown): boolean {
  if (v === JSON_NULL || v === undefined || v === null) return true;
  if (typeof v !== "object" || isJsonFloat(v)) return false;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || x === undefined) continue;
    if (typeof x !== "object" || isJsonFloat(x)) return false;
    if (Array.isArray(x)) for (let i = 0; i < x.length; i++) stack.push(x[i]);
    else for (const k of Object.keys(x)) stack.push((x as Record<string, unknown>)[k]);
  }
  return true;
}

// ---------------------------------------------------------------- public API

/** One diagnostic, for a failure found before any compiler ran. */
function oneDiagnostic(input: DiagnosticInput, source: Source | undefined): Diagnostic[] {
  const r = new Reporter(1);
  r.report(input);
  return r.diagnostics(source);
}

/**
 * Compile a parsed filter into a predicate: the checker's walk runs first (names resolved,
 * constants folded and cast, placeholders filled from `params`), and the evaluator plans from its
 * answers. Refuses only what it cannot evaluate; check the filter (and pass the CheckResult) to
 * also refuse what Milvus refuses. Never throws: problems come back as diagnostics
 * (`eval/unsupported`, `eval/not-evaluable`, `eval/missing-param`), and then `ok` is false and
 * evaluate / test / explain throw FilterNotEvaluableError.
 */
export function compileFilter(ast: A.Root, options: CompileOptions): CompiledFilter;
/**
 * Compile a checked filter (`check(...)`'s result): the checker's diagnostics decide whether it
 * compiles, its source gives the text, and its CheckedTree is what the evaluator plans from (it
 * is walked again only for another schema, or for `params` its placeholders were not filled
 * with). The semantics follow `options.target`, else the target it was checked against.
 */
export function compileFilter(checked: CheckResult, options: Omit<CompileOptions, "source">): CompiledFilter;
export function compileFilter(input: A.Root | CheckResult, options: CompileOptions): CompiledFilter {
  // The input's rule is tested here (inputKind); the options go through the usage check. Anything
  // the quick test does not accept takes the whole check, which words the problem.
  const kind = inputKind(input);
  const read = kind === undefined ? undefined : readOptions(options);
  if (read !== undefined) options = read;
  else {
    const usage = checkCall("compileFilter", SPECS.compileFilter, [input, options]);
    if (!usage.ok) return failedFilter([usageDiagnostic(usage.problem)]);
    options = usage.args[1] as CompileOptions;
  }
  let ast: A.Root;
  let source: Source | undefined;
  let tree: CheckedTree | null = null;
  let refused: ReadonlyMap<string, string> = NOTHING_REFUSED;
  let tooDeep = false;
  const checked = kind === undefined ? isCheckResult(input) : kind === "checked";
  if (checked) {
    const result = input as CheckResult;
    if (!result.ok || result.ast === null) {
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      return failedFilter(errors.length > 0 ? errors : result.diagnostics, options.target);
    }
    ast = result.ast;
    source = result.source;
    tree = result.tree;
    // Walked again for another schema, or to fill its placeholders with these params.
    const unfilled = options.params !== undefined && (tree?.types.get(ast.id)?.containsTemplate ?? true);
    if (tree?.schema !== options.schema || unfilled) tree = null;
  } else {
    ast = input as A.Root;
    source = typeof options.source === "string" ? new Source(options.source) : options.source;
  }
  if (tree === null) {
    const values = templateValuesFromInputs(options.params);
    refused = values.refused;
    const target = options.target ?? (checked ? (input as CheckResult).tree?.target : undefined) ?? DEFAULT_TARGET;
    ({ tree, tooDeep } = checkedTree(ast, source?.text ?? "", { schema: options.schema, target, params: values.values }));
  }
  const target = options.target ?? tree.target;
  const { profile, note: semanticsNote } = semanticsOf(target);
  if (tooDeep) return failedFilter(oneDiagnostic({ code: "limit/too-deep", message: "the filter nests too deeply to compile on this stack", span: ast.span }, source), target);
  const plan: Plan = { tree, refused, random: options.random ?? Math.random, sourceText: source?.text, profile };

  // One compilation for rows whose prototype is Object.prototype or null (what JSON readers and
  // object literals make); a second, whose top-level reads test Object.hasOwn, only when a row of
  // another kind (or explain) asks for it. The two differ in nothing else.
  const fast = new Compiler(plan, true);
  const compiled = compileRoot(fast, ast);
  const diagnostics = fast.problems === undefined ? [] : fast.problems.diagnostics(source);
  if (diagnostics.length > 0) return failedFilter(diagnostics, target);
  let untrusted: CompiledRoot | undefined;
  const slow = (): CompiledRoot => (untrusted ??= compileRoot(new Compiler(plan, false), ast));
  const fastEval = compiled.node.eval;
  const fastTest = compiled.test;
  return {
    ok: true,
    diagnostics,
    semantics: profile,
    semanticsNote,
    readsJson: fast.readsJson,
    evaluate: (row) => (row === null || row === undefined ? fastEval(EMPTY) : trusted(row) ? fastEval(row) : slow().node.eval(row)),
    test: (row) => (row === null || row === undefined ? fastTest(EMPTY) : trusted(row) ? fastTest(row) : slow().test(row)),
    explain: (row) => slow().node.explain!(row ?? EMPTY),
  };
}

/** Three-valued NOT of a truth value. */
const flip = (v: Truth): Truth => (v === null ? null : !v);

/**
 * The three-valued and the two-valued row tests of `and`/`or` operands. allTrue and anyTrue
 * compare with `=== true`, so a node without a two-valued form takes its three-valued one as is.
 */
function rowForms(parts: readonly CompiledNode[]): { evals: RowPredicate[]; trues: RowPredicate[] } {
  const evals = new Array<RowPredicate>(parts.length);
  const trues = new Array<RowPredicate>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    evals[i] = p.eval;
    trues[i] = p.isTrue ?? p.eval;
  }
  return { evals, trues };
}

const EMPTY: Row = Object.freeze(Object.create(null) as Row);

/** The root compiled; a problem the predicate walk did not catch becomes a recorded one. */
function compileRoot(c: Compiler, ast: A.Root): CompiledRoot {
  try {
    return c.top(ast);
  } catch (e) {
    if (e instanceof EvalProblem) {
      c.report(e.input);
    } else if (e instanceof RangeError) {
      c.report({ code: "limit/too-deep", message: "the filter nests too deeply to compile on this stack", span: ast.span });
    } else throw e;
    const node = compiled(ALWAYS_NULL, undefined, () => ({ node: ast.kind, span: ast.span, text: "", value: null, children: [] }));
    return { node, test: () => false };
  }
}

const OBJECT_PROTO = Object.prototype;
const protoOf = Object.getPrototypeOf;

/**
 * Whether `row`'s prototype is Object.prototype or null. Reading the inherited `__proto__`
 * accessor is a map-based load V8 folds away (Object.getPrototypeOf is a call that halves the
 * throughput of simple filters); rows without the accessor (null-prototype objects) or with an own
 * `__proto__` data key take the exact check. (An own `__proto__` data key holding Object.prototype
 * itself on an object with another prototype would be misread; no JSON input can make one.)
 */
function trusted(row: Row): boolean {
  if ((row as { __proto__?: unknown }).__proto__ === OBJECT_PROTO) return true;
  const q = protoOf(row);
  return q === null || q === OBJECT_PROTO;
}

/** A filter that did not compile: evaluate / test / explain throw with its diagnostics. */
export function failedFilter(diagnostics: readonly Diagnostic[], target?: string): CompiledFilter {
  const fail = (): never => {
    throw new FilterNotEvaluableError(diagnostics);
  };
  const { profile, note } = semanticsOf(target);
  return { ok: false, diagnostics, semantics: profile, semanticsNote: note, readsJson: false, evaluate: fail, test: fail, explain: fail };
}

/** The profile and its output line for a target, computed once per target string. */
const SEMANTICS_CACHE = new Map<string, { profile: SemanticsProfile; note: string }>();
function semanticsOf(target: string | undefined): { profile: SemanticsProfile; note: string } {
  const key = target ?? DEFAULT_TARGET;
  let hit = SEMANTICS_CACHE.get(key);
  if (hit === undefined) {
    const chosen = semanticsFor(key);
    hit = { profile: chosen.profile, note: describeSemantics(chosen) };
    if (SEMANTICS_CACHE.size < 64) SEMANTICS_CACHE.set(key, hit);
  }
  return hit;
}

/** Parse `text` and compile it (the checker's walk runs in between): parse diagnostics first. */
export function compileFilterText(text: string, options: Omit<CompileOptions, "source"> & { parse?: ParseOptions }): CompiledFilter {
  const usage = checkCall("compileFilterText", SPECS.compileFilterText, [text, options]);
  if (!usage.ok) return failedFilter([usageDiagnostic(usage.problem, new Source(typeof text === "string" ? text : ""))]);
  const { parse: parseOptions, ...compileOptions } = usage.args[1] as typeof options;
  const parsed = parse(text, parseOptions);
  if (parsed.ast === null) return failedFilter(parsed.diagnostics, compileOptions.target);
  return compileFilter(parsed.ast, { ...compileOptions, source: parsed.source });
}
