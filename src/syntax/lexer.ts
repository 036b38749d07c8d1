/**
 * The lexer: one pass over the text, dispatching on the first character of each token.
 *
 * The token vocabulary and its order live in tokens.ts, written as Chevrotain token patterns; the
 * parser uses those token types. This hand-written scanner produces exactly the tokens Chevrotain's
 * Lexer would produce from that list (test/syntax/lexer.test.ts compares the two), but it needs no
 * construction at start-up (Chevrotain's took ~25 ms), allocates one small object per token, and
 * never uses a regular expression, so its time is linear in the input on every input.
 *
 * What "first pattern in tokens.ts order that matches, keywords yielding to a longer identifier"
 * means, per first character:
 * - a quote: a string, else an unterminated string;
 * - a letter or `_`: a prefixed string (`u8"…"`), a raw string (`r'…'`), then the composite
 *   identifiers `s[0][f]`, `a["k"]…`, `s[f]`, then `is [not] null`, then the keyword spelled by the
 *   whole word, else an identifier;
 * - `$`: `$meta[…]…`, `$[f]`, `$meta`, `$`;
 * - a digit or `.`: a float (only with `.`, an exponent or a hex mantissa), else an integer;
 * - anything else: the operator or punctuation it starts (longest first), else a bad character.
 * Every UTF-16 unit no token accepts becomes a BadCharacter token of its own: the parser turns those
 * into diagnostics.
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";
import { jsonIdentifierEnd, rawStringEnd, stringEnd, unterminatedStringEnd } from "./scan.js";

/** A token as the parser consumes it; the shape Chevrotain's lexer gives with `positionTracking: "onlyOffset"`. */
export type Token = IToken;

/**
 * A token type with its index beside it, in objects of one shape. Chevrotain's token types differ
 * in shape (labels, categories, groups), so reading `tokenTypeIdx` from them on every token is a
 * megamorphic property load; from these it is a plain one.
 */
interface Kind {
  readonly type: TokenType;
  readonly idx: number;
}
type TokenName = { [N in keyof typeof T]: (typeof T)[N] extends TokenType ? N : never }[keyof typeof T];
const kind = (type: TokenType): Kind => ({ type, idx: type.tokenTypeIdx! });
const K = Object.fromEntries(
  Object.entries(T).flatMap(([name, v]) => (typeof v === "object" && v !== null && "tokenTypeIdx" in v ? [[name, kind(v as TokenType)]] : [])),
) as Record<TokenName, Kind>;

function token(image: string, startOffset: number, k: Kind): Token {
  if (reuse !== undefined && reused < reuse.length) {
    // A token of the previous segment, which the parser has finished with (see lexForParser).
    const t = reuse[reused++]!;
    t.image = image;
    t.startOffset = startOffset;
    t.tokenTypeIdx = k.idx;
    t.tokenType = k.type;
    return t;
  }
  const t = { image, startOffset, tokenTypeIdx: k.idx, tokenType: k.type };
  if (reuse !== undefined && reuse.length < REUSED_TOKENS) {
    reuse.push(t);
    reused++;
  }
  return t;
}

/**
 * Token objects handed out again from one segment of a long text to the next: the parser is done
 * with a segment's tokens when the next one is lexed, and nothing it built refers to them, so a
 * 10 MB filter needs a few thousand token objects instead of millions. Set while `lexForParser`
 * lexes a segment; at most REUSED_TOKENS of them are kept.
 */
let reuse: Token[] | undefined;
let reused = 0;
const SEGMENT_TOKENS: Token[] = [];
const REUSED_TOKENS = 4096;

interface Keyword {
  readonly kind: Kind;
  /** The spelling: a keyword token's image is this one shared string. */
  readonly image: string;
}

/**
 * One-word keyword spellings by length and first character (`length * 128 + code`). A word is
 * compared in place with the few candidates: no substring to hash, and most words are no keyword.
 */
const oneWord = [...T.KEYWORD_TOKENS].filter(([image]) => !image.includes(" ")); // `is [not] null`: see nullTestAt
const longestKeyword = Math.max(...oneWord.map(([image]) => image.length));
// Filled, so that no hole reads through to a polluted Array.prototype.
const KEYWORDS = new Array<Keyword[] | undefined>((longestKeyword + 1) * 128).fill(undefined);
for (const [image, type] of oneWord) (KEYWORDS[image.length * 128 + image.charCodeAt(0)] ??= []).push({ kind: kind(type), image });

function keywordAt(text: string, i: number, length: number): Keyword | undefined {
  const candidates = length <= longestKeyword ? KEYWORDS[length * 128 + text.charCodeAt(i)] : undefined;
  if (candidates !== undefined) for (const k of candidates) if (sameAt(text, i, k.image)) return k;
  return undefined;
}

/** `text.startsWith(word, i)` for a word whose first character is known to match. */
function sameAt(text: string, i: number, word: string): boolean {
  for (let k = 1; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  return true;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
const isIdentStart = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
const isIdentChar = (c: number): boolean => isIdentStart(c) || isDigit(c);

function identEnd(text: string, i: number): number {
  while (isIdentChar(text.charCodeAt(i))) i++;
  return i;
}

/** End of `[ID]` at `i` (the `[`), or -1. */
function bracketedIdentEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== 91 /* [ */ || !isIdentStart(text.charCodeAt(i + 1))) return -1;
  const close = identEnd(text, i + 2);
  return text.charCodeAt(close) === 93 /* ] */ ? close + 1 : -1;
}

/** `ID[DEC][ID]` where the identifier ends at `j` (on its `[`): the end, or -1. */
function structIndexEnd(text: string, j: number): number {
  let k = j + 1;
  const c = text.charCodeAt(k);
  if (c === 48) k++;
  else if (c >= 49 && c <= 57) {
    k++;
    while (isDigit(text.charCodeAt(k))) k++;
  } else return -1;
  if (text.charCodeAt(k) !== 93) return -1;
  return bracketedIdentEnd(text, k + 1);
}

/** `[pP][+-]?[0-9]+` at `i`: its end, or -1. */
function binaryExponentEnd(text: string, i: number): number {
  if ((text.charCodeAt(i) | 32) !== 112 /* p */) return -1;
  return signedDigitsEnd(text, i + 1);
}

/** `[+-]?[0-9]+` at `i`: its end, or -1. */
function signedDigitsEnd(text: string, i: number): number {
  const s = text.charCodeAt(i);
  if (s === 43 || s === 45) i++;
  if (!isDigit(text.charCodeAt(i))) return -1;
  while (isDigit(text.charCodeAt(++i)));
  return i;
}

/**
 * End of a FloatingConstant at `i`, or -1: the first alternative of
 * `0[xX](?:H*\.H+|H+\.?)[pP][+-]?[0-9]+ | (?:[0-9]*\.[0-9]+|[0-9]+\.)(?:[eE][+-]?[0-9]+)? | [0-9]+[eE][+-]?[0-9]+`
 * that matches, with the backtracking the regular expression would do.
 */
function floatEnd(text: string, i: number): number {
  let digits = i;
  while (isDigit(text.charCodeAt(digits))) digits++;
  const after = text.charCodeAt(digits);
  if (text.charCodeAt(i) === 48 && digits === i + 1 && (after | 32) === 120 /* x */) {
    let k = i + 2;
    while (isHexDigit(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) === 46) {
      let q = k + 1;
      while (isHexDigit(text.charCodeAt(q))) q++;
      const e = q > k + 1 ? binaryExponentEnd(text, q) : -1;
      if (e > 0) return e;
    }
    // H+\.? : backing off the optional `.` cannot help, as `.` is no exponent marker.
    return k > i + 2 ? binaryExponentEnd(text, text.charCodeAt(k) === 46 ? k + 1 : k) : -1;
  }
  let end = -1;
  if (after === 46) {
    let q = digits + 1;
    while (isDigit(text.charCodeAt(q))) q++;
    if (q > digits + 1) end = q; // [0-9]*\.[0-9]+
    else if (digits > i) end = digits + 1; // [0-9]+\.
  }
  if (end > 0) {
    if ((text.charCodeAt(end) | 32) === 101 /* e */) {
      const e = signedDigitsEnd(text, end + 1);
      if (e > 0) return e;
    }
    return end;
  }
  if (digits > i && (after | 32) === 101) return signedDigitsEnd(text, digits + 1);
  return -1;
}

/** End of an IntegerConstant at `i` (a digit): `0[xX]H+ | 0[bB][01]+ | [1-9][0-9]* | 0[0-7]*`. */
function integerEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== 48) {
    while (isDigit(text.charCodeAt(++i)));
    return i;
  }
  const c = text.charCodeAt(i + 1) | 32;
  if (c === 120 && isHexDigit(text.charCodeAt(i + 2))) {
    i += 2;
    while (isHexDigit(text.charCodeAt(++i)));
    return i;
  }
  if (c === 98) {
    let k = i + 2;
    while (text.charCodeAt(k) === 48 || text.charCodeAt(k) === 49) k++;
    if (k > i + 2) return k;
  }
  i++;
  for (let d = text.charCodeAt(i); d >= 48 && d <= 55; d = text.charCodeAt(++i));
  return i;
}

/** `is null`, `is not null` and their upper-case spellings at `i`, or undefined. */
function nullTestAt(text: string, i: number): { type: Kind; image: string } | undefined {
  const upper = text.charCodeAt(i) === 73; // I
  const not = upper ? "IS NOT NULL" : "is not null";
  if (text.startsWith(not, i)) return { type: K.IsNotNull, image: not };
  const plain = upper ? "IS NULL" : "is null";
  if (text.startsWith(plain, i)) return { type: K.IsNull, image: plain };
  return undefined;
}

/**
 * The tokens of `text` in order, without whitespace and line breaks. Error tokens (BadCharacter,
 * one per UTF-16 unit, and UnterminatedString) go to `errors` when it is given, else into the
 * result with the others.
 */
export function lex(text: string, errors?: Token[]): Token[] {
  const out: Token[] = [];
  scan(text, 0, out, errors ?? out, 0);
  return out;
}

/** A long list of literals as one token (see `lexForParser`); its payload locates each element. */
export interface LiteralRun {
  readonly text: string;
  /** Start and end offset of each element, in order. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Each element's literal token kind, an index into LITERAL_RUN_KINDS. */
  readonly kinds: readonly number[];
}

/** The token types a LiteralRun element can have, by the numbers in `LiteralRun.kinds`. */
export const LITERAL_RUN_KINDS: readonly TokenType[] = [T.IntegerConstant, T.FloatingConstant, T.StringLiteral, T.RawStringLiteral, T.BooleanConstant];

/** Sizes the lexer works with; a test lowers them to check that results do not change. */
export const LEXER_TUNING = {
  /** Lists with at least this many literal elements (and nothing else) become one LiteralRun token. */
  literalRunMin: 256,
};

/**
 * What `lexForParser` read: the tokens, where it stopped, and the `and`/`or` it stopped after.
 * The tokens of a segment (and its separator) are valid until the next segment is lexed: their
 * objects are used again.
 */
export interface Lexed {
  readonly tokens: Token[];
  /** Offset just past the last token read (the separator, when there is one). */
  readonly end: number;
  /** The top-level `and`/`or` (`&&`/`||`) that ended the segment; not in `tokens`. */
  readonly separator: Token | undefined;
  /** Whether a LiteralRun stands for some of the tokens `lex` would give. */
  readonly compact: boolean;
}

const STOP_AT_TOP_LEVEL_LOGIC = 1;
const LITERAL_RUNS = 2;
/** Stop after the first error token: the parser's caller gives up on the text then. */
const STOP_AT_ERROR = 4;

/**
 * The tokens the parser takes, from `from`: as `lex`, except that a list of at least
 * LEXER_TUNING.literalRunMin literals (nothing but literals, commas and whitespace inside its brackets)
 * becomes LBrack, one LiteralRun, [Comma,] RBrack, so that a long `in` list costs no token object
 * per element. With `segment`, it stops after the first `and`/`or` outside all brackets. It stops
 * after the first error token as well (pushed to `errors`): the text is then read again by `lex`.
 */
export function lexForParser(text: string, from: number, errors: Token[], segment: boolean): Lexed {
  const out: Token[] = [];
  runs = 0;
  if (segment) {
    reuse = SEGMENT_TOKENS;
    reused = 0;
  }
  try {
    const end = scan(text, from, out, errors, LITERAL_RUNS | STOP_AT_ERROR | (segment ? STOP_AT_TOP_LEVEL_LOGIC : 0));
    const separator = stoppedAtLogic ? out.pop() : undefined;
    return { tokens: out, end, separator, compact: runs > 0 };
  } finally {
    reuse = undefined;
  }
}

/** Set by `scan`: LiteralRun tokens made, and whether it stopped at a top-level `and`/`or`. */
let runs = 0;
let stoppedAtLogic = false;

/** Scans tokens from `i` into `out` (error tokens into `bad`); returns the offset where it stopped. */
function scan(text: string, i: number, out: Token[], bad: Token[], mode: number): number {
  const n = text.length;
  // Bracket depth, for STOP_AT_TOP_LEVEL_LOGIC (a stray closer does not go below 0).
  let depth = 0;
  stoppedAtLogic = false;
  // The frequent tokens are handled in this loop; the others in helpers, so that it stays small
  // enough for V8 to inline what it calls.
  while (i < n) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 32:
      case 9:
        i = skipSpace(text, i + 1);
        continue;
      case 10:
      case 13:
        i++;
        continue;
      case 40:
        out.push(token("(", i++, K.LParen));
        depth++;
        continue;
      case 41:
        out.push(token(")", i++, K.RParen));
        if (depth > 0) depth--;
        continue;
      case 44:
        out.push(token(",", i++, K.Comma));
        continue;
      case 91:
        i = openBracket(text, i, out, mode);
        if (out[out.length - 1]!.tokenType !== T.EmptyArray) depth++;
        continue;
      case 93:
        out.push(token("]", i++, K.RBrack));
        if (depth > 0) depth--;
        continue;
      case 123:
        out.push(token("{", i++, K.LBrace));
        depth++;
        continue;
      case 125:
        out.push(token("}", i++, K.RBrace));
        if (depth > 0) depth--;
        continue;
      case 38: // &
      case 124: {
        // |
        const two = text.charCodeAt(i + 1) === c;
        i = c === 38 ? pair(out, i, two, "&&", K.AndSym, "&", K.BitAnd) : pair(out, i, two, "||", K.OrSym, "|", K.BitOr);
        if (two && depth === 0 && (mode & STOP_AT_TOP_LEVEL_LOGIC) !== 0) {
          stoppedAtLogic = true;
          return i;
        }
        continue;
      }
      default:
        if (c >= 48 && c <= 57) i = number(text, i, c, out);
        else if (isIdentStart(c)) {
          i = word(text, i, c, out, mode & STOP_AT_TOP_LEVEL_LOGIC);
          if (depth === 0 && (mode & STOP_AT_TOP_LEVEL_LOGIC) !== 0) {
            const t = out[out.length - 1]!.tokenType;
            if (t === T.AndWord || t === T.OrWord) {
              stoppedAtLogic = true;
              return i;
            }
          }
        } else {
          i = other(text, i, c, out, bad);
          if ((mode & STOP_AT_ERROR) !== 0 && bad.length !== 0) return i;
        }
    }
  }
  return i;
}

/** A number at `i` (a digit, or `.` followed by one): push it, return its end. */
function number(text: string, i: number, c: number, out: Token[]): number {
  // Most numbers are plain decimals: one scan, and no float to try unless `.`, `e` or `x` follows.
  let end = i;
  while (isDigit(text.charCodeAt(end))) end++;
  const after = text.charCodeAt(end) | 32;
  if (c >= 49 && after !== 46 /* . */ && after !== 101 /* e */ && after !== 120 /* x */) {
    out.push(token(text.slice(i, end), i, K.IntegerConstant));
    return end;
  }
  end = floatEnd(text, i);
  if (end > 0) out.push(token(text.slice(i, end), i, K.FloatingConstant));
  else out.push(token(text.slice(i, (end = integerEnd(text, i))), i, K.IntegerConstant));
  return end;
}

/** `[`: the empty list `[ ]` as one token, else LBrack and, for a long list of literals, a LiteralRun. */
function openBracket(text: string, i: number, out: Token[], mode: number): number {
  const j = skipSpace(text, i + 1);
  if (text.charCodeAt(j) === 93) {
    out.push(token(j === i + 1 ? "[]" : text.slice(i, j + 1), i, K.EmptyArray));
    return j + 1;
  }
  out.push(token("[", i, K.LBrack));
  // (n literals take at least 2n - 1 characters: no run to look for near the end of the text)
  const run = (mode & LITERAL_RUNS) !== 0 && text.length - j >= 2 * LEXER_TUNING.literalRunMin - 1 ? literalRun(text, j) : undefined;
  if (run === undefined) return i + 1;
  const start = run.starts[0]!;
  const end = run.ends[run.ends.length - 1]!;
  out.push({ image: text.slice(start, end), startOffset: start, tokenTypeIdx: K.LiteralRun.idx, tokenType: K.LiteralRun.type, payload: run });
  runs++;
  return end;
}

/** Any token but the frequent ones `scan` handles: push it (or a bad character), return its end. */
function other(text: string, i: number, c: number, out: Token[], bad: Token[]): number {
  switch (c) {
    case 34: // "
    case 39: {
      // '
      const end = stringEnd(text, i);
      if (end > i) {
        out.push(token(text.slice(i, end), i, K.StringLiteral));
        return end;
      }
      const stop = unterminatedStringEnd(text, i);
      bad.push(token(text.slice(i, stop), i, K.UnterminatedString));
      return stop;
    }
    case 36: {
      // $
      let end = jsonIdentifierEnd(text, i);
      let type: Kind = K.JSONIdentifier;
      if (end < 0) {
        end = bracketedIdentEnd(text, i + 1);
        type = K.StructSubFieldIdentifier;
      }
      if (end > 0) {
        out.push(token(text.slice(i, end), i, type));
        return end;
      }
      const meta = text.startsWith("$meta", i);
      out.push(token(meta ? "$meta" : "$", i, meta ? K.Meta : K.ElementSelf));
      return i + (meta ? 5 : 1);
    }
    case 46: {
      // .
      const end = floatEnd(text, i);
      if (end > 0) {
        out.push(token(text.slice(i, end), i, K.FloatingConstant));
        return end;
      }
      bad.push(token(".", i, K.BadCharacter));
      return i + 1;
    }
    case 42: // *
      return pair(out, i, text.charCodeAt(i + 1) === 42, "**", K.Pow, "*", K.Mul);
    case 60: {
      // <
      const d = text.charCodeAt(i + 1);
      if (d === 60) return pair(out, i, true, "<<", K.Shl, "", K.Shl);
      return pair(out, i, d === 61, "<=", K.Le, "<", K.Lt);
    }
    case 62: {
      // >
      const d = text.charCodeAt(i + 1);
      if (d === 62) return pair(out, i, true, ">>", K.Shr, "", K.Shr);
      return pair(out, i, d === 61, ">=", K.Ge, ">", K.Gt);
    }
    case 61: {
      // =
      const d = text.charCodeAt(i + 1);
      if (d === 126) return pair(out, i, true, "=~", K.RegexMatch, "", K.RegexMatch);
      return pair(out, i, d === 61, "==", K.Eq, "=", K.Assign);
    }
    case 33: {
      // !
      const d = text.charCodeAt(i + 1);
      if (d === 126) return pair(out, i, true, "!~", K.RegexNotMatch, "", K.RegexNotMatch);
      return pair(out, i, d === 61, "!=", K.Ne, "!", K.Bang);
    }
    case 43:
      out.push(token("+", i, K.Add));
      return i + 1;
    case 45:
      out.push(token("-", i, K.Sub));
      return i + 1;
    case 47:
      out.push(token("/", i, K.Div));
      return i + 1;
    case 37:
      out.push(token("%", i, K.Mod));
      return i + 1;
    case 94:
      out.push(token("^", i, K.BitXor));
      return i + 1;
    case 126:
      out.push(token("~", i, K.BitNot));
      return i + 1;
    default:
      bad.push(token(text[i]!, i, K.BadCharacter));
      return i + 1;
  }
}

/** Past the spaces, tabs and line breaks at `i`. */
function skipSpace(text: string, i: number): number {
  for (let w = text.charCodeAt(i); w === 32 || w === 9 || w === 13 || w === 10; w = text.charCodeAt(++i));
  return i;
}

/** Set by `literalAt`: the kind (LITERAL_RUN_KINDS index) of the literal it found. */
let literalKind = 0;

/**
 * End of the literal token `lex` would read at `i`, or -1 when it would read anything else there
 * (the same scanners, so the same tokens).
 */
function literalAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34 || c === 39 || c === 117 || c === 85 || c === 76) {
    literalKind = 2;
    const end = stringEnd(text, i);
    return end > i ? end : -1;
  }
  if (c === 114 || c === 82) {
    literalKind = 3;
    const end = rawStringEnd(text, i);
    return end > i ? end : -1;
  }
  if ((c >= 48 && c <= 57) || c === 46) {
    let end = i;
    while (isDigit(text.charCodeAt(end))) end++;
    const after = text.charCodeAt(end) | 32;
    literalKind = 0;
    if (c >= 49 && after !== 46 && after !== 101 && after !== 120) return end;
    end = floatEnd(text, i);
    if (end > 0) {
      literalKind = 1;
      return end;
    }
    return c === 46 ? -1 : integerEnd(text, i);
  }
  if (isIdentStart(c)) {
    const j = identEnd(text, i + 1);
    if (text.charCodeAt(j) === 91) return -1; // a composite identifier such as true[x]
    literalKind = 4;
    return keywordAt(text, i, j - i)?.kind === K.BooleanConstant ? j : -1;
  }
  return -1;
}

/**
 * The list body at `i` (just inside `[`, past whitespace) when it is LEXER_TUNING.literalRunMin or more
 * literals separated by commas, an optional trailing comma, then `]`; otherwise undefined (the list
 * is lexed token by token). The run ends after its last literal.
 */
function literalRun(text: string, from: number): LiteralRun | undefined {
  // The first literalRunMin elements counted, then all recorded: a short list costs no allocation,
  // and a long one is read twice only up to literalRunMin.
  const min = LEXER_TUNING.literalRunMin;
  if (literalList(text, from, undefined, min) < min) return undefined;
  const run = { text, starts: [] as number[], ends: [] as number[], kinds: [] as number[] };
  return literalList(text, from, run, Infinity) < 0 ? undefined : run;
}

/**
 * How many literals the list body at `i` holds (-1 when it holds anything else), recording them
 * into `run`; `limit` when it has read that many without reaching the end.
 */
function literalList(text: string, i: number, run: { starts: number[]; ends: number[]; kinds: number[] } | undefined, limit: number): number {
  for (let count = 1; ; count++) {
    const end = literalAt(text, i);
    if (end < 0) return -1;
    if (run !== undefined) {
      run.starts.push(i);
      run.ends.push(end);
      run.kinds.push(literalKind);
    }
    const p = skipSpace(text, end);
    const c = text.charCodeAt(p);
    if (c === 93) return count;
    if (c !== 44) return -1;
    i = skipSpace(text, p + 1);
    if (text.charCodeAt(i) === 93) return count;
    if (count === limit) return count;
  }
}

function pair(out: Token[], i: number, two: boolean, long: string, longType: Kind, short: string, shortType: Kind): number {
  out.push(two ? token(long, i, longType) : token(short, i, shortType));
  return i + (two ? 2 : 1);
}

/** A token that starts with a letter or `_` at `i`: push it, return its end. */
function word(text: string, i: number, c: number, out: Token[], shareNames: number): number {
  const j = identEnd(text, i + 1);
  const next = text.charCodeAt(j);
  if (next === 34 || next === 39) {
    // A string with an encoding prefix (`u8"…"`, `u`, `U`, `L`) or a raw string (`r'…'`, `R`):
    // the prefix is the whole word before the quote.
    if (j - i <= 2 && (c === 117 /* u */ || c === 85 /* U */ || c === 76) /* L */) {
      const end = stringEnd(text, i);
      if (end > i) {
        out.push(token(text.slice(i, end), i, K.StringLiteral));
        return end;
      }
    } else if (j === i + 1 && (c === 114 /* r */ || c === 82) /* R */) {
      const end = rawStringEnd(text, i);
      if (end > i) {
        out.push(token(text.slice(i, end), i, K.RawStringLiteral));
        return end;
      }
    }
  } else if (next === 91 /* [ */) {
    let end = structIndexEnd(text, j);
    let type: Kind = K.StructIndexFieldIdentifier;
    if (end < 0) {
      end = jsonIdentifierEnd(text, i);
      type = K.JSONIdentifier;
    }
    if (end < 0) {
      end = bracketedIdentEnd(text, j);
      type = K.StructFieldIdentifier;
    }
    if (end > 0) {
      out.push(token(text.slice(i, end), i, type));
      return end;
    }
  }
  if ((c === 105 /* i */ || c === 73) /* I */ && j === i + 2 && (text.charCodeAt(i + 1) | 32) === 115 /* s */ && next === 32) {
    const t = nullTestAt(text, i);
    if (t) {
      out.push(token(t.image, i, t.type));
      return i + t.image.length;
    }
  }
  const kw = keywordAt(text, i, j - i);
  const image = kw ? kw.image : shareNames !== 0 ? sharedName(text, i, j) : j === i + 1 ? text[i]! : text.slice(i, j);
  out.push(token(image, i, kw ? kw.kind : K.Identifier));
  return j;
}

/**
 * Identifier spellings seen lately, by a hash of length and first and last character, for texts
 * lexed in segments (the long ones, see lexForParser). A filter names few fields, often many
 * times: one string per name instead of one per occurrence, which in a 10 MB filter is a string
 * less per comparison for the heap to carry (a short filter is quicker with its own slices). Only
 * names shorter than V8's sliced strings (13 characters) are kept: a slice would keep the whole
 * text alive.
 */
const NAMES = new Array<string | undefined>(512).fill(undefined);
const LONGEST_KEPT_NAME = 12;

function sharedName(text: string, i: number, j: number): string {
  const length = j - i;
  if (length > LONGEST_KEPT_NAME) return text.slice(i, j);
  const h = (length * 61 + text.charCodeAt(i) * 31 + text.charCodeAt(j - 1)) & 511;
  const seen = NAMES[h];
  if (seen !== undefined && seen.length === length) {
    let k = 0;
    while (k < length && seen.charCodeAt(k) === text.charCodeAt(i + k)) k++;
    if (k === length) return seen;
  }
  return (NAMES[h] = text.slice(i, j));
}
