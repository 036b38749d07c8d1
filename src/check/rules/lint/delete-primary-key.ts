/** `lint/delete-primary-key`: the delete takes Milvus's direct path (`pk in [...]`, `pk == v`), no query first. */
import { defineRule, ruleMeta } from "../rule.js";
import { classifiedDelete } from "../deletes.js";

export const deletePrimaryKey = defineRule({
  meta: ruleMeta("lint/delete-primary-key"),
  on: ["end"],
  purpose: "delete",
  create(ctx) {
    if (!classifiedDelete(ctx)) return {};
    return {
      end() {
        // Like every rule about how the delete runs: only for a filter Milvus accepts.
        if (ctx.hasError() || ctx.deleteClass() !== "primary-key") return;
        const pk = ctx.schema!.primaryKey;
        ctx.report(`delete by primary key: Milvus deletes the listed ${pk!.name} values directly, without a query`, ctx.root.span);
      },
    };
  },
});
