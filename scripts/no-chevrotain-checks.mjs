// An esbuild plugin for the package's own bundles (tsup.config.ts, playground/build.mjs): Chevrotain's
// grammar checks module (parse/grammar/checks.js) is replaced by stand-ins that throw.
//
// Those checks run only when a parser is built with validations on, and milvus-filter builds its
// parser with `skipValidations` (src/syntax/grammar.ts: `validate` is false everywhere but the
// tests, which construct the parser from src/, not from these bundles:
// test/syntax/grammar-file.test.ts, test/syntax/lookahead.test.ts). The module and what only it
// uses (the grammar path interpreter) are about 10 KB minified that nothing runs. The stand-in
// has the same export names (read from Chevrotain's file at build time), each of which throws
// saying why.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** Only Chevrotain's own checks module, imported from inside Chevrotain, is replaced. */
const CHECKS_MODULE = /(^|\/)checks\.js$/;
const IN_CHEVROTAIN = /[\\/]node_modules[\\/]chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]/;

export const CHECKS_STAND_IN_MESSAGE =
  "milvus-filter's bundles leave out Chevrotain's grammar validations (the parser skips them; the tests run them from src/)";

/** A module with the real one's exported functions and classes, each throwing. */
export function checksStandIn(realSource) {
  const names = [...realSource.matchAll(/^export (function|class) (\w+)/gm)];
  const other = realSource.match(/^export (?!function |class )/m);
  if (other) throw new Error(`no-chevrotain-checks: an export the stand-in cannot mirror: ${other[0]}`);
  return [
    `function fail() { throw new Error(${JSON.stringify(CHECKS_STAND_IN_MESSAGE)}); }`,
    ...names.map(([, kind, name]) => (kind === "class" ? `export class ${name} { constructor() { fail(); } }` : `export function ${name}() { fail(); }`)),
  ].join("\n");
}

/** @type {import("esbuild").Plugin} */
export const noChevrotainChecks = {
  name: "no-chevrotain-checks",
  setup(build) {
    build.onResolve({ filter: CHECKS_MODULE }, (args) => {
      if (!IN_CHEVROTAIN.test(args.importer)) return undefined;
      return { path: resolve(args.resolveDir, args.path), namespace: "no-chevrotain-checks" };
    });
    build.onLoad({ filter: /.*/, namespace: "no-chevrotain-checks" }, (args) => ({
      contents: checksStandIn(readFileSync(args.path, "utf8")),
      loader: "js",
    }));
  },
};
