/**
 * `milvus-filter repl [--schema FILE] [--rows FILE.jsonl] [--params FILE] [--target V] [--purpose P]`
 *
 * Starts the playground (src/repl) on the process's own standard streams and resolves when it
 * closes (`.exit`, Ctrl+D, end of piped input). Files named here are loaded by the REPL itself, so
 * a missing or broken one is a one-line error inside the session, as with `.schema FILE`, not a
 * usage error. The REPL and node:repl load only when this command runs.
 *
 * With --uri/--collection the schema is fetched from the server first (as lint and eval do) and
 * handed to the REPL already loaded; a failed fetch is an error before the session starts.
 */
import { flagBoolean, flagString, type ParsedArgs } from "../args.js";
import { wantColor } from "../format/color.js";
import { CliUsageError, type CliIO } from "../io.js";

export async function runRepl(args: ParsedArgs, io: CliIO): Promise<number> {
  const streams = io.streams;
  if (!streams) throw new CliUsageError("repl needs the process's standard input and output");
  const [{ startRepl }, { loadRegexEngine }] = await Promise.all([import("../../repl/index.js"), import("../../backends/eval/index.js")]);
  // Every line is evaluated synchronously; Node before 20.16 cannot load the RE2 engine on demand.
  await loadRegexEngine();
  const live = flagString(args, "uri") !== undefined || flagString(args, "collection") !== undefined;
  const schema = live ? await (await import("./milvus.js")).liveSchemaFromArgs(args, io) : undefined;
  if (live && flagString(args, "target") === undefined) {
    const { DEFAULT_TARGET } = await import("../targets.js");
    io.stderr.write(`milvus-filter: checking for Milvus ${DEFAULT_TARGET} (the server does not report its version over REST; pass --target or use .target with its release)\n`);
  }
  const schemaFile = flagString(args, "schema");
  const rowsFile = flagString(args, "rows");
  const paramsFile = flagString(args, "params");
  const target = flagString(args, "target");
  const purpose = flagString(args, "purpose");
  const repl = startRepl({
    input: streams.stdin,
    output: streams.stdout,
    cwd: io.cwd,
    env: io.env,
    color: wantColor(io, "stdout", flagBoolean(args, "color")),
    ...(schemaFile !== undefined ? { schemaFile } : {}),
    ...(schema !== undefined ? { schema, schemaName: `collection ${flagString(args, "collection") ?? ""}`.trim() } : {}),
    ...(rowsFile !== undefined ? { rowsFile } : {}),
    ...(paramsFile !== undefined ? { paramsFile } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(purpose !== undefined ? { purpose } : {}),
  });
  await repl.done;
  // A scripted run reports failure like lint does; at a terminal the person saw each error.
  const { replExitCode } = await import("../../repl/index.js");
  return repl.terminal ? 0 : replExitCode(repl.problems);
}
