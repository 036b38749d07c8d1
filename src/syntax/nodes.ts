/**
 * Every node kind, declared once: what it is (its group) and its child slots, by name and in
 * source order. `children`, `withChildren` and `mapTree` (walk.ts), `isLiteral` / `isReference`
 * and the builder's slot rules are read from this table, so a kind's child layout is written
 * nowhere else. The node interfaces themselves stay in ast.ts; the types below check the two
 * against each other:
 *
 * - a kind missing from NODES (or one NODES has that ast.ts lacks) does not compile;
 * - a slot must name a property of that node type holding an `Expr` (`one`), an optional `Expr`
 *   (`optional`), an `Expr[]` (`list`), or an optional object holding one (`optional` + `via`,
 *   the timestamptz `interval`);
 * - every such property must be declared as a slot (`everyChildDeclared` below names the missing one);
 * - `accepts` must name exactly the node type ast.ts gives the slot (a bare `Identifier`, a
 *   `String`, …), so narrowing a slot in ast.ts is a compile error here until the table follows;
 * - the `literal` and `reference` groups must be exactly ast.ts's `Literal` and `Reference`.
 *
 * Versions: which Milvus release first accepts a kind is not repeated here; it is one row of the
 * FEATURES table in src/check/versions.ts, reached from `syntacticFeatures` there, whose switch over
 * every kind is exhaustive (a new kind does not compile until it says which feature it uses).
 *
 * Stages that handle every kind use `PerKind` (a handler per kind) or an exhaustive `switch` ending
 * in a `never` default; CONTRIBUTING.md lists them ("How to add a node kind").
 */
import type * as A from "./ast.js";

export type NodeKind = A.NodeKind;

/** The node type of one kind: `NodeOf<"Range">` is `A.Range`. */
export type NodeOf<K extends NodeKind> = Extract<A.Root, { readonly kind: K }>;

/** One handler per node kind, each receiving its own node type. */
export type PerKind<R, Args extends unknown[] = []> = { readonly [K in NodeKind]: (n: NodeOf<K>, ...args: Args) => R };

/** Calls the handler for `n.kind`. */
export function byKind<R, Args extends unknown[]>(table: PerKind<R, Args>, n: A.Root, ...args: Args): R {
  return (table[n.kind] as (n: A.Root, ...args: Args) => R)(n, ...args);
}

/**
 * What a node is. `literal`: a constant token; `reference`: a field read written as one token;
 * `template`: `{name}`; `list`: `[…]`; `operator`: prefix, infix and postfix forms; `function`:
 * `name(…)` forms and the timestamptz comparisons; `empty`: the empty filter (root only).
 */
export type Group = "literal" | "reference" | "template" | "list" | "operator" | "function" | "empty";

/** What the grammar accepts in a slot, and the node type ast.ts must give a slot with that tag. */
export interface AcceptsTypes {
  /** any expression */
  expr: A.Expr;
  /** a bare field name: an Identifier token, never `$meta` */
  name: A.Identifier;
  /** a bare field name or a JSON path token */
  "name-or-path": A.Identifier | A.JSONIdentifier;
  /** array_length's operand: a field name, a JSON path or a struct field */
  "array-target": A.ArrayLength["target"];
  /** the middle of a range: one field token */
  "range-field": A.RangeField;
  /** a string literal */
  string: A.String;
}
export type Accepts = keyof AcceptsTypes;

// ------------------------------------------------------------------ the table

export const NODES = {
  // literals
  Integer: { group: "literal", slots: [] },
  Float: { group: "literal", slots: [] },
  Boolean: { group: "literal", slots: [] },
  String: { group: "literal", slots: [] },
  RawString: { group: "literal", slots: [] },
  // references
  Identifier: { group: "reference", slots: [] },
  JSONIdentifier: { group: "reference", slots: [] },
  StructField: { group: "reference", slots: [] },
  StructIndexField: { group: "reference", slots: [] },
  StructSubField: { group: "reference", slots: [] },
  ElementSelf: { group: "reference", slots: [] },
  TemplateVariable: { group: "template", slots: [] },
  // lists
  Array: { group: "list", slots: [{ list: "elements" }] },
  EmptyArray: { group: "list", slots: [] },
  // operators
  Unary: { group: "operator", slots: [{ one: "operand" }] },
  Exists: { group: "operator", slots: [{ one: "operand" }] },
  Like: { group: "operator", slots: [{ one: "left" }, { one: "pattern" }] },
  RegexMatch: { group: "operator", slots: [{ one: "left" }, { one: "pattern" }] },
  Power: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  MulDivMod: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  AddSub: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  Shift: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  BitAnd: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  BitXor: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  BitOr: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  Relational: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  Equality: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  Range: { group: "operator", slots: [{ one: "lower" }, { one: "field", accepts: "range-field" }, { one: "upper" }] },
  ReverseRange: { group: "operator", slots: [{ one: "upper" }, { one: "field", accepts: "range-field" }, { one: "lower" }] },
  Term: { group: "operator", slots: [{ one: "left" }, { one: "right" }] },
  And: { group: "operator", slots: [{ list: "operands" }] },
  Or: { group: "operator", slots: [{ list: "operands" }] },
  IsNull: { group: "operator", slots: [{ one: "operand", accepts: "name-or-path" }] },
  IsNotNull: { group: "operator", slots: [{ one: "operand", accepts: "name-or-path" }] },
  // functions
  Call: { group: "function", slots: [{ list: "args" }] },
  TextMatch: { group: "function", slots: [{ one: "field", accepts: "name" }, { one: "query" }] },
  TextMatchFuzzy: { group: "function", slots: [{ one: "field", accepts: "name" }, { one: "query" }] },
  PhraseMatch: { group: "function", slots: [{ one: "field", accepts: "name" }, { one: "query" }, { optional: "slop" }] },
  RandomSample: { group: "function", slots: [{ one: "factor" }] },
  ElementFilter: { group: "function", slots: [{ one: "field", accepts: "name" }, { one: "predicate" }] },
  MatchSimple: { group: "function", slots: [{ one: "field", accepts: "name-or-path" }, { one: "predicate" }] },
  MatchThreshold: { group: "function", slots: [{ one: "field", accepts: "name-or-path" }, { one: "predicate" }] },
  JSONContains: { group: "function", slots: [{ one: "target" }, { one: "value" }] },
  JSONContainsAll: { group: "function", slots: [{ one: "target" }, { one: "value" }] },
  JSONContainsAny: { group: "function", slots: [{ one: "target" }, { one: "value" }] },
  SpatialBinary: { group: "function", slots: [{ one: "field", accepts: "name" }, { one: "wkt" }] },
  STDWithin: { group: "function", slots: [{ one: "field", accepts: "name" }, { one: "wkt" }, { one: "distance" }] },
  STIsValid: { group: "function", slots: [{ one: "field", accepts: "name" }] },
  ArrayLength: { group: "function", slots: [{ one: "target", accepts: "array-target" }] },
  TimestamptzCompareForward: {
    group: "function",
    slots: [{ one: "field", accepts: "name" }, { optional: "interval", via: "value", accepts: "string" }, { one: "iso", accepts: "string" }],
  },
  TimestamptzCompareReverse: {
    group: "function",
    slots: [{ one: "iso", accepts: "string" }, { one: "field", accepts: "name" }, { optional: "interval", via: "value", accepts: "string" }],
  },
  // the empty filter
  Empty: { group: "empty", slots: [] },
} as const satisfies { readonly [K in NodeKind]: NodeSpec<NodeOf<K>> };

// ------------------------------------------------------------------ runtime form

/** One child slot, as the generic traversals read it. */
export interface Slot {
  /** The node's property that holds the child (or, with `via`, the object that holds it). */
  readonly name: string;
  /** `one`: always a child; `optional`: a child when present; `list`: any number of children. */
  readonly arity: "one" | "optional" | "list";
  /** For an optional object holding the child: the child's property in it (`interval.value`). */
  readonly via: string | undefined;
  readonly accepts: Accepts;
}

type AnySlotSpec = { readonly one?: string; readonly optional?: string; readonly list?: string; readonly via?: string; readonly accepts?: Accepts };

const SLOTS = new Map<string, readonly Slot[]>(
  Object.entries(NODES).map(([kind, spec]) => [
    kind,
    Object.freeze(
      (spec.slots as readonly AnySlotSpec[]).map((s): Slot => {
        const arity = s.one !== undefined ? "one" : s.optional !== undefined ? "optional" : "list";
        return Object.freeze({ name: (s.one ?? s.optional ?? s.list)!, arity, via: s.via, accepts: s.accepts ?? "expr" });
      }),
    ),
  ]),
);

/** The child slots of a kind, in source order; undefined for a string that is no node kind. */
export function slotsOf(kind: string): readonly Slot[] | undefined {
  return SLOTS.get(kind);
}

export function isNodeKind(kind: unknown): kind is NodeKind {
  return typeof kind === "string" && SLOTS.has(kind);
}

const GROUPS = new Map<string, Group>(Object.entries(NODES).map(([kind, spec]) => [kind, spec.group]));

/** The group of a kind; undefined for a string that is no node kind. */
export function groupOf(kind: string): Group | undefined {
  return GROUPS.get(kind);
}

export function isLiteral(n: A.Root): n is A.Literal {
  return GROUPS.get(n.kind) === "literal";
}

export function isReference(n: A.Root): n is A.Reference {
  return GROUPS.get(n.kind) === "reference";
}

// ------------------------------------------------------------------ type-level checks

type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type IsOptional<N, P extends keyof N> = {} extends Pick<N, P> ? true : false;

/** The `accepts` tag whose type is exactly `T`; a slot whose type no tag names cannot be declared. */
type TagOf<T> = { [G in Accepts]: Same<AcceptsTypes[G], T> extends true ? G : never }[Accepts];
type AcceptsField<T> = [TagOf<T>] extends [never]
  ? { readonly accepts: never }
  : TagOf<T> extends "expr"
    ? { readonly accepts?: "expr" }
    : { readonly accepts: TagOf<T> };

/** The slot declarations property `P` of node type `N` allows (never when `P` holds no child). */
type SlotFor<N, P extends keyof N> = [NonNullable<N[P]>] extends [never]
  ? never
  : [NonNullable<N[P]>] extends [A.Expr]
    ? IsOptional<N, P> extends true
      ? { readonly optional: P } & AcceptsField<NonNullable<N[P]>>
      : { readonly one: P } & AcceptsField<N[P]>
    : [N[P]] extends [readonly A.Expr[]]
      ? { readonly list: P }
      : IsOptional<N, P> extends true
        ? ViaSlot<P, NonNullable<N[P]>>
        : never;
type ViaSlot<P, V> = V extends object
  ? { [Q in keyof V]-?: [V[Q]] extends [A.Expr] ? { readonly optional: P; readonly via: Q } & AcceptsField<V[Q]> : never }[keyof V]
  : never;

/** Any one slot declaration that fits node type `N`. */
export type SlotSpec<N> = { [P in keyof N]-?: SlotFor<N, P> }[keyof N];

export interface NodeSpec<N> {
  readonly group: Group;
  readonly slots: readonly SlotSpec<N>[];
}

/** The properties of `N` that hold children. */
type ChildKey<N> = { [P in keyof N]-?: [SlotFor<N, P>] extends [never] ? never : P }[keyof N];
/** The table entry of a kind (an empty one for a kind the table lacks, which `satisfies` above reports once). */
type SpecOf<K extends NodeKind> = K extends keyof typeof NODES ? (typeof NODES)[K] : { readonly group: never; readonly slots: readonly [] };
type DeclaredName<S> = S extends { readonly one: infer P } ? P : S extends { readonly optional: infer P } ? P : S extends { readonly list: infer P } ? P : never;
type Undeclared = {
  [K in NodeKind]: `${K}.${Exclude<ChildKey<NodeOf<K>>, DeclaredName<SpecOf<K>["slots"][number]>> & string}`;
}[NodeKind];
type KindsOf<G extends Group> = { [K in NodeKind]: [SpecOf<K>["group"]] extends [G] ? ([SpecOf<K>["group"]] extends [never] ? never : K) : never }[NodeKind];
type Mismatch<X, Y> = Exclude<X, Y> | Exclude<Y, X>;

// Each constant fails to compile, naming the culprit, when the table and ast.ts disagree.
/** A property holding a child that no slot declares (`"PhraseMatch.slop"`). */
const everyChildDeclared: [Undeclared] extends [never] ? true : Undeclared = true;
/** Kinds whose group is `literal` but which are not in ast.ts's `Literal`, or the reverse. */
const literalGroupIsLiteral: [Mismatch<KindsOf<"literal">, A.Literal["kind"]>] extends [never] ? true : Mismatch<KindsOf<"literal">, A.Literal["kind"]> = true;
/** The same for `reference` and ast.ts's `Reference`. */
const referenceGroupIsReference: [Mismatch<KindsOf<"reference">, A.Reference["kind"]>] extends [never] ? true : Mismatch<KindsOf<"reference">, A.Reference["kind"]> = true;
void [everyChildDeclared, literalGroupIsLiteral, referenceGroupIsReference];
