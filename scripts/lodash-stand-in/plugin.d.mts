import type { Plugin } from "esbuild";

/** esbuild plugin: Chevrotain's lodash-es imports resolved to scripts/lodash-stand-in/lodash.mjs. */
export declare const lodashStandIn: Plugin;
