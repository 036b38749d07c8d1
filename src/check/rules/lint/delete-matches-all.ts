/** `lint/delete-matches-all`: a delete filter that is (nearly) a tautology. */
import type * as A from "../../../syntax/ast.js";
import { textOf } from "../../context.js";
import { defineRule, ruleMeta, type RuleContext } from "../rule.js";

export const deleteMatchesAll = defineRule({
  meta: ruleMeta("lint/delete-matches-all"),
  on: ["end"],
  purpose: "delete",
  create(ctx) {
    // A delete that folds to false gets lint/delete-always-false and nothing else.
    if (ctx.purpose !== "delete" || !ctx.rootType || ctx.constant === false) return {};
    return {
      end() {
        const all = matchesAll(ctx, ctx.root);
        if (all) ctx.report(`this delete filter likely matches every row: ${all}`, ctx.root.span, "double-check before running it; a delete cannot be undone");
      },
    };
  },
});

/** A reason the predicate is (nearly) a tautology, or undefined. */
function matchesAll(ctx: RuleContext, n: A.Expr): string | undefined {
  switch (n.kind) {
    case "Term":
      if (n.negated && n.right.kind === "EmptyArray") return `${textOf(ctx, n)} is true for every row`;
      return undefined;
    case "Unary":
      if (n.op === "not" && n.operand.kind === "Term" && !n.operand.negated && n.operand.right.kind === "EmptyArray") return `${textOf(ctx, n)} is true for every row`;
      return undefined;
    case "Or":
      for (const op of n.operands) {
        const why = matchesAll(ctx, op);
        if (why) return why;
      }
      return undefined;
    case "Equality":
      if (n.op === "==" && sameColumn(ctx, n.left, n.right)) return `${textOf(ctx, n)} compares a field with itself: true for every row where it is not NULL`;
      return undefined;
    case "Relational": {
      if ((n.op === "<=" || n.op === ">=") && sameColumn(ctx, n.left, n.right)) return `${textOf(ctx, n)} compares a field with itself: true for every row where it is not NULL`;
      const lt = ctx.types.get(n.left.id);
      const rt = ctx.types.get(n.right.id);
      const colOnLeft = lt?.category === "column" && rt?.category === "value";
      const colOnRight = rt?.category === "column" && lt?.category === "value";
      if (!colOnLeft && !colOnRight) return undefined;
      const col = (colOnLeft ? lt : rt)!.column!;
      const v = (colOnLeft ? rt : lt)!.value;
      if (v?.t !== "int") return undefined;
      const op = colOnLeft ? n.op : ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const)[n.op];
      const bits = { Int8: 8n, Int16: 16n, Int32: 32n, Int64: 64n }[col.dataType as "Int8"];
      if (!bits) return undefined;
      const min = -(1n << (bits - 1n));
      const max = (1n << (bits - 1n)) - 1n;
      if ((op === ">=" && v.v <= min) || (op === ">" && v.v < min) || (op === "<=" && v.v >= max) || (op === "<" && v.v > max)) {
        return `${textOf(ctx, n)} holds for every ${col.dataType} value`;
      }
      if (col.field.primaryKey && col.field.autoId && ((op === ">=" && v.v <= 0n) || (op === ">" && v.v < 0n))) {
        return `${textOf(ctx, n)}: auto-generated primary keys are positive, so this holds for every row`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Both sides read the same column at the same path (`id == id`, `meta["a"] >= meta["a"]`). */
function sameColumn(ctx: RuleContext, a: A.Expr, b: A.Expr): boolean {
  const x = ctx.types.get(a.id)?.column;
  const y = ctx.types.get(b.id)?.column;
  if (ctx.types.get(a.id)?.category !== "column" || ctx.types.get(b.id)?.category !== "column" || !x || !y) return false;
  return x.field === y.field && x.nestedPath.length === y.nestedPath.length && x.nestedPath.every((k, i) => k === y.nestedPath[i]);
}
