/** `lint/nan-constant`: constant arithmetic that folds to NaN or ±Infinity. */
import type * as A from "../../../syntax/ast.js";
import { textOf } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

export const nanConstant = defineRule({
  meta: ruleMeta("lint/nan-constant"),
  on: ["Power", "MulDivMod", "AddSub", "Shift", "BitAnd", "BitXor", "BitOr", "Unary"],
  create(ctx) {
    // Only arithmetic folds: a literal is never NaN (Milvus has no NaN literal), and looking every
    // element of a 10^6-element list up in the type map was most of a long list's lint cost.
    const folds = (n: A.Root): void => {
      const t = ctx.typeOf(n);
      if (t?.value?.t === "float" && !Number.isFinite(t.value.v)) ctx.report(`${textOf(ctx, n)} folds to ${t.value.v}`, n.span);
    };
    return { Power: folds, MulDivMod: folds, AddSub: folds, Shift: folds, BitAnd: folds, BitXor: folds, BitOr: folds, Unary: folds };
  },
});
