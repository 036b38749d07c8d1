/**
 * cel-go style rendering: `file:line:col: severity code: message`, the source line, and a caret
 * or tilde underline across the span. Wide (East Asian) characters get two columns.
 */
import type { Diagnostic } from "./diagnostic.js";
import type { Source } from "./source.js";
import { requireCall } from "./usage.js";
import { SPECS } from "./api-specs.js";

export interface RenderOptions {
  /** Shown before the position; omitted when empty. */
  fileName?: string;
  /** Line offset when the filter sits inside a bigger file (1-based line of the filter's first line). */
  lineOffset?: number;
  /** Column offset of the filter's first character on its first line (1-based). */
  columnOffset?: number;
  color?: boolean;
}

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", cyan: "\u001b[36m", dim: "\u001b[2m", bold: "\u001b[1m", reset: "\u001b[0m" };

function width(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 9) return 1;
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

/** Control characters are shown as their escapes so the snippet stays on one line. */
function visible(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === "\t") return " ";
  if (cp < 0x20 || cp === 0x7f) return "?";
  return ch;
}

const MAX_SNIPPET = 160;

export function renderDiagnostic(d: Diagnostic, source: Source, options: RenderOptions = {}): string {
  [d, source, options = {}] = requireCall("renderDiagnostic", SPECS.renderDiagnostic, [d, source, options]) as [Diagnostic, Source, RenderOptions | undefined];
  const c = options.color ? ANSI : { red: "", yellow: "", cyan: "", dim: "", bold: "", reset: "" };
  const line = d.line + (options.lineOffset ?? 1) - 1;
  const column = d.line === 1 ? d.column + (options.columnOffset ?? 1) - 1 : d.column;
  const sevColor = d.severity === "error" ? c.red : d.severity === "warning" ? c.yellow : c.cyan;
  const where = `${options.fileName ? `${options.fileName}:` : ""}${line}:${column}`;
  const out = [`${c.bold}${where}${c.reset}: ${sevColor}${d.severity}${c.reset} ${c.dim}${d.code}${c.reset}: ${d.message}`];

  const text = source.lineText(d.line);
  // Keep long lines readable: a window around the start of the span.
  const chars = Array.from(text);
  const startCol = d.column - 1;
  let idx = 0;
  let startChar = 0;
  for (let i = 0; i < chars.length && idx < startCol; i++) {
    idx += chars[i]!.length;
    startChar = i + 1;
  }
  const endOnLine = d.endLine === d.line ? d.endColumn - 1 : text.length;
  let endChar = startChar;
  for (let i = startChar, u = idx; i < chars.length && u < endOnLine; i++) {
    u += chars[i]!.length;
    endChar = i + 1;
  }
  const from = Math.max(0, startChar - 60);
  const to = Math.min(chars.length, Math.max(endChar, startChar + 1) + 60, from + MAX_SNIPPET);
  const shown = chars.slice(from, to);
  const prefix = from > 0 ? "..." : "";
  const suffix = to < chars.length ? "..." : "";
  out.push(`  ${c.dim}|${c.reset} ${prefix}${shown.map(visible).join("")}${suffix}`);
  let pad = prefix.length;
  for (let i = from; i < startChar; i++) pad += width(chars[i]!);
  let mark = 0;
  for (let i = startChar; i < Math.min(endChar, to); i++) mark += width(chars[i]!);
  const underline = mark <= 1 ? "^" : `^${"~".repeat(mark - 1)}`;
  out.push(`  ${c.dim}|${c.reset} ${" ".repeat(pad)}${sevColor}${underline}${c.reset}`);
  if (d.hint) out.push(`  ${c.dim}= hint:${c.reset} ${d.hint}`);
  return out.join("\n");
}
