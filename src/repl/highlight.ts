/**
 * Colour for the line being typed, by token class, from the same lexer the parser uses (so what
 * is coloured as a keyword is what Milvus reads as one). Only for a terminal with colour on.
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "../syntax/tokens.js";
import { lexAll, tokenEnd } from "./lexer.js";
import { palette } from "./render.js";

export type TokenClass = "keyword" | "string" | "number" | "name" | "error" | "other";

const NUMBERS: ReadonlySet<TokenType> = new Set([T.IntegerConstant, T.FloatingConstant]);
const STRINGS: ReadonlySet<TokenType> = new Set([T.StringLiteral, T.RawStringLiteral]);
const NAMES: ReadonlySet<TokenType> = new Set([
  T.Identifier,
  T.JSONIdentifier,
  T.Meta,
  T.StructFieldIdentifier,
  T.StructIndexFieldIdentifier,
  T.StructSubFieldIdentifier,
  T.ElementSelf,
]);
const ERRORS: ReadonlySet<TokenType> = new Set([T.UnterminatedString, T.BadCharacter]);

export function tokenClass(t: IToken): TokenClass {
  const type = t.tokenType;
  if (ERRORS.has(type)) return "error";
  if (STRINGS.has(type)) return "string";
  if (NUMBERS.has(type)) return "number";
  if (NAMES.has(type)) return "name";
  // Keyword tokens are labelled with their first spelling in quotes ('and', 'json_contains');
  // operators too, but theirs does not start with a letter.
  if (/^'[A-Za-z_]/.test(type.LABEL ?? "")) return "keyword";
  return "other";
}

/** `text` with ANSI colours per token; the characters (and so the cursor columns) are unchanged. */
export function highlight(text: string): string {
  const c = palette(true);
  const paint: Record<TokenClass, (s: string) => string> = {
    keyword: c.cyan,
    string: c.green,
    number: c.yellow,
    name: (s) => s,
    error: c.red,
    other: (s) => s,
  };
  let out = "";
  let at = 0;
  for (const t of lexAll(text)) {
    out += text.slice(at, t.startOffset) + paint[tokenClass(t)](t.image);
    at = tokenEnd(t);
  }
  return out + text.slice(at);
}
