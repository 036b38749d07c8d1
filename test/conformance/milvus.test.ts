/**
 * Every case of Milvus's own parser tests (test/data/conformance/milvus-cases.json), each with its
 * schema and template values, at target 3.0 for purpose "query". Disagreements must be listed in
 * skips.ts with a reason; the agreement figure is printed.
 */
import { describe, expect, it } from "vitest";
import { CASES, satisfiable } from "./corpus.js";
import { errorTextMatches, runCase, type Run } from "./run.js";
import { SKIPS } from "./skips.js";

describe("Milvus conformance corpus", () => {
  const runs: Run[] = [];
  const skipped: string[] = [];
  for (const c of CASES) {
    if ((c.skip && !satisfiable(c)) || SKIPS[c.id]?.kind === "corpus") {
      skipped.push(c.id);
      continue;
    }
    runs.push(...runCase(c));
  }
  const disagree = runs.filter((r) => r.got !== r.expect);
  const unexplained = disagree.filter((r) => !SKIPS[r.case.id]);
  const listedCases = new Set(runs.map((r) => r.case.id));
  const stale = Object.keys(SKIPS).filter((id) => SKIPS[id]!.kind !== "corpus" && listedCases.has(id) && !disagree.some((r) => r.case.id === id));

  it("agrees with Milvus on at least 98% of runnable cases", () => {
    const agree = runs.length - disagree.length;
    const pct = ((100 * agree) / runs.length).toFixed(2);
    const withText = runs.filter((r) => errorTextMatches(r) !== undefined);
    const textOk = withText.filter((r) => errorTextMatches(r) === true);
    console.log(
      `conformance: ${agree}/${runs.length} runs agree (${pct}%), ${skipped.length} cases skipped by the corpus; ` +
        `errorContains: ${textOk.length}/${withText.length} error texts carry Milvus's phrase`,
    );
    for (const r of withText.filter((x) => errorTextMatches(x) === false)) {
      console.log(`  errorContains miss ${r.case.id}: wanted ${JSON.stringify(r.case.errorContains ?? r.case.errorContainsAny)}, got ${r.errorText}`);
    }
    expect(agree / runs.length).toBeGreaterThanOrEqual(0.98);
  });

  it("lists every disagreement in skips.ts", () => {
    const show = unexplained.map((r) => `${r.case.id}#${r.set} expect ${r.expect} got ${r.got}: ${JSON.stringify(r.case.expr).slice(0, 160)} ${r.errorText}`);
    expect(show).toEqual([]);
  });

  it("has no stale entries in skips.ts", () => {
    expect(stale).toEqual([]);
  });
});
