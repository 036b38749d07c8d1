/**
 * AST output for `milvus-filter parse`.
 *
 * `astToJson`: the stable JSON form used by the jsonl/json formats. Every property of every node is
 * written (nothing omitted, `id` and `span` included), with `kind`, `id` and `span` first and the
 * rest in the node's own order. Bigints are written as decimal strings; a float value that JSON
 * cannot hold (NaN, ±Infinity) as the string `"NaN"`, `"Infinity"` or `"-Infinity"` (its `raw`
 * text is always there too).
 *
 * `astTree`: a readable indented tree, one node per line: kind, scalar fields, and span.
 */
import type { Root } from "../syntax/ast.js";

const FIRST = ["kind", "id", "span"];

function isNode(v: unknown): v is Root {
  return typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string" && "span" in v && "id" in v;
}

function orderedKeys(o: object): string[] {
  const keys = Object.keys(o);
  if (!("kind" in o)) return keys;
  return [...FIRST.filter((k) => keys.includes(k)), ...keys.filter((k) => !FIRST.includes(k))];
}

function write(v: unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "bigint":
      return `"${v.toString()}"`;
    case "number":
      return Number.isFinite(v) ? JSON.stringify(v) : `"${String(v)}"`;
    case "boolean":
      return v ? "true" : "false";
    case "object": {
      if (v === null) return "null";
      if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? "null").join(",")}]`;
      const parts: string[] = [];
      for (const k of orderedKeys(v)) {
        const s = write((v as Record<string, unknown>)[k]);
        if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return undefined;
  }
}

/** One-line JSON text of an AST (or null). */
export function astToJson(ast: Root | null): string {
  return write(ast) ?? "null";
}

/** The AST as a plain JSON-compatible value (same content as astToJson). */
export function astToPlain(ast: Root | null): unknown {
  return JSON.parse(astToJson(ast));
}

// ---------------------------------------------------------------- tree

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

/** A non-node object as one attribute (`IntOption`, JSON path keys), or undefined if it holds nodes. */
function compact(v: Record<string, unknown>): string | undefined {
  if (Object.values(v).some((x) => isNode(x))) return undefined;
  if ("raw" in v && typeof v.raw === "string") return v.raw;
  if (v.kind === "index") return String(v.value);
  if ("value" in v) return scalar(v.value);
  return undefined;
}

interface Line {
  depth: number;
  label: string;
  node: Root;
}

function header(node: Root): string {
  const o = node as unknown as Record<string, unknown>;
  const attrs: string[] = [];
  for (const k of orderedKeys(o)) {
    if (FIRST.includes(k)) continue;
    const v = o[k];
    if (isNode(v)) continue;
    if (Array.isArray(v)) {
      if (v.some(isNode)) continue;
      attrs.push(`${k}=[${v.map((x) => (typeof x === "object" && x !== null ? compact(x as Record<string, unknown>) : scalar(x)) ?? "?").join(", ")}]`);
      continue;
    }
    if (typeof v === "object" && v !== null) {
      if (k === "nameSpan") continue;
      const c = compact(v as Record<string, unknown>);
      if (c !== undefined) attrs.push(`${k}=${c}`);
      continue;
    }
    if (k === "raw" && (String(o.value) === v || (o.kind === "String" && v === JSON.stringify(o.value)))) continue;
    const s = scalar(v);
    if (s !== undefined) attrs.push(`${k}=${s}`);
  }
  return `${node.kind}${attrs.length ? ` ${attrs.join(" ")}` : ""} [${node.span.start},${node.span.end})`;
}

/** Lines of the indented tree (two spaces per level), without recursion. */
export function astTree(root: Root): string[] {
  const out: string[] = [];
  const stack: Line[] = [{ depth: 0, label: "", node: root }];
  while (stack.length > 0) {
    const { depth, label, node } = stack.pop()!;
    out.push(`${"  ".repeat(depth)}${label}${header(node)}`);
    const kids: Line[] = [];
    const o = node as unknown as Record<string, unknown>;
    for (const k of orderedKeys(o)) {
      if (FIRST.includes(k)) continue;
      const v = o[k];
      if (isNode(v)) kids.push({ depth: depth + 1, label: `${k}: `, node: v });
      else if (Array.isArray(v)) {
        for (const x of v) if (isNode(x)) kids.push({ depth: depth + 1, label: "", node: x });
      } else if (typeof v === "object" && v !== null) {
        // e.g. interval {op, value}: the nested node, labelled with the object's scalar fields.
        const r = v as Record<string, unknown>;
        const extra = Object.entries(r)
          .filter(([, x]) => !isNode(x) && scalar(x) !== undefined)
          .map(([n, x]) => `${n}=${scalar(x)}`);
        for (const x of Object.values(r)) {
          if (isNode(x)) kids.push({ depth: depth + 1, label: `${k}${extra.length ? `(${extra.join(" ")})` : ""}: `, node: x });
        }
      }
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}
