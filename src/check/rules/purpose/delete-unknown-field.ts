/**
 * `purpose/delete-unknown-field`: a delete that names a missing key can remove rows nobody meant
 * (rows without the key compare as missing, and `!=` selects them on 2.6), so what
 * lint/dynamic-key-typo warns about elsewhere is an error in a delete.
 */
import { ruleMeta, type Rule } from "../rule.js";
import { lookalikeKeys } from "../dynamic-keys.js";

export const deleteUnknownField: Rule<"purpose/delete-unknown-field"> = {
  meta: ruleMeta("purpose/delete-unknown-field"),
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
};
