/**
 * The default, human format: ESLint's `stylish` layout (file name, then one row per problem with
 * line:column in the file, severity, message and code), each problem followed by the cel-go style
 * caret snippet of the filter, and a summary line.
 *
 *   examples/bad-filters.txt
 *     4:7  error  '=' is not a comparison: write '=='  syntax/assign-instead-of-equals
 *          | title = "x"
 *          |       ^
 *
 *   ✖ 1 problem (1 error, 0 warnings)
 */
import { renderDiagnostic } from "../../diag/render.js";
import { ANSI, PLAIN } from "./color.js";
import { locatedMessages, plural, snippetSource, type Formatter } from "./common.js";

export const stylish: Formatter = (report, options) => {
  const c = options.color ? ANSI : PLAIN;
  const out: string[] = [];
  for (const fr of report.files) {
    // Infos (delete path, unused params) are reviewer notes: shown with --verbose, always in machine formats.
    const messages = locatedMessages(fr).filter((m) => options.verbose === true || m.inFile.severity !== "info");
    if (messages.length === 0) continue;
    out.push("", c.underline(fr.file.file));
    const posWidth = Math.max(...messages.map((m) => `${m.inFile.line}:${m.inFile.column}`.length));
    const sevWidth = Math.max(...messages.map((m) => m.inFile.severity.length));
    const indent = " ".repeat(2 + posWidth + 2);
    for (const m of messages) {
      const d = m.inFile;
      const pos = `${d.line}:${d.column}`.padEnd(posWidth);
      const sevText = d.severity.padEnd(sevWidth);
      const sev = d.severity === "error" ? c.red(sevText) : d.severity === "warning" ? c.yellow(sevText) : c.cyan(sevText);
      out.push(`  ${c.dim(pos)}  ${sev}  ${d.message}  ${c.dim(d.code)}`);
      const source = snippetSource(m, fr);
      if (source) {
        // renderDiagnostic's first line is its own header; the row above replaces it.
        const snippet = renderDiagnostic(m.own, source, { color: options.color }).split("\n").slice(1);
        for (const line of snippet) out.push(indent + line.replace(/^ {2}/, ""));
      } else if (d.hint) {
        out.push(`${indent}${c.dim("= hint:")} ${d.hint}`);
      }
    }
  }

  const infos = options.verbose === true ? report.infoCount : 0;
  const problems = report.errorCount + report.warningCount + infos;
  if (problems > 0) {
    const parts = [plural(report.errorCount, "error"), plural(report.warningCount, "warning")];
    if (infos > 0) parts.push(`${infos} info`);
    const summary = `\u2716 ${plural(problems, "problem")} (${parts.join(", ")})`;
    out.push("", report.errorCount > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
    if (report.fixableErrorCount + report.fixableWarningCount > 0) {
      const fixable = `  ${plural(report.fixableErrorCount, "error")} and ${plural(report.fixableWarningCount, "warning")} potentially fixable with the \`--fix\` option.`;
      out.push(report.errorCount > 0 ? c.red(c.bold(fixable)) : c.yellow(c.bold(fixable)));
    }
    out.push("");
  } else if (options.cleanSummary === true) {
    const files = report.files.length;
    out.push(c.green(`\u2714 ${plural(report.filterCount, "filter")} in ${plural(files, "file")}: no problems`));
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
};
