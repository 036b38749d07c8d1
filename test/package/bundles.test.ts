/**
 * The built bundles (dist/, npm test builds first) leave out Chevrotain's Lexer, which nothing in
 * them runs (src/syntax/lexer.ts scans filters): scripts/no-chevrotain-lexer.mjs puts a stand-in
 * with its two constants in its place. Chevrotain's parser still works on them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { Lexer } from "chevrotain";
import { STAND_IN_MESSAGE } from "../../scripts/no-chevrotain-lexer.mjs";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
const bundles = readdirSync(DIST).filter((f) => /\.(c?js)$/.test(f));
// Text that only Chevrotain's lexer analysis contains (its warning about a pattern that defeats
// the first-character optimisation).
const LEXER_ANALYSIS = "first char optimizations";

describe("dist bundles", () => {
  it("contain no Chevrotain Lexer, and the stand-in where Chevrotain's token module needs one", () => {
    expect(bundles.length).toBeGreaterThan(5);
    const text = bundles.map((f) => readFileSync(join(DIST, f), "utf8"));
    expect(text.filter((t) => t.includes(LEXER_ANALYSIS))).toEqual([]);
    expect(text.filter((t) => t.includes(STAND_IN_MESSAGE)).length).toBeGreaterThanOrEqual(3); // ESM, CJS, CLI
  });

  it("parse and print as the sources do, from ESM and CommonJS", async () => {
    const esm = (await import(pathToFileURL(join(DIST, "index.js")).href)) as typeof import("../../src/index.js");
    const cjs = createRequire(import.meta.url)(join(DIST, "index.cjs")) as typeof import("../../src/index.js");
    for (const lib of [esm, cjs]) {
      const ok = lib.parse('id in [1, 2, 3] and title like "The %"');
      expect(ok.ast?.kind).toBe("And");
      expect(lib.print(ok.ast!)).toBe('id in [1, 2, 3] and title like "The %"');
      const bad = lib.parse("a == 'x");
      expect(bad.diagnostics.map((d) => d.code)).toEqual(["syntax/unterminated-string"]);
    }
  });

  it("the stand-in keeps the constants Chevrotain's token module reads", async () => {
    const { noChevrotainLexer } = await import("../../scripts/no-chevrotain-lexer.mjs");
    let load: ((args: { path: string }) => { contents: string }) | undefined;
    noChevrotainLexer.setup({
      onResolve: () => undefined,
      onLoad: (_: unknown, fn: typeof load) => (load = fn),
    } as never);
    const source = load!({ path: "chevrotain-lexer-stand-in" }).contents;
    const mod = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { Lexer: typeof Lexer & (new () => unknown) };
    expect(mod.Lexer.SKIPPED).toBe(Lexer.SKIPPED);
    expect(String(mod.Lexer.NA)).toBe(String(Lexer.NA));
    expect(() => new mod.Lexer()).toThrow(STAND_IN_MESSAGE);
  });
});
