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
 *
 * The rules that find each bug's filters are src/check/rules/server-bug/<name>.ts.
 */
import type { Span } from "../diag/diagnostic.js";
import type { CodeIn } from "../diag/codes.js";
import { formatRelease, NEWEST_PATCH, type Line, type ResolvedTarget } from "../util/releases.js";
import type { RuleContext } from "./rules/rule.js";

/** Affected patches per line, inclusive; a line not listed is not affected. */
type Affected = Readonly<Partial<Record<Line, readonly [number, number]>>>;

export interface ServerBug {
  readonly code: CodeIn<"server-bug">;
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
} as const satisfies { readonly [C in CodeIn<"server-bug">]: ServerBug & { readonly code: C } };

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

/** Whether the target includes a release the bug affects (a rule's `appliesTo`). */
export const affects =
  (code: ServerBugCode) =>
  (t: ResolvedTarget): boolean =>
    affectedPatches(SERVER_BUGS[code], t) !== undefined;

/**
 * A rule's report for a bug with the affected releases, the upstream issue and the fix; undefined
 * when the target includes no affected release (the rule then has nothing to do).
 */
export function serverBugReport(ctx: RuleContext, code: ServerBugCode): ((what: string, at: Span) => void) | undefined {
  const bug: ServerBug = SERVER_BUGS[code];
  const range = affectedPatches(bug, ctx.target);
  if (!range) return undefined;
  const ref = bug.issue > 0 ? `milvus#${bug.issue}` : "no upstream issue";
  return (what, span) => ctx.report(`${what} on Milvus ${describeAffected(ctx.target, range)} (${ref}; ${bug.fixed})`, span, bug.hint);
}
