/** The safe builder: values, names, patterns, placeholders, composition, exprParams. */
import { describe, expect, it } from "vitest";
import type * as A from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { print } from "../../src/backends/print/print.js";
import { FilterBuildError, double, field, filter, ident, isFilter, jsonPath, like, regex, type Filter } from "../../src/builder/index.js";
import { stripPositions } from "../backends/print/helpers.js";

/** The error thrown by `fn`, failing the test when it does not throw a FilterBuildError. */
function buildError(fn: () => unknown): FilterBuildError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FilterBuildError) return e;
    throw e;
  }
  return expect.fail("expected a FilterBuildError");
}

describe("values become literals", () => {
  it.each<[string, () => Filter, string]>([
    ["strings are quoted and escaped", () => filter`title == ${'say "hi"\n'}`, 'title == "say \\"hi\\"\\n"'],
    ["the classic injection stays a string", () => filter`title == ${'") or true or ("'}`, 'title == "\\") or true or (\\""'],
    ["single quotes need no escape", () => filter`t == ${"it's"}`, `t == "it's"`],
    ["safe integers", () => filter`n == ${42}`, "n == 42"],
    ["negative integers", () => filter`n == ${-42}`, "n == -42"],
    ["-0 is 0", () => filter`n == ${-0}`, "n == 0"],
    ["bigints, exact past 2^53", () => filter`pk == ${9007199254740993n}`, "pk == 9007199254740993"],
    ["int64 extremes", () => filter`pk in ${[-9223372036854775808n, 9223372036854775807n]}`, "pk in [-9223372036854775808, 9223372036854775807]"],
    ["floats re-read identically", () => filter`f == ${0.1} or f == ${-1.5e-7} or f == ${double(1e21)}`, "f == 0.1 or f == -1.5e-7 or f == 1e21"],
    ["double() keeps an integral float a float", () => filter`f == ${double(2)}`, "f == 2.0"],
    ["booleans", () => filter`b == ${true} or b == ${false}`, "b == true or b == false"],
    ["arrays become lists", () => filter`book_id in ${[1, 2n, 3]}`, "book_id in [1, 2, 3]"],
    ["nested and empty arrays", () => filter`a == ${[[1, "x"], []]} or b in ${[]}`, 'a == [[1, "x"], []] or b in []'],
    ["an interpolated array is one operand", () => filter`x in ${["a", "b"]} and y == 1`, 'x in ["a", "b"] and y == 1'],
    ["negative numbers as an exponent keep their grouping", () => filter`2 ** ${-1} == 0.5`, "2 ** (-1) == 0.5"],
    ["timestamps after iso", () => filter`t > iso ${"2025-01-01T00:00:00Z"} and t - interval ${"P1D"} < iso ${"2026-01-01"}`,
      't > iso "2025-01-01T00:00:00Z" and t - interval "P1D" < iso "2026-01-01"'],
    ["text queries and WKT", () => filter`text_match(body, ${"a \"b\""}) and st_within(g, ${"POINT(0 0)"})`,
      'text_match(body, "a \\"b\\"") and st_within(g, "POINT(0 0)")'],
    ["JSON keys in the template's own path", () => filter`meta[${'k"1'}][${0}] == ${1}`, `meta['k"1'][0] == 1`],
  ])("%s", (_, build, text) => {
    expect(build().text).toBe(text);
  });

  it("the template text is taken as written (String.raw): its escapes are Milvus's", () => {
    expect(filter`a =~ r"\d+" and s == "a\nb"`.text).toBe(String.raw`a =~ r"\d+" and s == "a\nb"`);
  });
});

describe("values that are refused", () => {
  it.each<[string, unknown, RegExp]>([
    ["null", null, /null is not a filter value.*is null/],
    ["undefined", undefined, /undefined/],
    ["NaN", Number.NaN, /NaN/],
    ["Infinity", Infinity, /Infinity/],
    ["-Infinity", -Infinity, /-Infinity/],
    ["an integer past 2^53", 2 ** 53, /beyond 2\^53.*bigint/],
    ["a bigint past int64", 2n ** 63n, /outside int64/],
    ["a plain object", { a: 1 }, /an object is not a filter value/],
    ["a Date", new Date(0), /Date.*toISOString/],
    ["a Map", new Map(), /Map object/],
    ["a function", () => 1, /a function/],
    ["a symbol", Symbol("s"), /a symbol/],
    ["a string with a lone surrogate", "a\uD800b", /lone UTF-16 surrogate/],
  ])("%s", (_, value, message) => {
    const e = buildError(() => filter`x == ${1} and y == ${value as never}`);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/interpolation #1/);
    expect(e.index).toBe(1);
  });

  it("a bad element deep in a list is located", () => {
    const e = buildError(() => filter`x in ${[1, [2, null]] as never}`);
    expect(e.index).toBe(0);
    expect(e.path).toBe("[1][1]");
    expect(e.message).toMatch(/^interpolation #0\[1\]\[1\]: null/);
  });

  it("a sparse array", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(buildError(() => filter`x in ${[1, , 3] as never}`).message).toMatch(/hole at \[1\]/);
  });

  it("a string where a timestamp is needed must be a string", () => {
    expect(buildError(() => filter`t > iso ${5 as never}`).message).toMatch(/timestamp or interval must be a string/);
  });

  it("a JSON key must be a string or a non-negative integer", () => {
    expect(buildError(() => filter`m[${-1}] == 1`).message).toMatch(/JSON key/);
    expect(buildError(() => filter`m[${""}] == 1`).message).toMatch(/empty JSON key/);
  });

  it("the empty filter (matches every row) is refused", () => {
    expect(buildError(() => filter``).message).toMatch(/empty/);
    expect(buildError(() => filter`   `).message).toMatch(/empty/);
  });
});

describe("interpolations must be whole values", () => {
  it.each<[string, () => Filter]>([
    ["inside the template's own quotes", () => filter`title == "${"x"}"`],
    ["inside single quotes", () => filter`title == 'a${"x"}b'`],
    ["glued to a name", () => filter`title${"x"} == 1`],
    ["as an encoding prefix's string", () => filter`t == u${"x"}`],
    ["as a raw string's body", () => filter`t == r${"x"}`],
    ["two values glued together", () => filter`t == ${"x"}${"y"}`],
    ["as an option integer", () => filter`match_least(s, $ > 1, threshold=${2})`],
    ["as an operator", () => filter`a ${"=="} 1`],
  ])("%s", (_, build) => {
    const e = buildError(build);
    expect(e.message).toMatch(/interpolation #\d|does not parse/);
    expect(e.message).not.toMatch(/__mf/);
  });
});

describe("names: field(), ident(), jsonPath()", () => {
  it("fields are validated identifiers", () => {
    expect(filter`${field("age")} > ${18}`.text).toBe("age > 18");
    expect(filter`${ident("_x1")} == 1`.text).toBe("_x1 == 1");
    expect(filter`${field("$meta")} == 1`.text).toBe("$meta == 1");
    // contextual keywords are legal field names in Milvus
    expect(filter`${field("threshold")} > 1 and ${field("st_equals")} == "x"`.text).toBe('threshold > 1 and st_equals == "x"');
  });
  it.each(["and", "IN", "like", "true", "json_contains", "array_length", "", "1a", "a-b", "a b", "prénom", "a]", "a or b"])("refuses %j", (name) => {
    expect(() => field(name)).toThrow(FilterBuildError);
  });
  it("work wherever the grammar wants a field token", () => {
    const a = field("a");
    expect(filter`${a} is null`.text).toBe("a is null");
    expect(filter`${jsonPath("m", "k")} is not null`.text).toBe('m["k"] is not null');
    expect(filter`${1} < ${a} < ${5}`.text).toBe("1 < a < 5");
    expect(filter`${1} < ${jsonPath("m", 0)} <= ${5}`.text).toBe("1 < m[0] <= 5");
    expect(filter`text_match(${field("body")}, ${"q"})`.text).toBe('text_match(body, "q")');
    expect(filter`array_length(${jsonPath("m", "tags")}) > 0`.text).toBe('array_length(m["tags"]) > 0');
    expect(filter`${field("t")} > iso ${"2025-01-01"}`.text).toBe('t > iso "2025-01-01"');
    expect(filter`match_any(${jsonPath("j", "p")}, $ == ${"x"})`.text).toBe('match_any(j["p"], $ == "x")');
    expect(filter`${field("s")}[sub] > 1`.text).toBe("s[sub] > 1");
    expect(filter`${field("m")}["k"] == 1`.text).toBe('m["k"] == 1');
    expect(filter`${jsonPath("m", "a")}["b"] == 1`.text).toBe('m["a"]["b"] == 1');
    expect(filter`${field("starts_with")}(a, "x")`.text).toBe('starts_with(a, "x")');
  });
  it("a JSON path is refused where only a bare field fits", () => {
    expect(buildError(() => filter`text_match(${jsonPath("m", "k")}, ${"q"})`).message).toMatch(/bare field name/);
    expect(buildError(() => filter`${field("$meta")} is null`).message).toMatch(/cannot be written|cannot be used/);
  });
  it("jsonPath escapes its keys", () => {
    const p = jsonPath("meta", '"] or true or m["', "a\\b", 3, 4n, "中");
    expect(filter`${p} == 1`.text).toBe(`meta['"] or true or m["']["a\\b"][3][4]["中"] == 1`);
    const eq = filter`${p} == 1`.ast as A.Equality;
    expect((eq.left as A.JSONIdentifier).keys.map((k) => k.value)).toEqual(['"] or true or m["', "a\\b", "3", "4", "中"]);
  });
  it("jsonPath refuses what no key token holds", () => {
    expect(() => jsonPath("m")).toThrow(/at least one key/);
    expect(() => jsonPath("m", "")).toThrow(/empty JSON key/);
    expect(() => jsonPath("m", "a\uDC00")).toThrow(/lone UTF-16 surrogate/);
    expect(() => jsonPath("m", "\u{20000}")).toThrow(/above U\+FFFF/);
    expect(() => jsonPath("m", -1)).toThrow(/non-negative integer/);
    expect(() => jsonPath("m", 1.5)).toThrow(/non-negative integer/);
    expect(() => jsonPath("a b", "k")).toThrow(/base/);
  });
});

describe("patterns: like.*, regex.*", () => {
  it("like helpers escape % _ and \\", () => {
    expect(filter`t like ${like.prefix("50%_off\\")}`.text).toBe(String.raw`t like "50\\%\\_off\\\\%"`);
    expect(filter`t like ${like.suffix("a%")}`.text).toBe(String.raw`t like "%a\\%"`);
    expect(filter`t like ${like.contains("_")}`.text).toBe(String.raw`t like "%\\_%"`);
    expect(filter`t like ${like.exact("x")}`.text).toBe('t like "x"');
    expect(filter`t like ${like.pattern("a%b_")}`.text).toBe('t like "a%b_"');
  });
  it("a plain string after like is refused: wildcards in user input would widen the match", () => {
    expect(buildError(() => filter`t like ${"%"}`).message).toMatch(/LIKE pattern.*like\.exact/);
  });
  it("regex helpers", () => {
    expect(filter`t =~ ${regex.literal("a.b*(c)")}`.text).toBe(String.raw`t =~ r"a\.b\*\(c\)"`);
    expect(filter`t !~ ${regex.pattern("^\\d+$")}`.text).toBe(String.raw`t !~ r"^\d+$"`);
    expect(filter`t =~ ${regex.literal(`a"b'c`)}`.text).toBe(`t =~ "a\\"b'c"`);
    expect(buildError(() => filter`t =~ ${".*"}`).message).toMatch(/regex pattern.*regex\.literal/);
  });
  it("patterns are refused outside pattern positions", () => {
    expect(buildError(() => filter`t == ${like.prefix("a")}`).message).toMatch(/can only follow `like`/);
    expect(buildError(() => filter`t like ${regex.literal("a")}`).message).toMatch(/LIKE pattern/);
  });
});

describe("the Filter object", () => {
  const f = filter`a == ${"x"} and b in ${[1, 2]}`;
  it("is frozen, with its tree parsed from its text", () => {
    expect(Object.isFrozen(f)).toBe(true);
    expect(Object.isFrozen(f.ast)).toBe(true);
    expect(isFilter(f)).toBe(true);
    expect(f.exprParams).toBeUndefined();
    expect(stripPositions(f.ast)).toEqual(stripPositions(parse(f.text).ast));
    const and = f.ast as A.And;
    expect(f.text.slice(and.operands[1]!.span.start, and.operands[1]!.span.end)).toBe("b in [1, 2]");
  });
  it("text, toString() and toJSON() agree", () => {
    expect(String(f)).toBe(f.text);
    expect(`${f}`).toBe(f.text);
    expect(JSON.stringify({ filter: f })).toBe(JSON.stringify({ filter: f.text }));
  });
  it("look-alikes are not Filters", () => {
    const fake = { text: "true or true", ast: parse("true").ast, toString: () => "x" };
    expect(isFilter(fake)).toBe(false);
    expect(isFilter("a == 1")).toBe(false);
    expect(buildError(() => filter`${fake as never} and a == 1`).message).toMatch(/an object is not a filter value/);
    expect(() => filter.and(fake as never)).toThrow(FilterBuildError);
  });
});

describe("composition", () => {
  const tenant = filter`tenant == ${"acme"}`;
  const either = filter`a == ${1} or b == ${2}`;
  it("embedding keeps precedence", () => {
    expect(filter`${tenant} and ${either}`.text).toBe('tenant == "acme" and (a == 1 or b == 2)');
    expect(filter`not ${either}`.text).toBe("not (a == 1 or b == 2)");
    expect(filter`${either} == true`.text).toBe("(a == 1 or b == 2) == true");
  });
  it("filter.and / or / not", () => {
    expect(filter.and(tenant, either).text).toBe('tenant == "acme" and (a == 1 or b == 2)');
    expect(filter.and(tenant, filter.and(tenant, tenant)).text).toBe('tenant == "acme" and tenant == "acme" and tenant == "acme"');
    expect(filter.or(tenant, either).text).toBe('tenant == "acme" or a == 1 or b == 2');
    expect(filter.or(tenant).text).toBe(tenant.text);
    expect(filter.not(tenant).text).toBe('not (tenant == "acme")');
    expect(() => filter.and()).toThrow(/at least one/);
  });
  it("a Filter cannot be a pattern or a timestamp", () => {
    expect(buildError(() => filter`t like ${tenant as never}`).message).toMatch(/pattern or timestamp/);
  });
});

describe("filter.params: {pN} placeholders and exprParams (Milvus 2.5+)", () => {
  it("values facing a column become templates", () => {
    const f = filter.params`book_id in ${[1, 2, 3]} and title == ${'x") or ("'} and ${5} < n < ${9} and json_contains(tags, ${"a"})`;
    expect(f.text).toBe("book_id in {p0} and title == {p1} and {p2} < n < {p3} and json_contains(tags, {p4})");
    expect(f.exprParams).toEqual({ p0: [1, 2, 3], p1: 'x") or ("', p2: 5, p3: 9, p4: "a" });
    expect(Object.isFrozen(f.exprParams)).toBe(true);
  });
  it("the p-number is the interpolation's index", () => {
    const f = filter.params`t like ${like.prefix("a")} and n > ${1}`;
    expect(f.text).toBe('t like "a%" and n > {p1}');
    expect(f.exprParams).toEqual({ p1: 1 });
  });
  it("values where Milvus refuses templates stay inline", () => {
    const f = filter.params`x in [${1}, ${2}] and ${1} == ${2} and a ** ${2} > 1 and t =~ ${regex.literal("q")} and text_match(b, ${"q"}) and random_sample(${0.5})`;
    expect(f.text).toBe('x in [1, 2] and 1 == 2 and a ** 2 > 1 and t =~ r"q" and text_match(b, "q") and random_sample(0.5)');
    expect(f.exprParams).toEqual({});
  });
  it("integers past 2^53 stay inline (REST decodes params as float64)", () => {
    const f = filter.params`pk == ${9007199254740993n} and n == ${7n} and ids in ${[1n, 2n ** 60n]}`;
    expect(f.text).toBe("pk == 9007199254740993 and n == {p1} and ids in [1, 1152921504606846976]");
    expect(f.exprParams).toEqual({ p1: 7 });
  });
  it("integral double() values stay inline (JSON would make them integers)", () => {
    expect(filter.params`f == ${double(2)} and g == ${double(2.5)}`.text).toBe("f == 2.0 and g == {p1}");
  });
  it("user templates are kept, unless they clash with generated names", () => {
    expect(filter.params`a == {mine} and b == ${1}`.text).toBe("a == {mine} and b == {p0}");
    expect(buildError(() => filter.params`a == {p0} and b == ${1}`).message).toMatch(/already uses \{p0\}/);
  });
  it("embedded Filters bring their values inline", () => {
    const inner = filter.params`a == ${1}`;
    expect(filter.params`${inner} and b == ${2}`.text).toBe("a == 1 and b == {p1}");
  });
  it("the text with placeholders parses to the Filter's tree", () => {
    const f = filter.params`a == ${1}`;
    expect(print(f.ast)).toBe(f.text);
    expect((f.ast as A.Equality).right.kind).toBe("TemplateVariable");
  });
});
