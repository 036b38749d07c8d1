/** Shared helpers for the lint formatters. */
import type { Diagnostic } from "../../diag/diagnostic.js";
import { Source } from "../../diag/source.js";
import type { FileResult, FilterResult, LintReport } from "../lint-engine.js";

export interface FormatOptions {
  /** ANSI colours (stylish only). */
  readonly color: boolean;
  /** Show info diagnostics (stylish only; machine formats always carry them). */
  readonly verbose?: boolean;
  /** A clean run says so in one line ("36 filters in 3 files: no problems"); stylish, lint only. */
  readonly cleanSummary?: boolean;
}

export type Formatter = (report: LintReport, options: FormatOptions) => string;

/** One diagnostic with both coordinate systems. */
export interface Located {
  /** Positions in the file. */
  readonly inFile: Diagnostic;
  /** Positions relative to the filter (same as inFile for problems of the file itself). */
  readonly own: Diagnostic;
  /** The filter it belongs to; null for problems of the file itself. */
  readonly filter: FilterResult | null;
}

/** Every diagnostic of a file, ordered by position in the file (stable). */
export function locatedMessages(fr: FileResult): Located[] {
  const out: Located[] = fr.problems.map((d) => ({ inFile: d, own: d, filter: null }));
  for (const filter of fr.filters) {
    for (const d of filter.diagnostics) out.push({ inFile: filter.input.toFileDiagnostic(d), own: d, filter });
  }
  if (fr.problems.length > 0) {
    return out
      .map((m, i) => ({ m, i }))
      .sort((a, b) => a.m.inFile.span.start - b.m.inFile.span.start || a.i - b.i)
      .map((x) => x.m);
  }
  return out;
}

/** The text a diagnostic's snippet is drawn from: the filter, or the file for file-level problems. */
export function snippetSource(m: Located, fr: FileResult): Source | null {
  if (m.filter) return new Source(m.filter.input.text);
  return fr.file.text === "" ? null : fr.file.lines;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Filter-relative diagnostic in the jsonl contract's shape. */
export function contractDiagnostic(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
  if (d.hint !== undefined) out.hint = d.hint;
  return out;
}

/** Path with `/` separators, relative to cwd (how GitHub and SARIF want it). */
export function slashPath(name: string): string {
  return name.replace(/\\/g, "/");
}
