/** `lint/like-no-wildcard`: a LIKE pattern without `%` or `_` is an equality test. */
import { clip, textOf } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

export const likeNoWildcard = defineRule({
  meta: ruleMeta("lint/like-no-wildcard"),
  on: ["Like"],
  create(ctx) {
    return {
      Like(n) {
        const p = n.pattern;
        const v = p.kind === "String" ? p.value : p.kind === "RawString" ? p.value : null;
        if (v !== null && !/(^|[^\\])[%_]/.test(v)) ctx.report(`the LIKE pattern ${clip(textOf(ctx, p))} has no % or _: this is an equality test`, p.span, "use == for an exact match, or add %");
      },
    };
  },
});
