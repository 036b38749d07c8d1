/**
 * The parser's LL(1) lookahead, answered from a table computed before the build.
 *
 * Chevrotain computes each decision's lookahead (the first tokens of every alternative of an OR,
 * of the inside of an OPTION or MANY) from the recorded grammar when the parser is built, or,
 * with a lazy strategy, the first time the decision is taken: a few milliseconds of start-up and
 * of each new kind of filter. The answers depend only on the grammar, so `npm run grammar`
 * (scripts/gen-grammar.ts) asks Chevrotain's own `getLookaheadPaths` for every decision and writes
 * them to lookahead-table.ts; this strategy turns an entry into a lookup by token type index the
 * first time its decision is taken. test/syntax/lookahead.test.ts fails when the table is stale and
 * compares every answer, for every token, with Chevrotain's LLkLookaheadStrategy.
 *
 * A decision missing from the table (a grammar edited without regenerating it) falls back to
 * Chevrotain's strategy, so the parser stays right; the test says to regenerate.
 */
import {
  EOF,
  LLkLookaheadStrategy,
  type ILookaheadStrategy,
  type IOrAlt,
  type OptionalProductionType,
  type TokenType,
} from "chevrotain";
import { allTokens } from "./tokens.js";
import { LOOKAHEAD_TABLE } from "./lookahead-table.js";

type Rule = Parameters<ILookaheadStrategy["validate"]>[0]["rules"][number];
type AlternationLookahead = (this: unknown, orAlts?: IOrAlt<unknown>[]) => number | undefined;
type OptionalLookahead = (this: unknown) => boolean;
/** What the functions read from the parser: its next token (Chevrotain's LA_FAST, LA for short). */
interface Lookahead {
  LA(i: number): { tokenTypeIdx: number };
}

/** The table's key of a decision: rule, production type and occurrence (`expr/Repetition/1`). */
export function decisionKey(rule: string, prodType: OptionalProductionType | "Alternation", occurrence: number): string {
  return `${rule}/${prodType}/${occurrence}`;
}

let tokensByName: Map<string, TokenType> | undefined;
let tableSize = 0;

/**
 * A lookup by token type index, -1 where unset. A typed array, not a sparse JS array: a read of a
 * hole would fall through to Array.prototype, which a polluted host may have filled.
 */
function emptyTable(): Int16Array {
  if (tokensByName === undefined) {
    tokensByName = new Map([...allTokens, EOF].map((t) => [t.name, t]));
    tableSize = Math.max(...[...tokensByName.values()].map((t) => t.tokenTypeIdx!)) + 1;
  }
  return new Int16Array(tableSize).fill(-1);
}

/**
 * Token type indexes that a path's token matches, as Chevrotain's tokenMatcher decides: the token
 * itself and, for a category, every token in it. Sets `into[idx]` to `value` where still unset.
 */
function markMatches(name: string, into: Int16Array, value: number): void {
  const t = tokensByName!.get(name);
  if (t === undefined) throw new Error(`lookahead table names an unknown token ${name}: run npm run grammar`);
  for (const idx of [t.tokenTypeIdx!, ...(t.categoryMatches ?? [])]) if (into[idx] === -1) into[idx] = value;
}

/** The entry for the next token's type (-1: none; also for a type the tables do not know). */
function lookup(table: Int16Array, parser: unknown): number {
  return table[(parser as Lookahead).LA(1).tokenTypeIdx] ?? -1;
}

/**
 * OR: the first alternative (in order) with a path that matches the next token; an alternative
 * with an empty path matches any token. With gates, an alternative whose GATE says false is skipped.
 */
function alternation(paths: readonly (readonly (readonly string[])[])[], hasPredicates: boolean): AlternationLookahead {
  if (hasPredicates) {
    // Per alternative: which token indexes start it, and whether it can start with nothing.
    const starts = paths.map((alt, i) => {
      const into = emptyTable();
      for (const path of alt) if (path.length > 0) markMatches(path[0]!, into, i);
      return { into, empty: alt.some((path) => path.length === 0) };
    });
    return function (this: unknown, orAlts) {
      for (let t = 0; t < starts.length; t++) {
        const gate = orAlts?.[t]?.GATE;
        if (gate !== undefined && gate.call(this) === false) continue;
        if (starts[t]!.empty || lookup(starts[t]!.into, this) !== -1) return t;
      }
      return undefined;
    };
  }
  // No gates: one lookup. Alternatives after the first that can start with nothing are never taken.
  const choice = emptyTable();
  let fallback: number | undefined;
  for (let t = 0; t < paths.length && fallback === undefined; t++) {
    for (const path of paths[t]!) if (path.length > 0) markMatches(path[0]!, choice, t);
    if (paths[t]!.some((path) => path.length === 0)) fallback = t;
  }
  return function (this: unknown) {
    const alt = lookup(choice, this);
    return alt === -1 ? fallback : alt;
  };
}

/** OPTION, MANY and the like: does a path of the inside match the next token (an empty one always)? */
function optional(paths: readonly (readonly string[])[]): OptionalLookahead {
  if (paths.some((path) => path.length === 0)) return () => true;
  const inside = emptyTable();
  for (const path of paths) markMatches(path[0]!, inside, 1);
  return function (this: unknown) {
    return lookup(inside, this) !== -1;
  };
}

export class PrecomputedLookahead implements ILookaheadStrategy {
  private llk: ILookaheadStrategy | undefined;
  private rules: Rule[] = [];

  private chevrotain(): ILookaheadStrategy {
    this.llk ??= new LLkLookaheadStrategy({ maxLookahead: 1 });
    this.llk.initialize?.({ rules: this.rules });
    return this.llk;
  }

  validate(options: Parameters<ILookaheadStrategy["validate"]>[0]): ReturnType<ILookaheadStrategy["validate"]> {
    return this.chevrotain().validate(options);
  }

  initialize(options: { rules: Rule[] }): void {
    this.rules = options.rules;
  }

  buildLookaheadForAlternation(
    options: Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0],
  ): AlternationLookahead {
    const paths = LOOKAHEAD_TABLE[decisionKey(options.rule.name, "Alternation", options.prodOccurrence)];
    if (paths === undefined || options.maxLookahead !== 1 || options.dynamicTokensEnabled) {
      return this.chevrotain().buildLookaheadForAlternation(options);
    }
    let built: AlternationLookahead | undefined;
    return function (this: unknown, orAlts) {
      built ??= alternation(paths as readonly (readonly (readonly string[])[])[], options.hasPredicates);
      return built.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0]): OptionalLookahead {
    const paths = LOOKAHEAD_TABLE[decisionKey(options.rule.name, options.prodType, options.prodOccurrence)];
    if (paths === undefined || options.maxLookahead !== 1 || options.dynamicTokensEnabled) {
      return this.chevrotain().buildLookaheadForOptional(options);
    }
    let built: OptionalLookahead | undefined;
    return function (this: unknown) {
      built ??= optional(paths as readonly (readonly string[])[]);
      return built.call(this);
    };
  }
}
