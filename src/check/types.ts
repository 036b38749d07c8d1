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
import type { Root } from "../syntax/ast.js";
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

/** A resolved column reference (Milvus's `planpb.ColumnInfo`, plus what the printer needs). */
export interface ColumnInfo {
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

export interface CheckResult {
  /** No error-severity diagnostic. */
  readonly ok: boolean;
  /** Parse and check diagnostics, sorted by position. */
  readonly diagnostics: Diagnostic[];
  /** Type of each node the checker reached, by node id. */
  readonly types: ReadonlyMap<number, ExprType>;
  readonly ast: Root | null;
  readonly source: Source;
  /** For purpose delete when ok: whether Milvus deletes by primary keys directly or queries first. */
  readonly deleteClass?: "primary-key" | "query-first";
}

export type { ParseResult };
