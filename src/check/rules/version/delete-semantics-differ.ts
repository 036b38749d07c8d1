/**
 * `version/delete-semantics-differ`: a delete filter whose selected rows differ between the
 * target's semantics profile and the neighbouring line's (src/semantics/profiles.ts), so an
 * upgrade (or a downgrade) silently changes what a stored delete filter removes.
 *
 * The difference comes from JSON / dynamic-key predicates on rows where the key is missing, JSON
 * null, or of another type: on 2.6 such a predicate is FALSE (TRUE for `!=`), on master UNKNOWN.
 * After the negations above it, a predicate that is TRUE on 2.6 for those rows selects them there
 * and not on master. (A FALSE one selects nothing on either line: no warning.) Like the other rules
 * about how a delete runs, only for a typed delete with a schema that Milvus accepts.
 */
import type * as A from "../../../syntax/ast.js";
import { children } from "../../../syntax/walk.js";
import { textOf } from "../../context.js";
import { PROFILES, semanticsFor } from "../../../semantics/profiles.js";
import { defineRule, ruleMeta, type RuleContext } from "../rule.js";
import { classifiedDelete } from "../deletes.js";

/** At most this many warnings per filter: the first ones say it all. */
const MAX_WARNINGS = 3;

export const deleteSemanticsDiffer = defineRule({
  meta: ruleMeta("version/delete-semantics-differ"),
  on: ["end"],
  purpose: "delete",
  create(ctx) {
    if (!classifiedDelete(ctx)) return {};
    return {
      end() {
        if (!ctx.hasError()) warnDifferences(ctx, ctx.root);
      },
    };
  },
});

function warnDifferences(ctx: RuleContext, root: A.Expr): void {
  const mine = semanticsFor(ctx.target.spec).profile;
  const other = mine.id === "2.6" ? PROFILES.master : PROFILES["2.6"];
  const on26 = mine.id === "2.6" ? `${mine.label} (the target)` : other.label;
  const onMaster = mine.id === "master" ? `${mine.label} (the target)` : other.label;
  let warned = 0;
  // Iterative walk with the number of `not`s above each node (filters can nest deeply).
  const stack: { n: A.Expr; negated: boolean }[] = [{ n: root, negated: false }];
  while (stack.length > 0 && warned < MAX_WARNINGS) {
    const { n, negated } = stack.pop()!;
    switch (n.kind) {
      case "And":
      case "Or":
        for (const o of n.operands) stack.push({ n: o, negated });
        continue;
      case "Unary":
        if (n.op === "not") stack.push({ n: n.operand, negated: !negated });
        continue;
      case "Equality":
      case "Relational":
      case "Range":
      case "ReverseRange":
      case "Term":
      case "Like":
      case "RegexMatch":
      case "JSONContains":
      case "JSONContainsAll":
      case "JSONContainsAny": {
        const col = jsonColumn(ctx, n);
        if (col === undefined) continue;
        // `!=` with an array value is FALSE for a non-array on 2.6 too (2.6 UnaryExpr.cpp, NotEqual's Array branch).
        if (n.kind === "Equality" && ctx.types.get(n.right.id)?.value?.t === "array") continue;
        // The 2.6 value of this leaf on a row lacking the key, after its own negation (`!=`, `not in`, `!~`).
        const leafTrue = (n.kind === "Equality" && n.op === "!=") || ((n.kind === "Term" || n.kind === "RegexMatch") && n.negated);
        if (leafTrue === negated) continue;
        warned++;
        ctx.report(
          `this delete removes different rows on different Milvus lines: on ${on26} it also removes rows where ${col} is missing, JSON null or of another type ` +
            `(\`${textOf(ctx, n)}\` counts as ${leafTrue ? "TRUE" : "FALSE"} there); on ${onMaster} those rows are UNKNOWN and kept`,
          n.span,
          `say which rows you mean on every line: add \`and exists ${col}\` to keep them, or \`or ${col} is null\` to remove rows lacking the key`,
        );
        continue;
      }
      // Not a comparison of a value the delete reads, or not one whose missing-key result differs by line.
      case "Integer":
      case "Float":
      case "Boolean":
      case "String":
      case "RawString":
      case "Identifier":
      case "JSONIdentifier":
      case "StructField":
      case "StructIndexField":
      case "StructSubField":
      case "ElementSelf":
      case "TemplateVariable":
      case "Array":
      case "EmptyArray":
      case "Exists":
      case "Power":
      case "MulDivMod":
      case "AddSub":
      case "Shift":
      case "BitAnd":
      case "BitXor":
      case "BitOr":
      case "IsNull":
      case "IsNotNull":
      case "Call":
      case "TextMatch":
      case "TextMatchFuzzy":
      case "PhraseMatch":
      case "RandomSample":
      case "ElementFilter":
      case "MatchSimple":
      case "MatchThreshold":
      case "SpatialBinary":
      case "STDWithin":
      case "STIsValid":
      case "ArrayLength":
      case "TimestamptzCompareForward":
      case "TimestamptzCompareReverse":
        continue;
      default: {
        // A new node kind: say whether it is a leaf predicate whose value on a missing JSON key differs by line.
        const unhandled: never = n;
        void unhandled;
      }
    }
  }
}

/** The text of the first JSON field path or dynamic key a leaf reads, if any. */
function jsonColumn(ctx: RuleContext, leaf: A.Expr): string | undefined {
  const stack: A.Root[] = [leaf];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const t = ctx.types.get(n.id);
    const col = t?.column;
    if (col !== undefined && !col.isElementLevel && (col.isDynamic || col.field.dataType === "JSON")) return textOf(ctx, n);
    // A constant reads no column: not worth a look inside (a 10^6-element in list).
    if (t?.category === "value") continue;
    for (const c of children(n)) stack.push(c);
  }
  return undefined;
}
