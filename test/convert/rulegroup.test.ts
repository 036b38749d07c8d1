/** fromRuleGroup: every default react-querybuilder operator, both group shapes, string values typed from the schema. */
import { describe, expect, it } from "vitest";
import { fromRuleGroup, RULEGROUP_OPERATORS } from "../../src/convert/index.js";
import { books, refusal, textOf } from "./helpers.js";

const rule = (field: string, operator: string, value?: unknown, extra: Record<string, unknown> = {}) => ({ combinator: "and", rules: [{ field, operator, value, ...extra }] });
const opts = { schema: books } as const;

describe("fromRuleGroup", () => {
  const table: [string, unknown, string][] = [
    ["=", rule("year", "=", "1965"), "year == 1965"],
    ["!=", rule("title", "!=", "Dune"), 'title != "Dune"'],
    ["<", rule("price", "<", "9.5"), "price < 9.5"],
    [">", rule("year", ">", 2000), "year > 2000"],
    ["<=", rule("year", "<=", "2000"), "year <= 2000"],
    [">=", rule("year", ">=", "2000"), "year >= 2000"],
    ["contains", rule("title", "contains", "a_b"), 'title like "%a\\\\_b%"'],
    ["beginsWith", rule("title", "beginsWith", "Du"), 'title like "Du%"'],
    ["endsWith", rule("title", "endsWith", "ne"), 'title like "%ne"'],
    ["doesNotContain", rule("title", "doesNotContain", "x"), 'not (title like "%x%")'],
    ["doesNotBeginWith", rule("title", "doesNotBeginWith", "x"), 'not (title like "x%")'],
    ["doesNotEndWith", rule("title", "doesNotEndWith", "x"), 'not (title like "%x")'],
    ["null", rule("price", "null"), "price is null"],
    ["notNull", rule("price", "notNull"), "price is not null"],
    ["in (comma-separated, typed)", rule("year", "in", "1965, 1984"), "year in [1965, 1984]"],
    ["notIn (array)", rule("title", "notIn", ["a", "b"]), 'title not in ["a", "b"]'],
    ["between", rule("year", "between", "1960,1970"), "year >= 1960 and year <= 1970"],
    ["notBetween", rule("year", "notBetween", [1960, 1970]), "not (year >= 1960 and year <= 1970)"],
    ["= on an Array field", rule("tags", "=", "sf"), 'array_contains(tags, "sf")'],
    ["valueSource field", rule("price", "<", "year", { valueSource: "field" }), "price < year"],
    ["a string stays a string for a VarChar field", rule("title", "=", "1965"), 'title == "1965"'],
    ["a string stays a string for a dynamic key", rule("code", "=", "007"), '$meta["code"] == "007"'],
    ["group not", { combinator: "or", not: true, rules: [{ field: "year", operator: "=", value: 1 }, { field: "year", operator: "=", value: 2 }] }, "not (year == 1 or year == 2)"],
    [
      "nested group",
      { combinator: "and", rules: [{ combinator: "or", rules: [{ field: "year", operator: "=", value: 1 }, { field: "year", operator: "=", value: 2 }] }, { field: "price", operator: ">", value: 1 }] },
      "(year == 1 or year == 2) and price > 1",
    ],
    [
      "independent combinators (and binds tighter)",
      { rules: [{ field: "year", operator: "=", value: 1 }, "or", { field: "year", operator: "=", value: 2 }, "and", { field: "price", operator: ">", value: 1 }] },
      "year == 1 or year == 2 and price > 1",
    ],
    ["disabled rules are skipped", { combinator: "and", rules: [{ field: "year", operator: "=", value: 1, disabled: true }, { field: "year", operator: "=", value: 2 }] }, "year == 2"],
  ];
  it.each(table)("%s", (_, input, text) => {
    expect(textOf(fromRuleGroup(input as never, opts))).toBe(text);
  });

  it("covers every default operator", () => {
    const seen = new Set(table.map(([name]) => name.split(" ")[0]));
    for (const o of RULEGROUP_OPERATORS) expect(seen.has(o), o).toBe(true);
  });

  const refused: [string, unknown, string, string][] = [
    ["unknown operator", rule("year", "matches", "x"), "convert/unknown-operator", "rules[0].operator"],
    ["xor combinator", { combinator: "xor", rules: [{ field: "year", operator: "=", value: 1 }] }, "convert/unsupported", "combinator"],
    ["between with one value", rule("year", "between", "1"), "convert/bad-value", "rules[0].value"],
    ["a value that is not a number for an Int field", rule("year", "=", "nineteen"), "convert/refused", "rules[0].value"],
    ["beginsWith with a number", rule("title", "beginsWith", 3), "convert/bad-value", "rules[0].value"],
    ["valueSource field with contains", rule("title", "contains", "x", { valueSource: "field" }), "convert/unsupported", "rules[0].valueSource"],
    ["no enabled rule", { combinator: "and", rules: [] }, "convert/bad-shape", ""],
    ["independent list ending in a combinator", { rules: [{ field: "year", operator: "=", value: 1 }, "and"] }, "convert/bad-shape", "rules"],
    ["a field that is not a string", rule(3 as never, "=", 1), "convert/bad-key", "rules[0].field"],
    ["not a group", "year = 1", "convert/bad-shape", ""],
  ];
  it.each(refused)("refuses %s", (_, input, code, path) => {
    const e = refusal(() => fromRuleGroup(input as never, opts));
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
  });
});
