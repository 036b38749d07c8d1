/**
 * The int64 range, in one place: Milvus's Int64 fields, integer literals and keys, template
 * values, rows and the REST client's counts are all held to it. A module of its own so that the
 * client (milvus-filter/milvus) and the row reader need not load the parser to know it.
 */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Two's-complement wrap to int64: Go's planner arithmetic and the server's C++ on x86-64. */
export const wrap64 = (v: bigint): bigint => BigInt.asIntN(64, v);
