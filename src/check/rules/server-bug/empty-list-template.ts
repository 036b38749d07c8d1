/** `server-bug/empty-list-template`: an empty list as a template value is rejected (milvus#51617). */
import { affects, serverBugReport } from "../../server-bugs.js";
import { defineRule, ruleMeta } from "../rule.js";

export const emptyListTemplate = defineRule({
  meta: ruleMeta("server-bug/empty-list-template"),
  on: ["TemplateVariable"],
  appliesTo: affects("server-bug/empty-list-template"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/empty-list-template");
    if (!warn) return {};
    return {
      TemplateVariable(n) {
        const v = ctx.params?.get(n.name);
        if (v?.kind === "array" && v.values.length === 0) {
          warn(`the template {${n.name}} has an empty list value, which Milvus rejects ("unknown template variable value type: <nil>")`, n.span);
        }
      },
    };
  },
});
