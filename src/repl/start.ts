/**
 * `startRepl(options)`: the playground on node:repl. A custom `eval` runs each filter through the
 * session (session.ts) and returns rendered text; `Recoverable` keeps reading lines while a
 * bracket or string is open; dot-commands come from commands.ts; completion from complete.ts.
 *
 * Piped (non-terminal) input gets no prompt, no echo, no banner: only results, in order, so
 * `printf 'pages > 1\n.exit\n' | milvus-filter repl --schema s.json` is scriptable. Nothing a
 * user types or loads can throw out of the REPL: every step reports a one-line error instead.
 */
import repl, { type REPLServer } from "node:repl";
import { readdirSync, readFileSync } from "node:fs";
import { Session, PURPOSES, TARGETS } from "./session.js";
import { needsMoreInput } from "./lexer.js";
import { complete, type CompletionState } from "./complete.js";
import type { CollectionSchema } from "../schema/types.js";
import { describeReadError, findCommand, REPL_COMMANDS, unknownCommand, type CommandEnv } from "./commands.js";
import { renderError, renderFilter, renderWarning } from "./render.js";
import { expandPath, History, historyPath } from "./history.js";
import { attachLiveView, type LiveView } from "./live.js";

export interface StartReplOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Line editing, prompts and history. Default: both streams are terminals. */
  terminal?: boolean;
  /** History file; null or "" turns history off. Default: $MILVUS_FILTER_HISTORY, else ~/.milvus_filter_history. */
  historyFile?: string | null;
  schemaFile?: string;
  /** A schema already loaded (e.g. `--uri/--collection`); `schemaName` says where it came from. */
  schema?: CollectionSchema;
  schemaName?: string;
  rowsFile?: string;
  /** A JSON file of template values, or inline JSON text starting with `{`. */
  paramsFile?: string;
  target?: string;
  purpose?: string;
  /** ANSI colours. Default: when the output is a TTY, unless NO_COLOR is set or TERM=dumb. */
  color?: boolean;
  /** Reads a file as UTF-8 (default node:fs readFileSync). Synchronous, so piped lines run in order. */
  readFile?: (path: string) => string;
  /** Base for relative file names (default process.cwd()). */
  cwd?: string;
  /** Environment for HOME, MILVUS_FILTER_HISTORY, NO_COLOR (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Prompt in terminal mode (default "filter> "; always "" when not a terminal). */
  prompt?: string;
}

export interface ReplExtras {
  /** The state: schema, rows, params, target, purpose, last filter. */
  readonly session: Session;
  /** Settles when the REPL has closed (`.exit`, Ctrl+D, end of input). */
  readonly done: Promise<void>;
  /** What went wrong so far: the piped CLI's exit status comes from it (`replExitCode`). */
  readonly problems: ReplProblems;
}

export interface ReplProblems {
  /** Filters with an error and commands that printed `error: …`. */
  errors: number;
  /** Files or settings given at start that could not be used (schema, rows, params, target, purpose). */
  setupErrors: number;
}

/**
 * The exit status of a piped (scripted) run, like the lint command's: 2 when the setup given on
 * the command line failed (nothing after it can be trusted), 1 when any line had an error, else 0.
 */
export function replExitCode(p: ReplProblems): number {
  return p.setupErrors > 0 ? 2 : p.errors > 0 ? 1 : 0;
}

/**
 * Words a newcomer types without the dot, run as the dot-command. As filters they could only be
 * errors: a bare name is never a predicate for Milvus, not even a Bool field (`exit == true` is).
 */
const BARE_COMMANDS: Readonly<Record<string, string>> = { help: "help", exit: "exit", quit: "exit" };

export type ReplServer = REPLServer & ReplExtras;

export const DEFAULT_PROMPT = "filter> ";
/** An unfinished filter longer than this is evaluated as it is (and reported) rather than buffered. */
const MAX_PENDING = 1 << 20;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function startRepl(options: StartReplOptions): ReplServer {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const terminal = options.terminal ?? (options.input.isTTY === true && options.output.isTTY === true);
  const color = options.color ?? (options.output.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb");
  const output = options.output;
  const write = (text: string): void => {
    if (text !== "") output.write(text.endsWith("\n") ? text : `${text}\n`);
  };
  const readUserFile = (path: string): string => {
    const text = (options.readFile ?? ((p: string) => readFileSync(p, "utf8")))(expandPath(path, cwd, env));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };

  const session = new Session();
  const problems: ReplProblems = { errors: 0, setupErrors: 0 };
  const startup: string[] = [];
  const note = (r: { ok: true; message: string } | { ok: false; error: string }): void => {
    if (!r.ok) {
      problems.setupErrors++;
      startup.push(renderError(r.error, color));
    }
    else if (terminal) startup.push(r.message);
  };
  if (options.target !== undefined) note(session.setTarget(options.target));
  if (options.purpose !== undefined) note(session.setPurpose(options.purpose));

  let pending = "";
  let exiting = false;
  let server: REPLServer | undefined;
  const pkName = (): string | undefined => session.schema?.primaryKey?.name;

  const commandEnv: CommandEnv = {
    session,
    color,
    readFile: readUserFile,
    exit() {
      exiting = true;
      server?.close();
    },
    clearPending() {
      server?.clearBufferedCommand();
      pending = "";
    },
    onError() {
      problems.errors++;
    },
    get columns() {
      return terminal ? (output as { columns?: number }).columns : undefined;
    },
  };
  const runCommand = (name: string, arg: string): string => {
    const cmd = findCommand(name);
    if (!cmd) {
      problems.errors++;
      return unknownCommand(name, color);
    }
    try {
      return cmd.run(arg, commandEnv);
    } catch (e) {
      problems.errors++;
      return renderError(`.${name} failed: ${errorText(e)}`, color);
    }
  };

  // Files named on the command line: errors always, confirmations only for people at a terminal.
  const loaders = {
    schema: (text: string, name: string) => session.loadSchema(text, name),
    params: (text: string, name: string) => session.setParams(text, name),
    rows: (text: string, name: string) => session.loadRows(text, name),
  };
  if (options.schema) note(session.useSchema(options.schema, options.schemaName ?? "the server"));
  for (const [kind, file] of [
    ["schema", options.schemaFile],
    ["params", options.paramsFile],
    ["rows", options.rowsFile],
  ] as const) {
    if (file === undefined) continue;
    if (kind === "params" && file.trimStart().startsWith("{")) {
      note(loaders.params(file, "the command line"));
      continue;
    }
    let text: string;
    try {
      text = readUserFile(file);
    } catch (e) {
      note({ ok: false, error: `cannot read ${kind} file ${file}: ${describeReadError(e)}` });
      continue;
    }
    let loaded: ReturnType<(typeof loaders)[typeof kind]>;
    try {
      loaded = loaders[kind](text, file);
    } catch (e) {
      loaded = { ok: false, error: `cannot load ${kind} file ${file}: ${errorText(e)}` };
    }
    // Skipped row lines are worth a line even when piped.
    if (loaded.ok && kind === "rows" && !terminal && (session.rows?.skipped ?? 0) > 0) startup.push(loaded.message);
    else note(loaded);
  }

  const runFilter = (text: string): string => {
    try {
      const result = session.run(text);
      if (!result.checked.ok || result.rows?.error !== undefined) problems.errors++;
      return renderFilter(result, color, pkName());
    } catch (e) {
      problems.errors++;
      return renderError(`internal error while checking this filter: ${errorText(e)}`, color);
    }
  };

  const evaluate = (cmd: string, _context: unknown, _file: string, cb: (err: Error | null, result?: unknown) => void): void => {
    const text = cmd.endsWith("\n") ? cmd.slice(0, -1) : cmd;
    let incomplete = false;
    try {
      incomplete = text.trim() !== "" && text.length < MAX_PENDING && needsMoreInput(text);
    } catch {
      incomplete = false;
    }
    if (incomplete) {
      pending = `${text}\n`;
      cb(new repl.Recoverable(new SyntaxError("unfinished filter")));
      return;
    }
    pending = "";
    recordHistory(text);
    const bare = BARE_COMMANDS[text.trim()];
    if (bare !== undefined) {
      const out = runCommand(bare, "");
      cb(null, out === "" ? undefined : out);
      return;
    }
    cb(null, text.trim() === "" ? undefined : runFilter(text));
  };

  if (terminal) {
    startup.unshift(`milvus-filter repl: type a filter; .help lists the commands, Tab completes, Ctrl+D leaves`);
  }
  for (const line of startup) write(line);

  const completionState = (): CompletionState => ({
    ...(session.schema ? { schema: session.schema } : {}),
    ...(session.rows ? { rows: session.rowIndex()! } : {}),
    params: session.params ? [...session.params.values.keys()] : [],
    target: session.target,
    pending,
    commands: REPL_COMMANDS.map((c) => c.name),
    commandArgs: { target: TARGETS, purpose: PURPOSES },
    fileCommands: REPL_COMMANDS.filter((c) => c.file).map((c) => c.name),
    listFiles: (partial) => listFiles(partial, cwd, env),
  });

  const replOptions: repl.ReplOptions & { historySize: number } = {
    input: options.input,
    output,
    terminal,
    prompt: terminal ? (options.prompt ?? DEFAULT_PROMPT) : "",
    eval: evaluate,
    writer: (value: unknown) => String(value),
    ignoreUndefined: true,
    useColors: false,
    preview: false,
    historySize: 1000,
    completer: (line: string) => {
      try {
        return complete(line, line.length, completionState());
      } catch {
        return [[], ""];
      }
    },
  };
  const s = repl.start(replOptions);
  server = s;

  // Our commands replace node's (.clear, .editor, .load and .save mean nothing here).
  for (const name of Object.keys(s.commands)) delete (s.commands as Record<string, unknown>)[name];
  for (const cmd of REPL_COMMANDS) {
    s.defineCommand(cmd.name, {
      help: cmd.help,
      action(arg: string) {
        write(runCommand(cmd.name, arg));
        if (!exiting) s.displayPrompt();
      },
    });
  }

  // Ctrl+C and .break clear node's buffer: keep ours (used by completion) in step.
  const clearBuffered = s.clearBufferedCommand.bind(s);
  s.clearBufferedCommand = () => {
    clearBuffered();
    pending = "";
  };

  if (!terminal) {
    // No "... " continuation prompts either.
    s.displayPrompt = (preserveCursor?: boolean) => {
      s.setPrompt("");
      s.prompt(preserveCursor);
    };
  }

  // Colour as you type, and the first problem under the line (a terminal with colour only).
  let live: LiveView | undefined;
  if (terminal && color) {
    live = attachLiveView(s, options.input, output, () => pending, (text) => {
      const first = session.diagnose(text).diagnostics.find((d) => d.severity === "error");
      // Still typing: an unexpected end is what every unfinished filter has, not news.
      if (!first || first.code === "syntax/unexpected-end") return undefined;
      return `${first.line}:${first.column} ${first.code}: ${first.message}`;
    });
  }

  let history: History | undefined;
  // A filter typed over several lines is one history entry, its lines joined by spaces (a line
  // break can only stand between tokens, never inside a string, so this is the same filter).
  function recordHistory(text: string): void {
    const lines = text.split("\n");
    const entry = lines.map((l) => l.trim()).filter((l) => l !== "").join(" ");
    if (entry === "") return;
    history?.add(entry);
    const recent = (server as unknown as { history?: string[] } | undefined)?.history;
    if (lines.length > 1 && Array.isArray(recent)) {
      // readline kept each line as an entry (newest first): replace them with the whole filter.
      recent.splice(0, Math.min(lines.length, recent.length), entry);
    }
  }
  const file = terminal ? historyPath(options.historyFile, env, cwd) : undefined;
  if (file) {
    history = new History(file, (msg) => write(renderWarning(msg, color)));
    (s as unknown as { history: string[] }).history = history.load();
  }

  // Node answers an unknown .command with "Invalid REPL keyword"; say which commands exist
  // instead. Lines after .exit (piped input arrives in one chunk) are ignored.
  const nodeLineListeners = s.listeners("line") as ((line: string) => void)[];
  s.removeAllListeners("line");
  s.on("line", (line: string) => {
    live?.clear();
    if (exiting) return;
    const trimmed = line.trim();
    // Filters are recorded whole when they complete (recordHistory); commands here.
    if (pending === "" && trimmed.startsWith(".")) history?.add(line);
    const keyword = /^\.([^\s]+)/.exec(trimmed)?.[1];
    if (keyword !== undefined && trimmed[1] !== "." && Number.isNaN(Number.parseFloat(trimmed)) && pending === "" && !(keyword in s.commands)) {
      problems.errors++;
      write(unknownCommand(keyword, color));
      s.displayPrompt();
      return;
    }
    for (const listener of nodeLineListeners) listener.call(s, line);
  });

  // Input that ends inside an unfinished filter: check what there is, so the problem is shown.
  s.prependListener("close", () => {
    if (!exiting && pending.trim() !== "") write(runFilter(pending.slice(0, -1)));
    pending = "";
  });

  const done = new Promise<void>((resolve) => s.once("exit", () => resolve()));
  return Object.assign(s, { session, done, problems });
}

/** File names for completion: entries of the typed directory that start with the typed name. */
function listFiles(partial: string, cwd: string, env: Readonly<Record<string, string | undefined>>): string[] {
  try {
    const slash = partial.lastIndexOf("/");
    const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : "";
    const base = partial.slice(dirPart.length);
    const dir = dirPart === "" ? cwd : expandPath(dirPart, cwd, env);
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.name.startsWith(base) && (base.startsWith(".") || !e.name.startsWith(".")))
      .map((e) => `${dirPart}${e.name}${e.isDirectory() ? "/" : ""}`)
      .sort();
  } catch {
    return [];
  }
}
