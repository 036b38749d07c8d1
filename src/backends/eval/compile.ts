/**
 * The evaluator backend: a checked AST → a predicate over rows, by closure compilation.
 *
 * Every AST node is compiled once into a JS closure (no `eval`, no `new Function`, so it runs
 * under a strict Content-Security-Policy). Evaluating a row walks closures only: identifiers are
 * resolved, constants folded and cast, LIKE and regex patterns compiled, `in` lists hashed, all
 * at compile time.
 *
 * Results are three-valued (Kleene): `evaluate(row)` gives true, false or null (NULL/unknown);
 * `test(row)` is true exactly when Milvus would select the row, i.e. when the filter is TRUE.
 * See docs/semantics.md for the rules and every deliberate difference from Milvus.
 */
import type * as A from "../../syntax/ast.js";
import type { Span } from "../../diag/diagnostic.js";
import type { Diagnostic } from "../../diag/diagnostic.js";
import { Reporter } from "../../diag/reporter.js";
import { DEFAULT_LIMITS } from "../../syntax/limits.js";
import { Source } from "../../diag/source.js";
import { parse, type ParseOptions } from "../../syntax/parse.js";
import { checkCall } from "../../diag/usage.js";
import { SPECS, usageDiagnostic } from "../../diag/api-specs.js";
import { regexPatternValue } from "../../syntax/literals.js";
import type { CollectionSchema } from "../../schema/index.js";
import type { Row } from "../../rows/access.js";
import { EvalProblem, notEvaluable, unsupported } from "./problems.js";
import {
  JSON_NULL,
  resolveIdentifier,
  resolveReference,
  type Col,
  type ElementScope,
  type ResolveContext,
} from "./resolve.js";
import { foldArith, foldCompare, mirror, paramValue, templateToCV, type TemplateParams } from "./consts.js";
import {
  arithPred,
  arrayLengthPred,
  compareColConst,
  directRange,
  compareCols,
  isStringType,
  rangePred,
  type ArithOp,
  type Op,
  type Pred,
  type Truth,
} from "./compare.js";
import { containsPred, termPred, type ContainsKind } from "./arrays.js";
import { compileLike, type LikeResult } from "./like.js";
import { compileRegex, MAX_LOCAL_REGEX } from "./regex.js";
import { REGEX_ENGINE_HINT, REGEX_ENGINE_NOT_LOADED } from "./regex-engine.js";
import { describeSemantics, semanticsFor, type SemanticsProfile } from "../../semantics/profiles.js";
import { DEFAULT_TARGET } from "../../check/types.js";
import { isJsonFloat } from "../../util/json.js";
import type { CheckResult, ConstValue, ExprType } from "../../check/types.js";
import { describe, describeCV, fastNum, INT64_MAX, INT64_MIN, wrap64, type CV } from "./values.js";

export type { Truth } from "./compare.js";
/** @deprecated Renamed to {@link Truth}: true, false, or null for UNKNOWN. */
export type TV = Truth;
export type { TemplateLike, TemplateParams } from "./consts.js";

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
   * "latest". Default: the checker's default target. See src/semantics/profiles.ts.
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

interface P {
  readonly eval: Pred;
  readonly explain: (row: Row) => ExplainNode;
}

type Operand =
  | { readonly k: "const"; readonly cv: CV; readonly n: A.Expr }
  | { readonly k: "col"; readonly col: Col; readonly n: A.Expr }
  | { readonly k: "arith"; readonly col: Col; readonly op: ArithOp; readonly cv: CV; readonly n: A.Expr }
  | { readonly k: "alen"; readonly col: Col; readonly n: A.Expr }
  | { readonly k: "pred"; readonly p: P; readonly n: A.Expr };

const SERVER_ONLY_HINT = "evaluate it on the server (query with this filter), or drop that part to preview the rest";

function notP(p: P, n: A.Root): P {
  const inner = p.eval;
  return {
    eval: (row) => {
      const v = inner(row);
      return v === null ? null : !v;
    },
    explain: (row) => {
      const c = p.explain(row);
      return { node: n.kind, span: n.span, text: "", value: c.value === null ? null : !c.value, children: [c] };
    },
  };
}

function andEval(ps: readonly Pred[]): Pred {
  if (ps.length === 1) return ps[0]!;
  if (ps.length === 2) {
    const [a, b] = ps as [Pred, Pred];
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      return x === null || y === null ? null : true;
    };
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [Pred, Pred, Pred];
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      const z = c(row);
      if (z === false) return false;
      return x === null || y === null || z === null ? null : true;
    };
  }
  return (row) => {
    let unknown = false;
    for (let i = 0; i < ps.length; i++) {
      const v = ps[i]!(row);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function allTrue(ps: readonly Pred[]): (row: Row) => boolean {
  if (ps.length === 2) {
    const [a, b] = ps as [Pred, Pred];
    return (row) => a(row) === true && b(row) === true;
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [Pred, Pred, Pred];
    return (row) => a(row) === true && b(row) === true && c(row) === true;
  }
  return (row) => {
    for (let i = 0; i < ps.length; i++) if (ps[i]!(row) !== true) return false;
    return true;
  };
}

function anyTrue(ps: readonly Pred[]): (row: Row) => boolean {
  if (ps.length === 2) {
    const [a, b] = ps as [Pred, Pred];
    return (row) => a(row) === true || b(row) === true;
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [Pred, Pred, Pred];
    return (row) => a(row) === true || b(row) === true || c(row) === true;
  }
  return (row) => {
    for (let i = 0; i < ps.length; i++) if (ps[i]!(row) === true) return true;
    return false;
  };
}

function orEval(ps: readonly Pred[]): Pred {
  if (ps.length === 1) return ps[0]!;
  if (ps.length === 2) {
    const [a, b] = ps as [Pred, Pred];
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      return x === null || y === null ? null : false;
    };
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [Pred, Pred, Pred];
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      const z = c(row);
      if (z === true) return true;
      return x === null || y === null || z === null ? null : false;
    };
  }
  return (row) => {
    let unknown = false;
    for (let i = 0; i < ps.length; i++) {
      const v = ps[i]!(row);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

const kleeneAnd = (vs: readonly Truth[]): Truth => (vs.includes(false) ? false : vs.includes(null) ? null : true);
const kleeneOr = (vs: readonly Truth[]): Truth => (vs.includes(true) ? true : vs.includes(null) ? null : false);

function readText(col: Col, row: Row): string {
  const v = col.get(row);
  if (v === JSON_NULL) return "NULL";
  if (v === null) return col.kind === "json" ? "null" : "NULL";
  return describe(v);
}

/** Why a leaf is UNKNOWN, for explain: the first column read that is NULL, missing or of another type. */
function unknownReason(cols: readonly Col[], row: Row, profile: SemanticsProfile): string | undefined {
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
 * A literal LIKE pattern is compiled once per tree, not once per compilation (compileFilter
 * compiles a tree up to four times): a multi-megabyte pattern's segments would otherwise be built
 * four times over.
 */
const compiledLikes = new WeakMap<A.Expr, LikeResult>();

class Compiler {
  /** Where the compilation's problems go (one per failed predicate, capped). */
  readonly problems = new Reporter(DEFAULT_LIMITS.maxDiagnostics);
  /** Set when a JSON field or dynamic key is read: the result may depend on the semantics profile. */
  readsJson = false;
  private scope: ElementScope | undefined;
  private readonly random: () => number;

  constructor(
    private readonly schema: CollectionSchema,
    private readonly params: TemplateParams | undefined,
    random: (() => number) | undefined,
    private readonly sourceText: string | undefined,
    /** Compile for plain / null-prototype rows: top-level reads skip the own-property test where it cannot matter. */
    private readonly trusted: boolean,
    private readonly profile: SemanticsProfile,
    /** The checker's node types, when compiling a CheckResult: its folded constants are used as they are. */
    private readonly types?: ReadonlyMap<number, ExprType>,
  ) {
    this.random = random ?? Math.random;
  }

  /** The source text of a node (a parenthesised node's span includes its parentheses). */
  text(n: A.Root | A.Span): string {
    const span = "span" in n ? n.span : n;
    return this.sourceText === undefined ? "" : this.sourceText.slice(span.start, span.end);
  }

  private rctx(): ResolveContext {
    const scope = this.scope;
    return { schema: this.schema, trusted: this.trusted, text: (n) => this.text(n) || refText(n), ...(scope !== undefined ? { scope } : {}) };
  }

  private record(e: EvalProblem): void {
    this.problems.report(e.input);
  }

  // -------------------------------------------------------------- predicates

  /** The whole filter. */
  root(n: A.Root): P {
    if (n.kind === "Empty") return this.constP(true, n);
    if (n.kind === "And") return this.and(n, true);
    if (n.kind === "RandomSample") {
      const f = this.sampleFactor(n);
      return this.sampleOnly(n, f);
    }
    return this.predicate(n);
  }

  /**
   * For `test(row)`: only TRUE selects a row, so a top-level `and` may stop at the first operand that
   * is not TRUE and a top-level `or` at the first that is (NULL and FALSE are alike there). Inner
   * nodes keep three-valued logic: under `not`, NULL and FALSE differ.
   */
  testRoot(n: A.Root): (row: Row) => boolean {
    if (n.kind === "And" && !n.operands.some((o) => o.kind === "RandomSample")) {
      const evals = n.operands.map((o) => this.predicate(o).eval);
      return allTrue(this.trusted ? this.mergeRanges(n.operands, evals) : evals);
    }
    if (n.kind === "Or") return anyTrue(n.operands.map((o) => this.predicate(o).eval));
    const p = this.root(n).eval;
    return (row) => p(row) === true;
  }

  /** A boolean predicate; problems inside are recorded and the node evaluates to NULL. */
  predicate(n: A.Expr): P {
    try {
      return this.predicateInner(n);
    } catch (e) {
      if (e instanceof EvalProblem) {
        this.record(e);
        return this.constP(null, n);
      }
      if (e instanceof RangeError) {
        this.problems.report({ code: "limit/too-deep", message: "the filter nests too deeply to compile on this stack", span: n.span });
        return this.constP(null, n);
      }
      throw e;
    }
  }

  private constP(v: Truth, n: A.Root): P {
    return { eval: () => v, explain: () => ({ node: n.kind, span: n.span, text: this.text(n), value: v, children: [] }) };
  }

  private leaf(n: A.Expr, fn: Pred, cols: readonly Col[], note?: (row: Row) => string | undefined): P {
    return {
      eval: fn,
      explain: (row) => {
        const value = fn(row);
        const extra = note?.(row) ?? (value === null ? unknownReason(cols, row, this.profile) : undefined);
        return {
          node: n.kind,
          span: n.span,
          text: this.text(n),
          value,
          ...(cols.length > 0 ? { reads: cols.map((c) => ({ text: c.text, value: readText(c, row) })) } : {}),
          ...(extra !== undefined ? { note: extra } : {}),
          children: [],
        };
      },
    };
  }

  private predicateInner(n: A.Expr): P {
    switch (n.kind) {
      case "And":
        return this.and(n, false);
      case "Or":
        return this.or(n);
      case "Unary":
        if (n.op === "not") return this.not(n);
        break;
      case "Relational":
      case "Equality":
        return this.compare(n);
      case "Range":
        return this.range(n, n.lower, n.lowerInclusive, n.upper, n.upperInclusive);
      case "ReverseRange":
        return this.range(n, n.lower, n.lowerInclusive, n.upper, n.upperInclusive);
      case "Term":
        return this.term(n);
      case "Like":
        return this.like(n);
      case "RegexMatch":
        return this.regex(n);
      case "Exists":
        return this.exists(n);
      case "IsNull":
      case "IsNotNull":
        return this.isNull(n);
      case "JSONContains":
        return this.contains(n, "contains");
      case "JSONContainsAll":
        return this.contains(n, "all");
      case "JSONContainsAny":
        return this.contains(n, "any");
      case "ElementFilter":
      case "MatchSimple":
      case "MatchThreshold":
        return this.match(n);
      case "Call":
        return this.call(n);
      case "RandomSample":
        unsupported("random sample expression can only be the last expression in the logical and expression", n.span);
        break;
      case "TextMatch":
      case "PhraseMatch":
      case "TextMatchFuzzy":
        notEvaluable(
          `${n.kind === "TextMatch" ? "text_match" : n.kind === "PhraseMatch" ? "phrase_match" : "text_match_fuzzy"} depends on the field's server-side analyzer (tokenizer, filters, stemming) and cannot be evaluated locally`,
          n.span,
          SERVER_ONLY_HINT,
        );
        break;
      case "SpatialBinary":
      case "STDWithin":
      case "STIsValid":
        notEvaluable("geometry (ST_*) predicates are not evaluated locally", n.span, SERVER_ONLY_HINT);
        break;
      case "TimestamptzCompareForward":
      case "TimestamptzCompareReverse":
        notEvaluable(
          "Timestamptz comparisons depend on the server's stored UTC timestamps and the request time zone and are not evaluated locally",
          n.span,
          SERVER_ONLY_HINT,
        );
        break;
      default:
        break;
    }
    const op = this.operand(n);
    if (op.k === "pred") return op.p;
    if (op.k === "const" && op.cv.t === "bool") return this.constP(op.cv.v, n);
    return unsupported("predicate is not a boolean expression", n.span, op.k === "col" && op.col.type === "Bool" ? "compare it: field == true" : undefined);
  }

  private and(n: A.And, top: boolean): P {
    const ops = n.operands;
    // random_sample must close the top-level AND chain; it is consulted only for rows the rest selects.
    let sampleAt = ops.length;
    while (sampleAt > 0 && ops[sampleAt - 1]!.kind === "RandomSample") sampleAt--;
    if (!top || ops.length - sampleAt > 1) sampleAt = ops.length;
    if (top && ops.length - sampleAt === 1) {
      const sample = ops[ops.length - 1] as A.RandomSample;
      const rest = ops.slice(0, -1).map((o) => this.predicate(o));
      const restEval = andEval(rest.map((p) => p.eval));
      let f = 0.5;
      try {
        f = this.sampleFactor(sample);
      } catch (e) {
        if (!(e instanceof EvalProblem)) throw e;
        this.record(e);
      }
      const random = this.random;
      return {
        eval: (row) => {
          const r = restEval(row);
          return r !== true ? r : random() < f;
        },
        explain: (row) => {
          const children = rest.map((p) => p.explain(row));
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
        },
      };
    }
    const parts = ops.map((o) => this.predicate(o));
    const ev = andEval(this.trusted ? this.mergeRanges(ops, parts.map((p) => p.eval)) : parts.map((p) => p.eval));
    return {
      eval: ev,
      explain: (row) => {
        const children = parts.map((p) => p.explain(row));
        return { node: n.kind, span: n.span, text: this.text(n), value: kleeneAnd(children.map((c) => c.value)), children };
      },
    };
  }

  /**
   * Milvus's rewriter merges `x > a and x < b` into one range; so does the fast compilation, for
   * a typed numeric field read straight off the row: one read instead of two. Same result on
   * every row (both sides are NULL exactly when x is), so only the speed differs.
   */
  private mergeRanges(ops: readonly A.Expr[], evals: Pred[]): Pred[] {
    type Bound = { i: number; name: string; c: number | bigint; inc: boolean; lower: boolean };
    const bounds: Bound[] = [];
    for (let i = 0; i < ops.length; i++) {
      const n = ops[i]!;
      if (n.kind !== "Relational") continue;
      let l: Operand;
      let r: Operand;
      try {
        l = this.operand(n.left);
        r = this.operand(n.right);
      } catch {
        continue;
      }
      let op: Op = n.op;
      if (l.k === "const" && r.k === "col") {
        [l, r] = [r, l];
        op = mirror(op);
      }
      if (l.k !== "col" || r.k !== "const" || l.col.direct === undefined) continue;
      const t = l.col.type;
      if (t !== "Int8" && t !== "Int16" && t !== "Int32" && t !== "Int64" && t !== "Double") continue;
      if (r.cv.t !== "int" && (r.cv.t !== "float" || t !== "Double")) continue;
      const c = r.cv.t === "int" ? (t === "Double" ? Number(r.cv.v) : fastNum(r.cv.v)) : r.cv.v;
      bounds.push({ i, name: l.col.direct, c, inc: op === ">=" || op === "<=", lower: op === ">" || op === ">=" });
    }
    // Each lower bound takes the first unused upper bound on its field (a queue per field keeps
    // this linear in the chain length).
    const uppers = new Map<string, { queue: Bound[]; next: number }>();
    for (const b of bounds) {
      if (b.lower) continue;
      const u = uppers.get(b.name);
      if (u) u.queue.push(b);
      else uppers.set(b.name, { queue: [b], next: 0 });
    }
    const replace = new Map<number, Pred | null>();
    for (const lo of bounds) {
      if (!lo.lower) continue;
      const u = uppers.get(lo.name);
      if (u === undefined || u.next >= u.queue.length) continue;
      const hi = u.queue[u.next++]!;
      const isDouble = this.schema.field(lo.name)!.dataType === "Double";
      replace.set(lo.i, directRange(lo.name, isDouble, lo.c, lo.inc, hi.c, hi.inc));
      replace.set(hi.i, null);
    }
    if (replace.size === 0) return evals;
    const out: Pred[] = [];
    for (let i = 0; i < evals.length; i++) {
      const r = replace.get(i);
      if (r === undefined) out.push(evals[i]!);
      else if (r !== null) out.push(r);
    }
    return out;
  }

  private or(n: A.Or): P {
    const parts = n.operands.map((o) => this.predicate(o));
    const ev = orEval(parts.map((p) => p.eval));
    return {
      eval: ev,
      explain: (row) => {
        const children = parts.map((p) => p.explain(row));
        return { node: n.kind, span: n.span, text: this.text(n), value: kleeneOr(children.map((c) => c.value)), children };
      },
    };
  }

  private not(n: A.Unary): P {
    // not (not x) ≡ x under Kleene logic; collapsing keeps long NOT chains shallow.
    let depth = 1;
    let inner: A.Expr = n.operand;
    while (inner.kind === "Unary" && inner.op === "not") {
      depth++;
      inner = inner.operand;
    }
    const p = this.predicate(inner);
    if (depth % 2 === 0) return p;
    const q = notP(p, n);
    return { eval: q.eval, explain: (row) => ({ ...q.explain(row), text: this.text(n) }) };
  }

  private sampleFactor(n: A.RandomSample): number {
    const f = this.operand(n.factor);
    if (f.k !== "const" || (f.cv.t !== "float" && f.cv.t !== "int")) unsupported("the sample factor must be a constant number", n.factor.span);
    const v = f.cv.t === "float" ? f.cv.v : 0; // Milvus reads an integer factor as 0.0
    if (!(v > 1e-10 && v < 1 - 1e-10)) {
      unsupported(`the sample factor should be between 0 and 1 and not too close to 0 or 1(the difference should be larger than 1e-10), but got ${f.cv.t === "int" ? f.cv.v : v}`, n.factor.span);
    }
    return v;
  }

  private sampleOnly(n: A.RandomSample, f: number): P {
    const random = this.random;
    return {
      eval: () => random() < f,
      explain: () => ({ node: n.kind, span: n.span, text: this.text(n), value: random() < f, note: `sampled with probability ${f}`, children: [] }),
    };
  }

  private compare(n: A.Relational | A.Equality): P {
    let l = this.operand(n.left);
    let r = this.operand(n.right);
    let op: Op = n.op;
    if (l.k === "const" && r.k === "const") {
      const b = foldCompare(op, l.cv, r.cv);
      if (b === undefined) unsupported(`comparison operations cannot be applied to two incompatible operands: ${this.text(n)}`, n.span);
      return this.constP(b, n);
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
    const cv = r.cv;
    switch (l.k) {
      case "col":
        return this.leaf(n, compareColConst(l.col, op, cv, n.span, this.profile), [l.col]);
      case "arith":
        return this.leaf(n, arithPred(l.col, l.op, l.cv, op, cv, n.span, this.profile), [l.col]);
      case "alen":
        return this.leaf(n, arrayLengthPred(l.col, op, cv, n.span, this.profile), [l.col]);
      default:
        return unsupported("a predicate cannot be compared with a value", n.span);
    }
  }

  private range(n: A.Range | A.ReverseRange, lower: A.Expr, loInc: boolean, upper: A.Expr, hiInc: boolean): P {
    const col = this.column(n.field);
    const lo = this.constant(lower, "lowerbound cannot be a non-const expression");
    const hi = this.constant(upper, "upperbound cannot be a non-const expression");
    return this.leaf(n, rangePred(col, lo, loInc, hi, hiInc, n.span, this.profile), [col]);
  }

  private term(n: A.Term): P {
    const left = this.operand(n.left);
    if (left.k === "const") unsupported(`'term' can only be used on non-const expression, but got: ${this.text(n.left)}`, n.left.span);
    if (left.k !== "col") unsupported(`'term' can only be used on single field, but got: ${this.text(n.left)}`, n.left.span);
    const right = this.operand(n.right);
    if (right.k !== "const" || right.cv.t !== "array") unsupported(`the right-hand side of 'in' must be a list, but got: ${this.text(n.right)}`, n.right.span);
    if (right.cv.items[0]?.t === "array" && (left.col.kind === "array" || left.col.kind === "json")) {
      // The planner accepts it, but TermExpr.cpp (master 88f357a ~line 146, 2.6 ~line 105) has no
      // branch for array values: the query fails at run time and nothing is deleted.
      unsupported(
        `'in' with a list of arrays is accepted by Milvus's planner but fails at run time ("unknown data type"): ${this.text(n)}`,
        n.span,
        "compare whole arrays with == / or instead (nums == [1, 2] or nums == [3])",
      );
    }
    const base = this.leaf(n, termPred(left.col, right.cv.items, n.span, this.profile), [left.col]);
    return n.negated ? this.negated(base, n) : base;
  }

  /** `not in` / `!~`: NOT of the positive form, explained as one node. */
  private negated(p: P, n: A.Expr): P {
    const inner = p.eval;
    return {
      eval: (row) => {
        const v = inner(row);
        return v === null ? null : !v;
      },
      explain: (row) => {
        const e = p.explain(row);
        return { ...e, value: e.value === null ? null : !e.value };
      },
    };
  }

  private stringColumn(n: A.Expr, what: string): Col {
    const col = this.column(n);
    if (col.kind === "json" || (col.kind === "scalar" && isStringType(col.type))) return col;
    if (col.kind === "other" && col.type === "Text") unsupported(`filter on text field (${col.text}) is not supported yet`, n.span);
    return unsupported(`${what} on non-string or non-json field is unsupported`, n.span);
  }

  private patternText(p: A.Expr, regex: boolean): string {
    if (p.kind === "String") {
      if (regex) {
        const r = regexPatternValue(p.raw, "string");
        if (!r.ok) unsupported(r.error, p.span);
        return r.value;
      }
      if (p.value === null) unsupported(p.error ?? "invalid string literal", p.span);
      return p.value;
    }
    if (p.kind === "RawString") return p.value;
    if (p.kind === "TemplateVariable") {
      const cv = this.template(p);
      if (cv.t !== "string") unsupported(`the value of template {${p.name}} must be a string here`, p.span);
      return cv.v;
    }
    return unsupported(`the pattern must be a string literal, raw string or template`, p.span);
  }

  private like(n: A.Like): P {
    const col = this.stringColumn(n.left, "like operation");
    const literal = n.pattern.kind === "String" || n.pattern.kind === "RawString";
    let m = literal ? compiledLikes.get(n.pattern) : undefined;
    if (m === undefined) {
      m = compileLike(this.patternText(n.pattern, false));
      if (literal) compiledLikes.set(n.pattern, m);
    }
    if (!m.ok) unsupported(m.error, n.pattern.span);
    return this.leaf(n, this.stringTest(col, m.match), [col]);
  }

  private regex(n: A.RegexMatch): P {
    const col = this.stringColumn(n.left, "regex match");
    const pattern = this.patternText(n.pattern, true);
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
    const base = this.leaf(n, this.stringTest(col, r.test), [col]);
    return n.negated ? this.negated(base, n) : base;
  }

  /** A string test: NULL scalar → NULL; JSON: a non-string or missing value → FALSE on 2.6, UNKNOWN on master. */
  private stringTest(col: Col, test: (s: string) => boolean): Pred {
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

  private exists(n: A.Exists): P {
    const col = this.column(n.operand);
    if (col.kind !== "json") unsupported(`exists operations are only supportted on json field, got:${col.type}`, n.span);
    if (!col.path) unsupported("exists operations are only supportted on json key", n.span);
    return this.leaf(n, existsPred(col), [col]);
  }

  private isNull(n: A.IsNull | A.IsNotNull): P {
    const want = n.kind === "IsNull";
    const o = n.operand;
    let fn: Pred;
    let col: Col | undefined;
    if (o.kind === "Identifier" && this.schema.field(o.name) === undefined && this.schema.struct(o.name) !== undefined) {
      // A struct container stands for its first sub-field: NULL when the struct array is.
      const name = o.name;
      fn = (row) => {
        const v = Object.hasOwn(row, name) ? row[name] : undefined;
        return Array.isArray(v) !== want;
      };
    } else {
      col = this.column(o);
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
    }
    return this.leaf(n, fn, col ? [col] : []);
  }

  private contains(n: A.JSONContains | A.JSONContainsAll | A.JSONContainsAny, kind: ContainsKind): P {
    const target = this.operand(n.target);
    if (target.k !== "col") unsupported("contains operation are only supported on json or array fields now", n.target.span);
    const value = this.operand(n.value);
    if (value.k !== "const") unsupported("contains operation is only supported with explicitly specified elements", n.value.span);
    return this.leaf(n, containsPred(target.col, kind, value.cv, n.span, this.profile), [target.col]);
  }

  private match(n: A.ElementFilter | A.MatchSimple | A.MatchThreshold): P {
    const fnName = n.kind === "ElementFilter" ? "element_filter" : n.fn;
    if (this.scope !== undefined) unsupported(`nested ${fnName} is not supported`, n.span);
    const schema = this.schema;
    let scope: ElementScope;
    let elements: (row: Row) => readonly unknown[];
    if (n.field.kind === "JSONIdentifier") {
      // Newest master: MATCH_* over the JSON array at a path (`$` is each element, a JSON value).
      const col = this.column(n.field);
      if (col.kind !== "json") unsupported(`${fnName} over ${col.text} needs a JSON path or an array field`, n.field.span);
      const get = col.get;
      return this.matchLoop(n, fnName, { cur: undefined, kind: "json" }, (row) => {
        const v = get(row);
        return Array.isArray(v) ? v : [];
      }, col.text);
    }
    const name = n.field.name;
    const colText = this.text(n.field) || name;
    const field = schema.field(name);
    if (field === undefined && schema.struct(name) !== undefined) {
      scope = { cur: undefined, kind: "struct", struct: name };
      elements = (row) => {
        const v = Object.hasOwn(row, name) ? row[name] : undefined;
        return Array.isArray(v) ? v : [];
      };
    } else if (field !== undefined && field.dataType === "Array" && field.struct === undefined) {
      scope = { cur: undefined, kind: "scalar", elem: field.elementType ?? "None" };
      elements = (row) => {
        const v = Object.hasOwn(row, name) ? row[name] : undefined;
        return Array.isArray(v) ? v : [];
      };
    } else if (field !== undefined && field.dataType === "JSON") {
      scope = { cur: undefined, kind: "json" };
      elements = (row) => {
        const v = Object.hasOwn(row, name) ? row[name] : undefined;
        return Array.isArray(v) ? v : [];
      };
    } else if (field !== undefined) {
      return unsupported(`${fnName} requires an array field, but "${name}" has type ${field.dataType}`, n.field.span);
    } else {
      return unsupported(`${name} is not a struct array or array field of this schema`, n.field.span);
    }
    return this.matchLoop(n, fnName, scope, elements, colText);
  }

  private matchLoop(
    n: A.ElementFilter | A.MatchSimple | A.MatchThreshold,
    fnName: string,
    scope: ElementScope,
    elements: (row: Row) => readonly unknown[],
    colText: string,
  ): P {
    this.scope = scope;
    let inner: P;
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
    const fn: Pred = (row) => {
      const [hits, valid] = count(row);
      return decide(hits, valid);
    };
    return this.leaf(n, fn, [], (row) => {
      const [hits, valid] = count(row);
      const total = elements(row).length;
      return `${hits} of ${total} element${total === 1 ? "" : "s"} of ${colText} matched${valid < total ? ` (${total - valid} NULL)` : ""}`;
    });
  }

  private call(n: A.Call): P {
    const name = n.name.toLowerCase();
    const args = n.args.map((a) => this.operand(a));
    const str = (o: Operand): ((row: Row) => string | null) => {
      if (o.k === "const" && o.cv.t === "string") {
        const s = o.cv.v;
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

  private column(n: A.Expr): Col {
    const c = resolveReference(this.rctx(), n);
    if (c === undefined) return unsupported(`expected a field reference, got: ${this.text(n) || n.kind}`, n.span);
    if (c.kind === "json") this.readsJson = true;
    return c;
  }

  private constant(n: A.Expr, message: string): CV {
    const o = this.operand(n);
    if (o.k !== "const") unsupported(`${message}: ${this.text(n)}`, n.span);
    return o.cv;
  }

  private template(n: A.TemplateVariable): CV {
    const v = paramValue(this.params, n.name);
    if (v === undefined) {
      throw new EvalProblem("eval/missing-param", `the value of expression template variable name {${n.name}} is not found`, n.span, "pass it in params (exprParams)");
    }
    return templateToCV(v, n.name, n.span);
  }

  operand(n: A.Expr): Operand {
    if (this.types !== undefined && (n.kind === "Unary" || isArithKind(n.kind))) {
      const t = this.types.get(n.id);
      const cv = t?.category === "value" && t.value !== undefined ? fromConstValue(t.value) : undefined;
      if (cv !== undefined) return { k: "const", cv, n };
    }
    switch (n.kind) {
      case "Integer":
        if (n.value < INT64_MIN || n.value > INT64_MAX) unsupported(`integer ${n.raw} does not fit in int64`, n.span);
        return { k: "const", cv: { t: "int", v: n.value }, n };
      case "Float":
        return { k: "const", cv: { t: "float", v: n.value }, n };
      case "Boolean":
        return { k: "const", cv: { t: "bool", v: n.value }, n };
      case "String":
        if (n.value === null) unsupported(n.error ?? `invalid string literal ${n.raw}`, n.span);
        return { k: "const", cv: { t: "string", v: n.value }, n };
      case "RawString":
        return { k: "const", cv: { t: "string", v: n.value }, n };
      case "TemplateVariable":
        return { k: "const", cv: this.template(n), n };
      case "EmptyArray":
        return { k: "const", cv: { t: "array", items: [] }, n };
      case "Array": {
        const items = n.elements.map((e) => {
          if (e.kind === "TemplateVariable") unsupported("array element type must be generic value (templates cannot appear inside a list; pass the whole list as one template)", e.span);
          const o = this.operand(e);
          if (o.k !== "const") unsupported(`array element type must be generic value, got: ${this.text(e)}`, e.span);
          return o.cv;
        });
        return { k: "const", cv: { t: "array", items }, n };
      }
      case "Identifier":
      case "JSONIdentifier":
      case "StructField":
      case "StructIndexField":
      case "StructSubField":
      case "ElementSelf":
        return { k: "col", col: this.column(n), n };
      case "Unary":
        return this.unary(n);
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
      default:
        return { k: "pred", p: this.predicateInner(n), n };
    }
  }

  private unary(n: A.Unary): Operand {
    if (n.op === "not") return { k: "pred", p: this.not(n), n };
    if (n.op === "-" && n.operand.kind === "Integer" && n.operand.value === -INT64_MIN) {
      return { k: "const", cv: { t: "int", v: INT64_MIN }, n };
    }
    const o = this.operand(n.operand);
    if (o.k !== "const") unsupported(`unary '${n.op}' can only be applied to a constant`, n.span);
    const cv = o.cv;
    if (n.op === "~") unsupported("'~' is not supported", n.span);
    if (cv.t === "int") return { k: "const", cv: n.op === "-" ? { t: "int", v: wrap64(-cv.v) } : cv, n };
    if (cv.t === "float") return { k: "const", cv: n.op === "-" ? { t: "float", v: -cv.v } : cv, n };
    return unsupported(`unary '${n.op}' needs a number, got ${describeCV(cv)}`, n.span);
  }

  private arith(n: A.ArithNode): Operand {
    const l = this.operand(n.left);
    const r = this.operand(n.right);
    const op = n.op;
    if (l.k === "const" && r.k === "const") {
      if (op === "<<" || op === ">>") unsupported(`shift is not supported: ${this.text(n)}`, n.span);
      return { k: "const", cv: foldArith(op, l.cv, r.cv, n.span), n };
    }
    if (op === "**") unsupported(`power can only apply on constants: ${this.text(n)}`, n.span);
    if (l.k === "col" && r.k === "const") return { k: "arith", col: l.col, op, cv: r.cv, n };
    if (l.k === "const" && r.k === "col") {
      if (op === "+" || op === "*") return { k: "arith", col: r.col, op, cv: l.cv, n };
      unsupported("module field is not yet supported (the field must be on the left of this operator)", n.span);
    }
    if (l.k === "arith" && r.k === "const") {
      const folded = foldChain(l, op, r.cv);
      if (folded !== undefined) return { k: "arith", col: l.col, op: folded.op, cv: folded.cv, n };
      unsupported(`complicated arithmetic operations are not supported: ${this.text(n)}`, n.span);
    }
    if ((l.k === "col" || l.k === "arith") && (r.k === "col" || r.k === "arith")) {
      unsupported("not supported to do arithmetic operations between multiple fields", n.span);
    }
    return unsupported(`unsupported arithmetic: ${this.text(n)}`, n.span);
  }

  private arrayLengthTarget(n: A.ArrayLength): Col {
    const t = n.target;
    if (t.kind === "Identifier" && this.schema.field(t.name) === undefined && this.schema.struct(t.name) !== undefined) {
      const name = t.name;
      return {
        kind: "other",
        type: "ArrayOfStruct",
        get: (row) => {
          const v = Object.hasOwn(row, name) ? row[name] : undefined;
          return Array.isArray(v) ? v : null;
        },
        text: this.text(t) || name,
      };
    }
    if (t.kind === "Identifier") {
      const c = resolveIdentifier(this.rctx(), t);
      if (c.kind === "json") this.readsJson = true;
      return c;
    }
    return this.column(t);
  }
}

const ARITH_KINDS: ReadonlySet<string> = new Set(["Power", "MulDivMod", "AddSub", "Shift", "BitAnd", "BitXor", "BitOr"]);
const isArithKind = (k: string): boolean => ARITH_KINDS.has(k);

/** A constant the checker folded, as the evaluator holds it (undefined for bytes, which it never folds to). */
function fromConstValue(c: ConstValue): CV | undefined {
  switch (c.t) {
    case "array": {
      const items: CV[] = [];
      for (const it of c.items) {
        const x = fromConstValue(it);
        if (x === undefined) return undefined;
        items.push(x);
      }
      return { t: "array", items };
    }
    case "bytes":
      return undefined;
    case "float":
      return { t: "float", v: c.v };
    default:
      return c;
  }
}

function isCheckResult(x: A.Root | CheckResult): x is CheckResult {
  return "types" in x && "diagnostics" in x && !("kind" in x);
}

/** Fold `(x op1 a) op2 b` for integer columns (newest master folds same-family chains). */
function foldChain(l: Extract<Operand, { k: "arith" }>, op: ArithOp | "**", b: CV): { op: ArithOp; cv: CV } | undefined {
  if (l.col.kind !== "scalar" || !["Int8", "Int16", "Int32", "Int64"].includes(l.col.type)) return undefined;
  if (l.cv.t !== "int" || b.t !== "int") return undefined;
  const a = l.cv.v;
  const add = (x: "+" | "-", v: bigint): bigint => (x === "+" ? v : -v);
  if ((l.op === "+" || l.op === "-") && (op === "+" || op === "-")) {
    return { op: "+", cv: { t: "int", v: wrap64(add(l.op, a) + add(op, b.v)) } };
  }
  if (l.op === "*" && op === "*") return { op: "*", cv: { t: "int", v: wrap64(a * b.v) } };
  if (l.op === op && (op === "&" || op === "|" || op === "^")) {
    return { op, cv: { t: "int", v: op === "&" ? a & b.v : op === "|" ? a | b.v : a ^ b.v } };
  }
  return undefined;
}

/**
 * `exists col`, two-valued on both lines: FALSE on a NULL JSON column (ExistsExpr.cpp, ~line 183),
 * and FALSE when the value is missing, JSON null, `{}`, `[]`, or an object / array all of whose
 * members are (recursively) such (Json.h `exist` and `isObjectEmpty`).
 */
function existsPred(col: Col): (row: Row) => boolean {
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

/** How a reference reads, for explain output when no source text was given. */
function refText(n: A.Root): string {
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

// ---------------------------------------------------------------- public API

/**
 * Compile a parsed (and checked) filter into a predicate. Never throws: problems come back as
 * diagnostics (`eval/unsupported`, `eval/not-evaluable`, `eval/missing-param`), and then `ok` is
 * false and evaluate / test / explain throw FilterNotEvaluableError.
 */
export function compileFilter(ast: A.Root, options: CompileOptions): CompiledFilter;
/**
 * Compile a checked filter (`check(...)`'s result): the checker's diagnostics decide whether it
 * compiles, its source gives the text, and the constants it folded are used as folded (the
 * evaluator does not fold them again). Pass the same `target` as to `check`.
 */
export function compileFilter(checked: CheckResult, options: Omit<CompileOptions, "source">): CompiledFilter;
export function compileFilter(input: A.Root | CheckResult, options: CompileOptions): CompiledFilter {
  const usage = checkCall("compileFilter", SPECS.compileFilter, [input, options]);
  if (!usage.ok) return failedFilter([usageDiagnostic(usage.problem)]);
  options = usage.args[1] as CompileOptions;
  let ast: A.Root;
  let types: ReadonlyMap<number, ExprType> | undefined;
  let source: Source | undefined;
  if (isCheckResult(input)) {
    const errors = input.diagnostics.filter((d) => d.severity === "error");
    if (!input.ok || input.ast === null) return failedFilter(errors.length > 0 ? errors : input.diagnostics, options.target);
    ast = input.ast;
    types = input.types;
    source = input.source;
  } else {
    ast = input;
    source = typeof options.source === "string" ? new Source(options.source) : options.source;
  }
  const { profile, note: semanticsNote } = semanticsOf(options.target);
  let readsJson = false;
  const build = (trusted: boolean): { p: P; problems: Reporter } => {
    const c = new Compiler(options.schema, options.params, options.random, source?.text, trusted, profile, types);
    try {
      const p = c.root(ast);
      readsJson = c.readsJson;
      return { p, problems: c.problems };
    } catch (e) {
      if (e instanceof EvalProblem) {
        c.problems.report(e.input);
      } else if (e instanceof RangeError) {
        c.problems.report({ code: "limit/too-deep", message: "the filter nests too deeply to compile on this stack", span: ast.span });
      } else throw e;
      return { p: { eval: () => null, explain: () => ({ node: ast.kind, span: ast.span, text: "", value: null, children: [] }) }, problems: c.problems };
    }
  };
  const safe = build(false);
  const diagnostics = safe.problems.diagnostics(source);
  if (diagnostics.length > 0) return failedFilter(diagnostics, options.target);
  // Two compilations of the same tree: `fast` for rows whose prototype is Object.prototype or null
  // (what JSON readers and object literals make), `slow` for anything else. They differ only in
  // whether a top-level read may skip Object.hasOwn, which is safe exactly on those rows.
  const slow = safe.p.eval;
  const fastCompiler = new Compiler(options.schema, options.params, options.random, source?.text, true, profile, types);
  const fast = fastCompiler.root(ast).eval;
  const EMPTY: Row = Object.freeze(Object.create(null) as Row);
  const evaluate = (row: Row): Truth => (row === null || row === undefined ? slow(EMPTY) : trusted(row) ? fast(row) : slow(row));
  // test() gets its own two-valued top level (see Compiler.testRoot); random_sample keeps one sampler
  // per compilation, so filters that sample test through evaluate to draw exactly once per row.
  const sampling = ast.kind === "RandomSample" || (ast.kind === "And" && ast.operands.some((o) => o.kind === "RandomSample"));
  const fastTest = sampling ? undefined : new Compiler(options.schema, options.params, options.random, source?.text, true, profile, types).testRoot(ast);
  const slowTest = sampling ? undefined : new Compiler(options.schema, options.params, options.random, source?.text, false, profile, types).testRoot(ast);
  return {
    ok: true,
    diagnostics,
    semantics: profile,
    semanticsNote,
    readsJson,
    evaluate,
    test:
      fastTest && slowTest
        ? (row) => (row === null || row === undefined ? slowTest(EMPTY) : trusted(row) ? fastTest(row) : slowTest(row))
        : (row) => evaluate(row) === true,
    explain: (row) => safe.p.explain(row ?? EMPTY),
  };
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

/** The result for a filter that did not compile: evaluate / test / explain throw FilterNotEvaluableError. */
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

/** Parse `text` and compile it: parse diagnostics first; no evaluation setup when parsing failed. */
export function compileFilterText(text: string, options: Omit<CompileOptions, "source"> & { parse?: ParseOptions }): CompiledFilter {
  const usage = checkCall("compileFilterText", SPECS.compileFilterText, [text, options]);
  if (!usage.ok) return failedFilter([usageDiagnostic(usage.problem, new Source(typeof text === "string" ? text : ""))]);
  const { parse: parseOptions, ...compileOptions } = usage.args[1] as typeof options;
  const parsed = parse(text, parseOptions);
  if (parsed.ast === null) return failedFilter(parsed.diagnostics, compileOptions.target);
  return compileFilter(parsed.ast, { ...compileOptions, source: parsed.source });
}
