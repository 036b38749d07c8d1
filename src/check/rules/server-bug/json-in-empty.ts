/** `server-bug/json-in-empty`: `json["k"] in []` can exhaust the query node's memory on 2.4 (milvus#36718). */
import { textOf } from "../../context.js";
import { affects, serverBugReport } from "../../server-bugs.js";
import { defineRule, ruleMeta } from "../rule.js";

export const jsonInEmpty = defineRule({
  meta: ruleMeta("server-bug/json-in-empty"),
  on: ["Term"],
  appliesTo: affects("server-bug/json-in-empty"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/json-in-empty");
    if (!warn) return {};
    return {
      Term(n) {
        const col = ctx.typeOf(n.left)?.column;
        if (!n.negated && n.right.kind === "EmptyArray" && col && (col.dataType === "JSON" || col.isDynamic)) {
          warn(`${textOf(ctx, n)} on a JSON value can exhaust the query node's memory`, n.span);
        }
      },
    };
  },
});
