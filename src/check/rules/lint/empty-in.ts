/** `lint/empty-in`: `x in []` matches no row, `x not in []` every row. */
import { textOf } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

export const emptyIn = defineRule({
  meta: ruleMeta("lint/empty-in"),
  on: ["Term"],
  create(ctx) {
    return {
      Term(n) {
        if (n.right.kind === "EmptyArray") {
          ctx.report(n.negated ? `${textOf(ctx, n)} matches every row (nothing is in an empty list)` : `${textOf(ctx, n)} matches no row`, n.span);
        }
      },
    };
  },
});
