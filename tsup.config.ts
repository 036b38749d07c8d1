import { defineConfig, type Options } from "tsup";
import { noChevrotainLexer } from "./scripts/no-chevrotain-lexer.mjs";

// import.meta is a syntax error in a CommonJS file: the one use (src/backends/eval/regex-engine.ts,
// which prefers __filename there) gets `undefined` in the CommonJS outputs.
const noImportMetaInCjs: Options["esbuildOptions"] = (options, { format }) => {
  if (format === "cjs") options.define = { ...options.define, "import.meta.url": "undefined" };
};

// Chevrotain is bundled in: it is ESM-only (a CJS consumer could not require it otherwise)
// and one pre-bundled file imports several times faster than its module graph (cold CLI start).
// Its Lexer, which milvus-filter never runs (src/syntax/lexer.ts scans filters), is left out of
// every bundle: scripts/no-chevrotain-lexer.mjs says why and what stands in for it.
export default defineConfig([
  {
    // The subpaths share one copy of the builder (chunks, also for CJS: splitting), so a Filter made
    // with `milvus-filter` is recognised by `milvus-filter/guard` and the others; eslint is the
    // ESLint plugin (milvus-filter/eslint).
    entry: {
      index: "src/index.ts",
      milvus: "src/milvus/index.ts",
      convert: "src/convert/index.ts",
      guard: "src/guard/index.ts",
      "with-checks": "src/milvus/with-checks.ts",
      eslint: "src/eslint/index.ts",
    },
    format: ["esm", "cjs"],
    splitting: true,
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    noExternal: ["chevrotain"],
    external: ["eslint"],
    esbuildPlugins: [noChevrotainLexer],
    esbuildOptions: noImportMetaInCjs,
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
    esbuildPlugins: [noChevrotainLexer],
    esbuildOptions(options, context) {
      noImportMetaInCjs(options, context);
      // import() of an external package (re2js) becomes require(): a script compiled from V8's
      // cached data on Node 20 cannot import() (bin/code-cache.mjs).
      options.supported = { ...options.supported, "dynamic-import": false };
    },
  },
]);
