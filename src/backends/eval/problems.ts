/** Compile-time problems: a construct the evaluator cannot (or will not) evaluate. */
import type { DiagnosticInput, Span } from "../../diag/diagnostic.js";
import type { CodeOf } from "../../diag/codes.js";

/** The codes the evaluator reports (their meaning: src/diag/codes.ts). */
export type EvalCode = CodeOf<"eval">;

/**
 * Thrown to abandon the predicate being compiled; the compiler reports it (Compiler.predicate)
 * and that predicate evaluates to NULL.
 */
export class EvalProblem extends Error {
  constructor(
    readonly code: EvalCode,
    message: string,
    readonly span: Span,
    readonly hint?: string,
  ) {
    super(message);
  }

  get input(): DiagnosticInput {
    return { code: this.code, message: this.message, span: this.span, ...(this.hint !== undefined ? { hint: this.hint } : {}) };
  }
}

export function unsupported(message: string, span: Span, hint?: string): never {
  throw new EvalProblem("eval/unsupported", message, span, hint);
}

export function notEvaluable(message: string, span: Span, hint?: string): never {
  throw new EvalProblem("eval/not-evaluable", message, span, hint);
}
