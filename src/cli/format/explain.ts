/**
 * `eval --explain`: why a row matched or not, as an indented tree of the filter's nodes, each with
 * its three-valued result and the column values it read:
 *
 *   row 2 (line 2, id 2): UNKNOWN, not matched
 *     pages > 300 or price < 10  → UNKNOWN
 *       pages > 300  → FALSE  (pages = 271)
 *       price < 10  → UNKNOWN  (price = NULL)  UNKNOWN: NULL column
 */
import type { ExplainNode, Truth } from "../../backends/eval/index.js";
import type { Palette } from "./color.js";

/** Longest node text shown; longer ones are cut (their children show the rest). */
const MAX_LABEL = 100;

export function tvText(v: Truth, c: Palette): string {
  return v === true ? c.green("TRUE") : v === false ? c.red("FALSE") : c.yellow("UNKNOWN");
}

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

function label(node: ExplainNode): string {
  const text = oneLine(node.text);
  if (text === "") return node.node;
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 3)}...` : text;
}

/** The tree's lines, the root indented by `depth` steps of two spaces. Iterative: trees can be deep. */
export function explainLines(tree: ExplainNode, c: Palette, depth = 1): string[] {
  const out: string[] = [];
  const stack: { node: ExplainNode; depth: number }[] = [{ node: tree, depth }];
  while (stack.length > 0) {
    const { node, depth: d } = stack.pop()!;
    const reads = node.reads && node.reads.length > 0 ? c.dim(`  (${node.reads.map((r) => `${oneLine(r.text)} = ${r.value}`).join(", ")})`) : "";
    const note = node.note ? c.dim(`  ${node.note}`) : "";
    out.push(`${"  ".repeat(d)}${label(node)}  \u2192 ${tvText(node.value, c)}${reads}${note}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: d + 1 });
  }
  return out;
}
