/**
 * The lint engine: runs the analyzer over every filter of every input, applies the configured
 * severities, computes fixes (and re-lints the fixed text), and builds the report the formatters
 * print. Synchronous and free of I/O: the command (commands/lint.ts) reads and writes files.
 */
import { makeDiagnostic, type Diagnostic, type Severity } from "../diag/diagnostic.js";
import type { Analyzer } from "./analyze.js";
import { applyFixes, fixedBytes, fixFor, type Fix } from "./fix.js";
import { extractFilters, fileFromBytes, type FilterInput, type InputFile } from "./inputs.js";
import { ruleInfo, type RuleSeverity } from "./rules.js";

export interface FilterResult {
  readonly input: FilterInput;
  /** Relative to the filter text, after severity overrides (and --quiet), sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly canonical: string | null;
  /** No error-severity diagnostic. */
  readonly ok: boolean;
  /** The rewrite to the canonical form, when safe and useful. */
  readonly fix: Fix | null;
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export interface FileResult extends Readonly<Counts> {
  readonly file: InputFile;
  /** Problems of the file itself (positions in the file), after overrides and --quiet. */
  readonly problems: readonly Diagnostic[];
  readonly filters: readonly FilterResult[];
  /** The fixed file text (BOM restored) when --fix / --fix-dry-run changed something. */
  readonly output?: string;
  /** What --fix writes: the original bytes with only the fixed filters replaced (fix.ts). */
  readonly outputBytes?: Uint8Array;
}

export interface LintReport extends Readonly<Counts> {
  readonly cwd: string;
  readonly version: string;
  readonly files: readonly FileResult[];
  /** Effective severity of every registered code. */
  readonly severities: ReadonlyMap<string, RuleSeverity>;
  /** Warnings before --quiet removed them (what --max-warnings counts). */
  readonly totalWarningCount: number;
  readonly filterCount: number;
}

export interface LintOptions {
  /** Severity overrides by code (configuration and --rule). */
  readonly overrides: Readonly<Record<string, RuleSeverity>>;
  readonly quiet: boolean;
  readonly fix: "none" | "fix" | "dry-run";
  /** Called after each filter is analysed (progress bar). */
  readonly onProgress?: (done: number) => void;
}

/** The severity a diagnostic ends up with: configured, else off when off by default, else as reported. */
export function effectiveSeverity(code: string, reported: Severity, overrides: Readonly<Record<string, RuleSeverity>>): RuleSeverity {
  const configured = overrides[code];
  if (configured !== undefined) return configured;
  return ruleInfo(code)?.defaultSeverity === "off" ? "off" : reported;
}

function applySeverities(list: readonly Diagnostic[], options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of list) {
    const s = effectiveSeverity(d.code, d.severity, options.overrides);
    if (s === "off") continue;
    out.push(s === d.severity ? d : { ...d, severity: s });
  }
  return out;
}

function emptyCounts(): Counts {
  return { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
}

function count(c: Counts, d: Diagnostic, fixable: boolean): void {
  if (d.severity === "error") {
    c.errorCount++;
    if (fixable) c.fixableErrorCount++;
  } else if (d.severity === "warning") {
    c.warningCount++;
    if (fixable) c.fixableWarningCount++;
  } else c.infoCount++;
}

/** Whether a diagnostic carries the filter's fix (ESLint puts `fix` on the message it resolves). */
export function carriesFix(d: Diagnostic, filter: FilterResult): boolean {
  return filter.fix !== null && ruleInfo(d.code)?.fixable === true;
}

/** Reported instead of writing fixes whose bytes would not read back as the fixed text (a bug). */
function unwritable(file: InputFile): Diagnostic {
  return makeDiagnostic(file.lines, {
    code: "internal/error",
    message: "the fixes cannot be written without changing bytes outside the filters; the file was left as it is",
    span: { start: 0, end: 0 },
    hint: "this is a bug in milvus-filter; please report it with the file",
  });
}

export function lintFiles(
  files: readonly InputFile[],
  analyze: Analyzer,
  options: LintOptions,
  meta: { cwd: string; version: string; severities: ReadonlyMap<string, RuleSeverity> },
): LintReport {
  let done = 0;
  let totalWarningCount = 0;
  let filterCount = 0;
  const total = emptyCounts();
  const results: FileResult[] = [];

  const lintOne = (file: InputFile, progress: boolean): { filters: FilterResult[]; problems: Diagnostic[]; warnings: number } => {
    let warnings = 0;
    const keep = (list: Diagnostic[]): Diagnostic[] => {
      for (const d of list) if (d.severity === "warning") warnings++;
      return options.quiet ? list.filter((d) => d.severity === "error") : list;
    };
    const problems = keep(applySeverities(file.problems, options));
    const filters: FilterResult[] = [];
    for (const input of file.filters) {
      const analysis = analyze(input);
      const diagnostics = applySeverities(analysis.diagnostics, options);
      const hasError = diagnostics.some((d) => d.severity === "error");
      filters.push({
        input,
        diagnostics: keep(diagnostics),
        canonical: analysis.canonical,
        ok: !hasError,
        fix: fixFor(input, analysis.canonical, hasError),
      });
      if (progress) options.onProgress?.(++done);
    }
    return { filters, problems, warnings };
  };

  for (const original of files) {
    let file = original;
    let pass = lintOne(file, true);
    let output: string | undefined;
    let outputBytes: Uint8Array | null = null;
    if (options.fix !== "none") {
      const fixes = pass.filters.flatMap((f) => (f.fix ? [f.fix] : []));
      if (fixes.length > 0) output = file.withBom(applyFixes(file, fixes));
      if (output !== undefined) outputBytes = fixedBytes(file, fixes, output);
      if (output !== undefined && outputBytes === null) {
        output = undefined;
        pass.problems.push(unwritable(file));
      } else if (outputBytes !== null) {
        // Report what the file holds after fixing, as ESLint does.
        file = fileFromBytes({ file: file.file, path: file.path, stdin: file.stdin, format: file.format, explicit: file.explicit }, outputBytes);
        extractFilters(file, { next: original.filters[0]?.index ?? 0 });
        pass = lintOne(file, false);
      }
    }
    const counts = emptyCounts();
    for (const d of pass.problems) count(counts, d, false);
    for (const f of pass.filters) for (const d of f.diagnostics) count(counts, d, carriesFix(d, f));
    totalWarningCount += pass.warnings;
    filterCount += pass.filters.length;
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += counts[k];
    results.push({ file, problems: pass.problems, filters: pass.filters, ...counts, ...(output !== undefined && outputBytes !== null ? { output, outputBytes } : {}) });
  }

  return { cwd: meta.cwd, version: meta.version, severities: meta.severities, files: results, totalWarningCount, filterCount, ...total };
}
