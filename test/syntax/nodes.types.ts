/**
 * Type-level tests of the node table, compiled by `tsc --noEmit` (part of `npm test`), never run.
 * Each `@ts-expect-error` line must fail to compile: if one compiles, tsc reports the unused
 * directive, so the guarantee it pins has been lost.
 */
import type * as A from "../../src/syntax/ast.js";
import type { NodeSpec, PerKind, SlotSpec } from "../../src/syntax/nodes.js";

// ------------------------------------------------------------------ a handler table must name every kind

declare const withoutRange: Omit<PerKind<number>, "Range">;
// @ts-expect-error a table without Range is not a PerKind
export const missingKind: PerKind<number> = withoutRange;

declare const complete: PerKind<number>;
export const everyKind: PerKind<number> = complete;

/** Handlers receive their own node type. */
export const typedHandler: PerKind<string>["Range"] = (n) => `${n.lowerInclusive}`;
// @ts-expect-error a Range handler does not receive an Equality
export const wrongNode: PerKind<string>["Range"] = (n: A.Equality) => n.op;

// ------------------------------------------------------------------ slots must name child properties

export const one: SlotSpec<A.Like> = { one: "pattern" };
export const list: SlotSpec<A.And> = { list: "operands" };
export const optional: SlotSpec<A.PhraseMatch> = { optional: "slop" };
export const nested: SlotSpec<A.TimestamptzCompareForward> = { optional: "interval", via: "value", accepts: "string" };
export const bareName: SlotSpec<A.TextMatch> = { one: "field", accepts: "name" };

// @ts-expect-error `slop` may be absent: it is an optional slot, not `one`
export const optionalAsOne: SlotSpec<A.PhraseMatch> = { one: "slop" };
// @ts-expect-error `name` is a string, not a child
export const notAChild: SlotSpec<A.Call> = { one: "name" };
// @ts-expect-error `args` is a list
export const listAsOne: SlotSpec<A.Call> = { one: "args" };
// @ts-expect-error no such property
export const unknownSlot: SlotSpec<A.Like> = { one: "right" };
// @ts-expect-error `interval.op` is not a node
export const nestedNonNode: SlotSpec<A.TimestamptzCompareForward> = { optional: "interval", via: "op", accepts: "string" };

// ------------------------------------------------------------------ `accepts` must match the slot's node type

// @ts-expect-error text_match's field is a bare Identifier: the slot must say so
export const acceptsMissing: SlotSpec<A.TextMatch> = { one: "field" };
// @ts-expect-error a range middle is a field token, not a bare name
export const acceptsWrong: SlotSpec<A.Range> = { one: "field", accepts: "name" };
// @ts-expect-error any expression may be a query: no narrower tag
export const acceptsTooNarrow: SlotSpec<A.TextMatch> = { one: "query", accepts: "string" };

// ------------------------------------------------------------------ a node type of a shape no tag names

interface Odd {
  readonly kind: "Odd";
  readonly id: number;
  readonly span: A.Span;
  readonly pair: A.Integer | A.Float;
}
// @ts-expect-error no `accepts` tag stands for Integer | Float: add one to AcceptsTypes first
export const untaggable: NodeSpec<Odd> = { group: "operator", slots: [{ one: "pair" }] };
