/**
 * A one-line progress bar on stderr, only when stderr is a terminal and the run is big enough to
 * be worth one. Redraws at most every 100 ms and erases itself when done.
 */
import type { CliIO } from "./io.js";

export const PROGRESS_THRESHOLD = 5000;

export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function createProgress(io: CliIO, total: number, label = "filters"): Progress | null {
  if (!io.isTTY.stderr || total <= PROGRESS_THRESHOLD) return null;
  const now = io.now ? () => io.now!() : () => performance.now();
  const columns = io.columns ?? 80;
  const barWidth = Math.max(10, Math.min(40, columns - 40));
  let last = -Infinity;
  let drawn = 0;
  const draw = (done: number): void => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * barWidth);
    const line = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${done}/${total} ${label}`;
    drawn = line.length;
    io.stderr.write(`\r${line}`);
  };
  return {
    update(done) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      draw(done);
    },
    finish() {
      if (drawn > 0) io.stderr.write(`\r${" ".repeat(drawn)}\r`);
    },
  };
}

/**
 * A progress line for input of unknown size (a stream): "12,345 rows read" on stderr, under the
 * same conditions as the bar (a terminal, and past PROGRESS_THRESHOLD items), at most every 100 ms.
 */
export function createCounter(io: CliIO, label = "rows read"): Progress | null {
  if (!io.isTTY.stderr) return null;
  const now = io.now ? () => io.now!() : () => performance.now();
  let last = -Infinity;
  let drawn = 0;
  return {
    update(done) {
      if (done <= PROGRESS_THRESHOLD) return;
      const t = now();
      if (t - last < 100) return;
      last = t;
      const line = `${done.toLocaleString("en-US")} ${label}`;
      io.stderr.write(`\r${line}${" ".repeat(Math.max(0, drawn - line.length))}`);
      drawn = Math.max(drawn, line.length);
    },
    finish() {
      if (drawn > 0) io.stderr.write(`\r${" ".repeat(drawn)}\r`);
    },
  };
}
