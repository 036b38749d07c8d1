/**
 * When the printer needs parentheses. Levels come from the parser's PREC table (grammar.ts), so the
 * printer and the parser cannot disagree about binding strength.
 *
 * A node "sits at" the level of the operator that produced it; an operand slot demands a minimum
 * level (left-associative: the left operand may sit at the operator's own level, the right one
 * must sit strictly higher). Below the demand, the operand is parenthesised. Three token-level
 * traps need more than levels (see needsParens).
 */
import type * as A from "../../syntax/ast.js";
import { PREC } from "../../syntax/grammar.js";

/** Atoms (literals, references, calls, lists, `{t}`, `a is null`, timestamptz forms) bind tightest. */
export const ATOM = 100;

/**
 * The level a node sits at when printed without parentheses. Every kind is listed (hot path: a
 * switch, `never` default), so a new operator cannot default to "atom" and lose its parentheses.
 */
export function levelOf(n: A.Root): number {
  switch (n.kind) {
    case "Or":
      return PREC.or;
    case "And":
      return PREC.and;
    case "BitOr":
      return PREC.bitor;
    case "BitXor":
      return PREC.bitxor;
    case "BitAnd":
      return PREC.bitand;
    case "Equality":
      return PREC.equality;
    // A range is built by the loop iteration of its first `<`/`>`, so it sits at the relational level
    // (PREC.range is only the level its upper bound is parsed at, minus one).
    case "Relational":
    case "Range":
    case "ReverseRange":
      return PREC.relational;
    case "Term":
      return PREC.in;
    case "Shift":
      return PREC.shift;
    case "AddSub":
      return PREC.additive;
    case "MulDivMod":
      return PREC.multiplicative;
    case "Unary":
      return PREC.unary;
    case "Power":
      return PREC.power;
    case "RegexMatch":
      return n.negated ? PREC.regexNot : PREC.regex;
    case "Like":
      return PREC.like;
    case "Exists":
      return PREC.exists;
    case "Integer":
    case "Float":
    case "Boolean":
    case "String":
    case "RawString":
    case "Identifier":
    case "JSONIdentifier":
    case "StructField":
    case "StructIndexField":
    case "StructSubField":
    case "ElementSelf":
    case "TemplateVariable":
    case "Array":
    case "EmptyArray":
    // Postfix and comparison-shaped forms the grammar reads as atoms (isAtomic says which are not safe under `not`).
    case "IsNull":
    case "IsNotNull":
    case "TimestamptzCompareForward":
    case "TimestamptzCompareReverse":
    case "Call":
    case "TextMatch":
    case "TextMatchFuzzy":
    case "PhraseMatch":
    case "RandomSample":
    case "ElementFilter":
    case "MatchSimple":
    case "MatchThreshold":
    case "JSONContains":
    case "JSONContainsAll":
    case "JSONContainsAny":
    case "SpatialBinary":
    case "STDWithin":
    case "STIsValid":
    case "ArrayLength":
    case "Empty":
      return ATOM;
    default: {
      // A forged node of no known kind: the printer's expand step refuses it with a PrintError.
      const unknown: never = n;
      void unknown;
      return ATOM;
    }
  }
}

/** Nodes printed as one token, a call-like `name(…)`, a list or a template: safe under `not` without parentheses. */
export function isAtomic(n: A.Root): boolean {
  switch (n.kind) {
    case "IsNull":
    case "IsNotNull":
    case "TimestamptzCompareForward":
    case "TimestamptzCompareReverse":
    case "Empty":
      return false;
    default:
      return levelOf(n) === ATOM;
  }
}

/** Single-token field references the parser accepts as the middle of a range (`lo < X < hi`). */
export function isRangeFieldToken(n: A.Expr): boolean {
  switch (n.kind) {
    case "Identifier":
      return n.name !== "$meta";
    case "JSONIdentifier":
    case "StructSubField":
    case "StructIndexField":
    case "ElementSelf":
      return true;
    default:
      return false;
  }
}

const less = (op: string): boolean => op === "<" || op === "<=";

/** The relational direction of an operator slot, when a left operand is followed by `<…` or `>…`. */
export type Direction = "less" | "greater" | undefined;

export function directionOf(n: A.Relational | A.Range | A.ReverseRange): Direction {
  if (n.kind === "Relational") return less(n.op) ? "less" : "greater";
  return n.kind === "Range" ? "less" : "greater";
}

const isPrefix = (n: A.Root): boolean => n.kind === "Unary" || n.kind === "Exists";
const isTimestamptz = (n: A.Root): boolean => n.kind === "TimestamptzCompareForward" || n.kind === "TimestamptzCompareReverse";

/** How an operand slot is used. */
export interface Slot {
  /** The lowest level the operand may sit at without parentheses. */
  readonly min: number;
  /** The parent is a prefix operator (`not`, `-`, `+`, `~`, `exists`). */
  readonly prefix?: boolean;
  /** The parent is `not`. */
  readonly not?: boolean;
  /** The slot is an operand of an operator (not a list element, call argument or and/or operand). */
  readonly operator?: boolean;
  /** For the left operand of a relational or the lower bound of a range: the direction of the operator that follows. */
  readonly follow?: Direction;
}

/**
 * Whether `child` needs parentheses in `slot`. Besides levels:
 * - range trap: `(a < b) < c` must keep its parentheses, since `a < b < c` with a single field
 *   token `b` re-reads as a range; likewise for `>`.
 * - timestamptz forms (`t > iso "…"`, `iso "…" < t + interval "…"`) are atoms to the grammar, but
 *   their inner comparison, `iso`/`interval` tokens and optional tail collide with neighbouring
 *   operators, so they are parenthesised whenever they are an operator's operand.
 * - readability: `not` always gets a parenthesised operand unless that operand is atomic
 *   (`not (a == 1)`, `not (a is null)`, `not f(x)`); a `not` or `exists` node is parenthesised
 *   as an operator's operand (`(not a) == b`, `(exists a["k"]) > 1`: the traps Milvus users fall
 *   into); and a prefix operator applied to a prefix operator is parenthesised (`-(-a)`,
 *   `not (not a)`).
 */
export function needsParens(child: A.Expr, slot: Slot): boolean {
  if (levelOf(child) < slot.min) return true;
  if (slot.not && !isAtomic(child)) return true;
  if (slot.prefix && isPrefix(child)) return true;
  if (slot.operator && isTimestamptz(child)) return true;
  if (slot.operator && ((child.kind === "Unary" && child.op === "not") || child.kind === "Exists")) return true;
  if (slot.follow !== undefined && child.kind === "Relational" && directionOf(child) === slot.follow && isRangeFieldToken(child.right)) {
    return true;
  }
  return false;
}
