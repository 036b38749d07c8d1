/**
 * Writes the files generated from the executable Chevrotain grammar: grammar/diagrams.html
 * (railroad diagrams) and src/syntax/lookahead-table.ts (the parser's precomputed lookahead).
 * `npm run grammar` regenerates them; test/syntax/grammar-file.test.ts and
 * test/syntax/lookahead.test.ts fail when they are stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { diagramsHtml, lookaheadTableSource } from "../src/syntax/diagrams.js";

for (const [path, text] of [
  ["../grammar/diagrams.html", diagramsHtml()],
  ["../src/syntax/lookahead-table.ts", lookaheadTableSource()],
] as const) {
  const out = fileURLToPath(new URL(path, import.meta.url));
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
