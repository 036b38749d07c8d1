/**
 * ESLint's JSON result shape, so tools that read ESLint reports read ours:
 *   [{ filePath, messages: [{ ruleId, severity: 1|2, message, line, column, endLine, endColumn, fix? }],
 *      suppressedMessages, errorCount, fatalErrorCount, warningCount, fixableErrorCount,
 *      fixableWarningCount, source?, output?, usedDeprecatedRules }]
 * Positions are in the file. `fix.range` is a pair of file offsets (UTF-16, BOM excluded) and
 * `fix.text` what goes there. `output` is the fixed file text after --fix or --fix-dry-run;
 * `source` is the file text when there are messages and no output (as ESLint does).
 * `info` diagnostics are written with severity 1 but are not counted in `warningCount`.
 */
import { ruleInfo } from "../rules.js";
import { carriesFix } from "../lint-engine.js";
import { locatedMessages, type Formatter } from "./common.js";

export const json: Formatter = (report) => {
  const results = report.files.map((fr) => {
    const messages = locatedMessages(fr).map((m) => {
      const d = m.inFile;
      const msg: Record<string, unknown> = {
        ruleId: d.code,
        severity: d.severity === "error" ? 2 : 1,
        message: d.hint ? `${d.message} (hint: ${d.hint})` : d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      };
      if (ruleInfo(d.code)?.fatal) msg.fatal = true;
      if (m.filter && carriesFix(m.own, m.filter)) msg.fix = { range: [...m.filter.fix!.range], text: m.filter.fix!.text };
      return msg;
    });
    const fatalErrorCount = messages.filter((m) => m.fatal === true).length;
    const result: Record<string, unknown> = {
      filePath: fr.file.path ?? (fr.file.stdin ? "<text>" : fr.file.file),
      messages,
      suppressedMessages: [],
      errorCount: fr.errorCount,
      fatalErrorCount,
      warningCount: fr.warningCount,
      fixableErrorCount: fr.fixableErrorCount,
      fixableWarningCount: fr.fixableWarningCount,
    };
    if (fr.output !== undefined) result.output = fr.output;
    else if (messages.length > 0) result.source = fr.file.withBom(fr.file.text);
    result.usedDeprecatedRules = [];
    return result;
  });
  return `${JSON.stringify(results)}\n`;
};
