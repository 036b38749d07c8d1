/** `lint/encoding-prefix`: `u8"x"`, `u"x"`, `U"x"`, `L"x"` are C++ prefixes; Milvus keeps them in the value. */
import { clip } from "../../context.js";
import { ENCODING_PREFIX } from "./invalid-utf8.js";
import { defineRule, ruleMeta } from "../rule.js";

export const encodingPrefix = defineRule({
  meta: ruleMeta("lint/encoding-prefix"),
  on: ["String"],
  // A prefixed string starts with u, U or L (a plain one with its quote).
  literalText: { String: (text, start) => /[uUL]/.test(text[start] ?? "") },
  create(ctx) {
    return {
      String(n) {
        if (ENCODING_PREFIX.test(n.raw)) {
          ctx.report(`the prefix of ${clip(n.raw)} is not an encoding marker in Milvus: the value becomes ${clip(JSON.stringify(n.value ?? ""))}`, n.span, "drop the prefix");
        }
      },
    };
  },
});
