/** Drives startRepl through in-memory streams, the way a pipe or a terminal would. */
import { PassThrough } from "node:stream";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRepl, type ReplServer, type StartReplOptions } from "../../src/repl/index.js";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const SCHEMA = "books.schema.json";
export const ROWS = "books.jsonl";
export const PARAMS = "books.params.json";

export type Extra = Partial<Omit<StartReplOptions, "input" | "output">>;

/** The text without ANSI escapes and carriage returns (terminal mode writes CR LF). */
export const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "");

/** Feeds `lines` as piped (non-terminal) input, ends it, and returns everything written. */
export async function runPiped(lines: readonly string[], extra: Extra = {}): Promise<{ out: string; repl: ReplServer }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (d: Buffer) => (out += d.toString("utf8")));
  const repl = startRepl({ input, output, cwd: FIXTURES, env: { HOME: "/nonexistent-home" }, ...extra });
  input.end(lines.length > 0 ? `${lines.join("\n")}\n` : "");
  await withTimeout(repl.done, 5000, "the REPL did not close at end of input");
  return { out, repl };
}

/** A REPL in terminal mode on streams; `type` sends keystrokes and waits for the output to settle. */
export function terminalRepl(extra: Extra = {}): {
  repl: ReplServer;
  type(keys: string): Promise<void>;
  output(): string;
  close(): Promise<void>;
} {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (d: Buffer) => (out += d.toString("utf8")));
  const repl = startRepl({ input, output, terminal: true, cwd: FIXTURES, env: { HOME: "/nonexistent-home" }, historyFile: null, ...extra });
  return {
    repl,
    async type(keys) {
      input.write(keys);
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 5));
    },
    output: () => out,
    async close() {
      input.end();
      await withTimeout(repl.done, 5000, "the REPL did not close");
    },
  };
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
