/**
 * The lint rules, one per code. Adding a rule: add its code to src/diag/codes.ts with stage
 * "lint", write src/check/rules/<code>.ts, and add one line here. The type below makes each step
 * necessary: a lint code without a rule here, a rule for a code that is not in the registry, or a
 * rule filed under another rule's code does not compile.
 *
 * The order here is the order rules run in, and so the order of their diagnostics among those at
 * the same position. The server-bug rules run in a second pass, after every other rule has ended.
 */
import type { Ctx } from "../context.js";
import { runPasses, type Rule, type RuleCode, type RuleRun } from "./rule.js";
import { dynamicKeyTypo } from "./lint/dynamic-key-typo.js";
import { deleteUnknownField } from "./purpose/delete-unknown-field.js";
import { octalLiteral } from "./lint/octal-literal.js";
import { encodingPrefix } from "./lint/encoding-prefix.js";
import { invalidUtf8 } from "./lint/invalid-utf8.js";
import { orChain } from "./lint/or-chain.js";
import { emptyIn } from "./lint/empty-in.js";
import { nullableNegation } from "./lint/nullable-negation.js";
import { floatEquality } from "./lint/float-equality.js";
import { likeNoWildcard } from "./lint/like-no-wildcard.js";
import { unknownFunction } from "./lint/unknown-function.js";
import { nanConstant } from "./lint/nan-constant.js";
import { constantFilter } from "./lint/constant-filter.js";
import { deleteAlwaysFalse } from "./lint/delete-always-false.js";
import { deleteMatchesAll } from "./lint/delete-matches-all.js";
import { deleteSemanticsDiffer } from "./version/delete-semantics-differ.js";
import { deletePrimaryKey } from "./lint/delete-primary-key.js";
import { deleteQueryFirst } from "./lint/delete-query-first.js";
import { templateUnderNot } from "./server-bug/template-under-not.js";
import { emptyListTemplate } from "./server-bug/empty-list-template.js";
import { nestedRandomSample } from "./server-bug/nested-random-sample.js";
import { inOrNotEqual } from "./server-bug/in-or-not-equal.js";
import { jsonRangeMixedNumeric } from "./server-bug/json-range-mixed-numeric.js";
import { jsonInEmpty } from "./server-bug/json-in-empty.js";
import { nullPkFilter } from "./server-bug/null-pk-filter.js";

export const RULES = {
  "lint/dynamic-key-typo": dynamicKeyTypo,
  "purpose/delete-unknown-field": deleteUnknownField,
  "lint/octal-literal": octalLiteral,
  "lint/encoding-prefix": encodingPrefix,
  "lint/invalid-utf8": invalidUtf8,
  "lint/or-chain": orChain,
  "lint/empty-in": emptyIn,
  "lint/nullable-negation": nullableNegation,
  "lint/float-equality": floatEquality,
  "lint/like-no-wildcard": likeNoWildcard,
  "lint/unknown-function": unknownFunction,
  "lint/nan-constant": nanConstant,
  "lint/constant-filter": constantFilter,
  "lint/delete-always-false": deleteAlwaysFalse,
  "lint/delete-matches-all": deleteMatchesAll,
  "version/delete-semantics-differ": deleteSemanticsDiffer,
  "lint/delete-primary-key": deletePrimaryKey,
  "lint/delete-query-first": deleteQueryFirst,
  "server-bug/template-under-not": templateUnderNot,
  "server-bug/empty-list-template": emptyListTemplate,
  "server-bug/nested-random-sample": nestedRandomSample,
  "server-bug/in-or-not-equal": inOrNotEqual,
  "server-bug/json-range-mixed-numeric": jsonRangeMixedNumeric,
  "server-bug/json-in-empty": jsonInEmpty,
  "server-bug/null-pk-filter": nullPkFilter,
} as const satisfies { readonly [C in RuleCode]: Rule<C> };

const ALL: readonly Rule[] = Object.values(RULES);

/** The passes, in order: advice first, then known server bugs. */
const PASSES: readonly (readonly Rule[])[] = [
  ALL.filter((r) => !r.meta.code.startsWith("server-bug/")),
  ALL.filter((r) => r.meta.code.startsWith("server-bug/")),
];

/** Runs every lint rule on a checked filter. */
export function runLintRules(ctx: Ctx, run: RuleRun): void {
  runPasses(ctx, run, PASSES);
}

export { type Rule, type RuleCode, type RuleContext, type RuleMeta, type Visitor } from "./rule.js";
