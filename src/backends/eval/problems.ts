/** Compile-time problems: a construct the evaluator cannot (or will not) evaluate. */
import type { Span } from "../../diag/diagnostic.js";

export type EvalCode =
  /** A shape Milvus (or the checker) rejects, or that this evaluator does not model. */
  | "eval/unsupported"
  /** A construct with no honest local meaning (server analyzers, GIS, …). */
  | "eval/not-evaluable"
  /** A `{name}` placeholder without a value in `params`. */
  | "eval/missing-param"
  /** `=~` / `!~` where the RE2 engine cannot load synchronously (a browser) and loadRegexEngine() has not resolved. */
  | "eval/regex-engine-not-loaded"
  /** The filter nests too deeply to compile on this stack. */
  | "limit/too-deep";

export class EvalProblem extends Error {
  constructor(
    readonly code: EvalCode,
    message: string,
    readonly span: Span,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function unsupported(message: string, span: Span, hint?: string): never {
  throw new EvalProblem("eval/unsupported", message, span, hint);
}

export function notEvaluable(message: string, span: Span, hint?: string): never {
  throw new EvalProblem("eval/not-evaluable", message, span, hint);
}
