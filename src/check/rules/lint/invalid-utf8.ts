/** `lint/invalid-utf8`: `\x` and octal escapes insert raw bytes, which need not form UTF-8. */
import { decodeStringLiteral } from "../../../syntax/literals.js";
import { clip } from "../../context.js";
import { defineRule, ruleMeta } from "../rule.js";

/** A string with one of these prefixes gets lint/encoding-prefix instead. */
export const ENCODING_PREFIX = /^(u8|u|U|L)["']/;

export const invalidUtf8 = defineRule({
  meta: ruleMeta("lint/invalid-utf8"),
  on: ["String"],
  // Raw bytes come only from \x and octal escapes: a string without a backslash has none.
  literalText: { String: (text, start, end) => hasBackslash(text, start, end) },
  create(ctx) {
    return {
      String(n) {
        if (ENCODING_PREFIX.test(n.raw) || n.value === null) return;
        const d = decodeStringLiteral(n.raw);
        if (d.ok && d.invalidUtf8) {
          ctx.report(`${clip(n.raw)} decodes to bytes that are not valid UTF-8 (\\x / octal escapes insert raw bytes); Milvus would store U+FFFD or reject the request`, n.span, "write the character itself or a \\u escape");
        }
      },
    };
  },
});

function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}
