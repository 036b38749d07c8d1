/**
 * Which names may be printed where. The printer never trusts a name in an AST: a name that the
 * lexer would not read back as the same single token is refused (PrintError), so a hand-built or
 * forged tree cannot smuggle operators into the output through `Identifier.name` and friends.
 *
 * Keyword-ness is decided by the project's own lexer, so this module cannot drift from it.
 */
import { tokenMatcher } from "chevrotain";
import * as T from "../../syntax/tokens.js";
import { lex } from "../../syntax/lexer.js";

/** `[a-zA-Z_][a-zA-Z0-9_]*`, the ASCII identifier grammar of Milvus (Plan.g4 `Identifier`). */
export const IDENTIFIER_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A JSON-path index key: `0` or a decimal without leading zeros (Plan.g4 `DecimalConstant`). */
export const INDEX_RE = /^(?:0|[1-9][0-9]*)$/;

/** What a name is to the lexer. */
export type NameClass =
  /** not an identifier at all */
  | "invalid"
  /** a plain identifier */
  | "identifier"
  /** a contextual keyword (`iso`, `threshold`, `st_equals`, …): usable as a field or template name */
  | "contextual"
  /** a reserved keyword (`and`, `in`, `like`, `true`, `json_contains`, …): never a name */
  | "reserved";

const cache = new Map<string, NameClass>();

/** Classifies `name` exactly as the filter lexer would read it. */
export function classifyName(name: string): NameClass {
  let c = cache.get(name);
  if (c !== undefined) return c;
  if (!IDENTIFIER_RE.test(name)) return "invalid";
  const toks = lex(name);
  if (toks.length !== 1 || toks[0]!.image !== name) c = "invalid";
  else if (toks[0]!.tokenType === T.Identifier) c = "identifier";
  else if (tokenMatcher(toks[0]!, T.ContextualKeyword)) c = "contextual";
  else c = "reserved";
  if (cache.size > 4096) cache.clear();
  cache.set(name, c);
  return c;
}

/** Where a name appears, which decides the tokens the grammar accepts there. */
export type NameSlot =
  /** a field in expression position: Identifier, contextual keyword, or `$meta` */
  | "expr"
  /** a bare field where the grammar wants `Identifier` (text_match, is null, ranges, …): no `$meta` */
  | "field"
  /** a generic function name or a `name=N` option name: plain Identifier only */
  | "call"
  /** a `{name}` template placeholder: Identifier or contextual keyword */
  | "template"
  /** inside a composite token (`a["k"]`, `s[sub]`, `$[sub]`): any ASCII identifier, keywords included */
  | "token";

/** True when `name` prints as the single token the slot needs. */
export function nameFits(name: string, slot: NameSlot): boolean {
  if (slot === "token") return IDENTIFIER_RE.test(name);
  if (name === "$meta") return slot === "expr";
  const c = classifyName(name);
  switch (slot) {
    case "call":
      return c === "identifier";
    default:
      return c === "identifier" || c === "contextual";
  }
}
