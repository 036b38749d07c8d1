/**
 * The checker's type map printed as a typed tree (cel-go's debug form): every node the checker
 * typed is followed by `~Type`, and a node with children is bracketed so nesting is unambiguous:
 * `year + 1 > 2` -> `[[year~Int32 + 1~Int64]~Int32 > 2~Int64]~Bool`.
 * Built from spans and `children()` alone, so it needs no per-kind code and shows exactly what the
 * checker recorded (a node it never typed is printed without a suffix).
 */
import type { CheckResult } from "../../src/check/index.js";
import type { Root } from "../../src/syntax/ast.js";
import { children } from "../../src/syntax/walk.js";

export function typedTree(result: CheckResult): string {
  if (!result.ast) return "<no tree>";
  const text = result.source.text;
  const show = (n: Root): string => {
    const kids = children(n).filter((k) => k.span.end > k.span.start).sort((a, b) => a.span.start - b.span.start);
    let out = "";
    let at = n.span.start;
    for (const k of kids) {
      if (k.span.start < at) continue; // a child sharing text with an earlier one (not expected): print once
      out += text.slice(at, k.span.start) + show(k);
      at = k.span.end;
    }
    out += text.slice(at, n.span.end);
    const t = result.types.get(n.id);
    const body = kids.length > 0 ? `[${out}]` : out;
    return t ? `${body}~${t.dataType}` : body;
  };
  return show(result.ast);
}
