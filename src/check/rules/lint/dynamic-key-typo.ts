/** `lint/dynamic-key-typo`: outside deletes, an unknown name read as a dynamic JSON key that looks like a field. */
import { defineRule, ruleMeta } from "../rule.js";
import { lookalikeKeys } from "../dynamic-keys.js";

export const dynamicKeyTypo = defineRule({
  meta: ruleMeta("lint/dynamic-key-typo"),
  on: ["begin"],
  purpose: "query",
  create(ctx) {
    // In a delete the same finding is an error: purpose/delete-unknown-field.
    if (ctx.purpose === "delete") return {};
    return {
      begin() {
        for (const k of lookalikeKeys(ctx)) {
          ctx.report(`\`${k.name}\` is read as the dynamic JSON key $meta["${k.name}"]; did you mean \`${k.field}\`?`, k.span, k.hint);
        }
      },
    };
  },
});
