/**
 * Tab completion, as a pure function of the text before the cursor and what the session knows
 * (schema, rows, template names, target). Chevrotain has no content assist, so the context comes
 * from the token stream (error tokens included): the token before the cursor decides whether an
 * operand (field, function, keyword), an operator (by the field's type), a value, or a JSON key
 * fits there.
 *
 * The result follows node:readline's completer contract: `[candidates, replacedPrefix]`, where
 * `replacedPrefix` is the end of the line that a chosen candidate replaces.
 */
import type { IToken, TokenType } from "chevrotain";
import { tokenMatcher } from "chevrotain";
import * as T from "../syntax/tokens.js";
import { featureAccepted, type Feature, type Target } from "../check/index.js";
import { isVectorType, type CollectionSchema, type DataType } from "../schema/index.js";
import type { Row } from "../rows/index.js";
import { isJsonFloat } from "../util/json.js";
import { lexAll, tokenEnd } from "./lexer.js";

export type Completion = [candidates: string[], replacedPrefix: string];

/** A value seen in the rows, kept as what a filter would write. */
export type SeenValue = { readonly kind: "string"; readonly value: string } | { readonly kind: "literal"; readonly text: string };

/** Keys and values seen in loaded rows, by JSON path from the row root (keys joined by U+0000; "" is the row). */
export interface RowIndex {
  readonly keys: ReadonlyMap<string, readonly string[]>;
  readonly values: ReadonlyMap<string, readonly SeenValue[]>;
}

export interface CompletionState {
  readonly schema?: CollectionSchema;
  readonly rows?: RowIndex;
  /** Template names that have values (`.params`). */
  readonly params?: readonly string[];
  readonly target?: Target;
  /** Earlier lines of an unfinished multi-line filter (each ending in "\n"). */
  readonly pending?: string;
  /** REPL command names, without the dot. */
  readonly commands?: readonly string[];
  /** Values a command argument may take, by command name (e.g. target → the releases). */
  readonly commandArgs?: Readonly<Record<string, readonly string[]>>;
  /** File-name completion for commands that take a file: candidates that start with `partial`. */
  readonly listFiles?: (partial: string) => readonly string[];
  /** Commands whose argument is a file. */
  readonly fileCommands?: readonly string[];
}

// ------------------------------------------------------------------ the row index

const MAX_ROWS_INDEXED = 5000;
const MAX_KEYS_PER_PATH = 200;
const MAX_VALUES_PER_PATH = 50;
const MAX_DEPTH = 4;
const SEP = "\u0000";

/** Collects object keys and distinct scalar values per JSON path (bounded: rows, depth, keys, values). */
export function buildRowIndex(rows: readonly Row[]): RowIndex {
  const keys = new Map<string, Set<string>>();
  const values = new Map<string, Map<string, SeenValue>>();
  const addValue = (path: string, v: unknown): void => {
    let seen: SeenValue | undefined;
    if (typeof v === "string") seen = { kind: "string", value: v };
    else if (typeof v === "bigint") seen = { kind: "literal", text: v.toString() };
    else if (typeof v === "number" && Number.isFinite(v)) seen = { kind: "literal", text: String(v) };
    else if (typeof v === "boolean") seen = { kind: "literal", text: String(v) };
    else if (isJsonFloat(v)) seen = { kind: "literal", text: v.raw };
    if (!seen) return;
    let m = values.get(path);
    if (!m) values.set(path, (m = new Map()));
    const key = seen.kind === "string" ? `s${seen.value}` : `l${seen.text}`;
    if (m.size < MAX_VALUES_PER_PATH && !m.has(key)) m.set(key, seen);
  };
  const visit = (obj: Record<string, unknown>, path: string, depth: number): void => {
    let ks = keys.get(path);
    if (!ks) keys.set(path, (ks = new Set()));
    for (const k of Object.keys(obj)) {
      if (ks.size < MAX_KEYS_PER_PATH) ks.add(k);
      const v = obj[k];
      const sub = path === "" ? k : `${path}${SEP}${k}`;
      if (isObject(v)) {
        if (depth < MAX_DEPTH) visit(v, sub, depth + 1);
      } else if (!Array.isArray(v)) addValue(sub, v);
    }
  };
  for (let i = 0; i < rows.length && i < MAX_ROWS_INDEXED; i++) {
    const row = rows[i];
    if (isObject(row)) visit(row, "", 0);
  }
  return {
    keys: new Map([...keys].map(([p, s]) => [p, [...s]])),
    values: new Map([...values].map(([p, m]) => [p, [...m.values()]])),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isJsonFloat(v);
}

// ------------------------------------------------------------------ vocabulary

const COMPARE = ["==", "!=", "<", "<=", ">", ">="];
const EQUALITY = ["==", "!="];
const MEMBERSHIP = ["in", "not in"];
const NULL_TESTS = ["is null", "is not null"];
const LOGIC = ["and", "or"];
const ARITH_INT = ["+", "-", "*", "/", "%"];
const ARITH_FLOAT = ["+", "-", "*", "/"];
const REGEX = ["=~", "!~"];

/** Functions, with the feature that gates them (undefined: every target). */
const FUNCTIONS: readonly { name: string; feature?: Feature }[] = [
  { name: "array_contains" },
  { name: "array_contains_all" },
  { name: "array_contains_any" },
  { name: "array_length" },
  { name: "json_contains" },
  { name: "json_contains_all" },
  { name: "json_contains_any" },
  { name: "text_match", feature: "text-match" },
  { name: "phrase_match", feature: "phrase-match" },
  { name: "text_match_fuzzy", feature: "text-match-fuzzy" },
  { name: "random_sample", feature: "random-sample" },
  { name: "element_filter", feature: "element-filter" },
  { name: "match_all", feature: "element-filter" },
  { name: "match_any", feature: "element-filter" },
  { name: "match_least", feature: "element-filter" },
  { name: "match_most", feature: "element-filter" },
  { name: "match_exact", feature: "element-filter" },
  { name: "st_contains", feature: "geometry" },
  { name: "st_crosses", feature: "geometry" },
  { name: "st_dwithin", feature: "geometry" },
  { name: "st_equals", feature: "geometry" },
  { name: "st_intersects", feature: "geometry" },
  { name: "st_isvalid", feature: "st-isvalid" },
  { name: "st_overlaps", feature: "geometry" },
  { name: "st_touches", feature: "geometry" },
  { name: "st_within", feature: "geometry" },
];

const allowed = (feature: Feature | undefined, target: Target | undefined): boolean =>
  feature === undefined || target === undefined || featureAccepted(feature, target);

// ------------------------------------------------------------------ entry point

/** Completions for `line` with the cursor at `cursor` (a UTF-16 offset into `line`). */
export function complete(line: string, cursor: number, state: CompletionState = {}): Completion {
  try {
    const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
    if (/^\s*\.[A-Za-z]/.test(before) || /^\s*\.$/.test(before)) return completeCommand(before, state);
    return completeFilter((state.pending ?? "") + before, state);
  } catch {
    return [[], ""];
  }
}

function completeCommand(before: string, state: CompletionState): Completion {
  const name = /^\s*\.([A-Za-z]*)$/.exec(before);
  if (name) {
    const typed = `.${name[1]}`;
    return [(state.commands ?? []).map((c) => `.${c}`).filter((c) => c.startsWith(typed)), typed];
  }
  const arg = /^\s*\.([A-Za-z]+)\s+(.*)$/.exec(before);
  if (!arg) return [[], ""];
  const [, command, typed] = arg as unknown as [string, string, string];
  const fixed = state.commandArgs?.[command];
  if (fixed) return [fixed.filter((v) => v.startsWith(typed)), typed];
  if (state.fileCommands?.includes(command) && state.listFiles) {
    return [[...state.listFiles(typed)].filter((f) => f.startsWith(typed)), typed];
  }
  return [[], typed];
}

// ------------------------------------------------------------------ filters

const OPERAND_END: readonly TokenType[] = [
  T.Identifier,
  T.JSONIdentifier,
  T.StructFieldIdentifier,
  T.StructIndexFieldIdentifier,
  T.StructSubFieldIdentifier,
  T.Meta,
  T.ElementSelf,
  T.StringLiteral,
  T.RawStringLiteral,
  T.IntegerConstant,
  T.FloatingConstant,
  T.BooleanConstant,
  T.RParen,
  T.RBrack,
  T.RBrace,
  T.EmptyArray,
  T.IsNull,
  T.IsNotNull,
];
const REFERENCE: readonly TokenType[] = [T.Identifier, T.JSONIdentifier, T.StructFieldIdentifier, T.StructIndexFieldIdentifier, T.Meta];
const LITERAL: readonly TokenType[] = [T.StringLiteral, T.RawStringLiteral, T.IntegerConstant, T.FloatingConstant, T.BooleanConstant];

const is = (t: IToken | undefined, types: readonly TokenType[]): boolean => t !== undefined && types.includes(t.tokenType);
const isCat = (t: IToken | undefined, cat: TokenType): boolean => t !== undefined && tokenMatcher(t, cat);

function completeFilter(text: string, state: CompletionState): Completion {
  const tokens = lexAll(text);
  const end = text.length;
  const last = tokens[tokens.length - 1];
  const atEnd = last !== undefined && tokenEnd(last) === end;

  // Inside a string: a JSON key after `name[`, or a value seen in the rows after an operator.
  if (atEnd && last.tokenType === T.UnterminatedString) {
    const quote = last.image[0]!;
    const typed = last.image.slice(1);
    const opener = tokens[tokens.length - 2];
    if (opener?.tokenType === T.LBrack && tokenEnd(opener) === last.startOffset) {
      const base = tokens[tokens.length - 3];
      const paths = base && tokenEnd(base) === opener.startOffset ? referencePaths(base, state) : undefined;
      if (!paths) return [[], typed];
      return [keysAt(paths, state).map((k) => `${escapeIn(k, quote)}${quote}]`).filter((c) => c.startsWith(typed)), typed];
    }
    const paths = valueContextPaths(tokens, tokens.length - 1, state);
    const strings = paths ? valuesAt(paths, state).filter((v): v is Extract<SeenValue, { kind: "string" }> => v.kind === "string") : [];
    return [strings.map((v) => `${escapeIn(v.value, quote)}${quote}`).filter((c) => c.startsWith(typed)), typed];
  }

  // Right after `name[`: the keys seen under that path.
  if (atEnd && last.tokenType === T.LBrack) {
    const base = tokens[tokens.length - 2];
    if (base && tokenEnd(base) === last.startOffset && is(base, REFERENCE)) {
      const paths = referencePaths(base, state);
      return [paths ? keysAt(paths, state).map((k) => `"${escapeIn(k, '"')}"]`) : [], ""];
    }
  }

  // An operator after an operand: the longest tail of the text that starts one wins, so
  // `price is n` offers `is null` / `is not null`.
  for (let i = Math.max(1, tokens.length - 3); i <= tokens.length; i++) {
    const prev = tokens[i - 1]!;
    if (!is(prev, OPERAND_END)) continue;
    let tail: string;
    if (i < tokens.length) tail = text.slice(tokens[i]!.startOffset);
    else if (tokenEnd(prev) < end) tail = "";
    else continue; // the cursor touches the operand: it is being typed, not followed
    const operators = operatorsAfter(tokens, i - 1, state);
    const cased = /[A-Z]/.test(tail) && tail === tail.toUpperCase() ? operators.map((o) => o.toUpperCase()) : operators;
    const matches = cased.filter((o) => o.startsWith(tail));
    if (matches.length > 0 || tail === "") return [matches, tail];
  }

  // An operand, value or keyword: the word being typed, in the context of the token before it.
  const word = /[A-Za-z_$][A-Za-z0-9_]*$/.exec(text)?.[0] ?? "";
  const wordStart = end - word.length;
  let p = tokens.length - 1;
  while (p >= 0 && tokens[p]!.startOffset >= wordStart) p--;
  const prev = p >= 0 ? tokens[p] : undefined;
  const upper = /[A-Z]/.test(word) && word === word.toUpperCase() && word.length > 1;
  const kw = (w: string): string => (upper ? w.toUpperCase() : w);
  const pick = (list: readonly string[]): Completion => [dedupe(list).filter((c) => c.startsWith(word)), word];

  if (prev === undefined || is(prev, [T.LParen, T.Comma]) || isCat(prev, T.AndOp) || isCat(prev, T.OrOp) || isCat(prev, T.NotOp)) {
    if (prev && is(prev, [T.Comma]) && inList(tokens, p)) return pick(listValues(tokens, p, state));
    return pick([...fieldNames(state), ...functionNames(state).map((f) => `${kw(f)}(`), kw("not"), kw("exists")]);
  }
  if (prev.tokenType === T.LBrace) return pick((state.params ?? []).map((n) => `${n}}`));
  if (prev.tokenType === T.Exists) return pick(fieldNames(state).filter((f) => jsonLike(f, state)));
  if (prev.tokenType === T.In) {
    return pick(["[", ...(state.params ?? []).map((n) => `{${n}}`)]);
  }
  if (prev.tokenType === T.LBrack) return pick(listValues(tokens, p, state));
  if (isCat(prev, T.CompareOp) || isCat(prev, T.AdditiveOp) || isCat(prev, T.MultiplicativeOp) || is(prev, [T.Like, T.RegexMatch, T.RegexNotMatch, T.Pow, T.Shl, T.Shr, T.BitAnd, T.BitOr, T.BitXor])) {
    const paths = valueContextPaths(tokens, p + 1, state);
    const seen = paths ? valuesAt(paths, state).map(literalText) : [];
    return pick([...seen, ...fieldNames(state), "true", "false", ...(state.params ?? []).map((n) => `{${n}}`)]);
  }
  return [[], word];
}

function dedupe(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/** Operators that may follow the operand token `tokens[i]`. */
function operatorsAfter(tokens: readonly IToken[], i: number, state: CompletionState): string[] {
  const t = tokens[i]!;
  const target = state.target;
  const nullTests = allowed("is-null", target) ? NULL_TESTS : [];
  if (is(t, REFERENCE)) {
    const field = t.tokenType === T.Identifier ? state.schema?.field(t.image) : undefined;
    if (!field) {
      // A JSON path, a dynamic key or no schema: anything a JSON value allows.
      return [...COMPARE, ...MEMBERSHIP, "like", ...(allowed("regex", target) ? REGEX : []), ...nullTests, ...ARITH_INT];
    }
    return fieldOperators(field.dataType, target, nullTests);
  }
  if (t.tokenType === T.RParen) return [...LOGIC, ...COMPARE];
  if (is(t, LITERAL) || t.tokenType === T.RBrace) {
    // A literal that starts an operand (`1 < x < 5`) is followed by a comparison; elsewhere the
    // comparison is complete and and/or come next.
    const before = tokens[i - 1];
    const starts = before === undefined || is(before, [T.LParen]) || isCat(before, T.AndOp) || isCat(before, T.OrOp) || isCat(before, T.NotOp);
    return starts ? [...COMPARE] : [...LOGIC];
  }
  return [...LOGIC];
}

function fieldOperators(type: DataType, target: Target | undefined, nullTests: readonly string[]): string[] {
  switch (type) {
    case "Bool":
      return [...EQUALITY, ...MEMBERSHIP, ...nullTests];
    case "Int8":
    case "Int16":
    case "Int32":
    case "Int64":
      return [...COMPARE, ...MEMBERSHIP, ...nullTests, ...ARITH_INT];
    case "Float":
    case "Double":
      return [...COMPARE, ...MEMBERSHIP, ...nullTests, ...ARITH_FLOAT];
    case "VarChar":
    case "String":
      return [...COMPARE, ...MEMBERSHIP, "like", ...(allowed("regex", target) ? REGEX : []), ...nullTests];
    case "JSON":
      return [...COMPARE, ...MEMBERSHIP, "like", ...(allowed("regex", target) ? REGEX : []), ...nullTests, ...ARITH_INT];
    case "Decimal":
    case "Date":
    case "Time":
    case "Timestamptz":
      return [...COMPARE, ...MEMBERSHIP, ...nullTests];
    default:
      return isVectorType(type) ? [] : [...nullTests];
  }
}

/** A name whose value may be a JSON object: a JSON field, `$meta`, or a dynamic key. */
function jsonLike(name: string, state: CompletionState): boolean {
  const field = state.schema?.field(name);
  return field ? field.dataType === "JSON" : state.schema?.struct(name) === undefined;
}

/** Field names, struct containers, `$meta` and dynamic keys seen in rows. */
function fieldNames(state: CompletionState): string[] {
  const schema = state.schema;
  const out: string[] = [];
  if (schema) {
    for (const f of schema.columns) if (!isVectorType(f.dataType)) out.push(f.name);
    for (const s of schema.structs) out.push(s.name);
    if (schema.enableDynamicField) out.push("$meta");
  }
  if (!schema || schema.enableDynamicField) {
    const rootKeys = [...(state.rows?.keys.get("") ?? []), ...(state.rows?.keys.get("$meta") ?? [])];
    const dynamic = rootKeys.filter((k) => k !== "$meta" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !schema?.field(k) && !schema?.struct(k));
    out.push(...[...new Set(dynamic)].sort());
  }
  return out;
}

function functionNames(state: CompletionState): string[] {
  return FUNCTIONS.filter((f) => allowed(f.feature, state.target)).map((f) => f.name);
}

// ------------------------------------------------------------------ JSON paths and values

/** The row-index paths a reference token reads (several when a dynamic key may sit in `$meta` or at the top). */
function referencePaths(tok: IToken, state: CompletionState): string[] | undefined {
  const parsed = splitReference(tok);
  if (!parsed) return undefined;
  const { base, keys } = parsed;
  const schema = state.schema;
  const join = (...parts: string[]): string => parts.join(SEP);
  if (base === "$meta") {
    if (keys.length === 0) return ["$meta", ""];
    const [head, ...rest] = keys as [string, ...string[]];
    return [join("$meta", head, ...rest), ...(schema?.field(head) ? [] : [join(head, ...rest)])];
  }
  const field = schema?.field(base);
  if (field && field.dataType !== "JSON") return keys.length === 0 ? [base] : undefined;
  if (field || !schema) return [join(base, ...keys)];
  return [join(base, ...keys), join("$meta", base, ...keys)];
}

/** `name`, `$meta` or `name["a"]['b']` split into the base and its keys; undefined past an array index. */
function splitReference(tok: IToken): { base: string; keys: string[] } | undefined {
  if (tok.tokenType === T.Identifier || tok.tokenType === T.Meta) return { base: tok.image, keys: [] };
  if (tok.tokenType !== T.JSONIdentifier) return undefined;
  const img = tok.image;
  const head = /^(\$meta|[A-Za-z_][A-Za-z0-9_]*)/.exec(img);
  if (!head) return undefined;
  const keys: string[] = [];
  let i = head[0].length;
  while (i < img.length && img[i] === "[") {
    const close = findClose(img, i + 1);
    if (close < 0) return undefined;
    const inner = img.slice(i + 1, close);
    const key = decodeKey(inner);
    if (key === undefined) return undefined;
    keys.push(key);
    i = close + 1;
  }
  return { base: head[1]!, keys };
}

/** The index of the `]` that closes a bracket whose content starts at `from` (quotes respected). */
function findClose(s: string, from: number): number {
  let quote = "";
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "]") return i;
  }
  return -1;
}

/** A bracket's key: a quoted or raw string's content; undefined for an array index. */
function decodeKey(inner: string): string | undefined {
  if (/^[0-9]+$/.test(inner)) return undefined;
  const raw = /^[rR](["'])([\s\S]*)\1$/.exec(inner);
  if (raw) return raw[2];
  const m = /^(?:u8|u|U|L)?(["'])([\s\S]*)\1$/.exec(inner);
  if (!m) return undefined;
  return m[2]!.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r" })[c] ?? c);
}

function keysAt(paths: readonly string[], state: CompletionState): string[] {
  const out = new Set<string>();
  for (const p of paths) for (const k of state.rows?.keys.get(p) ?? []) if (!(p === "" && k === "$meta")) out.add(k);
  if (paths.includes("")) {
    // `$meta[...]` lists dynamic keys only: schema fields are not in the dynamic field.
    for (const k of [...out]) if (state.schema?.field(k) || state.schema?.struct(k)) out.delete(k);
  }
  return [...out].sort();
}

function valuesAt(paths: readonly string[], state: CompletionState): SeenValue[] {
  const out: SeenValue[] = [];
  for (const p of paths) out.push(...(state.rows?.values.get(p) ?? []));
  return out;
}

function literalText(v: SeenValue): string {
  return v.kind === "string" ? `"${escapeIn(v.value, '"')}"` : v.text;
}

/** Escapes for a string written between `quote`s. */
function escapeIn(s: string, quote: string): string {
  return s.replace(/[\\"'\n\r\t]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return c === "\\" || c === quote ? `\\${c}` : c;
  });
}

/**
 * For a value typed at token index `at` (the operator is at `at - 1`): the paths of the
 * reference on the operator's left, e.g. `color` in `color == "re`.
 */
function valueContextPaths(tokens: readonly IToken[], at: number, state: CompletionState): string[] | undefined {
  const op = tokens[at - 1];
  if (!op || !(isCat(op, T.CompareOp) || op.tokenType === T.Like || op.tokenType === T.RegexMatch || op.tokenType === T.RegexNotMatch)) return undefined;
  const left = tokens[at - 2];
  return left && is(left, REFERENCE) ? referencePaths(left, state) : undefined;
}

/** Whether the token at `i` sits inside an unclosed `[` (a list). */
function inList(tokens: readonly IToken[], i: number): boolean {
  return openBracket(tokens, i) >= 0;
}

function openBracket(tokens: readonly IToken[], i: number): number {
  let depth = 0;
  for (let k = i; k >= 0; k--) {
    const t = tokens[k]!.tokenType;
    if (t === T.RBrack || t === T.RParen) depth++;
    else if (t === T.LBrack || t === T.LParen) {
      if (depth === 0) return t === T.LBrack ? k : -1;
      depth--;
    }
  }
  return -1;
}

/** Inside `field in [ …`: the values seen for that field. */
function listValues(tokens: readonly IToken[], i: number, state: CompletionState): string[] {
  const open = openBracket(tokens, i);
  if (open < 1) return [];
  const inTok = tokens[open - 1];
  if (!inTok || inTok.tokenType !== T.In) return [];
  let fieldAt = open - 2;
  if (tokens[fieldAt]?.tokenType === T.NotWord) fieldAt--;
  const field = tokens[fieldAt];
  const paths = field && is(field, REFERENCE) ? referencePaths(field, state) : undefined;
  if (!paths) return [];
  // Values already in the list are not offered again.
  const typed = new Set(tokens.slice(open + 1, i + 1).map((t) => t.image));
  return valuesAt(paths, state)
    .map(literalText)
    .filter((v) => !typed.has(v));
}
