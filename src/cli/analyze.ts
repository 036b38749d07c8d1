/**
 * What `lint` runs on each filter: parse, then (once they land) the checker and the printer.
 * Everything else in lint (inputs, config, severities, fixes, formats) is independent of it.
 */
import { parse, type ParseOptions, type ParseResult } from "../syntax/parse.js";
import type { Root } from "../syntax/ast.js";
import { makeDiagnostic, sortDiagnostics, type Diagnostic } from "../diag/diagnostic.js";
import type { CollectionSchema } from "../schema/types.js";
import type { FilterInput } from "./inputs.js";
import type { Purpose, Target } from "./targets.js";
import type { TemplateValues } from "../check/types.js";

/** Options handed to the checker: the shape of `check(parsed, options)` in src/check (issue 3). */
export interface CheckOptions {
  schema?: CollectionSchema;
  target: Target;
  purpose: Purpose;
  /** `exprParams` for this filter; undefined when none were given anywhere. */
  params?: unknown;
}

/**
 * The semantic stages. Declared as methods so that the real functions, whose option types may be
 * narrower or wider than these, plug in without adapters.
 */
export interface AnalysisPlugins {
  check?(parsed: ParseResult, options: CheckOptions): { readonly diagnostics: readonly Diagnostic[] };
  print?(ast: Root): string;
}

// The checker and printer load on demand, so `parse` and `rules` start without them.
export const loadPlugins = (): Promise<AnalysisPlugins> =>
  Promise.all([import("../check/index.js"), import("../backends/print/index.js")]).then(([c, p]) => ({
    check(parsed: ParseResult, options: CheckOptions) {
      // exprParams arrive as lossless JSON (floats tagged); the checker wants typed template values.
      let params: TemplateValues | undefined;
      if (options.params !== undefined) {
        const r = c.templateValuesFromJson(options.params);
        if (!r.ok) {
          const at = r.path ? `exprParams.${r.path}` : "exprParams";
          return {
            diagnostics: [
              makeDiagnostic(parsed.source, {
                code: "template/invalid-params",
                message: `${at}: ${r.error}`,
                span: { start: 0, end: parsed.source.text.length },
              }),
            ],
          };
        }
        params = r.values;
      }
      const { params: _raw, ...rest } = options;
      return c.check(parsed, params ? { ...rest, params } : rest);
    },
    print: (ast: Root) => p.print(ast),
  }));

export interface AnalysisContext {
  schema?: CollectionSchema;
  target: Target;
  purpose: Purpose;
  /** Template values from --params / config, used when the filter's own body has none. */
  params?: unknown;
  parseOptions?: ParseOptions;
}

export interface Analysis {
  /** Relative to the filter text, sorted by position; severities as the stages report them. */
  readonly diagnostics: Diagnostic[];
  /** The canonical form, or null (unparseable, or no printer yet). */
  readonly canonical: string | null;
}

export type Analyzer = (input: FilterInput) => Analysis;

export function createAnalyzer(ctx: AnalysisContext, plugins: AnalysisPlugins = {}): Analyzer {
  return (input) => analyze(input, ctx, plugins);
}

export function analyze(input: FilterInput, ctx: AnalysisContext, plugins: AnalysisPlugins = {}): Analysis {
  const parsed = parse(input.text, ctx.parseOptions);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let canonical: string | null = null;
  if (parsed.ast) {
    if (plugins.check) {
      const params = input.hasParams ? input.params : ctx.params;
      const options: CheckOptions = { target: ctx.target, purpose: ctx.purpose };
      if (ctx.schema) options.schema = ctx.schema;
      if (params !== undefined) options.params = params;
      try {
        const found = plugins.check(parsed, options).diagnostics;
        // A shared --params file serves many filters: "this value is unused" only means something
        // for the filter's own request body.
        diagnostics.push(...(input.hasParams ? found : found.filter((d) => d.code !== "template/unused")));
      } catch (e) {
        diagnostics.push(internalError(parsed, "checker", e));
      }
    }
    if (plugins.print) {
      try {
        canonical = plugins.print(parsed.ast);
      } catch (e) {
        diagnostics.push(internalError(parsed, "printer", e));
      }
      // --fix writes `canonical` into the user's file: never let a printer bug break a filter.
      if (canonical !== null && canonical !== input.text && parse(canonical, ctx.parseOptions).ast === null) {
        diagnostics.push(internalError(parsed, "printer", new Error(`its output does not parse: ${JSON.stringify(canonical.slice(0, 80))}`)));
        canonical = null;
      }
    }
    if (canonical !== null && canonical !== input.text && !diagnostics.some((d) => d.severity === "error")) {
      diagnostics.push(
        makeDiagnostic(parsed.source, {
          code: "style/non-canonical",
          severity: "warning",
          message: `not in canonical form; --fix writes: ${canonical.length > 120 ? `${canonical.slice(0, 117)}...` : canonical}`,
          span: { start: 0, end: input.text.length },
        }),
      );
    }
  }
  return { diagnostics: diagnostics.length > 1 ? sortDiagnostics(diagnostics) : diagnostics, canonical };
}

function internalError(parsed: ParseResult, stage: string, e: unknown): Diagnostic {
  const why = e instanceof Error ? e.message : String(e);
  return makeDiagnostic(parsed.source, {
    code: "internal/error",
    message: `the ${stage} failed on this filter: ${why}`,
    span: { start: 0, end: parsed.source.text.length },
    hint: "this is a bug in milvus-filter; please report it with the filter",
  });
}
