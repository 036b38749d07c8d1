/**
 * The Chevrotain grammar: Milvus's left-recursive `expr` rule rewritten as precedence climbing.
 *
 * `expr(minPrec)` parses a prefix/primary operand, then loops over binary operators whose
 * precedence is at least `minPrec`; a left-associative operator at level p parses its right operand
 * with `expr(p + 1)`. Prefix `not/-/+/~` parse their operand at the unary level, so only `**`,
 * `like`, `=~`, `!~` and atoms bind inside them: `not a == 1` is `(not a) == 1`, as in Milvus.
 * Chains of `and`/`or` become one n-ary node without extra recursion.
 */
import {
  defaultParserErrorProvider,
  EmbeddedActionsParser,
  type ILookaheadStrategy,
  type IOrAlt,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
  tokenMatcher,
} from "chevrotain";
import * as T from "./tokens.js";
import { NodeFactory } from "./factory.js";
import type * as A from "./ast.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { PrecomputedLookahead } from "./lookahead.js";

/** Binding power, loosest (1) to tightest. Prefix operators sit at UNARY / EXISTS. */
export const PREC = {
  or: 1,
  and: 2,
  bitor: 3,
  bitxor: 4,
  bitand: 5,
  equality: 6,
  relational: 7,
  range: 8,
  in: 9,
  shift: 10,
  additive: 11,
  multiplicative: 12,
  unary: 13,
  power: 14,
  regexNot: 15,
  regex: 16,
  like: 17,
  exists: 18,
} as const;

/** `{ ARGS: [p] }` for every precedence level a rule passes to `expr`, allocated once. */
const ARGS_BY_PREC = Array.from({ length: Math.max(...Object.values(PREC)) + 2 }, (_, p) => ({ ARGS: [p] as [number] }));

interface CallArgs {
  args: A.Expr[];
  close: IToken;
}

interface TimestamptzTail {
  interval: A.TimestamptzCompareForward["interval"];
  op: A.CmpOp;
  iso: A.String;
}

/** The operand alternatives `operand()` dispatches itself (0: ask OR). */
const enum Operand {
  Identifier = 1,
  Literal,
  Json,
  Parens,
  Prefix,
  List,
  Template,
  Function,
  Contains,
}

/** The first tokens of `functionCall`'s alternatives (categories included). */
const FUNCTION_CALL_FIRST: TokenType[] = [T.TextMatch, T.PhraseMatch, T.RandomSample, T.ContainsFn, T.ArrayLength];

/** By token type index: the operand alternative that token starts, for the common ones. */
const OPERAND_BY_FIRST_TOKEN = new Uint8Array(Math.max(...T.allTokens.map((t) => t.tokenTypeIdx!)) + 1);
{
  const matches = (t: TokenType, category: TokenType): boolean =>
    tokenMatcher({ image: "", startOffset: 0, tokenTypeIdx: t.tokenTypeIdx!, tokenType: t }, category);
  for (const t of T.allTokens) {
    const at = t.tokenTypeIdx!;
    if (t === T.Identifier) OPERAND_BY_FIRST_TOKEN[at] = Operand.Identifier;
    else if (t !== T.LiteralTok && matches(t, T.LiteralTok)) OPERAND_BY_FIRST_TOKEN[at] = Operand.Literal;
    else if (t === T.JSONIdentifier) OPERAND_BY_FIRST_TOKEN[at] = Operand.Json;
    else if (t === T.LParen) OPERAND_BY_FIRST_TOKEN[at] = Operand.Parens;
    else if (t !== T.PrefixOp && matches(t, T.PrefixOp)) OPERAND_BY_FIRST_TOKEN[at] = Operand.Prefix;
    else if (t === T.LBrack) OPERAND_BY_FIRST_TOKEN[at] = Operand.List;
    else if (t === T.LBrace) OPERAND_BY_FIRST_TOKEN[at] = Operand.Template;
    // The keywords that start only `functionCall` (not contextual: keywordLed comes first in OR).
    else if (FUNCTION_CALL_FIRST.some((c) => t !== c && matches(t, c)) && !matches(t, T.ContextualKeyword)) {
      // (json_contains and friends: functionCall would pass them on to containsCall)
      OPERAND_BY_FIRST_TOKEN[at] = matches(t, T.ContainsFn) ? Operand.Contains : Operand.Function;
    }
  }
}

/** The middle of `lo < field < hi`: the field and the second operator. */
interface RangeMiddle {
  field: A.RangeField;
  op2: IToken;
}

export class DepthLimitError extends Error {
  constructor(readonly token: IToken) {
    super("nesting depth limit exceeded");
  }
}

const RANGE_FIELD_TOKENS: TokenType[] = [
  T.Identifier,
  T.ContextualKeyword,
  T.JSONIdentifier,
  T.StructSubFieldIdentifier,
  T.StructIndexFieldIdentifier,
  T.ElementSelf,
];

function isAny(tok: IToken, types: readonly TokenType[]): boolean {
  for (const t of types) if (tokenMatcher(tok, t)) return true;
  return false;
}

/**
 * `binaryPrec` by token type index, computed once from it (one array read per operator instead of
 * a switch that compares the token type with each case in turn). -1 for `not`/`!`, which depend
 * on the next token.
 */
const BINARY_PREC_BY_TOKEN = new Int8Array(OPERAND_BY_FIRST_TOKEN.length);
for (const t of T.allTokens) {
  const at = t.tokenTypeIdx!;
  const tok = { image: "", startOffset: 0, tokenTypeIdx: at, tokenType: t };
  const inNext = { image: "", startOffset: 0, tokenTypeIdx: T.In.tokenTypeIdx!, tokenType: T.In };
  BINARY_PREC_BY_TOKEN[at] = t === T.NotWord || t === T.Bang ? -1 : binaryPrec(tok, inNext);
}

/** The binding power of the binary operator `tok` (its next token `next`), 0 when it is none. */
function binaryPrecAt(tok: IToken, next: IToken): number {
  const p = BINARY_PREC_BY_TOKEN[tok.tokenTypeIdx]!;
  return p >= 0 ? p : next.tokenType === T.In ? PREC.in : 0;
}

function binaryPrec(tok: IToken, next: IToken): number {
  const t = tok.tokenType;
  switch (t) {
    case T.OrWord:
    case T.OrSym:
      return PREC.or;
    case T.AndWord:
    case T.AndSym:
      return PREC.and;
    case T.BitOr:
      return PREC.bitor;
    case T.BitXor:
      return PREC.bitxor;
    case T.BitAnd:
      return PREC.bitand;
    case T.Eq:
    case T.Ne:
      return PREC.equality;
    case T.Lt:
    case T.Le:
    case T.Gt:
    case T.Ge:
      return PREC.relational;
    case T.In:
      return PREC.in;
    case T.NotWord:
    case T.Bang:
      // `not` continues an expression only as `not in`.
      return next.tokenType === T.In ? PREC.in : 0;
    case T.Shl:
    case T.Shr:
      return PREC.shift;
    case T.Add:
    case T.Sub:
      return PREC.additive;
    case T.Mul:
    case T.Div:
    case T.Mod:
      return PREC.multiplicative;
    case T.Pow:
      return PREC.power;
    case T.RegexNotMatch:
      return PREC.regexNot;
    case T.RegexMatch:
      return PREC.regex;
    case T.Like:
      return PREC.like;
    default:
      return 0;
  }
}

export class FilterParser extends EmbeddedActionsParser {
  f = new NodeFactory();
  depth = 0;
  maxDepth: number = DEFAULT_LIMITS.maxDepth;

  /** Messages built since `begin`: one per error Chevrotain records (recovery is off). */
  private readonly messages: { built: number };

  /**
   * `validate` runs Chevrotain's grammar validations (tests; production skips them for start-up
   * time). `lookahead` replaces the precomputed lookahead (lookahead.ts), for the generator.
   */
  constructor(
    errorMessageProvider: IParserErrorMessageProvider = defaultParserErrorProvider,
    validate = false,
    lookahead: ILookaheadStrategy = new PrecomputedLookahead(),
  ) {
    const messages = { built: 0 };
    const p = errorMessageProvider;
    super(T.allTokens, {
      maxLookahead: 1,
      lookaheadStrategy: lookahead,
      recoveryEnabled: false,
      skipValidations: !validate,
      errorMessageProvider: {
        buildMismatchTokenMessage: (o) => (messages.built++, p.buildMismatchTokenMessage(o)),
        buildNotAllInputParsedMessage: (o) => (messages.built++, p.buildNotAllInputParsedMessage(o)),
        buildNoViableAltMessage: (o) => (messages.built++, p.buildNoViableAltMessage(o)),
        buildEarlyExitMessage: (o) => (messages.built++, p.buildEarlyExitMessage(o)),
      },
    });
    this.messages = messages;
    this.performSelfAnalysis();
  }

  /** Prepare for a new input. */
  begin(tokens: IToken[], maxDepth: number): void {
    this.input = tokens;
    this.f = new NodeFactory();
    this.depth = 0;
    this.maxDepth = maxDepth;
    this.messages.built = 0;
  }

  /** Prepare for the next top-level operand of the same filter: node ids continue. */
  continueWith(tokens: IToken[]): void {
    this.input = tokens;
    this.depth = 0;
    this.messages.built = 0;
  }

  /**
   * Whether the last parse recorded an error: `errors.length > 0` without the copy of the list
   * that the `errors` getter makes (a lodash clone on every call).
   */
  get failed(): boolean {
    return this.messages.built > 0;
  }

  // Hot paths test RECORDING_PHASE instead of wrapping work in ACTION(() => …): no closure per node.
  private enter(): void {
    if (!this.RECORDING_PHASE && ++this.depth > this.maxDepth) throw new DepthLimitError(this.LA(1));
  }
  private leave(): void {
    if (!this.RECORDING_PHASE) this.depth--;
  }

  /** After the first operator: is this `op1 field op2` with both operators pointing the same way? */
  private rangeAfter(op1: IToken): boolean {
    const c = this.LA(2).tokenType;
    const less = op1.tokenType === T.Lt || op1.tokenType === T.Le;
    const ok = less ? c === T.Lt || c === T.Le : c === T.Gt || c === T.Ge;
    // `a < t < iso "x"` is `a < (t < iso "x")`: the timestamptz form is one atom in Milvus.
    if (this.LA(3).tokenType === T.Iso && this.LA(4).tokenType === T.StringLiteral) return false;
    return ok && isAny(this.LA(1), RANGE_FIELD_TOKENS);
  }

  // ------------------------------------------------------------------ entry
  filter = this.RULE("filter", (): A.Expr => {
    return this.SUBRULE(this.expr, ARGS_BY_PREC[0]!);
  });

  /**
   * Precedence climbing. The loop is recorded as a MANY (that is the grammar the diagrams and
   * Chevrotain's analysis see) and run as a plain loop with the same condition: MANY with a GATE
   * allocates a closure per call, and this runs for every operand of every filter.
   */
  expr = this.RULE("expr", (minPrec: number): A.Expr => {
    let left = this.operand();
    if (this.RECORDING_PHASE) {
      this.MANY(() => this.binaryTail(left, undefined, 0));
      return left;
    }
    // The n-ary and/or node this loop is growing; `(a and b) and c` stays nested.
    let chain: A.Expr | undefined;
    for (;;) {
      const p = binaryPrecAt(this.LA(1), this.LA(2));
      if (p === 0 || p < minPrec) return left;
      left = this.binaryTail(left, chain, p);
      if (p <= PREC.and) chain = left;
    }
  });

  /**
   * One operator and its right operand (the body of `expr`'s loop); returns the combined node.
   * `prec` is the operator's binding power, which the loop has computed already.
   */
  private binaryTail(left: A.Expr, chain: A.Expr | undefined, prec: number): A.Expr {
    // One CONSUME for every operator, one SUBRULE for every right operand: no OR to evaluate.
    const op = this.CONSUME(T.BinaryOp);
    // `not` continues an expression only as `not in` (binaryPrec saw the `in`).
    if (this.RECORDING_PHASE || op.tokenType === T.NotWord || op.tokenType === T.Bang) this.OPTION(this.inKeyword);
    // `lo < field < hi` needs a single field token and a second operator pointing the same way;
    // anything else is a plain (nested) relational comparison, as in Milvus.
    const range = this.RECORDING_PHASE || (prec === PREC.relational && this.rangeAfter(op)) ? this.OPTION2(this.rangeMiddle) : undefined;
    if (this.RECORDING_PHASE) {
      this.SUBRULE2(this.expr, ARGS_BY_PREC[prec + 1]!);
      return left;
    }
    const minPrec = range ? PREC.range + 1 : prec + 1;
    const right = this.loneAtom(minPrec) ?? this.SUBRULE2(this.expr, ARGS_BY_PREC[minPrec]!);
    if (range) {
      return op.image.startsWith("<")
        ? this.f.range(left, op.image === "<=", range.field, range.op2.image === "<=", right)
        : this.f.reverseRange(left, op.image === ">=", range.field, range.op2.image === ">=", right);
    }
    switch (prec) {
      case PREC.in:
        return this.f.term(left, op.tokenType !== T.In, right);
      case PREC.or:
        return this.f.logical("Or", left, right, chain);
      case PREC.and:
        return this.f.logical("And", left, right, chain);
      case PREC.relational:
        return this.f.binary("Relational", op.image as A.RelOp, left, right);
      default:
        return this.f.operator(op, left, right);
    }
  }

  /**
   * The operand `expr(minPrec)` is about to parse, when it is a lone identifier or literal (the
   * next token ends it: no suffix, no operator binding at `minPrec`), taken without that rule
   * call, which would make the same node: most right operands are such atoms. Undefined
   * otherwise (nothing consumed). Not used while Chevrotain records the grammar.
   */
  private loneAtom(minPrec: number): A.Expr | undefined {
    const tok = this.LA(1);
    const kind = OPERAND_BY_FIRST_TOKEN[tok.tokenTypeIdx];
    if (kind !== Operand.Identifier && kind !== Operand.Literal) return undefined;
    const after = this.LA(2);
    const p = binaryPrecAt(after, this.LA(3));
    if (p !== 0 && p >= minPrec) return undefined;
    if (kind === Operand.Identifier) {
      // What identifierOperand would take as its suffix: call arguments, `is [not] null`, and the
      // timestamptz tail, which starts with `+`, `-` or a comparison.
      const t = after.tokenType;
      if (t === T.LParen || t === T.IsNull || t === T.IsNotNull || t === T.Add || t === T.Sub || isCmp(t)) return undefined;
      this.SKIP_TOKEN();
      return this.f.identifier(tok);
    }
    this.SKIP_TOKEN();
    return this.f.literal(tok);
  }

  private readonly inKeyword = (): void => {
    this.CONSUME(T.In);
  };

  private readonly rangeMiddle = (): RangeMiddle => {
    const field = this.SUBRULE(this.rangeField);
    const op2 = this.CONSUME2(T.RelationalOp);
    return { field, op2 };
  };

  rangeField = this.RULE("rangeField", (): A.RangeField => {
    const tok = this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.ContextualKeyword) },
      { ALT: () => this.CONSUME(T.JSONIdentifier) },
      { ALT: () => this.CONSUME(T.StructSubFieldIdentifier) },
      { ALT: () => this.CONSUME(T.StructIndexFieldIdentifier) },
      { ALT: () => this.CONSUME(T.ElementSelf) },
    ]);
    return this.RECORDING_PHASE ? (undefined as never) : this.f.reference(tok) as A.RangeField;
  });

  // ------------------------------------------------------------------ atoms and prefix operators
  // The alternatives of an operand, parsed inline by `expr` (one rule call less per operand). No
  // gates at this level, so Chevrotain picks the alternative from a one-token lookup; the array is
  // built once (it captures nothing but `this`) to spare an allocation per operand.
  private readonly operandAlternatives: { ALT: () => A.Expr }[] = [
        { ALT: () => this.identifierOperand() },
        { ALT: () => this.literalOperand() },
        { ALT: () => this.jsonOperand() },
        { ALT: () => this.SUBRULE(this.parens) },
        { ALT: () => this.prefixOperand() },
        { ALT: () => this.SUBRULE(this.array) },
        // Before functionCall: contextual keywords may be fields, or start their own call forms.
        { ALT: () => this.SUBRULE(this.keywordLed) },
        { ALT: () => this.SUBRULE(this.functionCall) },
        { ALT: () => this.existsOperand() },
        {
          ALT: () => {
            const tok = this.CONSUME(T.Meta);
            return this.RECORDING_PHASE ? (undefined as never) : this.f.identifier(tok);
          },
        },
        {
          ALT: () => {
            const tok = this.OR4([
              { ALT: () => this.CONSUME(T.StructFieldIdentifier) },
              { ALT: () => this.CONSUME(T.StructIndexFieldIdentifier) },
              { ALT: () => this.CONSUME(T.StructSubFieldIdentifier) },
              { ALT: () => this.CONSUME(T.ElementSelf) },
            ]);
            return this.RECORDING_PHASE ? (undefined as never) : this.f.reference(tok);
          },
        },
        { ALT: () => this.SUBRULE(this.template) },
        {
          ALT: () => {
            const tok = this.CONSUME(T.EmptyArray);
            return this.RECORDING_PHASE ? (undefined as never) : this.f.leaf("EmptyArray", tok);
          },
        },
      ];

  private readonly jsonNullTestOptions = { DEF: () => this.CONSUME(T.NullTest) };

  /**
   * What may follow a plain identifier: call arguments, `is [not] null`, or the tail of a
   * timestamptz comparison; at most one of them (`f(x) is null` is not a filter). Built once: an
   * identifier is the most common operand.
   */
  private readonly identifierSuffixes: { ALT: () => IToken | CallArgs | TimestamptzTail }[] = [
    { ALT: () => this.SUBRULE(this.callArgs) },
    { ALT: () => this.CONSUME2(T.NullTest) },
    { ALT: () => this.SUBRULE(this.timestamptzForwardTail) },
  ];
  private readonly identifierSuffix = (): IToken | CallArgs | TimestamptzTail => this.OR2(this.identifierSuffixes);

  /**
   * The operand: what `this.OR(this.operandAlternatives)` chooses. That OR decides by the first
   * token alone (no gates, and Chevrotain's validation proves the alternatives' first tokens
   * distinct), so the common first tokens are dispatched here without its lookup; keywords, and
   * tokens that start no operand (errors), still go through OR.
   */
  private operand(): A.Expr {
    if (this.RECORDING_PHASE) return this.OR(this.operandAlternatives);
    switch (OPERAND_BY_FIRST_TOKEN[this.LA(1).tokenTypeIdx]) {
      case Operand.Identifier:
        return this.identifierOperand();
      case Operand.Literal:
        return this.literalOperand();
      case Operand.Json:
        return this.jsonOperand();
      case Operand.Parens:
        return this.SUBRULE(this.parens);
      case Operand.Prefix:
        return this.prefixOperand();
      case Operand.List:
        return this.SUBRULE(this.array);
      case Operand.Template:
        return this.SUBRULE(this.template);
      case Operand.Function:
        return this.SUBRULE(this.functionCall);
      case Operand.Contains:
        return this.SUBRULE(this.containsCall);
      default:
        return this.OR(this.operandAlternatives);
    }
  }

  private jsonOperand(): A.Expr {
    const tok = this.CONSUME(T.JSONIdentifier);
    const post = this.OPTION3(this.jsonNullTestOptions);
    if (this.RECORDING_PHASE) return undefined as never;
    const ref = this.f.reference(tok) as A.JSONIdentifier;
    return post ? this.f.isNull(ref, post) : ref;
  }

  /** Prefix `not ! + - ~`: the operand binds only `**`, `like`, `=~`, `!~` and atoms. */
  private prefixOperand(): A.Expr {
    const op = this.CONSUME(T.PrefixOp);
    this.enter();
    const operand = (this.RECORDING_PHASE ? undefined : this.loneAtom(PREC.unary)) ?? this.SUBRULE(this.expr, ARGS_BY_PREC[PREC.unary]!);
    this.leave();
    return this.RECORDING_PHASE ? (undefined as never) : this.f.unary(op, operand);
  }

  private existsOperand(): A.Expr {
    const kw = this.CONSUME(T.Exists);
    this.enter();
    const operand = this.SUBRULE3(this.expr, ARGS_BY_PREC[PREC.exists]!);
    this.leave();
    return this.RECORDING_PHASE ? (undefined as never) : this.f.exists(kw, operand);
  }

  private literalOperand(): A.Expr {
    const tok = this.CONSUME(T.LiteralTok);
    return this.RECORDING_PHASE ? (undefined as never) : this.f.literal(tok);
  }

  /** An operand that starts with a plain Identifier: field, call, `is null`, timestamptz form. */
  private identifierOperand(): A.Expr {
    const id = this.CONSUME(T.Identifier);
    // Most identifiers are followed by an operator: test for a suffix here before asking Chevrotain.
    const next = this.LA(1).tokenType;
    const suffixAhead = next === T.LParen || next === T.IsNull || next === T.IsNotNull || this.timestamptzForwardAhead();
    const suffix = this.RECORDING_PHASE || suffixAhead ? this.OPTION4(this.identifierSuffix) : undefined;
    if (this.RECORDING_PHASE) return undefined as never;
    if (suffix === undefined) return this.f.identifier(id);
    // Own properties only: a polluted Object.prototype must not make a token look like call arguments.
    if (Object.hasOwn(suffix, "args")) return this.f.call(id, (suffix as CallArgs).args, (suffix as CallArgs).close);
    if (Object.hasOwn(suffix, "iso")) {
      const tail = suffix as TimestamptzTail;
      return this.f.tsForward(this.f.identifier(id), tail.interval, tail.op, tail.iso);
    }
    return this.f.isNull(this.f.identifier(id), suffix as IToken);
  }

  /** `( [expr (, expr)* ,?] )` of a generic call. */
  callArgs = this.RULE("callArgs", (): CallArgs => {
    this.CONSUME(T.LParen);
    this.enter();
    const args: A.Expr[] = [];
    this.OPTION(() => {
      args.push(this.SUBRULE(this.expr, ARGS_BY_PREC[0]!));
      this.MANY({
        GATE: () => this.LA(2).tokenType !== T.RParen,
        DEF: () => {
          this.CONSUME(T.Comma);
          args.push(this.SUBRULE2(this.expr, ARGS_BY_PREC[0]!));
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.leave();
    return { args, close: this.CONSUME(T.RParen) };
  });

  /** Newest master lets contextual keywords name fields: `match_least == 400`, `iso > iso '…'`. */
  keywordLed = this.RULE("keywordLed", (): A.Expr => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          // Calls spelled with contextual keywords; `match_least()` and friends never become generic calls.
          GATE: () => this.LA(2).tokenType === T.LParen,
          ALT: () =>
            this.OR2([
              { ALT: () => this.SUBRULE(this.elementCall) },
              { ALT: () => this.SUBRULE(this.spatialCall) },
              { ALT: () => this.SUBRULE(this.textMatchFuzzyCall) },
            ]),
        },
        {
          GATE: () => this.LA(1).tokenType === T.Iso && this.LA(2).tokenType === T.StringLiteral,
          ALT: () => this.SUBRULE(this.timestamptzReverse),
        },
        {
          GATE: () => this.LA(2).tokenType === T.IsNull || this.LA(2).tokenType === T.IsNotNull,
          ALT: () => {
            const id = this.CONSUME(T.ContextualKeyword);
            const post = this.CONSUME(T.NullTest);
            return this.RECORDING_PHASE ? (undefined as never) : this.f.isNull(this.f.identifier(id), post);
          },
        },
        {
          GATE: () => this.timestamptzForwardAheadAt(2),
          ALT: () => {
            const id = this.CONSUME3(T.ContextualKeyword);
            const tail = this.SUBRULE(this.timestamptzForwardTail);
            return this.RECORDING_PHASE ? (undefined as never) : this.f.tsForward(this.f.identifier(id), tail.interval, tail.op, tail.iso);
          },
        },
        {
          ALT: () => {
            const id = this.CONSUME2(T.ContextualKeyword);
            return this.RECORDING_PHASE ? (undefined as never) : this.f.identifier(id);
          },
        },
      ],
    });
  });

  /** With the field token already consumed: `[(+|-) interval 'dur'] op iso 'ts'` ahead? */
  private timestamptzForwardAhead(): boolean {
    return this.timestamptzForwardAheadAt(1);
  }

  private timestamptzForwardAheadAt(at: number): boolean {
    let i = at;
    const t = this.LA(i).tokenType;
    if (t === T.Add || t === T.Sub) {
      if (this.LA(i + 1).tokenType !== T.Interval || this.LA(i + 2).tokenType !== T.StringLiteral) return false;
      i += 3;
    }
    if (!isCmp(this.LA(i).tokenType) || this.LA(i + 1).tokenType !== T.Iso || this.LA(i + 2).tokenType !== T.StringLiteral) return false;
    // `a == iso "s" > b + interval "d"`: only `a == (iso "s" > b + interval "d")` parses (the
    // reverse form is one atom), so Milvus's LL prediction takes it; the forward form would leave
    // `+ interval "d"` with no operand.
    i += 3;
    const field = this.LA(i + 1).tokenType;
    const reverseWithInterval =
      isCmp(this.LA(i).tokenType) &&
      (field === T.Identifier || tokenMatcher(this.LA(i + 1), T.ContextualKeyword)) &&
      tokenMatcher(this.LA(i + 2), T.AdditiveOp) &&
      this.LA(i + 3).tokenType === T.Interval &&
      this.LA(i + 4).tokenType === T.StringLiteral;
    return !reverseWithInterval;
  }

  /** A field name where the grammar wants a bare Identifier; contextual keywords count. */
  fieldName = this.RULE("fieldName", (): A.Identifier => {
    const tok = this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.ContextualKeyword) },
    ]);
    return this.RECORDING_PHASE ? (undefined as never) : this.f.identifier(tok);
  });

  /** The collection operand of MATCH_*: a field name, or a JSON path (newest master). */
  matchTarget = this.RULE("matchTarget", (): A.Identifier | A.JSONIdentifier => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.fieldName) },
      {
        ALT: () => {
          const tok = this.CONSUME(T.JSONIdentifier);
          return this.RECORDING_PHASE ? (undefined as never) : this.f.reference(tok) as A.JSONIdentifier;
        },
      },
    ]);
  });

  intervalPart = this.RULE("intervalPart", () => {
    const op = this.CONSUME(T.AdditiveOp);
    this.CONSUME(T.Interval);
    const s = this.CONSUME(T.StringLiteral);
    return this.RECORDING_PHASE ? (undefined as never) : ({ op: op.image as "+" | "-", value: this.f.literal(s) as A.String });
  });

  cmpOp = this.RULE("cmpOp", (): A.CmpOp => {
    const t = this.CONSUME(T.CompareOp);
    return t.image as A.CmpOp;
  });

  /** After the field of `field [(+|-) interval 'dur'] op iso 'ts'`. */
  timestamptzForwardTail = this.RULE("timestamptzForwardTail", (): TimestamptzTail => {
    const interval = this.OPTION(() => this.SUBRULE(this.intervalPart));
    const op = this.SUBRULE(this.cmpOp);
    this.CONSUME(T.Iso);
    const ts = this.CONSUME(T.StringLiteral);
    return this.RECORDING_PHASE ? (undefined as never) : ({ interval, op, iso: this.f.literal(ts) as A.String });
  });

  timestamptzReverse = this.RULE("timestamptzReverse", (): A.Expr => {
    const iso = this.CONSUME(T.Iso);
    const ts = this.CONSUME(T.StringLiteral);
    const op = this.SUBRULE(this.cmpOp);
    const field = this.SUBRULE(this.fieldName);
    const interval = this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Interval && this.LA(3).tokenType === T.StringLiteral,
      DEF: () => this.SUBRULE(this.intervalPart),
    });
    return this.RECORDING_PHASE ? (undefined as never) : this.f.tsReverse(iso, this.f.literal(ts) as A.String, op, field, interval);
  });

  template = this.RULE("template", (): A.Expr => {
    const open = this.CONSUME(T.LBrace);
    // A plain identifier (the usual name) is the alternative OR would choose, without its array of closures.
    const name = !this.RECORDING_PHASE && this.LA(1).tokenType === T.Identifier ? this.CONSUME(T.Identifier) : this.OR(this.templateNames);
    const close = this.CONSUME(T.RBrace);
    return this.RECORDING_PHASE ? (undefined as never) : this.f.template(open, name, close);
  });

  private readonly templateNames: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Identifier) },
    { ALT: () => this.CONSUME(T.ContextualKeyword) },
  ];

  /**
   * Parentheses are not a node, but the grouped node's span grows to include them, so that the
   * span of `a == (b or c)` covers its closing parenthesis and slices back to balanced text.
   */
  parens = this.RULE("parens", (): A.Expr => {
    const open = this.CONSUME(T.LParen);
    this.enter();
    const e = this.SUBRULE(this.expr, ARGS_BY_PREC[0]!);
    this.leave();
    const close = this.CONSUME(T.RParen);
    if (!this.RECORDING_PHASE) (e as { span: A.Span }).span = { start: open.startOffset, end: close.startOffset + 1 };
    return e;
  });

  array = this.RULE("array", (): A.Expr => {
    const open = this.CONSUME(T.LBrack);
    this.enter();
    // As OR would choose (by the first token): the run, or the elements one by one.
    const body = this.RECORDING_PHASE ? this.OR(this.listBodies) : this.LA(1).tokenType === T.LiteralRun ? this.CONSUME(T.LiteralRun) : this.listItems();
    if (this.RECORDING_PHASE) this.OPTION(() => this.CONSUME2(T.Comma));
    else if (this.LA(1).tokenType === T.Comma) this.CONSUME2(T.Comma); // (OPTION's test, without its closure)
    this.leave();
    const close = this.CONSUME(T.RBrack);
    if (this.RECORDING_PHASE) return undefined as never;
    return Array.isArray(body) ? this.f.array(open, body, close) : this.f.literalList(open, body, close);
  });

  /** A long list of literals comes as one LiteralRun token (see lexer.ts); any other list element by element. */
  private readonly listBodies: IOrAlt<IToken | A.Expr[]>[] = [
    { ALT: () => this.CONSUME(T.LiteralRun) },
    { ALT: () => this.listItems() },
  ];

  private listItems(): A.Expr[] {
    const items: A.Expr[] = [this.literalElement() ?? this.SUBRULE(this.expr, ARGS_BY_PREC[0]!)];
    if (!this.RECORDING_PHASE) {
      // The MANY below, run as a plain loop with the same condition (its lookahead is the comma):
      // no options object and closures per list.
      while (this.LA(1).tokenType === T.Comma && this.LA(2).tokenType !== T.RBrack) {
        this.CONSUME(T.Comma);
        items.push(this.literalElement() ?? this.SUBRULE2(this.expr, ARGS_BY_PREC[0]!));
      }
      return items;
    }
    this.MANY({
      GATE: () => this.LA(2).tokenType !== T.RBrack,
      DEF: () => {
        this.CONSUME(T.Comma);
        items.push(this.literalElement() ?? this.SUBRULE2(this.expr, ARGS_BY_PREC[0]!));
      },
    });
    return items;
  }

  /**
   * A list element that is a lone literal (followed by `,` or `]`), taken without the `expr` rule
   * call that would return the same node: long `in` lists are mostly such elements. Undefined
   * otherwise, and always while Chevrotain records the grammar (LA then answers EOF).
   */
  private literalElement(): A.Literal | undefined {
    const tok = this.LA(1);
    if (!tokenMatcher(tok, T.LiteralTok)) return undefined;
    const after = this.LA(2).tokenType;
    if (after !== T.Comma && after !== T.RBrack) return undefined;
    this.SKIP_TOKEN();
    return this.f.literal(tok);
  }

  // `name=IntegerConstant` options; the value must be a bare integer token in Milvus's grammar.
  minimumShouldMatchOption = this.RULE("minimumShouldMatchOption", (): A.IntOption => {
    const name = this.CONSUME(T.MinimumShouldMatch);
    this.CONSUME(T.Assign);
    const value = this.CONSUME(T.IntegerConstant);
    return this.ACTION(() => this.f.intOption(name, value));
  });
  thresholdOption = this.RULE("thresholdOption", (): A.IntOption => {
    const name = this.CONSUME(T.Threshold);
    this.CONSUME(T.Assign);
    const value = this.CONSUME(T.IntegerConstant);
    return this.ACTION(() => this.f.intOption(name, value, 10));
  });
  namedOption = this.RULE("namedOption", (): A.IntOption => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.Assign);
    const value = this.CONSUME(T.IntegerConstant);
    return this.ACTION(() => this.f.intOption(name, value));
  });

  functionCall = this.RULE("functionCall", (): A.Expr => {
    // The alternative OR would choose for the most common calls, without its array of closures.
    if (!this.RECORDING_PHASE && tokenMatcher(this.LA(1), T.ContainsFn)) return this.SUBRULE(this.containsCall);
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.TextMatch);
          this.CONSUME(T.LParen);
          const field = this.SUBRULE(this.fieldName);
          this.CONSUME(T.Comma);
          const query = this.SUBRULE(this.argExpr);
          const opt = this.OPTION(() => {
            this.CONSUME2(T.Comma);
            return this.SUBRULE(this.minimumShouldMatchOption);
          });
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() =>
            this.f.node<A.TextMatch>(kw, close, {
              kind: "TextMatch",
              field,
              query,
              ...(opt ? { minimumShouldMatch: opt } : {}),
            }),
          );
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.PhraseMatch);
          this.CONSUME3(T.LParen);
          const field = this.SUBRULE3(this.fieldName);
          this.CONSUME5(T.Comma);
          const query = this.SUBRULE3(this.argExpr);
          const slop = this.OPTION3(() => {
            this.CONSUME6(T.Comma);
            return this.SUBRULE4(this.argExpr);
          });
          const close = this.CONSUME3(T.RParen);
          return this.ACTION(() =>
            this.f.node<A.PhraseMatch>(kw, close, { kind: "PhraseMatch", field, query, ...(slop ? { slop } : {}) }),
          );
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.RandomSample);
          this.CONSUME4(T.LParen);
          const factor = this.SUBRULE5(this.argExpr);
          const close = this.CONSUME4(T.RParen);
          return this.ACTION(() => this.f.node<A.RandomSample>(kw, close, { kind: "RandomSample", factor }));
        },
      },
      { ALT: () => this.SUBRULE(this.containsCall) },
      {
        ALT: () => {
          const kw = this.CONSUME(T.ArrayLength);
          this.CONSUME5(T.LParen);
          const tok = this.OR2([
            { ALT: () => this.CONSUME(T.Identifier) },
            { ALT: () => this.CONSUME(T.ContextualKeyword) },
            { ALT: () => this.CONSUME(T.JSONIdentifier) },
            { ALT: () => this.CONSUME(T.StructFieldIdentifier) },
          ]);
          const close = this.CONSUME5(T.RParen);
          return this.ACTION(() =>
            this.f.node<A.ArrayLength>(kw, close, {
              kind: "ArrayLength",
              target: this.f.reference(tok) as A.ArrayLength["target"],
            }),
          );
        },
      },
    ]);
  });

  /** `text_match_fuzzy(field, q, max_edit_distance=N)` (newest master). */
  textMatchFuzzyCall = this.RULE("textMatchFuzzyCall", (): A.Expr => {
    const kw = this.CONSUME(T.TextMatchFuzzy);
    this.CONSUME(T.LParen);
    const field = this.SUBRULE(this.fieldName);
    this.CONSUME(T.Comma);
    const query = this.SUBRULE(this.argExpr);
    // The option is required: Plan.g4 (master 2026-07-10) has `expr ',' Identifier ASSIGN IntegerConstant ')'`.
    this.CONSUME2(T.Comma);
    const opt = this.SUBRULE(this.namedOption);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() =>
      this.f.node<A.TextMatchFuzzy>(kw, close, { kind: "TextMatchFuzzy", field, query, option: opt }),
    );
  });

  /** A function argument: a full expression, counted as one nesting level. */
  argExpr = this.RULE("argExpr", (): A.Expr => {
    this.enter();
    const e = (this.RECORDING_PHASE ? undefined : this.loneAtom(0)) ?? this.SUBRULE(this.expr, ARGS_BY_PREC[0]!);
    this.leave();
    return e;
  });

  elementCall = this.RULE("elementCall", (): A.Expr => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.ElementFilter);
          this.CONSUME(T.LParen);
          const field = this.SUBRULE(this.fieldName);
          this.CONSUME(T.Comma);
          const predicate = this.SUBRULE(this.argExpr);
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() => this.f.node<A.ElementFilter>(kw, close, { kind: "ElementFilter", field, predicate }));
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.MatchSimpleFn);
          this.CONSUME2(T.LParen);
          const field = this.SUBRULE(this.matchTarget);
          this.CONSUME2(T.Comma);
          const predicate = this.SUBRULE2(this.argExpr);
          const close = this.CONSUME2(T.RParen);
          return this.ACTION(() =>
            this.f.node<A.MatchSimple>(kw, close, {
              kind: "MatchSimple",
              fn: kw.image.toLowerCase() as A.MatchSimple["fn"],
              field,
              predicate,
            }),
          );
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.MatchThresholdFn);
          this.CONSUME3(T.LParen);
          const field = this.SUBRULE2(this.matchTarget);
          this.CONSUME3(T.Comma);
          const predicate = this.SUBRULE3(this.argExpr);
          this.CONSUME4(T.Comma);
          const threshold = this.SUBRULE(this.thresholdOption);
          const close = this.CONSUME3(T.RParen);
          return this.ACTION(() =>
            this.f.node<A.MatchThreshold>(kw, close, {
              kind: "MatchThreshold",
              fn: kw.image.toLowerCase() as A.MatchThreshold["fn"],
              field,
              predicate,
              threshold,
            }),
          );
        },
      },
    ]);
  });

  containsCall = this.RULE("containsCall", (): A.Expr => {
    const kw = this.CONSUME(T.ContainsFn);
    this.CONSUME(T.LParen);
    const target = this.SUBRULE(this.argExpr);
    this.CONSUME(T.Comma);
    const value = this.SUBRULE2(this.argExpr);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => this.f.contains(kw, target, value, close));
  });

  spatialCall = this.RULE("spatialCall", (): A.Expr => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.SpatialFn);
          this.CONSUME(T.LParen);
          const field = this.SUBRULE(this.fieldName);
          this.CONSUME(T.Comma);
          const wkt = this.SUBRULE(this.argExpr);
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() =>
            this.f.node<A.SpatialBinary>(kw, close, {
              kind: "SpatialBinary",
              fn: kw.image.toLowerCase() as A.SpatialOp,
              field,
              wkt,
            }),
          );
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.StDWithin);
          this.CONSUME2(T.LParen);
          const field = this.SUBRULE2(this.fieldName);
          this.CONSUME2(T.Comma);
          const wkt = this.SUBRULE2(this.argExpr);
          this.CONSUME3(T.Comma);
          const distance = this.SUBRULE3(this.argExpr);
          const close = this.CONSUME2(T.RParen);
          return this.ACTION(() => this.f.node<A.STDWithin>(kw, close, { kind: "STDWithin", field, wkt, distance }));
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.StIsValid);
          this.CONSUME3(T.LParen);
          const field = this.SUBRULE3(this.fieldName);
          const close = this.CONSUME3(T.RParen);
          return this.ACTION(() => this.f.node<A.STIsValid>(kw, close, { kind: "STIsValid", field }));
        },
      },
    ]);
  });
}

function isCmp(t: TokenType): boolean {
  return t === T.Lt || t === T.Le || t === T.Gt || t === T.Ge || t === T.Eq || t === T.Ne;
}

