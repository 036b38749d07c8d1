/**
 * GitHub Actions workflow commands, which become annotations on the pull request:
 *   ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::message
 * `info` diagnostics are `::notice`. Per GitHub's rules, `%`, CR and LF are percent-encoded in the
 * message, and additionally `:` and `,` in property values. `col`/`endColumn` are left out when a
 * problem spans several lines (annotations take columns only on a single line).
 */
import { locatedMessages, slashPath, type Formatter } from "./common.js";

export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export const github: Formatter = (report) => {
  const lines: string[] = [];
  for (const fr of report.files) {
    const file = escapeProperty(slashPath(fr.file.file));
    for (const m of locatedMessages(fr)) {
      const d = m.inFile;
      const command = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
      const props = [`file=${file}`, `line=${d.line}`];
      if (d.line === d.endLine) props.push(`col=${d.column}`);
      props.push(`endLine=${d.endLine}`);
      if (d.line === d.endLine) props.push(`endColumn=${d.endColumn}`);
      props.push(`title=${escapeProperty(d.code)}`);
      const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
      lines.push(`::${command} ${props.join(",")}::${escapeData(message)}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
};
