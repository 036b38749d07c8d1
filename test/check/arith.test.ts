import { describe, expect, it } from "vitest";
import { verdict } from "./helpers.js";

describe("arithmetic on fields", () => {
  it.each([
    ["year + 1 == 2", "ok"],
    ["year * 2 > 10", "ok"],
    ["2 + year == 3", "ok"],
    ["2 - year == 3", "type/reversed-arith"],
    ["year + 1.5 == 2", "type/arith"],
    ["price + 1 == 2.5", "ok"],
    ["year + 6 == 12.5", "type/cast"],
    ["price % 2 == 1", "type/modulo"],
    ["year % 2 == 1", "ok"],
    ["year / 0 == 1", "type/division-by-zero"],
    ["year + small == 3", "type/arith-fields"],
    ["year + price == 3", "type/arith"],
    ["(year + 1) * 2 == 3", "type/complicated-arith"],
    ["(year + 2) + 3 == 5", "ok"],
    ["(price + 2) + 3 == 5", "type/complicated-arith"],
    ["year ** 2 == 4", "type/power"],
    ["(year & 4) == 4", "ok"],
    ["(price & 4) == 4", "type/bitwise"],
    ["(year << 2) == 8", "ok"],
    ["(year << 64) == 8", "type/shift"],
    ["1 << 2 == 4", "type/shift"],
    ["year + 1", "type/not-boolean"],
    ["tags + 1 == 2", "type/array-compare"],
    ["nums[0] + 1 == 2", "ok"],
    ["meta['a'] + 1 == 2", "ok"],
    ["plain + 1 == 2", "type/arith"],
    ["-year > 1", "type/unary"],
    ["array_length(tags) == 2", "ok"],
    ["array_length(tags) == 2.5", "type/cast"],
    ["array_length(tags) + 1 == 2", "type/complicated-arith"],
  ])("%s → %s", (text, want) => {
    expect(verdict(text)).toBe(want);
  });
});
