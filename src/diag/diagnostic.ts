import type { Source } from "./source.js";
import { requireCall } from "./usage.js";
import { SPECS } from "./api-specs.js";
import type { DiagnosticCode } from "./codes.js";

export type { DiagnosticCode } from "./codes.js";

export type Severity = "error" | "warning" | "info";

/** Half-open [start, end) range of UTF-16 offsets into the filter text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Diagnostic {
  /** Stable, documented identifier such as `syntax/unexpected-token` (the list: src/diag/codes.ts, docs/rules.md). */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly hint?: string;
}

/** What a stage reports before positions are resolved against the source. */
export interface DiagnosticInput {
  code: DiagnosticCode;
  message: string;
  span: Span;
  severity?: Severity;
  hint?: string;
}

export function makeDiagnostic(source: Source, d: DiagnosticInput): Diagnostic {
  const len = source.text.length;
  const start = Math.max(0, Math.min(d.span.start, len));
  const end = Math.max(start, Math.min(d.span.end, len));
  const a = source.position(start);
  const b = source.position(end);
  const out: Diagnostic = {
    code: d.code,
    severity: d.severity ?? "error",
    message: d.message,
    span: { start, end },
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
  };
  return out;
}

export function hasError(diagnostics: readonly Diagnostic[]): boolean {
  requireCall("hasError", SPECS.hasError, [diagnostics]);
  return diagnostics.some((d) => d.severity === "error");
}

/** Sort by position, then severity (errors first), keeping the original order for ties. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  requireCall("sortDiagnostics", SPECS.sortDiagnostics, [diagnostics]);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((x, y) => x.d.span.start - y.d.span.start || rank[x.d.severity] - rank[y.d.severity] || x.i - y.i)
    .map((x) => x.d);
}
