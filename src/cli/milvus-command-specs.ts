/**
 * Flags, help and examples of the Milvus subcommands (`delete`, `partitions`, `collection`) and
 * the live-schema flags shared by `lint`, `eval` and `repl`. Data only (no client, no parser), so
 * `--help` stays cheap; the implementations are in commands/milvus.ts.
 */
import type { CommandSpec, FlagSpec } from "./args.js";
import { TARGET_HELP } from "./targets.js";

export const URI_FLAG: FlagSpec = {
  name: "uri",
  type: "string",
  value: "URL",
  description: "Milvus REST endpoint with its scheme, e.g. http://localhost:19530 (default: $MILVUS_URI)",
};
export const TOKEN_FLAG: FlagSpec = {
  name: "token",
  type: "string",
  value: "TOKEN",
  description: "API key or user:password (default: $MILVUS_TOKEN, which is preferable: arguments are visible to other local users)",
};
export const DB_FLAG: FlagSpec = { name: "db", type: "string", value: "NAME", description: "Database (default: the server's default database)" };
export const COLLECTION_FLAG: FlagSpec = { name: "collection", type: "string", value: "NAME", description: "Collection name" };
export const TIMEOUT_FLAG: FlagSpec = {
  name: "timeout",
  type: "number",
  value: "MS",
  min: 1,
  description: "Per-request timeout in milliseconds, also sent as Request-Timeout (default 30000)",
};

export const MAX_RESPONSE_FLAG: FlagSpec = {
  name: "max-response-bytes",
  type: "number",
  value: "BYTES",
  min: 1,
  description: "Largest server response read, in bytes; a larger one is an error (default 8388608, 8 MiB)",
};

/** For lint / eval / repl: fetch the schema from a live server instead of --schema FILE. */
export const LIVE_SCHEMA_FLAGS: readonly FlagSpec[] = [URI_FLAG, TOKEN_FLAG, DB_FLAG, COLLECTION_FLAG, TIMEOUT_FLAG, MAX_RESPONSE_FLAG];

const CONFIRM_FLAGS: readonly FlagSpec[] = [
  { name: "dry-run", type: "boolean", description: "Check everything and show the plan, then stop: nothing is sent" },
  { name: "yes", short: "y", type: "boolean", description: "Do not ask for confirmation (required when standard input is not a terminal)" },
  { name: "format", short: "f", type: "string", value: "FORMAT", choices: ["text", "json"], description: "text (default) or json (one object; int64 values as bare digits)" },
];

const EXIT_STATUS =
  "Exit status: 0 when done (or, with --dry-run, when it would be done), 1 when refused by a pre-flight check, not confirmed, or failed at the server, 2 for a usage error (including a missing confirmation without a terminal).";

export const DELETE_SPEC: CommandSpec = {
  name: "delete",
  summary: "Delete entities by filter, after checking the filter against the live schema",
  usage: "delete --uri URL --collection NAME [options] FILTER|-",
  description: [
    "Fetches the collection's schema, checks the filter for a delete (type errors, empty or always-true filters), prints it canonically, and classifies it: a primary-key list is deleted directly; anything else makes Milvus query first, which needs the collection (or partition) loaded, so that is verified before sending.",
    "Shows the canonical filter, the classification and the target, and (by default) how many rows the server matches now with the first primary keys, then asks for confirmation on a terminal. --rows FILE.jsonl previews which of those rows the filter matches; a difference from the server's count is shown as a warning.",
    "--batch-size N deletes page by page (a key cursor, Strong reads), shows progress on stderr (a bar on a terminal, JSON lines otherwise) and ends with removed / expected / remaining. A page whose outcome is unknown stops the run; with --checkpoint FILE the same command resumes it.",
    EXIT_STATUS,
  ],
  flags: [
    URI_FLAG,
    TOKEN_FLAG,
    DB_FLAG,
    COLLECTION_FLAG,
    { name: "partition", type: "string", value: "NAME", description: "Restrict the delete to one partition" },
    { name: "params", type: "string", value: "FILE", description: "Template values (exprParams) for {name} placeholders, as a JSON object" },
    {
      name: "inline-params",
      type: "boolean",
      description: "Write the --params values into the filter as literals instead of sending exprParams (needed for integers beyond 2^53)",
    },
    { name: "target", type: "string", value: "VERSION", description: TARGET_HELP },
    { name: "rows", type: "string", value: "FILE", description: "JSONL rows to evaluate the filter on before sending (a preview)" },
    {
      name: "preview",
      type: "string",
      value: "MODE",
      choices: ["server", "local", "none"],
      description: "server (default): count and sample the matching rows on the server first (with --rows, the local preview runs beside it); local: only --rows; none",
    },
    { name: "sample", type: "number", value: "N", min: 0, description: "Primary keys shown by the server preview (default 10, at most 1000)" },
    { name: "expect", type: "string", value: "N", description: "Send nothing unless the server counts exactly N matching rows" },
    { name: "max", type: "string", value: "N", description: "Send nothing when the server counts more than N matching rows; a batched run stops before passing N" },
    {
      name: "batch-size",
      type: "number",
      value: "N",
      min: 1,
      description: "Delete in pages of N matching primary keys (at most 16384), each sent as id in [...], then verify with a count; for a key list, at most N keys per request",
    },
    { name: "checkpoint", type: "string", value: "FILE", description: "With --batch-size, for a filter that is not a primary-key list: save progress to FILE (atomically) and resume from it when it exists" },
    ...CONFIRM_FLAGS,
    TIMEOUT_FLAG,
    MAX_RESPONSE_FLAG,
  ],
  examples: [
    { command: "milvus-filter delete --uri http://localhost:19530 --collection books --dry-run 'id in [1, 2, 3]'", comment: "Show what would be sent" },
    { command: "MILVUS_TOKEN=root:Milvus milvus-filter delete --uri http://localhost:19530 --collection books 'year < 1950'", comment: "Delete after confirming on the terminal" },
    { command: "milvus-filter delete --collection books --params ids.json --yes 'id in {ids}'", comment: "Non-interactive, with template values (MILVUS_URI set)" },
    { command: "milvus-filter delete --collection books --rows export.jsonl --dry-run 'title like \"Draft%\"'", comment: "Preview on exported rows" },
    { command: "milvus-filter delete --collection books --expect 12408 --yes 'year < 1950'", comment: "Delete only if the server counts exactly 12408 rows" },
    {
      command: "milvus-filter delete --collection books --batch-size 5000 --checkpoint del.json --yes 'year < 1950'",
      comment: "Big delete in pages of 5000, resumable",
    },
  ],
  positionals: true,
};

export const PARTITIONS_SPEC: CommandSpec = {
  name: "partitions",
  summary: "Release or drop partitions, refusing to drop a loaded one",
  usage: "partitions release|drop --uri URL --collection NAME --partition NAME [options]",
  description: [
    "release: releases the partitions from memory (searches, queries and query-first deletes on them then fail until they are loaded again).",
    "drop: deletes a partition and its data. Milvus refuses to drop a loaded partition; this command refuses too, unless --release-first, which releases it and waits until the release is visible.",
    EXIT_STATUS,
  ],
  flags: [
    URI_FLAG,
    TOKEN_FLAG,
    DB_FLAG,
    COLLECTION_FLAG,
    { name: "partition", type: "string", value: "NAME", multiple: true, description: "Partition (repeat for several with release; exactly one with drop)" },
    { name: "release-first", type: "boolean", description: "drop: release a loaded partition first" },
    ...CONFIRM_FLAGS,
    TIMEOUT_FLAG,
    MAX_RESPONSE_FLAG,
  ],
  examples: [
    { command: "milvus-filter partitions release --collection books --partition p2023 --yes", comment: "Release one partition (MILVUS_URI set)" },
    { command: "milvus-filter partitions drop --collection books --partition p2023 --release-first", comment: "Release, then drop, after confirming" },
  ],
  positionals: true,
};

export const COLLECTION_SPEC: CommandSpec = {
  name: "collection",
  summary: "Release a collection from memory",
  usage: "collection release --uri URL --collection NAME [options]",
  description: ["release: releases every partition of the collection; searches, queries and query-first deletes fail until it is loaded again.", EXIT_STATUS],
  flags: [URI_FLAG, TOKEN_FLAG, DB_FLAG, COLLECTION_FLAG, ...CONFIRM_FLAGS, TIMEOUT_FLAG, MAX_RESPONSE_FLAG],
  examples: [
    { command: "milvus-filter collection release --uri http://localhost:19530 --collection books --dry-run", comment: "Show the load state, release nothing" },
    { command: "MILVUS_TOKEN=root:Milvus milvus-filter collection release --uri http://localhost:19530 --collection books", comment: "Release after a confirmation on the terminal (the token from the environment)" },
    { command: "milvus-filter collection release --uri http://localhost:19530 --db analytics --collection books --yes", comment: "Release in another database without asking (scripts)" },
  ],
  positionals: true,
};
