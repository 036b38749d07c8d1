/**
 * The schema and template values a command works with, from the resolved configuration (flags over
 * .milvusfilterrc.json) or, with --uri/--collection, from a live Milvus server. Shared by `lint`
 * and `eval`. The schema loader and the Milvus client load only when needed.
 */
import { parseJson } from "../util/json.js";
import { flagString, type ParsedArgs } from "./args.js";
import { duplicateKeyError, type ResolvedConfig } from "./config.js";
import { describeFsError, CliUsageError, type CliIO } from "./io.js";
import type { CollectionSchema } from "../schema/types.js";

/**
 * The schema: the live one of `--collection` (at `--uri`) when either flag is given, else the
 * configured schema file, else undefined. `--token`, `--db` and `--timeout` without the live
 * flags are usage errors.
 */
export async function loadSchema(args: ParsedArgs, io: CliIO, config: ResolvedConfig, deps: { fetch?: typeof fetch } = {}): Promise<CollectionSchema | undefined> {
  const live = flagString(args, "uri") !== undefined || flagString(args, "collection") !== undefined;
  if (!live) {
    const stray = ["token", "db", "timeout", "max-response-bytes"].find((f) => args.flags[f] !== undefined);
    if (stray) throw new CliUsageError(`--${stray} is only used with --uri/--collection (the live schema of a collection)`, { showUsage: true });
    return loadSchemaFile(io, config);
  }
  const schema = await (await import("./commands/milvus.js")).liveSchemaFromArgs(args, io, deps.fetch ? { fetch: deps.fetch } : {});
  // The REST API reports no server version (docs/versions.md), so say which one was assumed.
  if (flagString(args, "target") === undefined) {
    io.stderr.write(`milvus-filter: checking for Milvus ${config.target} (the server does not report its version over REST; pass --target with its release)\n`);
  }
  return schema;
}

async function readConfigured(io: CliIO, path: string, what: string): Promise<string> {
  try {
    return await io.fs.readFile(path);
  } catch (e) {
    throw new CliUsageError(`cannot read the ${what} file ${path}: ${describeFsError(e)}`);
  }
}

export async function loadSchemaFile(io: CliIO, config: ResolvedConfig): Promise<CollectionSchema | undefined> {
  if (config.schema === null) return undefined;
  const text = await readConfigured(io, config.schema, "schema");
  const { parseSchemaJson } = await import("../schema/load.js");
  const { schema, issues } = parseSchemaJson(text);
  if (issues.length > 0 || !schema) {
    throw new CliUsageError(`the schema in ${config.schema} is not usable:`, {
      details: issues.map((i) => `  ${i.path || "(document)"}: ${i.message} [${i.code}]`),
    });
  }
  return schema;
}

/** The template values (exprParams) as lossless JSON: integers beyond 2^53 as bigints, floats tagged. */
export async function loadParams(io: CliIO, config: ResolvedConfig): Promise<unknown> {
  if (config.params === null) return undefined;
  if ("inline" in config.params) return config.params.inline;
  const file = config.params.file;
  const parsed = parseJson(await readConfigured(io, file, "params"), { floats: "tagged", duplicateKeys: "error" });
  if (!parsed.ok) {
    const { line, column, duplicateKey } = parsed.error;
    if (duplicateKey !== undefined) throw duplicateKeyError(file, line, column, duplicateKey);
    throw new CliUsageError(`${file}:${line}:${column}: invalid JSON: ${parsed.error.message}`);
  }
  const v = parsed.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new CliUsageError(`${file} must hold a JSON object of template values (the exprParams of a request)`);
  }
  return v;
}
