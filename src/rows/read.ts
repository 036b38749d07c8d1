/**
 * JSONL rows, read losslessly.
 *
 * Each non-blank line is one JSON object (a row as Milvus query output shows it). Values come from
 * src/util/json.ts: integers beyond 2^53 are exact bigints (9007199254740993 stays
 * 9007199254740993), floats are tagged `JsonFloat`s that remember they were written with a
 * fraction or exponent (so `2.0` in a JSON field stays a double, as Milvus stores it), objects have
 * no prototype (keys like `__proto__` are plain data). Each record keeps its line exactly as read,
 * so a caller can print matching rows unchanged, and the primary key's exact text.
 */
import { formatFieldType, isIntegerType, type CollectionSchema } from "../schema/index.js";
import { int64RangeProblem } from "./coerce.js";
import { isJsonFloat, parseJson, parseJsonLines, type JsonParseOptions } from "../util/json.js";
import type { Row } from "./access.js";
import { checkCall, requireCall, is, usageMessage, type UsageCode, type UsageProblem } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";

const CHUNK = is.either(is.string, is.instance(Uint8Array, "a Uint8Array"));

export interface RowRecord {
  readonly ok: true;
  /** 1-based line number in the input. */
  readonly line: number;
  /** UTF-16 offset of the line's first character in the whole input (string input only; -1 for streams). */
  readonly offset: number;
  /** The line as read, without its terminator. */
  readonly text: string;
  readonly row: Row;
  /**
   * The primary key's text when the schema has a primary key and the row holds it: an integer
   * key's digits exactly as written, a string key's value. Undefined otherwise.
   */
  readonly id?: string;
  /**
   * Values the schema's typed columns cannot hold, read as NULL (with a schema only): one message
   * per field, e.g. an integer outside the int64 range. The row is still evaluated.
   */
  readonly warnings?: readonly string[];
}

export interface RowError {
  readonly ok: false;
  readonly line: number;
  readonly offset: number;
  readonly text: string;
  /** 1-based column (UTF-16 units) of the problem within the line. */
  readonly column: number;
  readonly message: string;
  /** `usage/*` when the call itself was misused (then `line` is 0 and nothing was read). */
  readonly code?: UsageCode;
}

/** A misused call's one answer. */
function usageRow(p: UsageProblem): RowError {
  return { ok: false, line: 0, offset: 0, text: "", column: 0, message: usageMessage(p), code: p.code };
}

export interface ReadRowsOptions {
  /** Used to extract the primary key (`id`). */
  readonly schema?: CollectionSchema;
  /** Deepest JSON nesting accepted in a row (default 1000). */
  readonly maxDepth?: number;
}

// A key twice in a row is an error naming the key: which value Milvus would see is not clear.
const parseOptions = (o: ReadRowsOptions | undefined): JsonParseOptions => ({
  floats: "tagged",
  duplicateKeys: "error",
  ...(o?.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {}),
});

const isObject = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v) && !isJsonFloat(v);

/** The primary key of `row` as exact text (see RowRecord.id). */
export function primaryKeyText(row: Row, schema: CollectionSchema | undefined): string | undefined {
  requireCall("primaryKeyText", SPECS.primaryKeyText, [row, schema]);
  return keyText(row, schema);
}

/** primaryKeyText without the argument check, for rows this module made. */
function keyText(row: Row, schema: CollectionSchema | undefined): string | undefined {
  const pk = schema?.primaryKey;
  if (pk === undefined || !Object.hasOwn(row, pk.name)) return undefined;
  const v = row[pk.name];
  switch (typeof v) {
    case "string":
      return v;
    case "bigint":
      return v.toString();
    case "number":
      // A JSON integer literal has no leading zeros or '+', so String() gives back its digits.
      return Object.is(v, -0) ? "-0" : Number.isFinite(v) ? String(v) : undefined;
    case "object":
      return v !== null && isJsonFloat(v) ? v.raw : undefined;
    default:
      return undefined;
  }
}

function record(line: number, offset: number, text: string, value: unknown, schema: CollectionSchema | undefined): RowRecord | RowError {
  if (!isObject(value)) {
    return { ok: false, line, offset, text, column: 1, message: "a row must be a JSON object" };
  }
  const id = keyText(value, schema);
  const warnings = schema ? rangeWarnings(value, schema) : undefined;
  return { ok: true, line, offset, text, row: value, ...(id !== undefined ? { id } : {}), ...(warnings ? { warnings } : {}) };
}

/** Integer columns (scalars and array elements) whose values are outside int64; undefined when none. */
function rangeWarnings(row: Row, schema: CollectionSchema): string[] | undefined {
  let out: string[] | undefined;
  for (const f of schema.fields) {
    if (!Object.hasOwn(row, f.name)) continue;
    const v = row[f.name];
    let why: string | undefined;
    if (isIntegerType(f.dataType)) why = int64RangeProblem(v);
    else if (f.dataType === "Array" && isIntegerType(f.elementType) && Array.isArray(v)) {
      const i = v.findIndex((e) => int64RangeProblem(e) !== undefined);
      if (i >= 0) why = `element ${i}: ${int64RangeProblem(v[i])}`;
    }
    if (why !== undefined) (out ??= []).push(`field "${f.name}" (${formatFieldType(f)}): ${why}`);
  }
  return out;
}

/** Rows of a whole JSONL text. Lines end at LF, CRLF or CR; blank lines are skipped; a leading BOM is ignored. */
export function* readRows(text: string, options?: ReadRowsOptions): Generator<RowRecord | RowError, void, undefined> {
  const usage = checkCall("readRows", SPECS.readRows, [text, options]);
  if (!usage.ok) return yield usageRow(usage.problem);
  options = usage.args[1] as ReadRowsOptions | undefined;
  for (const l of parseJsonLines(text, parseOptions(options))) {
    if (l.ok) yield record(l.line, l.offset, l.text, l.value, options?.schema);
    else yield { ok: false, line: l.line, offset: l.offset, text: l.text, column: l.error.column, message: l.error.message };
  }
}

/**
 * Rows from a stream of chunks (e.g. `process.stdin`), without holding the whole input: each
 * line is parsed as soon as it is complete. Bytes are decoded as UTF-8.
 */
export async function* readRowStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options?: ReadRowsOptions,
): AsyncGenerator<RowRecord | RowError, void, undefined> {
  const usage = checkCall("readRowStream", SPECS.readRowStream, [chunks, options]);
  if (!usage.ok) return yield usageRow(usage.problem);
  options = usage.args[1] as ReadRowsOptions | undefined;
  const decoder = new TextDecoder("utf-8");
  const opts = parseOptions(options);
  let pending = "";
  let lineNo = 0;
  let first = true;
  let lastWasCR = false;
  const emit = (line: string): RowRecord | RowError | undefined => {
    lineNo++;
    if (first) {
      first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (/^[ \t]*$/.test(line)) return undefined;
    const r = parseJson(line, opts);
    if (r.ok) return record(lineNo, -1, line, r.value, options?.schema);
    return { ok: false, line: lineNo, offset: -1, text: line, column: r.error.column, message: r.error.message };
  };
  const drain = function* (final: boolean): Generator<RowRecord | RowError> {
    let start = 0;
    for (let i = 0; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c === 10 && lastWasCR && i === start) {
        // The LF of a CRLF split across chunks.
        lastWasCR = false;
        start = i + 1;
        continue;
      }
      lastWasCR = false;
      if (c === 10 || c === 13) {
        const out = emit(pending.slice(start, i));
        if (out) yield out;
        if (c === 13) {
          if (i + 1 < pending.length) {
            if (pending.charCodeAt(i + 1) === 10) i++;
          } else lastWasCR = true;
        }
        start = i + 1;
      }
    }
    pending = pending.slice(start);
    if (final && pending.length > 0) {
      const out = emit(pending);
      pending = "";
      if (out) yield out;
    }
  };
  for await (const chunk of chunks) {
    if (typeof chunk !== "string" && !(chunk instanceof Uint8Array)) {
      const bad = checkCall("readRowStream", [{ name: "a chunk", rule: CHUNK }], [chunk]);
      if (!bad.ok) return yield usageRow(bad.problem);
    }
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    yield* drain(false);
  }
  pending += decoder.decode();
  yield* drain(true);
}
