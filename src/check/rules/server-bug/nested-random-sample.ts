/** `server-bug/nested-random-sample`: `a and (b and random_sample(f))` loses b (VisitLogicalAnd). */
import type * as A from "../../../syntax/ast.js";
import { textOf } from "../../context.js";
import { affects, serverBugReport } from "../../server-bugs.js";
import { defineRule, ruleMeta } from "../rule.js";

export const nestedRandomSample = defineRule({
  meta: ruleMeta("server-bug/nested-random-sample"),
  on: ["And"],
  appliesTo: affects("server-bug/nested-random-sample"),
  create(ctx) {
    const warn = serverBugReport(ctx, "server-bug/nested-random-sample");
    if (!warn) return {};
    return {
      And(n) {
        const last = n.operands[n.operands.length - 1]!;
        if (last.kind === "And" && endsInRandomSample(last)) {
          warn(`the parenthesised ${textOf(ctx, last)} loses its predicates: random_sample keeps only the outer left operand`, last.span);
        }
      },
    };
  },
});

function endsInRandomSample(n: A.Expr): boolean {
  let x: A.Expr = n;
  while (x.kind === "And") x = x.operands[x.operands.length - 1]!;
  return x.kind === "RandomSample";
}
