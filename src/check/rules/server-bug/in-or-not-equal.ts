/** `server-bug/in-or-not-equal`: `x in [..., v] or x != v` is folded to always-true and returns NULL rows (milvus#49891). */
import { textOf } from "../../context.js";
import { affects, serverBugReport } from "../../server-bugs.js";
import type { ConstValue, ExprType } from "../../types.js";
import { defineRule, ruleMeta } from "../rule.js";

export const inOrNotEqual = defineRule({
  meta: ruleMeta("server-bug/in-or-not-equal"),
  on: ["Or"],
  appliesTo: affects("server-bug/in-or-not-equal"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/in-or-not-equal");
    if (!warn) return {};
    const typeOf = ctx.typeOf;
    return {
      // One linear pass over the chain, on a nullable column or JSON path.
      Or(n) {
        const lists = new Map<string, readonly ConstValue[]>();
        const notEquals: { key: string; value: ConstValue; span: typeof n.span }[] = [];
        for (const o of n.operands) {
          if (o.kind === "Term" && !o.negated && mayBeMissing(typeOf(o.left))) {
            const v = typeOf(o.right)?.value;
            if (v?.t === "array") lists.set(columnKey(typeOf(o.left)!), v.items);
          } else if (o.kind === "Equality" && o.op === "!=") {
            const [col, val] = mayBeMissing(typeOf(o.left)) ? [o.left, o.right] : [o.right, o.left];
            const v = typeOf(val)?.value;
            if (mayBeMissing(typeOf(col)) && v) notEquals.push({ key: columnKey(typeOf(col)!), value: v, span: o.span });
          }
        }
        // Each list becomes a key set once, so long lists and long chains stay linear.
        const sets = new Map<string, Set<string | undefined>>();
        for (const ne of notEquals) {
          const list = lists.get(ne.key);
          if (!list) continue;
          let set = sets.get(ne.key);
          if (!set) sets.set(ne.key, (set = new Set(list.map(constKey))));
          const k = constKey(ne.value);
          if (k !== undefined && set.has(k)) {
            warn(`${textOf(ctx, n)} is rewritten to always-true and also returns rows where the value is NULL or missing`, n.span);
            return;
          }
        }
      },
    };
  },
});

/** A column whose missing values (NULL, or an absent JSON key) the rewriter's folds ignore. */
function mayBeMissing(t: ExprType | undefined): boolean {
  const c = t?.column;
  return !!c && (c.nullable || c.isDynamic || c.dataType === "JSON");
}

/** A key equal for constants Milvus's equalsGeneric treats as equal (1 and 1.0 included); undefined for lists. */
function constKey(c: ConstValue): string | undefined {
  switch (c.t) {
    case "int":
      return `n${c.v}`;
    case "float":
      return Number.isInteger(c.v) ? `n${BigInt(c.v)}` : `f${c.v}`;
    case "string":
      return `s${c.v}`;
    case "bool":
      return `b${c.v}`;
    default:
      return undefined;
  }
}

function columnKey(t: ExprType): string {
  const c = t.column!;
  return `${c.field.name}\u0000${c.nestedPath.join("\u0000")}`;
}
