/** `server-bug/null-pk-filter`: next to a primary-key filter, a comparison on a nullable field matches NULL rows (milvus#46861). */
import { textOf } from "../../context.js";
import { affects, serverBugReport } from "../../server-bugs.js";
import type * as A from "../../../syntax/ast.js";
import { defineRule, ruleMeta } from "../rule.js";

export const nullPkFilter = defineRule({
  meta: ruleMeta("server-bug/null-pk-filter"),
  on: ["end"],
  appliesTo: affects("server-bug/null-pk-filter"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/null-pk-filter");
    const pk = ctx.schema?.primaryKey;
    // `pk == v and f <op> c` with f nullable: the top-level chain only.
    if (!warn || !pk || ctx.root.kind !== "And") return {};
    const root = ctx.root;
    const typeOf = ctx.typeOf;
    return {
      end() {
        const isPk = (e: A.Expr): boolean => {
          const c = typeOf(e)?.column;
          return !!c && c.field === pk && c.nestedPath.length === 0;
        };
        const hasPk = root.operands.some(
          (o) => (o.kind === "Equality" && o.op === "==" && (isPk(o.left) || isPk(o.right))) || (o.kind === "Term" && !o.negated && isPk(o.left)),
        );
        if (!hasPk) return;
        // Fields the chain itself requires to be set (`f is not null`, the rule's own hint) are safe.
        const guarded = new Set<unknown>();
        for (const o of root.operands) if (o.kind === "IsNotNull") guarded.add(typeOf(o.operand)?.column?.field);
        for (const o of root.operands) {
          const sides = o.kind === "Relational" || o.kind === "Equality" ? [o.left, o.right] : o.kind === "Range" || o.kind === "ReverseRange" ? [o.field] : [];
          const nullable = sides.find((s) => {
            const c = typeOf(s)?.column;
            return !!c && c.nullable && !c.isDynamic && c.nestedPath.length === 0 && !guarded.has(c.field);
          });
          if (nullable) {
            warn(`combined with a primary-key filter, ${textOf(ctx, o)} also matches rows where ${textOf(ctx, nullable)} is NULL`, o.span);
            return;
          }
        }
      },
    };
  },
});
