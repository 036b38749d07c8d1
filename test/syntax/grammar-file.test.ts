import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diagramsHtml } from "../../src/syntax/diagrams.js";
import { FilterParser } from "../../src/syntax/grammar.js";

describe("grammar/", () => {
  it("grammar/diagrams.html matches the executable grammar (run `npm run grammar` when this fails)", () => {
    const onDisk = readFileSync(new URL("../../grammar/diagrams.html", import.meta.url), "utf8");
    expect(onDisk).toBe(diagramsHtml());
  });

  it("the grammar passes Chevrotain's own validations (production builds skip them for start-up time)", () => {
    expect(() => new FilterParser(undefined, true)).not.toThrow();
  });
});

describe("lexer", () => {
  it("passes Chevrotain's lexer validations and keeps the first-character optimisation", async () => {
    const { Lexer } = await import("chevrotain");
    const { allTokens } = await import("../../src/syntax/tokens.js");
    // ensureOptimizations throws if any token disables the first-char optimisation (e.g. a /u regex).
    expect(() => new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true })).not.toThrow();
  });
});
