/** `milvus-filter/guard`: confine end-user and LLM filters to `required and (user)`. See docs/convert.md. */
export { guard, provesRequired, operatorOf, fieldOf, GuardError, GUARD_OPERATORS, DEFAULT_MAX_TERMS, type GuardOptions, type GuardCode } from "./guard.js";
