import { readFileSync } from "node:fs";
import { EOF, LLkLookaheadStrategy, type IOrAlt, type IToken, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { grammarDecisions, lookaheadTableSource } from "../../src/syntax/diagrams.js";
import { LOOKAHEAD_TABLE } from "../../src/syntax/lookahead-table.js";
import { PrecomputedLookahead } from "../../src/syntax/lookahead.js";
import { allTokens } from "../../src/syntax/tokens.js";
import { parse } from "../../src/syntax/parse.js";

const decisions = grammarDecisions();

/** A stand-in for the parser as the lookahead functions see it: the next token is `tok`. */
function at(type: TokenType): { LA: (i: number) => IToken; LA_FAST: (i: number) => IToken } {
  const tok = { image: "", startOffset: 0, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! } as IToken;
  return { LA: () => tok, LA_FAST: () => tok };
}

describe("precomputed lookahead (src/syntax/lookahead-table.ts)", () => {
  it("is what the grammar gives now (run `npm run grammar` when this fails)", () => {
    const onDisk = readFileSync(new URL("../../src/syntax/lookahead-table.ts", import.meta.url), "utf8");
    expect(onDisk).toBe(lookaheadTableSource());
  });

  it("has an entry for every decision of the grammar and no other", () => {
    expect(decisions.length).toBeGreaterThan(20);
    expect(new Set(Object.keys(LOOKAHEAD_TABLE))).toEqual(new Set(decisions.map((d) => d.key)));
  });

  it("answers every decision for every token exactly as Chevrotain's LLkLookaheadStrategy does", () => {
    const ours = new PrecomputedLookahead();
    const llk = new LLkLookaheadStrategy({ maxLookahead: 1 });
    const types = [...allTokens, EOF];
    let compared = 0;
    for (const d of decisions) {
      if (d.prodType === "Alternation") {
        const options = { prodOccurrence: d.occurrence, rule: d.rule, maxLookahead: 1, hasPredicates: d.hasPredicates, dynamicTokensEnabled: false };
        const mine = ours.buildLookaheadForAlternation(options);
        const theirs = llk.buildLookaheadForAlternation(options);
        const alts = (LOOKAHEAD_TABLE[d.key] as unknown[]).length;
        // Gates: none, and each alternative's gate closed in turn (only where the OR has gates).
        const gateSets: (IOrAlt<unknown>[] | undefined)[] = [Array.from({ length: alts }, () => ({ ALT: () => 0 }))];
        if (d.hasPredicates) {
          for (let off = 0; off < alts; off++) {
            gateSets.push(Array.from({ length: alts }, (_, i) => ({ ALT: () => 0, GATE: () => i !== off })));
          }
        }
        for (const type of types) {
          for (const orAlts of gateSets) {
            expect(mine.call(at(type) as never, orAlts), `${d.key} at ${type.name}`).toBe(theirs.call(at(type) as never, orAlts));
            compared++;
          }
        }
      } else {
        const options = { prodOccurrence: d.occurrence, prodType: d.prodType, rule: d.rule, maxLookahead: 1, dynamicTokensEnabled: false };
        const mine = ours.buildLookaheadForOptional(options);
        const theirs = llk.buildLookaheadForOptional(options);
        for (const type of types) {
          expect(mine.call(at(type) as never), `${d.key} at ${type.name}`).toBe(theirs.call(at(type) as never));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(decisions.length * allTokens.length);
  });

  it("a decision the table lacks is answered by Chevrotain's strategy", () => {
    const d = decisions.find((x) => x.prodType === "Alternation" && !x.hasPredicates)!;
    const renamed = Object.assign(Object.create(Object.getPrototypeOf(d.rule) as object) as typeof d.rule, d.rule, { name: `${d.rule.name}-not-in-table` });
    // getLookaheadPaths reads the rule's definition, not its name: same answers under another name.
    const options = { prodOccurrence: d.occurrence, rule: renamed, maxLookahead: 1, hasPredicates: false, dynamicTokensEnabled: false };
    const fn = new PrecomputedLookahead().buildLookaheadForAlternation(options);
    const llk = new LLkLookaheadStrategy({ maxLookahead: 1 }).buildLookaheadForAlternation(options);
    for (const type of allTokens) expect(fn.call(at(type) as never)).toBe(llk.call(at(type) as never));
  });

  it("the parser built on it parses and rejects as before", () => {
    expect(parse('id in [1, 2, 3] and title like "milvus%"').ast).not.toBeNull();
    expect(parse("match_least(tags, $ > 1, threshold=2) and st_dwithin(g, 'POINT(0 0)', 2)").ast).not.toBeNull();
    const bad = parse("a == and");
    expect(bad.ast).toBeNull();
    expect(bad.diagnostics[0]?.code).toBe("syntax/unexpected-token");
  });
});
