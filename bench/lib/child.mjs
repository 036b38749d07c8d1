// Runs one measurement in a fresh Node process, so a big input's heap, V8's type feedback and a
// slow build cannot leak into the next measurement or hang the bench. The child prints one JSON
// line (its last line of stdout); a child that runs past the timeout is killed and reported as such.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const childScript = (name) => fileURLToPath(new URL(`../children/${name}`, import.meta.url));

/**
 * @returns {{ ok: true, value: any, wallMs: number } | { ok: false, timedOut: boolean, timeoutS: number, error: string }}
 */
export function runChild(script, args, { timeoutS = 120, nodeArgs = [], env } = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, script, ...args], {
    encoding: "utf8",
    timeout: timeoutS * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 64 << 20,
    env: env ?? process.env,
  });
  const wallMs = performance.now() - t0;
  if (r.error?.code === "ETIMEDOUT" || (r.signal === "SIGKILL" && wallMs >= timeoutS * 1000 * 0.99)) {
    return { ok: false, timedOut: true, timeoutS, error: `timed out (> ${timeoutS} s)` };
  }
  if (r.status !== 0) {
    const why = /heap out of memory|Allocation failed/.test(r.stderr) ? "out of memory" : errorLine(r.stderr || r.stdout || `signal ${r.signal}`);
    return { ok: false, timedOut: false, timeoutS, error: `child failed: ${why}` };
  }
  const last = r.stdout.trim().split("\n").pop();
  try {
    return { ok: true, value: JSON.parse(last), wallMs };
  } catch {
    return { ok: false, timedOut: false, timeoutS, error: `child printed no JSON: ${lastLines(r.stdout)}` };
  }
}

/** The thrown error's own line ("Error: …") rather than the stack trace below it. */
function errorLine(text) {
  const line = String(text).split("\n").find((l) => /^[A-Za-z]*Error\b/.test(l));
  return line ? line.slice(0, 400) : lastLines(text);
}

function lastLines(text) {
  return String(text).trim().split("\n").slice(-3).join(" | ").slice(0, 400);
}
