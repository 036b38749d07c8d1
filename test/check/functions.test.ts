import { describe, expect, it } from "vitest";
import { verdict } from "./helpers.js";

describe("keyword functions", () => {
  it.each([
    ["text_match(title, 'q')", "ok"],
    ["text_match(body, 'q')", "ok"],
    ["text_match(plain, 'q')", "schema/match-not-enabled"],
    ["text_match(year, 'q')", "type/text-match"],
    ["text_match(title, 'q', minimum_should_match=0)", "type/text-match-option"],
    ["text_match(title, 'q', minimum_should_match=1000)", "ok"],
    ["phrase_match(title, 'q', 3)", "ok"],
    ["phrase_match(title, 'q', -1)", "type/phrase-match-slop"],
    ["phrase_match(title, 'q', year)", "type/phrase-match-slop"],
    ["year > 1 and random_sample(0.5)", "ok"],
    ["random_sample(0.5) and year > 1", "type/random-sample-position"],
    ["year > 1 or random_sample(0.5)", "type/random-sample-position"],
    ["not random_sample(0.5)", "type/random-sample-position"],
    ["random_sample(1)", "type/random-sample"],
    ["element_filter(clips, $[n] > 1)", "ok"],
    ["element_filter(clips, $[nope] > 1)", "schema/unknown-struct-field"],
    ["element_filter(clips, $[n] > 1) and year > 1", "type/element-filter-position"],
    ["year > 1 or element_filter(clips, $[n] > 1)", "type/element-filter-position"],
    ["MATCH_ANY(nums, $ > 1)", "ok"],
    ["MATCH_ANY(nums, $[x] > 1)", "type/element-ref"],
    ["MATCH_ANY(year, $ > 1)", "type/element-filter"],
    ["MATCH_LEAST(clips, $[n] > 1, threshold=0)", "type/match-threshold"],
    ["MATCH_ALL(clips, MATCH_ANY(clips, $[n] > 1))", "type/element-filter"],
    ["$ > 1", "type/element-ref"],
    ["st_contains(geo, 'POINT(0 0)')", "ok"],
    ["st_contains(geo, 'POLYGON((0 0, 1 0, 1 1, 0 0))')", "ok"],
    ["st_contains(geo, 'POLYGON((0 0, 1 0))')", "type/wkt"],
    ["st_contains(geo, 'POINT()')", "type/wkt"],
    ["st_contains(year, 'POINT(0 0)')", "type/spatial"],
    ["st_dwithin(geo, 'POINT(0 0)', 5)", "ok"],
    ["st_dwithin(geo, 'LINESTRING(0 0, 1 1)', 5)", "type/wkt"],
    ["st_dwithin(geo, 'POINT(0 0)', -1)", "type/spatial-distance"],
    ["st_dwithin(geo, 'POINT(0 0)', '5')", "type/spatial-distance"],
    ["ts > ISO '2025-01-01T00:00:00Z'", "ok"],
    ["ts + INTERVAL 'P1D' > ISO '2025-01-01T00:00:00Z'", "ok"],
    ["ts > ISO '2025-13-01T00:00:00Z'", "type/timestamptz"],
    ["ts + INTERVAL '1D' > ISO '2025-01-01T00:00:00Z'", "type/timestamptz"],
    ["year > ISO '2025-01-01T00:00:00Z'", "type/timestamptz"],
    ["empty(tags)", "ok"],
    ["empty(year + 'a')", "type/arith"],
  ])("%s → %s", (text, want) => {
    expect(verdict(text)).toBe(want);
  });
});
