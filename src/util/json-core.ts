/**
 * Shared pieces of the JSON reader: the value model, the error type, and the lexer primitives
 * (strings, numbers, whitespace) used by both the value parser (json.ts) and the span-preserving
 * tree parser (json-tree.ts). Import the public API from `./json.js`; see its header comment.
 */

// ---------------------------------------------------------------- value model

/** A parsed JSON value. Objects have a null prototype: read members with `Object.hasOwn`. */
export type JsonValue = null | boolean | string | number | bigint | JsonValue[] | JsonObject;

/** A JSON object: created with `Object.create(null)`, so every key (even `__proto__`) is own data. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The value model with `{ floats: "tagged" }`: literals with a fraction or exponent are `JsonFloat`. */
export type JsonTaggedValue =
  | null
  | boolean
  | string
  | number
  | bigint
  | JsonFloat
  | JsonTaggedValue[]
  | JsonTaggedObject;

export interface JsonTaggedObject {
  [key: string]: JsonTaggedValue;
}

/**
 * A number literal written with a fraction and/or an exponent (`1.0`, `2e3`), as returned with
 * `{ floats: "tagged" }`. `value` is the nearest double, `raw` the literal exactly as written.
 * Being a class instance, it is told apart from a (null-prototype) JSON object by `instanceof`
 * or `isJsonFloat`.
 */
export class JsonFloat {
  readonly kind = "float" as const;
  constructor(
    readonly value: number,
    readonly raw: string,
  ) {}

  /** A float from a double; integral values get a `.0` so they print (and re-read) as floats. */
  static from(value: number): JsonFloat {
    if (!Number.isFinite(value)) throw new RangeError(`JSON has no literal for ${value}`);
    const s = Object.is(value, -0) ? "-0" : String(value);
    return new JsonFloat(value, /[.eE]/.test(s) ? s : `${s}.0`);
  }

  toString(): string {
    return this.raw;
  }
}

export function isJsonFloat(value: unknown): value is JsonFloat {
  return value instanceof JsonFloat;
}

/** Where and why a parse failed. `offset` is a UTF-16 index into the input; line and column are 1-based. */
export interface JsonError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  /** 1-based, counted in UTF-16 code units (as `Source` in src/diag/source.ts). */
  readonly column: number;
  /** Set when the input was rejected for a repeated object key (`duplicateKeys: "error"`): that key. */
  readonly duplicateKey?: string;
}

export type JsonResult<V> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly error: JsonError };

export interface JsonParseOptions {
  /**
   * How to return numbers written without fraction or exponent. `"auto"` (default): a `number`
   * when it lies in the safe-integer range (|n| <= 2^53 - 1), else an exact `bigint`.
   * `"bigint"`: always a `bigint` (`-0` becomes `0n`).
   */
  integers?: "auto" | "bigint";
  /** `"number"` (default): floats are plain doubles. `"tagged"`: floats are `JsonFloat`. */
  floats?: "number" | "tagged";
  /** Maximum nesting of arrays/objects (default 1000); deeper input is a parse error. */
  maxDepth?: number;
  /**
   * A key repeated in one object: `"last"` (default) keeps the last value, as `JSON.parse` does;
   * `"error"` fails at the repeated key, with `duplicateKey` set on the error. Checked in constant
   * time per key (a hash lookup), so parsing stays linear.
   */
  duplicateKeys?: "last" | "error";
}

export const DEFAULT_MAX_DEPTH = 1000;

// ---------------------------------------------------------------- objects

/**
 * Objects are filled while their prototype is this empty, frozen, null-prototype object and get
 * a null prototype once complete (`finishObject`). Nothing in the chain has a `__proto__`
 * accessor or any other property, so every assignment creates an own data property; and V8
 * keeps such objects in fast mode, unlike objects born from `Object.create(null)`.
 */
const OBJECT_BASE: object = Object.freeze(Object.create(null));

export function newObject<V>(): Record<string, V> {
  return Object.create(OBJECT_BASE) as Record<string, V>;
}

export function finishObject(obj: object): void {
  Object.setPrototypeOf(obj, null);
}

// ---------------------------------------------------------------- errors

/** Internal: thrown by the lexer/parsers and turned into a `JsonError` at the API boundary. */
export class JsonSyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly duplicateKey?: string,
  ) {}
}

export function fail(message: string, offset: number): never {
  throw new JsonSyntaxFailure(message, offset);
}

/** Fails at the second occurrence of `key` (at `offset`) in one object. */
export function failDuplicateKey(key: string, offset: number): never {
  const shown = key.length > 60 ? `${JSON.stringify(key.slice(0, 57)).slice(0, -1)}..."` : JSON.stringify(key);
  throw new JsonSyntaxFailure(`Duplicate key ${shown}: each key may appear only once in an object`, offset, key);
}

/** 1-based line and column of `offset`; LF, CRLF and a lone CR each end a line. */
export function lineColumn(text: string, offset: number, from = 0): { line: number; column: number } {
  let line = 1;
  let lineStart = from;
  const end = Math.min(offset, text.length);
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        if (i + 1 >= end) break; // offset is the LF of a CRLF: still on this line
        i++;
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Converts whatever a parser threw into a `JsonError` (never rethrows). */
export function toJsonError(text: string, thrown: unknown, fallbackOffset: number): JsonError {
  let message: string;
  let offset: number;
  if (thrown instanceof JsonSyntaxFailure) {
    message = thrown.message;
    offset = thrown.offset;
    if (thrown.duplicateKey !== undefined) {
      offset = Math.max(0, Math.min(offset, text.length));
      return { message, offset, ...lineColumn(text, offset), duplicateKey: thrown.duplicateKey };
    }
  } else {
    // e.g. a RangeError for a string beyond the engine's maximum length
    message = `Cannot parse JSON: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
    offset = fallbackOffset;
  }
  offset = Math.max(0, Math.min(offset, text.length));
  const { line, column } = lineColumn(text, offset);
  return { message, offset, line, column };
}

/** A readable rendering of the character at `offset` for error messages. */
export function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return "end of input";
  const cp = text.codePointAt(offset)!;
  const ch = String.fromCodePoint(cp);
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `character ${JSON.stringify(ch)}`;
}

/** The error for a character that cannot start a value. */
export function failUnexpectedValue(text: string, pos: number): never {
  if (pos >= text.length) fail("Unexpected end of input: expected a value", pos);
  const c = text.charCodeAt(pos);
  if (c === 47 /* / */ && (text.charCodeAt(pos + 1) === 47 || text.charCodeAt(pos + 1) === 42)) {
    fail("Comments are not allowed in JSON", pos);
  }
  if (c === 39 /* ' */) fail("Strings must use double quotes", pos);
  if (text.startsWith("NaN", pos) || text.startsWith("Infinity", pos)) {
    fail(`${text.startsWith("NaN", pos) ? "NaN" : "Infinity"} is not a valid JSON value`, pos);
  }
  if (c === 43 /* + */ || c === 46 /* . */) fail("Invalid number: expected '-' or a digit", pos);
  fail(`Unexpected ${describeAt(text, pos)}: expected a value`, pos);
}

/** After a complete value at top level: only whitespace may follow. */
export function checkTrailing(text: string, pos: number, end: number): void {
  let c = text.charCodeAt(pos);
  while (pos < end && (c === 32 || c === 10 || c === 13 || c === 9)) c = text.charCodeAt(++pos);
  if (pos < end) fail(`Unexpected ${describeAt(text, pos)} after the JSON value`, pos);
}

// ---------------------------------------------------------------- lexer

/** Position just past the last token scanned by `scanString`/`scanNumber`/`scanLiteral`. */
export let scanEnd = 0;
/** Whether the last number scanned had a fraction or an exponent. */
export let scanIsFloat = false;

const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10.push(p);

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Decodes the string literal whose opening quote is at `pos`; sets `scanEnd`. */
export function scanString(text: string, pos: number): string {
  const len = text.length;
  let i = pos + 1;
  let c = 0;
  // fast path: no escapes
  while (i < len) {
    c = text.charCodeAt(i);
    if (c === 34 || c === 92 || c < 32) break;
    i++;
  }
  if (c === 34 && i < len) {
    scanEnd = i + 1;
    return text.slice(pos + 1, i);
  }
  let out = "";
  let chunk = pos + 1;
  for (;;) {
    if (i >= len) fail("Unterminated string", pos);
    c = text.charCodeAt(i);
    if (c === 34) {
      scanEnd = i + 1;
      return chunk === i ? out : out + text.slice(chunk, i);
    }
    if (c === 92) {
      if (chunk !== i) out += text.slice(chunk, i);
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case 34:
          out += '"';
          break;
        case 92:
          out += "\\";
          break;
        case 47:
          out += "/";
          break;
        case 98:
          out += "\b";
          break;
        case 102:
          out += "\f";
          break;
        case 110:
          out += "\n";
          break;
        case 114:
          out += "\r";
          break;
        case 116:
          out += "\t";
          break;
        case 117: {
          const a = hexDigit(text.charCodeAt(i + 2));
          const b = hexDigit(text.charCodeAt(i + 3));
          const d = hexDigit(text.charCodeAt(i + 4));
          const f = hexDigit(text.charCodeAt(i + 5));
          if ((a | b | d | f) < 0) fail("Invalid \\u escape: expected four hex digits", i);
          out += String.fromCharCode((a << 12) | (b << 8) | (d << 4) | f);
          i += 4;
          break;
        }
        default:
          if (i + 1 >= len) fail("Unterminated string", pos);
          fail(`Invalid escape sequence '\\${text[i + 1]}'`, i);
      }
      i += 2;
      chunk = i;
      continue;
    }
    if (c < 32) fail("Unescaped control character in string", i);
    i++;
  }
}

/**
 * `scanString` for object keys. Keys repeat (rows of a JSONL file, arrays of records), so
 * short escape-free keys go through a small cache: a hit returns the same string instance,
 * which the engine has already internalized as a property key, instead of a fresh copy.
 * The cache never holds a slice of the input (in V8 a slice of 13+ characters can keep the
 * whole input alive): longer keys are stored as a copy built through a concatenation.
 */
const KEY_CACHE: (string | undefined)[] = new Array(512).fill(undefined);

export function scanKey(text: string, pos: number): string {
  const len = text.length;
  let i = pos + 1;
  let c = 0;
  let h = 0;
  while (i < len) {
    c = text.charCodeAt(i);
    if (c === 34 || c === 92 || c < 32) break;
    h = (h * 31 + c) | 0;
    i++;
  }
  const n = i - pos - 1;
  if (c !== 34 || i >= len || n > 32) return scanString(text, pos);
  scanEnd = i + 1;
  const slot = (h ^ (h >>> 9) ^ n) & 511;
  const cached = KEY_CACHE[slot];
  if (cached !== undefined && cached.length === n && text.startsWith(cached, pos + 1)) return cached;
  const key = text.slice(pos + 1, i);
  KEY_CACHE[slot] = n < 13 ? key : `${key}\u0000`.slice(0, -1);
  return key;
}

/**
 * Scans the number literal at `pos` (RFC 8259 grammar); sets `scanEnd` and `scanIsFloat`.
 * Returns the double for floats; for integers a `number` or `bigint` per `allBigint`.
 */
export function scanNumber(text: string, pos: number, allBigint: boolean): number | bigint {
  let i = pos;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (neg) c = text.charCodeAt(++i);
  const digits = i;
  let n = 0;
  if (c === 48) {
    c = text.charCodeAt(++i);
    if (c >= 48 && c <= 57) fail("Leading zeros are not allowed in numbers", digits);
  } else if (c >= 49 && c <= 57) {
    do {
      n = n * 10 + (c - 48);
      c = text.charCodeAt(++i);
    } while (c >= 48 && c <= 57);
  } else {
    fail(neg ? "Invalid number: expected a digit after '-'" : "Invalid number", i);
  }
  const intDigits = i - digits;
  let isFloat = false;
  let m = n; // significand digits as an integer (exact while sigDigits <= 15)
  let sigDigits = intDigits;
  let exp10 = 0;
  if (c === 46) {
    c = text.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) fail("Invalid number: expected a digit after the decimal point", i);
    do {
      m = m * 10 + (c - 48);
      exp10--;
      c = text.charCodeAt(++i);
    } while (c >= 48 && c <= 57);
    sigDigits -= exp10;
    isFloat = true;
  }
  if (c === 101 || c === 69) {
    c = text.charCodeAt(++i);
    let expNeg = false;
    if (c === 43 || c === 45) {
      expNeg = c === 45;
      c = text.charCodeAt(++i);
    }
    if (!(c >= 48 && c <= 57)) fail("Invalid number: expected a digit in the exponent", i);
    let e = 0;
    do {
      if (e < 1e6) e = e * 10 + (c - 48);
      c = text.charCodeAt(++i);
    } while (c >= 48 && c <= 57);
    exp10 += expNeg ? -e : e;
    isFloat = true;
  }
  scanEnd = i;
  scanIsFloat = isFloat;
  if (isFloat) {
    // Clinger's fast path: an exact significand (< 2^53) times an exact power of ten
    // (|exp| <= 22) is a single correctly rounded operation.
    if (sigDigits <= 15 && exp10 >= -22 && exp10 <= 22) {
      const v = exp10 < 0 ? m / POW10[-exp10] : m * POW10[exp10];
      return neg ? -v : v;
    }
    return Number(text.slice(pos, i));
  }
  if (intDigits <= 15) {
    // exact in a double
    if (allBigint) return BigInt(neg ? -n : n);
    return neg ? -n : n;
  }
  const raw = text.slice(pos, i);
  if (allBigint) return BigInt(raw);
  // Rounding is monotonic and 2^53 is a double, so the rounded value is a safe integer
  // exactly when the written one is.
  const d = Number(raw);
  return Number.isSafeInteger(d) ? d : BigInt(raw);
}

/** Checks the keyword `word` (true/false/null) at `pos`; sets `scanEnd`. */
export function scanLiteral(text: string, pos: number, word: string): void {
  if (!text.startsWith(word, pos)) {
    let i = 1;
    while (i < word.length && text.charCodeAt(pos + i) === word.charCodeAt(i)) i++;
    if (pos + i >= text.length) fail(`Unexpected end of input in '${word}'`, pos + i);
    fail(`Invalid literal: expected '${word}'`, pos);
  }
  scanEnd = pos + word.length;
}

export function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
