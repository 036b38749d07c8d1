/**
 * The RE2 engine for `=~` / `!~` (re2js: about half of what a browser would otherwise download for
 * parse + check + print + compileFilter), loaded the first time a regex is compiled:
 * - in Node (20.16+, 22.3+: process.getBuiltinModule), synchronously at that moment, so
 *   compileRegex and compileFilter keep working without any call;
 * - elsewhere (a browser), by `await loadRegexEngine()`: bundlers put re2js in a chunk of its own,
 *   fetched only then. Until it has loaded, compiling a regex answers
 *   `eval/regex-engine-not-loaded` (a result, or a compileFilter diagnostic) instead of a match.
 * The checker does not need the engine: it approximates RE2's syntax with RegExp (src/check/regex.ts).
 */
import type { RE2JS } from "re2js";

export type RegexEngine = typeof RE2JS;

export const REGEX_ENGINE_NOT_LOADED = "eval/regex-engine-not-loaded";
export const REGEX_ENGINE_HINT = "await loadRegexEngine() once before compiling a filter with =~ or !~; it fetches the RE2 engine";

let engine: RegexEngine | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the RE2 engine; once it has resolved, every regex compiles synchronously. Safe to call
 * any number of times (one load); a failed load can be retried.
 */
export function loadRegexEngine(): Promise<void> {
  if (engine !== undefined) return Promise.resolve();
  loading ??= import("re2js").then(
    (m) => {
      engine = m.RE2JS;
    },
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The engine if it is loaded or can be loaded synchronously here, else undefined. */
export function regexEngine(): RegexEngine | undefined {
  return (engine ??= requireInNode());
}

declare const __filename: string | undefined;

function requireInNode(): RegexEngine | undefined {
  // Reached through `process` so that no bundler sees a Node import, and nothing when absent.
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof getBuiltinModule !== "function") return undefined;
  try {
    const { createRequire } = getBuiltinModule("node:module") as typeof import("node:module");
    // The CommonJS build has __filename and an empty import.meta; the ES module build the reverse.
    const from = typeof __filename === "string" ? __filename : import.meta.url;
    return (createRequire(from)("re2js") as typeof import("re2js")).RE2JS;
  } catch {
    return undefined;
  }
}
