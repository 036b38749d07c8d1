/**
 * The REPL's own view of the token stream. `parse()` drops error tokens (they become
 * diagnostics); the REPL needs them: an unterminated string at the end of the input means "keep
 * reading lines", and completion looks at the half-typed token under the cursor.
 */
import type { IToken } from "chevrotain";
import * as T from "../syntax/tokens.js";
import { lex } from "../syntax/lexer.js";

/** Every token of `text` except whitespace, error tokens included, in order. */
export function lexAll(text: string): IToken[] {
  return lex(text);
}

export const tokenEnd = (t: IToken): number => t.startOffset + t.image.length;

const OPENERS = new Set([T.LParen, T.LBrack, T.LBrace]);
const CLOSERS = new Set([T.RParen, T.RBrack, T.RBrace]);

/**
 * Whether a filter typed so far is unfinished, so the REPL should read another line: a bracket,
 * parenthesis or brace is still open. An open string never continues: Milvus allows no raw line
 * break inside a string, and a backslash before the line break (which its grammar lexes) is then
 * refused by Go's `strconv.Unquote`, so no later line could complete it. Such input is checked at
 * once and its error shown.
 */
export function needsMoreInput(text: string): boolean {
  let depth = 0;
  for (const t of lexAll(text)) {
    if (OPENERS.has(t.tokenType)) depth++;
    else if (CLOSERS.has(t.tokenType)) {
      depth--;
      // More closers than openers: no later line can fix it.
      if (depth < 0) return false;
    } else if (t.tokenType === T.UnterminatedString) return false;
  }
  return depth > 0;
}
