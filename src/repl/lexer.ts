/**
 * The REPL's own view of the token stream. `parse()` drops error tokens (they become
 * diagnostics); the REPL needs them: an unterminated string at the end of the input means "keep
 * reading lines", and completion looks at the half-typed token under the cursor.
 */
import { Lexer, type IToken } from "chevrotain";
import * as T from "../syntax/tokens.js";

let lexer: Lexer | undefined;

/** Every token of `text` except whitespace, error tokens included, in order. */
export function lexAll(text: string): IToken[] {
  lexer ??= new Lexer(T.allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
  return lexer.tokenize(text).tokens;
}

export const tokenEnd = (t: IToken): number => t.startOffset + t.image.length;

const OPENERS = new Set([T.LParen, T.LBrack, T.LBrace]);
const CLOSERS = new Set([T.RParen, T.RBrack, T.RBrace]);

/**
 * Whether a filter typed so far is unfinished, so the REPL should read another line: a bracket,
 * parenthesis or brace is still open, or the input ends inside a string (possibly after a backslash,
 * Milvus's line continuation inside strings). A string broken by a raw line break and closed on a
 * later line is not unfinished: it is an error the parser explains.
 */
export function needsMoreInput(text: string): boolean {
  const tokens = lexAll(text);
  let depth = 0;
  let unterminated = 0;
  for (const t of tokens) {
    if (OPENERS.has(t.tokenType)) depth++;
    else if (CLOSERS.has(t.tokenType)) {
      depth--;
      // More closers than openers: no later line can fix it.
      if (depth < 0) return false;
    } else if (t.tokenType === T.UnterminatedString) unterminated++;
  }
  // A trailing backslash (Milvus's in-string line continuation) is not part of the token, so an
  // open string is simply the last token.
  const last = tokens[tokens.length - 1];
  if (last?.tokenType === T.UnterminatedString && unterminated === 1) return true;
  return depth > 0 && unterminated === 0;
}
