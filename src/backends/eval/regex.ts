/**
 * `=~` / `!~`: RE2 syntax and semantics (Milvus validates the pattern with Go's regexp and runs an
 * RE2 matcher), unanchored: the pattern may match anywhere in the string. Matching uses `re2js`, a
 * pure-JS port of RE2 with Go-regexp parity, so it runs in time linear in the input and accepts
 * exactly RE2's syntax (no backreferences, no lookaround), with `.` matching a newline as on the server. A JS RegExp is used only for patterns
 * made of plain characters, where it provably agrees (a substring test). re2js is loaded on first
 * need (regex-engine.ts).
 */
import { checkCall, usageFailure, type UsageCode } from "../../diag/usage.js";
import { SPECS } from "../../diag/api-specs.js";
import { REGEX_ENGINE_HINT, REGEX_ENGINE_NOT_LOADED, regexEngine } from "./regex-engine.js";

export type RegexResult = { ok: true; test: (s: string) => boolean } | { ok: false; error: string; code?: UsageCode | typeof REGEX_ENGINE_NOT_LOADED };

/**
 * Longest pattern the evaluator runs. RE2 matching is linear in the value but also in the pattern
 * (a Pike VM steps every pattern state per character): 4096 bounds a row of 1 MB to a few billion
 * steps, and a 16 MiB pattern would not even compile in the default heap.
 */
export const MAX_LOCAL_REGEX = 4096;

const cache = new Map<string, RegexResult>();
const MAX_CACHE = 256;

/** Characters with no meaning in RE2 syntax outside a class. */
const PLAIN = /^[^\\^$.|?*+()[\]{}]*$/;

export function compileRegex(pattern: string): RegexResult {
  if (typeof pattern !== "string") return usageFailure(checkCall("compileRegex", SPECS.compileRegex, [pattern]));
  const hit = cache.get(pattern);
  if (hit) return hit;
  let out: RegexResult;
  if (PLAIN.test(pattern)) {
    // A literal pattern matches where the literal occurs (the empty pattern matches every string).
    out = { ok: true, test: (s) => s.includes(pattern) };
  } else {
    const RE2JS = regexEngine();
    // Not cached: the same pattern compiles once the engine has loaded.
    if (RE2JS === undefined) return { ok: false, error: `the regex engine is not loaded: ${REGEX_ENGINE_HINT}`, code: REGEX_ENGINE_NOT_LOADED };
    try {
      // `.` matches a newline: master's PartialRegexMatcher sets dot_nl (RegexQuery.h line 94, 88f357a).
      const re = RE2JS.compile(pattern, RE2JS.DOTALL);
      out = { ok: true, test: (s) => re.test(s) };
    } catch (e) {
      out = { ok: false, error: `invalid regex pattern: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(pattern, out);
  return out;
}
