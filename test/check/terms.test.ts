import { describe, expect, it } from "vitest";
import { codes, run, verdict } from "./helpers.js";

describe("in, like, regex, exists, is null, contains", () => {
  it.each([
    ["year in [1, 2]", "ok"],
    ["year in [1, 2.5]", "type/term-cast"],
    ["year in 1", "type/term-list"],
    ["1 in year", "type/term-target"],
    ["year + 1 in [1]", "type/term-target"],
    ["year in [year]", "type/list-element"],
    ["tags in [['a'], []]", "ok"],
    ["tags in ['a']", "type/term-cast"],
    ["vec in []", "type/term-target"],
    ["geo not in []", "type/term-target"],
    ["plain like 'a%'", "ok"],
    ["year like 'a%'", "type/like-target"],
    ["tags like 'a%'", "type/array-compare"],
    ["tags[0] like 'a%'", "ok"],
    ["plain like 1", "type/string-argument"],
    ["plain =~ '^a.*'", "ok"],
    ["plain =~ '(?P<x>a)'", "ok"],
    ["plain =~ '[a'", "type/regex-pattern"],
    ["plain =~ '(?=a)'", "type/regex-pattern"],
    ["year =~ 'a'", "type/regex-target"],
    ["exists meta['a']", "ok"],
    ["exists meta", "type/exists"],
    ["exists year", "type/exists"],
    ["exists unknown_key", "ok"],
    ["title is null", "ok"],
    ["meta['a'] is not null", "ok"],
    ["vec is null", "type/is-null"],
    ["tags[0] is null", "type/is-null"],
    ["clips is null", "ok"],
    ["json_contains(meta, 1)", "ok"],
    ["array_contains(tags, 'a')", "ok"],
    ["array_contains(tags, 1)", "type/contains-value"],
    ["array_contains_all(tags, 'a')", "type/contains-value"],
    ["array_contains_any(nums, [1, 'a'])", "type/contains-value"],
    ["json_contains(year, 1)", "type/contains-target"],
    ["json_contains(meta, year)", "type/contains-value"],
    ["array_length(year) == 1", "type/array-length"],
    ["array_length(clips) == 1", "ok"],
    ["array_length(clips[label]) == 1", "ok"],
  ])("%s → %s", (text, want) => {
    expect(verdict(text)).toBe(want);
  });

  it("flags empty lists", () => {
    expect(codes(run("year in []"))).toContain("lint/empty-in");
  });
});
