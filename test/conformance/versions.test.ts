/**
 * Version gating against the corpus's `since` labels: an ok case whose feature is newer than the
 * target must be rejected there with a version/unsupported diagnostic. Labels the table disagrees
 * with are listed in VERSION_LABEL_EXCEPTIONS with the reason (the table is not bent to fit them).
 */
import { describe, expect, it } from "vitest";
import { TARGETS, type Target } from "../../src/check/index.js";
import { isNewer } from "../../src/check/versions.js";
import { CASES, expected, satisfiable } from "./corpus.js";
import { runCase } from "./run.js";
import { SKIPS, VERSION_LABEL_EXCEPTIONS } from "./skips.js";

describe("version gating (corpus since labels)", () => {
  const okCases = CASES.filter((c) => expected(c) === "ok" && (!c.skip || satisfiable(c)) && !SKIPS[c.id] && c.since !== "2.4");
  const misses: string[] = [];
  let checked = 0;
  let disputed = 0;
  for (const c of okCases) {
    for (const target of TARGETS) {
      if (!isNewer(c.since as Target, target)) continue;
      checked++;
      const runs = runCase(c, target);
      const gated = runs.every((r) => !r.result.ok && r.result.diagnostics.some((d) => d.code === "version/unsupported"));
      if (!gated && VERSION_LABEL_EXCEPTIONS[c.id]) disputed++;
      else if (!gated) misses.push(`${c.id} since ${c.since} accepted at ${target}: ${JSON.stringify(c.expr).slice(0, 120)}`);
    }
  }

  it("rejects every newer-than-target ok case with a version diagnostic", () => {
    console.log(
      `version gating: ${checked - misses.length - disputed}/${checked} (ok case, older target) pairs rejected with version/unsupported; ` +
        `${disputed} pairs accepted because the case's label is disputed (${Object.keys(VERSION_LABEL_EXCEPTIONS).length} cases in VERSION_LABEL_EXCEPTIONS); ${misses.length} unexplained`,
    );
    expect(misses).toEqual([]);
  });

  it("accepts every baseline ok case at every target from 2.4 on", () => {
    const base = CASES.filter((c) => expected(c) === "ok" && c.since === "2.4" && !c.skip && !SKIPS[c.id] && !VERSION_LABEL_EXCEPTIONS[c.id]);
    const rejected: string[] = [];
    for (const c of base) {
      for (const r of runCase(c, "2.4")) if (!r.result.ok) rejected.push(`${c.id}: ${JSON.stringify(c.expr).slice(0, 100)} ${r.errorText}`);
    }
    expect(rejected).toEqual([]);
  });
});
