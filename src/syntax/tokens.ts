/**
 * Token vocabulary of the Milvus filter language (Plan.g4 plus newest-master additions).
 *
 * Milvus's ANTLR lexer takes the longest match; Chevrotain takes the first pattern that matches.
 * The order below, plus `longer_alt` on keywords, reproduces the longest-match result:
 * composite identifier tokens (`a["k"]`, `s[0][sub]`, `s[sub]`), prefixed and raw strings come
 * before keywords and plain identifiers, and longer operators before their prefixes.
 *
 * The parser uses these token types. The patterns define the language's tokens; lexer.ts scans
 * text into exactly the tokens Chevrotain's Lexer would build from this list (tested side by side
 * in test/syntax/lexer.test.ts), without the Lexer's construction cost at start-up.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import { jsonIdentifierEnd, matcher, rawStringEnd, stringEnd, unterminatedStringEnd, type TokenMatcher } from "./scan.js";

const ID = "[a-zA-Z_][a-zA-Z0-9_]*";
const DEC = "(?:0|[1-9][0-9]*)";
// The regular expressions that scan.ts implements by hand (kept for the serialised grammar).
// A backslash escapes any character except a lone CR; backslash-newline is allowed in normal strings.
const DQ_BODY = '"(?:[^"\\\\\\r\\n]|\\\\(?:\\r\\n|[^\\r]))*"';
const SQ_BODY = "'(?:[^'\\\\\\r\\n]|\\\\(?:\\r\\n|[^\\r]))*'";
const STRING = `(?:u8|u|U|L)?(?:${DQ_BODY}|${SQ_BODY})`;
const RAW = `[rR](?:"(?:[^"\\\\\\r\\n]|\\\\[^\\r\\n])*"|'(?:[^'\\\\\\r\\n]|\\\\[^\\r\\n])*')`;

const sticky = (src: string): RegExp => new RegExp(src, "y");

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * A pattern for the composite `name[...]` tokens that gives up after one cheap scan unless the
 * identifier is directly followed by `[`, so ordinary identifiers do not pay for three regexes.
 */
function bracketed(pattern: string | TokenMatcher): TokenMatcher {
  const re = typeof pattern === "string" ? sticky(pattern) : undefined;
  return {
    exec(text, offset) {
      if (!bracketFollows(text, offset)) return null;
      if (re === undefined) return (pattern as TokenMatcher).exec(text, offset);
      re.lastIndex = offset;
      return re.exec(text);
    },
  };
}

// The three composite patterns are tried in a row at the same offset: scan once, answer thrice.
let scannedText = "";
let scannedOffset = -1;
let scannedResult = false;
function bracketFollows(text: string, offset: number): boolean {
  if (offset === scannedOffset && text === scannedText) return scannedResult;
  let i = offset;
  if (text.charCodeAt(i) === 36 /* $ */) i += 5; // $meta
  while (i < text.length && isIdentChar(text.charCodeAt(i))) i++;
  scannedText = text;
  scannedOffset = offset;
  scannedResult = text.charCodeAt(i) === 91; /* [ */
  return scannedResult;
}

/** Floats: only worth a regex when the digits are followed by '.', an exponent or a hex prefix. */
function floating(src: string): { exec: (text: string, offset: number) => RegExpExecArray | null } {
  const re = sticky(src);
  return {
    exec(text, offset) {
      let i = offset;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) i++;
        else break;
      }
      const c = text.charCodeAt(i);
      // '.', 'e', 'E', 'x', 'X' (hex floats start 0x)
      if (c !== 46 && c !== 101 && c !== 69 && c !== 120 && c !== 88) return null;
      re.lastIndex = offset;
      return re.exec(text);
    },
  };
}

const ID_START = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"];

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t]+/, group: Lexer.SKIPPED, start_chars_hint: [" ", "\t"] });
export const Newline = createToken({
  name: "Newline",
  pattern: /\r\n?|\n/,
  group: Lexer.SKIPPED,
  start_chars_hint: ["\r", "\n"],
  line_breaks: true,
});

// ------------------------------------------------------------ operator families (token categories)
const cat = (name: string): TokenType => createToken({ name, pattern: Lexer.NA });
export const OrOp = cat("OrOp");
export const AndOp = cat("AndOp");
export const NotOp = cat("NotOp");
export const PrefixOp = cat("PrefixOp");
export const RelationalOp = cat("RelationalOp");
export const CompareOp = cat("CompareOp");
export const AdditiveOp = cat("AdditiveOp");
export const MultiplicativeOp = cat("MultiplicativeOp");
export const NullTest = cat("NullTest");
export const ContainsFn = cat("ContainsFn");
export const SpatialFn = cat("SpatialFn");
export const MatchSimpleFn = cat("MatchSimpleFn");
export const MatchThresholdFn = cat("MatchThresholdFn");
/** Every literal token: the parser consumes them with one CONSUME. */
export const LiteralTok = cat("LiteralTok");
/** Every token that can start a binary operator (`not` only before `in`). */
export const BinaryOp = cat("BinaryOp");


// ------------------------------------------------------------ strings with prefixes, raw strings
export const StringLiteral = createToken({
  name: "StringLiteral",
  // Strings are scanned by hand (scan.ts): a regex overflows V8's stack on multi-megabyte literals.
  pattern: matcher(stringEnd, STRING),
  start_chars_hint: ['"', "'", "u", "U", "L"],
  line_breaks: true,
  label: "a string",
  categories: [LiteralTok],
});
export const RawStringLiteral = createToken({
  name: "RawStringLiteral",
  pattern: matcher(rawStringEnd, RAW),
  start_chars_hint: ["r", "R"],
  label: "a raw string",
  categories: [LiteralTok],
});

// ------------------------------------------------------------ composite identifier tokens
export const StructIndexFieldIdentifier = createToken({
  name: "StructIndexFieldIdentifier",
  pattern: bracketed(`${ID}\\[${DEC}\\]\\[${ID}\\]`),
  start_chars_hint: ID_START,
  label: "a struct element field",
});
export const JSONIdentifier = createToken({
  name: "JSONIdentifier",
  pattern: bracketed(matcher(jsonIdentifierEnd, `(?:${ID}|\\$meta)(?:\\[(?:${STRING}|${RAW}|${DEC})\\])+`)),
  start_chars_hint: [...ID_START, "$"],
  line_breaks: true,
  label: "a JSON path",
});
export const StructFieldIdentifier = createToken({
  name: "StructFieldIdentifier",
  pattern: bracketed(`${ID}\\[${ID}\\]`),
  start_chars_hint: ID_START,
  label: "a struct field",
});
export const StructSubFieldIdentifier = createToken({
  name: "StructSubFieldIdentifier",
  pattern: sticky(`\\$\\[${ID}\\]`),
  start_chars_hint: ["$"],
  label: "$[sub-field]",
});
export const Meta = createToken({ name: "Meta", pattern: /\$meta/, label: "$meta", start_chars_hint: ["$"] });
export const ElementSelf = createToken({ name: "ElementSelf", pattern: /\$/, label: "$", start_chars_hint: ["$"] });

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[a-zA-Z_][a-zA-Z0-9_]*/,
  label: "a field name",
  start_chars_hint: ID_START,
});

// ------------------------------------------------------------ keywords
/** Contextual keywords (newest master) may also be used as field and template names. */
export const ContextualKeyword = createToken({ name: "ContextualKeyword", pattern: Lexer.NA });

const keywordTokens: { token: TokenType; length: number }[] = [];
const keywordSpellings = new Map<string, TokenType>();
function kw(name: string, spellings: readonly string[], contextual = false, categories: TokenType[] = []): TokenType {
  const alternation = [...spellings].sort((a, b) => b.length - a.length).map(escapeRe).join("|");
  const cats = contextual ? [ContextualKeyword, ...categories] : categories;
  // Hints spare Chevrotain from analysing each keyword regex at start-up (cold CLI time).
  const start_chars_hint = [...new Set(spellings.map((w) => w[0]!))];
  // Never pass `categories: undefined` explicitly: Chevrotain 11 crashes on it.
  const t =
    cats.length > 0
      ? createToken({ name, pattern: new RegExp(alternation), longer_alt: Identifier, categories: cats, label: `'${spellings[0]}'`, start_chars_hint })
      : createToken({ name, pattern: new RegExp(alternation), longer_alt: Identifier, label: `'${spellings[0]}'`, start_chars_hint });
  keywordTokens.push({ token: t, length: Math.max(...spellings.map((w) => w.length)) });
  for (const w of spellings) keywordSpellings.set(w, t);
  return t;
}
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
const lowerUpper = (w: string): string[] => [w, w.toUpperCase()];

export const IsNotNull = kw("IsNotNull", ["is not null", "IS NOT NULL"], false, [NullTest]);
export const IsNull = kw("IsNull", ["is null", "IS NULL"], false, [NullTest]);
export const AndWord = kw("AndWord", lowerUpper("and"), false, [AndOp, BinaryOp]);
export const OrWord = kw("OrWord", lowerUpper("or"), false, [OrOp, BinaryOp]);
export const NotWord = kw("NotWord", lowerUpper("not"), false, [NotOp, PrefixOp, BinaryOp]);
export const In = kw("In", lowerUpper("in"), false, [BinaryOp]);
export const Like = kw("Like", lowerUpper("like"), false, [BinaryOp]);
export const Exists = kw("Exists", lowerUpper("exists"));
export const BooleanConstant = kw("BooleanConstant", ["true", "True", "TRUE", "false", "False", "FALSE"], false, [
  LiteralTok,
]);
export const TextMatchFuzzy = kw("TextMatchFuzzy", lowerUpper("text_match_fuzzy"), true);
export const TextMatch = kw("TextMatch", lowerUpper("text_match"));
export const PhraseMatch = kw("PhraseMatch", lowerUpper("phrase_match"));
export const RandomSample = kw("RandomSample", lowerUpper("random_sample"));
export const ElementFilter = kw("ElementFilter", lowerUpper("element_filter"), true);
export const MatchAll = kw("MatchAll", lowerUpper("match_all"), true, [MatchSimpleFn]);
export const MatchAny = kw("MatchAny", lowerUpper("match_any"), true, [MatchSimpleFn]);
export const MatchLeast = kw("MatchLeast", lowerUpper("match_least"), true, [MatchThresholdFn]);
export const MatchMost = kw("MatchMost", lowerUpper("match_most"), true, [MatchThresholdFn]);
export const MatchExact = kw("MatchExact", lowerUpper("match_exact"), true, [MatchThresholdFn]);
export const Threshold = kw("Threshold", lowerUpper("threshold"), true);
export const MinimumShouldMatch = kw("MinimumShouldMatch", lowerUpper("minimum_should_match"), true);
export const Interval = kw("Interval", lowerUpper("interval"), true);
export const Iso = kw("Iso", lowerUpper("iso"), true);
export const JsonContainsAll = kw("JsonContainsAll", lowerUpper("json_contains_all"), false, [ContainsFn]);
export const JsonContainsAny = kw("JsonContainsAny", lowerUpper("json_contains_any"), false, [ContainsFn]);
export const JsonContains = kw("JsonContains", lowerUpper("json_contains"), false, [ContainsFn]);
export const ArrayContainsAll = kw("ArrayContainsAll", lowerUpper("array_contains_all"), false, [ContainsFn]);
export const ArrayContainsAny = kw("ArrayContainsAny", lowerUpper("array_contains_any"), false, [ContainsFn]);
export const ArrayContains = kw("ArrayContains", lowerUpper("array_contains"), false, [ContainsFn]);
export const ArrayLength = kw("ArrayLength", lowerUpper("array_length"));
export const StEquals = kw("StEquals", lowerUpper("st_equals"), true, [SpatialFn]);
export const StTouches = kw("StTouches", lowerUpper("st_touches"), true, [SpatialFn]);
export const StOverlaps = kw("StOverlaps", lowerUpper("st_overlaps"), true, [SpatialFn]);
export const StCrosses = kw("StCrosses", lowerUpper("st_crosses"), true, [SpatialFn]);
export const StContains = kw("StContains", lowerUpper("st_contains"), true, [SpatialFn]);
export const StIntersects = kw("StIntersects", lowerUpper("st_intersects"), true, [SpatialFn]);
export const StWithin = kw("StWithin", lowerUpper("st_within"), true, [SpatialFn]);
export const StDWithin = kw("StDWithin", lowerUpper("st_dwithin"), true);
export const StIsValid = kw("StIsValid", lowerUpper("st_isvalid"), true);

// ------------------------------------------------------------ numbers
export const FloatingConstant = createToken({
  name: "FloatingConstant",
  pattern: floating(
    "0[xX](?:[0-9a-fA-F]*\\.[0-9a-fA-F]+|[0-9a-fA-F]+\\.?)[pP][+-]?[0-9]+|(?:[0-9]*\\.[0-9]+|[0-9]+\\.)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+",
  ),
  start_chars_hint: [..."0123456789."],
  line_breaks: false,
  label: "a number",
  categories: [LiteralTok],
});
export const IntegerConstant = createToken({
  name: "IntegerConstant",
  pattern: /0[xX][0-9a-fA-F]+|0[bB][01]+|[1-9][0-9]*|0[0-7]*/,
  label: "an integer",
  start_chars_hint: [..."0123456789"],
  categories: [LiteralTok],
});

// ------------------------------------------------------------ operators and punctuation
const op = (name: string, pattern: string, categories: TokenType[] = []): TokenType =>
  categories.length > 0
    ? createToken({ name, pattern, label: `'${pattern}'`, categories })
    : createToken({ name, pattern, label: `'${pattern}'` });

export const AndSym = op("AndSym", "&&", [AndOp, BinaryOp]);
export const OrSym = op("OrSym", "||", [OrOp, BinaryOp]);
export const Pow = op("Pow", "**", [BinaryOp]);
export const Mul = op("Mul", "*", [MultiplicativeOp, BinaryOp]);
export const Div = op("Div", "/", [MultiplicativeOp, BinaryOp]);
export const Mod = op("Mod", "%", [MultiplicativeOp, BinaryOp]);
export const Add = op("Add", "+", [AdditiveOp, PrefixOp, BinaryOp]);
export const Sub = op("Sub", "-", [AdditiveOp, PrefixOp, BinaryOp]);
export const Shl = op("Shl", "<<", [BinaryOp]);
export const Shr = op("Shr", ">>", [BinaryOp]);
export const Le = op("Le", "<=", [RelationalOp, CompareOp, BinaryOp]);
export const Lt = op("Lt", "<", [RelationalOp, CompareOp, BinaryOp]);
export const Ge = op("Ge", ">=", [RelationalOp, CompareOp, BinaryOp]);
export const Gt = op("Gt", ">", [RelationalOp, CompareOp, BinaryOp]);
export const Eq = op("Eq", "==", [CompareOp, BinaryOp]);
export const RegexMatch = op("RegexMatch", "=~", [BinaryOp]);
export const Assign = op("Assign", "=");
export const Ne = op("Ne", "!=", [CompareOp, BinaryOp]);
export const RegexNotMatch = op("RegexNotMatch", "!~", [BinaryOp]);
export const Bang = op("Bang", "!", [NotOp, PrefixOp, BinaryOp]);
export const BitAnd = op("BitAnd", "&", [BinaryOp]);
export const BitOr = op("BitOr", "|", [BinaryOp]);
export const BitXor = op("BitXor", "^", [BinaryOp]);
export const BitNot = op("BitNot", "~", [PrefixOp]);
export const LParen = op("LParen", "(");
export const RParen = op("RParen", ")");
export const LBrace = op("LBrace", "{");
export const RBrace = op("RBrace", "}");
export const Comma = op("Comma", ",");
export const EmptyArray = createToken({
  name: "EmptyArray",
  pattern: /\[[ \t\r\n]*\]/,
  line_breaks: true,
  label: "[]",
  start_chars_hint: ["["],
});
export const LBrack = op("LBrack", "[");
export const RBrack = op("RBrack", "]");

/**
 * A list body of many literals (lexer.ts `lexForParser`, LEXER_TUNING.literalRunMin): one token instead of
 * one per literal and comma, so that a long `in` list costs no object per element. Not a pattern
 * of the language: the literals and commas it stands for are.
 */
export const LiteralRun = createToken({ name: "LiteralRun", pattern: Lexer.NA, label: "a list of literals" });

// ------------------------------------------------------------ error tokens (become diagnostics)
/** A string whose closing quote is missing before the end of the line. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: matcher(unterminatedStringEnd, `"(?:[^"\\\\\\r\\n]|\\\\[^\\r\\n])*|'(?:[^'\\\\\\r\\n]|\\\\[^\\r\\n])*`),
  start_chars_hint: ['"', "'"],
});
/** Any character no token accepts. Caught here so that no lexer error is ever skipped silently. */
export const BadCharacter = createToken({ name: "BadCharacter", pattern: /[\s\S]/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Newline,
  StringLiteral,
  RawStringLiteral,
  StructIndexFieldIdentifier,
  JSONIdentifier,
  StructFieldIdentifier,
  StructSubFieldIdentifier,
  Meta,
  ElementSelf,
  // Longest keywords first, so `interval` is not read as `in` + longer_alt Identifier.
  ...[...keywordTokens].sort((a, b) => b.length - a.length).map((k) => k.token),
  ContextualKeyword,
  LiteralTok,
  BinaryOp,
  OrOp,
  AndOp,
  NotOp,
  PrefixOp,
  RelationalOp,
  CompareOp,
  AdditiveOp,
  MultiplicativeOp,
  NullTest,
  ContainsFn,
  SpatialFn,
  MatchSimpleFn,
  MatchThresholdFn,
  Identifier,
  FloatingConstant,
  IntegerConstant,
  AndSym,
  OrSym,
  Pow,
  Mul,
  Div,
  Mod,
  Add,
  Sub,
  Shl,
  Shr,
  Le,
  Lt,
  Ge,
  Gt,
  Eq,
  RegexMatch,
  Assign,
  Ne,
  RegexNotMatch,
  Bang,
  BitAnd,
  BitOr,
  BitXor,
  BitNot,
  LParen,
  RParen,
  LBrace,
  RBrace,
  Comma,
  EmptyArray,
  LBrack,
  RBrack,
  LiteralRun,
  UnterminatedString,
  BadCharacter,
];

/**
 * Every spelling of a keyword token (`and`, `AND`, `is not null`, `true`, …) to its token type.
 * The lexer (lexer.ts) reads a word and looks it up here.
 */
export const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = keywordSpellings;

/** Every keyword spelling, for hints such as "'And' is not a keyword: write 'and' or 'AND'". */
export const KEYWORD_SPELLINGS: ReadonlyMap<string, readonly string[]> = new Map(
  [
    ["and", ["and", "AND", "&&"]],
    ["or", ["or", "OR", "||"]],
    ["not", ["not", "NOT", "!"]],
    ["in", ["in", "IN"]],
    ["like", ["like", "LIKE"]],
    ["exists", ["exists", "EXISTS"]],
    ["true", ["true", "True", "TRUE"]],
    ["false", ["false", "False", "FALSE"]],
  ] as const,
);
