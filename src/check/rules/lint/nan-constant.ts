/** `lint/nan-constant`: constant arithmetic that folds to NaN or ±Infinity. */
import { textOf } from "../../context.js";
import { ruleMeta, type Rule } from "../rule.js";

export const nanConstant: Rule<"lint/nan-constant"> = {
  meta: ruleMeta("lint/nan-constant"),
  create(ctx) {
    return {
      "*"(n) {
        const t = ctx.typeOf(n);
        if (t?.value?.t === "float" && !Number.isFinite(t.value.v) && n.kind !== "Float") {
          ctx.report(`${textOf(ctx, n)} folds to ${t.value.v}`, n.span);
        }
      },
    };
  },
};
