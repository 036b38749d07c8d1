/**
 * The registry of diagnostic codes: what `milvus-filter rules` lists, what config `rules` may
 * name, and the rule metadata in SARIF output.
 */
import type { Severity } from "../diag/diagnostic.js";
import { CHECK_CODES } from "../check/codes.js";
import { USAGE_CODES } from "../diag/usage.js";

export type RuleSeverity = Severity | "off";

export interface RuleInfo {
  readonly code: string;
  readonly defaultSeverity: RuleSeverity;
  readonly description: string;
  /**
   * The filter (or file) cannot be analysed at all when this is reported, so its severity cannot
   * be changed by configuration.
   */
  readonly fatal?: boolean;
  /** `--fix` resolves it. */
  readonly fixable?: boolean;
}

/** Codes produced by the parser (src/syntax) and by the CLI itself. */
const SYNTAX_AND_CLI_CODES: readonly RuleInfo[] = [
  { code: "syntax/unexpected-token", defaultSeverity: "error", fatal: true, description: "a token that does not fit where it stands" },
  { code: "syntax/unexpected-end", defaultSeverity: "error", fatal: true, description: "the filter ends where something more is needed" },
  { code: "syntax/unterminated-string", defaultSeverity: "error", fatal: true, description: "a string literal without its closing quote" },
  { code: "syntax/invalid-character", defaultSeverity: "error", fatal: true, description: "a character that is not part of the filter language outside a string" },
  { code: "syntax/keyword-case", defaultSeverity: "error", fatal: true, description: "a keyword in mixed case such as 'And' or 'Like', which Milvus reads as a field name" },
  { code: "syntax/is-null-spelling", defaultSeverity: "error", fatal: true, description: "'is null' / 'is not null' written with extra spaces or in mixed case" },
  { code: "syntax/assign-instead-of-equals", defaultSeverity: "error", fatal: true, description: "'=' used as a comparison; Milvus needs '=='" },
  { code: "limit/too-deep", defaultSeverity: "error", fatal: true, description: "nesting deeper than the parser's depth limit" },
  { code: "limit/too-long", defaultSeverity: "error", fatal: true, description: "a filter longer than the parser's length limit" },
  { code: "limit/too-many-diagnostics", defaultSeverity: "error", fatal: true, description: "more problems in one filter than are reported one by one" },
  { code: "io/unreadable", defaultSeverity: "error", fatal: true, description: "an input file that cannot be read" },
  { code: "io/invalid-json", defaultSeverity: "error", fatal: true, description: "a .json file or a JSONL line that is not valid JSON" },
  { code: "io/no-filter", defaultSeverity: "error", description: "a JSONL line or JSON input without a filter string (a named .json file with none is a warning)" },
  { code: "io/invalid-utf8", defaultSeverity: "warning", description: "an input file with bytes that are not valid UTF-8 (read as U+FFFD; rewrites keep them)" },
  { code: "style/non-canonical", defaultSeverity: "off", fixable: true, description: "a filter that differs from its canonical form, which is what --fix writes" },
  { code: "guard/missing-required", defaultSeverity: "error", description: "with lint --require: a filter whose top-level 'and' lacks the required condition as a direct conjunct" },
  { code: "internal/error", defaultSeverity: "error", fatal: true, description: "the analysis failed on this filter (a bug: please report it)" },
];


function normalizeDefault(s: string): RuleSeverity {
  if (s === "warn") return "warning";
  return s === "error" || s === "warning" || s === "info" || s === "off" ? s : "error";
}

/** Every known code, in a stable order: syntax and input codes first, then usage codes, then the checker's. */
export const RULES: readonly RuleInfo[] = (() => {
  // Library misuse (src/diag/usage.ts): the call itself is wrong, so nothing can be configured away.
  const usage = USAGE_CODES.map((u): RuleInfo => ({ code: u.code, defaultSeverity: "error", fatal: true, description: u.description }));
  const out = [...SYNTAX_AND_CLI_CODES, ...usage];
  const seen = new Set(out.map((r) => r.code));
  for (const r of CHECK_CODES) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    out.push({ code: r.code, defaultSeverity: normalizeDefault(r.defaultSeverity), description: r.description });
  }
  return out;
})();

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/** Config values for a rule: ESLint's words and numbers, plus `info`. */
export function parseRuleSetting(value: unknown): RuleSeverity | undefined {
  switch (value) {
    case "off":
    case 0:
      return "off";
    case "info":
      return "info";
    case "warn":
    case "warning":
    case 1:
      return "warning";
    case "error":
    case 2:
      return "error";
    default:
      return undefined;
  }
}
