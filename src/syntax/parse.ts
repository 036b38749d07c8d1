/**
 * text -> tokens -> AST. Every input gets an answer: an AST when there is no error diagnostic,
 * otherwise `ast: null` and at least one error. Nothing here throws on any string.
 */
import { type IToken, type IParserErrorMessageProvider, type TokenType, EOF, tokenMatcher } from "chevrotain";
import * as T from "./tokens.js";
import { lex, lexForParser } from "./lexer.js";
import { stringEnd, unterminatedStringEnd } from "./scan.js";
import { FilterParser, DepthLimitError } from "./grammar.js";
import { NodeFactory } from "./factory.js";
import type * as A from "./ast.js";
import type { Root, Span } from "./ast.js";
import { Source } from "../diag/source.js";
import type { Diagnostic, DiagnosticInput } from "../diag/diagnostic.js";
import { Reporter } from "../diag/reporter.js";
import { checkCall } from "../diag/usage.js";
import { SPECS, usageDiagnostic } from "../diag/api-specs.js";
import { describeToken, explainSyntaxError, type SyntaxFailure } from "./messages.js";

export interface ParseOptions {
  /**
   * Deepest nesting of parentheses, prefix operators, lists and calls. Default 200: Milvus accepts
   * 100 by default. Input that would overflow the JS stack first is reported as `limit/too-deep` too.
   */
  maxDepth?: number;
  /** Longest accepted input, in UTF-16 code units. Default 16 MiB. */
  maxLength?: number;
  /** Most diagnostics reported for one filter. Default 50. */
  maxDiagnostics?: number;
}

/**
 * A token of the filter text, as the public API describes it. The lexer's tokens (lexer.ts) carry
 * what Chevrotain's parser reads as well; this names what callers may rely on, so that the
 * package's types do not depend on Chevrotain, which is bundled into it.
 */
export interface FilterToken {
  /** The text of the token. */
  readonly image: string;
  /** UTF-16 offset of its first character. */
  readonly startOffset: number;
  readonly startLine?: number;
  readonly startColumn?: number;
  /** The token's kind: `name` such as "Identifier", "IntegerConstant", "And". */
  readonly tokenType: { readonly name: string };
}

export interface ParseResult {
  /** The tree, or null when any error diagnostic was reported. */
  readonly ast: Root | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly source: Source;
  /** Significant tokens (no whitespace, no error tokens). */
  readonly tokens: readonly FilterToken[];
}

import { DEFAULT_LIMITS } from "./limits.js";
export { DEFAULT_LIMITS };

// Chevrotain's message builders are replaced by structured payloads that messages.ts turns into prose.
const structuredMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, ruleName }) =>
    JSON.stringify({ type: "mismatch", expected: expected.name, actual: actual.image, ruleName }),
  buildNotAllInputParsedMessage: ({ firstRedundant, ruleName }) =>
    JSON.stringify({ type: "trailing", actual: firstRedundant.image, ruleName }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    JSON.stringify({
      type: "noViableAlt",
      expected: [...new Set(expectedPathsPerAlt.flat().map((path: TokenType[]) => path[0]?.name ?? ""))],
      actual: actual[0]?.image ?? "",
      ruleName,
    }),
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    JSON.stringify({
      type: "earlyExit",
      expected: expectedIterationPaths.map((p: TokenType[]) => p[0]?.name ?? ""),
      actual: actual[0]?.image ?? "",
      ruleName,
    }),
};

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/** Go's unicode.IsSpace: the Latin-1 spaces plus the White_Space property (not U+FEFF, U+200B). */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/;

let shared: FilterParser | undefined;

/** One parser per process, built on first use. */
function parserInstance(): FilterParser {
  // Validations cost ~35 ms of cold start; test/syntax/grammar-file.test.ts runs them instead.
  shared ??= new FilterParser(structuredMessages);
  return shared;
}

/** The default options, told apart by identity: a call without options skips their validation. */
const NO_OPTIONS: ParseOptions = Object.freeze({});

export function parse(text: string, options: ParseOptions = NO_OPTIONS): ParseResult {
  if (typeof text !== "string" || options !== NO_OPTIONS) {
    const usage = checkCall("parse", SPECS.parse, [text, options]);
    if (!usage.ok) {
      const source = new Source(typeof text === "string" ? text : "");
      return { ast: null, diagnostics: [usageDiagnostic(usage.problem, source)], source, tokens: [] };
    }
    options = (usage.args[1] ?? NO_OPTIONS) as ParseOptions;
  }
  const source = new Source(text);
  // The common case first: a valid filter of reasonable size (no whitespace-only text, which is
  // the empty filter, and nothing over the limits below).
  const c0 = text.charCodeAt(0);
  // (parseValid gives up at the first character the lexer cannot read, so a text full of them
  // costs it little: parseAndReport counts them without lexing.)
  const common = c0 > 32 && c0 < 127 && text.length <= (options.maxLength ?? DEFAULT_LIMITS.maxLength);
  if (common) {
    const parsed = parseValid(parserInstance(), source, options.maxDepth ?? DEFAULT_LIMITS.maxDepth);
    if (parsed !== undefined) return parsed;
  }
  return parseAndReport(source, options, common);
}

/**
 * `parse` for every text: the limits, the empty filter, and the diagnostics of an invalid one
 * (`tried`: `parseValid` has failed on it already).
 */
function parseAndReport(source: Source, options: ParseOptions, tried: boolean): ParseResult {
  const maxDiagnostics = options.maxDiagnostics ?? DEFAULT_LIMITS.maxDiagnostics;
  const maxLength = options.maxLength ?? DEFAULT_LIMITS.maxLength;
  // Problems past the cap are only counted: 16 MiB of bad characters must not become 16 million
  // diagnostic objects (nor their messages be built: `addCapped` makes one only when it is kept).
  const found = new Reporter(maxDiagnostics);
  const addCapped = (span: Span, make: () => DiagnosticInput): void => {
    if (found.full) found.countDropped(1, "error", span);
    else found.report(make());
  };
  const finish = (ast: Root | null, tokens: IToken[]): ParseResult => {
    if (found.empty) return { ast, diagnostics: NO_DIAGNOSTICS, source, tokens };
    const ordered = found.diagnostics(source).sort((a, b) => a.span.start - b.span.start);
    return { ast: found.hasError() ? null : ast, diagnostics: ordered, source, tokens };
  };

  if (source.text.length > maxLength) {
    found.report({
      code: "limit/too-long",
      message: `the filter is ${source.text.length} characters long; the limit is ${maxLength}`,
      span: { start: maxLength, end: source.text.length },
      hint: "pass a larger maxLength, or send long value lists through exprParams templates",
    });
    return finish(null, []);
  }

  // A token per character the lexer cannot read: 16 MiB of them would cost a gigabyte. Past a
  // million such characters, report them without lexing (only longer texts can hold that many).
  const outside = source.text.length > MAX_UNREADABLE ? charactersOutsideLanguage(source.text, maxDiagnostics + 1) : undefined;
  if (outside && outside.count > MAX_UNREADABLE) {
    for (const at of outside.first) {
      const ch = String.fromCodePoint(source.text.codePointAt(at)!);
      const span = { start: at, end: at + ch.length };
      addCapped(span, () => ({ code: "syntax/invalid-character", ...describeBadCharacter(ch), span }));
    }
    found.countDropped(outside.count - outside.first.length);
    return finish(null, []);
  }

  const parser = parserInstance();
  // Milvus tests strings.TrimSpace(expr) == "" before parsing (planparserv2/utils.go
  // isEmptyExpression), so any Go unicode.IsSpace text is the empty expression, even characters
  // its lexer would reject (\f, \v, U+0085, U+00A0, U+2028, U+3000, …).
  // (A text that starts with a printable ASCII character is not blank: no regex for those.)
  const c0 = source.text.charCodeAt(0);
  if (!(c0 > 32 && c0 < 127) && GO_SPACE_ONLY.test(source.text)) return finish(new NodeFactory().empty(source.text.length), []);
  const parsed = tried ? undefined : parseValid(parser, source, options.maxDepth ?? DEFAULT_LIMITS.maxDepth);
  if (parsed !== undefined) return parsed;

  // Something is wrong with the filter (or it is empty): lex it token by token, and report.
  const errorTokens: IToken[] = [];
  const tokens = lex(source.text, errorTokens);
  const lexErrorOffsets: number[] = [];
  for (let i = 0; i < errorTokens.length; i++) {
    const tok = errorTokens[i]!;
    lexErrorOffsets.push(tok.startOffset);
    if (tok.tokenType === T.BadCharacter && isHighSurrogate(tok.image) && isLowSurrogateAt(errorTokens[i + 1], tok)) {
      // BadCharacter is one UTF-16 unit; report a surrogate pair as the one character it is.
      const pair = { ...tok, image: tok.image + errorTokens[i + 1]!.image };
      addCapped({ start: tok.startOffset, end: tok.startOffset + pair.image.length }, () => lexicalProblem(pair));
      i++;
    } else addCapped({ start: tok.startOffset, end: tok.startOffset + tok.image.length }, () => lexicalProblem(tok));
  }

  if (tokens.length === 0 && found.empty) {
    return finish(new NodeFactory().empty(source.text.length), tokens);
  }
  if (tokens.length === 0) return finish(null, tokens);

  let ast: Root | null = null;
  try {
    const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
    if (lexErrorOffsets.length === 0) {
      parser.begin(tokens, maxDepth);
      ast = parser.filter();
      const errors = parser.errors; // (the getter copies the list: read it once)
      const first = errors.length > 0 ? errors[0] : undefined;
      if (first) {
        const failure = toFailure(first.message, first.token, tokens);
        found.report(explainSyntaxError(failure, source.text));
        for (const more of segmentErrors(parser, tokens, maxDepth, (seg) => seg.start > failure.span.start)) {
          if (found.full) break;
          found.report(explainSyntaxError(more, source.text));
        }
      }
    } else {
      // The parser would see holes where the bad characters were; only and/or operands that
      // contain no lexical error are parsed, so every syntax error reported is a real one.
      // Sorted once, searched per operand: a linear scan per operand was quadratic.
      lexErrorOffsets.sort((a, b) => a - b);
      const clean = (seg: { start: number; end: number }) => {
        const i = firstAtOrAfter(lexErrorOffsets, seg.start);
        return i >= lexErrorOffsets.length || lexErrorOffsets[i]! >= seg.end;
      };
      for (const more of segmentErrors(parser, tokens, maxDepth, clean)) {
        if (found.full) break;
        found.report(explainSyntaxError(more, source.text));
      }
    }
  } catch (e) {
    if (e instanceof DepthLimitError || e instanceof RangeError) {
      const at = e instanceof DepthLimitError ? e.token.startOffset : 0;
      found.report({
        code: "limit/too-deep",
        message:
          e instanceof DepthLimitError
            ? `nesting depth exceeds the limit of ${options.maxDepth ?? DEFAULT_LIMITS.maxDepth} levels`
            : "nesting depth exceeds what this parser can handle on its stack",
        span: { start: Math.max(0, at), end: Math.max(0, at) + 1 },
        hint: "flatten the nesting: long chains of and/or need no parentheses",
      });
    } else {
      throw e;
    }
  }
  return finish(ast, tokens);
}

/** Sizes from which `parseValid` works differently; a test lowers them to check that results do not change. */
export const PARSE_TUNING = {
  /** Texts this long are parsed one top-level and/or operand at a time. */
  segmentFrom: 256 * 1024,
};

/** Thrown inside `parseValid` when the filter is not valid: the caller parses it again and reports. */
const INVALID = Symbol("invalid");

/**
 * The parse of a filter without lexical or syntax errors, or undefined when it has any (or nests
 * too deep), in which case `parse` starts over to build the diagnostics. The tree and the tokens
 * are those of the plain path; what differs is the work behind them:
 * - long lists of literals arrive as one LiteralRun token (lexer.ts), their element nodes made
 *   on first access (factory.ts `literalList`);
 * - a text of PARSE_TUNING.segmentFrom characters or more is lexed and parsed one top-level
 *   and/or operand at a time, combined as `expr`'s loop combines them (ids, chains and spans
 *   included), so that its tokens die young instead of all living until the end: holding millions
 *   of token objects made big inputs mostly garbage-collector work.
 * When either happened, `tokens` is lexed again on first access.
 */
function parseValid(parser: FilterParser, source: Source, maxDepth: number): ParseResult | undefined {
  const text = source.text;
  if (text.length < PARSE_TUNING.segmentFrom) {
    // One piece (most filters): no segment bookkeeping.
    const errors: IToken[] = [];
    const lexed = lexForParser(text, 0, errors, false);
    if (errors.length > 0 || lexed.tokens.length === 0) return undefined;
    try {
      parser.begin(lexed.tokens, maxDepth);
      const ast = parser.filter();
      if (parser.failed) return undefined;
      return lexed.compact ? relexedTokens(ast, source) : { ast, diagnostics: NO_DIAGNOSTICS, source, tokens: lexed.tokens };
    } catch (e) {
      if (e instanceof DepthLimitError || e instanceof RangeError) return undefined;
      throw e;
    }
  }
  const errors: IToken[] = [];
  let pos = 0;
  let separator: IToken | undefined;
  let first = true;
  const operand = (): Root => {
    const lexed = lexForParser(text, pos, errors, true);
    if (errors.length > 0 || lexed.tokens.length === 0) throw INVALID;
    pos = lexed.end;
    separator = lexed.separator;
    if (first) parser.begin(lexed.tokens, maxDepth);
    else parser.continueWith(lexed.tokens);
    first = false;
    const ast = parser.filter();
    if (parser.failed) throw INVALID;
    return ast;
  };
  const isAnd = (t: IToken | undefined): boolean => t !== undefined && (t.tokenType === T.AndWord || t.tokenType === T.AndSym);
  const isOr = (t: IToken | undefined): boolean => t !== undefined && (t.tokenType === T.OrWord || t.tokenType === T.OrSym);
  // `a and b or c and d`: or-operands are and-chains; nodes are made in the order `expr` makes them.
  const andChain = (): Root => {
    let left = operand();
    let chain: A.Expr | undefined;
    while (isAnd(separator)) {
      const right = operand();
      left = chain = parser.f.logical("And", left as A.Expr, right as A.Expr, chain);
    }
    return left;
  };
  try {
    let left = andChain();
    let chain: A.Expr | undefined;
    while (isOr(separator)) {
      const right = andChain();
      left = chain = parser.f.logical("Or", left as A.Expr, right as A.Expr, chain);
    }
    if (separator !== undefined || pos < text.length) throw INVALID;
    return relexedTokens(left, source);
  } catch (e) {
    if (e === INVALID || e instanceof DepthLimitError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** A result whose `tokens` are lexed again on first access (the parser read other tokens). */
function relexedTokens(ast: Root, source: Source): ParseResult {
  let tokens: FilterToken[] | undefined;
  return {
    ast,
    diagnostics: NO_DIAGNOSTICS,
    source,
    get tokens(): readonly FilterToken[] {
      return (tokens ??= lex(source.text));
    },
  };
}

/**
 * Recovery for more than one report: the operands of the top-level `and`/`or` chain (outside any
 * brackets) are parsed one by one, and the first error of each chosen operand is reported. The
 * region of an operand runs up to the next separator, so characters the lexer dropped count too.
 */
function segmentErrors(
  parser: FilterParser,
  tokens: IToken[],
  maxDepth: number,
  wanted: (region: { start: number; end: number }) => boolean,
): SyntaxFailure[] {
  const segments: { tokens: IToken[]; start: number; end: number; separator?: IToken }[] = [];
  let depth = 0;
  let current: IToken[] = [];
  let start = 0;
  for (const tok of tokens) {
    const t = tok.tokenType;
    if (t === T.LParen || t === T.LBrack || t === T.LBrace) depth++;
    else if (t === T.RParen || t === T.RBrack || t === T.RBrace) depth = Math.max(0, depth - 1);
    if (depth === 0 && (tokenMatcher(tok, T.AndOp) || tokenMatcher(tok, T.OrOp))) {
      segments.push({ tokens: current, start, end: tok.startOffset, separator: tok });
      current = [];
      start = tok.startOffset + tok.image.length;
    } else current.push(tok);
  }
  segments.push({ tokens: current, start, end: Infinity });
  const out: SyntaxFailure[] = [];
  for (const seg of segments) {
    if (seg.tokens.length === 0 || !wanted(seg)) continue;
    parser.begin(seg.tokens, maxDepth);
    parser.filter();
    const err = parser.errors.length > 0 ? parser.errors[0] : undefined;
    if (!err) continue;
    const failure = toFailure(err.message, err.token, seg.tokens);
    if (failure.token === undefined && seg.separator) {
      // The operand ran out at an `and`/`or`, not at the end of the filter.
      const sep = seg.separator;
      out.push({
        ...failure,
        token: { image: sep.image, type: sep.tokenType.name },
        span: { start: sep.startOffset, end: sep.startOffset + sep.image.length },
      });
    } else out.push(failure);
  }
  return out;
}

function isHighSurrogate(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogateAt(next: IToken | undefined, prev: IToken): boolean {
  if (!next || next.tokenType !== T.BadCharacter || next.startOffset !== prev.startOffset + 1) return false;
  const c = next.image.charCodeAt(0);
  return c >= 0xdc00 && c <= 0xdfff;
}

function lexicalProblem(tok: IToken): DiagnosticInput {
  const span = { start: tok.startOffset, end: tok.startOffset + tok.image.length };
  if (tok.tokenType === T.UnterminatedString) {
    return {
      code: "syntax/unterminated-string",
      message: "unterminated string starting here",
      span: { start: span.start, end: span.start + 1 },
      hint: `close it with ${tok.image[0]} on the same line (a raw line break inside a string is not allowed; write \\n)`,
    };
  }
  return { code: "syntax/invalid-character", ...describeBadCharacter(tok.image), span };
}

function describeBadCharacter(ch: string): { message: string; hint?: string } {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (cp === 0x0c || cp === 0x0b || cp === 0xa0 || cp === 0xfeff || (cp >= 0x2000 && cp <= 0x200b) || cp === 0x3000) {
    return { message: `${hex} is not whitespace in a Milvus filter`, hint: "use spaces, tabs or line breaks" };
  }
  if (cp < 0x20 || cp === 0x7f) return { message: `control character ${hex} is not allowed outside a string` };
  if (cp > 0x7f) {
    return {
      message: `'${ch}' (${hex}) cannot appear outside a string`,
      hint: "Milvus field names are ASCII letters, digits and '_'; quote text values",
    };
  }
  if (ch === "'" || ch === '"') return { message: "unterminated string starting here" };
  return { message: `'${ch}' is not part of the Milvus filter language` };
}

function toFailure(message: string, token: IToken, tokens: readonly IToken[]): SyntaxFailure {
  let payload: { type: string; expected?: string | string[]; actual?: string; ruleName?: string } = { type: "unknown" };
  try {
    payload = JSON.parse(message);
  } catch {
    /* a Chevrotain message we did not build: keep the generic description */
  }
  const atEnd = token.tokenType === EOF || !(token.startOffset >= 0);
  const index = atEnd ? tokens.length : tokens.indexOf(token);
  const previous = index > 0 ? tokens[index - 1] : undefined;
  const start = atEnd ? (previous ? previous.startOffset + previous.image.length : 0) : token.startOffset;
  const end = atEnd ? start : token.startOffset + token.image.length;
  const expected = payload.expected === undefined ? [] : Array.isArray(payload.expected) ? payload.expected : [payload.expected];
  return {
    kind: payload.type as SyntaxFailure["kind"],
    expected,
    ruleName: payload.ruleName ?? "",
    token: atEnd ? undefined : { image: token.image, type: token.tokenType.name },
    previous: previous ? { image: previous.image, type: previous.tokenType.name } : undefined,
    next: index + 1 < tokens.length ? describeToken(tokens[index + 1]!) : undefined,
    span: { start, end },
  };
}

/** Index of the first element of ascending `xs` that is >= `x` (xs.length when none is). */
function firstAtOrAfter(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** More characters outside the language than this are reported without running the lexer. */
const MAX_UNREADABLE = 1_000_000;

/** ASCII characters that can start a token (or are whitespace); every other character outside a string is an error. */
const TOKEN_START = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$\"'()[]{},.+-*/%<>=!&|^~ \t\r\n") TOKEN_START[ch.charCodeAt(0)] = 1;

/**
 * Characters outside strings that no token can start (a lower bound of the lexer's invalid
 * characters, a surrogate pair counting once): how many, and the offsets of the first `keep`.
 */
function charactersOutsideLanguage(text: string, keep: number): { count: number; first: number[] } {
  const first: number[] = [];
  let count = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const end = stringEnd(text, i);
      i = end > i ? end : Math.max(unterminatedStringEnd(text, i), i + 1);
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    if (c > 0x7f || TOKEN_START[c] === 0) {
      if (first.length < keep) first.push(i);
      count++;
    }
    i += width;
  }
  return { count, first };
}
