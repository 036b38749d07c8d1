// An esbuild plugin for the package's own bundles (tsup.config.ts, playground/build.mjs): Chevrotain's
// Lexer class is replaced by a stand-in that keeps only its two constants.
//
// milvus-filter scans filter text with its own lexer (src/syntax/lexer.ts) and never constructs a
// Chevrotain Lexer outside the tests (which compare the two on src/, not on these bundles). Yet
// Chevrotain's parser reaches the Lexer class through its token module (`EOF` and the recording
// token are created with `pattern: Lexer.NA`), and the class pulls in the lexer's analysis and the
// regexp-to-ast parser: about 30 KB minified (10 KB gzip) that nothing runs. The stand-in has the
// same `SKIPPED` and `NA` values (read from Chevrotain at build time, not copied), the same
// `LexerDefinitionErrorType` enum, and a constructor that says why it cannot lex.
import { Lexer, LexerDefinitionErrorType } from "chevrotain";

/** Only imports of Chevrotain's own lexer module, from inside Chevrotain, are replaced. */
const LEXER_MODULE = /(^|\/)lexer_public\.js$/;
const IN_CHEVROTAIN = /[\\/]node_modules[\\/]chevrotain[\\/]/;

export const STAND_IN_MESSAGE = "milvus-filter's bundles leave out Chevrotain's Lexer (src/syntax/lexer.ts scans filters)";

const standIn = `export var LexerDefinitionErrorType = ${JSON.stringify(LexerDefinitionErrorType)};
export class Lexer {
  constructor() {
    throw new Error(${JSON.stringify(STAND_IN_MESSAGE)});
  }
}
Lexer.SKIPPED = ${JSON.stringify(Lexer.SKIPPED)};
Lexer.NA = new RegExp(${JSON.stringify(Lexer.NA.source)}, ${JSON.stringify(Lexer.NA.flags)});
`;

/** @type {import("esbuild").Plugin} */
export const noChevrotainLexer = {
  name: "no-chevrotain-lexer",
  setup(build) {
    build.onResolve({ filter: LEXER_MODULE }, (args) =>
      IN_CHEVROTAIN.test(args.importer) ? { path: "chevrotain-lexer-stand-in", namespace: "no-chevrotain-lexer" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "no-chevrotain-lexer" }, () => ({ contents: standIn, loader: "js" }));
  },
};
