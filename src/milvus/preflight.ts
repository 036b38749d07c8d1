/**
 * The filter half of a safe delete, independent of any transport: parse, check against the schema
 * with purpose "delete", print canonically, re-check the printed text, classify (primary-key fast
 * path or query-first), and optionally evaluate on caller rows (the dry run).
 *
 * The stages are reached through a `FilterToolkit` so tests (or embedders with their own
 * builds) can substitute them; `defaultToolkit` wires this package's parser, checker, printer
 * and evaluator. Every refusal is a `PreflightError`.
 */
import type * as A from "../syntax/ast.js";
import { parse, type ParseResult } from "../syntax/parse.js";
import { check } from "../check/check.js";
import { templateValuesFromJson } from "../check/templates.js";
import type { CheckOptions, CheckResult, Target, TemplateValue, TemplateValues } from "../check/types.js";
import { print } from "../backends/print/print.js";
import { mapTree } from "../backends/print/tree.js";
import { compileFilter, type CompiledFilter, type TemplateParams } from "../backends/eval/compile.js";
import { integerNode, floatNode, stringNode } from "../builder/values.js";
import { loadSchema, type CollectionSchema } from "../schema/index.js";
import type { Row } from "../rows/access.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Source } from "../diag/source.js";
import { PreflightError, requirePreflight } from "./errors.js";
import { SPECS } from "../diag/api-specs.js";

/** The stages a pre-flight needs. */
export interface FilterToolkit {
  parse(text: string): ParseResult;
  check(parsed: ParseResult, options: CheckOptions): CheckResult;
  print(ast: A.Root): string;
  compileFilter(ast: A.Root, options: { schema: CollectionSchema; params?: TemplateParams; source?: Source; target?: string }): Pick<CompiledFilter, "ok" | "diagnostics" | "evaluate" | "semanticsNote">;
}

export const defaultToolkit: FilterToolkit = Object.freeze({
  parse: (text: string) => parse(text),
  check,
  print: (ast: A.Root) => print(ast),
  compileFilter,
});

export type DeleteClassification = "primary-key" | "query-first";

export interface FilterPreflightInput {
  schema: CollectionSchema;
  filter: string;
  /** Template values (`exprParams`) as a JSON object; bigint and JsonFloat values are kept exact. */
  exprParams?: Readonly<Record<string, unknown>>;
  purpose: "delete" | "query";
  target?: Target;
  /**
   * "send" (default): keep `{name}` placeholders and send `exprParams` along.
   * "inline": substitute the values into the filter as literals and send no `exprParams`
   * (needed for int64 values beyond 2^53, which released servers round through float64).
   */
  templates?: "send" | "inline";
}

export interface FilterPreflight {
  /** Canonical text: what gets sent. */
  filter: string;
  /** Sent along with `filter` (undefined when there are none or they were inlined). */
  exprParams?: Readonly<Record<string, unknown>>;
  /** The tree of `filter`. */
  ast: A.Root;
  /** Checked template values of `exprParams` (undefined when none are sent). */
  params?: TemplateValues;
  /** Set for purpose "delete". */
  classification?: DeleteClassification;
  /** For the primary-key path: how many keys the filter lists (what Milvus will report as deleteCount). */
  listedKeys?: number;
  /** Warnings and notes from the checker (no errors: those refuse). */
  diagnostics: Diagnostic[];
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Errors the schema-free check reports that a schema can lift: without column types, chained
 * arithmetic on a field is not known to be simple (`(a * 2) * 3 == 6` is refused schema-free and
 * accepted with `a` an Int64). Measured over the conformance corpus (test/milvus/delete-path.test.ts
 * keeps it so): every other schema-free error is also an error with the schema.
 */
const SCHEMA_DEPENDENT_CODES: ReadonlySet<string> = new Set(["type/complicated-arith"]);

/**
 * What can be refused before the server is contacted: syntax errors, and the errors of the
 * schema-free check (literals, structure, always-true filters, template values) that no schema can
 * lift. Throws PreflightError ("filter/invalid" or "params/invalid"); returns nothing otherwise.
 */
export function precheckFilter(
  input: Pick<FilterPreflightInput, "filter" | "exprParams" | "purpose" | "target">,
  toolkit: FilterToolkit = defaultToolkit,
): void {
  if (typeof input.filter !== "string") throw new PreflightError("options/invalid", "the filter must be a string");
  const options: CheckOptions = { purpose: input.purpose };
  if (input.target !== undefined) options.target = input.target;
  if (input.exprParams !== undefined) options.params = checkedParams(input.exprParams);
  const result = toolkit.check(toolkit.parse(input.filter), options);
  const errors = result.diagnostics.filter((d) => d.severity === "error" && !SCHEMA_DEPENDENT_CODES.has(d.code));
  if (errors.length > 0) throw refusal("the filter", errors, result.diagnostics);
}

function checkedParams(exprParams: Readonly<Record<string, unknown>>): TemplateValues {
  const r = templateValuesFromJson(exprParams);
  if (!r.ok) {
    throw new PreflightError("params/invalid", `exprParams${r.path ? `.${r.path}` : ""}: ${r.error}`, {
      hint: "exprParams maps placeholder names to booleans, numbers, strings or arrays of them",
    });
  }
  return r.values;
}

/** Throws PreflightError, or returns what to send. */
export function preflightFilter(input: FilterPreflightInput, toolkit: FilterToolkit = defaultToolkit): FilterPreflight {
  [input, toolkit = defaultToolkit] = requirePreflight("preflightFilter", SPECS.preflightFilter, [input, toolkit]) as [FilterPreflightInput, FilterToolkit];
  if (typeof input.filter !== "string") throw new PreflightError("options/invalid", "the filter must be a string");
  const params = input.exprParams !== undefined ? checkedParams(input.exprParams) : undefined;
  const checkOptions = (p: TemplateValues | undefined): CheckOptions => {
    const o: CheckOptions = { schema: input.schema, purpose: input.purpose };
    if (input.target !== undefined) o.target = input.target;
    if (p !== undefined) o.params = p;
    return o;
  };

  // 1. the caller's text
  const first = runCheck(toolkit, input.filter, checkOptions(params), "the filter");
  if (first.ast === null) throw new PreflightError("filter/invalid", "the filter has no syntax tree", { diagnostics: first.diagnostics });

  // 2. canonical text (placeholders kept or inlined)
  let ast: A.Root = first.ast;
  let sendParams = params;
  let exprParams = input.exprParams;
  if (input.templates === "inline" && params !== undefined) {
    ast = inlineTemplates(ast, params);
    sendParams = undefined;
    exprParams = undefined;
  } else if (params !== undefined) {
    const lossy = findLossyInteger(params);
    if (lossy) {
      throw new PreflightError(
        "params/int64-precision",
        `exprParams.${lossy.path} is ${lossy.value}, beyond 2^53: Milvus decodes REST exprParams as float64 and would use a different number`,
        { hint: 'pass templates: "inline" (or write the value into the filter) so the digits are sent exactly' },
      );
    }
  }
  let canonical: string;
  try {
    canonical = toolkit.print(ast);
  } catch (e) {
    throw new PreflightError("filter/invalid", `the filter could not be printed canonically: ${e instanceof Error ? e.message : String(e)}`);
  }

  // 3. what is sent must itself check, with the same verdict (defence against printer drift)
  const second = runCheck(toolkit, canonical, checkOptions(sendParams), "the canonical filter");
  if (second.ast === null) throw new PreflightError("filter/invalid", "the canonical filter has no syntax tree");
  if (input.purpose === "delete" && second.deleteClass !== first.deleteClass) {
    throw new PreflightError("filter/invalid", `internal: the canonical filter classifies differently (${second.deleteClass} vs ${first.deleteClass})`);
  }

  const out: FilterPreflight = {
    filter: canonical,
    ast: second.ast,
    diagnostics: second.diagnostics.filter((d) => d.severity !== "error"),
  };
  if (sendParams !== undefined && exprParams !== undefined) {
    out.exprParams = exprParams;
    out.params = sendParams;
  }
  if (input.purpose === "delete") {
    const cls = second.deleteClass ?? "query-first";
    out.classification = cls;
    if (cls === "primary-key") {
      const n = listedKeys(second.ast, sendParams);
      if (n !== undefined) out.listedKeys = n;
    }
  }
  return out;
}

function runCheck(toolkit: FilterToolkit, text: string, options: CheckOptions, what: string): CheckResult {
  const parsed = toolkit.parse(text);
  const result = toolkit.check(parsed, options);
  if (!result.ok) throw refusal(what, result.diagnostics.filter((d) => d.severity === "error"), result.diagnostics);
  return result;
}

function refusal(what: string, errors: readonly Diagnostic[], diagnostics: Diagnostic[]): PreflightError {
  const head = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return new PreflightError(
    "filter/invalid",
    head ? `${what} was refused before sending: ${head.line}:${head.column}: ${head.message}${more}` : `${what} was refused before sending`,
    head?.hint !== undefined ? { diagnostics, hint: head.hint } : { diagnostics },
  );
}

/** Number of keys in `pk in [...]`, `pk in {ids}` or `pk == v`. */
function listedKeys(root: A.Root, params: TemplateValues | undefined): number | undefined {
  if (root.kind === "Equality") return 1;
  if (root.kind !== "Term") return undefined;
  const right = root.right;
  if (right.kind === "Array") return right.elements.length;
  if (right.kind === "EmptyArray") return 0;
  if (right.kind === "TemplateVariable") {
    const v = params?.get(right.name);
    return v?.kind === "array" ? v.values.length : undefined;
  }
  return undefined;
}

function findLossyInteger(params: TemplateValues): { path: string; value: bigint } | undefined {
  const visit = (v: TemplateValue, path: string): { path: string; value: bigint } | undefined => {
    if (v.kind === "int64") return v.value > SAFE || v.value < -SAFE ? { path, value: v.value } : undefined;
    if (v.kind === "array") {
      for (let i = 0; i < v.values.length; i++) {
        const hit = visit(v.values[i]!, `${path}[${i}]`);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  for (const [name, v] of params) {
    const hit = visit(v, name);
    if (hit) return hit;
  }
  return undefined;
}

/** Replaces every `{name}` with the literal of its value. */
function inlineTemplates(ast: A.Root, params: TemplateValues): A.Root {
  return mapTree(ast, (n) => {
    if (n.kind !== "TemplateVariable") return n;
    const v = params.get(n.name);
    if (v === undefined) throw new PreflightError("params/invalid", `exprParams has no value for {${n.name}}`);
    return literalOf(v, n.name);
  });
}

function literalOf(v: TemplateValue, name: string): A.Expr {
  const node = <N extends A.Expr>(fields: Omit<N, "id" | "span">): N => ({ id: 0, span: { start: 0, end: 0 }, ...fields }) as N;
  switch (v.kind) {
    case "bool":
      return node<A.Boolean>({ kind: "Boolean", value: v.value });
    case "int64":
      return integerNode(v.value);
    case "double":
      if (!Number.isFinite(v.value)) throw new PreflightError("params/invalid", `exprParams.${name}: ${v.value} cannot be written as a literal`);
      return floatNode(v.value);
    case "string":
      return stringNode(v.value);
    case "bytes":
      throw new PreflightError("params/invalid", `exprParams.${name}: bytes cannot be written as a literal`);
    case "array":
      if (v.values.length === 0) return node<A.EmptyArray>({ kind: "EmptyArray" });
      return node<A.Array>({ kind: "Array", elements: v.values.map((x) => literalOf(x, name)) });
  }
}

/** The schema of a describe response (REST or SDK shape); refuses when the loader reported issues unless allowed. */
export function schemaFromDescribe(response: unknown, allowIssues: boolean, collectionName: string): CollectionSchema {
  const { schema, issues } = loadSchema(response);
  if (!schema || (issues.length > 0 && !allowIssues)) {
    const list = issues
      .slice(0, 3)
      .map((i) => `${i.path ? `${i.path}: ` : ""}${i.message}`)
      .join("; ");
    throw new PreflightError(
      "schema/unusable",
      `the schema of "${collectionName}" from describe could not be read completely: ${list || "no schema"}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`,
      { hint: schema ? "allowSchemaIssues: true proceeds without the unreadable fields" : undefined },
    );
  }
  return schema;
}

// ---------------------------------------------------------------- dry run

export interface DryRunReport {
  /** Rows evaluated. */
  total: number;
  /** Rows the delete would remove (the filter is TRUE). */
  matched: number;
  /** 0-based positions of the matching rows in the input. */
  matchedIndexes: number[];
  /** The matching rows themselves (same objects as given). */
  matchedRows: Row[];
  /** Rows where the filter is NULL (unknown): not deleted, but worth a look. */
  unknown: number;
  /** The server semantics the dry run assumed ("semantics: Milvus 3.0 (master 2026-07): …"). */
  semanticsNote: string;
}

export const DEFAULT_DRY_RUN_LIMIT = 1_000_000;

/** Evaluates the filter that will be sent on `rows`. Throws PreflightError when it cannot be evaluated locally. */
export function dryRun(
  plan: Pick<FilterPreflight, "ast" | "params">,
  schema: CollectionSchema,
  rows: Iterable<Row>,
  options: { limit?: number; toolkit?: FilterToolkit; target?: string } = {},
): DryRunReport {
  [plan, schema, rows, options = {}] = requirePreflight("dryRun", SPECS.dryRun, [plan, schema, rows, options]) as [typeof plan, CollectionSchema, Iterable<Row>, typeof options];
  const toolkit = options.toolkit ?? defaultToolkit;
  const compileOptions: { schema: CollectionSchema; params?: TemplateParams; target?: string } = { schema };
  if (options.target !== undefined) compileOptions.target = options.target;
  if (plan.params !== undefined) compileOptions.params = plan.params as TemplateParams;
  const compiled = toolkit.compileFilter(plan.ast, compileOptions);
  if (!compiled.ok) {
    const d = compiled.diagnostics.find((x) => x.severity === "error");
    throw new PreflightError("dry-run/unavailable", `the dry run cannot evaluate this filter locally: ${d?.message ?? "unknown problem"}`, {
      diagnostics: compiled.diagnostics,
      ...(d?.hint !== undefined ? { hint: d.hint } : {}),
    });
  }
  const limit = options.limit ?? DEFAULT_DRY_RUN_LIMIT;
  const report: DryRunReport = { total: 0, matched: 0, matchedIndexes: [], matchedRows: [], unknown: 0, semanticsNote: compiled.semanticsNote };
  for (const row of rows) {
    if (report.total >= limit) {
      throw new PreflightError("dry-run/unavailable", `the dry run accepts at most ${limit} rows`);
    }
    const v = compiled.evaluate(row);
    if (v === true) {
      report.matched++;
      report.matchedIndexes.push(report.total);
      report.matchedRows.push(row);
    } else if (v === null) report.unknown++;
    report.total++;
  }
  return report;
}
