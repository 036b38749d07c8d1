/**
 * `runCli` on an in-memory terminal with no files, for the Milvus command tests: stdout and
 * stderr are collected, the environment points the CLI at a server (the test double).
 */
import { runCli } from "../../src/cli/run.js";
import type { CliIO } from "../../src/cli/io.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runMilvusCli(argv: string[], env: Record<string, string>, opts: { fetch?: typeof fetch; cwd?: string } = {}): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: { write: (s: string) => void (out += s) },
    stderr: { write: (s: string) => void (err += s) },
    stdin: async () => "",
    cwd: opts.cwd ?? "/work",
    env,
    isTTY: { stdout: false, stderr: false },
    fs: {
      readFile: async () => {
        throw Object.assign(new Error("no files here"), { code: "ENOENT" });
      },
      writeFile: async () => undefined,
      stat: async () => ({ isFile: true, isDirectory: false }),
      readdir: async () => [],
    },
  };
  const code = await runCli(argv, io, opts.fetch ? { fetch: opts.fetch } : {});
  return { code, out, err };
}
