// Builds the playground into playground/dist/ (one script, no module loading, so file:// works).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "chrome110",
  outfile: join(out, "app.js"),
  loader: { ".json": "text" },
  plugins: [
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
const js = readFileSync(join(out, "app.js"));
const gz = gzipSync(js).length;
writeFileSync(join(out, "size.json"), JSON.stringify({ bytes: js.length, gzip: gz }) + "\n");
console.log(`playground built: ${join(out, "index.html")} (app.js ${(js.length / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzip)`);
