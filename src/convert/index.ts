/**
 * `milvus-filter/convert`: filters where they are born. Mongo-style objects, LangChain's
 * structured query, LlamaIndex MetadataFilters and react-querybuilder rule groups become the
 * builder's frozen `Filter` (text, ast), checked against the schema, or a `ConvertError` that
 * names the place in the input. See docs/convert.md.
 */
export { ConvertError, type ConvertCode, type ConvertOptions } from "./core.js";
export { fromMongo } from "./mongo.js";
export { fromLangChain, LANGCHAIN_COMPARATORS, LANGCHAIN_OPERATORS, type LangChainComparison, type LangChainOperation, type LangChainStructuredQuery } from "./langchain.js";
export { fromLlamaIndex, LLAMAINDEX_OPERATORS, LLAMAINDEX_CONDITIONS, type LlamaIndexMetadataFilter, type LlamaIndexMetadataFilters } from "./llamaindex.js";
export { fromRuleGroup, RULEGROUP_OPERATORS, type RuleGroupType, type RuleType } from "./rulegroup.js";
export type { Filter } from "../builder/filter.js";
