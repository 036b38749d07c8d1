/**
 * The one JSON reader used everywhere the tool reads JSON: collection schemas, template values
 * (`exprParams`), JSONL row files and lint inputs. Small, strict (RFC 8259), lossless, never throws.
 *
 * API (all re-exported from this module):
 * - `parseJson(text, options?)` → `{ ok: true, value } | { ok: false, error: { message, offset, line, column } }`.
 * - `parseJsonTree(text, options?)` → same result shape with a span-carrying `JsonNode` tree
 *   (json-tree.ts), plus `stringOffsetMap`, `walkJsonTree`, `findMember`, `jsonTreeToValue`,
 *   `applyJsonEdits` for locating and rewriting string literals in place.
 * - `parseJsonLines(text, options?)` → generator of per-line results for JSONL.
 * - `stringifyJson(value, indent?)`, `encodeJsonString(s)` for output.
 *
 * Numbers. A literal without fraction or exponent is an *integer*: by default (`integers: "auto"`)
 * it is a `number` when |n| <= 2^53 - 1 and an exact `bigint` otherwise (so int64 ids such as
 * 9007199254740993 or -9223372036854775808 survive); `{ integers: "bigint" }` makes every integer
 * a `bigint`. A literal with a fraction or exponent is a *float*: a plain `number` (double) by
 * default, or, with `{ floats: "tagged" }`, a `JsonFloat { kind: "float", value, raw }` instance.
 * So under "tagged" `1` → `1` (number) and `1.0` → `JsonFloat(1, "1.0")`: the integer/float
 * distinction Milvus uses to type `exprParams` is in the value itself, and `stringifyJson`
 * writes the float back as `raw`. (`JsonFloat` is a class, so `instanceof JsonFloat` /
 * `isJsonFloat` tells it from a JSON object.) The tree parser always records `raw` and
 * `integer` on number nodes, so it needs no tagging option.
 *
 * Objects have a null prototype (`Object.getPrototypeOf(o) === null`, as with `Object.create(null)`;
 * they are filled on an empty, frozen, null-prototype base and switched to null when complete,
 * which keeps them in V8's fast mode): keys such as `__proto__`, `constructor` or `toString`
 * are ordinary own data properties and never touch any prototype. Callers must test
 * membership with `Object.hasOwn(obj, key)` (not `in`, not `obj.hasOwnProperty`, which does not
 * exist on them). Duplicate keys: the last one wins, as with `JSON.parse`, unless
 * `duplicateKeys: "error"` asks for an error naming the key (config files and rows use it).
 *
 * Strictness. Exactly RFC 8259 / `JSON.parse`: no comments, trailing commas, single quotes,
 * NaN/Infinity, leading zeros or `+`; raw control characters in strings are rejected; lone
 * surrogates (raw or `\ud800`) are accepted as `JSON.parse` does. One deliberate difference:
 * a leading byte-order mark (U+FEFF) is skipped (RFC 8259 §8.1 allows it); offsets still count it.
 *
 * Bounds. Parsing uses an explicit stack (no recursion); nesting deeper than `maxDepth`
 * (default 1000) is reported as an ordinary error, so a 1,000,000-deep `[[[…` fails fast.
 * Time is linear in the input.
 *
 * Memory. Like any substring in V8, decoded strings may share storage with the input text;
 * copy them if you keep a few small values from a huge input alive for long.
 *
 * Positions. `offset` is a UTF-16 index into the text; `line`/`column` are 1-based with columns
 * in UTF-16 code units, and LF, CRLF and lone CR each end a line (as `Source` in src/diag/source.ts).
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
  scanKey,
  scanString,
  toJsonError,
  type JsonError,
  type JsonParseOptions,
  type JsonResult,
  type JsonTaggedValue,
  type JsonValue,
} from "./json-core.js";

export {
  DEFAULT_MAX_DEPTH,
  JsonFloat,
  isJsonFloat,
  type JsonError,
  type JsonObject,
  type JsonParseOptions,
  type JsonResult,
  type JsonTaggedObject,
  type JsonTaggedValue,
  type JsonValue,
} from "./json-core.js";
export {
  applyJsonEdits,
  findMember,
  jsonTreeToValue,
  parseJsonTree,
  stringOffsetMap,
  walkJsonTree,
  type JsonArrayNode,
  type JsonBooleanNode,
  type JsonEdit,
  type JsonMember,
  type JsonNode,
  type JsonNullNode,
  type JsonNumberNode,
  type JsonObjectNode,
  type JsonPath,
  type JsonStringNode,
  type JsonTreeOptions,
} from "./json-tree.js";

// ---------------------------------------------------------------- parseJson

type TaggedOptions = JsonParseOptions & { floats: "tagged" };
type PlainOptions = JsonParseOptions & { floats?: "number" };

/** Parses one JSON text. Never throws. See the module comment for the number and object model. */
export function parseJson(text: string, options: TaggedOptions): JsonResult<JsonTaggedValue>;
export function parseJson(text: string, options?: PlainOptions): JsonResult<JsonValue>;
export function parseJson(text: string, options?: JsonParseOptions): JsonResult<JsonTaggedValue>;
export function parseJson(text: string, options?: JsonParseOptions): JsonResult<JsonTaggedValue> {
  if (typeof text !== "string") {
    return { ok: false, error: { message: "JSON input must be a string", offset: 0, line: 1, column: 1 } };
  }
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return parseRange(text, start, options);
}

function parseRange(text: string, start: number, options: JsonParseOptions | undefined): JsonResult<JsonTaggedValue> {
  try {
    return { ok: true, value: parseCore(text, start, options) };
  } catch (e) {
    return { ok: false, error: toJsonError(text, e, text.length) };
  }
}

/** Skips JSON whitespace from `pos`; returns the first non-whitespace position. */
function skipWs(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
  return pos;
}

function expectKey(text: string, pos: number, afterComma: number): number {
  const c = text.charCodeAt(pos);
  if (c === 34) return pos;
  if (c === 125 && afterComma >= 0) fail("Trailing comma is not allowed", afterComma);
  if (pos >= text.length) fail("Unexpected end of input: expected a string key", pos);
  if (c === 39) fail("Strings must use double quotes", pos);
  fail(`Unexpected ${describeAt(text, pos)}: expected a string key${afterComma >= 0 ? "" : " or '}'"}`, pos);
}

function expectColon(text: string, pos: number): number {
  pos = skipWs(text, pos);
  if (text.charCodeAt(pos) !== 58) fail(`Unexpected ${describeAt(text, pos)}: expected ':' after the object key`, pos);
  return pos + 1;
}

/**
 * The value parser: an explicit stack of open containers. For each level, `containers[d]` is
 * the array or object being filled and `keys[d]` the pending member key (null for arrays).
 */
function parseCore(text: string, start: number, options: JsonParseOptions | undefined): JsonTaggedValue {
  const allBigint = options?.integers === "bigint";
  const tagged = options?.floats === "tagged";
  const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  const rejectDuplicates = options?.duplicateKeys === "error";
  const len = text.length;
  const containers: (JsonTaggedValue[] | Record<string, JsonTaggedValue>)[] = [];
  const keys: (string | null)[] = [];
  let depth = 0;
  let pos = start;
  let value: JsonTaggedValue;
  let commaAt = -1; // offset of the comma just consumed in an array (for the trailing-comma message)
  for (;;) {
    // ---- a value starts here
    let c = text.charCodeAt(pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
    switch (c) {
      case 34: // "
        value = scanString(text, pos);
        pos = scanEnd;
        break;
      case 123: {
        // {
        if (depth >= maxDepth) fail(`Nesting exceeds the maximum depth of ${maxDepth}`, pos);
        pos = skipWs(text, pos + 1);
        if (text.charCodeAt(pos) === 125) {
          pos++;
          value = Object.create(null) as Record<string, JsonTaggedValue>;
          break;
        }
        pos = expectKey(text, pos, -1);
        const key = scanKey(text, pos);
        pos = expectColon(text, scanEnd);
        containers[depth] = newObject<JsonTaggedValue>();
        keys[depth] = key;
        depth++;
        commaAt = -1;
        continue;
      }
      case 91: {
        // [
        if (depth >= maxDepth) fail(`Nesting exceeds the maximum depth of ${maxDepth}`, pos);
        pos = skipWs(text, pos + 1);
        if (text.charCodeAt(pos) === 93) {
          pos++;
          value = [];
          break;
        }
        containers[depth] = [];
        keys[depth] = null;
        depth++;
        commaAt = -1;
        continue;
      }
      case 116: // t
        scanLiteral(text, pos, "true");
        pos = scanEnd;
        value = true;
        break;
      case 102: // f
        scanLiteral(text, pos, "false");
        pos = scanEnd;
        value = false;
        break;
      case 110: // n
        scanLiteral(text, pos, "null");
        pos = scanEnd;
        value = null;
        break;
      default:
        if ((c >= 48 && c <= 57) || c === 45) {
          const n = scanNumber(text, pos, allBigint);
          value = tagged && scanIsFloat ? new JsonFloat(n as number, text.slice(pos, scanEnd)) : n;
          pos = scanEnd;
          break;
        }
        if (c === 93 && commaAt >= 0) fail("Trailing comma is not allowed", commaAt);
        failUnexpectedValue(text, pos);
    }
    // ---- a value is complete: store it and close finished containers
    for (;;) {
      if (depth === 0) {
        checkTrailing(text, pos, len);
        return value;
      }
      const container = containers[depth - 1];
      const key = keys[depth - 1];
      pos = skipWs(text, pos);
      c = text.charCodeAt(pos);
      if (key === null) {
        (container as JsonTaggedValue[]).push(value);
        if (c === 44) {
          commaAt = pos++;
          break;
        }
        if (c !== 93) {
          fail(`Unexpected ${describeAt(text, pos)}: expected ',' or ']' after an array element`, pos);
        }
      } else {
        (container as Record<string, JsonTaggedValue>)[key] = value;
        if (c === 44) {
          const comma = pos;
          pos = expectKey(text, skipWs(text, pos + 1), comma);
          const next = scanKey(text, pos);
          // The object itself is the set of keys so far: one hash lookup per key.
          if (rejectDuplicates && Object.hasOwn(container, next)) failDuplicateKey(next, pos);
          keys[depth - 1] = next;
          pos = expectColon(text, scanEnd);
          commaAt = -1;
          break;
        }
        if (c !== 125) {
          fail(`Unexpected ${describeAt(text, pos)}: expected ',' or '}' after an object member`, pos);
        }
        finishObject(container);
      }
      // close the container
      pos++;
      value = container;
      depth--;
      containers[depth] = undefined as never;
    }
  }
}

// ---------------------------------------------------------------- JSON Lines

/** One non-blank line of a JSONL text. */
export type JsonLine<V = JsonValue> =
  | { readonly ok: true; readonly line: number; readonly offset: number; readonly text: string; readonly value: V }
  | { readonly ok: false; readonly line: number; readonly offset: number; readonly text: string; readonly error: JsonError };

/**
 * Iterates the records of a JSON Lines text. Lines end at LF, CRLF or a lone CR (line numbers
 * match `Source`); a leading BOM is dropped; lines holding only whitespace are skipped. Each
 * result has the 1-based `line`, the `offset` of the line's first character in `text`, the raw
 * line `text` (without terminator or BOM, otherwise unchanged) and either `value` or `error`
 * (whose offset/line/column refer to the whole input, so they can be reported directly).
 */
export function parseJsonLines(text: string, options: TaggedOptions): Generator<JsonLine<JsonTaggedValue>, void, undefined>;
export function parseJsonLines(text: string, options?: PlainOptions): Generator<JsonLine<JsonValue>, void, undefined>;
export function parseJsonLines(text: string, options?: JsonParseOptions): Generator<JsonLine<JsonTaggedValue>, void, undefined>;
export function* parseJsonLines(text: string, options?: JsonParseOptions): Generator<JsonLine<JsonTaggedValue>, void, undefined> {
  if (typeof text !== "string") {
    const error = { message: "JSON input must be a string", offset: 0, line: 1, column: 1 };
    yield { ok: false, line: 1, offset: 0, text: "", error };
    return;
  }
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (pos < len) {
    lineNo++;
    const lineStart = pos;
    let blank = true;
    let c = 0;
    while (pos < len) {
      c = text.charCodeAt(pos);
      if (c === 10 || c === 13) break;
      if (blank && c !== 32 && c !== 9) blank = false;
      pos++;
    }
    const lineEnd = pos;
    if (pos < len) pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    if (blank) continue;
    const lineText = text.slice(lineStart, lineEnd);
    const result = parseRange(lineText, 0, options);
    if (result.ok) {
      yield { ok: true, line: lineNo, offset: lineStart, text: lineText, value: result.value };
    } else {
      const physicalStart = lineNo === 1 ? 0 : lineStart; // column counts a BOM on line 1
      const offset = lineStart + result.error.offset;
      const error: JsonError = {
        message: result.error.message,
        offset,
        line: lineNo,
        column: offset - physicalStart + 1,
      };
      yield { ok: false, line: lineNo, offset: lineStart, text: lineText, error };
    }
  }
}

// ---------------------------------------------------------------- output

/** A JSON string literal for `s` (as `JSON.stringify(s)`: lone surrogates are escaped). */
export function encodeJsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * `JSON.stringify` for this value model: `bigint` is written as bare integer digits, a
 * `JsonFloat` as its `raw` literal; everything else as `JSON.stringify` would (toJSON is
 * honoured, non-finite numbers become `null`, `undefined`/functions/symbols are omitted from
 * objects and become `null` in arrays and at top level). `indent` is as JSON.stringify's
 * `space`. Throws a TypeError on cyclic structures. Recursive: fine for anything parsed with
 * the default depth limit, not for values nested tens of thousands deep.
 */
export function stringifyJson(value: unknown, indent?: number | string): string {
  let gap = "";
  if (typeof indent === "number") gap = " ".repeat(Math.max(0, Math.min(10, Math.floor(indent))));
  else if (typeof indent === "string") gap = indent.slice(0, 10);
  const seen: object[] = [];
  return write(value, "", gap, seen) ?? "null";
}

function write(value: unknown, current: string, gap: string, seen: object[]): string | undefined {
  if (value !== null && (typeof value === "object" || typeof value === "bigint")) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") value = toJSON.call(value, "");
  }
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return "null";
  if (value instanceof JsonFloat) return value.raw;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return write(value.valueOf(), current, gap, seen);
  }
  if (seen.includes(value)) throw new TypeError("stringifyJson: cyclic structure");
  seen.push(value);
  const inner = current + gap;
  const sep = gap ? `,\n${inner}` : ",";
  let out: string;
  if (Array.isArray(value)) {
    if (value.length === 0) out = "[]";
    else {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) parts.push(write(value[i], inner, gap, seen) ?? "null");
      out = gap ? `[\n${inner}${parts.join(sep)}\n${current}]` : `[${parts.join(",")}]`;
    }
  } else {
    const parts: string[] = [];
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = write(obj[key], inner, gap, seen);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}${gap ? ": " : ":"}${v}`);
    }
    if (parts.length === 0) out = "{}";
    else out = gap ? `{\n${inner}${parts.join(sep)}\n${current}}` : `{${parts.join(",")}}`;
  }
  seen.pop();
  return out;
}
