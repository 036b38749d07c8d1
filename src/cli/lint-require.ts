/**
 * `lint --require "tenant == {tenant}"`: every stored filter must have the shape
 * `required and (…)`, with the required condition as a direct conjunct of its root `and`, the
 * shape `guard()` builds. The rule is guard()'s (provesRequired, src/guard); this file wraps lint's analyzer with it.
 */
import { parse } from "../syntax/parse.js";
import type * as A from "../syntax/ast.js";
import { makeDiagnostic, sortDiagnostics } from "../diag/diagnostic.js";
import type { Analyzer } from "./analyze.js";
import { CliUsageError } from "./io.js";
import { print } from "../backends/print/print.js";
import { provesRequired } from "../guard/guard.js";

export const MISSING_REQUIRED = "guard/missing-required";

/** The required condition's tree; a usage error when it does not parse. */
export function parseRequired(text: string): A.Root {
  const parsed = parse(text);
  if (!parsed.ast || parsed.ast.kind === "Empty") {
    const d = parsed.diagnostics.find((x) => x.severity === "error");
    throw new CliUsageError(`--require: ${d ? `${d.message} (column ${d.column})` : "the required condition is empty"}`);
  }
  return parsed.ast;
}

/** Wraps a lint analyzer: a filter that parses but does not keep `required` at its root gets an error. */
export function requireAnalyzer(base: Analyzer, requiredText: string): Analyzer {
  const required = parseRequired(requiredText);
  const shown = print(required);
  return (input) => {
    const analysis = base(input);
    const parsed = parse(input.text);
    if (!parsed.ast || parsed.ast.kind === "Empty" || provesRequired(parsed.ast, required)) return analysis;
    const d = makeDiagnostic(parsed.source, {
      code: MISSING_REQUIRED,
      severity: "error",
      message: `the filter must have the form ${shown} and (…): the required condition is not a direct conjunct of its top-level 'and'`,
      span: { start: 0, end: input.text.length },
      hint: `write ${shown} and (<the rest>)`,
    });
    return { ...analysis, diagnostics: sortDiagnostics([...analysis.diagnostics, d]) };
  };
}
