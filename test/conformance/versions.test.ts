/**
 * Version gating against the corpus's `since` labels, re-judged with the exact per-release table
 * (src/check/versions.ts). A target here is a bare release line, i.e. its oldest patch.
 *
 * Two directions of disagreement: an ok case accepted at a line older than its label (the label is
 * newer than the construct), and a baseline ("2.4") ok case rejected at 2.4 (the label is older than
 * the construct). Every disagreement is listed below with the source that decides it; the test
 * fails on any unlisted disagreement and on any listed one that no longer occurs. Corpus data is
 * never edited to fit.
 */
import { describe, expect, it } from "vitest";
import { LINES } from "../../src/util/releases.js";
import { CASES, expected, satisfiable } from "./corpus.js";
import { runCase } from "./run.js";
import { SKIPS } from "./skips.js";

const CONSTANT_FOLD =
  "constant predicates (1 < 2, true and false, not (true)) fold to an executable boolean in every visitor generation (2.x VisitRelational / Not fold too); the 3.0 label reflects the test's era, and a bare true/false, the only 3.0-only form, is gated (standalone-bool)";
const PLAN_SHAPE = "the newest change here is the plan shape (balancing, normalization, NOT collapsing), not whether the filter is accepted; 2.6 accepts it (older lines reject only its upper-case AND/OR, uppercase-logic)";
const REFERENCE_PLAN = "a plain `field op constant` comparison, listed as the expected plan of a chain-folding test; the chain forms themselves are gated (nested-arith); `<`/`>` forms are rejected at 2.3 (arith-relational, 1aa97a5c21)";
const DEPTH_LIMIT = "the depth limit is new, deep nesting is not: older releases accept the same filter (bounded only by the Go stack)";
const RAW_FAMILY = "an ordinary string in the raw-string test family; nothing 3.0-only in the expression";
const GROUP_LABEL = "the label comes from the test's feature group; this expression only uses older features";
const MIXED_NUMERIC =
  "mixed int/float values for JSON columns parse and fill on older releases too; 3.0 only changed how they are compared. Execution differs: a mixed int/float JSON range asserts in segcore before 2.6.8 (d5bfaf4d34), which the table does not model (it gates parsing)";
const NON_FINITE =
  "NaN / infinity on float and JSON columns were accepted before 3.0 as well (no NaN validation in the fork's master); the 3.0 change rejects them only for integer arrays";
const RANDOM_SAMPLE_26 = "random_sample as the last AND operand is 2.6.0 (random-sample row, 0dc21f0aeb); the 3.0 label comes from the test's era";
const NESTED_RANDOM_SAMPLE =
  "2.6 parses `a AND (b AND random_sample(f))` but VisitLogicalAnd replaces the sample's predicate, dropping b: accepted, with the server-bug/nested-random-sample warning";
const NAME_NOT_RESERVED =
  "a field named like a master-only keyword (match_least …): the 2.3–2.6.18 grammars have no MATCH_* tokens, so it is a plain identifier there (Plan-2.6.18.g4); the 3.0 label reflects master's contextual keywords";
const GENERIC_CALL = "a generic call needs the Call rule, first in the 2.5.0 grammar (3628593d20); the 2.4 grammar (= master 2024-05) has none, so the 2.4 label is too early";
const UPPER_LOGIC = "upper-case AND / OR / NOT are tokens from 2.5.2 (4533fc8f9c) and 2.6.0; the 2.4 grammar knows only and / or / not";
const INT64_MIN = "-9223372036854775808 parses from 2.5.10 (64255e229a) and 2.6.0 (a7713df18d); older planners overflow in ParseInt before negating";

/** Case id → [where the checker disagrees with the label, why the source says so]. */
const LABEL_DISAGREEMENTS: Readonly<Record<string, readonly [string, string]>> = {
  "TestConsecutiveNotParity/1": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/10": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/11": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/12": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/13": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/2": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/3": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/4": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/5": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/6": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/7": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/8": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotParity/9": ["accepted at 2.6", CONSTANT_FOLD],
  "TestConsecutiveNotTemplateValidation/1": ["accepted at 2.6", PLAN_SHAPE],
  "TestConsecutiveNotTemplateValidation/2": ["accepted at 2.6", PLAN_SHAPE],
  "TestContextualKeywordsScalarFields/1": ["accepted at 2.3 2.4 2.5 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/2": ["accepted at 2.3 2.4 2.5 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/3": ["accepted at 2.3 2.4 2.5 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/4": ["accepted at 2.4 2.5 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/5": ["accepted at 2.3 2.4 2.5 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/6": ["accepted at 2.3 2.4 2.5 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/7": ["accepted at 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/8": ["accepted at 2.6", NAME_NOT_RESERVED],
  "TestContextualKeywordsScalarFields/9": ["accepted at 2.5 2.6", NAME_NOT_RESERVED],
  "TestExpr_BooleanLiteral/12": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_BooleanLiteral/13": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_BooleanLiteral/15": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_BooleanLiteral/16": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_BooleanLiteral/17": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_BooleanLiteral/18": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/18": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/19": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/20": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/21": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/22": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/23": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/24": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/25": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/26": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/27": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/28": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/29": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/30": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/31": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/32": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/33": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/34": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/35": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/36": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/37": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/38": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/39": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/40": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/41": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/42": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/43": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/44": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/45": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/46": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/47": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/48": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/49": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/50": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/51": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/52": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_Constant/53": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/17": ["accepted at 2.3 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/2": ["accepted at 2.3 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/21": ["accepted at 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/23": ["accepted at 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/25": ["accepted at 2.3 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/27": ["accepted at 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/4": ["accepted at 2.3 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/7": ["accepted at 2.3 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestedArith_FoldsToSingleOpPlan/9": ["accepted at 2.3 2.4 2.5 2.6", REFERENCE_PLAN],
  "TestExpr_NestingDepthLimit/1": ["accepted at 2.3 2.4 2.5 2.6", DEPTH_LIMIT],
  "TestExpr_NestingDepthLimit/2": ["accepted at 2.3 2.4 2.5 2.6", DEPTH_LIMIT],
  "TestExpr_RawString/17": ["accepted at 2.3 2.4 2.5 2.6", RAW_FAMILY],
  "TestExpr_RawString/18": ["accepted at 2.3 2.4 2.5 2.6", RAW_FAMILY],
  "TestExpr_RawString_LikeEscapeModel/12": ["accepted at 2.3 2.4 2.5 2.6", RAW_FAMILY],
  "TestExpr_TextMatch_MinShouldMatch_Omitted/1": ["accepted at 2.5", GROUP_LABEL],
  "TestExpr_Value/6": ["accepted at 2.3 2.4 2.5 2.6", CONSTANT_FOLD],
  "TestFillExpressionValue/TestBinaryRangeWithMixedNumericTypesForJSON/1": ["accepted at 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestBinaryRangeWithMixedNumericTypesForJSON/2": ["accepted at 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestBinaryRangeWithMixedNumericTypesForJSON/3": ["accepted at 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestBinaryRangeWithMixedNumericTypesForJSON/4": ["accepted at 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestBinaryRangeWithMixedNumericTypesForJSON/5": ["accepted at 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestBinaryRangeWithMixedNumericTypesForJSON/6": ["accepted at 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestEmptyArrayComparisonNormalization/1": ["accepted at 2.5 2.6", PLAN_SHAPE],
  "TestFillExpressionValue/TestEmptyArrayComparisonNormalization/2": ["accepted at 2.5 2.6", PLAN_SHAPE],
  "TestFillExpressionValue/TestEmptyArrayComparisonNormalization/3": ["accepted at 2.5 2.6", PLAN_SHAPE],
  "TestFillExpressionValue/TestEmptyArrayComparisonNormalization/4": ["accepted at 2.5 2.6", PLAN_SHAPE],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/1": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/2": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/3": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/4": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/5": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/6": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestTermExprWithMixedNumericTypesForJSON/7": ["accepted at 2.3 2.4 2.5 2.6", MIXED_NUMERIC],
  "TestFillExpressionValue/TestWholeArrayTemplateMembershipNormalization/1": ["accepted at 2.5 2.6", PLAN_SHAPE],
  "TestFillExpressionValue/TestWholeArrayTemplateMembershipNormalization/2": ["accepted at 2.5 2.6", PLAN_SHAPE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/1": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/11": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/12": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/2": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/3": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/4": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/5": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/6": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/7": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/8": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestFloatingArrayAcceptsNonFiniteQueryValues/9": ["accepted at 2.4 2.5 2.6", NON_FINITE],
  "TestLogicalOperandsKeepValidTerminalWrappers/1": ["accepted at 2.6", NESTED_RANDOM_SAMPLE],
  "TestNaNConstantComparisonOrder/1": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestNaNConstantComparisonOrder/2": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestNaNConstantComparisonOrder/3": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestNaNConstantComparisonOrder/4": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestParseLogicalChainBalanced/1": ["accepted at 2.6", PLAN_SHAPE],
  "TestParseLogicalChainBalanced/2": ["accepted at 2.6", PLAN_SHAPE],
  "TestParseLogicalChainTemplates/1": ["accepted at 2.6", PLAN_SHAPE],
  "TestParseLogicalChainWrappers/1": ["accepted at 2.6", PLAN_SHAPE],
  "TestParseLogicalChainWrappers/2": ["accepted at 2.6", PLAN_SHAPE],
  "TestParseLogicalOREqualityChain/1": ["accepted at 2.6", PLAN_SHAPE],
  "TestQueryNaNAccepted/1": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/10": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/11": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/12": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/13": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/14": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/15": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/18": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/19": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/2": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/20": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/21": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/22": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/23": ["accepted at 2.3 2.4 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/3": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/4": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/5": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/6": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/7": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/8": ["accepted at 2.5 2.6", NON_FINITE],
  "TestQueryNaNAccepted/9": ["accepted at 2.5 2.6", NON_FINITE],
  "TestRandomSampleOrBooleanConstants/11": ["accepted at 2.6", RANDOM_SAMPLE_26],
  "TestRandomSampleOrBooleanConstants/8": ["accepted at 2.6", RANDOM_SAMPLE_26],
  "Test_SegmentScorers/1": ["accepted at 2.3 2.4 2.5", GROUP_LABEL],
  "TestCreateRetrievePlan/2": ["rejected at 2.4", INT64_MIN],
  "TestExpr_Call/1": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/2": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/3": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/4": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/5": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/6": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/7": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/8": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Call/9": ["rejected at 2.4", GENERIC_CALL],
  "TestExpr_Combinations/3": ["rejected at 2.4", UPPER_LOGIC],
  "TestExpr_Combinations/5": ["rejected at 2.4", UPPER_LOGIC],
  "Test_JSONContains/12": ["rejected at 2.4", GENERIC_CALL],
  "Test_JSONContains/13": ["rejected at 2.4", GENERIC_CALL],
};

/** The disagreements the checker shows now, in the form of LABEL_DISAGREEMENTS' first column. */
function disagreements(): Map<string, string> {
  const found = new Map<string, string>();
  const runnable = CASES.filter((c) => expected(c) === "ok" && (!c.skip || satisfiable(c)) && !SKIPS[c.id]);
  for (const c of runnable) {
    if (c.since === "2.4") {
      if (c.skip) continue;
      if (!runCase(c, "2.4").every((r) => r.result.ok)) found.set(c.id, "rejected at 2.4");
      continue;
    }
    const accepted: string[] = [];
    for (const target of LINES.slice(0, LINES.indexOf(c.since))) {
      const gated = runCase(c, target).every((r) => !r.result.ok && r.result.diagnostics.some((d) => d.code === "version/unsupported"));
      if (!gated) accepted.push(target);
    }
    if (accepted.length > 0) found.set(c.id, `accepted at ${accepted.join(" ")}`);
  }
  return found;
}

describe("version gating (corpus since labels)", () => {
  const found = disagreements();

  it("disagrees with the labels exactly where the source says the label is wrong", () => {
    const pairs = [...found.values()].reduce((n, v) => n + (v.startsWith("accepted") ? v.split(" ").length - 2 : 1), 0);
    console.log(`version labels: ${found.size} cases (${pairs} case×line pairs) disagree with the corpus label, each listed with its reason`);
    const listed = Object.fromEntries(Object.entries(LABEL_DISAGREEMENTS).map(([id, [at]]) => [id, at]));
    expect(Object.fromEntries(found)).toEqual(listed);
  });

  it("gives every listed disagreement a reason", () => {
    for (const [id, [, why]] of Object.entries(LABEL_DISAGREEMENTS)) expect(why.length, id).toBeGreaterThan(40);
  });
});
