/**
 * The CLI bundle's entry (tsup builds it to dist/cli.cjs). bin/milvus-filter.mjs builds a CliIO
 * from `process` and calls `main`; tests call `runCli` with an in-memory one.
 */
import { runCli, type CliDeps } from "./run.js";
import type { CliIO } from "./io.js";

export { runCli, type CliDeps } from "./run.js";
export { nodeFileSystem } from "./node-io.js";
export { CliUsageError } from "./io.js";
export type { CliFileSystem, CliIO, DirEntry, FileStat, TextSink } from "./io.js";
export type { AnalysisPlugins, CheckOptions } from "./analyze.js";
export { VERSION } from "./version.js";

/** Runs the CLI; never rejects (an unexpected failure is reported and gives exit code 2). */
export async function main(argv: readonly string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  try {
    return await runCli(argv, io, deps);
  } catch (e) {
    io.stderr.write(`milvus-filter: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
