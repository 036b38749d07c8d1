/**
 * The lint jsonl contract (issue 3 §7): one object per filter, in input order,
 *   {"index","file","line","column","filter","ok","canonical","diagnostics":[{"code","severity",
 *    "message","line","column","endLine","endColumn"(,"hint")}]}
 * `index` is the filter's 0-based position in the run, `line`/`column` where the filter starts in
 * its file; diagnostic positions are relative to the filter text. `file` and `column` are additions
 * to the key list. A problem of a file itself (unreadable, invalid JSON, a JSONL line without
 * a filter) is a record with `"index": null, "filter": null, "ok": false`, its diagnostic positioned
 * in the file.
 */
import type { Diagnostic } from "../../diag/diagnostic.js";
import type { FileResult, FilterResult } from "../lint-engine.js";
import { contractDiagnostic, type Formatter } from "./common.js";

/** Problems and filters of a file, interleaved by position. */
export function fileRecords(fr: FileResult): ({ problem: Diagnostic } | { filter: FilterResult })[] {
  if (fr.problems.length === 0) return fr.filters.map((filter) => ({ filter }));
  const items: { at: number; item: { problem: Diagnostic } | { filter: FilterResult } }[] = [];
  for (const problem of fr.problems) items.push({ at: problem.span.start, item: { problem } });
  for (const filter of fr.filters) items.push({ at: filter.input.literal.start, item: { filter } });
  return items.sort((a, b) => a.at - b.at).map((x) => x.item);
}

export function problemRecord(file: string, d: Diagnostic, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    index: null,
    file,
    line: d.line,
    column: d.column,
    filter: null,
    ok: d.severity !== "error",
    ...extra,
    diagnostics: [contractDiagnostic(d)],
  };
}

export const jsonl: Formatter = (report) => {
  const lines: string[] = [];
  for (const fr of report.files) {
    for (const rec of fileRecords(fr)) {
      if ("problem" in rec) {
        lines.push(JSON.stringify(problemRecord(fr.file.file, rec.problem, { canonical: null })));
        continue;
      }
      const f = rec.filter;
      lines.push(
        JSON.stringify({
          index: f.input.index,
          file: f.input.file,
          line: f.input.line,
          column: f.input.column,
          filter: f.input.text,
          ok: f.ok,
          canonical: f.canonical,
          diagnostics: f.diagnostics.map(contractDiagnostic),
        }),
      );
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
};
