/** `lint/or-chain`: `a == 1 or a == 2 or a == 3` says `a in [1, 2, 3]`, which Milvus runs as one term. */
import type * as A from "../../../syntax/ast.js";
import { textOf } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

/** Chains of this many `x == c` alternatives on one field suggest `in`. */
export const OR_CHAIN_MIN = 3;

export const orChain = defineRule({
  meta: ruleMeta("lint/or-chain"),
  on: ["Or"],
  create(ctx) {
    return {
      Or(n) {
        const groups = new Map<string, A.Expr[]>();
        for (const op of n.operands) {
          if (op.kind !== "Equality" || op.op !== "==") continue;
          const lt = ctx.types.get(op.left.id);
          const rt = ctx.types.get(op.right.id);
          const side = lt?.category === "column" && rt?.category === "value" ? op.left : rt?.category === "column" && lt?.category === "value" ? op.right : undefined;
          if (!side) continue;
          const key = textOf(ctx, side);
          const group = groups.get(key);
          if (group) group.push(op);
          else groups.set(key, [op]);
        }
        for (const [field, ops] of groups) {
          if (ops.length < OR_CHAIN_MIN) continue;
          // Only the first few values are shown, so only those are rendered (a chain can have 200k terms).
          const values = ops.slice(0, 6).map((o) => {
            const e = o as A.Equality;
            return textOf(ctx, textOf(ctx, e.left) === field ? e.right : e.left);
          });
          const shown = ops.length > 6 ? `${values.join(", ")}, …` : values.join(", ");
          ctx.report(`${ops.length} alternatives compare ${field} with ==; \`${field} in [${shown}]\` says the same and runs as one term`, n.span, `write ${field} in [${shown}]`);
        }
      },
    };
  },
});
