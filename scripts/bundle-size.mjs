#!/usr/bin/env node
// What a browser downloads for a set of exports of milvus-filter (bench/lib/bundle.mjs measures:
// esbuild, ESM, minified, code splitting, platform browser, gzip level 9 of the initial load).
//
//   node scripts/bundle-size.mjs                       parse alone; parse + check + print + compileFilter
//   node scripts/bundle-size.mjs parse,check           any comma-separated sets of exports
//   node scripts/bundle-size.mjs --dist [sets]         from the built package (`npm run build` first),
//                                                      imported as "milvus-filter" through package.json's
//                                                      "exports": what an application's bundle holds.
//                                                      dist leaves out Chevrotain's Lexer and grammar
//                                                      checks and has a lodash-es stand-in
//                                                      (scripts/no-chevrotain-*.mjs, scripts/lodash-stand-in/);
//                                                      src/ does not.
//
// Prints, per set: the initial gzip size, the minified bytes by package and by folder of src/ (for
// --dist, by file of dist/), and the lazy chunks with what they hold. (bench/rows/bundle.mjs has the
// benchmark rows; this is for looking closer.)
import { bundleWorkspace, measureBundle } from "../bench/lib/bundle.mjs";

const args = process.argv.slice(2);
const fromDist = args[0] === "--dist";
if (fromDist) args.shift();
const sets = args.length > 0 ? args.map((s) => s.split(",")) : [["parse"], ["parse", "check", "print", "compileFilter"]];

/** `node_modules/chevrotain/…` → chevrotain; `src/check/x.ts` → src/check; `dist/module/x.js` → itself. */
function ownerOf(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m && m[1] !== "milvus-filter") return m[1];
  const s = /(?:^|\/)src\/([^/]+)\//.exec(input);
  if (s) return `src/${s[1]}`;
  const d = /(?:^|\/)(dist\/.*)$/.exec(input);
  return d ? d[1] : input;
}

function tally(inputs) {
  const out = {};
  for (const [input, n] of Object.entries(inputs)) out[ownerOf(input)] = (out[ownerOf(input)] ?? 0) + n;
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const show = (t) =>
  Object.entries(t)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(", ");

const ws = bundleWorkspace();
try {
  for (const names of sets) {
    const m = await measureBundle(ws, names, fromDist ? "dist" : "src");
    console.log(`${names.join(" + ")}: ${kb(m.gzip)} gzip initial (${kb(m.raw)} minified)`);
    console.log(`  initial, minified bytes: ${show(tally(m.byInput))}`);
    if (m.nodeImports.length > 0) console.log(`  still imports: ${m.nodeImports.join(", ")}`);
    for (const c of m.lazy) console.log(`  lazy chunk ${kb(c.gzip)} gzip: ${show(tally(c.inputs))}`);
  }
} finally {
  ws.dispose();
}
