/**
 * `canonical-filter` (off in `recommended`): a static filter that is not written in the canonical
 * form of the library's printer (docs/printer.md) is reported; the fix writes the canonical form
 * into the literal, keeping its kind of quotes. Only filters that parse are compared; a filter
 * made of several concatenated literals is reported without a fix.
 */
import type { Rule } from "eslint";
import type * as ES from "estree";
import { parse } from "../../syntax/parse.js";
import { print } from "../../backends/print/print.js";
import { visitFilters } from "../analysis.js";
import { resolveSettings, SETTINGS_PROPERTIES } from "../settings.js";

export const canonicalFilter: Rule.RuleModule = {
  meta: {
    type: "suggestion",
    docs: {
      description: "Require Milvus filter strings in the canonical form of milvus-filter's printer",
      recommended: false,
    },
    messages: {
      nonCanonical: "filter is not in canonical form: {{canonical}}",
    },
    fixable: "code",
    schema: [
      {
        type: "object",
        properties: { calls: SETTINGS_PROPERTIES.calls!, receiverTypes: SETTINGS_PROPERTIES.receiverTypes! },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const resolved = resolveSettings(context, (context.options[0] ?? {}) as object);
    return visitFilters(context, resolved, (_site, ex) => {
      if (ex.kind !== "static") return;
      const text = ex.text.text;
      const parsed = parse(text);
      if (!parsed.ast) return;
      let canonical: string;
      try {
        canonical = print(parsed.ast);
      } catch {
        return; // trees from parse always print; a printer bug must not break the user's file
      }
      if (canonical === text || parse(canonical).ast === null) return;
      const shown = canonical.length > 120 ? `${canonical.slice(0, 117)}...` : canonical;
      const node = ex.node;
      const literal = quoteLike(node, canonical);
      context.report({
        node,
        messageId: "nonCanonical",
        data: { canonical: shown },
        ...(literal !== undefined ? { fix: (fixer: Rule.RuleFixer) => fixer.replaceText(node, literal) } : {}),
      });
    });
  },
};

/** `text` as a JavaScript literal of the same kind as `node` (single/double quotes, template). */
function quoteLike(node: ES.Expression, text: string): string | undefined {
  if (node.type === "Literal" && typeof node.value === "string") {
    const q = node.raw?.startsWith("'") ? "'" : '"';
    return q + escapeFor(text, q) + q;
  }
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return "`" + escapeFor(text, "`") + "`";
  return undefined;
}

function escapeFor(text: string, quote: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (quote === "`" && ch === "$") out += "\\$";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\u2028" || ch === "\u2029" || ch < " " || (ch.length === 1 && ch >= "\ud800" && ch <= "\udfff")) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out;
}
