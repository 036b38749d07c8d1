export {
  CollectionSchema,
  DATA_TYPES,
  DATA_TYPE_CODES,
  dataTypeFromCode,
  formatFieldType,
  isArrayElementType,
  isArrayLike,
  isArrayType,
  isBoolType,
  isComparableScalar,
  isDecimalType,
  isFloatType,
  isIntegerType,
  isJsonType,
  isNumericType,
  isStringType,
  isTemporalType,
  isVectorType,
  normalizeDataType,
} from "./types.js";
export type { CollectionSchemaInit, DataType, FieldSchema, StructRef, StructSchema } from "./types.js";
export { SCHEMA_ISSUE_CODES } from "./issues.js";
export type { SchemaIssue, SchemaIssueCode } from "./issues.js";
export { loadSchema, parseSchemaJson } from "./load.js";
export type { LoadSchemaResult } from "./load.js";
export { MODIFIERS, parseTypeSpec } from "./typespec.js";
export type { Modifier, TypeSpec, TypeSpecResult } from "./typespec.js";
