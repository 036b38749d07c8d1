/**
 * `purpose/delete-unknown-field`: a delete that names a missing key can remove rows nobody meant
 * (rows without the key compare as missing, and `!=` selects them on 2.6), so what
 * lint/dynamic-key-typo warns about elsewhere is an error in a delete.
 */
import { defineRule, ruleMeta } from "../rule.js";
import { lookalikeKeys } from "../dynamic-keys.js";

export const deleteUnknownField = defineRule({
  meta: ruleMeta("purpose/delete-unknown-field"),
  on: ["begin"],
  purpose: "delete",
  create(ctx) {
    if (ctx.purpose !== "delete") return {};
    return {
      begin() {
        for (const k of lookalikeKeys(ctx)) {
          ctx.report(`\`${k.name}\` is not a field: this delete reads the dynamic JSON key $meta["${k.name}"]; did you mean \`${k.field}\`?`, k.span, k.hint);
        }
      },
    };
  },
});
