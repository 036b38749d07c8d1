/** `lint/octal-literal`: `010` is 8 in Milvus (Go's integer syntax). */
import { clip } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

export const octalLiteral = defineRule({
  meta: ruleMeta("lint/octal-literal"),
  on: ["Integer"],
  // An octal literal starts with 0 and has more digits.
  literalText: { Integer: (text, start, end) => end - start > 1 && text.charCodeAt(start) === 48 },
  create(ctx) {
    return {
      Integer(n) {
        if (!/^0[0-7]+$/.test(n.raw)) return;
        // The decimal value only for literals that can fit int64 (bigint to decimal is quadratic in the length).
        const value = n.raw.length <= 30 ? ` (= ${n.value})` : "";
        ctx.report(`${clip(n.raw)} is an octal literal${value}; a leading zero means base 8`, n.span, value ? `write ${n.value} if you meant decimal ${n.raw.replace(/^0+/, "")}` : undefined);
      },
    };
  },
});
