/**
 * Hand-written matchers for the string-shaped tokens. A regular expression such as
 * `"(?:[^"\\]|\\.)*"` keeps one backtracking entry per repetition in V8, so a string literal of a
 * few million characters overflowed the stack (RangeError) well below the 16 MiB input limit.
 * These loops scan each character once, use constant stack, and accept exactly what the
 * patterns in the comments accept (the Plan.g4 rules).
 */

const CR = 13;
const LF = 10;
const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;

/** A Chevrotain custom pattern: the matched text as element 0, or null. */
export interface TokenMatcher {
  exec(text: string, offset: number): RegExpExecArray | null;
  toJSON?(): string;
}

function matched(text: string, start: number, end: number): RegExpExecArray {
  return [text.slice(start, end)] as unknown as RegExpExecArray;
}

/**
 * End (exclusive) of the quoted body starting at `i` (just past the opening `quote`), or -1.
 * Normal strings: `(?:[^q\\\r\n]|\\(?:\r\n|[^\r]))*q` (a backslash escapes any character but a
 * lone CR, including a newline). Raw strings: `(?:[^q\\\r\n]|\\[^\r\n])*q`.
 */
function quotedEnd(text: string, i: number, quote: number, raw: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === CR || c === LF) return -1;
    if (c === BACKSLASH) {
      if (i + 1 >= n) return -1;
      const e = text.charCodeAt(i + 1);
      if (e === CR) {
        if (raw || text.charCodeAt(i + 2) !== LF) return -1;
        i += 3;
        continue;
      }
      if (e === LF && raw) return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

/** Length of an encoding prefix (`u8`, `u`, `U`, `L`) followed by a quote at `i`, 0 when there is none, -1 when no string starts here. */
function prefixLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === DQUOTE || c === SQUOTE) return 0;
  const next = text.charCodeAt(i + 1);
  if (c === 117 /* u */ && next === 56 /* 8 */) {
    const q = text.charCodeAt(i + 2);
    if (q === DQUOTE || q === SQUOTE) return 2;
  }
  if ((c === 117 || c === 85 /* U */ || c === 76 /* L */) && (next === DQUOTE || next === SQUOTE)) return 1;
  return -1;
}

/** End of a (possibly prefixed) normal string literal starting at `i`, or -1. */
export function stringEnd(text: string, i: number): number {
  const p = prefixLength(text, i);
  if (p < 0) return -1;
  return quotedEnd(text, i + p + 1, text.charCodeAt(i + p), false);
}

/** End of a raw string literal (`r"…"`, `R'…'`) starting at `i`, or -1. */
export function rawStringEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 114 /* r */ && c !== 82 /* R */) return -1;
  const q = text.charCodeAt(i + 1);
  if (q !== DQUOTE && q !== SQUOTE) return -1;
  return quotedEnd(text, i + 2, q, true);
}

/**
 * End of the longest unterminated-string prefix at `i`: `"(?:[^"\\\r\n]|\\[^\r\n])*` (or with
 * `'`), or -1 when `i` is not a quote. Tried only after a full string failed to match.
 */
export function unterminatedStringEnd(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  if (quote !== DQUOTE && quote !== SQUOTE) return -1;
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote || c === CR || c === LF) break;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(j + 1);
      if (j + 1 >= n || e === CR || e === LF) break;
      j += 2;
    } else j++;
  }
  return j;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/**
 * End of a JSON path token `(?:ID|\$meta)(?:\[(?:STRING|RAW|DEC)\])+` at `i`, or -1. As with the
 * regex's greedy `+`, the token ends after the last complete `[…]`.
 */
export function jsonIdentifierEnd(text: string, i: number): number {
  let j = i;
  if (text.startsWith("$meta", j)) j += 5;
  else if (isIdentStart(text.charCodeAt(j))) {
    j++;
    while (isIdentChar(text.charCodeAt(j))) j++;
  } else return -1;
  let end = -1;
  while (text.charCodeAt(j) === 91 /* [ */) {
    const k = j + 1;
    const c = text.charCodeAt(k);
    let close: number;
    if (c === 48 /* 0 */) close = k + 1;
    else if (c >= 49 && c <= 57) {
      close = k + 1;
      while (close < text.length && text.charCodeAt(close) >= 48 && text.charCodeAt(close) <= 57) close++;
    } else {
      close = stringEnd(text, k);
      if (close < 0) close = rawStringEnd(text, k);
      if (close < 0) break;
    }
    if (text.charCodeAt(close) !== 93 /* ] */) break;
    j = close + 1;
    end = j;
  }
  return end;
}

/**
 * A Chevrotain pattern from an end-finding function. `regex` is the equivalent regular expression,
 * shown where the grammar is serialised (grammar/diagrams.html) instead of an empty object.
 */
export function matcher(endAt: (text: string, offset: number) => number, regex: string): TokenMatcher {
  return {
    exec(text, offset) {
      const end = endAt(text, offset);
      return end > offset ? matched(text, offset, end) : null;
    },
    toJSON: () => regex,
  };
}
