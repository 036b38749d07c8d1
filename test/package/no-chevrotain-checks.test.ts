/**
 * The built bundles leave out Chevrotain's grammar checks (parse/grammar/checks.js), which run only
 * with validations on, and milvus-filter's parser skips them (the tests run them from src/:
 * test/syntax/grammar-file.test.ts). scripts/no-chevrotain-checks.mjs puts throwing stand-ins with
 * the same export names in their place. Every test that parses through dist/ shows they are never
 * called in production; this one shows what is left out and what happens if they were called.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import type { LLkLookaheadStrategy } from "chevrotain";
import { CHECKS_STAND_IN_MESSAGE, checksStandIn, noChevrotainChecks } from "../../scripts/no-chevrotain-checks.mjs";
import { noChevrotainLexer } from "../../scripts/no-chevrotain-lexer.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHECKS = `${ROOT}node_modules/chevrotain/lib/src/parse/grammar/checks.js`;

async function moduleOf(source: string): Promise<Record<string, unknown>> {
  return (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<string, unknown>;
}

describe("Chevrotain's grammar checks in the bundles (scripts/no-chevrotain-checks.mjs)", () => {
  it("the stand-in has every export of Chevrotain's checks module, each throwing", async () => {
    const real = (await import(pathToFileURL(CHECKS).href)) as Record<string, unknown>;
    const standIn = await moduleOf(checksStandIn(readFileSync(CHECKS, "utf8")));
    expect(Object.keys(standIn).sort()).toEqual(Object.keys(real).sort());
    for (const [name, value] of Object.entries(standIn)) {
      const call = value as () => unknown;
      const isClass = /^class /.test(String(value));
      expect(() => (isClass ? new (value as new () => unknown)() : call()), name).toThrow(CHECKS_STAND_IN_MESSAGE);
    }
  });

  it("is what Chevrotain gets in a bundle built with the plugin: its validations throw instead of checking", async () => {
    const r = await build({
      stdin: { contents: 'export { LLkLookaheadStrategy, EmbeddedActionsParser } from "chevrotain";', resolveDir: ROOT },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      plugins: [noChevrotainLexer, noChevrotainChecks],
      logLevel: "silent",
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs).not.toContain("node_modules/chevrotain/lib/src/parse/grammar/checks.js");
    expect(inputs.filter((p) => p.startsWith("no-chevrotain-checks:"))).toHaveLength(1);
    const mod = (await moduleOf(r.outputFiles[0]!.text)) as { LLkLookaheadStrategy: typeof LLkLookaheadStrategy };
    expect(() => new mod.LLkLookaheadStrategy({ maxLookahead: 1 }).validate({ rules: [], tokenTypes: [], grammarName: "g" })).toThrow(
      CHECKS_STAND_IN_MESSAGE,
    );
  });
});
