export { readRows, readRowStream, primaryKeyText } from "./read.js";
export { loadRows, type LoadedRows } from "./load.js";
export type { RowRecord, RowError, ReadRowsOptions } from "./read.js";
export { ownValue, metaObject, dynamicValue, dynamicObject, jsonPathValue, structSubValues, isJsonObject } from "./access.js";
export type { Row } from "./access.js";
export { coerceScalar } from "./coerce.js";
