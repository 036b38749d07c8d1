/** `lint/float-equality`: `==` / `!=` between a Float/Double field and a float constant matches bit-identical values only. */
import { defineRule, ruleMeta } from "../rule.js";

export const floatEquality = defineRule({
  meta: ruleMeta("lint/float-equality"),
  on: ["Equality"],
  create(ctx) {
    return {
      Equality(n) {
        const l = ctx.typeOf(n.left);
        const r = ctx.typeOf(n.right);
        const col = l?.category === "column" ? l : r?.category === "column" ? r : undefined;
        const other = col === l ? r : l;
        if (col && other?.category === "value" && (col.column?.dataType === "Float" || col.column?.dataType === "Double") && other.value?.t === "float") {
          ctx.report(`exact ${n.op} on the floating-point field ${col.column.text} matches only bit-identical values`, n.span, "consider a range: lo <= x <= hi");
        }
      },
    };
  },
});
