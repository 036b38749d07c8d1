import type { Plugin } from "esbuild";

/** The error a stand-in Lexer's constructor throws. */
export declare const STAND_IN_MESSAGE: string;
/** esbuild plugin: Chevrotain's Lexer module replaced by a stand-in (see no-chevrotain-lexer.mjs). */
export declare const noChevrotainLexer: Plugin;
