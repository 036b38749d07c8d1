/**
 * Arithmetic: constant folding, `column op constant` nodes, the one executable shape
 * `column op c CMP v` (Milvus BinaryArithOpEvalRange), and newest master's integer chain folding
 * (`(x + 2) + 3 == 5` ≡ `x + 5 == 5`).
 */
import type * as A from "../syntax/ast.js";
import { fail, isTemplateEv, isValueEv, textOf, useFeature, type ArithOpName, type Ctx, type TypedExpr } from "./context.js";
import { checkNotWholeArray, recordFolded, siblingFailed, valueEv, visit } from "./visit.js";
import { castArithFor, constantOf, readType } from "./plan.js";
import { arrayElementType, castTargetOf, scaleOf } from "./compare.js";
import { arith, bitwise, canArithmeticDT, canConvertToInteger, castValue, divide, isIntegerDT, modulo, power, showValue, targetType, wrap64, type FoldResult } from "./values.js";
import type { ColumnInfo, ConstValue, CheckDataType } from "./types.js";

const NAMES: Record<ArithOpName, string> = {
  "+": "add",
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "%": "modulo",
  "&": "bitand",
  "|": "bitor",
  "^": "bitxor",
  "<<": "shiftleft",
  ">>": "shiftright",
};

const BITWISE = new Set<ArithOpName>(["&", "|", "^", "<<", ">>"]);

function fold(op: ArithOpName, a: ConstValue, b: ConstValue): FoldResult {
  switch (op) {
    case "+":
    case "-":
    case "*":
      return arith(op, a, b);
    case "/":
      return divide(a, b);
    case "%":
      return modulo(a, b);
    case "&":
    case "|":
    case "^":
      return bitwise(op, a, b);
    default:
      return { ok: false, message: `shift is not supported between constants` };
  }
}

export function visitPower(ctx: Ctx, node: A.Power): TypedExpr {
  let left: TypedExpr;
  try {
    left = visit(ctx, node.left);
  } catch (e) {
    siblingFailed(ctx, e, [node.right]);
  }
  const right = visit(ctx, node.right);
  if (left.isTemplate || right.isTemplate) foldWithTemplates(ctx, node, left, right, power);
  if (left.value !== undefined && right.value !== undefined) {
    const r = power(left.value, right.value);
    if (!r.ok) fail("type/constant-arith", r.message, node);
    return valueEv(node, r.value, false);
  }
  fail("type/power", `power can only apply on constants: ${textOf(ctx, node)}`, node, "'**' is folded at parse time; it cannot use a field or a template");
}

export function visitShift(ctx: Ctx, node: A.Shift): TypedExpr {
  return visitArith(ctx, node);
}

/**
 * `(x op1 a) op2 b` as one operation on x: additions and subtractions fold into one addition,
 * multiplications into one multiplication, a repeated bitwise operator into one. Undefined for
 * any other pair.
 */
function foldChainConstants(op1: ArithOpName, a: bigint, op2: ArithOpName, b: bigint): { op: ArithOpName; v: bigint } | undefined {
  const additive = (o: ArithOpName): boolean => o === "+" || o === "-";
  if (additive(op1) && additive(op2)) return { op: "+", v: wrap64((op1 === "+" ? a : -a) + (op2 === "+" ? b : -b)) };
  if (op1 === "*" && op2 === "*") return { op: "*", v: wrap64(a * b) };
  if (op1 === op2 && (op2 === "&" || op2 === "|" || op2 === "^")) return { op: op2, v: op2 === "&" ? a & b : op2 === "|" ? a | b : a ^ b };
  return undefined;
}

/** Chain folding of newest master: integer column, same operator family, constant operands. */
function chainFold(ctx: Ctx, node: A.Expr, op: ArithOpName, left: TypedExpr, right: TypedExpr): TypedExpr | undefined {
  const inner = left.arith;
  if (!inner || inner.op === "array_length" || right.value?.t !== "int" || left.isTemplate) return undefined;
  const col = inner.left.column;
  const k = inner.right.value;
  if (!col || k?.t !== "int") return undefined;
  const colType = castTargetOf(inner.left);
  if (!isIntegerDT(colType)) return undefined;
  const folded = foldChainConstants(inner.op, k.v, op, right.value.v);
  if (folded === undefined) return undefined;
  useFeature(ctx, "nested-arith", node);
  const operand = valueEv(node, { t: "int", v: folded.v });
  return { node, dataType: left.dataType, nodeDependent: true, isTemplate: false, arith: { op: folded.op, left: inner.left, right: operand } };
}

/** `a op b` between constants where a placeholder takes part (Milvus refuses it; the fold is recorded for backends). */
function foldWithTemplates(ctx: Ctx, node: A.Expr, left: TypedExpr, right: TypedExpr, f: (a: ConstValue, b: ConstValue) => FoldResult): void {
  const a = constantOf(ctx, left);
  const b = constantOf(ctx, right);
  if (a === undefined || b === undefined) return;
  const r = f(a, b);
  if (r.ok) recordFolded(ctx, node, r.value);
}

/**
 * The arithmetic plan of `node` for backends (ctx.arithmetic): `column op constant`, `constant op
 * column`, or an integer chain on a planned inner arithmetic (`(x + 2) - 1`, `(2 * x) * 3`),
 * folded as newest master folds it. Recorded before Milvus's rules run, so a backend that accepts
 * more than Milvus finds the plan; the column must be the operand itself (not `+x`).
 */
function planArithmetic(ctx: Ctx, node: A.ArithNode, op: ArithOpName, left: TypedExpr, right: TypedExpr): void {
  const columnOf = (ev: TypedExpr, child: A.Expr): ColumnInfo | undefined => (ev.column && ev.node === child ? ev.column : undefined);
  const leftCol = columnOf(left, node.left);
  const rightCol = columnOf(right, node.right);
  if (leftCol && isValueEv(right)) {
    const v = constantOf(ctx, right);
    ctx.arithmetic.set(node.id, { op, column: node.left, operandNode: node.right, operand: v === undefined ? undefined : castArithFor(leftCol, v), reversed: false });
    return;
  }
  if (rightCol && isValueEv(left)) {
    const v = constantOf(ctx, left);
    ctx.arithmetic.set(node.id, { op, column: node.right, operandNode: node.left, operand: v === undefined ? undefined : castArithFor(rightCol, v), reversed: true });
    return;
  }
  const inner = ctx.arithmetic.get(node.left.id);
  const b = isValueEv(right) ? constantOf(ctx, right) : undefined;
  if (inner === undefined || b?.t !== "int" || !inner.operand?.ok || inner.operand.value.t !== "int") return;
  // `2 - x` is not `x op 2`: only a commutative inner operation can be read column-first.
  if (inner.reversed && inner.op !== "+" && inner.op !== "*") return;
  const col = ctx.references.get(inner.column.id);
  if (col === undefined || !isIntegerDT(readType(col))) return;
  const folded = foldChainConstants(inner.op, inner.operand.value.v, op, b.v);
  if (folded === undefined) return;
  ctx.arithmetic.set(node.id, { op: folded.op, column: inner.column, operandNode: undefined, operand: { ok: true, value: { t: "int", v: folded.v } }, reversed: false });
}

export function visitArith(ctx: Ctx, node: A.MulDivMod | A.AddSub | A.BitAnd | A.BitXor | A.BitOr | A.Shift): TypedExpr {
  const op = node.op as ArithOpName;
  let left: TypedExpr;
  try {
    left = visit(ctx, node.left);
  } catch (e) {
    siblingFailed(ctx, e, [node.right]);
  }
  const right = visit(ctx, node.right);
  if (isValueEv(left) && isValueEv(right)) {
    if (isTemplateEv(left) || isTemplateEv(right)) {
      if (op !== "<<" && op !== ">>") foldWithTemplates(ctx, node, left, right, (a, b) => fold(op, a, b));
      fail("template/between-constants", `placeholder was not supported between two constants with operator: ${op}`, node);
    }
    if (op === "<<" || op === ">>") fail("type/shift", `shift is not supported: ${textOf(ctx, node)}`, node, "shifts apply to an integer field only: (field << n) == v");
    if (op === "&" || op === "|" || op === "^") useFeature(ctx, "bitwise-constant", node);
    const r = fold(op, left.value!, right.value!);
    if (!r.ok) fail(op === "/" || op === "%" ? (r.message.includes("zero") ? "type/division-by-zero" : "type/constant-arith") : "type/constant-arith", `${r.message}: ${textOf(ctx, node)}`, node);
    return valueEv(node, r.value, false);
  }
  planArithmetic(ctx, node, op, left, right);
  const folded = chainFold(ctx, node, op, left, right);
  if (folded) return folded;
  const reverse = isValueEv(left);
  checkNotWholeArray(left);
  checkNotWholeArray(right);
  let dataType: CheckDataType;
  if (left.isTemplate) dataType = right.dataType;
  else if (right.isTemplate) dataType = left.dataType;
  else {
    const elem = (e: TypedExpr): CheckDataType => (e.dataType === "Array" ? arrayElementType(e) : e.dataType);
    let l = elem(left);
    let r = elem(right);
    if (reverse) [l, r] = [r, l];
    if (!canArithmeticDT(l, r)) {
      fail("type/arith", `'${NAMES[op]}' cannot perform arithmetic between ${l} field and ${r}: ${textOf(ctx, node)}`, node, arithHint(l, r));
    }
    if (op === "%" && (!canConvertToInteger(left.dataType, arrayElementType(left)) || !canConvertToInteger(right.dataType, arrayElementType(right)))) {
      fail("type/modulo", `modulo can only apply on integer types: ${textOf(ctx, node)}`, node);
    }
    const t = targetType(reverse ? r : l, reverse ? l : r);
    if (t === undefined) fail("type/arith", `incompatible data type, ${l}, ${r}: ${textOf(ctx, node)}`, node);
    dataType = t;
  }
  if (BITWISE.has(op)) {
    useFeature(ctx, op === "<<" || op === ">>" ? "shift-field" : "bitwise-field", node);
    // Newest master: bitwise and shift need an integer column and an integer operand.
    const colSide = reverse ? right : left;
    const other = reverse ? left : right;
    const ct = colSide.dataType === "Array" ? arrayElementType(colSide) : colSide.dataType;
    if (ct !== "Unknown" && ct !== "None" && ct !== "JSON" && !isIntegerDT(ct)) {
      fail("type/bitwise", `'${NAMES[op]}' needs an integer field, got ${ct}: ${textOf(ctx, node)}`, node);
    }
    if (other.value !== undefined && other.value.t !== "int") {
      fail("type/bitwise", `'${NAMES[op]}' needs an integer operand, got ${showValue(other.value)}`, other.node);
    }
    if ((op === "<<" || op === ">>") && other.value?.t === "int" && (other.value.v < 0n || other.value.v >= 64n)) {
      fail("type/shift", `shift amount must be in range [0, 64), got ${other.value.v}`, other.node);
    }
  }
  return {
    node,
    dataType,
    nodeDependent: true,
    isTemplate: left.isTemplate || right.isTemplate,
    arith: { op, left, right },
  };
}

function arithHint(l: CheckDataType, r: CheckDataType): string | undefined {
  if (isIntegerDT(l) && (r === "Double" || r === "Float")) return "an integer field takes integer operands only";
  return undefined;
}

/** `arith CMP value`: Milvus handleBinaryArithExpr + combineBinaryArithExpr. */
export function handleArithCompare(ctx: Ctx, node: A.Expr, op: string, left: TypedExpr, valueSide: TypedExpr): void {
  const a = left.arith!;
  // 2.3's visitor accepted arithmetic only under == / != ("is not supported in execution backend").
  if (a.op !== "array_length" && op !== "==" && op !== "!=") useFeature(ctx, "arith-relational", node);
  if (a.op === "array_length") {
    if (isTemplateEv(valueSide)) {
      const name = valueSide.templateName!;
      ctx.templateUses.push({
        names: [name],
        span: valueSide.node.span,
        fill: (get) => {
          const r = castValue("Int64", get(name));
          return r.ok ? undefined : { code: "template/type", message: `template {${name}}: ${r.message}` };
        },
      });
    }
    return;
  }
  const lc = a.left.column;
  const rc = a.right.column;
  if (lc && rc) fail("type/arith-fields", `not supported to do arithmetic operations between multiple fields: ${textOf(ctx, left.node)}`, left.node);
  if (isValueEv(a.left) && isValueEv(a.right)) fail("internal/error", "unexpected, should be optimized already", left.node);
  let column: TypedExpr;
  let operand: TypedExpr;
  if (lc && isValueEv(a.right)) {
    column = a.left;
    operand = a.right;
  } else if (rc && isValueEv(a.left)) {
    if (a.op !== "+" && a.op !== "*") {
      fail("type/reversed-arith", `module field is not yet supported: the field must be on the left of '${a.op}' in ${textOf(ctx, left.node)}`, left.node, `rewrite ${textOf(ctx, left.node)} with the field first`);
    }
    column = a.right;
    operand = a.left;
  } else {
    fail("type/complicated-arith", `complicated arithmetic operations are not supported: ${textOf(ctx, left.node)}`, left.node, "Milvus evaluates only `field op constant` compared with a constant");
  }
  const arithType = left.dataType;
  const scale = scaleOf(column.column);
  if (!isTemplateEv(operand)) {
    const r = castValue(arithType, operand.value!, scale);
    if (!r.ok) fail("type/cast", `${r.message}: ${textOf(ctx, left.node)}`, operand.node);
    const v = r.value;
    if ((a.op === "/" || a.op === "%") && ((v.t === "int" && v.v === 0n) || (v.t === "float" && v.v === 0))) {
      fail("type/division-by-zero", `division or modulus by zero: ${textOf(ctx, left.node)}`, operand.node);
    }
  }
  if (!isTemplateEv(operand) && !isTemplateEv(valueSide)) return;
  const col = column.column!;
  const names = [operand, valueSide].filter(isTemplateEv).map((e) => e.templateName!);
  ctx.templateUses.push({
    names,
    span: node.span,
    fill: (get) => {
      let dataType: CheckDataType = arithType;
      if (isTemplateEv(operand)) {
        const name = operand.templateName!;
        const v = get(name);
        if (v.t === "bytes") return { code: "template/type", message: `template {${name}}: a bytes value cannot be an arithmetic operand` };
        if (v.t === "array") return { code: "template/type", message: `template {${name}}: can not comparisons array directly (an arithmetic operand must be a number)` };
        const vt: CheckDataType = v.t === "int" ? "Int64" : v.t === "float" ? "Double" : v.t === "bool" ? "Bool" : "VarChar";
        if (a.op === "%" && (!canConvertToInteger(col.dataType, col.elementType) || vt !== "Int64")) {
          return { code: "template/type", message: `template {${name}}: modulo can only apply on integer types` };
        }
        const lt: CheckDataType = col.dataType === "Array" ? col.elementType : col.dataType;
        const t = targetType(lt, vt);
        if (t === undefined) return { code: "template/type", message: `template {${name}}: incompatible data type, ${lt}, ${vt}` };
        dataType = t;
        const r = castValue(t, v, scale);
        if (!r.ok) return { code: "template/type", message: `template {${name}}: ${r.message}` };
        const c = r.value;
        if ((a.op === "/" || a.op === "%") && ((c.t === "int" && c.v === 0n) || (c.t === "float" && c.v === 0))) {
          return { code: "template/type", message: `template {${name}}: division or modulus by zero` };
        }
        if ((a.op === "<<" || a.op === ">>") && (c.t !== "int" || c.v < 0n || c.v >= 64n)) {
          return { code: "template/type", message: `template {${name}}: shift amount from an expression template must be an integer in range [0, 64)` };
        }
      }
      const name = valueSide.templateName;
      const r = castValue(dataType, name !== undefined ? get(name) : valueSide.value!, scale);
      if (!r.ok) return { code: "template/type", message: name !== undefined ? `template {${name}}: ${r.message}` : `${r.message} (the compared value must fit the arithmetic result)` };
      return undefined;
    },
  });
}
