/** `lint/constant-filter`: a query whose whole filter folds to true or false. (Deletes have their own rules.) */
import { defineRule, ruleMeta } from "../rule.js";

export const constantFilter = defineRule({
  meta: ruleMeta("lint/constant-filter"),
  on: ["end"],
  purpose: "query",
  create(ctx) {
    if (ctx.purpose !== "query" || !ctx.rootType || ctx.constant === undefined) return {};
    const constant = ctx.constant;
    return {
      end() {
        ctx.report(`the whole filter folds to ${constant}: it matches ${constant ? "every row" : "no row"}`, ctx.root.span);
      },
    };
  },
});
