#!/usr/bin/env node
// What a browser downloads for a set of exports of milvus-filter: esbuild bundles an entry that
// re-exports them from src/index.ts (ESM, minified, code splitting, platform browser), and the
// initial load is the entry chunk plus every chunk it imports statically, gzipped at level 9.
// Chunks reached only through import() are listed apart (loaded when first needed).
//
//   node scripts/bundle-size.mjs                       parse alone; parse + check + print + compileFilter
//   node scripts/bundle-size.mjs parse,check           any comma-separated sets of exports
//   node scripts/bundle-size.mjs --dist [sets]         from the built package (dist/index.js, run
//                                                      `npm run build` first): what an application that
//                                                      imports milvus-filter bundles. dist leaves out
//                                                      Chevrotain's Lexer (scripts/no-chevrotain-lexer.mjs);
//                                                      src/ and bench/rows/bundle.mjs do not.
//
// Prints, per set: the initial gzip size, the minified bytes by package and by folder of src/, and
// the lazy chunks with what they hold. (bench/ has the benchmark row; this is for looking closer.)
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const fromDist = args[0] === "--dist";
if (fromDist) args.shift();
const sets = args.length > 0 ? args.map((s) => s.split(",")) : [["parse"], ["parse", "check", "print", "compileFilter"]];
const library = fromDist ? join(root, "dist", "index.js") : join(root, "src", "index.ts");

/** `node_modules/chevrotain/…` → chevrotain; `src/check/x.ts` → src/check. */
function ownerOf(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return m[1];
  const s = /(?:^|\/)src\/([^/]+)\//.exec(input);
  return s ? `src/${s[1]}` : input;
}

function tally(inputs) {
  const out = {};
  for (const [input, info] of Object.entries(inputs)) out[ownerOf(input)] = (out[ownerOf(input)] ?? 0) + info.bytesInOutput;
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const show = (t) =>
  Object.entries(t)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(", ");

const dir = mkdtempSync(join(tmpdir(), "mf-bundle-"));
try {
  for (const names of sets) {
    const entry = join(dir, `entry-${names.join("-")}.mjs`);
    writeFileSync(entry, `export { ${names.join(", ")} } from ${JSON.stringify(library)};\n`);
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      external: [...builtinModules, "node:*"],
      outdir: join(dir, "out"),
      metafile: true,
      write: false,
      logLevel: "silent",
    });
    const files = new Map(r.outputFiles.map((f) => [f.path, f.contents]));
    const outputs = r.metafile.outputs;
    const fileOf = (k) => files.get(join(root, k)) ?? files.get(k) ?? [...files].find(([p]) => p.endsWith(k.replace(/^.*?out\//, "/out/")))?.[1];
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
    const initialBytes = [...initial].map(fileOf);
    const gzip = gzipSync(Buffer.concat(initialBytes), { level: 9 }).length;
    const raw = initialBytes.reduce((s, b) => s + b.length, 0);
    const byOwner = {};
    for (const k of initial) for (const [o, n] of Object.entries(tally(outputs[k].inputs))) byOwner[o] = (byOwner[o] ?? 0) + n;
    console.log(`${names.join(" + ")}: ${kb(gzip)} gzip initial (${kb(raw)} minified)`);
    console.log(`  initial, minified bytes: ${show(byOwner)}`);
    if (nodeImports.size > 0) console.log(`  still imports: ${[...nodeImports].join(", ")}`);
    for (const k of Object.keys(outputs).filter((k) => !initial.has(k) && !k.endsWith(".map"))) {
      const bytes = fileOf(k);
      console.log(`  lazy chunk ${kb(gzipSync(bytes, { level: 9 }).length)} gzip: ${show(tally(outputs[k].inputs))}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
