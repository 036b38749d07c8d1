/**
 * The CLI's view of the diagnostic code registry (src/diag/codes.ts): what `milvus-filter rules`
 * lists, what config `rules` may name, and the rule metadata in SARIF output.
 */
import type { Severity } from "../diag/diagnostic.js";
import { CODE_LIST } from "../diag/codes.js";
import { CODE_DOCS } from "../diag/code-docs.js";

export type RuleSeverity = Severity | "off";

export interface RuleInfo {
  /** A `DiagnosticCode`; typed as a string so that lookups by any text need no cast. */
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

/** Every known code, in the registry's order. */
export const RULES: readonly RuleInfo[] = Object.freeze(
  CODE_LIST.map(
    (c): RuleInfo => ({
      code: c.code,
      defaultSeverity: c.severity,
      description: CODE_DOCS[c.code],
      ...(c.fatal ? { fatal: true } : {}),
      ...(c.fixable ? { fixable: true } : {}),
    }),
  ),
);

const BY_CODE = new Map<string, RuleInfo>(RULES.map((r) => [r.code, r]));

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
