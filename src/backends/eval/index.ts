/** The evaluator backend: filters compiled into row predicates with Milvus's semantics (see docs/semantics.md). */
export { compileFilter, compileFilterText, FilterNotEvaluableError } from "./compile.js";
export type { CompileOptions, CompiledFilter, ExplainNode, Truth, TV, TemplateLike, TemplateParams } from "./compile.js";
export { evalBackend } from "./backend.js";
export type { EvalBackendOptions } from "./backend.js";
export { compileLike } from "./like.js";
export type { LikeResult } from "./like.js";
export { compileRegex } from "./regex.js";
export { loadRegexEngine } from "./regex-engine.js";
export type { RegexResult } from "./regex.js";
export type { EvalCode } from "./problems.js";
