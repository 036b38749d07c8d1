/**
 * The parser keeps a long list of literals (`id in [1, 2, …]`, 256 elements or more) in a compact
 * form, a LiteralRun: the text and each element's offsets and token kind, with no node per element
 * until something reads the list's `elements` (src/syntax/factory.ts, `literalListOf`). The checker
 * reads that form directly, so a 10^6-element list costs no node, span or type record per element
 * in the checker; this module says what each element of a run is.
 */
import type * as A from "../syntax/ast.js";
import { LITERAL_RUN_KINDS, type LiteralRun } from "../syntax/lexer.js";
import * as T from "../syntax/tokens.js";

export type { LiteralRun };
export type LiteralKind = A.Literal["kind"];

const NODE_KIND = new Map<unknown, LiteralKind>([
  [T.IntegerConstant, "Integer"],
  [T.FloatingConstant, "Float"],
  [T.StringLiteral, "String"],
  [T.RawStringLiteral, "RawString"],
  [T.BooleanConstant, "Boolean"],
]);

/** By the numbers in `LiteralRun.kinds`: the node kind the element's node has (undefined: a token kind this table does not know). */
const RUN_KINDS: readonly (LiteralKind | undefined)[] = LITERAL_RUN_KINDS.map((t) => NODE_KIND.get(t));

/** The node kind of element `i` of a run; undefined for a token kind the checker does not know (read the nodes then). */
export function runElementKind(run: LiteralRun, i: number): LiteralKind | undefined {
  return kindOf(run.kinds[i]!);
}

const kindOf = (code: number): LiteralKind | undefined => (code < RUN_KINDS.length ? RUN_KINDS[code] : undefined);

/** Whether some element of the run is of one of `kinds` (or of a kind this module does not know). */
export function runHasKind(run: LiteralRun, kinds: ReadonlySet<LiteralKind>): boolean {
  const codes = run.kinds;
  for (let i = 0; i < codes.length; i++) {
    const k = kindOf(codes[i]!);
    if (k === undefined || kinds.has(k)) return true;
  }
  return false;
}
