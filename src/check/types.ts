/**
 * The checker's type model.
 *
 * Milvus's visitor gives every sub-expression an `ExprWithType`: a plan fragment plus a data type
 * and a "node dependent" flag. This module mirrors that as `ExprType`, one per AST node id, so the
 * evaluator and printer can ask "what did the checker decide about this node" without re-deriving
 * it: a folded constant, a template placeholder, a resolved column (field, JSON path, dynamic key,
 * array element, struct sub-field), an arithmetic node, or an executable boolean predicate.
 */
import type { DataType, FieldSchema, CollectionSchema } from "../schema/index.js";
import type { Expr, Root } from "../syntax/ast.js";
import type { ChosenSemantics } from "../semantics/profiles.js";
import type { ParseResult } from "../syntax/parse.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Source } from "../diag/source.js";
import type { TemplateValues } from "./templates.js";

export type { TemplateValue, TemplateValues } from "./templates.js";

/** A data type as the checker tracks it: a schema type, or "Unknown" for a column checked without a schema. */
export type CheckDataType = DataType | "Unknown";

/** Milvus release lines the checker knows, oldest first (a target may also name a patch release: see releases.ts). */
export { LINES as TARGETS } from "../util/releases.js";
/** A target: a release line (`2.5`), a release (`2.5.3`, `v2.6.17`) or `latest`. */
export type Target = string;
export const DEFAULT_TARGET: Target = "3.0";

/**
 * A constant as Milvus's planner holds it (`planpb.GenericValue`). Integers are exact int64
 * (bigint); floats keep the literal text when they came from one (Decimal fields need it).
 */
export type ConstValue =
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number; readonly raw?: string }
  | { readonly t: "string"; readonly v: string }
  | {
      readonly t: "array";
      readonly items: readonly ConstValue[];
      /** Every element has the same kind (Milvus's `Array.same_type`). */
      readonly sameType: boolean;
      /** Data type of the elements when sameType, else "None". */
      readonly elementType: DataType;
    }
  | { readonly t: "bytes"; readonly v: Uint8Array };

/**
 * Where a resolved column's value lives in a row, for backends that read rows (the evaluator):
 * the checker decides it once, a backend only reads. Keys and indexes are as written in the filter.
 */
export type ColumnAccess =
  /** A top-level schema field: `row[name]`. */
  | { readonly kind: "field"; readonly name: string }
  /** A key path into a JSON field (empty path: the whole value). */
  | { readonly kind: "json"; readonly field: string; readonly path: readonly string[] }
  /**
   * The dynamic field. `path[0]` is the dynamic key, found in the row's `$meta` object, and as a
   * top-level key of the row when `topLevel` (the key names no schema field); the rest is a JSON
   * path below it. An empty path is the whole dynamic object.
   */
  | { readonly kind: "dynamic"; readonly path: readonly string[]; readonly topLevel: boolean }
  /** `arr[i]` (and `arr[i][j]…`, which no backend reads): indexes into an Array field. */
  | { readonly kind: "element"; readonly field: string; readonly path: readonly string[] }
  /** `s[sub]`: per row, the array of sub-field `sub` of each element of struct array `struct`. */
  | { readonly kind: "structSub"; readonly struct: string; readonly sub: string }
  /** `s[i][sub]`: sub-field `sub` of element `index` of struct array `struct`. */
  | { readonly kind: "structElement"; readonly struct: string; readonly index: string; readonly sub: string }
  /** A struct array as a whole (`s is null`, `array_length(s)`, the first argument of MATCH_*). */
  | { readonly kind: "structArray"; readonly struct: string }
  /** `$` / `$[sub]` inside element_filter / MATCH_*: the current element, or its sub-field `sub`. */
  | { readonly kind: "current"; readonly sub?: string }
  /** Checked without a schema: nothing is known about where the value lives. */
  | { readonly kind: "unresolved" };

/** A resolved column reference (Milvus's `planpb.ColumnInfo`, plus what the printer needs). */
export interface ColumnInfo {
  /** Where a backend reads the value in a row. */
  readonly access: ColumnAccess;
  /** The schema field this reads. For a dynamic key it is the dynamic field (`$meta`), possibly synthetic. */
  readonly field: FieldSchema;
  /** The column's data type (for `$` / `$[sub]`: the element type). */
  readonly dataType: CheckDataType;
  /** Element type of Array / ArrayOfVector columns ("None" otherwise). */
  readonly elementType: CheckDataType;
  /** JSON path keys, or the array index for `arr[0]` (decimal string). Dynamic keys start with the name. */
  readonly nestedPath: readonly string[];
  /** The reference fell back to the dynamic field (`$meta`). */
  readonly isDynamic: boolean;
  /** `$` / `$[sub]` inside element_filter / MATCH_*. */
  readonly isElementLevel: boolean;
  readonly nullable: boolean;
  /** How the reference was written, for messages. */
  readonly text: string;
  /** Set for `arr[i]` / `struct[i][sub]`: the element index. */
  readonly elementIndex?: string;
}

export type ExprCategory =
  /** A constant after folding (literal, folded arithmetic, list of constants). */
  | "value"
  /** A `{name}` placeholder. */
  | "template"
  /** A column reference. */
  | "column"
  /** `column op const` (or array_length): not a predicate on its own. */
  | "arith"
  /** An executable boolean predicate. */
  | "predicate";

/** What the checker decided about one AST node. */
export interface ExprType {
  readonly category: ExprCategory;
  /** Milvus data type of the node's value ("None" for a template, whose type comes from its position). */
  readonly dataType: CheckDataType;
  /** Literals, columns and arithmetic results cannot stand as a filter on their own. */
  readonly nodeDependent: boolean;
  /** The node (or something under it) holds a template placeholder. */
  readonly containsTemplate: boolean;
  /** Folded value for `value` nodes (and constant predicates such as `1 == 1`). */
  readonly value?: ConstValue;
  /** Placeholder name for `template` nodes. */
  readonly template?: string;
  /** Resolved column for `column` nodes. */
  readonly column?: ColumnInfo;
  /** The predicate folds to always-true / always-false (`true or x`, `1 == 1`). */
  readonly constant?: boolean;
}

export interface CheckOptions {
  /** Without a schema, only schema-free rules run (literals, folding, structure, versions, purpose). */
  schema?: CollectionSchema;
  /** Milvus release to check against: `2.5` (every 2.5 release), `2.5.3`, `v2.6.17`, `latest`. Default "3.0". */
  target?: Target;
  /** What the filter is for: `delete` refuses empty and always-true filters. Required. */
  purpose: "delete" | "query";
  /** Values for `{name}` placeholders; undefined = none given (placeholders only checked for position). */
  params?: TemplateValues;
  /** Milvus's proxy.maxExpressionDepth (nesting limit); undefined = the parser's default. */
  maxExpressionDepth?: number;
}

/** A constant as its context casts it (Milvus castValue), or why the constant does not fit. */
export type CastResult = { readonly ok: true; readonly value: ConstValue } | { readonly ok: false; readonly message: string };

/** Arithmetic operators that can apply to a column (`column op constant`). */
export type ColumnArithOp = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";

/**
 * `column op constant` (or `constant op column` for + and *), after newest master's folding of
 * integer chains (`(x + 2) + 3` is `x + 5`): Milvus's BinaryArithExpr.
 */
export interface ArithmeticPlan {
  readonly op: ColumnArithOp;
  /** The column node (an AST node inside the arithmetic). */
  readonly column: Expr;
  /** The constant operand's node; undefined for a folded chain, whose constant has no node. */
  readonly operandNode: Expr | undefined;
  /**
   * The constant operand as the arithmetic on this column takes it: cast to Int64 for an integer
   * column, to Double for a float column, as it is for JSON. Undefined for a placeholder without
   * a value.
   */
  readonly operand: CastResult | undefined;
  /** The constant is on the left (`2 * x`). */
  readonly reversed: boolean;
}

/**
 * Everything a backend plans from, beside the type map: what each reference resolved to, what
 * each constant is in its context, and the shape of each column arithmetic (cel-go's reference
 * map and the checker's constant table). All maps are keyed by node id. A node the checker could
 * not accept still has the entries it got before the rule that failed, and `rejected` says why.
 */
export interface CheckedTree {
  readonly root: Root;
  /** The schema names were resolved against; undefined when checked without one (nothing resolved). */
  readonly schema: CollectionSchema | undefined;
  /** The target's release and its execution semantics (what the evaluator follows). */
  readonly target: Target;
  readonly semantics: ChosenSemantics;
  /** Type of each node the checker reached (the same map as `CheckResult.types`). */
  readonly types: ReadonlyMap<number, ExprType>;
  /**
   * Each column reference → the resolved column: fields, JSON paths, dynamic keys, struct
   * sub-fields, `$` / `$[sub]`, the target of `is null` / `array_length`, and the array, JSON
   * value or struct array MATCH_* / element_filter iterate over.
   */
  readonly references: ReadonlyMap<number, ColumnInfo>;
  /**
   * Each constant operand that meets a column → the constant cast to that column's type (JSON
   * takes any constant as it is; a whole Array field takes a list cast element-wise; `in` lists
   * are cast element-wise). Placeholders with a value are cast the same way.
   */
  readonly casts: ReadonlyMap<number, CastResult>;
  /** Each `{name}` placeholder node → its value, when values were given. */
  readonly templateValues: ReadonlyMap<number, ConstValue>;
  /** Each arithmetic node with one column and one constant → its plan. */
  readonly arithmetic: ReadonlyMap<number, ArithmeticPlan>;
  /** Nodes (and their ancestors up to the and/or that continued) where a rule failed → the message. */
  readonly rejected: ReadonlyMap<number, string>;
}

export interface CheckResult {
  /** No error-severity diagnostic. */
  readonly ok: boolean;
  /** Parse and check diagnostics, sorted by position. */
  readonly diagnostics: Diagnostic[];
  /** Type of each node the checker reached, by node id. */
  readonly types: ReadonlyMap<number, ExprType>;
  readonly ast: Root | null;
  readonly source: Source;
  /** What backends plan from (null when there is no tree: a parse failure or a misused call). */
  readonly tree: CheckedTree | null;
  /** For purpose delete when ok: whether Milvus deletes by primary keys directly or queries first. */
  readonly deleteClass?: "primary-key" | "query-first";
}

export type { ParseResult };
