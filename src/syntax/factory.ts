/** Builds AST nodes from tokens for the grammar actions: ids, spans and literal decoding. */
import type { IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { LITERAL_RUN_KINDS, type LiteralRun } from "./lexer.js";
import type { Span } from "../diag/diagnostic.js";
import { decodeJsonKey, decodeRawString, decodeStringLiteral, parseFloatLiteral, parseIntegerLiteral } from "./literals.js";

type Fields<N> = N extends unknown ? Omit<N, "id" | "span"> : never;

const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });

/** Small integers, shared (a bigint is immutable): filled on first use. */
const SMALL = new Array<bigint | undefined>(1024).fill(undefined); // (filled: no hole reads through to Array.prototype)

/**
 * The value of a decimal integer token (no leading zero). Short ones are summed digit by digit in
 * a double, which is exact below 2^53 and quicker than BigInt's string parser or `Number(raw)`
 * (a call into the runtime for a fresh string); small ones are shared.
 */
function decimal(raw: string): bigint {
  if (raw.length > 15) return BigInt(raw);
  let n = 0;
  for (let k = 0; k < raw.length; k++) n = n * 10 + (raw.charCodeAt(k) - 48);
  return n < 1024 ? (SMALL[n] ??= BigInt(n)) : BigInt(n);
}

/** A literal node from its token type and text. */
function literalNode(type: TokenType, raw: string, span: Span, id: number): A.Literal {
  switch (type) {
    case T.IntegerConstant:
      // The lexer has validated the digits; plain decimals need no base detection.
      return { kind: "Integer", value: raw.length === 1 || raw.charCodeAt(0) !== 48 ? decimal(raw) : parseIntegerLiteral(raw), raw, id, span };
    case T.FloatingConstant: {
      // The lexer has validated the token: a decimal one is a JavaScript number literal as well.
      const r = (raw.charCodeAt(1) | 32) === 120 /* 0x */ ? parseFloatLiteral(raw) : { ok: true, value: Number(raw) };
      return { kind: "Float", value: r.ok && Number.isFinite(r.value) ? r.value : Number.NaN, raw, id, span };
    }
    case T.BooleanConstant:
      return { kind: "Boolean", value: raw.toLowerCase() === "true", id, span };
    case T.RawStringLiteral:
      return { kind: "RawString", value: decodeRawString(raw), raw, id, span };
    default: {
      // A quoted token with no backslash and no surrogate is its own value between the quotes (the
      // lexer has checked the quotes and line breaks): no decoder call, no result object.
      if (isPlainQuoted(raw)) return { kind: "String", value: raw.slice(1, -1), raw, id, span };
      const r = decodeStringLiteral(raw);
      return r.ok ? { kind: "String", value: r.value, raw, id, span } : { kind: "String", value: null, raw, error: r.error, id, span };
    }
  }
}

/** A `"…"` or `'…'` string token (no prefix) without backslashes or surrogates. */
function isPlainQuoted(raw: string): boolean {
  const q = raw.charCodeAt(0);
  if (q !== 34 && q !== 39) return false;
  for (let i = raw.length - 2; i > 0; i--) {
    const c = raw.charCodeAt(i);
    if (c === 92 || (c & 0xf800) === 0xd800) return false;
  }
  return true;
}

function materialize(run: LiteralRun, firstId: number): A.Literal[] {
  const { text, starts, ends, kinds } = run;
  const out = new Array<A.Literal>(starts.length);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    out[i] = literalNode(LITERAL_RUN_KINDS[kinds[i]!]!, text.slice(start, end), { start, end }, firstId + i);
  }
  return out;
}

/** The compact form behind an Array node parsed from a long literal list. */
const literalLists = new WeakMap<A.Array, LiteralRun>();

/**
 * The elements of a long list of literals without making a node per element: the source text,
 * each element's offsets and token kind (see LITERAL_RUN_KINDS). Undefined for any other node,
 * whose `elements` are the way to read it. `elements` gives the same nodes either way.
 */
export function literalListOf(node: A.Array): LiteralRun | undefined {
  return literalLists.get(node);
}

export class NodeFactory {
  private nextId = 1;

  /**
   * Adds `id` and `span` to a fresh fields object (no copy). The frequent kinds are built as one
   * object literal below instead, with `id` and `span` in the same place (after the fields): adding
   * properties to a finished object costs a second allocation per node.
   */
  make<N extends A.Root>(span: Span, fields: Fields<N>): N {
    const node = fields as unknown as { id: number; span: Span };
    node.id = this.nextId++;
    node.span = span;
    return node as unknown as N;
  }

  node<N extends A.Expr>(first: IToken, last: IToken, fields: Fields<N>): N {
    return this.make<N>({ start: first.startOffset, end: last.startOffset + last.image.length }, fields);
  }

  empty(length: number): A.Empty {
    return this.make<A.Empty>({ start: 0, end: length }, { kind: "Empty" });
  }

  literal(t: IToken): A.Literal {
    return literalNode(t.tokenType, t.image, tokSpan(t), this.nextId++);
  }

  /**
   * A list written as one LiteralRun token: the node is the one `array` would build, but its
   * elements are made on first access (ids reserved now, in the order `array` would give them),
   * and `literalListOf` reads the elements' kinds and offsets without making them.
   */
  literalList(open: IToken, run: IToken, close: IToken): A.Array {
    const data = run.payload as LiteralRun;
    const firstId = this.nextId;
    this.nextId += data.starts.length;
    let elements: A.Expr[] | undefined;
    const node: A.Array = {
      kind: "Array",
      get elements(): A.Expr[] {
        return (elements ??= materialize(data, firstId));
      },
      id: this.nextId++,
      span: { start: open.startOffset, end: close.startOffset + close.image.length },
    };
    literalLists.set(node, data);
    return node;
  }

  identifier(t: IToken): A.Identifier {
    return { kind: "Identifier", name: t.image, id: this.nextId++, span: tokSpan(t) };
  }

  leaf(kind: "EmptyArray" | "ElementSelf", t: IToken): A.Expr {
    return this.make<A.EmptyArray | A.ElementSelf>(tokSpan(t), { kind } as Fields<A.EmptyArray>);
  }

  /** A single-token field reference: identifier, `$meta`, JSON path, struct forms or `$`. */
  reference(t: IToken): A.Reference {
    const img = t.image;
    const span = tokSpan(t);
    switch (t.tokenType) {
      case T.JSONIdentifier: {
        const { base, keys } = splitJsonPath(img);
        return { kind: "JSONIdentifier", base, keys, id: this.nextId++, span };
      }
      case T.StructFieldIdentifier: {
        const i = img.indexOf("[");
        return { kind: "StructField", struct: img.slice(0, i), sub: img.slice(i + 1, -1), id: this.nextId++, span };
      }
      case T.StructIndexFieldIdentifier: {
        const m = /^([^[]+)\[(\d+)\]\[([^\]]+)\]$/.exec(img)!;
        return this.make<A.StructIndexField>(span, { kind: "StructIndexField", struct: m[1]!, index: m[2]!, sub: m[3]! });
      }
      case T.StructSubFieldIdentifier:
        return this.make<A.StructSubField>(span, { kind: "StructSubField", sub: img.slice(2, -1) });
      case T.ElementSelf:
        return this.make<A.ElementSelf>(span, { kind: "ElementSelf" });
      default:
        return this.identifier(t);
    }
  }

  unary(op: IToken, operand: A.Expr): A.Unary {
    const o = op.image === "+" || op.image === "-" || op.image === "~" ? op.image : "not";
    return { kind: "Unary", op: o, operand, id: this.nextId++, span: { start: op.startOffset, end: operand.span.end } };
  }

  exists(kw: IToken, operand: A.Expr): A.Exists {
    return { kind: "Exists", operand, id: this.nextId++, span: { start: kw.startOffset, end: operand.span.end } };
  }

  isNull(operand: A.Identifier | A.JSONIdentifier, post: IToken): A.IsNull | A.IsNotNull {
    const kind = post.tokenType === T.IsNull ? "IsNull" : "IsNotNull";
    return { kind, operand, id: this.nextId++, span: { start: operand.span.start, end: post.startOffset + post.image.length } };
  }

  /** Extends `chain` (built by the same operator loop) or starts a new n-ary node. */
  logical(kind: "And" | "Or", left: A.Expr, right: A.Expr, chain: A.Expr | undefined): A.And | A.Or {
    if (chain !== undefined && chain === left && left.kind === kind) {
      (left.operands as A.Expr[]).push(right);
      // The chain's span object is its own (made below when the chain began): extended in place.
      (left.span as { end: number }).end = right.span.end;
      return left;
    }
    return { kind, operands: [left, right], id: this.nextId++, span: { start: left.span.start, end: right.span.end } };
  }

  binary<K extends A.ArithNode["kind"] | "Relational" | "Equality">(
    kind: K,
    op: string,
    left: A.Expr,
    right: A.Expr,
  ): A.Expr {
    return { kind, op, left, right, id: this.nextId++, span: { start: left.span.start, end: right.span.end } } as A.Expr;
  }

  /** Binary operators picked by token: arithmetic, bitwise, equality, like and regex. */
  operator(op: IToken, left: A.Expr, right: A.Expr): A.Expr {
    const span = { start: left.span.start, end: right.span.end };
    switch (op.tokenType) {
      case T.Like:
        return { kind: "Like", left, pattern: right, id: this.nextId++, span };
      case T.RegexMatch:
        return { kind: "RegexMatch", negated: false, left, pattern: right, id: this.nextId++, span };
      case T.RegexNotMatch:
        return { kind: "RegexMatch", negated: true, left, pattern: right, id: this.nextId++, span };
      default:
        return this.binary(OPERATOR_KIND[op.image]!, op.image, left, right);
    }
  }

  range(lower: A.Expr, lowerInclusive: boolean, field: A.RangeField, upperInclusive: boolean, upper: A.Expr): A.Range {
    const span = { start: lower.span.start, end: upper.span.end };
    return { kind: "Range", lower, lowerInclusive, field, upperInclusive, upper, id: this.nextId++, span };
  }

  reverseRange(
    upper: A.Expr,
    upperInclusive: boolean,
    field: A.RangeField,
    lowerInclusive: boolean,
    lower: A.Expr,
  ): A.ReverseRange {
    const span = { start: upper.span.start, end: lower.span.end };
    return { kind: "ReverseRange", upper, upperInclusive, field, lowerInclusive, lower, id: this.nextId++, span };
  }

  term(left: A.Expr, negated: boolean, right: A.Expr): A.Term {
    return { kind: "Term", negated, left, right, id: this.nextId++, span: { start: left.span.start, end: right.span.end } };
  }

  call(name: IToken, args: A.Expr[], close: IToken): A.Call {
    const span = { start: name.startOffset, end: close.startOffset + close.image.length };
    return { kind: "Call", name: name.image, nameSpan: tokSpan(name), args, id: this.nextId++, span };
  }

  template(open: IToken, name: IToken, close: IToken): A.TemplateVariable {
    const span = { start: open.startOffset, end: close.startOffset + close.image.length };
    return { kind: "TemplateVariable", name: name.image, id: this.nextId++, span };
  }

  array(open: IToken, elements: A.Expr[], close: IToken): A.Array {
    return { kind: "Array", elements, id: this.nextId++, span: { start: open.startOffset, end: close.startOffset + close.image.length } };
  }

  /**
   * `name=N` options. Keyword names are stored lower-case like every other keyword. Milvus reads
   * `threshold` in base 10 (so `010` is ten and `0x2` is rejected by the checker) and the others
   * with Go's base-0 rules.
   */
  intOption(name: IToken, value: IToken, base: 0 | 10 = 0): A.IntOption {
    const raw = value.image;
    const keyword = name.tokenType !== T.Identifier;
    return {
      name: keyword ? name.image.toLowerCase() : name.image,
      value: base === 10 && /^[0-9]+$/.test(raw) ? BigInt(raw) : parseIntegerLiteral(raw),
      raw,
      span: { start: name.startOffset, end: value.startOffset + value.image.length },
    };
  }

  contains(kw: IToken, target: A.Expr, value: A.Expr, close: IToken): A.Expr {
    const lower = kw.image.toLowerCase();
    const family = lower.startsWith("json") ? "json" : "array";
    const kind = lower.endsWith("_all") ? "JSONContainsAll" : lower.endsWith("_any") ? "JSONContainsAny" : "JSONContains";
    return this.node<A.JSONContains>(kw, close, { kind, family, target, value } as Fields<A.JSONContains>);
  }

  tsForward(
    field: A.Identifier,
    interval: A.TimestamptzCompareForward["interval"],
    op: A.CmpOp,
    iso: A.String,
  ): A.TimestamptzCompareForward {
    return this.make<A.TimestamptzCompareForward>({ start: field.span.start, end: iso.span.end }, {
      kind: "TimestamptzCompareForward",
      field,
      ...(interval ? { interval } : {}),
      op,
      iso,
    });
  }

  tsReverse(
    isoKw: IToken,
    iso: A.String,
    op: A.CmpOp,
    field: A.Identifier,
    interval: A.TimestamptzCompareReverse["interval"],
  ): A.TimestamptzCompareReverse {
    const end = interval ? interval.value.span.end : field.span.end;
    return this.make<A.TimestamptzCompareReverse>({ start: isoKw.startOffset, end }, {
      kind: "TimestamptzCompareReverse",
      iso,
      op,
      field,
      ...(interval ? { interval } : {}),
    });
  }
}

const OPERATOR_KIND: Record<string, A.ArithNode["kind"] | "Equality"> = {
  "**": "Power",
  "*": "MulDivMod",
  "/": "MulDivMod",
  "%": "MulDivMod",
  "+": "AddSub",
  "-": "AddSub",
  "<<": "Shift",
  ">>": "Shift",
  "&": "BitAnd",
  "^": "BitXor",
  "|": "BitOr",
  "==": "Equality",
  "!=": "Equality",
};

/** Splits a JSONIdentifier token (already validated by the lexer) into base and keys. */
function splitJsonPath(img: string): Fields<A.JSONIdentifier> {
  const open = img.indexOf("[");
  const base = img.slice(0, open);
  const keys: A.JsonKey[] = [];
  let i = open;
  while (i < img.length && img[i] === "[") {
    i++;
    const c = img[i]!;
    if (c >= "0" && c <= "9") {
      let j = i;
      while (img[j]! >= "0" && img[j]! <= "9") j++;
      keys.push({ kind: "index", value: img.slice(i, j) });
      i = j + 1;
      continue;
    }
    const isRaw = c === "r" || c === "R";
    let q = i;
    while (img[q] !== '"' && img[q] !== "'") q++;
    const quote = img[q]!;
    let j = q + 1;
    while (img[j] !== quote) j += img[j] === "\\" ? 2 : 1;
    const raw = img.slice(i, j + 1);
    const decoded = decodeJsonKey(raw, isRaw ? "raw" : "string");
    keys.push(
      decoded.ok
        ? { kind: "key", value: decoded.value, raw, quote: isRaw ? "raw" : "string" }
        : { kind: "key", value: "", raw, quote: isRaw ? "raw" : "string", error: decoded.error },
    );
    i = j + 2;
  }
  return { kind: "JSONIdentifier", base, keys };
}
