/**
 * milvus-filter: parse, check, print and evaluate Milvus boolean filter expressions.
 * Data flows one way: text -> tokens -> AST -> checked AST -> backend (printer, evaluator, ...).
 */
export { parse, DEFAULT_LIMITS } from "./syntax/parse.js";
export type { ParseOptions, ParseResult, FilterToken } from "./syntax/parse.js";
export type * from "./syntax/ast.js";
export { children, walk } from "./syntax/walk.js";
export { quoteString, quoteJsonKey, escapeLikePattern } from "./syntax/literals.js";

export { Source } from "./diag/source.js";
export type { Position } from "./diag/source.js";
export { hasError, sortDiagnostics } from "./diag/diagnostic.js";
export type { Diagnostic, DiagnosticCode, Severity, Span } from "./diag/diagnostic.js";
export { renderDiagnostic } from "./diag/render.js";
export { UsageError } from "./diag/usage.js";
export type { UsageCode } from "./diag/usage.js";
export type { RenderOptions } from "./diag/render.js";

export { CollectionSchema, loadSchema, parseSchemaJson, formatFieldType } from "./schema/index.js";
export type { DataType, FieldSchema, StructSchema, SchemaIssue, LoadSchemaResult } from "./schema/index.js";

export {
  check,
  checkText,
  CHECK_CODES,
  FEATURES,
  TARGETS,
  DEFAULT_TARGET,
  resolveTarget,
  SERVER_BUGS,
  templateValuesFromJson,
  templateValuesFromCase,
} from "./check/index.js";
export type {
  CheckOptions,
  CheckResult,
  ColumnInfo,
  ConstValue,
  ExprType,
  Target,
  ResolvedTarget,
  TemplateValue,
  TemplateValues,
} from "./check/index.js";

export { defineBackend } from "./backends/backend.js";
export type { Backend, BackendInput } from "./backends/backend.js";
export { print, printBackend, PrintError, normalize } from "./backends/print/index.js";
export type { PrintOptions, RewriteOptions } from "./backends/print/index.js";
export { filter, isFilter, field, ident, jsonPath, like, regex, double, FilterBuildError } from "./builder/index.js";
export type { Filter, Interpolation, ParamValue } from "./builder/index.js";

export {
  compileFilter,
  compileFilterText,
  FilterNotEvaluableError,
  evalBackend,
  compileLike,
  compileRegex,
  loadRegexEngine,
} from "./backends/eval/index.js";
export { semanticsFor, describeSemantics, PROFILES } from "./semantics/profiles.js";
export type { SemanticsProfile, ChosenSemantics, ProfileId } from "./semantics/profiles.js";
export type {
  CompileOptions,
  CompiledFilter,
  ExplainNode,
  Truth,
  TV,
  TemplateLike,
  TemplateParams,
  EvalBackendOptions,
  EvalCode,
} from "./backends/eval/index.js";
export { readRows, readRowStream, loadRows, primaryKeyText } from "./rows/index.js";
export type { RowRecord, RowError, ReadRowsOptions, Row, LoadedRows } from "./rows/index.js";

export {
  createMilvusClient,
  RETRIABLE_CODES,
  MilvusError,
  PreflightError,
  isPartitionLoadedError,
  safeDelete,
  planDelete,
  executeDeletePlan,
  safeDropPartition,
  planDropPartition,
  executeDropPartitionPlan,
  safeReleasePartitions,
  safeReleaseCollection,
  planRelease,
  executeReleasePlan,
  preflightFilter,
  dryRun,
  checkedDelete,
  previewOnServer,
  describeServerPreview,
  fileCheckpoint,
} from "./milvus/index.js";
export type {
  MilvusClient,
  MilvusClientOptions,
  RetryOptions,
  CallOptions,
  MilvusLogEvent,
  LoadState,
  LoadStateResult,
  CollectionDescription,
  DeleteEntitiesRequest,
  DeleteEntitiesResult,
  MilvusErrorKind,
  PreflightCode,
  SafeDeleteOptions,
  SafeDeleteResult,
  DeletePlan,
  DryRunReport,
  DeleteClassification,
  DropPartitionPlan,
  SafeDropPartitionOptions,
  ReleasePlan,
  SafeReleaseOptions,
  SdkClientLike,
  SdkDeleteRequest,
  CheckedDeleteParams,
  CheckedDeleteOptions,
  QueryEntitiesRequest,
  QueryEntitiesResult,
  ConsistencyLevel,
  PreviewMode,
  ServerPreview,
  ServerPreviewOptions,
  BatchDeleteOptions,
  BatchDeleteReport,
  BatchEvent,
  CheckpointStore,
  KeyBatchOptions,
  KeyBatchReport,
} from "./milvus/index.js";
