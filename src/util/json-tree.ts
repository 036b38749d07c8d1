/**
 * The span-preserving JSON parser: a syntax tree whose nodes carry [start, end) UTF-16 offsets
 * into the text, for tools that report positions inside a JSON file or rewrite parts of it in
 * place (the linter's `filter` strings). Same strictness, bounds and error shape as `parseJson`;
 * import it from `./json.js`.
 *
 * Locating and rewriting a string literal:
 * - `node.start`/`node.end` span the literal including its quotes, so
 *   `text.slice(node.start, node.end)` is the encoded literal exactly as written.
 * - `stringOffsetMap(text, node)[i]` is the source offset where decoded code unit `i` of
 *   `node.value` is written (the `\` of an escape); entry `value.length` is the closing quote.
 *   A decoded range [a, b) is therefore written at [map[a], map[b]).
 * - To replace the whole literal: `applyJsonEdits(text, [{ start, end, text: encodeJsonString(s) }])`;
 *   to replace a decoded range inside it, use `encodeJsonString(s).slice(1, -1)` at [map[a], map[b]).
 *   Everything outside the edited spans is preserved byte for byte.
 */
import {
  DEFAULT_MAX_DEPTH,
  JsonFloat,
  checkTrailing,
  describeAt,
  fail,
  failDuplicateKey,
  failUnexpectedValue,
  finishObject,
  newObject,
  scanEnd,
  scanIsFloat,
  scanLiteral,
  scanNumber,
  scanString,
  toJsonError,
  type JsonParseOptions,
  type JsonResult,
  type JsonTaggedValue,
  type JsonValue,
} from "./json-core.js";

interface NodeBase {
  /** Offset of the node's first character (a quote, bracket, digit, `-`, `t`, `f` or `n`). */
  readonly start: number;
  /** Offset just past the node's last character. */
  readonly end: number;
}

export interface JsonObjectNode extends NodeBase {
  readonly type: "object";
  /** In source order; duplicates are kept (the last one is the effective value). */
  readonly members: JsonMember[];
}

export interface JsonMember {
  readonly key: JsonStringNode;
  readonly value: JsonNode;
}

export interface JsonArrayNode extends NodeBase {
  readonly type: "array";
  readonly elements: JsonNode[];
}

export interface JsonStringNode extends NodeBase {
  readonly type: "string";
  /** The decoded string. */
  readonly value: string;
}

export interface JsonNumberNode extends NodeBase {
  readonly type: "number";
  /** A double for floats; for integers as the `integers` option says (see json.ts). */
  readonly value: number | bigint;
  /** The literal as written. */
  readonly raw: string;
  /** Written without fraction and exponent. */
  readonly integer: boolean;
}

export interface JsonBooleanNode extends NodeBase {
  readonly type: "boolean";
  readonly value: boolean;
}

export interface JsonNullNode extends NodeBase {
  readonly type: "null";
  readonly value: null;
}

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;

export type JsonTreeOptions = Pick<JsonParseOptions, "integers" | "maxDepth" | "duplicateKeys">;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ---------------------------------------------------------------- parser

/** Parses one JSON text into a span-carrying tree. Never throws. A leading BOM is skipped. */
export function parseJsonTree(text: string, options?: JsonTreeOptions): JsonResult<JsonNode> {
  if (typeof text !== "string") {
    return { ok: false, error: { message: "JSON input must be a string", offset: 0, line: 1, column: 1 } };
  }
  try {
    return { ok: true, value: parseTreeCore(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, options) };
  } catch (e) {
    return { ok: false, error: toJsonError(text, e, text.length) };
  }
}

function skipWs(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
  return pos;
}

function keyNode(text: string, pos: number, afterComma: number): JsonStringNode {
  const c = text.charCodeAt(pos);
  if (c !== 34) {
    if (c === 125 && afterComma >= 0) fail("Trailing comma is not allowed", afterComma);
    if (pos >= text.length) fail("Unexpected end of input: expected a string key", pos);
    if (c === 39) fail("Strings must use double quotes", pos);
    fail(`Unexpected ${describeAt(text, pos)}: expected a string key${afterComma >= 0 ? "" : " or '}'"}`, pos);
  }
  const value = scanString(text, pos);
  return { type: "string", start: pos, end: scanEnd, value };
}

function expectColon(text: string, pos: number): number {
  pos = skipWs(text, pos);
  if (text.charCodeAt(pos) !== 58) fail(`Unexpected ${describeAt(text, pos)}: expected ':' after the object key`, pos);
  return pos + 1;
}

function parseTreeCore(text: string, start: number, options: JsonTreeOptions | undefined): JsonNode {
  const allBigint = options?.integers === "bigint";
  const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  const rejectDuplicates = options?.duplicateKeys === "error";
  const len = text.length;
  const containers: (Mutable<JsonObjectNode> | Mutable<JsonArrayNode>)[] = [];
  const keys: (JsonStringNode | null)[] = [];
  // With rejectDuplicates: the keys seen so far in each open object (one Set per object).
  const keySets: (Set<string> | undefined)[] = [];
  let depth = 0;
  let pos = start;
  let node: JsonNode;
  let commaAt = -1;
  for (;;) {
    let c = text.charCodeAt(pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
    const begin = pos;
    switch (c) {
      case 34: {
        const value = scanString(text, pos);
        pos = scanEnd;
        node = { type: "string", start: begin, end: pos, value };
        break;
      }
      case 123: {
        if (depth >= maxDepth) fail(`Nesting exceeds the maximum depth of ${maxDepth}`, pos);
        const obj: Mutable<JsonObjectNode> = { type: "object", start: begin, end: begin, members: [] };
        pos = skipWs(text, pos + 1);
        if (text.charCodeAt(pos) === 125) {
          obj.end = ++pos;
          node = obj;
          break;
        }
        const key = keyNode(text, pos, -1);
        pos = expectColon(text, key.end);
        containers[depth] = obj;
        keys[depth] = key;
        if (rejectDuplicates) keySets[depth] = new Set([key.value]);
        depth++;
        commaAt = -1;
        continue;
      }
      case 91: {
        if (depth >= maxDepth) fail(`Nesting exceeds the maximum depth of ${maxDepth}`, pos);
        const arr: Mutable<JsonArrayNode> = { type: "array", start: begin, end: begin, elements: [] };
        pos = skipWs(text, pos + 1);
        if (text.charCodeAt(pos) === 93) {
          arr.end = ++pos;
          node = arr;
          break;
        }
        containers[depth] = arr;
        keys[depth] = null;
        depth++;
        commaAt = -1;
        continue;
      }
      case 116:
        scanLiteral(text, pos, "true");
        pos = scanEnd;
        node = { type: "boolean", start: begin, end: pos, value: true };
        break;
      case 102:
        scanLiteral(text, pos, "false");
        pos = scanEnd;
        node = { type: "boolean", start: begin, end: pos, value: false };
        break;
      case 110:
        scanLiteral(text, pos, "null");
        pos = scanEnd;
        node = { type: "null", start: begin, end: pos, value: null };
        break;
      default:
        if ((c >= 48 && c <= 57) || c === 45) {
          const value = scanNumber(text, pos, allBigint);
          pos = scanEnd;
          node = { type: "number", start: begin, end: pos, value, raw: text.slice(begin, pos), integer: !scanIsFloat };
          break;
        }
        if (c === 93 && commaAt >= 0) fail("Trailing comma is not allowed", commaAt);
        failUnexpectedValue(text, pos);
    }
    for (;;) {
      if (depth === 0) {
        checkTrailing(text, pos, len);
        return node;
      }
      const container = containers[depth - 1];
      const key = keys[depth - 1];
      pos = skipWs(text, pos);
      c = text.charCodeAt(pos);
      if (container.type === "array") {
        container.elements.push(node);
        if (c === 44) {
          commaAt = pos++;
          break;
        }
        if (c !== 93) fail(`Unexpected ${describeAt(text, pos)}: expected ',' or ']' after an array element`, pos);
      } else {
        container.members.push({ key: key!, value: node });
        if (c === 44) {
          const next = keyNode(text, skipWs(text, pos + 1), pos);
          if (rejectDuplicates) {
            const seen = keySets[depth - 1]!;
            if (seen.has(next.value)) failDuplicateKey(next.value, next.start);
            seen.add(next.value);
          }
          keys[depth - 1] = next;
          pos = expectColon(text, next.end);
          commaAt = -1;
          break;
        }
        if (c !== 125) fail(`Unexpected ${describeAt(text, pos)}: expected ',' or '}' after an object member`, pos);
      }
      container.end = ++pos;
      node = container;
      depth--;
      containers[depth] = undefined as never;
      keySets[depth] = undefined;
    }
  }
}

// ---------------------------------------------------------------- helpers

/**
 * Maps decoded indices of a string literal to source offsets: entry `i` is the offset in `text`
 * where code unit `i` of the decoded value is written (for an escape, the offset of its `\`),
 * and the final entry (index `value.length`) is the offset of the closing quote. `node` must be
 * a string node (or key) parsed from this same `text`; otherwise a RangeError is thrown.
 */
export function stringOffsetMap(text: string, node: Pick<JsonStringNode, "start" | "end">): number[] {
  const { start, end } = node;
  if (text.charCodeAt(start) !== 34 || text.charCodeAt(end - 1) !== 34 || end - start < 2) {
    throw new RangeError("stringOffsetMap: the span is not a string literal of this text");
  }
  const map: number[] = [];
  const last = end - 1;
  let i = start + 1;
  while (i < last) {
    map.push(i);
    if (text.charCodeAt(i) === 92) i += text.charCodeAt(i + 1) === 117 ? 6 : 2;
    else i++;
  }
  if (i !== last) throw new RangeError("stringOffsetMap: the span is not a string literal of this text");
  map.push(last);
  return map;
}

/** The effective (last) member named `key` of an object node, if any. */
export function findMember(node: JsonObjectNode, key: string): JsonMember | undefined {
  for (let i = node.members.length - 1; i >= 0; i--) {
    if (node.members[i].key.value === key) return node.members[i];
  }
  return undefined;
}

/** Path of a node from the root: member keys and array indices. */
export type JsonPath = readonly (string | number)[];

/**
 * Visits every node in document order (pre-order, without recursion, linear time). `path` is
 * the node's location; it is one array reused across calls, so copy it (`[...path]`) to keep it.
 * `member` is set when the node is an object member's value. Return `false` from `visit` to
 * skip the node's children. Duplicate keys are all visited.
 */
export function walkJsonTree(
  root: JsonNode,
  visit: (node: JsonNode, path: JsonPath, member: JsonMember | undefined) => boolean | void,
): void {
  const nodes: JsonNode[] = [root];
  const depths: number[] = [0];
  const steps: (string | number | null)[] = [null];
  const members: (JsonMember | undefined)[] = [undefined];
  const path: (string | number)[] = [];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    const step = steps.pop()!;
    const member = members.pop();
    path.length = depth;
    if (step !== null) path[depth - 1] = step;
    if (visit(node, path, member) === false) continue;
    if (node.type === "array") {
      for (let i = node.elements.length - 1; i >= 0; i--) {
        nodes.push(node.elements[i]);
        depths.push(depth + 1);
        steps.push(i);
        members.push(undefined);
      }
    } else if (node.type === "object") {
      for (let i = node.members.length - 1; i >= 0; i--) {
        const m = node.members[i];
        nodes.push(m.value);
        depths.push(depth + 1);
        steps.push(m.key.value);
        members.push(m);
      }
    }
  }
}

/**
 * The plain value of a tree, as `parseJson` would give it (null-prototype objects, last
 * duplicate key wins; `floats: "tagged"` turns float literals into `JsonFloat`). No recursion.
 */
export function jsonTreeToValue(root: JsonNode, options: { floats: "tagged" }): JsonTaggedValue;
export function jsonTreeToValue(root: JsonNode, options?: { floats?: "number" }): JsonValue;
export function jsonTreeToValue(root: JsonNode, options?: { floats?: "number" | "tagged" }): JsonTaggedValue;
export function jsonTreeToValue(root: JsonNode, options?: { floats?: "number" | "tagged" }): JsonTaggedValue {
  const tagged = options?.floats === "tagged";
  const leaf = (n: JsonNode): JsonTaggedValue => {
    if (n.type === "number") return tagged && !n.integer ? new JsonFloat(n.value as number, n.raw) : n.value;
    if (n.type === "array") return [];
    if (n.type === "object") return n.members.length > 0 ? newObject<JsonTaggedValue>() : (Object.create(null) as Record<string, JsonTaggedValue>);
    return n.value;
  };
  type Frame = { node: JsonArrayNode | JsonObjectNode; out: JsonTaggedValue[] | Record<string, JsonTaggedValue>; i: number };
  const attach = (f: Frame, v: JsonTaggedValue): void => {
    if (f.node.type === "array") (f.out as JsonTaggedValue[]).push(v);
    else (f.out as Record<string, JsonTaggedValue>)[f.node.members[f.i].key.value] = v;
    f.i++;
  };
  if (root.type !== "array" && root.type !== "object") return leaf(root);
  const frames: Frame[] = [{ node: root, out: leaf(root) as Frame["out"], i: 0 }];
  for (;;) {
    const f = frames[frames.length - 1];
    const count = f.node.type === "array" ? f.node.elements.length : f.node.members.length;
    if (f.i === count) {
      frames.pop();
      if (f.node.type === "object") finishObject(f.out);
      if (frames.length === 0) return f.out;
      attach(frames[frames.length - 1], f.out);
      continue;
    }
    const child = f.node.type === "array" ? f.node.elements[f.i] : f.node.members[f.i].value;
    if ((child.type === "array" && child.elements.length > 0) || (child.type === "object" && child.members.length > 0)) {
      frames.push({ node: child, out: leaf(child) as Frame["out"], i: 0 });
    } else {
      attach(f, leaf(child));
    }
  }
}

/** A replacement of `text.slice(start, end)` by `text`. */
export interface JsonEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies non-overlapping edits (in any order) to `text`, leaving everything else unchanged.
 * Throws a RangeError if an edit is out of bounds or two edits overlap (two insertions at
 * the same offset are applied in the order given).
 */
export function applyJsonEdits(text: string, edits: readonly JsonEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = "";
  let pos = 0;
  for (const { e } of sorted) {
    if (!(e.start >= 0 && e.start <= e.end && e.end <= text.length)) {
      throw new RangeError(`applyJsonEdits: edit [${e.start}, ${e.end}) is outside the text`);
    }
    if (e.start < pos) throw new RangeError(`applyJsonEdits: edit [${e.start}, ${e.end}) overlaps another edit`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
