/**
 * Text for everything the REPL prints. Pure functions of session values; colour is an option, so
 * piped output is plain and byte-for-byte reproducible.
 */
import type * as A from "../syntax/ast.js";
import { children } from "../syntax/walk.js";
import { renderDiagnostic } from "../diag/render.js";
import { formatFieldType, type CollectionSchema, type FieldSchema } from "../schema/index.js";
import { describeTemplateValue, type ExprType } from "../check/index.js";
import type { ExplainNode, Truth } from "../backends/eval/index.js";
import type { ExplainResult, FilterResult, LoadedParams, LoadedRows, RowRef, RowSummary } from "./session.js";

export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => (s === "" ? s : `\u001b[${open}m${s}\u001b[${close}m`);
const same = (s: string): string => s;

export const COLOR: Palette = { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
export const PLAIN: Palette = { red: same, green: same, yellow: same, cyan: same, dim: same, bold: same };
export const palette = (color: boolean): Palette => (color ? COLOR : PLAIN);

/**
 * Not shown as diagnostics: the delete-class notes (one `delete:` line says it), and unused
 * template values (REPL params are a session setting, so most filters leave some unused).
 */
const NOTE_CODES = new Set(["lint/delete-primary-key", "lint/delete-query-first", "template/unused"]);

export function renderError(message: string, color: boolean): string {
  return `${palette(color).red("error:")} ${message.replace(/\s*\n\s*/g, " ")}`;
}

export function renderWarning(message: string, color: boolean): string {
  return `${palette(color).yellow("warning:")} ${message.replace(/\s*\n\s*/g, " ")}`;
}

// ------------------------------------------------------------------ a filter

export function renderFilter(result: FilterResult, color: boolean, pkName?: string): string {
  const c = palette(color);
  const { checked } = result;
  const lines: string[] = [];
  if (checked.ok) {
    if (result.canonical !== undefined) lines.push(c.bold(result.canonical));
    else lines.push(`${result.text.trim()} ${c.dim(`(no canonical form: ${result.printError ?? "the printer failed"})`)}`);
    if (result.purpose === "delete" && checked.deleteClass === "primary-key") {
      lines.push(`${c.cyan("delete:")} primary-key fast path (Milvus deletes the listed keys directly, without a query)`);
    } else if (result.purpose === "delete" && checked.deleteClass === "query-first") {
      lines.push(`${c.cyan("delete:")} query first (Milvus finds the rows with a query, then deletes them; the collection must be loaded)`);
    }
  }
  for (const d of checked.diagnostics) {
    if (NOTE_CODES.has(d.code)) continue;
    lines.push(renderDiagnostic(d, checked.source, { color }));
  }
  if (checked.ok && result.rows) {
    lines.push(renderRowSummary(result.rows, color, pkName));
    const { total, matched } = result.rows;
    if (result.purpose === "delete" && total > 1 && matched === total) {
      lines.push(`${c.yellow("warning:")} this delete filter selects every loaded row; a delete cannot be undone`);
    }
  }
  return lines.join("\n");
}

export function formatRef(ref: RowRef): string {
  if (ref.id === undefined) return `row ${ref.index}`;
  return ref.stringId ? JSON.stringify(ref.id) : ref.id;
}

export function renderRowSummary(rows: RowSummary, color: boolean, pkName?: string): string {
  const c = palette(color);
  if (rows.error !== undefined) return `${c.yellow("rows:")} ${rows.error}`;
  const noun = rows.total === 1 ? "row" : "rows";
  let out = `${c.green("matches")} ${rows.matched} of ${rows.total} ${noun}`;
  if (rows.first.length > 0) {
    const label = pkName !== undefined && rows.first.some((r) => r.id !== undefined) ? `${pkName} ` : "";
    const more = rows.matched - rows.first.length;
    out += `: ${label}${rows.first.map(formatRef).join(", ")}${more > 0 ? `, … (${more} more)` : ""}`;
  }
  if (rows.unknown > 0) out += c.dim(`; ${rows.unknown} NULL (unknown: not selected, not even under not)`);
  if (rows.semanticsNote !== undefined) out += `\n${c.dim(rows.semanticsNote)}`;
  return out;
}

// ------------------------------------------------------------------ settings

export function renderSchema(schema: CollectionSchema | undefined, name: string | undefined, color: boolean): string {
  const c = palette(color);
  if (!schema) return "no schema loaded: use .schema FILE (filters are checked without field types)";
  const rows = schema.columns.map((f) => [f.name, typeText(f), f.nullable ? "yes" : "no", f.primaryKey ? "yes" : ""]);
  const header = ["name", "type", "nullable", "pk"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((x, i) => (i === cells.length - 1 ? x : x.padEnd(widths[i]!))).join("  ")}`.trimEnd();
  const title = `schema ${schema.name ?? name ?? ""}`.trimEnd();
  const dyn = `dynamic field ${schema.enableDynamicField ? "on" : "off"}`;
  return [`${c.bold(title)} ${c.dim(`(${name ?? "?"}; ${dyn})`)}`, c.dim(line(header)), ...rows.map(line)].join("\n");
}

function typeText(f: FieldSchema): string {
  const base = formatFieldType(f);
  if (f.dim !== undefined) return `${base}(${f.dim})`;
  if (f.maxLength !== undefined && (f.dataType === "VarChar" || f.dataType === "String")) return `${base}(${f.maxLength})`;
  return base;
}

export function renderRowsStatus(rows: LoadedRows | undefined): string {
  if (!rows) return "no rows loaded: use .rows FILE.jsonl (one JSON object per line)";
  return `${rows.entries.length} row${rows.entries.length === 1 ? "" : "s"} from ${rows.name}${rows.skipped > 0 ? ` (${rows.skipped} bad line${rows.skipped === 1 ? "" : "s"} skipped)` : ""}`;
}

export function renderParams(params: LoadedParams | undefined): string {
  if (!params) return "no params: {placeholders} are checked for position only (set values with .params JSON|FILE)";
  if (params.values.size === 0) return `params from ${params.name}: none`;
  const lines = [`params from ${params.name}:`];
  for (const [k, v] of params.values) lines.push(`  {${k}} = ${describeTemplateValue(v)}`);
  return lines.join("\n");
}

// ------------------------------------------------------------------ .ast and .tokens

function scalar(v: unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "bigint":
    case "number":
    case "boolean":
      return String(v);
    default:
      return v === null ? "null" : undefined;
  }
}

const isNode = (v: unknown): v is A.Root =>
  typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string" && typeof (v as { id?: unknown }).id === "number";

/** One node's label: kind, its own scalar attributes, span, and what the checker decided. */
function nodeLabel(node: A.Root, type: ExprType | undefined, c: Palette): string {
  const attrs: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === "kind" || k === "id" || k === "span" || k === "nameSpan" || isNode(v)) continue;
    if (k === "raw" && ((node.kind === "String" && v === JSON.stringify((node as A.String).value)) || String((node as { value?: unknown }).value) === v)) continue;
    if (Array.isArray(v)) {
      if (v.some(isNode)) continue;
      const items = v.map((x) => (typeof x === "object" && x !== null ? ((x as { raw?: string }).raw ?? scalar((x as { value?: unknown }).value) ?? "?") : (scalar(x) ?? "?")));
      attrs.push(`${k}=[${items.join(", ")}]`);
    } else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      if (Object.values(o).some(isNode)) {
        const op = scalar(o.op);
        if (op !== undefined) attrs.push(`${k}.op=${op}`);
        continue;
      }
      const shown = typeof o.raw === "string" ? o.raw : scalar(o.value);
      if (shown !== undefined) attrs.push(`${k}=${shown}`);
    } else {
      const s = scalar(v);
      if (s !== undefined) attrs.push(`${k}=${s}`);
    }
  }
  const typeNote = type ? c.dim(` : ${type.category} ${type.dataType}${type.constant !== undefined ? ` (always ${type.constant})` : ""}`) : "";
  return `${c.bold(node.kind)}${attrs.length > 0 ? ` ${attrs.join(" ")}` : ""} ${c.dim(`[${node.span.start},${node.span.end})`)}${typeNote}`;
}

/** The last filter's tree, one node per line, with the checker's type for each node. */
export function renderAst(result: FilterResult, color: boolean): string {
  const c = palette(color);
  const root = result.parsed.ast;
  if (!root) return renderError("the last filter does not parse, so it has no tree", color);
  const types = result.checked.types;
  const out: string[] = [];
  const stack: { node: A.Root; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    out.push(`${"  ".repeat(depth)}${nodeLabel(node, types.get(node.id), c)}`);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, depth: depth + 1 });
  }
  return out.join("\n");
}

export function renderTokens(result: FilterResult, color: boolean): string {
  const c = palette(color);
  const tokens = result.parsed.tokens;
  if (tokens.length === 0) return "(no tokens)";
  const source = result.parsed.source;
  const where = tokens.map((t) => {
    const p = source.position(t.startOffset);
    return `${p.line}:${p.column}`;
  });
  const names = tokens.map((t) => t.tokenType.name);
  const w1 = Math.max(...where.map((s) => s.length));
  const w2 = Math.max(...names.map((s) => s.length));
  return tokens
    .map((t, i) => `${c.dim(where[i]!.padEnd(w1))}  ${names[i]!.padEnd(w2)}  ${/[\u0000-\u001f]/.test(t.image) ? JSON.stringify(t.image) : t.image}`)
    .join("\n");
}

// ------------------------------------------------------------------ .explain

function tv(v: Truth, c: Palette): string {
  return v === true ? c.green("TRUE") : v === false ? c.red("FALSE") : c.yellow("UNKNOWN");
}

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

export function renderExplain(result: Extract<ExplainResult, { ok: true }>, color: boolean, pkName?: string): string {
  const c = palette(color);
  const { row } = result;
  const who = row.id !== undefined ? ` (${pkName ?? "pk"} ${formatRef(row)}, line ${row.line})` : ` (line ${row.line})`;
  const verdict = result.value === true ? "selected" : "not selected";
  const out = [`row ${row.index} of ${result.total}${who}: ${tv(result.value, c)}, ${verdict}`];
  const stack: { node: ExplainNode; depth: number }[] = [{ node: result.tree, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const text = oneLine(node.text);
    const label = text === "" || (node.children.length > 0 && text.length > 60) ? node.node : text;
    const reads = node.reads && node.reads.length > 0 ? c.dim(`  (${node.reads.map((r) => `${oneLine(r.text)} = ${r.value}`).join(", ")})`) : "";
    const note = node.note ? c.dim(`  ${node.note}`) : "";
    out.push(`${"  ".repeat(depth)}${label}  → ${tv(node.value, c)}${reads}${note}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1 });
  }
  return out.join("\n");
}
