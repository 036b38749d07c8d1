import { describe, expect, it } from "vitest";
import { globToRegExp, hasGlob, splitGlob } from "../../src/cli/glob.js";

const matches = (pattern: string, path: string): boolean => globToRegExp(splitGlob(pattern).segments).test(path);

describe("globs", () => {
  it("splits off the static base", () => {
    expect(splitGlob("src/**/*.json")).toEqual({ base: "src", segments: ["**", "*.json"] });
    expect(splitGlob("*.txt")).toEqual({ base: "", segments: ["*.txt"] });
    expect(splitGlob("/abs/dir/*.jsonl")).toEqual({ base: "/abs/dir", segments: ["*.jsonl"] });
    expect(hasGlob("a/b.txt")).toBe(false);
    expect(hasGlob("a/?.txt")).toBe(true);
  });

  it("* and ? stay within a segment; ** spans any number of segments", () => {
    expect(matches("*.json", "a.json")).toBe(true);
    expect(matches("*.json", "d/a.json")).toBe(false);
    expect(matches("**/*.json", "a.json")).toBe(true);
    expect(matches("**/*.json", "d/e/a.json")).toBe(true);
    expect(matches("x/**/y/*.txt", "y/a.txt")).toBe(true);
    expect(matches("x/**/y/*.txt", "p/q/y/a.txt")).toBe(true);
    expect(matches("x/**/y/*.txt", "p/q/z/a.txt")).toBe(false);
    expect(matches("x/**", "p/q/r")).toBe(true);
    expect(matches("f?.txt", "f1.txt")).toBe(true);
    expect(matches("f?.txt", "f12.txt")).toBe(false);
    expect(matches("a+b(1).txt*", "a+b(1).txt")).toBe(true);
  });
});
