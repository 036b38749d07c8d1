/**
 * Persistent input history: one entry per line, oldest first, appended as lines are entered (so
 * two sessions at once both keep their lines), trimmed back to the newest entries on start.
 *
 * Location: the `historyFile` option when given (null or "" turns history off), else the
 * MILVUS_FILTER_HISTORY environment variable ("" or "0" turns it off), else
 * ~/.milvus_filter_history.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

export const HISTORY_ENV = "MILVUS_FILTER_HISTORY";
export const HISTORY_BASENAME = ".milvus_filter_history";
/** Entries kept in memory and, after trimming, in the file. */
export const HISTORY_SIZE = 1000;

type Env = Readonly<Record<string, string | undefined>>;

export function homeDirectory(env: Env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** `~/x` → home/x; relative paths against `cwd`. */
export function expandPath(path: string, cwd: string, env: Env): string {
  if (path === "~") return homeDirectory(env);
  if (path.startsWith("~/")) return join(homeDirectory(env), path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** The history file to use, or undefined when history is off. */
export function historyPath(option: string | null | undefined, env: Env, cwd: string): string | undefined {
  if (option === null || option === "") return undefined;
  if (option !== undefined) return expandPath(option, cwd, env);
  const fromEnv = env[HISTORY_ENV];
  if (fromEnv !== undefined) {
    const v = fromEnv.trim();
    return v === "" || v === "0" ? undefined : expandPath(v, cwd, env);
  }
  return join(homeDirectory(env), HISTORY_BASENAME);
}

export class History {
  private last: string | undefined;
  private broken = false;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Entries newest first (readline's order). A missing file is an empty history. */
  load(): string[] {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as { code?: unknown }).code !== "ENOENT") this.fail("read", e);
      return [];
    }
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    const kept = lines.slice(-HISTORY_SIZE);
    if (lines.length > 2 * HISTORY_SIZE) {
      try {
        writeFileSync(this.path, `${kept.join("\n")}\n`, { mode: 0o600 });
      } catch (e) {
        this.fail("trim", e);
      }
    }
    this.last = kept[kept.length - 1];
    return kept.reverse();
  }

  /** Records one entered line (blank lines and repeats of the previous line are not recorded). */
  add(line: string): void {
    if (this.broken || line.trim() === "" || line === this.last || /[\r\n]/.test(line)) return;
    try {
      appendFileSync(this.path, `${line}\n`, { mode: 0o600 });
      this.last = line;
    } catch (e) {
      this.fail("write", e);
    }
  }

  private fail(what: string, e: unknown): void {
    if (this.broken) return;
    this.broken = true;
    const code = (e as { code?: unknown } | null)?.code;
    this.warn(`history off: cannot ${what} ${this.path}${typeof code === "string" ? ` (${code})` : ""}; set ${HISTORY_ENV} to another file, or to 0`);
  }
}
