/** `server-bug/json-range-mixed-numeric`: a JSON range with an integer and a float bound misreads the upper bound (milvus#46588). */
import type * as A from "../../../syntax/ast.js";
import { textOf } from "../../context.js";
import { affects, serverBugReport } from "../../server-bugs.js";
import type { ExprType } from "../../types.js";
import { defineRule, ruleMeta, type RuleContext } from "../rule.js";

export const jsonRangeMixedNumeric = defineRule({
  meta: ruleMeta("server-bug/json-range-mixed-numeric"),
  on: ["Range", "ReverseRange"],
  appliesTo: affects("server-bug/json-range-mixed-numeric"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/json-range-mixed-numeric");
    if (!warn) return {};
    const check = (n: A.Range | A.ReverseRange): void => {
      const col = ctx.typeOf(n.field)?.column;
      if (col && (col.dataType === "JSON" || col.isDynamic) && mixedNumeric(numericKind(ctx, ctx.typeOf(n.lower)), numericKind(ctx, ctx.typeOf(n.upper)))) {
        warn(`${textOf(ctx, n)} mixes an integer and a float bound on a JSON value: the upper bound is read with the lower bound's type (wrong rows or an execution error)`, n.span);
      }
    };
    return { Range: check, ReverseRange: check };
  },
});

/** "int" / "float" for a numeric constant or a template whose given value is one. */
function numericKind(ctx: RuleContext, t: ExprType | undefined): "int" | "float" | undefined {
  const v = t?.value;
  if (v?.t === "int" || v?.t === "float") return v.t;
  const p = t?.template !== undefined ? ctx.params?.get(t.template) : undefined;
  return p?.kind === "int64" ? "int" : p?.kind === "double" ? "float" : undefined;
}

const mixedNumeric = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a !== b;
