import { describe, expect, it } from "vitest";
import { FEATURES } from "../../src/check/index.js";
import { run, verdict } from "./helpers.js";

describe("target versions", () => {
  it.each([
    ["plain =~ 'a'", "2.6", "3.0"],
    ["plain == r'a'", "2.6", "3.0"],
    ["year > {x}", "2.4", "2.5"],
    ["title is null", "2.4", "2.5"],
    ["year > 1 and random_sample(0.5)", "2.5", "2.6"],
    ["st_contains(geo, 'POINT(0 0)')", "2.5", "2.6"],
    ["ts > ISO '2025-01-01T00:00:00Z'", "2.5", "2.6"],
    ["(year & 1) == 1", "2.6", "3.0"],
    ["(year + 1) + 2 == 3", "2.6", "3.0"],
    ["true", "2.6", "3.0"],
    ["true or year > 1", "2.6", "3.0"],
    ["year !in [1]", "2.6", "3.0"],
    ["year not in [1]", "2.3", "2.3"],
    ["year > 1 AND year < 5", "2.3", "2.4"],
    ["element_filter(clips, $[n] > 1)", "2.6", "3.0"],
    ["day > '2024-01-01'", "2.6", "3.0"],
  ])("%s: rejected at %s, accepted from %s", (text, tooOld, first) => {
    const old = run(text, { target: tooOld as never });
    if (tooOld !== first) {
      expect(old.ok).toBe(false);
      expect(old.diagnostics.map((d) => d.code)).toContain("version/unsupported");
      expect(old.diagnostics.find((d) => d.code === "version/unsupported")?.message).toContain(`Milvus ${first}`);
    }
    expect(run(text, { target: first as never }).ok).toBe(true);
  });

  it("rejects unknown targets", () => {
    expect(verdict("year > 1", { target: "2.7" as never })).toBe("usage/bad-option");
  });

  it("documents every uncertain row", () => {
    for (const [k, v] of Object.entries(FEATURES)) expect(typeof v.what, k).toBe("string");
  });
});
