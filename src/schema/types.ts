import { closest } from "../util/suggest.js";
/**
 * The collection-schema model the checker and evaluator consult.
 *
 * Type names are the milvus-proto `schema.DataType` enum names (newest `schema.proto`), spelled
 * exactly as `schemapb.DataType.String()` prints them, which is also what REST `collections/describe`
 * returns. The numeric codes are the proto enum values (the Node SDK's `DataType` enum uses the
 * same numbers but lacks String, Text, Mol, Date, Time, Decimal and ArrayOfStruct).
 */
import { requireCall } from "../diag/usage.js";
import { COLLECTION_SCHEMA_BRAND, SPECS } from "../diag/api-specs.js";

export type DataType =
  | "None"
  | "Bool"
  | "Int8"
  | "Int16"
  | "Int32"
  | "Int64"
  | "Float"
  | "Double"
  | "String"
  | "VarChar"
  | "Array"
  | "JSON"
  | "Geometry"
  | "Text"
  | "Timestamptz"
  | "Mol"
  | "Date"
  | "Time"
  | "Decimal"
  | "BinaryVector"
  | "FloatVector"
  | "Float16Vector"
  | "BFloat16Vector"
  | "SparseFloatVector"
  | "Int8Vector"
  | "ArrayOfVector"
  | "ArrayOfStruct"
  | "Struct";

/** Proto enum value of every DataType (milvus-proto `proto/schema.proto`, `enum DataType`). */
export const DATA_TYPE_CODES: Readonly<Record<DataType, number>> = Object.freeze({
  None: 0,
  Bool: 1,
  Int8: 2,
  Int16: 3,
  Int32: 4,
  Int64: 5,
  Float: 10,
  Double: 11,
  String: 20,
  VarChar: 21,
  Array: 22,
  JSON: 23,
  Geometry: 24,
  Text: 25,
  Timestamptz: 26,
  Mol: 27,
  Date: 28,
  Time: 29,
  Decimal: 30,
  BinaryVector: 100,
  FloatVector: 101,
  Float16Vector: 102,
  BFloat16Vector: 103,
  SparseFloatVector: 104,
  Int8Vector: 105,
  ArrayOfVector: 106,
  ArrayOfStruct: 200,
  Struct: 201,
});

export const DATA_TYPES: readonly DataType[] = Object.freeze(Object.keys(DATA_TYPE_CODES) as DataType[]);

const byCode = new Map<number, DataType>(DATA_TYPES.map((t) => [DATA_TYPE_CODES[t], t]));
/** Lower-cased, underscore-free spelling → canonical name (`FLOAT_VECTOR`, `floatvector` → FloatVector). */
const byFoldedName = new Map<string, DataType>(DATA_TYPES.map((t) => [t.toLowerCase(), t]));

/** The canonical name for a proto enum number, or undefined. */
export function dataTypeFromCode(code: number): DataType | undefined {
  return byCode.get(code);
}

/**
 * Normalises a type given as a name (any letter case; underscores ignored, so pymilvus-style
 * `FLOAT_VECTOR` works), a proto enum number, or a string of decimal digits. Undefined if unknown.
 */
export function normalizeDataType(value: unknown): DataType | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? byCode.get(value) : undefined;
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (/^\d{1,4}$/.test(s)) return byCode.get(Number(s));
  return byFoldedName.get(s.replace(/_/g, "").toLowerCase());
}

/**
 * Names people carry over from other systems (SQL, JSON Schema, pandas), folded like
 * normalizeDataType. Only for suggestions: the loader accepts Milvus's names alone.
 */
const FOREIGN_NAMES: ReadonlyMap<string, DataType> = new Map<string, DataType>([
  ["int", "Int64"],
  ["integer", "Int64"],
  ["long", "Int64"],
  ["bigint", "Int64"],
  ["smallint", "Int16"],
  ["tinyint", "Int8"],
  ["boolean", "Bool"],
  ["string", "VarChar"],
  ["str", "VarChar"],
  ["char", "VarChar"],
  ["float32", "Float"],
  ["float64", "Double"],
  ["number", "Double"],
  ["real", "Float"],
  ["object", "JSON"],
  ["list", "Array"],
  ["vector", "FloatVector"],
]);

/** The Milvus type a mistyped or foreign type name most likely meant, for "did you mean". */
export function suggestDataType(value: string): DataType | undefined {
  const folded = value.trim().replace(/_/g, "").toLowerCase();
  const near = FOREIGN_NAMES.get(folded) ?? (closest(folded, DATA_TYPES) as DataType | undefined);
  // `String` is in the enum but no collection field has it: text columns are VarChar.
  return near === "String" ? "VarChar" : near;
}

export interface StructRef {
  /** Name of the struct-array container, e.g. `struct_array`. */
  readonly name: string;
  /** Short sub-field name, e.g. `sub_int`. */
  readonly sub: string;
}

export interface FieldSchema {
  /** Name as filters reference it; struct sub-fields are `<struct>[<sub>]`. */
  readonly name: string;
  readonly dataType: DataType;
  /** Element type of Array / ArrayOfVector (absent when the source did not say, e.g. a bare ArrayOfVector). */
  readonly elementType?: DataType;
  /** For struct sub-fields whose element is itself an Array: that inner array's element type. */
  readonly nestedElementType?: DataType;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly partitionKey: boolean;
  readonly autoId: boolean;
  /** Raw type params; every value a string, as describe returns them. */
  readonly params: Readonly<Record<string, string>>;
  /** `enable_match` param is "true" (any letter case): text_match / phrase_match allowed. */
  readonly enableMatch: boolean;
  readonly maxLength?: number;
  readonly maxCapacity?: number;
  readonly dim?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** Set on struct sub-fields. */
  readonly struct?: StructRef;
}

export interface StructSchema {
  readonly name: string;
  readonly nullable: boolean;
  /** Sub-fields, already registered as `<struct>[<sub>]` columns of type Array / ArrayOfVector. */
  readonly fields: readonly FieldSchema[];
}

export interface CollectionSchemaInit {
  name?: string;
  enableDynamicField: boolean;
  fields: readonly FieldSchema[];
  structs?: readonly StructSchema[];
}

/** Immutable collection schema with exact, case-sensitive name lookup. */
export class CollectionSchema {
  readonly name?: string;
  /** Unknown identifiers resolve to `$meta["name"]` when true. */
  readonly enableDynamicField: boolean;
  /** Top-level fields in declaration order (`$meta` and struct containers excluded). */
  readonly fields: readonly FieldSchema[];
  readonly structs: readonly StructSchema[];
  /** `fields` followed by every struct sub-field: everything `field()` can return. */
  readonly columns: readonly FieldSchema[];
  readonly primaryKey?: FieldSchema;
  readonly #byName: Map<string, FieldSchema>;
  readonly #structs: Map<string, StructSchema>;

  static {
    // How the argument checks (src/diag/api-specs.ts) recognise a schema without importing this class.
    Object.defineProperty(this.prototype, COLLECTION_SCHEMA_BRAND, { value: true });
  }

  constructor(init: CollectionSchemaInit) {
    requireCall("CollectionSchema", SPECS.CollectionSchema, [init]);
    if (init.name !== undefined) this.name = init.name;
    this.enableDynamicField = init.enableDynamicField;
    this.fields = Object.freeze([...init.fields]);
    this.structs = Object.freeze([...(init.structs ?? [])]);
    this.columns = Object.freeze([...this.fields, ...this.structs.flatMap((s) => s.fields)]);
    this.#byName = new Map();
    for (const f of this.columns) if (!this.#byName.has(f.name)) this.#byName.set(f.name, f);
    this.#structs = new Map();
    for (const s of this.structs) if (!this.#structs.has(s.name)) this.#structs.set(s.name, s);
    const pk = this.fields.find((f) => f.primaryKey);
    if (pk) this.primaryKey = pk;
    Object.freeze(this);
  }

  /** Field or struct sub-field (`s[sub]`) by exact name. */
  field(name: string): FieldSchema | undefined {
    return this.#byName.get(name);
  }

  /** Struct-array container by exact name. */
  struct(name: string): StructSchema | undefined {
    return this.#structs.get(name);
  }
}

// ------------------------------------------------------------------ type predicates

const INTEGER = new Set<DataType>(["Int8", "Int16", "Int32", "Int64"]);
const FLOAT = new Set<DataType>(["Float", "Double"]);
const VECTOR = new Set<DataType>([
  "BinaryVector",
  "FloatVector",
  "Float16Vector",
  "BFloat16Vector",
  "SparseFloatVector",
  "Int8Vector",
]);
const ARRAY_LIKE = new Set<DataType>(["Array", "ArrayOfVector", "ArrayOfStruct"]);

export const isIntegerType = (t: DataType | undefined): boolean => t !== undefined && INTEGER.has(t);
export const isFloatType = (t: DataType | undefined): boolean => t !== undefined && FLOAT.has(t);
/** Int8…Int64, Float, Double (Milvus's IsNumericType). Decimal is separate: see isDecimalType. */
export const isNumericType = (t: DataType | undefined): boolean => isIntegerType(t) || isFloatType(t);
export const isDecimalType = (t: DataType | undefined): boolean => t === "Decimal";
/** String or VarChar (Text is not: it has its own rules). */
export const isStringType = (t: DataType | undefined): boolean => t === "String" || t === "VarChar";
export const isBoolType = (t: DataType | undefined): boolean => t === "Bool";
export const isJsonType = (t: DataType | undefined): boolean => t === "JSON";
export const isArrayType = (t: DataType | undefined): boolean => t === "Array";
/** Array, ArrayOfVector, ArrayOfStruct. */
export const isArrayLike = (t: DataType | undefined): boolean => t !== undefined && ARRAY_LIKE.has(t);
/** Dense, binary, sparse and int8 vectors (not ArrayOfVector). */
export const isVectorType = (t: DataType | undefined): boolean => t !== undefined && VECTOR.has(t);
/** Timestamptz, Date, Time. */
export const isTemporalType = (t: DataType | undefined): boolean =>
  t === "Timestamptz" || t === "Date" || t === "Time";
/** A single scalar value per row that filters can compare: bool, numbers, strings, Decimal, Date, Time. */
export const isComparableScalar = (t: DataType | undefined): boolean =>
  isBoolType(t) || isNumericType(t) || isStringType(t) || t === "Decimal" || t === "Date" || t === "Time";

/** Element type usable inside `Array<…>` (before struct nesting is considered). */
export function isArrayElementType(t: DataType): boolean {
  return !(t === "None" || isVectorType(t) || isArrayLike(t) || t === "Struct");
}

/** Human-readable type, e.g. `Array<VarChar>`, `ArrayOfVector<FloatVector>`, `Array<Array<Int64>>`. */
export function formatFieldType(f: Pick<FieldSchema, "dataType" | "elementType" | "nestedElementType">): string {
  requireCall("formatFieldType", SPECS.formatFieldType, [f]);
  if (f.elementType === undefined) return f.dataType;
  const inner =
    f.elementType === "Array" && f.nestedElementType !== undefined
      ? `Array<${f.nestedElementType}>`
      : f.elementType;
  return `${f.dataType}<${inner}>`;
}
