/** Turns parser failures into messages a person can act on: what was found, what would fit. */
import type { IToken } from "chevrotain";
import type { DiagnosticInput, Span } from "../diag/diagnostic.js";

export interface TokenInfo {
  image: string;
  type: string;
}

export interface SyntaxFailure {
  kind: "mismatch" | "trailing" | "noViableAlt" | "earlyExit" | "unknown";
  /** Token type names that would have fitted. */
  expected: string[];
  ruleName: string;
  /** The offending token; undefined at the end of the input. */
  token: TokenInfo | undefined;
  previous: TokenInfo | undefined;
  next: TokenInfo | undefined;
  span: Span;
}

export function describeToken(t: IToken): TokenInfo {
  return { image: t.image, type: t.tokenType.name };
}

const WHAT: Record<string, string> = {
  RParen: "')'",
  LParen: "'('",
  RBrack: "']'",
  RBrace: "'}'",
  Comma: "','",
  Assign: "'='",
  In: "'in'",
  Iso: "'iso'",
  Interval: "'interval'",
  Threshold: "'threshold'",
  MinimumShouldMatch: "'minimum_should_match'",
  IntegerConstant: "an integer",
  StringLiteral: "a string",
  Identifier: "a field name",
  ContextualKeyword: "a field name",
  CompareOp: "a comparison operator",
  NullTest: "'is null'",
};

const KEYWORD_WORDS = new Map<string, string>([
  ["and", "'and' or 'AND'"],
  ["or", "'or' or 'OR'"],
  ["not", "'not' or 'NOT'"],
  ["in", "'in' or 'IN'"],
  ["like", "'like' or 'LIKE'"],
  ["exists", "'exists' or 'EXISTS'"],
  ["true", "'true', 'True' or 'TRUE'"],
  ["false", "'false', 'False' or 'FALSE'"],
  ["is", "'is null' / 'is not null' (or 'IS NULL' / 'IS NOT NULL')"],
]);

const VALUE_RULES = new Set(["expr", "argExpr", "callArgs", "filter"]);

function quoteTok(t: TokenInfo): string {
  const img = t.image.length > 40 ? `${t.image.slice(0, 37)}...` : t.image;
  return `'${img.replace(/\r?\n/g, "\\n")}'`;
}

function expectedPhrase(f: SyntaxFailure): string {
  if (f.kind === "noViableAlt" || f.kind === "earlyExit") {
    if (VALUE_RULES.has(f.ruleName)) return "a value";
    if (f.ruleName === "rangeField") return "a field name";
    if (f.ruleName === "cmpOp") return "a comparison operator";
  }
  const names = [...new Set(f.expected.map((e) => WHAT[e] ?? "a value"))];
  if (names.length === 0 || names.length > 3) return "a value";
  return names.join(" or ");
}

export function explainSyntaxError(f: SyntaxFailure, text: string): DiagnosticInput {
  const tok = f.token;
  const after = f.previous ? ` after ${quoteTok(f.previous)}` : "";

  if (tok === undefined) {
    return {
      code: "syntax/unexpected-end",
      message: `expected ${expectedPhrase(f)}${after} but the filter ended`,
      span: f.span,
    };
  }

  // Common slips first: they deserve a specific sentence.
  const lower = tok.image.toLowerCase();
  if (tok.type === "Identifier" && lower === "is" && f.next && /^(not|null)$/i.test(f.next.image)) {
    return {
      code: "syntax/is-null-spelling",
      message: "write 'is null' or 'is not null' with single spaces, all lower or all upper case",
      span: { start: f.span.start, end: Math.min(text.length, f.span.start + 12) },
    };
  }
  if (tok.type === "Identifier" && KEYWORD_WORDS.has(lower) && tok.image !== lower && tok.image !== tok.image.toUpperCase()) {
    return {
      code: "syntax/keyword-case",
      message: `'${tok.image}' is not a keyword: write ${KEYWORD_WORDS.get(lower)}`,
      span: f.span,
      hint: "Milvus keywords are all lower case or all upper case",
    };
  }
  if (tok.type === "Assign" && !f.ruleName.endsWith("Option")) {
    return {
      code: "syntax/assign-instead-of-equals",
      message: "'=' is not a comparison: write '=='",
      span: f.span,
    };
  }
  if (tok.type === "LParen" && f.previous && /Keyword|Threshold|Iso|Interval|MinimumShouldMatch|Match|St/.test(f.previous.type)) {
    return {
      code: "syntax/unexpected-token",
      message: `${quoteTok(f.previous)} is a reserved function name; its arguments do not fit here`,
      span: f.span,
    };
  }

  if (f.kind === "trailing") {
    return {
      code: "syntax/unexpected-token",
      message: `unexpected ${quoteTok(tok)}${after}: expected an operator such as 'and', 'or' or '==', or the end of the filter`,
      span: f.span,
    };
  }
  return {
    code: "syntax/unexpected-token",
    message: `expected ${expectedPhrase(f)}${after} but found ${quoteTok(tok)}`,
    span: f.span,
  };
}
