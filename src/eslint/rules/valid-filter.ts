/**
 * `valid-filter`: every static filter in the code (string literals, templates without
 * interpolations, concatenations of those, and this package's `filter` tagged templates) is parsed
 * and checked against the configured schema and target; each diagnostic is reported at its exact
 * place inside the literal.
 */
import type { Rule } from "eslint";
import { analyzeText, locOf, visitFilters } from "../analysis.js";
import { resolveSettings, SETTINGS_PROPERTIES, type MilvusFilterSettings } from "../settings.js";

export interface ValidFilterOptions extends MilvusFilterSettings {
  /** Which diagnostics to report: errors only, errors and warnings (default), or also infos. */
  report?: "errors" | "warnings" | "all";
}

const RANK = { error: 0, warning: 1, info: 2 } as const;
const THRESHOLD = { errors: 0, warnings: 1, all: 2 } as const;

export const validFilter: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Parse and check Milvus filter strings against the collection schema and the target Milvus version",
      recommended: true,
    },
    messages: {
      diagnostic: "{{message}} [{{code}}]",
      brokenInterpolation:
        "interpolation #{{index}} is not a whole value or name in the filter (inside a string or another token): the builder refuses it at run time",
      badConfig: "milvus-filter configuration: {{problem}}",
    },
    fixable: undefined,
    schema: [
      {
        type: "object",
        properties: { ...SETTINGS_PROPERTIES, report: { enum: ["errors", "warnings", "all"] } },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const options = (context.options[0] ?? {}) as ValidFilterOptions;
    const { report = "warnings", ...settings } = options;
    const resolved = resolveSettings(context, settings);
    let configReported = false;
    return visitFilters(context, resolved, (site, ex) => {
      if (ex.kind !== "static" && ex.kind !== "builder") return;
      if (!configReported && resolved.problems.length > 0) {
        configReported = true;
        for (const problem of resolved.problems) context.report({ node: site.node, messageId: "badConfig", data: { problem } });
      }
      const result = analyzeText(ex, site.purpose ?? resolved.purpose, resolved);
      if (ex.kind === "builder") {
        for (const i of result.brokenHoles) {
          const expr = ex.holes[i]!.expr;
          context.report({ node: expr, messageId: "brokenInterpolation", data: { index: String(i) } });
        }
      }
      for (const { diagnostic: d, severity } of result.diagnostics) {
        if (RANK[severity] > THRESHOLD[report]) continue;
        const message = d.hint ? `${d.message} (${d.hint})` : d.message;
        context.report({ loc: locOf(context, ex.text, d.span.start, d.span.end), messageId: "diagnostic", data: { code: d.code, message } });
      }
    });
  },
};
