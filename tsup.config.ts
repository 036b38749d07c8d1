import { buildSync } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { relative } from "node:path";
import { defineConfig, type Options } from "tsup";
import { lodashStandIn } from "./scripts/lodash-stand-in/plugin.mjs";
import { noChevrotainChecks } from "./scripts/no-chevrotain-checks.mjs";
import { noChevrotainLexer } from "./scripts/no-chevrotain-lexer.mjs";

// import.meta is a syntax error in a CommonJS file: the one use (src/backends/eval/regex-engine.ts,
// which prefers __filename there) gets `undefined` in the CommonJS outputs.
const noImportMetaInCjs: Options["esbuildOptions"] = (options, { format }) => {
  if (format === "cjs") options.define = { ...options.define, "import.meta.url": "undefined" };
};

const PUBLIC_ENTRIES = {
  index: "src/index.ts",
  milvus: "src/milvus/index.ts",
  convert: "src/convert/index.ts",
  guard: "src/guard/index.ts",
  "with-checks": "src/milvus/with-checks.ts",
  eslint: "src/eslint/index.ts",
};

/**
 * Every source module the public entries reach, as `{ "syntax/parse": "src/syntax/parse.ts" }`:
 * the entries of dist/module/ (see below).
 */
function sourceModules(): Record<string, string> {
  const r = buildSync({
    entryPoints: Object.values(PUBLIC_ENTRIES),
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outdir: "dist/module", // required with several entries; nothing is written (write: false)
    logLevel: "silent",
  });
  const entries: Record<string, string> = {};
  for (const input of Object.keys(r.metafile.inputs)) {
    if (!/^src\/.*\.ts$/.test(input)) continue;
    entries[relative("src", input).replace(/\.ts$/, "")] = input;
  }
  return entries;
}

// Chevrotain is bundled in: it is ESM-only (a CJS consumer could not require it otherwise)
// and one pre-bundled file imports several times faster than its module graph (cold CLI start).
// Its Lexer, which milvus-filter never runs (src/syntax/lexer.ts scans filters), is left out of
// every bundle: scripts/no-chevrotain-lexer.mjs says why and what stands in for it. So are its grammar
// validations, which the parser skips (scripts/no-chevrotain-checks.mjs), and the lodash-es functions
// Chevrotain imports come from scripts/lodash-stand-in/ instead (a tenth of the size).
export default defineConfig([
  {
    // The subpaths share one copy of the builder (chunks, also for CJS: splitting), so a Filter made
    // with `milvus-filter` is recognised by `milvus-filter/guard` and the others; eslint is the
    // ESLint plugin (milvus-filter/eslint).
    entry: PUBLIC_ENTRIES,
    format: ["esm", "cjs"],
    splitting: true,
    dts: true,
    sourcemap: true,
    clean: ["!module/**"], // dist/module/ is the next build's
    target: "node20",
    noExternal: ["chevrotain"],
    external: ["eslint"],
    esbuildPlugins: [noChevrotainLexer, noChevrotainChecks, lodashStandIn],
    esbuildOptions: noImportMetaInCjs,
  },
  {
    // dist/module/: the ESM build that bundlers get (package.json: the "default" beside "node" in
    // each "import"). The pre-bundled chunks above suit Node (few files to load) but not a bundler:
    // inside one chunk it can drop only statements it can prove pure, and Chevrotain's and
    // lodash's module-level code (and ours) is not, so an application using `parse` alone got
    // nearly the whole library. Here every source module is an entry point of its own, so esbuild
    // gives each one its own chunk (a chunk holds the modules reached by the same set of
    // entries): the bundler sees the module graph again and, with "sideEffects": false, leaves out
    // the modules nothing imports. Chevrotain and lodash-es, which `parse` needs whole, stay in a
    // shared chunk. One build, so the subpaths still share one copy of the builder.
    entry: sourceModules(),
    outDir: "dist/module",
    format: ["esm"],
    splitting: true,
    dts: false,
    sourcemap: false,
    clean: true,
    target: "node20",
    noExternal: ["chevrotain"],
    external: ["eslint"],
    esbuildPlugins: [noChevrotainLexer, noChevrotainChecks, lodashStandIn],
    esbuildOptions(options) {
      options.chunkNames = "chunks/[name]-[hash]";
    },
    // The inner modules' entry files only re-export their chunk, and nothing imports them (chunks
    // import chunks): only the public entries' files are kept.
    onSuccess: async () => {
      const keep = new Set(Object.values(PUBLIC_ENTRIES).map((src) => relative("src", src).replace(/\.ts$/, ".js")));
      const prune = (dir: string): boolean => {
        for (const e of readdirSync(`dist/module/${dir}`, { withFileTypes: true })) {
          const rel = dir ? `${dir}/${e.name}` : e.name;
          if (rel === "chunks") continue;
          if (e.isDirectory() ? prune(rel) : !keep.has(rel)) rmSync(`dist/module/${rel}`, { recursive: true });
        }
        return readdirSync(`dist/module/${dir}`).length === 0;
      };
      prune("");
    },
  },
  {
    // The CLI is one minified CommonJS file, dist/cli.cjs: the commands' dynamic import()s become
    // lazily initialised parts of it (nothing runs before its command needs it), and a single
    // classic script is what V8's code cache can hold on Node 20, where bin/code-cache.mjs loads it
    // (Node 22.1+ caches it itself: module.enableCompileCache). Measured in bench/cli-cold.mjs.
    // Source maps keep traces readable.
    entry: { cli: "src/cli/main.ts" },
    format: ["cjs"],
    outExtension: () => ({ js: ".cjs" }),
    splitting: false,
    sourcemap: true,
    minify: true,
    target: "node20",
    noExternal: ["chevrotain"],
    esbuildPlugins: [noChevrotainLexer, noChevrotainChecks, lodashStandIn],
    esbuildOptions(options, context) {
      noImportMetaInCjs(options, context);
      // import() of an external package (re2js) becomes require(): a script compiled from V8's
      // cached data on Node 20 cannot import() (bin/code-cache.mjs).
      options.supported = { ...options.supported, "dynamic-import": false };
    },
  },
]);
