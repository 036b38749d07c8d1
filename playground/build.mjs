// Builds the playground into playground/dist/ (one script, no module loading, so file:// works).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lodashStandIn } from "../scripts/lodash-stand-in/plugin.mjs";
import { noChevrotainChecks } from "../scripts/no-chevrotain-checks.mjs";
import { noChevrotainLexer } from "../scripts/no-chevrotain-lexer.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
mkdirSync(out, { recursive: true });
const common = { bundle: true, minify: true, format: "iife", target: "chrome110", logLevel: "warning" };
// The regex engine is its own script, loaded by the page only when a filter uses =~ or !~.
await build({ ...common, entryPoints: [join(here, "src/re2-entry.ts")], outfile: join(out, "re2.js") });
await build({
  entryPoints: [join(here, "src/main.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "chrome110",
  outfile: join(out, "app.js"),
  loader: { ".json": "text" },
  plugins: [
    // Chevrotain's Lexer, which the playground never runs (src/syntax/lexer.ts scans filters).
    noChevrotainLexer,
    // Chevrotain's grammar validations, which the parser skips (skipValidations).
    noChevrotainChecks,
    // The lodash-es functions Chevrotain imports, from scripts/lodash-stand-in/ (smaller).
    lodashStandIn,
    {
      name: "lazy-re2",
      setup(b) {
        b.onResolve({ filter: /^re2js$/ }, (a) =>
          a.importer.endsWith(join("src", "backends", "eval", "regex-engine.ts")) ? { path: join(here, "src/re2-lazy.ts") } : undefined,
        );
      },
    },
    {
      name: "raw",
      setup(b) {
        b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: join(a.resolveDir, a.path.slice(0, -4)), namespace: "raw" }));
        b.onLoad({ filter: /.*/, namespace: "raw" }, (a) => ({ contents: readFileSync(a.path, "utf8"), loader: "text" }));
      },
    },
  ],
  logLevel: "warning",
});
for (const f of ["index.html", "style.css"]) copyFileSync(join(here, f), join(out, f));
copyFileSync(join(here, "../grammar/diagrams.html"), join(out, "diagrams.html"));
const sizes = {};
for (const f of ["app.js", "re2.js"]) {
  const js = readFileSync(join(out, f));
  sizes[f] = { bytes: js.length, gzip: gzipSync(js).length };
}
writeFileSync(join(out, "size.json"), JSON.stringify(sizes) + "\n");
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `playground built: ${join(out, "index.html")} (app.js ${kb(sizes["app.js"].gzip)} gzip; re2.js ${kb(sizes["re2.js"].gzip)} gzip, loaded on the first regex)`,
);
