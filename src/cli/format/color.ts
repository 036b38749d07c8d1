/** ANSI styling, switched off entirely when colour is not wanted. */
import type { CliIO } from "../io.js";

export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const ANSI: Palette = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const id = (s: string): string => s;
export const PLAIN: Palette = { red: id, green: id, yellow: id, cyan: id, dim: id, bold: id, underline: id };

/**
 * Whether to colour output for `stream`: `--color` / `--no-color` first, then FORCE_COLOR (as in
 * Node, it beats NO_COLOR; "0" or "false" turn colour off), then NO_COLOR (any non-empty value),
 * then TERM=dumb, then whether the stream is a terminal. A report written to a file is never coloured
 * unless --color asks for it.
 */
export function wantColor(io: CliIO, stream: "stdout" | "stderr", flag: boolean | undefined, toFile = false): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.TERM === "dumb") return false;
  return io.isTTY[stream];
}
