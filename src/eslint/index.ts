/**
 * `milvus-filter/eslint`: an ESLint 9 (flat config) plugin that lints Milvus filters where they
 * are written, in JavaScript and TypeScript code. See docs/eslint.md.
 *
 *   import milvusFilter, { readMilvusFilterConfig } from "milvus-filter/eslint";
 *   export default [
 *     milvusFilter.configs.recommended,
 *     { settings: { milvusFilter: await readMilvusFilterConfig() } },
 *   ];
 */
import type { ESLint, Linter, Rule } from "eslint";
import { validFilter } from "./rules/valid-filter.js";
import { noInterpolatedFilter } from "./rules/no-interpolated-filter.js";
import { canonicalFilter } from "./rules/canonical-filter.js";
import { VERSION } from "../cli/version.js";

export { readMilvusFilterConfig, type MilvusFilterSettings, type ReadConfigOptions } from "./settings.js";
export type { CallPattern } from "./sites.js";
export type { ValidFilterOptions } from "./rules/valid-filter.js";
export type { NoInterpolatedFilterOptions } from "./rules/no-interpolated-filter.js";

export const rules: Record<string, Rule.RuleModule> = {
  "valid-filter": validFilter,
  "no-interpolated-filter": noInterpolatedFilter,
  "canonical-filter": canonicalFilter,
};

interface Plugin extends ESLint.Plugin {
  configs: { recommended: Linter.Config; strict: Linter.Config };
}

const plugin: Plugin = {
  meta: { name: "milvus-filter", version: VERSION },
  rules,
  configs: {} as Plugin["configs"],
};

plugin.configs.recommended = {
  name: "milvus-filter/recommended",
  plugins: { "milvus-filter": plugin },
  rules: {
    "milvus-filter/valid-filter": "error",
    "milvus-filter/no-interpolated-filter": "error",
  },
};

plugin.configs.strict = {
  name: "milvus-filter/strict",
  plugins: { "milvus-filter": plugin },
  rules: {
    "milvus-filter/valid-filter": ["error", { report: "all" }],
    "milvus-filter/no-interpolated-filter": "error",
    "milvus-filter/canonical-filter": "error",
  },
};

export const configs = plugin.configs;
export default plugin;
