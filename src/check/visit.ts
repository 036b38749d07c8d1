/**
 * The type-checking walk: one function per node kind, in the order Milvus's ParserVisitor visits
 * (left operand, right operand, then the node's own rules). Each returns an `Ev`; the first rule a
 * sub-expression breaks throws `CheckFail`, which the nearest and/or chain (or the entry point)
 * reports. Depth is bounded by the parser's nesting limit plus a guard here.
 */
import { Reporter } from "../diag/reporter.js";
import { DEFAULT_LIMITS } from "../syntax/limits.js";
import type * as A from "../syntax/ast.js";
import { decodeStringLiteral, fitsInt64 } from "../syntax/literals.js";
import { literalListOf } from "../syntax/factory.js";
import { runElementKind, type LiteralRun } from "./literal-runs.js";
import { TypeMap } from "./type-map.js";
import { canBeExecuted, CheckFail, clip, fail, noteColumn, textOf, useFeature, type Ctx, type TypedExpr } from "./context.js";
import type { ColumnInfo, ConstValue, ExprType, CheckDataType } from "./types.js";
import {
  resolveElementSelf,
  resolveIdentifier,
  resolveJsonPath,
  resolveStructField,
  resolveStructIndexField,
  resolveStructSubField,
} from "./resolve.js";
import { arrayValue, negate, isBool, showValue, valueType } from "./values.js";
import type { DataType } from "../schema/index.js";
import { toConst } from "./templates.js";
import { visitArith, visitPower, visitShift } from "./arith.js";
import { visitEquality, visitRange, visitRelational } from "./compare.js";
import { visitArrayLength, visitContains, visitExists, visitIsNull, visitLike, visitRegex, visitTerm } from "./terms.js";
import {
  visitCall,
  visitElementFilter,
  visitMatch,
  visitPhraseMatch,
  visitRandomSample,
  visitSpatial,
  visitSTDWithin,
  visitSTIsValid,
  visitTextMatch,
  visitTextMatchFuzzy,
  visitTimestamptz,
} from "./functions.js";

const INT64_MIN_MAGNITUDE = 9223372036854775808n;

export function valueEv(node: A.Expr, value: ConstValue, nodeDependent = true): TypedExpr {
  return { node, dataType: valueType(value), nodeDependent, isTemplate: false, value };
}


export function columnEv(node: A.Expr, column: ColumnInfo, dataType: CheckDataType = column.dataType): TypedExpr {
  return { node, dataType, nodeDependent: true, isTemplate: false, column };
}

/**
 * Visit sibling operands in order. Milvus stops at the first that fails; a walk for a backend
 * (which evaluates some filters Milvus refuses) still types the later siblings, quietly: what
 * they would report is dropped, and the first failure is rethrown.
 */
export function visitSiblings(ctx: Ctx, visits: readonly (() => TypedExpr)[]): TypedExpr[] {
  const out: TypedExpr[] = [];
  for (let i = 0; i < visits.length; i++) {
    try {
      out.push(visits[i]!());
    } catch (e) {
      if (!(e instanceof CheckFail) || !ctx.forBackend) throw e;
      for (const later of visits.slice(i + 1)) visitQuietly(ctx, later);
      throw e;
    }
  }
  return out;
}

/**
 * `visitSiblings` for the common case written out at the call site (no closure per operand):
 * the visit of a sibling threw `e`; for a backend walk the `later` siblings are typed quietly,
 * then `e` is rethrown.
 *
 *   let left; try { left = visit(ctx, node.left); } catch (e) { siblingFailed(ctx, e, [node.right]); }
 */
export function siblingFailed(ctx: Ctx, e: unknown, later: readonly A.Expr[]): never {
  if (e instanceof CheckFail && ctx.forBackend) for (const n of later) visitQuietly(ctx, () => visit(ctx, n));
  throw e;
}

/** Run a visit for its records only: its failure and what it would report are dropped. */
export function visitQuietly(ctx: Ctx, run: () => unknown): void {
  const marks = [ctx.templateUses.length, ctx.features.length, ctx.dynamicRefs.length] as const;
  const reporter = ctx.reporter;
  ctx.reporter = new Reporter(DEFAULT_LIMITS.maxDiagnostics);
  try {
    run();
  } catch (e) {
    if (!(e instanceof CheckFail)) throw e;
  } finally {
    ctx.reporter = reporter;
  }
  ctx.templateUses.length = marks[0];
  ctx.features.length = marks[1];
  ctx.dynamicRefs.length = marks[2];
}

/** Record what a reference node resolved to (the reference map backends read). */
export function reference(ctx: Ctx, node: A.Expr, col: ColumnInfo): ColumnInfo {
  ctx.references.set(node.id, col);
  return col;
}

/**
 * A fold Milvus refuses because a placeholder takes part (`-{x}`, `{x} + 1`, `{x} < 2`): with
 * the placeholder's value known, the folded value is still recorded for backends that accept it.
 */
export function recordFolded(ctx: Ctx, node: A.Expr, value: ConstValue | undefined): void {
  if (value !== undefined) ctx.types.set(node.id, toExprType(valueEv(node, value, false)));
}

export function predicateEv(node: A.Expr, isTemplate: boolean, special?: TypedExpr["special"]): TypedExpr {
  const ev: TypedExpr = { node, dataType: "Bool", nodeDependent: false, isTemplate };
  return special ? { ...ev, special } : ev;
}

/** Visit a node and record its type. */
export function visit(ctx: Ctx, node: A.Expr): TypedExpr {
  const depth = ++ctx.depth;
  try {
    if (depth > ctx.maxDepth) {
      fail("limit/too-deep", `the filter nests deeper than ${ctx.maxDepth} levels (Milvus: expression nesting depth exceeds the limit)`, node);
    }
    const ev = dispatch(ctx, node);
    // (Column features matter only for a target that refuses some feature.)
    if (ev.column && ctx.unacceptedFeatures.size > 0) noteColumn(ctx, ev.column, node);
    ctx.types.set(node.id, toExprType(ev));
    ctx.depth = depth - 1;
    return ev;
  } catch (e) {
    ctx.depth = depth - 1;
    // Backends that evaluate what Milvus rejects ask why a node has no plan: the innermost rule wins.
    if (e instanceof CheckFail && !ctx.rejected.has(node.id)) ctx.rejected.set(node.id, e.problem.message);
    throw e;
  }
}

export function toExprType(ev: TypedExpr): ExprType {
  // One object literal per kind of record (no spreads, no properties added afterwards): this runs
  // once per node, and every reader of the map sees few object shapes.
  const dataType = ev.dataType as ExprType["dataType"];
  const { nodeDependent, isTemplate: containsTemplate } = ev;
  if (ev.templateName !== undefined) return { category: "template", dataType, nodeDependent, containsTemplate, template: ev.templateName };
  const value = ev.value;
  if (value !== undefined) {
    const category = nodeDependent ? "value" : ev.dataType === "Bool" ? "predicate" : "value";
    if (value.t === "bool" && !nodeDependent) return { category, dataType, nodeDependent, containsTemplate, value, constant: value.v };
    return { category, dataType, nodeDependent, containsTemplate, value };
  }
  if (ev.column) return { category: "column", dataType, nodeDependent, containsTemplate, column: ev.column };
  if (ev.arith) return { category: "arith", dataType, nodeDependent, containsTemplate };
  if (ev.special === "alwaysTrue") return { category: "predicate", dataType, nodeDependent, containsTemplate, constant: true };
  if (ev.special === "alwaysFalse") return { category: "predicate", dataType, nodeDependent, containsTemplate, constant: false };
  return { category: "predicate", dataType, nodeDependent, containsTemplate };
}

function dispatch(ctx: Ctx, node: A.Expr): TypedExpr {
  switch (node.kind) {
    // (Cases in order of how often filters use them: a switch on strings tests them in turn.)
    case "Identifier":
      return columnEv(node, reference(ctx, node, resolveIdentifier(ctx, node)));
    case "Relational":
      return visitRelational(ctx, node);
    case "Equality":
      return visitEquality(ctx, node);
    case "Integer":
      if (!fitsInt64(node.value)) {
        fail("type/int-overflow", `integer ${clip(node.raw)} is out of the int64 range (Milvus: value out of range)`, node, "Milvus integers are 64-bit signed");
      }
      return valueEv(node, { t: "int", v: node.value });
    case "String":
      if (node.value === null) {
        fail("type/invalid-string", `invalid string literal ${clip(node.raw)}: ${node.error ?? "Go's unquote rejects it"}`, node);
      }
      return valueEv(node, { t: "string", v: node.value });
    case "JSONIdentifier":
      return columnEv(node, reference(ctx, node, resolveJsonPath(ctx, node)));
    case "Array":
      return visitArray(ctx, node);
    case "And":
    case "Or":
      return visitLogical(ctx, node);
    case "Term":
      return visitTerm(ctx, node);
    case "Unary":
      return visitUnary(ctx, node);
    case "Boolean":
      return valueEv(node, { t: "bool", v: node.value });
    case "JSONContains":
    case "JSONContainsAll":
    case "JSONContainsAny":
      return visitContains(ctx, node);
    case "Exists":
      return visitExists(ctx, node);
    case "ArrayLength":
      return visitArrayLength(ctx, node);
    case "Like":
      return visitLike(ctx, node);
    case "MulDivMod":
    case "AddSub":
    case "BitAnd":
    case "BitXor":
    case "BitOr":
      return visitArith(ctx, node);
    case "Range":
    case "ReverseRange":
      return visitRange(ctx, node);
    case "IsNull":
    case "IsNotNull":
      return visitIsNull(ctx, node);
    case "Float": {
      const ev = valueEv(node, { t: "float", v: node.value, raw: node.raw });
      if (!Number.isFinite(node.value) && !ctx.forBackend) {
        fail("type/float-overflow", `${clip(node.raw)} is too large for a 64-bit float (Milvus: value out of range)`, node);
      }
      return ev;
    }
    case "RawString":
      return valueEv(node, { t: "string", v: node.value });
    case "StructField":
      return columnEv(node, reference(ctx, node, resolveStructField(ctx, node)));
    case "StructIndexField":
      return columnEv(node, reference(ctx, node, resolveStructIndexField(ctx, node)));
    case "StructSubField": {
      const col = reference(ctx, node, resolveStructSubField(ctx, node));
      return columnEv(node, col, col.dataType === "Array" ? col.elementType : col.dataType);
    }
    case "ElementSelf":
      return columnEv(node, reference(ctx, node, resolveElementSelf(ctx, node)));
    case "TemplateVariable": {
      const given = ctx.params?.get(node.name);
      if (given !== undefined) ctx.templateValues.set(node.id, toConst(given));
      return { node, dataType: "None", nodeDependent: false, isTemplate: true, templateName: node.name };
    }
    case "EmptyArray":
      return valueEv(node, arrayValue([]));
    case "RegexMatch":
      return visitRegex(ctx, node);
    case "Power":
      return visitPower(ctx, node);
    case "Shift":
      return visitShift(ctx, node);
    case "Call":
      return visitCall(ctx, node);
    case "TextMatch":
      return visitTextMatch(ctx, node);
    case "TextMatchFuzzy":
      return visitTextMatchFuzzy(ctx, node);
    case "PhraseMatch":
      return visitPhraseMatch(ctx, node);
    case "RandomSample":
      return visitRandomSample(ctx, node);
    case "ElementFilter":
      return visitElementFilter(ctx, node);
    case "MatchSimple":
    case "MatchThreshold":
      return visitMatch(ctx, node);
    case "SpatialBinary":
      return visitSpatial(ctx, node);
    case "STDWithin":
      return visitSTDWithin(ctx, node);
    case "STIsValid":
      return visitSTIsValid(ctx, node);
    case "TimestamptzCompareForward":
    case "TimestamptzCompareReverse":
      return visitTimestamptz(ctx, node);
  }
}

/**
 * A list constant. A long list of plain literals in the parser's compact form is read from the
 * text (visitLiteralRun). Otherwise literal elements take a direct path (no visit frame, one small
 * type record each), so a list of 10^6 literals costs one pass; any other element is visited as usual.
 */
function visitArray(ctx: Ctx, node: A.Array): TypedExpr {
  const literals = literalListOf(node);
  if (literals !== undefined) {
    const ev = visitLiteralRun(ctx, node, literals);
    if (ev !== undefined) return ev;
  }
  const elements = node.elements;
  const items = new Array<ConstValue>(elements.length);
  let elementType: CheckDataType = "None";
  let sameType = true;
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    let value = literalValue(ctx, el);
    if (value === undefined) {
      const ev = visit(ctx, el);
      if (ev.value === undefined) {
        const why = ev.templateName !== undefined ? "; pass the whole list as one template, e.g. x in {list}" : "";
        fail("type/list-element", `array element type must be generic value, but got: ${textOf(ctx, el)}${why}`, el);
      }
      value = ev.value;
    }
    items[i] = value;
    const t = valueType(value);
    if (elementType === "None") elementType = t;
    else if (elementType !== t) sameType = false;
  }
  const list: ConstValue = { t: "array", items, sameType, elementType: (sameType ? elementType : "None") as DataType };
  return valueEv(node, list);
}

/**
 * A list the parser kept in its compact form, read from the text: each element's value without
 * its node, and one record for all the elements' types (TypeMap.addLiteralRun). Plain decimal
 * integers that fit int64 and strings that decode only; for anything else (hex, octal, floats,
 * booleans, raw strings, a bad literal) undefined, and the list is visited element by element.
 */
function visitLiteralRun(ctx: Ctx, node: A.Array, literals: LiteralRun): TypedExpr | undefined {
  const { text, starts, ends } = literals;
  const n = starts.length;
  const items = new Array<ConstValue>(n);
  let elementType: CheckDataType = "None";
  let sameType = true;
  for (let i = 0; i < n; i++) {
    const kind = runElementKind(literals, i);
    const start = starts[i]!;
    const end = ends[i]!;
    let value: ConstValue;
    let t: CheckDataType;
    if (kind === "Integer") {
      const v = plainDecimal(text, start, end);
      if (v === undefined) return undefined;
      value = { t: "int", v };
      t = "Int64";
    } else if (kind === "String") {
      const r = decodeStringLiteral(text.slice(start, end));
      if (!r.ok) return undefined;
      value = { t: "string", v: r.value };
      t = "VarChar";
    } else return undefined;
    items[i] = value;
    if (elementType === "None") elementType = t;
    else if (elementType !== t) sameType = false;
  }
  // The elements' ids are the n just below the list's (NodeFactory.literalList).
  typeMapOf(ctx).addLiteralRun(node.id, items);
  return valueEv(node, { t: "array", items, sameType, elementType: (sameType ? elementType : "None") as DataType });
}

/** The check's type map as a TypeMap, which it becomes (with its entries so far) at the first compact list. */
function typeMapOf(ctx: Ctx): TypeMap {
  if (ctx.types instanceof TypeMap) return ctx.types;
  const types = new TypeMap();
  for (const [id, t] of ctx.types) types.set(id, t);
  ctx.types = types;
  return types;
}

/**
 * A decimal integer literal without a leading zero, of at most 18 digits (below 2^63), as the
 * parser reads it; undefined for any other integer literal.
 */
function plainDecimal(text: string, start: number, end: number): bigint | undefined {
  const length = end - start;
  if (length < 1 || length > 18 || (length > 1 && text.charCodeAt(start) === 48)) return undefined;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  // Up to 15 digits a double holds the value exactly.
  return length <= 15 ? BigInt(n) : BigInt(text.slice(start, end));
}

/** A literal element's value, recorded as visit would record it; undefined for anything else (or a bad literal). */
function literalValue(ctx: Ctx, el: A.Expr): ConstValue | undefined {
  let value: ConstValue;
  let dataType: CheckDataType;
  switch (el.kind) {
    case "Integer":
      // Up to 17 characters (decimal, 0x…, 0b…, 0…) is always below 2^63: no bigint comparison.
      if (el.raw.length > 17 && !fitsInt64(el.value)) return undefined;
      value = { t: "int", v: el.value };
      dataType = "Int64";
      break;
    case "String":
      if (el.value === null) return undefined;
      value = { t: "string", v: el.value };
      dataType = "VarChar";
      break;
    case "RawString":
      value = { t: "string", v: el.value };
      dataType = "VarChar";
      break;
    case "Float":
      if (!Number.isFinite(el.value)) return undefined;
      value = { t: "float", v: el.value, raw: el.raw };
      dataType = "Double";
      break;
    case "Boolean":
      value = { t: "bool", v: el.value };
      dataType = "Bool";
      break;
    default:
      return undefined;
  }
  // The record toExprType makes for a literal, field for field.
  ctx.types.set(el.id, { category: "value", dataType: dataType as ExprType["dataType"], nodeDependent: true, containsTemplate: false, value });
  return value;
}

/** Whole-array column used where a single value is needed (checkDirectComparisonBinaryField). */
export function checkNotWholeArray(ev: TypedExpr): void {
  const c = ev.column;
  if (c && c.dataType === "Array" && c.nestedPath.length === 0 && !c.isElementLevel) {
    fail("type/array-compare", `can not comparisons array fields directly: ${c.text} is a whole Array field`, ev.node, "compare an element (arr[0]) or use array_contains / array_length");
  }
}

function visitUnary(ctx: Ctx, node: A.Unary): TypedExpr {
  const op = node.op;
  if (op === "-" && node.operand.kind === "Integer" && node.operand.value === INT64_MIN_MAGNITUDE) {
    ctx.types.set(node.operand.id, toExprType(valueEv(node.operand, { t: "int", v: -INT64_MIN_MAGNITUDE })));
    return valueEv(node, { t: "int", v: -INT64_MIN_MAGNITUDE });
  }
  const child = visit(ctx, node.operand);
  if (child.value === undefined && child.templateName !== undefined && (op === "-" || op === "+")) {
    const v = ctx.templateValues.get(node.operand.id);
    const r = v === undefined || (v.t !== "int" && v.t !== "float") ? undefined : op === "-" ? negate(v) : { ok: true as const, value: v };
    if (r?.ok) recordFolded(ctx, node, r.value);
  }
  if (child.value !== undefined) {
    const v = child.value;
    if (op === "+") {
      if (!isNumOrAny(v)) fail("type/unary", `unary '+' needs a number, got ${showValue(v)}`, node);
      return child;
    }
    if (op === "-") {
      const r = negate(v);
      if (!r.ok) fail("type/unary", r.message, node);
      return valueEv(node, r.value, false);
    }
    if (op === "not") {
      if (!isBool(v)) fail("type/not-operand", `not op can only be applied on boolean expression, got ${showValue(v)}`, node);
      return valueEv(node, { t: "bool", v: !v.v }, false);
    }
    fail("type/unary", `'~' (bitwise not) is not supported by Milvus: ${textOf(ctx, node)}`, node);
  }
  if (child.special === "randomSample") fail("type/random-sample-position", "random sample expression cannot be used in unary expression", node);
  if (child.special === "elementFilter") fail("type/element-filter-position", "element filter expression cannot be used in unary expression", node);
  checkNotWholeArray(child);
  if (op === "+") return child;
  if (op === "not") {
    if (!canBeExecuted(child)) {
      fail(
        "type/not-operand",
        `not op can only be applied on boolean expression: ${textOf(ctx, node.operand)} is not a predicate`,
        node,
        child.dataType === "Bool" && child.column ? `write ${textOf(ctx, node.operand)} == false` : undefined,
      );
    }
    return predicateEv(node, child.isTemplate);
  }
  fail("type/unary", `unary '${op}' can only be applied to constants: ${textOf(ctx, node)}`, node, op === "-" ? "move the sign to the constant side" : undefined);
}

const isNumOrAny = (v: ConstValue): boolean => v.t === "int" || v.t === "float";

// ------------------------------------------------------------------ and / or

function visitLogical(ctx: Ctx, node: A.And | A.Or): TypedExpr {
  let acc: TypedExpr | undefined;
  let failed: CheckFail | undefined;
  for (const operand of node.operands) {
    let ev: TypedExpr;
    try {
      ev = visit(ctx, operand);
    } catch (e) {
      if (!(e instanceof CheckFail)) throw e;
      // Keep checking the other operands: their problems are independent.
      if (failed) ctx.reporter.report(e.problem);
      else failed = e;
      continue;
    }
    if (failed) continue;
    if (acc === undefined) {
      acc = ev;
      continue;
    }
    try {
      acc = node.kind === "And" ? combineAnd(ctx, node, acc, ev) : combineOr(ctx, node, acc, ev);
    } catch (e) {
      if (!(e instanceof CheckFail)) throw e;
      failed = e;
    }
  }
  if (failed) throw failed;
  // A one-operand chain cannot come from the parser; keep the operand's type.
  return acc!;
}

function logicalSpan(left: TypedExpr, right: TypedExpr): A.Span {
  return { start: left.node.span.start, end: right.node.span.end };
}

function constantSide(
  ctx: Ctx,
  word: "and" | "or",
  left: TypedExpr,
  right: TypedExpr,
): { lit: ConstValue; other: TypedExpr } | undefined {
  const lv = left.value;
  const rv = right.value;
  if (lv === undefined && rv === undefined) return undefined;
  const lit = (lv ?? rv)!;
  const other = lv !== undefined ? right : left;
  const litEv = lv !== undefined ? left : right;
  if (litEv.nodeDependent || other.special !== undefined) useFeature(ctx, "bool-literal-fold", litEv.node);
  if (!isBool(lit)) {
    fail("type/logical-operand", `'${word}' can only be used between boolean expressions: ${showValue(lit)} is not a boolean`, logicalSpan(left, right));
  }
  if (!canBeExecuted(other) && other.value === undefined) {
    fail("type/logical-operand", `'${word}' can only be used between boolean expressions: ${textOf(ctx, other.node)} is not a predicate`, other.node, boolFieldHint(ctx, other));
  }
  return { lit, other };
}

function boolFieldHint(ctx: Ctx, ev: TypedExpr): string | undefined {
  if (ev.column && ev.dataType === "Bool") return `a Bool field is not a predicate by itself: write ${textOf(ctx, ev.node)} == true`;
  if (ev.column && ev.dataType === "JSON") return `a JSON value is not a predicate by itself: write ${textOf(ctx, ev.node)} == true`;
  return undefined;
}

function combineAnd(ctx: Ctx, node: A.And, left: TypedExpr, right: TypedExpr): TypedExpr {
  if (left.value !== undefined && right.value !== undefined) {
    if (!isBool(left.value) || !isBool(right.value)) {
      fail("type/logical-operand", `'and' can only be used between boolean expressions: ${showValue(left.value)} and ${showValue(right.value)}`, logicalSpan(left, right));
    }
    return valueEv(node, { t: "bool", v: left.value.v && right.value.v }, false);
  }
  const c = constantSide(ctx, "and", left, right);
  if (c) {
    if (!(c.lit as { v: boolean }).v) return { ...predicateEv(node, left.isTemplate || right.isTemplate, "alwaysFalse") };
    return c.other;
  }
  if (left.special === "randomSample") {
    fail("type/random-sample-position", "random sample expression can only be the last expression in the logical and expression", left.node, "write: <filter> and random_sample(f)");
  }
  if (left.special === "elementFilter") {
    fail("type/element-filter-position", "element filter expression can only be the last expression in the logical and expression", left.node, "write: <filter> and element_filter(...)");
  }
  for (const side of [left, right]) {
    if (!canBeExecuted(side)) {
      fail("type/logical-operand", `'and' can only be used between boolean expressions: ${textOf(ctx, side.node)} is not a predicate`, side.node, boolFieldHint(ctx, side));
    }
  }
  const special = right.special === "randomSample" || right.special === "elementFilter" ? right.special : undefined;
  return predicateEv(node, left.isTemplate || right.isTemplate, special);
}

function combineOr(ctx: Ctx, node: A.Or, left: TypedExpr, right: TypedExpr): TypedExpr {
  if (left.value !== undefined && right.value !== undefined) {
    if (!isBool(left.value) || !isBool(right.value)) {
      fail("type/logical-operand", `'or' can only be used between boolean expressions: ${showValue(left.value)} and ${showValue(right.value)}`, logicalSpan(left, right));
    }
    return valueEv(node, { t: "bool", v: left.value.v || right.value.v }, false);
  }
  const c = constantSide(ctx, "or", left, right);
  if (c) {
    if ((c.lit as { v: boolean }).v) return predicateEv(node, left.isTemplate || right.isTemplate, "alwaysTrue");
    return c.other;
  }
  if (left.special === "randomSample" || right.special === "randomSample") {
    fail("type/random-sample-position", "random sample expression cannot be used in logical or expression", (left.special === "randomSample" ? left : right).node);
  }
  if (left.special === "elementFilter" || right.special === "elementFilter") {
    fail(
      "type/element-filter-position",
      "element filter expression cannot be used in a logical or expression (it can only be the last expression in the logical and expression)",
      (left.special === "elementFilter" ? left : right).node,
    );
  }
  for (const side of [left, right]) {
    if (!canBeExecuted(side)) {
      fail("type/logical-operand", `'or' can only be used between boolean expressions: ${textOf(ctx, side.node)} is not a predicate`, side.node, boolFieldHint(ctx, side));
    }
  }
  return predicateEv(node, left.isTemplate || right.isTemplate);
}
