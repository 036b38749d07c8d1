/**
 * The package version, taken from package.json at build time: esbuild inlines the one named
 * field, so the bundle has no runtime path to package.json to get wrong.
 */
import { version } from "../../package.json";

export const VERSION: string = version;
