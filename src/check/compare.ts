/**
 * Comparisons (`== != < <= > >=`) and ranges (`lo < x < hi`): Milvus VisitEquality /
 * VisitRelational / HandleCompare / handleCompareRightValue / VisitRange.
 */
import type * as A from "../syntax/ast.js";
import { CheckFail, fail, isTemplateEv, isValueEv, noteColumn, textOf, type Ctx, type TypedExpr } from "./context.js";
import { checkNotWholeArray, predicateEv, recordFolded, siblingFailed, valueEv, visit } from "./visit.js";
import { castArithFor, castForColumn, castLength, constantOf, recordCast } from "./plan.js";
import { handleArithCompare } from "./arith.js";
import { canBeComparedDT, castRangeValue, castValue, compareConst, nonFiniteForIntegerArray, relational, showValue } from "./values.js";
import type { ColumnInfo, ConstValue, CheckDataType } from "./types.js";
import {
  resolveElementSelf,
  resolveIdentifier,
  resolveJsonPath,
  resolveStructIndexField,
  resolveStructSubField,
} from "./resolve.js";

type CmpOp = A.CmpOp;

const MIRROR: Record<CmpOp, CmpOp> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=" };

/** Visit the left operand; when it is `not x` and fails, explain the precedence trap. */
function visitLeftOfComparison(ctx: Ctx, node: A.Equality | A.Relational, op: string): TypedExpr {
  const left = node.left;
  try {
    return visit(ctx, left);
  } catch (e) {
    if (e instanceof CheckFail && left.kind === "Unary" && left.op === "not" && e.problem.code === "type/not-operand") {
      // Operands by their own spans: the operator may touch them (`not a==1`).
      const inner = textOf(ctx, left.operand);
      const right = textOf(ctx, node.right);
      throw new CheckFail({
        ...e.problem,
        message: `'not' binds tighter than '${op}': this reads as (not ${inner}) ${op} ${right}, and not op can only be applied on boolean expression`,
        hint: `write not (${inner} ${op} ${right})`,
      });
    }
    throw e;
  }
}

export function visitEquality(ctx: Ctx, node: A.Equality): TypedExpr {
  return visitComparison(ctx, node, node.op);
}

export function visitRelational(ctx: Ctx, node: A.Relational): TypedExpr {
  return visitComparison(ctx, node, node.op);
}

function visitComparison(ctx: Ctx, node: A.Equality | A.Relational, op: CmpOp): TypedExpr {
  let left: TypedExpr;
  try {
    left = visitLeftOfComparison(ctx, node, op);
  } catch (e) {
    siblingFailed(ctx, e, [node.right]);
  }
  const right = visit(ctx, node.right);
  recordComparisonCasts(ctx, node, left, right);
  if (isValueEv(left) && isValueEv(right)) {
    if (isTemplateEv(left) || isTemplateEv(right)) {
      const a = constantOf(ctx, left);
      const b = constantOf(ctx, right);
      const folded = a !== undefined && b !== undefined ? relational(op, a, b) : undefined;
      if (folded !== undefined) recordFolded(ctx, node, { t: "bool", v: folded });
      fail("template/between-constants", `placeholder was not supported between two constants with operator: ${op}`, node, "compare the placeholder with a field");
    }
    const r = relational(op, left.value!, right.value!);
    if (r === undefined) {
      fail(
        "type/constant-comparison",
        `comparison operations cannot be applied to two incompatible operands: ${textOf(ctx, node)} (${showValue(left.value!)} vs ${showValue(right.value!)})`,
        node,
      );
    }
    return valueEv(node, { t: "bool", v: r }, false);
  }
  if (node.kind === "Relational") {
    checkNotWholeArray(left);
    checkNotWholeArray(right);
  }
  handleCompare(ctx, node, op, left, right);
  return predicateEv(node, left.isTemplate || right.isTemplate);
}

/**
 * The cast of the constant side of `column op constant` for backends: by the column's type, by
 * the arithmetic's column for `(x op k) op v`, as a length for `array_length(x) op v`.
 */
function recordComparisonCasts(ctx: Ctx, node: A.Equality | A.Relational, left: TypedExpr, right: TypedExpr): void {
  const leftValue = isValueEv(left);
  if (leftValue === isValueEv(right)) return;
  const [other, constant] = leftValue ? [right, left] : [left, right];
  const otherNode = leftValue ? node.right : node.left;
  const value = constantOf(ctx, constant);
  if (other.column && other.node === otherNode) {
    const col = other.column;
    recordCast(ctx, constant.node, (v) => castForColumn(col, v), value);
    return;
  }
  if (other.arith?.op === "array_length") {
    recordCast(ctx, constant.node, castLength, value);
    return;
  }
  const plan = ctx.arithmetic.get(otherNode.id);
  const col = plan && ctx.references.get(plan.column.id);
  if (col) recordCast(ctx, constant.node, (v) => castArithFor(col, v), value);
}

/** Element type of an array-typed operand (column element type, or a list constant's). */
export function arrayElementType(ev: TypedExpr): CheckDataType {
  if (ev.column) return ev.column.elementType;
  if (ev.value?.t === "array") return ev.value.elementType;
  return "None";
}

function describeType(ev: TypedExpr): string {
  return ev.dataType === "Array" ? `Array[${arrayElementType(ev)}]` : ev.dataType;
}

export function canBeCompared(l: TypedExpr, r: TypedExpr): boolean {
  const la = l.dataType === "Array";
  const ra = r.dataType === "Array";
  return canBeComparedDT(la ? arrayElementType(l) : l.dataType, ra ? arrayElementType(r) : r.dataType);
}

/** The type a constant compared with this column is cast to (element type for `arr[i]`, `$[sub]`). */
export function castTargetOf(ev: TypedExpr): CheckDataType {
  const c = ev.column;
  if (ev.dataType === "Array" && c && (c.nestedPath.length > 0 || c.isElementLevel)) return c.elementType;
  return ev.dataType;
}

export function scaleOf(c: ColumnInfo | undefined): number | undefined {
  return c?.field.scale;
}

function handleCompare(ctx: Ctx, node: A.Expr, op: CmpOp, left: TypedExpr, right: TypedExpr): void {
  if (!left.isTemplate && !right.isTemplate && !canBeCompared(left, right)) {
    fail("type/incomparable", `comparisons between ${describeType(left)} and ${describeType(right)} are not supported: ${textOf(ctx, node)}`, node, comparisonHint(left, right));
  }
  if (isValueEv(left)) return compareWithValue(ctx, node, MIRROR[op], right, left);
  if (isValueEv(right)) return compareWithValue(ctx, node, op, left, right);
  // Two non-constant operands: a column-to-column comparison.
  const lc = left.column;
  const rc = right.column;
  if (!lc || !rc) {
    fail("type/column-comparison", `only comparison between two fields is supported: ${textOf(ctx, node)}`, node, "compare a field with a constant, or two plain fields");
  }
  if (lc.dataType === "JSON" || rc.dataType === "JSON") {
    fail("type/json-column-comparison", `two column comparison with JSON type is not supported: ${textOf(ctx, node)}`, node, "compare each JSON key with a constant instead");
  }
  if (lc.dataType !== "Unknown" && rc.dataType !== "Unknown") {
    const lt = castTargetOf(left);
    const rt = castTargetOf(right);
    const temporal = (t: CheckDataType): boolean => t === "Date" || t === "Time" || t === "Timestamptz";
    if ((temporal(lt) || temporal(rt)) && lt !== rt) {
      fail("type/incomparable", `comparisons between ${lt} and ${rt} are not supported: ${textOf(ctx, node)}`, node);
    }
  }
}

function comparisonHint(l: TypedExpr, r: TypedExpr): string | undefined {
  const types = [l.dataType, r.dataType];
  if (types.includes("Timestamptz")) return "compare a Timestamptz field with ISO '2025-01-01T00:00:00Z'";
  if (types.includes("Geometry")) return "use the ST_* functions for Geometry fields";
  if (types.some((t) => t === "VarChar" || t === "String") && types.some((t) => t !== "VarChar" && t !== "String")) {
    return "a quoted value is a string; field names are never quoted";
  }
  return undefined;
}

/** column (or arithmetic) `op` constant. */
function compareWithValue(ctx: Ctx, node: A.Expr, op: CmpOp, left: TypedExpr, valueSide: TypedExpr): void {
  const dataType = castTargetOf(left);
  const scale = scaleOf(left.column);
  if (!left.isTemplate && !isTemplateEv(valueSide)) {
    const r = castValue(dataType, valueSide.value!, scale);
    if (!r.ok) fail("type/cast", `${r.message}: ${textOf(ctx, node)}`, valueSide.node, castHint(dataType, valueSide.value!));
    const c = left.column;
    const nf = c && nonFiniteForIntegerArray(c.dataType, c.elementType, valueSide.value!);
    if (nf) fail("type/cast", nf, valueSide.node);
  }
  if (left.arith) {
    handleArithCompare(ctx, node, op, left, valueSide);
    return;
  }
  if (!left.column) {
    fail("type/column-comparison", `not supported to combine multiple fields: ${textOf(ctx, left.node)} cannot be compared with a constant`, node);
  }
  if (isTemplateEv(valueSide)) {
    const name = valueSide.templateName!;
    ctx.templateUses.push({
      names: [name],
      span: valueSide.node.span,
      fill: (get) => {
        const v = get(name);
        const r = castValue(dataType, v, scale);
        if (!r.ok) return { code: "template/type", message: `template {${name}}: ${r.message}` };
        const c = left.column!;
        const nf = nonFiniteForIntegerArray(c.dataType, c.elementType, v);
        return nf ? { code: "template/type", message: `template {${name}}: ${nf}` } : undefined;
      },
    });
  }
}

export function castHint(dataType: CheckDataType, v: ConstValue): string | undefined {
  if ((dataType === "Int8" || dataType === "Int16" || dataType === "Int32" || dataType === "Int64") && v.t === "float") {
    return "an integer field only compares with integer constants";
  }
  if ((dataType === "VarChar" || dataType === "String") && v.t !== "string") return "quote the value: a VarChar field compares with strings";
  if (dataType === "Array" && v.t !== "array") return "a whole Array field compares only with a list ([...]); use array_contains for one element";
  return undefined;
}

// ------------------------------------------------------------------ ranges

function rangeColumn(ctx: Ctx, f: A.RangeField): { column: ColumnInfo; ev: TypedExpr } {
  let column: ColumnInfo;
  switch (f.kind) {
    case "Identifier":
      column = resolveIdentifier(ctx, f);
      break;
    case "JSONIdentifier":
      column = resolveJsonPath(ctx, f);
      break;
    case "StructSubField": {
      const c = resolveStructSubField(ctx, f);
      column = { ...c, dataType: c.elementType };
      break;
    }
    case "StructIndexField":
      column = resolveStructIndexField(ctx, f);
      break;
    case "ElementSelf":
      column = resolveElementSelf(ctx, f);
      break;
  }
  const ev: TypedExpr = { node: f, dataType: column.dataType, nodeDependent: true, isTemplate: false, column };
  ctx.references.set(f.id, column);
  noteColumn(ctx, column, f);
  return { column, ev };
}

export function visitRange(ctx: Ctx, node: A.Range | A.ReverseRange): TypedExpr {
  const { column, ev } = rangeColumn(ctx, node.field);
  visitedColumn(ctx, ev);
  checkNotWholeArray(ev);
  let lower: TypedExpr;
  try {
    lower = visit(ctx, node.lower);
  } catch (e) {
    siblingFailed(ctx, e, [node.upper]);
  }
  const upper = visit(ctx, node.upper);
  recordCast(ctx, node.lower, (v) => castForColumn(column, v), constantOf(ctx, lower));
  recordCast(ctx, node.upper, (v) => castForColumn(column, v), constantOf(ctx, upper));
  if (!isValueEv(lower)) fail("type/range-bound", `lowerbound cannot be a non-const expression: ${textOf(ctx, node.lower)}`, node.lower);
  if (!isValueEv(upper)) fail("type/range-bound", `upperbound cannot be a non-const expression: ${textOf(ctx, node.upper)}`, node.upper);
  const fieldType: CheckDataType = column.dataType === "Array" ? column.elementType : column.dataType;
  const scale = scaleOf(column);
  const cast = (b: TypedExpr): ConstValue | undefined => {
    if (isTemplateEv(b)) return undefined;
    const r = castRangeValue(fieldType, b.value!, scale);
    if (!r.ok) fail("type/range-cast", `${r.message}: ${showValue(b.value!)} is not a valid bound for ${column.text} (${fieldType})`, b.node);
    return r.value;
  };
  const lo = cast(lower);
  const hi = cast(upper);
  if (lo && hi) checkBounds(ctx, node, lo, hi, node.lowerInclusive && node.upperInclusive);
  if (isTemplateEv(lower) || isTemplateEv(upper)) {
    const names = [lower, upper].filter(isTemplateEv).map((b) => b.templateName!);
    const elemType = castTargetOf({ ...ev, dataType: column.dataType });
    ctx.templateUses.push({
      names,
      span: node.span,
      fill: (get) => {
        const bound = (b: TypedExpr, v: ConstValue | undefined): ConstValue | { bad: string } => {
          if (v) return v;
          const r = castValue(elemType, get(b.templateName!), scale);
          return r.ok ? r.value : { bad: `template {${b.templateName}}: ${r.message}` };
        };
        const l = bound(lower, lo);
        if ("bad" in l) return { code: "template/type", message: l.bad };
        const h = bound(upper, hi);
        if ("bad" in h) return { code: "template/type", message: h.bad };
        try {
          checkBounds(ctx, node, l, h, node.lowerInclusive && node.upperInclusive);
        } catch (e) {
          if (e instanceof CheckFail) return { code: "template/range-order", message: e.problem.message };
          throw e;
        }
        return undefined;
      },
    });
  }
  return predicateEv(node, lower.isTemplate || upper.isTemplate);
}

function visitedColumn(ctx: Ctx, ev: TypedExpr): void {
  ctx.types.set(ev.node.id, {
    category: "column",
    dataType: ev.dataType as never,
    nodeDependent: true,
    containsTemplate: false,
    column: ev.column!,
  });
}

function checkBounds(ctx: Ctx, node: A.Expr, lo: ConstValue, hi: ConstValue, bothInclusive: boolean): void {
  const c = compareConst(lo, hi);
  if (c === undefined) {
    fail("type/range-cast", `invalid range: the bounds ${showValue(lo)} and ${showValue(hi)} cannot be compared with each other: ${textOf(ctx, node)}`, node);
  }
  if (bothInclusive ? c > 0 : c >= 0) {
    fail(
      "type/range-order",
      `invalid range: lowerbound is greater than upperbound (${showValue(lo)} .. ${showValue(hi)} matches nothing)`,
      node,
      "swap the bounds",
    );
  }
}
