/**
 * How Milvus carries out a delete with this filter. The proxy (`getPrimaryKeysFromPlan` in
 * internal/proxy/task_delete.go) takes the simple path only when the plan's root is a TermExpr
 * (`pk in [...]`) or a UnaryRangeExpr with op Equal on the primary key (`pk == v`): those keys are
 * deleted directly. Anything else, `pk == pk` included (a CompareExpr of two columns), is run as
 * a query first, which needs the collection loaded.
 */
import type * as A from "../syntax/ast.js";
import type { Ctx } from "./context.js";

export type DeleteClass = "primary-key" | "query-first";

export function deleteClassOf(ctx: Ctx, root: A.Expr): DeleteClass | undefined {
  const pk = ctx.schema?.primaryKey;
  if (!ctx.schema) return undefined;
  if (!pk) return "query-first";
  const isPk = (n: A.Expr): boolean => {
    const t = ctx.types.get(n.id);
    return t?.category === "column" && t.column?.field === pk && t.column.nestedPath.length === 0;
  };
  const isValue = (n: A.Expr): boolean => ctx.types.get(n.id)?.category === "value";
  if (root.kind === "Term" && !root.negated && isPk(root.left)) return "primary-key";
  if (root.kind === "Equality" && root.op === "==" && ((isPk(root.left) && isValue(root.right)) || (isPk(root.right) && isValue(root.left)))) {
    return "primary-key";
  }
  return "query-first";
}
