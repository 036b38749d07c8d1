/** `server-bug/template-under-not`: a `{template}` under `not` is not filled (milvus#49141). */
import { textOf } from "../../context.js";
import { affects, serverBugReport } from "../../server-bugs.js";
import { defineRule, ruleMeta } from "../rule.js";

export const templateUnderNot = defineRule({
  meta: ruleMeta("server-bug/template-under-not"),
  on: ["Unary"],
  appliesTo: affects("server-bug/template-under-not"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/template-under-not");
    if (!warn) return {};
    // The walk is pre-order, so an outer `not` is met before the ones inside it: one warning for the outermost.
    let warnedNotEnd = -1;
    return {
      Unary(n) {
        // containsTemplate comes from the checker's bottom-up types (no subtree walk per `not`).
        if (n.op === "not" && n.span.start >= warnedNotEnd && ctx.typeOf(n.operand)?.containsTemplate) {
          warnedNotEnd = n.span.end;
          warn(`a template under 'not' is not filled correctly: ${textOf(ctx, n)} fails or matches the wrong rows`, n.span);
        }
      },
    };
  },
});
