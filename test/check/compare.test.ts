import { describe, expect, it } from "vitest";
import { run, verdict } from "./helpers.js";

describe("comparisons and ranges", () => {
  it.each([
    ["year == 2", "ok"],
    ["year == 2.5", "type/cast"],
    ["price == 2", "ok"],
    ['plain == 1', "type/incomparable"],
    ['"plain" > 500', "type/constant-comparison"],
    ["plain > year", "type/incomparable"],
    ["year > price", "ok"],
    ["meta['a'] > meta['b']", "type/json-column-comparison"],
    ["year > undefined_key", "type/json-column-comparison"],
    ["tags == ['a']", "ok"],
    ["tags > ['a']", "type/array-compare"],
    ["tags[0] == 'a'", "ok"],
    ["tags[0] == 1", "type/incomparable"],
    ["nums == [1, 2]", "ok"],
    ["(year > 1) == true", "type/column-comparison"],
    ["geo == 'POINT(0 0)'", "type/incomparable"],
    ["ts > 5", "type/incomparable"],
    ["active == true", "ok"],
    ["day > '2024-06-22'", "ok"],
    ["day > '13:45:30'", "type/cast"],
    ["at <= '24:00:00'", "ok"],
    ["cost == 19.99", "ok"],
    ["cost == 1.123", "type/cast"],
    ["cost == 1e5", "type/cast"],
    ["1 < year < 5", "ok"],
    ["5 < year < 1", "type/range-order"],
    ["2 <= year <= 2", "ok"],
    ["2 < year <= 2", "type/range-order"],
    ["1.5 < year < 3", "type/range-cast"],
    ["year < price < 3", "type/range-bound"],
    ["1 < active < 3", "type/range-cast"],
    ["1 < meta['a'] < 'z'", "type/range-cast"],
    ["'a' < plain < 'b'", "ok"],
    ["1 < tags < 3", "type/array-compare"],
  ])("%s → %s", (text, want) => {
    expect(verdict(text)).toBe(want);
  });

  it("explains the `not a == b` precedence trap", () => {
    const r = run("not year == 1");
    const d = r.diagnostics.find((x) => x.code === "type/not-operand");
    expect(d?.message).toContain("'not' binds tighter than '=='");
    expect(d?.hint).toBe("write not (year == 1)");
    expect(verdict("not (year == 1)")).toBe("ok");
  });

  it("names both operands of the trap when the operator touches them (`not a==1`)", () => {
    for (const [text, message, hint] of [
      ["not year==1", "this reads as (not year) == 1,", "write not (year == 1)"],
      ["!year>=2.5 and active", "this reads as (not year) >= 2.5,", "write not (year >= 2.5)"],
      ["not year  <  price", "this reads as (not year) < price,", "write not (year < price)"],
    ] as const) {
      const d = run(text).diagnostics.find((x) => x.code === "type/not-operand");
      expect(d?.message, text).toContain(message);
      expect(d?.hint, text).toBe(hint);
    }
  });

  it("needs the whole filter to be a predicate", () => {
    expect(verdict("year")).toBe("type/not-boolean");
    const r = run("active");
    expect(r.diagnostics[0]?.message).toContain("predicate is not a boolean expression");
    expect(r.diagnostics[0]?.hint).toContain("active == true");
  });
});
