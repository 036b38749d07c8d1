/**
 * Shared state of one check: the schema and options, the per-node results (`Ev`, the analogue of
 * Milvus's ExprWithType), recorded template uses (filled after the walk, as Milvus fills the plan
 * after visiting), and diagnostics.
 */
import type * as A from "../syntax/ast.js";
import type { CollectionSchema, FieldSchema } from "../schema/index.js";
import type { DiagnosticInput, Span, Severity } from "../diag/diagnostic.js";
import { reportedSeverity } from "../diag/codes.js";
import type { Reporter } from "../diag/reporter.js";
import type { CheckCode } from "./codes.js";
import type { ArithmeticPlan, CastResult, ColumnInfo, ConstValue, ExprType, TemplateValues, CheckDataType } from "./types.js";
import type { ResolvedTarget } from "../util/releases.js";
import type { Feature, FeatureUse } from "./versions.js";

export type ArithOpName = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";

/** Milvus's ExprWithType for one visited node. */
export interface TypedExpr {
  readonly node: A.Expr;
  readonly dataType: CheckDataType;
  /** Literals, columns and arithmetic: not executable on their own. */
  readonly nodeDependent: boolean;
  /** planpb.Expr.IsTemplate: a placeholder is somewhere inside. */
  readonly isTemplate: boolean;
  /** ValueExpr with a constant. */
  readonly value?: ConstValue;
  /** ValueExpr holding a placeholder. */
  readonly templateName?: string;
  /** ColumnExpr. */
  readonly column?: ColumnInfo;
  /** BinaryArithExpr (`column op operand`, possibly nested), or array_length. */
  readonly arith?: ArithInfo;
  /** Special plan nodes that some rules look for. */
  readonly special?: "randomSample" | "elementFilter" | "alwaysTrue" | "alwaysFalse";
}

export type ArithInfo =
  | { readonly op: ArithOpName; readonly left: TypedExpr; readonly right: TypedExpr }
  | { readonly op: "array_length"; readonly column: ColumnInfo };

/** A placeholder use to type-check once values are known. */
export interface TemplateUse {
  readonly names: readonly string[];
  readonly span: Span;
  /** Returns a problem, or undefined when the filled values fit. `get` is defined for every name. */
  readonly fill: (get: (name: string) => ConstValue) => Problem | undefined;
}

export interface Problem {
  code: CheckCode;
  message: string;
  hint?: string;
}

/**
 * Thrown to abandon the current sub-expression (Milvus returns the first error it meets). It
 * carries the problem to the place that reports it: the nearest and/or chain or the entry point
 * hands it to `ctx.reporter`; a few callers first reword it (the `not a == b` precedence trap) or
 * replace it (a template range). Not an Error subclass on purpose: capturing a stack trace for
 * every rejected filter made checking a file of bad filters several times slower.
 */
export class CheckFail {
  constructor(readonly problem: DiagnosticInput) {}

  get message(): string {
    return this.problem.message;
  }
}

export interface Ctx {
  readonly schema: CollectionSchema | undefined;
  readonly target: ResolvedTarget;
  readonly purpose: "delete" | "query";
  /**
   * The walk runs for a backend only (checkedTree): rules that only report and record nothing —
   * regex syntax, WKT — are skipped; the backend compiles the pattern itself.
   */
  readonly forBackend: boolean;
  readonly params: TemplateValues | undefined;
  readonly text: string;
  /**
   * Where every diagnostic of the check goes (capped at the per-filter limit). Not readonly:
   * visitQuietly swaps in a scratch reporter for a visit whose reports are to be dropped.
   */
  reporter: Reporter;
  /**
   * Each node's type. Not readonly: a plain Map until the walk meets a long literal list, which
   * replaces it with a TypeMap holding the same entries (type-map.ts), so that the maps of other
   * checks have no overridden methods in the way. Read it from here, not from a copy taken earlier.
   */
  types: Map<number, ExprType>;
  /** The side tables backends plan from (see CheckedTree in types.ts). */
  readonly references: Map<number, ColumnInfo>;
  readonly casts: Map<number, CastResult>;
  readonly templateValues: Map<number, ConstValue>;
  readonly arithmetic: Map<number, ArithmeticPlan>;
  readonly rejected: Map<number, string>;
  readonly templateUses: TemplateUse[];
  /** Nodes that resolved to a dynamic key, for the typo lint. */
  readonly dynamicRefs: { name: string; span: Span }[];
  /** element_filter / MATCH_* context: a struct-array container name, or a scalar array field. */
  structCtx: string | undefined;
  elemCtx: FieldSchema | undefined;
  depth: number;
  readonly maxDepth: number;
  /** Version-dependent features met while checking, of those some release of the target refuses. */
  readonly features: FeatureUse[];
  /** The features some release of the target refuses (`unacceptedFeatures`): only these are recorded. */
  readonly unacceptedFeatures: ReadonlySet<Feature>;
}

export function useFeature(ctx: Ctx, feature: Feature, at: A.Root | Span): void {
  if (ctx.unacceptedFeatures.has(feature)) ctx.features.push({ feature, span: "span" in at ? at.span : at });
}

export function problem(code: CheckCode, message: string, span: Span, hint?: string, severity?: Severity): DiagnosticInput {
  const sev = severity ?? reportedSeverity(code);
  const d: DiagnosticInput = { code, message, span, severity: sev };
  if (hint !== undefined) d.hint = hint;
  return d;
}

export function fail(code: CheckCode, message: string, at: A.Root | Span, hint?: string): never {
  const span = "span" in at ? at.span : at;
  throw new CheckFail(problem(code, message, span, hint, "error"));
}

export function report(ctx: Ctx, code: CheckCode, message: string, at: A.Root | Span, hint?: string): void {
  const span = "span" in at ? at.span : at;
  ctx.reporter.report(problem(code, message, span, hint));
}

/** Source text of a node, as Milvus's `ctx.GetText()` shows it (without whitespace). */
export function textOf(ctx: Pick<Ctx, "text">, node: A.Root | Span): string {
  const span = "span" in node ? node.span : node;
  return ctx.text.slice(span.start, span.end);
}

/** A literal's text for a message, cut after `max` characters: a 16 MiB literal is not copied into its diagnostics. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

export const isValueEv = (e: TypedExpr): boolean => e.value !== undefined || e.templateName !== undefined;
export const isTemplateEv = (e: TypedExpr): boolean => e.templateName !== undefined;
export const canBeExecuted = (e: TypedExpr): boolean => e.dataType === "Bool" && !e.nodeDependent;

/** Version-relevant facts about a resolved column (used wherever a column is resolved). */
export function noteColumn(ctx: Ctx, col: ColumnInfo, at: A.Root | Span): void {
  const t = col.dataType === "Array" ? col.elementType : col.dataType;
  if (t === "Date" || t === "Time" || t === "Decimal") useFeature(ctx, "temporal-types", at);
  if (col.field.dataType === "Text") useFeature(ctx, "text-type", at);
  if (col.field.dataType === "Array") useFeature(ctx, "array-type", at);
  if (col.field.dataType === "Geometry") useFeature(ctx, "geometry", at);
  if (col.field.struct) useFeature(ctx, "struct-array", at);
}
