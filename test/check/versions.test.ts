/**
 * Every construct of the versions audit at every release point, written out by hand from the
 * Milvus source (fork zhengbuqian/milvus: Plan.g4 rebuilt at 2.3.0, 2.4, 2.5.0, 2.5.24, 2.6.0,
 * 2.6.3, 2.6.18, master; version-bump commits for the patch boundaries). The masks are not derived
 * from src/check/versions.ts: a row of that table that drifts from the source fails here.
 */
import { describe, expect, it } from "vitest";
import { FEATURES, resolveTarget, knownRange } from "../../src/check/index.js";
import { codes, run, verdict } from "./helpers.js";

/** The release points, one mask character each. */
const POINTS = [
  "2.3.0", "2.3.2", "2.4.0",
  "2.5.0", "2.5.1", "2.5.2", "2.5.3", "2.5.4", "2.5.9", "2.5.10", "2.5.16", "2.5.17", "2.5.18", "2.5.24",
  "2.6.0", "2.6.2", "2.6.3", "2.6.5", "2.6.6", "2.6.7", "2.6.8", "2.6.15", "2.6.16", "2.6.17", "2.6.18",
  "3.0",
] as const;
//                 2.3   2.4 2.5.0 ……………………… 2.5.24 2.6.0 …………………………… 2.6.18 3.0
//                 0 2   0   0 1 2 3 4 9 10 16 17 18 24  0 2 3 5 6 7 8 15 16 17 18
const ALL = /*  */ "YY" + "Y" + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y";

const CASES: readonly (readonly [construct: string, filter: string, mask: string])[] = [
  ["lower-case keywords, like, exists, not in", 'year > 1 and plain like "a%" and exists meta["k"] and year not in [1]', ALL],
  ["upper-case LIKE / EXISTS (2.3.0 grammar)", 'plain LIKE "a%" and EXISTS meta["k"]', ALL],
  ["upper-case IN (d1060c0e05, 2.5.0)", "year IN [1, 2]", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["upper-case AND (4533fc8f9c, 2.5.2)", "year > 1 AND year < 5", "..." + "..YYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["upper-case OR", "year > 1 OR year < 5", "..." + "..YYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["upper-case NOT", "NOT (year > 1)", "..." + "..YYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["NOT IN", "year NOT IN [1]", "..." + "..YYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["!in (NOT? IN, 2.5.0)", "year !in [1]", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["not  in (two spaces)", "year not  in [1]", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["not IN", "year not IN [1]", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["array_contains (a362bb1457, 2.3.2)", 'array_contains(tags, "a")', ".Y" + "Y" + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["arithmetic under == (2.3.0)", "year + 1 == 2", ALL],
  ["arithmetic under > (1aa97a5c21, 2.4.0)", "year + 1 > 2", ".." + "Y" + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["generic call (3628593d20, 2.5.0)", "empty(plain)", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["template (2.5.0)", "year > {x}", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["template under not parses (2.5.0)", "not (year > {x})", "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["is null (1602390734, 2.5.4)", "title is null", "..." + "....YYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["IS NOT NULL", "title IS NOT NULL", "..." + "....YYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["is null on a JSON path (9108cee958, 2.5.8)", 'meta["k"] is null', "..." + ".....YYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["text_match (89bf226f0b, 2.5.0)", 'text_match(title, "a")', "..." + "YYYYYYYYYYY" + "YYYYYYYYYYY" + "Y"],
  ["phrase_match (a3c5e2e3c3, 2.5.17)", 'phrase_match(title, "a b")', "..." + "........YYY" + "YYYYYYYYYYY" + "Y"],
  ["random_sample (0dc21f0aeb, 2.6.0)", "year > 1 and random_sample(0.5)", "..." + "..........." + "YYYYYYYYYYY" + "Y"],
  ["minimum_should_match (553a3f07b9, 2.6.8)", 'text_match(title, "a b", minimum_should_match=1)', "..." + "..........." + "......YYYYY" + "Y"],
  ["Text field (04fff74a56, 2.6.0)", 'text_match(body, "a")', "..." + "..........." + "YYYYYYYYYYY" + "Y"],
  ["st_contains (2.5.18, 2.6.3)", 'st_contains(geo, "POINT(0 0)")', "..." + ".........YY" + "..YYYYYYYYY" + "Y"],
  ["st_dwithin (7ef76058d5, 2.5.18)", 'st_dwithin(geo, "POINT(0 0)", 1.0)', "..." + ".........YY" + "..YYYYYYYYY" + "Y"],
  ["st_isvalid (a0e2fe78f3, master only)", "st_isvalid(geo)", "..." + "..........." + "..........." + "Y"],
  ["ISO timestamp (2c0c5ef41e, 2.6.3)", 'ts > ISO "2025-01-01T00:00:00Z"', "..." + "..........." + "..YYYYYYYYY" + "Y"],
  ["reverse ISO (a42d3248e1, 2.6.6)", 'ISO "2025-01-01T00:00:00Z" < ts', "..." + "..........." + "....YYYYYYY" + "Y"],
  ["template as LIKE pattern (53459a5ef7, 2.6.17)", "plain like {p}", "..." + "..........." + ".........YY" + "Y"],
  ["template as text_match query", "text_match(title, {q})", "..." + "..........." + ".........YY" + "Y"],
  ["int64 min literal (64255e229a 2.5.10, a7713df18d 2.6.0)", "id == -9223372036854775808", "..." + "......YYYYY" + "YYYYYYYYYYY" + "Y"],
  ["name iso (keyword from 2.6.3; contextual in 3.0)", "iso > 1", "YY" + "Y" + "YYYYYYYYYYY" + "YY........." + "Y"],
  ["name interval", "interval > 1", "YY" + "Y" + "YYYYYYYYYYY" + "YY........." + "Y"],
  ["name st_equals (keyword from 2.5.18 / 2.6.3)", "st_equals > 1", "YY" + "Y" + "YYYYYYYYY.." + "YY........." + "Y"],
  ["name minimum_should_match (keyword from 2.6.8)", "minimum_should_match > 1", "YY" + "Y" + "YYYYYYYYYYY" + "YYYYYY....." + "Y"],
  ["name threshold (keyword only in master, contextual)", "threshold > 1", ALL],
  ["name match_any", "match_any > 1", ALL],
  ["name element_filter", "element_filter > 1", ALL],
  ["name st_isvalid", "st_isvalid > 1", ALL],
  ["regex (89ad6371ad, master)", 'plain =~ "a"', "..." + "..........." + "..........." + "Y"],
  ["raw string (678ebf3e00, master)", 'plain == r"a"', "..." + "..........." + "..........." + "Y"],
  ["bitwise on a field (453a6f5193, master)", "(year & 1) == 1", "..." + "..........." + "..........." + "Y"],
  ["standalone true (36f4dd5a7f, master)", "true", "..." + "..........." + "..........." + "Y"],
  ["true or x", "true or year > 1", "..." + "..........." + "..........." + "Y"],
  ["element_filter (master)", "element_filter(clips, $[n] > 1)", "..." + "..........." + "..........." + "Y"],
  ["Date field (newest)", 'day > "2024-01-01"', "..." + "..........." + "..........." + "Y"],
];

describe("every construct at every release point", () => {
  it("has one mask character per release point", () => {
    for (const [name, , mask] of CASES) expect(mask.length, name).toBe(POINTS.length);
  });

  for (const [construct, filter, mask] of CASES) {
    it(`${construct}: ${filter}`, () => {
      const got = POINTS.map((p) => {
        const r = run(filter, { target: p });
        const versionError = r.diagnostics.some((d) => d.code === "version/unsupported");
        if (!r.ok && !versionError) return `E(${r.diagnostics.find((d) => d.severity === "error")?.code})`;
        return r.ok ? "Y" : ".";
      });
      expect(got.join(""), POINTS.map((p, i) => `${p}:${mask[i]}`).join(" ")).toBe(mask);
    });
  }
});

describe("targets", () => {
  it("reads a bare line as every release of it, judged at the oldest", () => {
    expect(run("year > 1 AND year < 5", { target: "2.5" }).ok).toBe(false);
    expect(run("year > 1 AND year < 5", { target: "2.5.2" }).ok).toBe(true);
    expect(run("year > 1 AND year < 5", { target: "2.6" }).ok).toBe(true);
  });

  it("says which patches of a bare line reject a construct", () => {
    const d = run("year > 1 AND year < 5", { target: "2.5" }).diagnostics.find((x) => x.code === "version/unsupported")!;
    expect(d.message).toBe("the upper-case keywords AND / OR / NOT: accepted from 2.5.2; your target 2.5 includes 2.5.0–2.5.1");
    expect(d.hint).toContain("--target 2.5.2");
  });

  it("rejects a name on a bare line when a later patch reserves it", () => {
    const d = run("iso > 1", { target: "2.6" }).diagnostics.find((x) => x.code === "version/unsupported")!;
    expect(d.message).toContain("accepted up to 2.6.2 only (a keyword from 2.6.3); your target 2.6 includes 2.6.3–2.6.18");
    expect(run("iso > 1", { target: "2.6.2" }).ok).toBe(true);
  });

  it("names the exact release that rejects", () => {
    const d = run('st_contains(geo, "POINT(0 0)")', { target: "2.5.17" }).diagnostics.find((x) => x.code === "version/unsupported")!;
    expect(d.message).toBe("ST_* geometry functions and Geometry fields: not accepted by Milvus 2.5.17 (accepted from 2.5.18 on the 2.5 line, 2.6.3)");
  });

  it.each([
    ["2.5", { line: "2.5", first: 0, last: 26, exact: false }],
    ["2.5.3", { line: "2.5", first: 3, last: 3, exact: true }],
    ["v2.6.17", { line: "2.6", first: 17, last: 17, exact: true }],
    [" 3.0 ", { line: "3.0", first: 0, last: 0, exact: true }],
    ["latest", { line: "3.0", first: 0, last: 0, exact: true }],
    ["LATEST", { line: "3.0", first: 0, last: 0, exact: true }],
  ])("resolves %j", (spec, want) => {
    const r = resolveTarget(spec);
    expect(r.ok && r.target).toMatchObject(want);
  });

  it.each(["2.7", "2.5.99", "2.6.19", "3.0.1", "1.0", "v", "2", "2.5.3.1", "2.5-rc1", "", "x".repeat(100)])("rejects %j, listing the known range", (spec) => {
    const r = resolveTarget(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(knownRange());
    // From the library and the CLI alike, a version we do not know is a usage error that lists the range.
    const c = run("year > 1", { target: spec });
    expect(c.diagnostics[0]!.code).toBe("usage/bad-option");
    expect(c.diagnostics[0]!.message).toContain(knownRange());
  });

  it("gives every feature row a commit, a confidence and a parsable first release", () => {
    for (const [k, v] of Object.entries(FEATURES)) {
      expect(v.commit.length, k).toBeGreaterThan(5);
      expect(["high", "medium", "low"], k).toContain(v.confidence);
      for (const s of Object.values(v.since)) expect(s, k).toMatch(/^\d\.\d(\.\d+)?$/);
      if (v.confidence !== "high") expect("note" in v, k).toBe(true);
    }
  });

  it("rejects unknown targets", () => {
    expect(verdict("year > 1", { target: "2.7" as never })).toBe("usage/bad-option");
  });

  it("says in plain words when a row's release is not certain, without the audit's internal notes", () => {
    const d = run('day > "2024-01-01"', { target: "2.6" }).diagnostics.find((x) => x.code === "version/unsupported")!;
    expect(d.message).toContain("that release is not certain (docs/versions.md says why)");
    expect(d.message).not.toMatch(/confidence|fork/);
  });

  it("puts is null on a JSON path between 2.5.7 and 2.5.8", () => {
    expect(run('meta["k"] is null', { target: "2.5.7" }).ok).toBe(false);
    expect(run('meta["k"] is null', { target: "2.5.8" }).ok).toBe(true);
  });

  it("does not flag LIKE / EXISTS at 2.3", () => {
    expect(codes(run('plain LIKE "a%"', { target: "2.3" }))).not.toContain("version/unsupported");
  });
});
