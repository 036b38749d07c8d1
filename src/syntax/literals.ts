/**
 * Literal tokens as Milvus's Go planner (internal/parser/planparserv2) decodes them, and the
 * inverse: quoting a value so that Milvus decodes it back exactly. Pure functions.
 *
 * What Milvus does, and what this module reproduces:
 * - String literal: the whole token (prefix included) is rewritten into a Go double-quoted literal
 *   (between the token's first and last characters, `\'` loses its backslash and a bare `"` gains one)
 *   and passed to Go `strconv.Unquote`. So `\'` and `\"` work in both quote styles, everything else
 *   follows Go's escape rules, and an encoding prefix is treated as content: its first character is
 *   dropped and the rest, plus the opening quote, lands in the value (`u8"ab"` is `8"ab`).
 * - Go strings are bytes: `\xhh` and octal escapes insert raw bytes that may not be UTF-8. The value
 *   here is those bytes read the way Go reads them (`[]rune`, `encoding/json`): each byte that does
 *   not start a valid UTF-8 sequence becomes one U+FFFD. `invalidUtf8` is set when that happened:
 *   the parser accepts it, but the value is not what the user wrote, and sending the plan on (a
 *   proto3 string field, which must be UTF-8) is likely to fail, so a checker should warn.
 * - A lone surrogate in the source text becomes U+FFFD, as the client's UTF-8 encoder sends it.
 * - JSON-path key: quotes stripped, never unescaped, only `\uXXXX` decoded (not in raw keys; a
 *   surrogate code decodes to U+FFFD). Milvus splits the whole path text on `][` first, so a key
 *   containing `][` is broken; the empty key is rejected.
 * - Regex pattern from a normal string: only `\<quote>` and `\\` are unescaped.
 */
import { requireCall } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";
import { INT64_MAX, INT64_MIN } from "../util/int64.js";

export type LiteralError = { ok: false; error: string; offset?: number };
export type StringResult = { ok: true; value: string; invalidUtf8?: boolean } | LiteralError;
export type TextResult = { ok: true; value: string } | LiteralError;
export type FloatResult = { ok: true; value: number } | LiteralError;

export { INT64_MAX, INT64_MIN };
export function fitsInt64(v: bigint): boolean {
  return v >= INT64_MIN && v <= INT64_MAX;
}

const ACCEPTED = "Milvus accepts \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\' \\ooo \\xhh \\uhhhh \\Uhhhhhhhh";
const PREFIXED = /^(u8|u|U|L)?(["'])/;
/** Anything that needs the full decoder: escapes, line breaks, surrogates. */
const PLAIN_SLOW = /[\\\r\n\uD800-\uDFFF]/;
const SIMPLE: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'" };
const HEX = /^[0-9a-fA-F]+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const fail = (error: string, offset?: number): LiteralError => (offset === undefined ? { ok: false, error } : { ok: false, error, offset });
const HAS_SURROGATE = /[\uD800-\uDFFF]/;
const wellFormed = (s: string): string => (HAS_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, "\uFFFD") : s);
const isSurrogate = (cp: number): boolean => cp >= 0xd800 && cp <= 0xdfff;
const hex = (cp: number, width: number): string => cp.toString(16).padStart(width, "0");

/** Bytes to text the way Go's utf8.DecodeRune walks them: one U+FFFD per byte that starts no valid sequence. */
function goBytesToString(b: readonly number[]): { text: string; bad: boolean } {
  let text = "";
  let bad = false;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      text += String.fromCharCode(c);
      i++;
      continue;
    }
    let n = -1;
    let cp = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) [n, cp] = [1, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [n, cp, lo, hi] = [2, c & 0x0f, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf];
    else if (c >= 0xf0 && c <= 0xf4) [n, cp, lo, hi] = [3, c & 0x07, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf];
    let ok = n > 0 && i + n < b.length;
    for (let k = 1; ok && k <= n; k++) {
      const t = b[i + k];
      ok = k === 1 ? t >= lo && t <= hi : t >= 0x80 && t <= 0xbf;
      cp = (cp << 6) | (t & 0x3f);
    }
    if (ok) {
      text += String.fromCodePoint(cp);
      i += n + 1;
    } else {
      text += "\uFFFD";
      bad = true;
      i++;
    }
  }
  return { text, bad };
}

/** Characters that end a run of plain characters in a string body. */
const RUN_STOP = new Set(["\\", "\n", "\r", '"', "'"]);

/**
 * Decode a `StringLiteral` token (optional `u8`/`u`/`U`/`L` prefix, then `"…"` or `'…'`) to the
 * value Milvus compares against. Errors are the escapes Go's `strconv.Unquote` rejects; `offset` is
 * the index in `raw` of the offending backslash.
 */
export function decodeStringLiteral(raw: string): StringResult {
  // Fast path for the common case: a plain quoted string with no escapes and no surrogates.
  const first = raw.charCodeAt(0);
  if ((first === 34 || first === 39) && raw.length >= 2 && raw.charCodeAt(raw.length - 1) === first) {
    const body = raw.slice(1, -1);
    if (!PLAIN_SLOW.test(body) && body.indexOf(raw[0]!) < 0) return { ok: true, value: body };
  }
  const m = PREFIXED.exec(raw);
  const q = m?.[2];
  if (!m || !q || raw.length < m[0].length + 1 || raw[raw.length - 1] !== q) return fail(`not a string literal: ${raw}`);
  const prefix = m[1] ?? "";
  const src = wellFormed(raw);
  const start = m[0].length;
  const end = raw.length - 1;
  const body = src.slice(start, end);
  if (!prefix && !/[\\\r\n]/.test(body) && !body.includes(q)) return { ok: true, value: body };

  let out = prefix ? prefix.slice(1) + q : "";
  let bad = false;
  const bytes: number[] = [];
  const emit = (s: string): void => {
    if (bytes.length > 0) {
      const r = goBytesToString(bytes);
      out += r.text;
      bad ||= r.bad;
      bytes.length = 0;
    }
    out += s;
  };
  for (let i = start; i < end; ) {
    const c = src[i];
    if (c === q) return fail(`unescaped ${q} inside a ${q}-quoted string`, i);
    if (c === "\n" || c === "\r") return fail("a string cannot contain a raw line break; write \\n or \\r", i);
    if (c !== "\\") {
      // Copy the run up to the next character that needs a look (one slice, not one per character).
      let j = i + 1;
      while (j < end && !RUN_STOP.has(src[j]!)) j++;
      emit(src.slice(i, j));
      i = j;
      continue;
    }
    if (i + 1 >= end) return fail("the string ends with a lone backslash", i);
    const e = src[i + 1];
    if (SIMPLE[e] !== undefined) {
      emit(SIMPLE[e]);
      i += 2;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const digits = src.slice(i + 2, Math.min(i + 2 + n, end));
      if (digits.length < n || !HEX.test(digits)) {
        return fail(`invalid escape '\\${e}${digits}' in string: \\${e} must be followed by exactly ${n} hex digits`, i);
      }
      const v = parseInt(digits, 16);
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || isSurrogate(v)) {
        const why = isSurrogate(v) ? "a UTF-16 surrogate is" : "values above \\U0010ffff are";
        return fail(`invalid escape '\\${e}${digits}' in string: ${why} not a Unicode character`, i);
      } else emit(String.fromCodePoint(v));
      i += 2 + n;
    } else if (e >= "0" && e <= "7") {
      const digits = src.slice(i + 1, Math.min(i + 4, end));
      if (!/^[0-7]{3}$/.test(digits)) {
        return fail(`invalid escape '\\${digits}' in string: an octal escape needs exactly 3 octal digits (\\000 to \\377)`, i);
      }
      const v = parseInt(digits, 8);
      if (v > 0o377) return fail(`invalid escape '\\${digits}' in string: octal escapes stop at \\377`, i);
      bytes.push(v);
      i += 4;
    } else if (e === "\n" || e === "\r") {
      return fail("a backslash at the end of a line (line continuation) is not allowed in a string", i);
    } else {
      return fail(`invalid escape '\\${String.fromCodePoint(src.codePointAt(i + 1) ?? 0)}' in string: ${ACCEPTED}`, i);
    }
  }
  emit("");
  return bad ? { ok: true, value: out, invalidUtf8: true } : { ok: true, value: out };
}

/** `r"…"` / `R'…'`: the content verbatim (a backslash before the delimiter stays, with it). */
export function decodeRawString(raw: string): string {
  if (!/^[rR](["'])/.test(raw) || raw.length < 3 || raw[raw.length - 1] !== raw[1]) {
    throw new SyntaxError(`not a raw string literal: ${raw}`);
  }
  return wellFormed(raw.slice(2, -1));
}

/**
 * A quoted key that needs none of decodeJsonKey's checks: quotes at both ends, something between them,
 * and no backslash, surrogate or `][` inside.
 */
function isPlainKey(raw: string): boolean {
  const q = raw.charCodeAt(0);
  const last = raw.length - 1;
  if ((q !== 34 && q !== 39) || last < 2 || raw.charCodeAt(last) !== q) return false;
  for (let i = 1; i < last; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92 || (c & 0xf800) === 0xd800 || (c === 93 && raw.charCodeAt(i + 1) === 91)) return false;
  }
  return true;
}

/** The path key Milvus takes from a `["k"]` / `['k']` / `[r"k"]` key token. */
export function decodeJsonKey(raw: string, kind: "string" | "raw"): TextResult {
  if (kind === "string" && isPlainKey(raw)) return { ok: true, value: raw.slice(1, -1) };
  let content: string;
  if (kind === "raw") {
    content = decodeRawString(raw);
  } else {
    if (/^(u8|u|U|L)["']/.test(raw)) {
      return fail(`json key must be enclosed in double quotes or single quotes: ${raw} (Milvus does not allow an encoding prefix on a key)`);
    }
    if (raw.length < 2 || (raw[0] !== '"' && raw[0] !== "'") || raw[raw.length - 1] !== raw[0]) return fail(`not a string literal: ${raw}`);
    content = wellFormed(raw.slice(1, -1));
  }
  if (content === "") return fail(`empty JSON key ${raw}: Milvus rejects it as an invalid identifier`);
  const split = content.indexOf("][");
  if (split >= 0) {
    return fail(
      `JSON key ${raw} contains "][", where Milvus splits the path into keys` +
        (kind === "string" ? "; write the [ as \\u005b" : "; use a normal string key and write the [ as \\u005b"),
      split + (kind === "raw" ? 2 : 1),
    );
  }
  if (kind === "raw" || !content.includes("\\")) return { ok: true, value: content };
  const value = content.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => {
    const cp = parseInt(h, 16);
    return isSurrogate(cp) ? "\uFFFD" : String.fromCharCode(cp);
  });
  return { ok: true, value };
}

/**
 * The RE2 pattern Milvus takes from the right-hand side of `=~` / `!~`. A normal string only loses
 * the backslash of `\<quote>` and `\\`; a raw string is verbatim. An encoding prefix is an error
 * (Milvus: `invalid string literal`).
 * Caveat (pipeline level, not decided here): before lexing, Milvus rewrites Han characters outside
 * raw strings to `\uXXXX`, which this path then keeps and RE2 rejects; raw strings avoid it.
 */
export function regexPatternValue(raw: string, kind: "string" | "raw"): TextResult {
  if (kind === "raw") return { ok: true, value: decodeRawString(raw) };
  const q = raw[0];
  if ((q !== '"' && q !== "'") || raw.length < 2 || raw[raw.length - 1] !== q) {
    return fail(`invalid string literal: ${raw} (a regex pattern cannot have an encoding prefix)`);
  }
  const inner = wellFormed(raw.slice(1, -1));
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "\\" && i + 1 < inner.length) {
      const n = inner[++i];
      out += n === q || n === "\\" ? n : c + n;
    } else out += c;
  }
  return { ok: true, value: out };
}

/** Go `strconv.ParseInt(raw, 0, 64)` base rules, but the exact value even past int64 (see fitsInt64). */
export function parseIntegerLiteral(raw: string): bigint {
  if (/^0(?:[xX][0-9a-fA-F]+|[bB][01]+|[oO][0-7]+)$/.test(raw)) return BigInt(raw);
  if (/^0[0-7]+$/.test(raw)) return BigInt(`0o${raw.slice(1)}`);
  if (/^(?:0|[1-9][0-9]*)$/.test(raw)) return BigInt(raw);
  throw new SyntaxError(`invalid integer literal: ${raw}`);
}

const DEC_FLOAT = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX_FLOAT = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/;

/** m × 2^e rounded to the nearest double, ties to even (what Go's hex float parsing does). */
function scaleToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const top = m.toString(2).length - 1 + e; // exponent of the leading bit
  if (top > 1023) return Infinity;
  if (top < -1075) return 0;
  const lsb = Math.max(top - 52, -1074); // weight of the last bit a double keeps
  const shift = lsb - e;
  let q: bigint;
  if (shift <= 0) q = m << BigInt(-shift);
  else {
    const s = BigInt(shift);
    q = m >> s;
    const rem = m - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  return Number(q) * 2 ** lsb; // exact; overflows to Infinity only when rounding carries past 2^1024
}

/**
 * Go `strconv.ParseFloat(raw, 64)` for a `FloatingConstant` token: decimal (`1.`, `.5`, `08.5`,
 * `1e10`) or hex (`0x1.8p1`), correctly rounded. Overflow is an error (Go's ErrRange); underflow
 * quietly gives 0 or a subnormal, as in Go.
 */
export function parseFloatLiteral(raw: string): FloatResult {
  let value: number;
  if (DEC_FLOAT.test(raw)) value = Number(raw);
  else {
    const m = HEX_FLOAT.exec(raw);
    const int = m?.[1] ?? "";
    const frac = m?.[2] ?? "";
    if (!m || int + frac === "") return fail(`invalid floating-point literal: ${raw}`);
    const digits = (int + frac).replace(/^0+/, "");
    const exp = Number(m[3]) - 4 * frac.length;
    value = digits === "" ? 0 : scaleToDouble(BigInt(`0x${digits}`), exp);
  }
  if (!Number.isFinite(value)) return fail(`value out of range: ${raw} is too large for a 64-bit float`);
  return { ok: true, value };
}

/**
 * A value no Milvus literal can hold. Still the documented RangeError, with the code
 * `usage/bad-argument` so that callers (and every output) can name the problem like any other.
 */
function unwritable(message: string): RangeError {
  return Object.assign(new RangeError(message), { code: "usage/bad-argument" as const });
}

function checkWellFormed(value: string, what: string): void {
  LONE_SURROGATE.lastIndex = 0;
  const m = LONE_SURROGATE.exec(value);
  if (m) {
    throw unwritable(
      `${what} contains a lone UTF-16 surrogate (\\u${hex(m[0].charCodeAt(0), 4)} at index ${m.index}); Milvus strings are UTF-8 and cannot hold it`,
    );
  }
}

const NAMED: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\" };
const HAN = /\p{Script=Han}/u;
/** Control characters, C1 controls and the two Unicode line/paragraph separators: escaped for legibility. */
const invisible = (cp: number): boolean => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029;
/**
 * Milvus rewrites every Han character outside raw strings into a 4-hex-digit `\u` escape before
 * lexing, truncating code points above U+FFFF (U+20000 becomes `\u0000`). So those must not appear
 * literally in a normal string or key token.
 */
const astralHan = (ch: string): boolean => ch.length === 2 && HAN.test(ch);

/**
 * One canonical Milvus string literal (double quotes) for `value`, round-tripping through
 * decodeStringLiteral. Escapes: `\\`, `\"`, the named controls `\a \b \t \n \v \f \r`, other ASCII
 * controls and DEL as `\xhh`, C1 controls and U+2028/U+2029 as `\uhhhh`, Han characters above
 * U+FFFF as `\Uhhhhhhhh` (see astralHan). Everything else, including other non-ASCII, is kept.
 * Throws RangeError for a lone surrogate, which no Milvus string can hold.
 */
export function quoteString(value: string): string {
  if (typeof value !== "string") requireCall("quoteString", SPECS.quoteString, [value]);
  checkWellFormed(value, "string");
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (NAMED[cp] !== undefined) out += NAMED[cp];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (invisible(cp)) out += `\\u${hex(cp, 4)}`;
    else if (astralHan(ch)) out += `\\U${hex(cp, 8)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The raw form `r"…"` (or `r'…'`) of `value`, or undefined when no raw literal holds it verbatim. */
function rawForm(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return undefined;
  for (const q of ['"', "'"]) {
    let i = 0;
    while (i < value.length && value[i] !== q) i += value[i] === "\\" ? 2 : 1;
    if (i === value.length) return `r${q}${value}${q}`; // i overshoots on a trailing lone backslash
  }
  return undefined;
}

/**
 * `r"…"` / `r'…'` (Milvus 3.0+) holding `value` verbatim. Throws RangeError when no raw literal can:
 * a line break, an odd run of backslashes at the end, or a quote of each kind not preceded by a
 * backslash.
 */
export function quoteRawString(value: string): string {
  checkWellFormed(value, "string");
  const r = rawForm(value);
  if (r === undefined) {
    throw unwritable(
      "no raw string literal can hold this value verbatim (it has a line break, ends in an odd number " +
        "of backslashes, or has both quote kinds unescaped); use quoteString",
    );
  }
  return r;
}

/** A key character Milvus must receive as a `\uXXXX` escape in a normal key token. */
function keyNeedsEscape(ch: string, prev: string | undefined, q: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return ch === q || invisible(cp) || (ch === "[" && prev === "]");
}

/**
 * The canonical key token for a JSON path (`"k"`, or `'k'` when the key has `"` but no `'`) such
 * that decodeJsonKey returns `value`. Milvus does not unescape keys, so a backslash is written
 * as-is when the next character makes it a valid escape for every Milvus lexer (`'"?abfnrtv\`),
 * else as `\u005c`; the delimiter, control characters and the `[` of `][` are written as `\uXXXX`.
 * Throws RangeError for the empty key, a lone surrogate, and (unless `allowRaw`, which then returns
 * a Milvus 3.0+ raw key `r"k"`) a Han character above U+FFFF, which Milvus corrupts before lexing.
 */
export function quoteJsonKey(value: string, allowRaw = false): string {
  if (typeof value !== "string" || typeof allowRaw !== "boolean") requireCall("quoteJsonKey", SPECS.quoteJsonKey, [value, allowRaw]);
  if (value === "") throw unwritable('the empty JSON key cannot be written: Milvus rejects [""] as an invalid identifier');
  checkWellFormed(value, "JSON key");
  const cps = Array.from(value);
  if (cps.some(astralHan)) {
    const r = allowRaw && !value.includes("][") ? rawForm(value) : undefined;
    if (r !== undefined) return r;
    throw unwritable(
      `JSON key ${JSON.stringify(value)} has a Han character above U+FFFF, which Milvus rewrites to a wrong \\u escape before lexing; ` +
        (allowRaw ? "and no raw key r\"…\" can hold this key either" : "only a raw key r\"…\" (Milvus 3.0+, allowRaw) can express it"),
    );
  }
  const q = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = q;
  cps.forEach((ch, i) => {
    const next = cps[i + 1];
    if (keyNeedsEscape(ch, cps[i - 1], q)) out += `\\u${hex(ch.codePointAt(0) ?? 0, 4)}`;
    else if (ch !== "\\") out += ch;
    else {
      const nextOut = next === undefined ? "" : next === "\\" || keyNeedsEscape(next, ch, q) ? "\\" : next;
      out += nextOut !== "" && `'"?abfnrtv\\`.includes(nextOut) ? "\\" : "\\u005c";
    }
  });
  return out + q;
}

/**
 * A literal token whose regex pattern (regexPatternValue) is exactly `pattern`. Regex needs Milvus
 * 3.0+, which has raw strings, so the raw form is preferred (`r"\d+"`); a pattern with both quote
 * kinds unescaped falls back to a normal string (`\` doubled, `"` escaped), subject to the Han
 * caveat on regexPatternValue. Throws RangeError for a raw CR or LF (write `\n` / `\r` in the
 * pattern: RE2 reads them as the same characters) and for a lone surrogate.
 */
export function quoteRegexPattern(pattern: string): string {
  checkWellFormed(pattern, "regex pattern");
  if (/[\r\n]/.test(pattern)) {
    throw unwritable("a regex pattern with a raw line break cannot be written as a Milvus literal; write \\n or \\r in the pattern instead");
  }
  return rawForm(pattern) ?? `"${pattern.replace(/[\\"]/g, "\\$&")}"`;
}

/** Escape `%`, `_` and `\` so the LIKE pattern matches `value` literally (a pattern value: pass it to quoteString). */
export function escapeLikePattern(value: string): string {
  if (typeof value !== "string") requireCall("escapeLikePattern", SPECS.escapeLikePattern, [value]);
  return value.replace(/[\\%_]/g, "\\$&");
}
