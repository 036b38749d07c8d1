/**
 * Writes grammar/diagrams.html (railroad diagrams) from the executable Chevrotain grammar.
 * `npm run grammar` regenerates it; test/syntax/grammar-file.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { diagramsHtml } from "../src/syntax/diagrams.js";

const out = fileURLToPath(new URL("../grammar/diagrams.html", import.meta.url));
writeFileSync(out, diagramsHtml());
console.log(`wrote ${out}`);
