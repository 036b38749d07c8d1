/**
 * Problems found while loading a schema. They describe the schema document, not filter text, so
 * they carry a JSON path (`data.fields[3].type`) instead of a span.
 */
export interface SchemaIssue {
  /** Stable identifier, one of SCHEMA_ISSUE_CODES. */
  code: string;
  message: string;
  /** JSON path of the offending part, e.g. `data.fields[3].type`; "" for the document itself. */
  path: string;
}

/** Every code the loader emits, with what it means (documented in docs/schema.md). */
export const SCHEMA_ISSUE_CODES = {
  "schema/json-syntax": "the text is not valid JSON (message gives line and column)",
  "schema/unrecognized-shape": "the document is not a describe response, describe data, SDK result or compact schema",
  "schema/response-error": "the wrapped response reports a failure (REST code, SDK status)",
  "schema/expected-object": "an object was required here",
  "schema/expected-array": "an array was required here",
  "schema/invalid-value": "a value has the wrong JSON type or an unusable content",
  "schema/missing-name": "a field or struct has no (non-empty) name",
  "schema/missing-type": "a field has no data type",
  "schema/unknown-type": "a data type name or number is not a Milvus DataType",
  "schema/missing-element-type": "an Array (or nested array / struct vector) lacks its element type",
  "schema/invalid-element-type": "the element type cannot be used inside that container",
  "schema/duplicate-field": "a field, struct or sub-field name is used twice",
  "schema/multiple-primary-keys": "more than one field is marked primary key",
  "schema/invalid-param": "a type param entry is malformed or its value is not a non-negative integer",
  "schema/unknown-key": "a key the compact form does not define",
  "schema/bad-type-spec": "a compact type string does not follow the grammar",
  "schema/internal-error": "the loader hit an unexpected condition (please report)",
} as const;

export type SchemaIssueCode = keyof typeof SCHEMA_ISSUE_CODES;

export function issue(code: SchemaIssueCode, message: string, path: string): SchemaIssue {
  return { code, message, path };
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key or index to a JSON path: `a.b`, `a[3]`, `a["odd key"]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (SIMPLE_KEY.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

// In src/util so that the usage checks (src/diag/usage.ts, a layer below) word values as the loader does.
export { describeValue } from "../util/describe-value.js";
