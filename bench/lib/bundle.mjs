// What a browser downloads for a set of exports of milvus-filter, measured with esbuild (ESM,
// minified, code splitting, platform browser): the initial load is the entry chunk plus every chunk
// it imports statically, gzipped at level 9; chunks reached only through import() load later.
// Used by bench/rows/bundle.mjs (the bench row) and scripts/bundle-size.mjs (a closer look).
//
// Two sources:
//   "src"  an entry re-exporting from src/index.ts: the library's own module graph.
//   "dist" an entry importing from "milvus-filter", resolved through package.json's "exports" as
//          an application's bundler resolves it (a node_modules/milvus-filter link to this
//          repository in a temporary folder; the browser platform picks each "import"'s
//          "default", dist/module/). Needs `npm run build`. This is what users get.
// dist leaves out Chevrotain's Lexer and grammar checks and replaces lodash-es with our stand-in
// (scripts/no-chevrotain-lexer.mjs, no-chevrotain-checks.mjs, lodash-stand-in/); src does none of that.
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A temporary folder for entries and the node_modules link; `dispose()` removes it. */
export function bundleWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), "mf-bundle-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules", "milvus-filter"), "dir");
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Bundles `export { ...names } from <library>` and returns the initial load's gzip and minified
 * bytes (and its text), its minified bytes per input file (esbuild's metafile keys), the lazy
 * chunks' inputs, and the Node built-ins the initial load still imports.
 */
export async function measureBundle(workspace, names, from) {
  const library = from === "dist" ? "milvus-filter" : join(root, "src", "index.ts");
  const tag = `${from}-${names.join("-")}`;
  const entry = join(workspace.dir, `entry-${tag}.mjs`);
  writeFileSync(entry, `export { ${names.join(", ")} } from ${JSON.stringify(library)};\n`);
  const r = await build({
    entryPoints: [entry],
    absWorkingDir: workspace.dir,
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    // Node built-ins that only the CLI and the Milvus client use: left out, and listed if a
    // browser entry still reaches them.
    external: [...builtinModules, "node:*"],
    outdir: join(workspace.dir, `out-${tag}`),
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const files = new Map(r.outputFiles.map((f) => [relative(workspace.dir, f.path), f.contents]));
  const outputs = r.metafile.outputs;
  const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint);
  const initial = new Set();
  const nodeImports = new Set();
  for (const stack = [entryOut]; stack.length; ) {
    const k = stack.pop();
    if (initial.has(k)) continue;
    initial.add(k);
    for (const imp of outputs[k].imports) {
      if (imp.external) nodeImports.add(imp.path);
      else if (imp.kind === "import-statement") stack.push(imp.path);
    }
  }
  const parts = [...initial].map((k) => files.get(k));
  const byInput = {};
  for (const k of initial) for (const [input, info] of Object.entries(outputs[k].inputs)) byInput[input] = (byInput[input] ?? 0) + info.bytesInOutput;
  const lazy = Object.keys(outputs)
    .filter((k) => !initial.has(k) && !k.endsWith(".map"))
    .map((k) => ({ gzip: gzipSync(files.get(k), { level: 9 }).length, inputs: Object.fromEntries(Object.entries(outputs[k].inputs).map(([i, x]) => [i, x.bytesInOutput])) }));
  const bytes = Buffer.concat(parts);
  return {
    gzip: gzipSync(bytes, { level: 9 }).length,
    text: bytes.toString("utf8"),
    raw: parts.reduce((s, b) => s + b.length, 0),
    byInput,
    lazy,
    nodeImports: [...nodeImports],
  };
}

/** Who an input path belongs to: a package name, or "milvus-filter" for this repository's files. */
export function packageOf(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m && m[1] !== "milvus-filter" ? m[1] : "milvus-filter";
}
