/** `milvus-filter rules`: every diagnostic code with its default severity and a one-line description. */
import { flagString, type ParsedArgs } from "../args.js";
import type { CliIO } from "../io.js";
import { RULES, type RuleInfo } from "../rules.js";

const shown = (s: RuleInfo["defaultSeverity"]): string => (s === "warning" ? "warn" : s);

export function formatRules(format: "text" | "json" | "markdown"): string {
  if (format === "json") {
    const list = RULES.map((r) => ({
      code: r.code,
      defaultSeverity: shown(r.defaultSeverity),
      description: r.description,
      configurable: r.fatal !== true,
      fixable: r.fixable === true,
    }));
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  if (format === "markdown") {
    const rows = RULES.map(
      (r) => `| \`${r.code}\` | ${shown(r.defaultSeverity)}${r.fatal ? " (fixed)" : ""} | ${r.description.replace(/\|/g, "\\|")}${r.fixable ? " (fixable)" : ""} |`,
    );
    return ["| code | default | description |", "|---|---|---|", ...rows, ""].join("\n");
  }
  const width = Math.max(...RULES.map((r) => r.code.length)) + 2;
  const lines = RULES.map((r) => `${r.code.padEnd(width)}${(shown(r.defaultSeverity) + (r.fatal ? "*" : "")).padEnd(8)}${r.description}`);
  lines.push(
    "",
    "Set severities in the \"rules\" of .milvusfilterrc.json or with --rule CODE=off|info|warn|error.",
    "* fixed: a filter with this problem cannot be analysed, so its severity cannot be changed.",
  );
  return `${lines.join("\n")}\n`;
}

export async function runRules(args: ParsedArgs, io: CliIO): Promise<number> {
  io.stdout.write(formatRules((flagString(args, "format") ?? "text") as "text" | "json" | "markdown"));
  return 0;
}
