/** `lint/delete-always-false`: a delete filter that folds to false removes nothing. */
import { textOf } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

export const deleteAlwaysFalse = defineRule({
  meta: ruleMeta("lint/delete-always-false"),
  on: ["end"],
  purpose: "delete",
  create(ctx) {
    if (ctx.purpose !== "delete" || !ctx.rootType || ctx.constant !== false) return {};
    return {
      end() {
        ctx.report(`${textOf(ctx, ctx.root)} folds to false: this delete removes nothing`, ctx.root.span);
      },
    };
  },
});
