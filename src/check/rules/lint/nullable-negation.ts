/** `lint/nullable-negation`: `x != v` and `x not in [...]` are NULL, not TRUE, where the nullable field x is NULL. */
import type * as A from "../../../syntax/ast.js";
import { textOf } from "../../context.js";
import { defineRule, ruleMeta, type RuleContext } from "../rule.js";

export const nullableNegation = defineRule({
  meta: ruleMeta("lint/nullable-negation"),
  on: ["Term", "Equality"],
  create(ctx) {
    return {
      Term(n) {
        if (n.negated) check(ctx, n.left, n);
      },
      Equality(n) {
        if (n.op === "!=") {
          check(ctx, n.left, n);
          check(ctx, n.right, n);
        }
      },
    };
  },
});

function check(ctx: RuleContext, side: A.Expr, node: A.Expr): void {
  const t = ctx.types.get(side.id);
  const c = t?.category === "column" ? t.column : undefined;
  if (c && c.nullable && !c.isDynamic && c.nestedPath.length === 0) {
    ctx.report(`${textOf(ctx, node)} does not match rows where the nullable field ${c.text} is NULL`, node.span, `add: or ${c.text} is null`);
  }
}
