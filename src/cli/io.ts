/**
 * Everything the CLI needs from the outside world, passed in explicitly so `runCli` stays pure:
 * tests drive it with an in-memory implementation, and only `bin/milvus-filter.mjs` builds the
 * real one from `process`.
 */

/** Anything with a `write(string)` method: a Node stream, or a string collector in tests. */
export interface TextSink {
  write(chunk: string): unknown;
}

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

export interface DirEntry {
  readonly name: string;
  /** For a symbolic link: what it points to (a dangling link is neither file nor directory). */
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  /** The entry is a symbolic link (optional: absent means no). */
  readonly isSymbolicLink?: boolean;
}

/**
 * The file operations the CLI performs. Paths are absolute. Failures reject with an Error whose
 * `code` is a Node-style errno name (`ENOENT`, `EACCES`, `EISDIR`, …) when there is one.
 */
export interface CliFileSystem {
  /** Reads a file as UTF-8 (a BOM, if any, is kept: the CLI removes and restores it itself). */
  readFile(path: string): Promise<string>;
  /**
   * The file's bytes, for inputs that may be rewritten (so that bytes which are not valid UTF-8
   * survive a rewrite). Optional: without it, readFile is used.
   */
  readBytes?(path: string): Promise<Uint8Array>;
  /**
   * Replaces the file with `data` (text as UTF-8). The real implementation is atomic
   * (atomic-write.ts): temporary file, fsync, rename; mode and owner kept.
   */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** The canonical path (symbolic links resolved). Optional: without it, paths are taken as they are. */
  realpath?(path: string): Promise<string>;
  stat(path: string): Promise<FileStat>;
  /** The entries of a directory, in any order (the CLI sorts them). */
  readdir(path: string): Promise<DirEntry[]>;
  /** Creates a directory and its parents if missing (for --output-file). Optional. */
  mkdirp?(path: string): Promise<void>;
  /**
   * Opens a file to read it as a stream of bytes, for inputs too large to hold as one string
   * (`eval --rows`); `size` is its length in bytes. Rejects as readFile does (a directory is
   * EISDIR). Optional: without it, readFile is used.
   */
  openRead?(path: string): Promise<{ readonly size: number; readonly chunks: AsyncIterable<Uint8Array> }>;
}

export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** The whole of standard input as text; only called when an input is `-`. */
  stdin(): Promise<string>;
  /** Absolute working directory: relative paths resolve against it and reports are relative to it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether each stream is a terminal. `stdin` decides whether a destructive command may ask for confirmation. */
  readonly isTTY: { readonly stdout: boolean; readonly stderr: boolean; readonly stdin?: boolean };
  readonly fs: CliFileSystem;
  /** Terminal width, for the progress bar (default 80). */
  readonly columns?: number;
  /** Monotonic clock in milliseconds, for throttling the progress bar (default `performance.now`). */
  now?(): number;
  /**
   * Asks a question on the terminal (written to stderr) and resolves with the answer line, or null
   * when input ends or the user interrupts. Absent when there is no terminal to ask.
   */
  prompt?(question: string): Promise<string | null>;
  /**
   * The process's own standard streams, for the interactive `repl` (node:repl reads and writes
   * them directly) and for reading `eval --rows -` as it arrives. Absent in in-memory tests, where
   * `repl` is a usage error and `eval` reads standard input through `stdin()`.
   */
  readonly streams?: {
    readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
    readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  };
}

/**
 * Thrown for a command-line or configuration mistake: the CLI prints the message and exits with 2.
 * Not the library's `UsageError` (src/diag/usage.ts), which reports a misused function call with a
 * `usage/*` code; this one carries lines for a person at a terminal.
 */
export class CliUsageError extends Error {
  /** Extra lines printed after the message (a hint, a list of issues). */
  readonly details: readonly string[];
  /** Print the subcommand's usage line after the message. */
  readonly showUsage: boolean;

  constructor(message: string, options: { details?: readonly string[]; showUsage?: boolean } = {}) {
    super(message);
    this.name = "CliUsageError";
    this.details = options.details ?? [];
    this.showUsage = options.showUsage ?? false;
  }
}

/** The errno-style code of a rejected fs call, if any. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A short description of an fs failure: `ENOENT: no such file or directory`. */
export function describeFsError(e: unknown): string {
  const code = errorCode(e);
  const known: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
    ELOOP: "too many symbolic links",
    EMFILE: "too many open files",
  };
  if (code && known[code]) return `${code}: ${known[code]}`;
  const msg = e instanceof Error ? e.message : String(e);
  return code && !msg.includes(code) ? `${code}: ${msg}` : msg;
}
