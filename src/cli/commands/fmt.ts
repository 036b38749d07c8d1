/**
 * `milvus-filter fmt [--check | --write] [--sort-lists] [--flatten] FILE…|DIR…|GLOB…|-`
 *
 * Contract:
 * - default: standard output gets the canonical form of every filter that parses, one per line, in
 *   input order (an empty filter, possible in JSON, is an empty line). A filter that does not parse
 *   is left out: its diagnostics go to standard error (stylish layout) and the exit status is 1, so
 *   a broken filter is never passed on as if it were fine.
 * - `--check`: nothing is printed for canonical filters; each filter that is not canonical is listed
 *   on standard output as `file:line:column: not canonical, should be: "…"`, with a count on
 *   standard error, and the exit status is 1.
 * - `--write`: every file with a non-canonical filter is rewritten in place (text, JSON and JSONL
 *   alike, with lint --fix's splicing: only the filters change) and its name is printed on
 *   standard output. Filters that do not parse stay as they are and are reported. Standard input
 *   cannot be rewritten.
 * Exit status: 0 fine; 1 a filter or file with an error, or (--check) a non-canonical filter;
 * 2 usage error or a file that could not be written.
 */
import { flagBoolean, flagString, type ParsedArgs } from "../args.js";
import { wantColor } from "../format/color.js";
import { plural } from "../format/common.js";
import { formatFile, isCanonical, type FormattedFile, type Printer } from "../fmt-engine.js";
import { collectInputs, type InputFormat } from "../inputs.js";
import { describeFsError, CliUsageError, type CliIO } from "../io.js";
import type { Counts, FileResult, LintReport } from "../lint-engine.js";
import { createProgress } from "../progress.js";
import { VERSION } from "../version.js";

export interface FmtDeps {
  /** Replaces the canonical printer (tests inject a faulty one to exercise the safety checks). */
  printer?: Printer;
}

export async function runFmt(args: ParsedArgs, io: CliIO, deps: FmtDeps = {}): Promise<number> {
  const check = flagBoolean(args, "check") === true;
  const write = flagBoolean(args, "write") === true;
  if (check && write) throw new CliUsageError("--check and --write cannot be used together: --check only reports, --write rewrites");
  if (write && args.positionals.includes("-")) throw new CliUsageError("--write cannot rewrite standard input; without --write the canonical forms are printed");

  const files = await collectInputs(args.positionals, io, {
    inputFormat: flagString(args, "input-format") as InputFormat | undefined,
    stdinFilename: flagString(args, "stdin-filename"),
  });
  const printer = deps.printer ?? (await import("../../backends/print/index.js")).print;
  const options = { print: { sortLists: flagBoolean(args, "sort-lists") === true, flatten: flagBoolean(args, "flatten") === true } };

  const total = files.reduce((n, f) => n + f.filters.length, 0);
  const progress = createProgress(io, total);
  let done = 0;
  const results: FormattedFile[] = [];
  for (const file of files) {
    results.push(formatFile(file, printer, options, write));
    done += file.filters.length;
    progress?.update(done);
  }
  progress?.finish();

  let out = "";
  let writeFailed = false;
  let nonCanonical = 0;
  if (write) {
    for (const r of results) {
      if (r.outputBytes === undefined || r.file.path === null || r.file.stdin) continue;
      try {
        await io.fs.writeFile(r.file.path, r.outputBytes);
        out += `${r.file.file}\n`;
      } catch (e) {
        writeFailed = true;
        io.stderr.write(`milvus-filter: cannot write ${r.file.file}: ${describeFsError(e)}\n`);
      }
    }
  } else {
    const lines: string[] = [];
    for (const r of results) {
      for (const f of r.filters) {
        if (f.canonical === null) continue;
        if (!check) lines.push(f.canonical);
        else if (!isCanonical(f)) {
          nonCanonical++;
          lines.push(`${f.input.file}:${f.input.line}:${f.input.column}: not canonical, should be: ${shorten(f.canonical)}`);
        }
      }
    }
    if (lines.length > 0) out = `${lines.join("\n")}\n`;
  }
  if (out !== "") io.stdout.write(out);

  const report = toReport(results, io.cwd);
  if (report.errorCount + report.warningCount > 0) {
    const { stylish } = await import("../format/stylish.js");
    io.stderr.write(stylish(report, { color: wantColor(io, "stderr", flagBoolean(args, "color")) }));
  }
  if (check && nonCanonical > 0) {
    const filters = results.reduce((n, r) => n + r.filters.length, 0);
    io.stderr.write(`${nonCanonical} of ${plural(filters, "filter")} ${nonCanonical === 1 ? "is" : "are"} not in canonical form; 'milvus-filter fmt --write' rewrites them.\n`);
  }

  if (writeFailed) return 2;
  return report.errorCount > 0 || (check && nonCanonical > 0) ? 1 : 0;
}

function shorten(s: string): string {
  const q = JSON.stringify(s);
  return q.length > 202 ? `${q.slice(0, 198)}..."` : q;
}

/** The diagnostics as a lint report, so they print exactly as `lint`'s stylish output. */
function toReport(results: readonly FormattedFile[], cwd: string): LintReport {
  const total: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  const files: FileResult[] = results.map((r) => {
    const counts: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
    const all = [...r.problems, ...r.filters.flatMap((f) => f.diagnostics)];
    for (const d of all) {
      if (d.severity === "error") counts.errorCount++;
      else if (d.severity === "warning") counts.warningCount++;
      else counts.infoCount++;
    }
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += counts[k];
    return {
      file: r.file,
      problems: r.problems,
      filters: r.filters.map((f) => ({ input: f.input, diagnostics: f.diagnostics, canonical: f.canonical, ok: f.canonical !== null, fix: null })),
      ...counts,
    };
  });
  return {
    cwd,
    version: VERSION,
    severities: new Map(),
    files,
    totalWarningCount: total.warningCount,
    filterCount: results.reduce((n, r) => n + r.filters.length, 0),
    ...total,
  };
}
