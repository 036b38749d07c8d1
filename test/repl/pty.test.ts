/**
 * End to end in a real pseudo-terminal: the built CLI runs in a detached tmux session, a partial
 * field name and Tab are typed with `send-keys`, and the screen is read with `capture-pane`.
 *
 * Skips (saying why) when tmux is missing or the built CLI has no `repl` subcommand yet. It runs
 * the CLI as built: `npm test` builds first; alone, run `npm run build` before it. Set
 * MILVUS_FILTER_PTY_ROOT to try another checkout's build. Every wait is bounded.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./helpers.js";

const ROOT = process.env.MILVUS_FILTER_PTY_ROOT ?? fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin", "milvus-filter.mjs");
const DIST_CLI = join(ROOT, "dist", "cli.cjs");
/** A private tmux server, so the test neither sees nor disturbs the user's sessions. */
const SOCKET = `milvus-filter-repl-test-${process.pid}`;
const SESSION = "repl";

function tmux(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("tmux", ["-L", SOCKET, "-f", "/dev/null", ...args], { encoding: "utf8", timeout: 10_000 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Why this test cannot run here, or undefined when it can. */
function skipReason(): string | undefined {
  if (spawnSync("which", ["tmux"], { encoding: "utf8" }).status !== 0) return "tmux is not installed (apt-get install -y tmux)";
  if (!existsSync(BIN)) return `${BIN} does not exist`;
  if (!existsSync(DIST_CLI)) return `${DIST_CLI} does not exist (run npm run build)`;
  const help = spawnSync(process.execPath, [BIN, "help", "repl"], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
  if (help.status !== 0) {
    const why = (help.stderr || help.stdout || String(help.error ?? "")).split("\n")[0];
    return `the built CLI has no repl subcommand yet (${why}); wire it up and run npm run build`;
  }
  return undefined;
}

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

const screen = (): string => tmux("capture-pane", "-p", "-t", SESSION).stdout;

/** Polls `probe` until it returns a value, for at most `ms`; then fails saying what was awaited. */
async function waitFor<T>(probe: () => T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; the screen was:\n${screen()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The last non-blank line on the screen. */
const lastLine = (): string => screen().trimEnd().split("\n").at(-1) ?? "";

describe("the repl in a pseudo-terminal (tmux)", () => {
  it("Tab completes a partial field name; Enter runs the filter; .exit leaves", async (ctx) => {
    const reason = skipReason();
    if (reason) {
      console.warn(`skipping the pty test: ${reason}`);
      ctx.skip(reason);
    }
    const home = tempDir("repl-pty-");
    const command = [
      `cd ${quote(ROOT)} &&`,
      `env HOME=${quote(home.path)} MILVUS_FILTER_HISTORY=0 NO_COLOR=1 TERM=xterm`,
      `${quote(process.execPath)} bin/milvus-filter.mjs repl --schema examples/schema.json`,
    ].join(" ");
    try {
      const started = tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "30", command);
      expect(started.status, started.stderr).toBe(0);
      await waitFor(() => (lastLine() === "filter>" ? true : undefined), 15_000, "the prompt");

      tmux("send-keys", "-t", SESSION, "-l", "pag");
      tmux("send-keys", "-t", SESSION, "Tab");
      const completed = await waitFor(() => (lastLine() === "filter> pages" ? lastLine() : undefined), 5_000, "the completed field name");
      expect(completed).toBe("filter> pages");

      tmux("send-keys", "-t", SESSION, "-l", " > 1");
      tmux("send-keys", "-t", SESSION, "Enter");
      const result = await waitFor(() => (screen().includes("delete: query first") ? screen() : undefined), 5_000, "the filter's result");
      expect(result).toContain("filter> pages > 1\npages > 1\ndelete: query first");

      tmux("send-keys", "-t", SESSION, "-l", ".exit");
      tmux("send-keys", "-t", SESSION, "Enter");
      await waitFor(() => (tmux("has-session", "-t", SESSION).status !== 0 ? true : undefined), 5_000, "the REPL to exit");
    } finally {
      tmux("kill-server");
      home.remove();
    }
  });
});
