/**
 * Known Milvus server bugs, by release (codes `server-bug/…`, warnings). Milvus accepts these
 * filters but, on the affected releases, returns wrong rows or fails; each rule fires only when
 * the target includes an affected release (a bare line such as `2.6` includes all its patches).
 *
 * Affected ranges come from the fork zhengbuqian/milvus (branches `2.5`, `2.6`, `master`): the
 * commit that introduced the behaviour and the commit that fixed it, each placed in the first
 * release whose version bump contains it. "fix unknown" means no fix is in the fork (2.5 up to
 * 2.5.24, 2.6 up to 2.6.18, master 2026-07-10); the rule then covers every known release after
 * the introduction, and says so.
 */
import type * as A from "../syntax/ast.js";
import { isLiteral, preorder } from "./traverse.js";
import { problem, textOf, type Ctx } from "./context.js";
import { formatRelease, NEWEST_PATCH, type Line, type ResolvedTarget } from "./releases.js";
import type { CheckCode } from "./codes.js";
import type { ConstValue, ExprType } from "./types.js";

/** Affected patches per line, inclusive; a line not listed is not affected. */
type Affected = Readonly<Partial<Record<Line, readonly [number, number]>>>;

export interface ServerBug {
  readonly code: CheckCode & `server-bug/${string}`;
  /** milvus-io/milvus issue number. */
  readonly issue: number;
  readonly affected: Affected;
  /** Where the fix is, short (shown in the warning). */
  readonly fixed: string;
  /** Evidence for the range and the fix (docs/versions.md). */
  readonly source: string;
  readonly hint: string;
}

const all = (line: Line): readonly [number, number] => [0, NEWEST_PATCH[line]];

export const SERVER_BUGS = {
  "server-bug/template-under-not": {
    code: "server-bug/template-under-not",
    issue: 49141,
    affected: { "2.5": all("2.5"), "2.6": [0, 15] },
    fixed: "fixed in 2.6.16 and 3.0; not on the 2.5 branch",
    source: "VisitUnary (parser_visitor.go) did not propagate IsTemplate, so expr_params were never filled under `not` (VAL_NOT_SET or wrong rows); fixed by 8236eb68f0 (2.6.16) and 69cd3cef83 (master); the 2.5 branch has no fix up to 2.5.24 (2.5.25–2.5.26 are not in the fork)",
    hint: "write the negation into the operator instead: `x not in {list}`, `x != {v}`, or compare with the opposite operator",
  },
  "server-bug/nested-random-sample": {
    code: "server-bug/nested-random-sample",
    issue: 0,
    affected: { "2.6": all("2.6"), "3.0": [0, 0] },
    fixed: "fix unknown",
    source: "VisitLogicalAnd (parser_visitor.go) sets the random sample's Predicate to the left operand, replacing the predicate the inner `and` had attached; unchanged on 2.6.18 and master 2026-07-10, no upstream issue found",
    hint: "put random_sample last in one flat chain: `a and b and random_sample(f)`",
  },
  "server-bug/in-or-not-equal": {
    code: "server-bug/in-or-not-equal",
    issue: 49891,
    affected: { "2.6": [8, NEWEST_PATCH["2.6"]] },
    fixed: "fixed in 3.0; not on the 2.6 branch",
    source: "the proxy rewriter (553a3f07b9, 2.6.8) folds `x in [...] or x != v` with v in the list to AlwaysTrue (combineOrInWithNotEqual); fixed by fd26a644e6 (master 2026-06-17), not on the 2.6 branch up to 2.6.18",
    hint: "add the NULL test you mean explicitly, e.g. `(x in [...] or x != v) and x is not null`, or drop the redundant `!=`",
  },
  "server-bug/null-pk-filter": {
    code: "server-bug/null-pk-filter",
    issue: 46861,
    affected: { "2.6": all("2.6") },
    fixed: "fix unknown",
    source: "milvus#46861 (open, reported on 2.6.7): `(id == 3588) and (c4 <= 7.3)` returns the row although c4 is NULL. No commit in the fork names it; the 2.6 branch has no NULL-conjunction fix up to 2.6.18. Master f0bab30fb3 (#50701, 2026-06-24) reworked NULL/UNKNOWN handling in conjunctions, so 3.0 is not flagged (not verified against this issue); 2.5 is not flagged (not reported there, not verified)",
    hint: "add `and <field> is not null` for each nullable field compared",
  },
  "server-bug/empty-list-template": {
    code: "server-bug/empty-list-template",
    issue: 51617,
    affected: { "2.5": all("2.5"), "2.6": all("2.6"), "3.0": [0, 0] },
    fixed: "fix unknown",
    source: "an empty list template value arrives as a TemplateArrayValue without data; convertArrayValue (convert_field_data_to_generic_value.go, 2.5 onwards) fails with `unknown template variable value type: <nil>`. Reported 2026-07-20 against master; the proposed fixes (#51621, #51639) are after the fork's master",
    hint: "write the empty list inline (`x in []`), or skip the request when the list is empty",
  },
  "server-bug/json-in-empty": {
    code: "server-bug/json-in-empty",
    issue: 36718,
    affected: { "2.4": all("2.4") },
    fixed: "fixed in 2.5.0; a 2.4 fix is not visible",
    source: "TermExpr.cpp (a602171d06, 2023-12) writes past the batch for a JSON key `in []`; fixed by b1e678dcba (master 2024-10-11, before the 2.5 fork); a 2.4 backport, if any, is not visible in the fork",
    hint: "drop the always-false `in []` term (it matches no row)",
  },
  "server-bug/json-range-mixed-numeric": {
    code: "server-bug/json-range-mixed-numeric",
    issue: 46588,
    affected: { "2.4": all("2.4"), "2.5": all("2.5"), "2.6": [0, 7] },
    fixed: "fixed in 2.6.8 and 3.0; not on the 2.5 branch",
    source: "BinaryRangeExpr.cpp read both bounds of a JSON range with the lower bound's type (`value_type = lower_val_.val_case()`, same code at master 2024-05 and on 2.5), and the planner does not cast JSON bounds (castRangeValue); fixed by d5bfaf4d34 (2.6.8) and 724598d231 (master), not on the 2.5 branch up to 2.5.24. 2.3 (older expression framework) not verified",
    hint: "write both bounds with the same type, e.g. `1.0 < json[\"k\"] < 2.5`",
  },
} as const satisfies Record<string, ServerBug>;

export type ServerBugCode = keyof typeof SERVER_BUGS;

/** The patches of the target's line that the bug affects, or undefined when none are. */
export function affectedPatches(bug: ServerBug, t: ResolvedTarget): readonly [number, number] | undefined {
  const r = bug.affected[t.line];
  if (!r) return undefined;
  const from = Math.max(r[0], t.first);
  const to = Math.min(r[1], t.last);
  return from <= to ? [from, to] : undefined;
}

/** "2.6.0–2.6.15" for messages. */
function describeAffected(t: ResolvedTarget, [from, to]: readonly [number, number]): string {
  const rel = (p: number): string => formatRelease({ line: t.line, patch: p });
  return from === to ? rel(from) : `${rel(from)}–${rel(to)}`;
}

export function serverBugs(ctx: Ctx, root: A.Root): void {
  if (root.kind === "Empty") return;
  const typeOf = (n: A.Root): ExprType | undefined => ctx.types.get(n.id);
  const warn = (code: ServerBugCode, what: string, span: A.Span): void => {
    const bug: ServerBug = SERVER_BUGS[code];
    const range = affectedPatches(bug, ctx.target);
    if (!range) return;
    const ref = bug.issue > 0 ? `milvus#${bug.issue}` : "no upstream issue";
    const message = `${what} on Milvus ${describeAffected(ctx.target, range)} (${ref}; ${bug.fixed})`;
    ctx.diags.push(problem(bug.code, message, span, bug.hint));
  };

  // One pass; the walk is pre-order, so an outer `not` is met before the ones inside it.
  let warnedNotEnd = -1;
  // No rule here looks at a literal: the literal elements of lists are passed over.
  preorder(root, (n) => {
    switch (n.kind) {
      case "Unary":
        // containsTemplate comes from the checker's bottom-up types (no subtree walk per `not`).
        if (n.op === "not" && n.span.start >= warnedNotEnd && typeOf(n.operand)?.containsTemplate) {
          warnedNotEnd = n.span.end;
          warn("server-bug/template-under-not", `a template under 'not' is not filled correctly: ${textOf(ctx, n)} fails or matches the wrong rows`, n.span);
        }
        break;
      case "TemplateVariable": {
        const v = ctx.params?.get(n.name);
        if (v?.kind === "array" && v.values.length === 0) {
          warn("server-bug/empty-list-template", `the template {${n.name}} has an empty list value, which Milvus rejects ("unknown template variable value type: <nil>")`, n.span);
        }
        break;
      }
      case "And": {
        const last = n.operands[n.operands.length - 1]!;
        if (last.kind === "And" && endsInRandomSample(last)) {
          warn("server-bug/nested-random-sample", `the parenthesised ${textOf(ctx, last)} loses its predicates: random_sample keeps only the outer left operand`, last.span);
        }
        break;
      }
      case "Or":
        inOrNotEqual(ctx, n, typeOf, warn);
        break;
      case "Range":
      case "ReverseRange": {
        const col = typeOf(n.field)?.column;
        if (col && (col.dataType === "JSON" || col.isDynamic) && mixedNumeric(numericKind(ctx, typeOf(n.lower)), numericKind(ctx, typeOf(n.upper)))) {
          warn("server-bug/json-range-mixed-numeric", `${textOf(ctx, n)} mixes an integer and a float bound on a JSON value: the upper bound is read with the lower bound's type (wrong rows or an execution error)`, n.span);
        }
        break;
      }
      case "Term": {
        const col = typeOf(n.left)?.column;
        if (!n.negated && n.right.kind === "EmptyArray" && col && (col.dataType === "JSON" || col.isDynamic)) {
          warn("server-bug/json-in-empty", `${textOf(ctx, n)} on a JSON value can exhaust the query node's memory`, n.span);
        }
        break;
      }
      default:
        break;
    }
  }, isLiteral);
  if (root.kind === "And") nullPkFilter(ctx, root, typeOf, warn);
}

/** "int" / "float" for a numeric constant or a template whose given value is one. */
function numericKind(ctx: Ctx, t: ExprType | undefined): "int" | "float" | undefined {
  const v = t?.value;
  if (v?.t === "int" || v?.t === "float") return v.t;
  const p = t?.template !== undefined ? ctx.params?.get(t.template) : undefined;
  return p?.kind === "int64" ? "int" : p?.kind === "double" ? "float" : undefined;
}

const mixedNumeric = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a !== b;

function endsInRandomSample(n: A.Expr): boolean {
  let x: A.Expr = n;
  while (x.kind === "And") x = x.operands[x.operands.length - 1]!;
  return x.kind === "RandomSample";
}

type Warn = (code: ServerBugCode, what: string, span: A.Span) => void;

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

/** `x in [..., v, ...] or x != v` on a nullable column or JSON path (one linear pass over the chain). */
function inOrNotEqual(ctx: Ctx, n: A.Or, typeOf: (n: A.Root) => ExprType | undefined, warn: Warn): void {
  const lists = new Map<string, readonly ConstValue[]>();
  const notEquals: { key: string; value: ConstValue; span: A.Span }[] = [];
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
      warn("server-bug/in-or-not-equal", `${textOf(ctx, n)} is rewritten to always-true and also returns rows where the value is NULL or missing`, n.span);
      return;
    }
  }
}

function columnKey(t: ExprType): string {
  const c = t.column!;
  return `${c.field.name}\u0000${c.nestedPath.join("\u0000")}`;
}

/** `pk == v and f <op> c` with f nullable: NULL rows pass the comparison (top-level chain only). */
function nullPkFilter(ctx: Ctx, root: A.And, typeOf: (n: A.Root) => ExprType | undefined, warn: Warn): void {
  const pk = ctx.schema?.primaryKey;
  if (!pk) return;
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
      warn("server-bug/null-pk-filter", `combined with a primary-key filter, ${textOf(ctx, o)} also matches rows where ${textOf(ctx, nullable)} is NULL`, o.span);
      return;
    }
  }
}
