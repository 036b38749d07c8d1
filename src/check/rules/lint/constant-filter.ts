/** `lint/constant-filter`: a query whose whole filter folds to true or false. (Deletes have their own rules.) */
import { ruleMeta, type Rule } from "../rule.js";

export const constantFilter: Rule<"lint/constant-filter"> = {
  meta: ruleMeta("lint/constant-filter"),
  create(ctx) {
    if (ctx.purpose !== "query" || !ctx.rootType || ctx.constant === undefined) return {};
    const constant = ctx.constant;
    return {
      end() {
        ctx.report(`the whole filter folds to ${constant}: it matches ${constant ? "every row" : "no row"}`, ctx.root.span);
      },
    };
  },
};
