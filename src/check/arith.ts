/**
 * Arithmetic: constant folding, `column op constant` nodes, the one executable shape
 * `column op c CMP v` (Milvus BinaryArithOpEvalRange), and newest master's integer chain folding
 * (`(x + 2) + 3 == 5` ≡ `x + 5 == 5`).
 */
import type * as A from "../syntax/ast.js";
import { fail, isTemplateEv, isValueEv, textOf, useFeature, type ArithOpName, type Ctx, type TypedExpr } from "./context.js";
import { checkNotWholeArray, valueEv, visit } from "./visit.js";
import { arrayElementType, castTargetOf, scaleOf } from "./compare.js";
import { arith, bitwise, canArithmeticDT, canConvertToInteger, castValue, divide, isIntegerDT, modulo, power, showValue, targetType, wrap64, type FoldResult } from "./values.js";
import type { ConstValue, CheckDataType } from "./types.js";

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
  const left = visit(ctx, node.left);
  const right = visit(ctx, node.right);
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

/** Chain folding of newest master: integer column, same operator family, constant operands. */
function chainFold(ctx: Ctx, node: A.Expr, op: ArithOpName, left: TypedExpr, right: TypedExpr): TypedExpr | undefined {
  const inner = left.arith;
  if (!inner || inner.op === "array_length" || right.value?.t !== "int" || left.isTemplate) return undefined;
  const col = inner.left.column;
  const k = inner.right.value;
  if (!col || k?.t !== "int") return undefined;
  const colType = castTargetOf(inner.left);
  if (!isIntegerDT(colType)) return undefined;
  const b = right.value.v;
  let newOp: ArithOpName;
  let v: bigint;
  const additive = (o: ArithOpName): boolean => o === "+" || o === "-";
  if (additive(inner.op) && additive(op)) {
    newOp = "+";
    v = wrap64((inner.op === "+" ? k.v : -k.v) + (op === "+" ? b : -b));
  } else if (inner.op === "*" && op === "*") {
    newOp = "*";
    v = wrap64(k.v * b);
  } else if (inner.op === op && (op === "&" || op === "|" || op === "^")) {
    newOp = op;
    v = op === "&" ? k.v & b : op === "|" ? k.v | b : k.v ^ b;
  } else return undefined;
  useFeature(ctx, "nested-arith", node);
  const operand = valueEv(node, { t: "int", v });
  return { node, dataType: left.dataType, nodeDependent: true, isTemplate: false, arith: { op: newOp, left: inner.left, right: operand } };
}

export function visitArith(ctx: Ctx, node: A.MulDivMod | A.AddSub | A.BitAnd | A.BitXor | A.BitOr | A.Shift): TypedExpr {
  const op = node.op as ArithOpName;
  const left = visit(ctx, node.left);
  const right = visit(ctx, node.right);
  if (isValueEv(left) && isValueEv(right)) {
    if (isTemplateEv(left) || isTemplateEv(right)) {
      fail("template/between-constants", `placeholder was not supported between two constants with operator: ${op}`, node);
    }
    if (op === "<<" || op === ">>") fail("type/shift", `shift is not supported: ${textOf(ctx, node)}`, node, "shifts apply to an integer field only: (field << n) == v");
    if (op === "&" || op === "|" || op === "^") useFeature(ctx, "bitwise-constant", node);
    const r = fold(op, left.value!, right.value!);
    if (!r.ok) fail(op === "/" || op === "%" ? (r.message.includes("zero") ? "type/division-by-zero" : "type/constant-arith") : "type/constant-arith", `${r.message}: ${textOf(ctx, node)}`, node);
    return valueEv(node, r.value, false);
  }
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
