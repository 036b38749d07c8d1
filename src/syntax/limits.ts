/**
 * The parser's default limits, in a module of their own so that code which only describes them
 * (CLI help, docs) does not load the parser. Milvus itself accepts nesting up to 100; 200 leaves
 * room for filters other tools generate, and deeper input is `limit/too-deep`, never a crash.
 */
export const DEFAULT_LIMITS = { maxDepth: 200, maxLength: 16 * 1024 * 1024, maxDiagnostics: 50 } as const;
