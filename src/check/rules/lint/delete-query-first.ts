/** `lint/delete-query-first`: the delete runs a query first (the collection must be loaded). */
import { defineRule, ruleMeta } from "../rule.js";
import { classifiedDelete } from "../deletes.js";

export const deleteQueryFirst = defineRule({
  meta: ruleMeta("lint/delete-query-first"),
  on: ["end"],
  purpose: "delete",
  create(ctx) {
    if (!classifiedDelete(ctx)) return {};
    return {
      end() {
        if (ctx.hasError() || ctx.deleteClass() === "primary-key") return;
        const pk = ctx.schema!.primaryKey;
        ctx.report(
          "this delete runs a query first to find the rows (the collection must be loaded); only `pk in [...]` / `pk == v` deletes by key directly",
          ctx.root.span,
          pk ? `to delete by key, write ${pk.name} in [...]` : undefined,
        );
      },
    };
  },
});
