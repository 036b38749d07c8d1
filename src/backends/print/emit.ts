/**
 * The canonical printer's core (print.ts adds the optional rewrites): one filter string per AST
 * (ids and spans ignored), which parses back to the same AST. The canonical form, decided once
 * (docs/printer.md "The canonical printer" has the reasoning):
 *
 * - keywords lower case: `and` `or` `not` `in` `not in` `like` `exists` `is null` `is not null`
 *   `true` `false`, and lower-case keyword functions (`text_match`, `json_contains`, `st_within`,
 *   `match_least`, `iso`, `interval`, `threshold=`, …); `&&` `||` `!` never appear.
 *   Field names and generic function names are printed as written (they are case-sensitive).
 * - single spaces around binary operators and after commas: `a + 1 > b`, `f(a, b)`, `[1, 2]`;
 *   no space after a prefix operator symbol (`-a`, `~a`), one after `not`/`exists`;
 *   templates as `{name}`; options as `name=N`; no trailing commas; one line.
 * - parentheses only where precedence needs them, plus: `not (…)` around any non-atomic operand,
 *   `(not a) == b` / `(exists a["k"]) > 1` when a `not`/`exists` is an operator's operand,
 *   `-(-a)` for stacked prefix operators, and `(t > iso "…")` when a timestamptz comparison is an
 *   operator's operand.
 * - integers as decimal digits of their exact value (`0x1F` → `31`, `010` → `8`);
 *   floats keep their exact decimal value and notation (`.50` → `0.5`, `1E+3` → `1e3`);
 *   strings double-quoted with minimal escapes; raw strings stay raw; JSON keys re-quoted.
 *   A literal Milvus would reject is printed exactly as written, never "fixed".
 *
 * The printer is iterative (an explicit stack), so deep or long trees cannot overflow the call stack.
 */
import type * as A from "../../syntax/ast.js";
import { PREC } from "../../syntax/grammar.js";
import {
  PrintError,
  formatFloat,
  formatInteger,
  formatIntOption,
  formatJsonKey,
  formatRawString,
  formatRegexString,
  formatString,
} from "./literals.js";
import { IDENTIFIER_RE, nameFits, type NameSlot } from "./names.js";
import { directionOf, isRangeFieldToken, levelOf, needsParens, type Slot } from "./precedence.js";

/** A child to print, the slot rules that decide its parentheses, and whether it is a regex pattern. */
interface Task {
  readonly n: A.Root;
  readonly slot: Slot;
  readonly regex?: boolean;
}
type Item = string | Task;

const TOP: Slot = { min: 0 };
const LIST: Slot = { min: 0 };
const AND_SLOT: Slot = { min: PREC.and + 1 };
const OR_SLOT: Slot = { min: PREC.or + 1 };
const NOT_SLOT: Slot = { min: PREC.unary, prefix: true, not: true, operator: true };
const PREFIX_SLOT: Slot = { min: PREC.unary, prefix: true, operator: true };
const EXISTS_SLOT: Slot = { min: PREC.exists, prefix: true, operator: true };

function name(n: string, slot: NameSlot, node: A.Root): string {
  if (typeof n === "string" && nameFits(n, slot)) return n;
  throw new PrintError(`${JSON.stringify(n)} cannot be printed as a ${slot === "call" ? "function" : "field"} name here`, node);
}

/** A bare field name where the grammar wants an Identifier token (no `$meta`). */
function field(n: A.Identifier): string {
  if (n.kind !== "Identifier") throw new PrintError(`expected a field name, got a ${n.kind} node`, n);
  return name(n.name, "field", n);
}

function reference(n: A.Reference): string {
  switch (n.kind) {
    case "Identifier":
      return name(n.name, "expr", n);
    case "JSONIdentifier": {
      if (n.base !== "$meta" && !IDENTIFIER_RE.test(n.base)) throw new PrintError(`bad JSON path base ${JSON.stringify(n.base)}`, n);
      if (n.keys.length === 0) throw new PrintError("a JSON path needs at least one key", n);
      let s = n.base;
      for (const k of n.keys) s += formatJsonKey(k);
      return s;
    }
    case "StructField":
      return `${name(n.struct, "token", n)}[${name(n.sub, "token", n)}]`;
    case "StructIndexField":
      if (!/^(?:0|[1-9][0-9]*)$/.test(n.index)) throw new PrintError(`bad struct index ${JSON.stringify(n.index)}`, n);
      return `${name(n.struct, "token", n)}[${n.index}][${name(n.sub, "token", n)}]`;
    case "StructSubField":
      return `$[${name(n.sub, "token", n)}]`;
    case "ElementSelf":
      return "$";
  }
}

/** MATCH_*'s collection: a bare field name or (newest master) a JSON path. */
function matchTarget(t: A.Identifier | A.JSONIdentifier): string {
  return t.kind === "JSONIdentifier" ? reference(t) : field(t);
}

/** Leaves print as one token and never need parentheses: they are emitted directly, without a task. */
function leaf(n: A.Expr, regex: boolean): string | undefined {
  switch (n.kind) {
    case "Integer":
      return formatInteger(n);
    case "Float":
      return formatFloat(n);
    case "Boolean":
      return n.value ? "true" : "false";
    case "String":
      return regex ? formatRegexString(n) : formatString(n);
    case "RawString":
      return formatRawString(n);
    case "Identifier":
    case "JSONIdentifier":
    case "StructField":
    case "StructIndexField":
    case "StructSubField":
    case "ElementSelf":
      return reference(n);
    case "TemplateVariable":
      return `{${name(n.name, "template", n)}}`;
    case "EmptyArray":
      return "[]";
    default:
      return undefined;
  }
}

/** A child in `slot`: its text when it is a leaf, else a task. */
function child(n: A.Expr, slot: Slot, regex = false): Item {
  if (n === null || typeof n !== "object") throw new PrintError(`not an AST node: ${String(n)}`);
  return leaf(n, regex) ?? (regex ? { n, slot, regex } : { n, slot });
}

const OPERATOR_SLOTS = new Map<number, Slot>();
/** The shared slot of an operator operand at level `min` (no range follow-up). */
function operatorSlot(min: number): Slot {
  let s = OPERATOR_SLOTS.get(min);
  if (s === undefined) OPERATOR_SLOTS.set(min, (s = { min, operator: true }));
  return s;
}

const operand = (n: A.Expr, min: number, follow?: Slot["follow"]): Item =>
  child(n, follow === undefined ? operatorSlot(min) : { min, operator: true, follow });

/** `left op right`, left-associative at `level`. */
function binary(left: A.Expr, op: string, right: A.Expr, level: number, regex = false): Item[] {
  return [operand(left, level), ` ${op} `, child(right, operatorSlot(level + 1), regex)];
}

/** `a, b, c` as items (call arguments, list elements). */
function commaList(items: readonly A.Expr[]): Item[] {
  const out: Item[] = [];
  items.forEach((e, i) => {
    if (i > 0) out.push(", ");
    out.push(child(e, LIST));
  });
  return out;
}

const arg = (n: A.Expr): Item => child(n, LIST);

function interval(i: A.TimestamptzCompareForward["interval"]): string {
  if (!i) return "";
  if (i.op !== "+" && i.op !== "-") throw new PrintError(`bad interval operator ${String(i.op)}`);
  return ` ${i.op} interval ${formatString(i.value)}`;
}

const CMP = new Set(["<", "<=", ">", ">=", "==", "!="]);
function cmp(op: string, node: A.Root): string {
  if (CMP.has(op)) return op;
  throw new PrintError(`bad comparison operator ${JSON.stringify(op)}`, node);
}

/** The pieces of one node, children as tasks. */
function expand(n: A.Root, regex: boolean): Item[] {
  switch (n.kind) {
    case "Empty":
      return [""];
    case "Integer":
    case "Float":
    case "Boolean":
    case "String":
    case "RawString":
    case "Identifier":
    case "JSONIdentifier":
    case "StructField":
    case "StructIndexField":
    case "StructSubField":
    case "ElementSelf":
    case "TemplateVariable":
    case "EmptyArray":
      return [leaf(n, regex)!];
    case "Array":
      return n.elements.length === 0 ? ["[]"] : ["[", ...commaList(n.elements), "]"];
    case "Unary": {
      const not = n.op === "not";
      if (!not && n.op !== "-" && n.op !== "+" && n.op !== "~") throw new PrintError(`bad prefix operator ${String(n.op)}`, n);
      return [not ? "not " : n.op, child(n.operand, not ? NOT_SLOT : PREFIX_SLOT)];
    }
    case "Exists":
      return ["exists ", child(n.operand, EXISTS_SLOT)];
    case "Like":
      return binary(n.left, "like", n.pattern, PREC.like);
    case "RegexMatch":
      return binary(n.left, n.negated ? "!~" : "=~", n.pattern, levelOf(n), true);
    case "Power":
    case "MulDivMod":
    case "AddSub":
    case "Shift":
    case "BitAnd":
    case "BitXor":
    case "BitOr":
      if (!ARITH[n.kind].includes(n.op)) throw new PrintError(`bad ${n.kind} operator ${String(n.op)}`, n);
      return binary(n.left, n.op, n.right, levelOf(n));
    case "Equality":
      if (n.op !== "==" && n.op !== "!=") throw new PrintError(`bad equality operator ${String(n.op)}`, n);
      return binary(n.left, n.op, n.right, PREC.equality);
    case "Relational":
      return [operand(n.left, PREC.relational, directionOf(n)), ` ${relational(n.op, n)} `, operand(n.right, PREC.relational + 1)];
    case "Range":
    case "ReverseRange": {
      if (!isRangeFieldToken(n.field)) throw new PrintError("the middle of a range must be a single field token (not $meta)", n);
      const lt = n.kind === "Range";
      const first = lt ? n.lowerInclusive : n.upperInclusive;
      const second = lt ? n.upperInclusive : n.lowerInclusive;
      const op = (incl: boolean): string => (lt ? (incl ? "<=" : "<") : incl ? ">=" : ">");
      return [
        operand(lt ? n.lower : n.upper, PREC.relational, directionOf(n)),
        ` ${op(first)} `,
        reference(n.field),
        ` ${op(second)} `,
        operand(lt ? n.upper : n.lower, PREC.range + 1),
      ];
    }
    case "Term":
      return binary(n.left, n.negated ? "not in" : "in", n.right, PREC.in);
    case "And":
    case "Or": {
      if (n.operands.length < 2) throw new PrintError(`${n.kind} needs at least two operands`, n);
      const level = levelOf(n);
      const sep = n.kind === "And" ? " and " : " or ";
      const out: Item[] = [];
      const slot: Slot = level === PREC.and ? AND_SLOT : OR_SLOT;
      n.operands.forEach((o, i) => {
        if (i > 0) out.push(sep);
        out.push(child(o, slot));
      });
      return out;
    }
    case "IsNull":
    case "IsNotNull": {
      const o = n.operand;
      const target = o.kind === "JSONIdentifier" ? reference(o) : field(o);
      return [target, n.kind === "IsNull" ? " is null" : " is not null"];
    }
    case "Call":
      return [name(n.name, "call", n), "(", ...commaList(n.args), ")"];
    case "TextMatch":
      return [
        "text_match(",
        field(n.field),
        ", ",
        arg(n.query),
        n.minimumShouldMatch ? `, minimum_should_match=${formatIntOption(n.minimumShouldMatch)}` : "",
        ")",
      ];
    case "TextMatchFuzzy":
      return [
        "text_match_fuzzy(",
        field(n.field),
        ", ",
        arg(n.query),
        `, ${name(n.option.name, "call", n)}=${formatIntOption(n.option)}`,
        ")",
      ];
    case "PhraseMatch":
      return ["phrase_match(", field(n.field), ", ", arg(n.query), ...(n.slop ? [", ", arg(n.slop)] : []), ")"];
    case "RandomSample":
      return ["random_sample(", arg(n.factor), ")"];
    case "ElementFilter":
      return ["element_filter(", field(n.field), ", ", arg(n.predicate), ")"];
    case "MatchSimple":
      return [fn(n.fn, MATCH_SIMPLE, n), "(", matchTarget(n.field), ", ", arg(n.predicate), ")"];
    case "MatchThreshold":
      return [fn(n.fn, MATCH_THRESHOLD, n), "(", matchTarget(n.field), ", ", arg(n.predicate), `, threshold=${formatIntOption(n.threshold)})`];
    case "JSONContains":
    case "JSONContainsAll":
    case "JSONContainsAny": {
      if (n.family !== "json" && n.family !== "array") throw new PrintError(`bad contains family ${String(n.family)}`, n);
      const suffix = n.kind === "JSONContains" ? "" : n.kind === "JSONContainsAll" ? "_all" : "_any";
      return [`${n.family}_contains${suffix}(`, arg(n.target), ", ", arg(n.value), ")"];
    }
    case "SpatialBinary":
      return [fn(n.fn, SPATIAL, n), "(", field(n.field), ", ", arg(n.wkt), ")"];
    case "STDWithin":
      return ["st_dwithin(", field(n.field), ", ", arg(n.wkt), ", ", arg(n.distance), ")"];
    case "STIsValid":
      return ["st_isvalid(", field(n.field), ")"];
    case "ArrayLength": {
      const t = n.target;
      const s = t.kind === "Identifier" ? field(t) : t.kind === "JSONIdentifier" || t.kind === "StructField" ? reference(t) : undefined;
      if (s === undefined) throw new PrintError("array_length needs a field, a JSON path or a struct field", n);
      return ["array_length(", s, ")"];
    }
    case "TimestamptzCompareForward":
      return [`${field(n.field)}${interval(n.interval)} ${cmp(n.op, n)} iso ${formatString(n.iso)}`];
    case "TimestamptzCompareReverse":
      return [`iso ${formatString(n.iso)} ${cmp(n.op, n)} ${field(n.field)}${interval(n.interval)}`];
    default: {
      const never: never = n;
      throw new PrintError(`unknown node kind ${(never as { kind: string }).kind}`);
    }
  }
}

const ARITH: Record<A.ArithNode["kind"], readonly string[]> = {
  Power: ["**"],
  MulDivMod: ["*", "/", "%"],
  AddSub: ["+", "-"],
  Shift: ["<<", ">>"],
  BitAnd: ["&"],
  BitXor: ["^"],
  BitOr: ["|"],
};
const MATCH_SIMPLE = ["match_all", "match_any"];
const MATCH_THRESHOLD = ["match_least", "match_most", "match_exact"];
const SPATIAL = ["st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within"];

function fn(s: string, allowed: readonly string[], node: A.Root): string {
  if (allowed.includes(s)) return s;
  throw new PrintError(`bad function ${JSON.stringify(s)} for ${node.kind}`, node);
}

function relational(op: string, node: A.Root): string {
  if (op === "<" || op === "<=" || op === ">" || op === ">=") return op;
  throw new PrintError(`bad relational operator ${JSON.stringify(op)}`, node);
}

/** Prints `ast` exactly as given (no rewrites): the canonical text of this very tree. */
export function printTree(ast: A.Root): string {
  const out: string[] = [];
  const stack: Item[] = [{ n: ast, slot: TOP }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    const { n, slot } = item;
    if (n === null || typeof n !== "object" || typeof n.kind !== "string") throw new PrintError(`not an AST node: ${String(n)}`);
    if (n.kind === "Empty" && slot !== TOP) throw new PrintError("Empty can only be the root", n);
    const wrap = n.kind !== "Empty" && needsParens(n, slot);
    const parts = expand(n, item.regex === true && n.kind === "String");
    if (wrap) stack.push(")");
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
    if (wrap) stack.push("(");
  }
  return out.join("");
}
