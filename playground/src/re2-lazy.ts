/**
 * Stands in for `re2js` in the page bundle: the real engine (about half the page's JavaScript) is a
 * separate script, re2.js, loaded only when a filter uses `=~` / `!~`. The page waits for
 * loadRegexEngine() before it evaluates such a filter, so compile() is never reached without it.
 * (The bundle is one classic script, so the library's own import("re2js") would not split it off.)
 */
import { loadRegexEngine as loadLibraryEngine } from "../../src/backends/eval/regex-engine.js";
type Re2Module = typeof import("re2js");
const slot = globalThis as { __milvusFilterRe2?: Re2Module };

export const RE2JS = {
  compile(pattern: string) {
    const real = slot.__milvusFilterRe2;
    if (!real) throw new Error("the regex engine is not loaded yet");
    return real.RE2JS.compile(pattern);
  },
};

let loading: Promise<void> | undefined;

export function regexEngineLoaded(): boolean {
  return slot.__milvusFilterRe2 !== undefined;
}

/** Adds re2.js with a script tag (works from file://, unlike a module import). */
export function loadRegexEngine(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "re2.js";
    // The library's loader then takes this module as its engine (build.mjs maps re2js here).
    s.onload = () => (regexEngineLoaded() ? loadLibraryEngine().then(resolve, reject) : reject(new Error("re2.js did not define the engine")));
    s.onerror = () => reject(new Error("re2.js could not be loaded"));
    document.head.append(s);
  });
  return loading;
}
