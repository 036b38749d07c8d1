/**
 * `check(parsed, options)`: the checker's entry point. Runs, in Milvus's order, the type-checking
 * walk, the top-level "must be an executable boolean" rule, template filling, then the version,
 * purpose and lint rules. Never throws: an unexpected exception becomes an `internal/error`
 * diagnostic.
 */
import type * as A from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";
import { isLiteral } from "../syntax/nodes.js";
import { preorder } from "./traverse.js";
import { sortDiagnostics, type Diagnostic } from "../diag/diagnostic.js";
import { Reporter } from "../diag/reporter.js";
import { DEFAULT_LIMITS } from "../syntax/limits.js";
import { Source } from "../diag/source.js";
import { checkCall, type UsageProblem } from "../diag/usage.js";
import { SPECS, usageDiagnostic } from "../diag/api-specs.js";
import { CheckFail, canBeExecuted, problem, textOf, useFeature, type Ctx, type TypedExpr } from "./context.js";
import { visit } from "./visit.js";
import { toConst } from "./templates.js";
import { FEATURES, syntacticFeatures, unacceptedFeatures, versionProblem, type Feature } from "./versions.js";
import { resolveTarget } from "../util/releases.js";
import { runLintRules } from "./rules/index.js";
import { DEFAULT_TARGET, type CheckedTree, type CheckOptions, type CheckResult, type ExprType, type ParseResult, type TemplateValues } from "./types.js";
import type { CollectionSchema } from "../schema/index.js";
import type { ResolvedTarget } from "../util/releases.js";
import type { FeatureUse } from "./versions.js";
import { semanticsFor } from "../semantics/profiles.js";
import { closest } from "../util/suggest.js";
import { deleteClassOf } from "./delete-class.js";

/** The walk for a backend reports no version: it records no feature. */
const NO_FEATURES: ReadonlySet<Feature> = new Set();

/** Deepest tree the walk visits (the parser's own limit is normally lower). */
export const CHECK_MAX_DEPTH = 5000;

export function check(parsed: ParseResult, options: CheckOptions): CheckResult {
  const usage = checkCall("check", SPECS.check, [parsed, options]);
  if (!usage.ok) return usageResult(usage.problem, usage.problem.argument === "parsed" ? new Source("") : parsed.source);
  options = usage.args[1] as CheckOptions;
  const reporter = new Reporter(DEFAULT_LIMITS.maxDiagnostics);
  let deleteClass: CheckResult["deleteClass"];
  let tree: CheckedTree | null = null;
  // The walk's state, once there is one: its type map is the result's (the walk may replace it, see Ctx.types).
  const walked: { ctx?: Ctx } = {};
  try {
    const r = run(parsed, options, reporter, walked);
    deleteClass = r?.deleteClass;
    tree = r?.tree ?? null;
  } catch (e) {
    reporter.report({
      code: "internal/error",
      message: `the checker failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`,
      span: { start: 0, end: parsed.source.text.length },
      severity: "error",
    });
  }
  const types = walked.ctx?.types ?? new Map<number, ExprType>();
  const diagnostics = allDiagnostics(parsed, reporter);
  let ok = true;
  for (const d of diagnostics) if (d.severity === "error") ok = false;
  const { ast, source } = parsed;
  return ok && deleteClass ? { ast, source, types, ok, diagnostics, tree, deleteClass } : { ast, source, types, ok, diagnostics, tree };
}

/** The parser's diagnostics and the checker's, sorted by position (a fresh array: the parse result's is not shared). */
function allDiagnostics(parsed: ParseResult, reporter: Reporter): Diagnostic[] {
  const own = reporter.empty ? [] : reporter.diagnostics(parsed.source);
  const all = parsed.diagnostics.length === 0 ? own : [...parsed.diagnostics, ...own];
  // Most checks end with no diagnostic or one: nothing to sort.
  return all.length > 1 ? sortDiagnostics(all) : all;
}

/** Parse and check in one call; `maxExpressionDepth` becomes the parser's nesting limit. */
export function checkText(text: string, options: CheckOptions): CheckResult {
  const usage = checkCall("checkText", SPECS.checkText, [text, options]);
  if (!usage.ok) return usageResult(usage.problem, new Source(typeof text === "string" ? text : ""));
  options = usage.args[1] as CheckOptions;
  const parsed = parse(text, options.maxExpressionDepth !== undefined ? { maxDepth: options.maxExpressionDepth } : {});
  return check(parsed, options);
}

/** A misused call's answer: not ok, one `usage/*` error, nothing checked. */
function usageResult(problem: UsageProblem, source: Source): CheckResult {
  return { ok: false, diagnostics: [usageDiagnostic(problem, source)], types: new Map(), ast: null, source, tree: null };
}

interface WalkOptions {
  readonly forBackend: boolean;
  readonly schema: CollectionSchema | undefined;
  readonly purpose: "delete" | "query";
  readonly params: TemplateValues | undefined;
  readonly maxDepth: number;
}

/** The state of one walk. */
function startWalk(target: ResolvedTarget, text: string, options: WalkOptions, reporter: Reporter, features: FeatureUse[], unaccepted: ReadonlySet<Feature>): Ctx {
  return {
    schema: options.schema,
    target,
    purpose: options.purpose,
    forBackend: options.forBackend,
    params: options.params,
    text,
    reporter,
    types: new Map(),
    references: new Map(),
    casts: new Map(),
    templateValues: new Map(),
    arithmetic: new Map(),
    rejected: new Map(),
    templateUses: [],
    dynamicRefs: [],
    structCtx: undefined,
    elemCtx: undefined,
    depth: 0,
    maxDepth: options.maxDepth,
    features,
    unacceptedFeatures: unaccepted,
  };
}

/** The tree backends plan from, after the walk (sharing its maps). */
function treeOf(ctx: Ctx, root: A.Root): CheckedTree {
  return {
    root,
    schema: ctx.schema,
    target: ctx.target.spec,
    semantics: semanticsFor(ctx.target.spec),
    types: ctx.types,
    references: ctx.references,
    casts: ctx.casts,
    templateValues: ctx.templateValues,
    arithmetic: ctx.arithmetic,
    rejected: ctx.rejected,
  };
}

function walkRoot(ctx: Ctx, root: A.Root): TypedExpr | undefined {
  if (root.kind !== "Empty") return visitRoot(ctx, root);
  ctx.types.set(root.id, { category: "predicate", dataType: "Bool", nodeDependent: false, containsTemplate: false, constant: true });
  return undefined;
}

/**
 * The checker's walk alone, for `compileFilter(ast, …)`: names resolved, constants folded and
 * cast, placeholders filled — the CheckedTree — without the version, purpose and lint rules, and
 * with Milvus's refusals left in `rejected` (the evaluator reports what it cannot evaluate
 * itself). A target the checker does not know still gets its semantics (semanticsFor's note).
 */
export function checkedTree(
  root: A.Root,
  text: string,
  options: { schema: CollectionSchema; target: string; params?: TemplateValues },
): { tree: CheckedTree; tooDeep: boolean } {
  const resolved = resolveTarget(options.target);
  const target: ResolvedTarget = resolved.ok ? resolved.target : { ...(resolveTarget(DEFAULT_TARGET) as { target: ResolvedTarget }).target, spec: options.target };
  const reporter = new Reporter(DEFAULT_LIMITS.maxDiagnostics);
  // No depth limit of its own: the tree is as deep as the parser let it be; only the stack stops it.
  const walkOptions = { forBackend: true, schema: options.schema, purpose: "query" as const, params: options.params, maxDepth: Infinity };
  const ctx = startWalk(target, text, walkOptions, reporter, [], NO_FEATURES);
  walkRoot(ctx, root);
  return { tree: treeOf(ctx, root), tooDeep: reporter.inputs().some((d) => d.code === "limit/too-deep") };
}

function run(parsed: ParseResult, options: CheckOptions, reporter: Reporter, walked: { ctx?: Ctx }): { deleteClass: CheckResult["deleteClass"]; tree: CheckedTree } | undefined {
  const resolved = resolveTarget(options.target ?? DEFAULT_TARGET);
  if (!resolved.ok) {
    reporter.report({ code: "version/unsupported", message: resolved.message, span: { start: 0, end: 0 }, severity: "error" });
    return undefined;
  }
  const target = resolved.target;
  const root = parsed.ast;
  if (!root) return undefined;
  const maxDepth = Math.min(CHECK_MAX_DEPTH, options.maxExpressionDepth !== undefined ? Math.max(options.maxExpressionDepth * 4, 64) : CHECK_MAX_DEPTH);
  // Only features some release of the target refuses are recorded: for the newest line, none.
  const unaccepted = unacceptedFeatures(target);
  const features = unaccepted.size === 0 ? [] : syntacticFeatures(root, parsed.tokens, parsed.source.text);
  const walkOptions = { forBackend: false, schema: options.schema, purpose: options.purpose, params: options.params, maxDepth };
  const ctx = startWalk(target, parsed.source.text, walkOptions, reporter, features, unaccepted);
  walked.ctx = ctx;

  const rootEv = walkRoot(ctx, root);
  const tree = treeOf(ctx, root);
  const typeOk = !reporter.hasError();
  if (typeOk && ctx.params !== undefined) fillTemplates(ctx, root);
  else if (typeOk && options.purpose === "delete") requireTemplateValues(ctx);
  reportVersions(ctx);

  const constant = rootConstant(root, rootEv);
  if (options.purpose === "delete") {
    if (root.kind === "Empty") {
      reporter.report(problem("purpose/delete-empty", "delete plan can't be empty or always true: an empty delete filter would delete every row", root.span, "name the rows to delete, e.g. id in [1, 2, 3]"));
    } else if (constant === true) {
      reporter.report(
        problem(
          "purpose/delete-always-true",
          `delete plan can't be empty or always true: ${textOf(ctx, root)} folds to true and would delete every row`,
          root.span,
          "Milvus refuses this delete; use a predicate on the primary key",
        ),
      );
    }
  }
  runLintRules(ctx, { root, rootType: rootEv, constant });
  return { deleteClass: typeOk && options.purpose === "delete" && root.kind !== "Empty" ? deleteClassOf(ctx, root) : undefined, tree };
}

function visitRoot(ctx: Ctx, root: A.Expr): TypedExpr | undefined {
  let ev: TypedExpr;
  try {
    ev = visit(ctx, root);
  } catch (e) {
    if (e instanceof CheckFail) {
      ctx.reporter.report(e.problem);
      return undefined;
    }
    if (e instanceof RangeError) {
      ctx.reporter.report(problem("limit/too-deep", "the filter nests too deeply to check on this stack", root.span, "flatten the nesting"));
      return undefined;
    }
    throw e;
  }
  if (!canBeExecuted(ev)) {
    if (ev.value?.t === "bool") {
      useFeature(ctx, "standalone-bool", root);
      return ev;
    }
    const t = ev.dataType === "None" ? "None" : ev.dataType === "Unknown" ? "Unknown" : ev.dataType;
    ctx.reporter.report(
      problem(
        "type/not-boolean",
        `predicate is not a boolean expression: ${textOf(ctx, root)}, data type: ${t}`,
        root.span,
        notBooleanHint(ctx, ev),
      ),
    );
  }
  return ev;
}

function notBooleanHint(ctx: Ctx, ev: TypedExpr): string | undefined {
  const text = textOf(ctx, ev.node);
  if (ev.column && ev.dataType === "Bool") return `a Bool field is not a filter by itself: write ${text} == true`;
  if (ev.column && ev.dataType === "JSON") return `a JSON value is not a filter by itself: write ${text} == true, or exists ${text}`;
  if (ev.arith) return "arithmetic must be compared with a constant, e.g. (x + 1) == 2";
  if (ev.templateName !== undefined) return "a template must be compared with a field, e.g. x == {value}";
  if (ev.column) return `compare ${text} with a value, e.g. ${text} == …`;
  return undefined;
}

/** true/false when the whole filter folds to a constant, else undefined. */
function rootConstant(root: A.Root, ev: TypedExpr | undefined): boolean | undefined {
  if (root.kind === "Empty") return true;
  if (!ev) return undefined;
  if (ev.special === "alwaysTrue") return true;
  if (ev.special === "alwaysFalse") return false;
  if (ev.value?.t === "bool") return ev.value.v;
  return undefined;
}

function fillTemplates(ctx: Ctx, root: A.Root): void {
  const params = ctx.params!;
  const used = new Set<string>();
  preorder(root, (n) => void (n.kind === "TemplateVariable" && used.add(n.name)), isLiteral, () => true);
  for (const name of params.keys()) {
    if (!used.has(name)) {
      ctx.reporter.report(problem("template/unused", `the template value "${name}" is not used: the filter has no {${name}}`, { start: 0, end: 0 }));
    }
  }
  const reported = new Set<string>();
  for (const use of ctx.templateUses) {
    const missing = use.names.filter((n) => !params.has(n));
    if (missing.length > 0) {
      for (const name of missing) {
        if (reported.has(name)) continue;
        reported.add(name);
        const near = closest(name, [...params.keys()].filter((k) => !used.has(k)));
        const hint = near !== undefined ? `did you mean "${near}"? The params have "${near}", which the filter does not use` : `add "${name}" to exprParams`;
        ctx.reporter.report(problem("template/missing", `the value of expression template variable name {${name}} is not found`, use.span, hint));
      }
      continue;
    }
    const p = use.fill((name) => toConst(params.get(name)!));
    if (p) ctx.reporter.report(problem(p.code, p.message, use.span, p.hint));
  }
}

/**
 * A delete filter with placeholders and no values at all: what it deletes depends on values
 * nobody has looked at, so it is checked with them or not at all (a query may get its values
 * later; a delete is reviewed before it is sent).
 */
function requireTemplateValues(ctx: Ctx): void {
  const reported = new Set<string>();
  for (const use of ctx.templateUses) {
    for (const name of use.names) {
      if (reported.has(name)) continue;
      reported.add(name);
      ctx.reporter.report(
        problem(
          "template/missing",
          `this delete filter has {${name}} but no template values were given, so what it deletes cannot be checked`,
          use.span,
          "give the values it will be sent with (--params FILE, or exprParams / params in the library)",
        ),
      );
    }
  }
}

function reportVersions(ctx: Ctx): void {
  const seen = new Set<Feature>();
  for (const use of ctx.features) {
    if (seen.has(use.feature)) continue;
    const p = versionProblem(FEATURES[use.feature], ctx.target);
    if (!p) continue;
    seen.add(use.feature);
    ctx.reporter.report(problem("version/unsupported", p.message, use.span, p.hint));
  }
}

/**
 * Milvus deletes by primary key directly when the filter is `pk in [...]` or `pk == v`; anything
 * else is executed as a query first (which needs the collection loaded).
 */
export type { Diagnostic };
