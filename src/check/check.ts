/**
 * `check(parsed, options)`: the checker's entry point. Runs, in Milvus's order, the type-checking
 * walk, the top-level "must be an executable boolean" rule, template filling, then the version,
 * purpose and lint rules. Never throws: an unexpected exception becomes an `internal/error`
 * diagnostic.
 */
import type * as A from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";
import { walk } from "../syntax/walk.js";
import { hasError, sortDiagnostics, type Diagnostic } from "../diag/diagnostic.js";
import { Reporter } from "../diag/reporter.js";
import { DEFAULT_LIMITS } from "../syntax/limits.js";
import { Source } from "../diag/source.js";
import { checkCall, type UsageProblem } from "../diag/usage.js";
import { SPECS, usageDiagnostic } from "../diag/api-specs.js";
import { CheckFail, canBeExecuted, problem, textOf, type Ctx, type TypedExpr } from "./context.js";
import { visit } from "./visit.js";
import { toConst } from "./templates.js";
import { FEATURES, syntacticFeatures, versionProblem, type Feature } from "./versions.js";
import { resolveTarget } from "../util/releases.js";
import { runLintRules } from "./rules/index.js";
import { DEFAULT_TARGET, type CheckOptions, type CheckResult, type ExprType, type ParseResult } from "./types.js";
import { closest } from "../util/suggest.js";
import { deleteClassOf } from "./delete-class.js";

/** Deepest tree the walk visits (the parser's own limit is normally lower). */
export const CHECK_MAX_DEPTH = 5000;

export function check(parsed: ParseResult, options: CheckOptions): CheckResult {
  const usage = checkCall("check", SPECS.check, [parsed, options]);
  if (!usage.ok) return usageResult(usage.problem, usage.problem.argument === "parsed" ? new Source("") : parsed.source);
  options = usage.args[1] as CheckOptions;
  const types = new Map<number, ExprType>();
  const base = { ast: parsed.ast, source: parsed.source, types };
  const reporter = new Reporter(DEFAULT_LIMITS.maxDiagnostics);
  let deleteClass: CheckResult["deleteClass"];
  try {
    deleteClass = run(parsed, options, types, reporter);
  } catch (e) {
    reporter.report({
      code: "internal/error",
      message: `the checker failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`,
      span: { start: 0, end: parsed.source.text.length },
      severity: "error",
    });
  }
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...reporter.diagnostics(parsed.source)]);
  const ok = !hasError(diagnostics);
  return { ...base, ok, diagnostics, ...(ok && deleteClass ? { deleteClass } : {}) };
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
  return { ok: false, diagnostics: [usageDiagnostic(problem, source)], types: new Map(), ast: null, source };
}

function run(parsed: ParseResult, options: CheckOptions, types: Map<number, ExprType>, reporter: Reporter): CheckResult["deleteClass"] {
  const resolved = resolveTarget(options.target ?? DEFAULT_TARGET);
  if (!resolved.ok) {
    reporter.report({ code: "version/unsupported", message: resolved.message, span: { start: 0, end: 0 }, severity: "error" });
    return undefined;
  }
  const target = resolved.target;
  const root = parsed.ast;
  if (!root) return undefined;
  const ctx: Ctx = {
    schema: options.schema,
    target,
    purpose: options.purpose,
    params: options.params,
    text: parsed.source.text,
    reporter,
    types,
    templateUses: [],
    dynamicRefs: [],
    structCtx: undefined,
    elemCtx: undefined,
    depth: 0,
    maxDepth: Math.min(CHECK_MAX_DEPTH, options.maxExpressionDepth !== undefined ? Math.max(options.maxExpressionDepth * 4, 64) : CHECK_MAX_DEPTH),
    features: syntacticFeatures(root, parsed.tokens, parsed.source.text),
  };

  let rootEv: TypedExpr | undefined;
  if (root.kind === "Empty") {
    types.set(root.id, { category: "predicate", dataType: "Bool", nodeDependent: false, containsTemplate: false, constant: true });
  } else {
    rootEv = visitRoot(ctx, root);
  }
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
  return typeOk && options.purpose === "delete" && root.kind !== "Empty" ? deleteClassOf(ctx, root) : undefined;
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
      ctx.features.push({ feature: "standalone-bool", span: root.span });
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
  for (const n of walk(root)) if (n.kind === "TemplateVariable") used.add(n.name);
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
