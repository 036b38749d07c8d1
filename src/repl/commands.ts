/**
 * The dot-commands. Each takes the text after its name and returns what to print ("" for
 * nothing); files are read through the environment, so the table is testable without a REPL.
 * A failing command returns a one-line `error: …` and changes nothing.
 */
import { PURPOSES, TARGETS, type Session } from "./session.js";
import { closest } from "../util/suggest.js";
import { renderAst, renderError, renderExplain, renderParams, renderRowsStatus, renderSchema, renderTokens } from "./render.js";

export interface CommandEnv {
  readonly session: Session;
  readonly color: boolean;
  /** Reads a file the user named (relative to the working directory, `~/` expanded). Throws on failure. */
  readFile(path: string): string;
  /** Closes the REPL. */
  exit(): void;
  /** Drops the lines of an unfinished multi-line filter. */
  clearPending(): void;
  /** The terminal's width, for wrapping; undefined when not a terminal. */
  readonly columns?: number;
  /** Told of every error a command prints (piped runs exit 1 after one). */
  onError?(): void;
}

/** The one-line `error: …` of a failed command, counted through the environment. */
function fail(env: CommandEnv, message: string): string {
  env.onError?.();
  return renderError(message, env.color);
}

export interface ReplCommand {
  readonly name: string;
  /** Argument synopsis for .help, e.g. `[FILE]`. */
  readonly args: string;
  readonly help: string;
  /** The argument is a file name (for completion). */
  readonly file?: boolean;
  run(arg: string, env: CommandEnv): string;
}

/** `ENOENT: no such file or directory` rather than Node's long message with the path repeated. */
export function describeReadError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
    EPERM: "operation not permitted",
  };
  if (typeof code === "string" && known[code]) return `${code}: ${known[code]}`;
  return e instanceof Error ? e.message : String(e);
}

function read(env: CommandEnv, file: string): { ok: true; text: string } | { ok: false; out: string } {
  try {
    return { ok: true, text: env.readFile(file) };
  } catch (e) {
    return { ok: false, out: fail(env, `cannot read ${file}: ${describeReadError(e)}`) };
  }
}

/** Removes one pair of matching quotes around a file name typed as `"my file.json"`. */
function unquote(arg: string): string {
  const a = arg.trim();
  return a.length >= 2 && (a[0] === '"' || a[0] === "'") && a[a.length - 1] === a[0] ? a.slice(1, -1) : a;
}

const done = (env: CommandEnv, r: { ok: true; message: string } | { ok: false; error: string }): string =>
  r.ok ? r.message : fail(env, r.error);

const lastFilter = (env: CommandEnv): string | undefined =>
  env.session.last ? undefined : fail(env, "no filter yet: type one first");

export const REPL_COMMANDS: readonly ReplCommand[] = [
  {
    name: "schema",
    args: "[FILE]",
    file: true,
    help: "load a collection schema (describe response, SDK result or compact form), or show the current one",
    run(arg, env) {
      const file = unquote(arg);
      if (file === "") return renderSchema(env.session.schema, env.session.schemaName, env.color);
      const r = read(env, file);
      return r.ok ? done(env, env.session.loadSchema(r.text, file)) : r.out;
    },
  },
  {
    name: "rows",
    args: "[FILE]",
    file: true,
    help: "load rows (JSONL, one JSON object per line, as query output) to see which ones a filter selects",
    run(arg, env) {
      const file = unquote(arg);
      if (file === "") return renderRowsStatus(env.session.rows);
      const r = read(env, file);
      return r.ok ? done(env, env.session.loadRows(r.text, file)) : r.out;
    },
  },
  {
    name: "params",
    args: "[JSON|FILE|clear]",
    file: true,
    help: "set the template values ({name} placeholders) from a JSON object or file; clear removes them",
    run(arg, env) {
      const a = arg.trim();
      if (a === "") return renderParams(env.session.params);
      if (a === "clear" || a === "none") return done(env, env.session.clearParams());
      if (a.startsWith("{")) return done(env, env.session.setParams(a, "the command line"));
      const file = unquote(a);
      const r = read(env, file);
      return r.ok ? done(env, env.session.setParams(r.text, file)) : r.out;
    },
  },
  {
    name: "target",
    args: "[VERSION]",
    help: `the Milvus release to check against (a line ${TARGETS.join(", ")}, a release such as 2.5.3, or latest), or show it`,
    run(arg, env) {
      const a = arg.trim();
      return a === "" ? `target: Milvus ${env.session.target}` : done(env, env.session.setTarget(a));
    },
  },
  {
    name: "purpose",
    args: "[delete|query]",
    help: "what the filters are for: delete (refuses always-true filters, notes the delete path) or query",
    run(arg, env) {
      const a = arg.trim();
      return a === "" ? `purpose: ${env.session.purpose}` : done(env, env.session.setPurpose(a));
    },
  },
  {
    name: "ast",
    args: "",
    help: "the last filter's syntax tree, with the checker's type for each node",
    run(_arg, env) {
      return lastFilter(env) ?? renderAst(env.session.last!, env.color);
    },
  },
  {
    name: "tokens",
    args: "",
    help: "the last filter's tokens (line:column, token type, text)",
    run(_arg, env) {
      return lastFilter(env) ?? renderTokens(env.session.last!, env.color);
    },
  },
  {
    name: "fmt",
    args: "",
    help: "the last filter's canonical form",
    run(_arg, env) {
      const none = lastFilter(env);
      if (none) return none;
      const last = env.session.last!;
      if (last.canonical !== undefined) return last.canonical;
      return fail(env, last.parsed.ast ? `no canonical form: ${last.printError ?? "the printer failed"}` : "the last filter does not parse");
    },
  },
  {
    name: "explain",
    args: "[N|pk=KEY]",
    help: "why row N (default 1) of the loaded rows matched the last filter or not, node by node",
    run(arg, env) {
      const r = env.session.explain(arg);
      return r.ok ? renderExplain(r, env.color, env.session.schema?.primaryKey?.name) : fail(env, r.error);
    },
  },
  {
    name: "break",
    args: "",
    help: "abandon an unfinished multi-line filter",
    run(_arg, env) {
      env.clearPending();
      return "";
    },
  },
  {
    name: "help",
    args: "",
    help: "this help",
    run(_arg, env) {
      return helpText(env.columns);
    },
  },
  {
    name: "exit",
    args: "",
    help: "leave the REPL (or press Ctrl+D)",
    run(_arg, env) {
      env.exit();
      return "";
    },
  },
];

export function findCommand(name: string): ReplCommand | undefined {
  return REPL_COMMANDS.find((c) => c.name === name);
}

/**
 * The `.help` text, wrapped to `width` columns (the terminal's; 80 when unknown). Command
 * descriptions wrap under their own column, so the command names stay readable.
 */
export function helpText(width = 80): string {
  const labels = REPL_COMMANDS.map((c) => `.${c.name}${c.args ? ` ${c.args}` : ""}`);
  const column = Math.max(...labels.map((l) => l.length)) + 4;
  const cols = Math.max(40, Math.floor(width) || 80);
  return [
    ...wrap(
      "Type a filter to see what Milvus would say: its problems (with the position), or its canonical form, " +
        "the delete path and any warnings; with rows loaded, which rows it selects. A filter continues on the next " +
        "line while a bracket or parenthesis is open. Tab completes field names, JSON keys seen in the rows, " +
        "functions, keywords and operators. help, exit and quit typed alone do what they say.",
      cols,
    ),
    "",
    ...REPL_COMMANDS.flatMap((c, i) => {
      // Too narrow for two columns: the description goes under its command, indented.
      if (cols - column < 24) return [`  ${labels[i]}`, ...wrap(c.help, cols - 6).map((l) => `      ${l}`)];
      const [first = "", ...rest] = wrap(c.help, cols - column);
      return [`  ${labels[i]!.padEnd(column - 2)}${first}`, ...rest.map((l) => `${" ".repeat(column)}${l}`)];
    }),
  ].join("\n");
}

/** Greedy word wrap; a word longer than the width stands alone on its line. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (word === "") continue;
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

export function unknownCommand(name: string, color: boolean): string {
  const best = closest(name, REPL_COMMANDS.map((c) => c.name));
  const hint = best !== undefined ? `; did you mean .${best}?` : "";
  return renderError(`unknown command .${name}${hint} (.help lists the commands)`, color);
}

export { PURPOSES, TARGETS };
