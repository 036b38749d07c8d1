import type { Plugin } from "esbuild";

/** The error every stand-in for Chevrotain's grammar checks throws. */
export declare const CHECKS_STAND_IN_MESSAGE: string;
/** The stand-in module for a checks.js source: the same export names, each throwing. */
export declare function checksStandIn(realSource: string): string;
/** esbuild plugin: Chevrotain's grammar checks module replaced by throwing stand-ins (see no-chevrotain-checks.mjs). */
export declare const noChevrotainChecks: Plugin;
