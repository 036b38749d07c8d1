/**
 * The typed AST every stage shares. One node kind per alternative of Milvus's `expr` rule
 * (Plan.g4), except `Parens`: grouping is carried by the tree's shape, as in cel-go.
 *
 * Nodes are plain readonly objects. `id` is unique within one parse (side tables such as the
 * checker's type map are keyed by it); `span` is the [start, end) offset range in the source.
 * Nothing in a node depends on spelling: `AND`, `and` and `&&` all give `And`.
 */
import type { Span } from "../diag/diagnostic.js";

export type { Span };

interface Base {
  readonly id: number;
  readonly span: Span;
}

// ---------------------------------------------------------------- literals

/** `IntegerConstant`: decimal, octal (leading 0), hex, binary. `value` may exceed int64: the checker reports that. */
export interface Integer extends Base {
  readonly kind: "Integer";
  readonly value: bigint;
  readonly raw: string;
}

/** `FloatingConstant`, decimal or hex. */
export interface Float extends Base {
  readonly kind: "Float";
  readonly value: number;
  readonly raw: string;
}

export interface Boolean extends Base {
  readonly kind: "Boolean";
  readonly value: boolean;
}

/**
 * `StringLiteral`. `value` is the text as Milvus's Go unquoting decodes it, or `null` when Go would
 * reject the escapes (a visit-time error in Milvus, reported by the checker from `error`).
 */
export interface String extends Base {
  readonly kind: "String";
  readonly value: string | null;
  readonly raw: string;
  readonly error?: string;
}

/** `r"…"` / `R'…'` (3.0): content taken verbatim. */
export interface RawString extends Base {
  readonly kind: "RawString";
  readonly value: string;
  readonly raw: string;
}

// ---------------------------------------------------------------- references

/** A bare field name, or `$meta` (the dynamic field itself). */
export interface Identifier extends Base {
  readonly kind: "Identifier";
  readonly name: string;
}

export type JsonKey =
  | {
      readonly kind: "key";
      /** The key as Milvus stores it in the path; meaningless when `error` is set. */
      readonly value: string;
      readonly raw: string;
      readonly quote: "string" | "raw";
      /** Why Milvus rejects this key at visit time (e.g. the empty key). */
      readonly error?: string;
    }
  | { readonly kind: "index"; readonly value: string };

/** `a["k"][0]`, `$meta['x']`: one lexer token in Milvus, so no whitespace inside. */
export interface JSONIdentifier extends Base {
  readonly kind: "JSONIdentifier";
  readonly base: string;
  readonly keys: readonly JsonKey[];
}

/** `struct_array[sub]` (3.0). */
export interface StructField extends Base {
  readonly kind: "StructField";
  readonly struct: string;
  readonly sub: string;
}

/** `struct_array[0][sub]` (3.0). `index` keeps the decimal digits. */
export interface StructIndexField extends Base {
  readonly kind: "StructIndexField";
  readonly struct: string;
  readonly index: string;
  readonly sub: string;
}

/** `$[sub]` inside element_filter / MATCH_* (3.0). */
export interface StructSubField extends Base {
  readonly kind: "StructSubField";
  readonly sub: string;
}

/** `$`: the current element inside element_filter / MATCH_* on a scalar array (3.0). */
export interface ElementSelf extends Base {
  readonly kind: "ElementSelf";
}

/** `{name}`: a value supplied through `exprParams` (2.5). */
export interface TemplateVariable extends Base {
  readonly kind: "TemplateVariable";
  readonly name: string;
}

// ---------------------------------------------------------------- lists

export interface Array extends Base {
  readonly kind: "Array";
  readonly elements: readonly Expr[];
}

/** `[]` as one token (whitespace allowed inside). */
export interface EmptyArray extends Base {
  readonly kind: "EmptyArray";
}

// ---------------------------------------------------------------- operators

export interface Unary extends Base {
  readonly kind: "Unary";
  readonly op: "+" | "-" | "~" | "not";
  readonly operand: Expr;
}

export interface Exists extends Base {
  readonly kind: "Exists";
  readonly operand: Expr;
}

export interface Like extends Base {
  readonly kind: "Like";
  readonly left: Expr;
  readonly pattern: Expr;
}

/** `=~` (negated: false) and `!~` (negated: true), 3.0. */
export interface RegexMatch extends Base {
  readonly kind: "RegexMatch";
  readonly negated: boolean;
  readonly left: Expr;
  readonly pattern: Expr;
}

export type ArithOp = "**" | "*" | "/" | "%" | "+" | "-" | "<<" | ">>" | "&" | "^" | "|";

/** Power, MulDivMod, AddSub, Shift, BitAnd, BitXor, BitOr: binary arithmetic. */
export interface Power extends Base {
  readonly kind: "Power";
  readonly op: "**";
  readonly left: Expr;
  readonly right: Expr;
}
export interface MulDivMod extends Base {
  readonly kind: "MulDivMod";
  readonly op: "*" | "/" | "%";
  readonly left: Expr;
  readonly right: Expr;
}
export interface AddSub extends Base {
  readonly kind: "AddSub";
  readonly op: "+" | "-";
  readonly left: Expr;
  readonly right: Expr;
}
export interface Shift extends Base {
  readonly kind: "Shift";
  readonly op: "<<" | ">>";
  readonly left: Expr;
  readonly right: Expr;
}
export interface BitAnd extends Base {
  readonly kind: "BitAnd";
  readonly op: "&";
  readonly left: Expr;
  readonly right: Expr;
}
export interface BitXor extends Base {
  readonly kind: "BitXor";
  readonly op: "^";
  readonly left: Expr;
  readonly right: Expr;
}
export interface BitOr extends Base {
  readonly kind: "BitOr";
  readonly op: "|";
  readonly left: Expr;
  readonly right: Expr;
}

export type ArithNode = Power | MulDivMod | AddSub | Shift | BitAnd | BitXor | BitOr;

export type RelOp = "<" | "<=" | ">" | ">=";
export type CmpOp = RelOp | "==" | "!=";

export interface Relational extends Base {
  readonly kind: "Relational";
  readonly op: RelOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface Equality extends Base {
  readonly kind: "Equality";
  readonly op: "==" | "!=";
  readonly left: Expr;
  readonly right: Expr;
}

/** The single-token operand allowed in the middle of a range. */
export type RangeField = Identifier | JSONIdentifier | StructSubField | StructIndexField | ElementSelf;

/** `lower (<|<=) field (<|<=) upper`. */
export interface Range extends Base {
  readonly kind: "Range";
  readonly lower: Expr;
  readonly lowerInclusive: boolean;
  readonly field: RangeField;
  readonly upperInclusive: boolean;
  readonly upper: Expr;
}

/** `upper (>|>=) field (>|>=) lower`. */
export interface ReverseRange extends Base {
  readonly kind: "ReverseRange";
  readonly upper: Expr;
  readonly upperInclusive: boolean;
  readonly field: RangeField;
  readonly lowerInclusive: boolean;
  readonly lower: Expr;
}

/** `expr [not] in expr`. */
export interface Term extends Base {
  readonly kind: "Term";
  readonly negated: boolean;
  readonly left: Expr;
  readonly right: Expr;
}

/** N-ary: a chain `a and b and c` is one node, so depth does not grow with chain length. */
export interface And extends Base {
  readonly kind: "And";
  readonly operands: readonly Expr[];
}

export interface Or extends Base {
  readonly kind: "Or";
  readonly operands: readonly Expr[];
}

export interface IsNull extends Base {
  readonly kind: "IsNull";
  readonly operand: Identifier | JSONIdentifier;
}

export interface IsNotNull extends Base {
  readonly kind: "IsNotNull";
  readonly operand: Identifier | JSONIdentifier;
}

// ---------------------------------------------------------------- functions

/** Generic `name(args…)`: names and arity are checked by Milvus's segment core, not its parser. */
export interface Call extends Base {
  readonly kind: "Call";
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
}

/** An `IntegerConstant` option such as `minimum_should_match=3` or `threshold=2`. */
export interface IntOption {
  readonly name: string;
  readonly value: bigint;
  readonly raw: string;
  readonly span: Span;
}

export interface TextMatch extends Base {
  readonly kind: "TextMatch";
  readonly field: Identifier;
  readonly query: Expr;
  readonly minimumShouldMatch?: IntOption;
}

/** `text_match_fuzzy(field, q, max_edit_distance=N)` (newest master). The option name is checked later. */
export interface TextMatchFuzzy extends Base {
  readonly kind: "TextMatchFuzzy";
  readonly field: Identifier;
  readonly query: Expr;
  /** Required by the grammar (the option name is checked later). */
  readonly option: IntOption;
}

export interface PhraseMatch extends Base {
  readonly kind: "PhraseMatch";
  readonly field: Identifier;
  readonly query: Expr;
  readonly slop?: Expr;
}

export interface RandomSample extends Base {
  readonly kind: "RandomSample";
  readonly factor: Expr;
}

export interface ElementFilter extends Base {
  readonly kind: "ElementFilter";
  readonly field: Identifier;
  readonly predicate: Expr;
}

/** MATCH_* over a struct array, a scalar array, or (newest master) a JSON path. */
export interface MatchSimple extends Base {
  readonly kind: "MatchSimple";
  readonly fn: "match_all" | "match_any";
  readonly field: Identifier | JSONIdentifier;
  readonly predicate: Expr;
}

export interface MatchThreshold extends Base {
  readonly kind: "MatchThreshold";
  readonly fn: "match_least" | "match_most" | "match_exact";
  readonly field: Identifier | JSONIdentifier;
  readonly predicate: Expr;
  readonly threshold: IntOption;
}

/** `json_contains` / `array_contains` (`family` records which spelling; they are synonyms). */
export interface JSONContains extends Base {
  readonly kind: "JSONContains";
  readonly family: "json" | "array";
  readonly target: Expr;
  readonly value: Expr;
}
export interface JSONContainsAll extends Base {
  readonly kind: "JSONContainsAll";
  readonly family: "json" | "array";
  readonly target: Expr;
  readonly value: Expr;
}
export interface JSONContainsAny extends Base {
  readonly kind: "JSONContainsAny";
  readonly family: "json" | "array";
  readonly target: Expr;
  readonly value: Expr;
}

export type SpatialOp =
  | "st_equals"
  | "st_touches"
  | "st_overlaps"
  | "st_crosses"
  | "st_contains"
  | "st_intersects"
  | "st_within";

export interface SpatialBinary extends Base {
  readonly kind: "SpatialBinary";
  readonly fn: SpatialOp;
  readonly field: Identifier;
  readonly wkt: Expr;
}

export interface STDWithin extends Base {
  readonly kind: "STDWithin";
  readonly field: Identifier;
  readonly wkt: Expr;
  readonly distance: Expr;
}

export interface STIsValid extends Base {
  readonly kind: "STIsValid";
  readonly field: Identifier;
}

export interface ArrayLength extends Base {
  readonly kind: "ArrayLength";
  readonly target: Identifier | JSONIdentifier | StructField;
}

/** `field [(+|-) interval 'dur'] op iso 'ts'` (2.6.6). */
export interface TimestamptzCompareForward extends Base {
  readonly kind: "TimestamptzCompareForward";
  readonly field: Identifier;
  readonly interval?: { readonly op: "+" | "-"; readonly value: String };
  readonly op: CmpOp;
  readonly iso: String;
}

/** `iso 'ts' op field [(+|-) interval 'dur']` (2.6.6). */
export interface TimestamptzCompareReverse extends Base {
  readonly kind: "TimestamptzCompareReverse";
  readonly iso: String;
  readonly op: CmpOp;
  readonly field: Identifier;
  readonly interval?: { readonly op: "+" | "-"; readonly value: String };
}

/** The empty (or all-whitespace) filter, which Milvus reads as "always true". */
export interface Empty extends Base {
  readonly kind: "Empty";
}

export type Literal = Integer | Float | Boolean | String | RawString;
export type Reference = Identifier | JSONIdentifier | StructField | StructIndexField | StructSubField | ElementSelf;

export type Expr =
  | Literal
  | Reference
  | TemplateVariable
  | Array
  | EmptyArray
  | Unary
  | Exists
  | Like
  | RegexMatch
  | ArithNode
  | Relational
  | Equality
  | Range
  | ReverseRange
  | Term
  | And
  | Or
  | IsNull
  | IsNotNull
  | Call
  | TextMatch
  | TextMatchFuzzy
  | PhraseMatch
  | RandomSample
  | ElementFilter
  | MatchSimple
  | MatchThreshold
  | JSONContains
  | JSONContainsAll
  | JSONContainsAny
  | SpatialBinary
  | STDWithin
  | STIsValid
  | ArrayLength
  | TimestamptzCompareForward
  | TimestamptzCompareReverse;

/** The root of a parse: an expression, or the empty filter. */
export type Root = Expr | Empty;

export type NodeKind = Root["kind"];

// ---------------------------------------------------------------- names before 0.2
// Every node type is now named after its `kind`. The 0.1 names stay for one minor release.

/** @deprecated Renamed to {@link Integer}. */
export type IntegerLit = Integer;
/** @deprecated Renamed to {@link Float}. */
export type FloatLit = Float;
/** @deprecated Renamed to {@link Boolean}. */
export type BoolLit = Boolean;
/** @deprecated Renamed to {@link String}. */
export type StringLit = String;
/** @deprecated Renamed to {@link RawString}. */
export type RawStringLit = RawString;
/** @deprecated Renamed to {@link JSONIdentifier}. */
export type JsonPath = JSONIdentifier;
/** @deprecated Renamed to {@link TemplateVariable}. */
export type Template = TemplateVariable;
/** @deprecated Renamed to {@link Array}. */
export type ArrayLit = Array;
/** @deprecated Renamed to {@link JSONContains}. */
export type JsonContains = JSONContains;
/** @deprecated Renamed to {@link JSONContainsAll}. */
export type JsonContainsAll = JSONContainsAll;
/** @deprecated Renamed to {@link JSONContainsAny}. */
export type JsonContainsAny = JSONContainsAny;
