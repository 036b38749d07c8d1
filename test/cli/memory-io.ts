/** An in-memory CliIO for driving runCli in tests. */
import { dirname, posix } from "node:path";
import type { CliFileSystem, CliIO, DirEntry } from "../../src/cli/io.js";
import { runCli, type CliDeps } from "../../src/cli/run.js";

export interface MemoryOptions {
  cwd?: string;
  stdin?: string;
  env?: Record<string, string | undefined>;
  tty?: boolean | { stdout: boolean; stderr: boolean };
  columns?: number;
  /** Paths whose reads fail with EACCES. */
  unreadable?: string[];
  /** Paths whose writes fail with EACCES. */
  readOnly?: string[];
  now?: () => number;
}

export interface MemoryRun {
  code: number;
  stdout: string;
  stderr: string;
  files: Map<string, string>;
  writes: string[];
}

function errno(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

export function memoryFs(files: Map<string, string>, options: MemoryOptions = {}, writes: string[] = []): CliFileSystem {
  const isDir = (p: string): boolean => {
    const prefix = p.endsWith("/") ? p : `${p}/`;
    for (const f of files.keys()) if (f.startsWith(prefix)) return true;
    return p === "/";
  };
  return {
    async readFile(p) {
      if (options.unreadable?.includes(p)) throw errno("EACCES", p);
      const text = files.get(p);
      if (text !== undefined) return text;
      throw errno(isDir(p) ? "EISDIR" : "ENOENT", p);
    },
    async writeFile(p, data) {
      if (options.readOnly?.includes(p)) throw errno("EACCES", p);
      if (!isDir(dirname(p))) throw errno("ENOENT", p);
      files.set(p, typeof data === "string" ? data : new TextDecoder("utf-8", { ignoreBOM: true }).decode(data));
      writes.push(p);
    },
    async stat(p) {
      if (files.has(p)) return { isFile: true, isDirectory: false };
      if (isDir(p)) return { isFile: false, isDirectory: true };
      throw errno("ENOENT", p);
    },
    async readdir(p) {
      if (!isDir(p)) throw errno("ENOENT", p);
      const prefix = p.endsWith("/") ? p : `${p}/`;
      const names = new Map<string, DirEntry>();
      for (const f of files.keys()) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf("/");
        const name = slash < 0 ? rest : rest.slice(0, slash);
        names.set(name, { name, isFile: slash < 0, isDirectory: slash >= 0 });
      }
      return [...names.values()];
    },
    async mkdirp(p) {
      // Directories exist implicitly; remember this one by a marker file that readdir ignores.
      files.set(posix.join(p, ".keep"), "");
    },
  };
}

/** Runs the CLI against `files` (absolute paths → contents). */
export async function run(argv: string[], files: Record<string, string> = {}, options: MemoryOptions = {}, deps: CliDeps = {}): Promise<MemoryRun> {
  const map = new Map(Object.entries(files));
  const writes: string[] = [];
  let stdout = "";
  let stderr = "";
  const tty = typeof options.tty === "object" ? options.tty : { stdout: options.tty ?? false, stderr: options.tty ?? false };
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async () => options.stdin ?? "",
    cwd: options.cwd ?? "/work",
    env: options.env ?? {},
    isTTY: tty,
    fs: memoryFs(map, options, writes),
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const code = await runCli(argv, io, deps);
  return { code, stdout, stderr, files: map, writes };
}

/** Runs the CLI on another file system (the real one, or a variant), without standard input. */
export async function runWithFs(fs: CliFileSystem, argv: string[], cwd = "/work"): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async () => "",
    cwd,
    env: {},
    isTTY: { stdout: false, stderr: false },
    fs,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Parses jsonl output. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
