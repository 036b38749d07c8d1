/**
 * The line being typed, redrawn in colour after each key, with the first problem of the filter so
 * far on one dimmed line below it (cleared when the line is entered). Only at a terminal with
 * colour on, and only while prompt and line fit on one screen row: a wrapped line is left to
 * readline as it is, since redrawing it would need its own cursor bookkeeping.
 *
 * It works beside readline rather than inside it: readline echoes the key, then this redraws the
 * whole row on the next turn of the event loop (so the text on screen is always readline's
 * `line`, and the cursor ends where readline put it).
 */
import type { REPLServer } from "node:repl";
import { highlight } from "./highlight.js";
import { palette } from "./render.js";

const ESC = "\u001b[";
const CLEAR_BELOW = `${ESC}J`;

export interface LiveView {
  /** Clears the hint row; call when the line is entered, before anything else is written. */
  clear(): void;
}

/**
 * `hint(text)` returns the one-line problem of the filter typed so far (the pending lines of a
 * multi-line filter plus this line), or undefined when there is none.
 */
export function attachLiveView(
  rl: REPLServer,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream & { columns?: number },
  pending: () => string,
  hint: (text: string) => string | undefined,
): LiveView {
  const c = palette(true);
  let shown = false;
  let scheduled = false;

  const redraw = (): void => {
    scheduled = false;
    const state = rl as unknown as { line?: unknown; cursor?: unknown };
    if (typeof state.line !== "string" || typeof state.cursor !== "number") return;
    const line = state.line;
    const prompt = rl.getPrompt();
    const columns = output.columns ?? 80;
    if (prompt.length + line.length >= columns || /[^\x20-\x7e]/.test(prompt + line)) {
      // Wrapped or wide characters: readline's own rendering stays; no stale hint below it.
      if (shown) {
        output.write(`${ESC}s${ESC}1B${ESC}2K${ESC}u`);
        shown = false;
      }
      return;
    }
    let text: string | undefined;
    if (line.trim() !== "" && !line.trimStart().startsWith(".")) {
      try {
        text = hint(pending() + line);
      } catch {
        text = undefined;
      }
    }
    let out = `\r${prompt}${highlight(line)}${CLEAR_BELOW}`;
    if (text !== undefined) {
      const room = Math.max(10, columns - 1);
      const one = text.replace(/\s*\n\s*/g, " ");
      out += `\n${c.dim(one.length > room ? `${one.slice(0, room - 1)}…` : one)}${ESC}1A`;
    }
    const col = prompt.length + state.cursor;
    out += `\r${col > 0 ? `${ESC}${col}C` : ""}`;
    output.write(out);
    shown = text !== undefined;
  };

  input.on("keypress", () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(redraw);
  });

  return {
    clear() {
      // readline has moved to the row below the entered line: that is the hint's row.
      if (shown) output.write(`\r${CLEAR_BELOW}`);
      shown = false;
    },
  };
}
