import { describe, expect, it } from "vitest";
import { codes, verdict, run } from "./helpers.js";

describe("literals and constant folding", () => {
  it.each([
    ["id > -9223372036854775808", "ok"],
    ["id > 9223372036854775807", "ok"],
    ["id > 9223372036854775808", "type/int-overflow"],
    ["id > -9223372036854775809", "type/int-overflow"],
    ['plain == "a\\qb"', "type/invalid-string"],
    ['plain == "\\x41"', "ok"],
    ["1 + 2 == 3", "ok"],
    ["1 + 2", "type/not-boolean"],
    ['"a" + 1 == 2', "type/constant-arith"],
    ["1 / 0 == 1", "type/division-by-zero"],
    ["1.5 % 2 == 1", "type/constant-arith"],
    ['1 < "a"', "type/constant-comparison"],
    ["true == 1", "type/constant-comparison"],
    ["~1 == 1", "type/unary"],
    ["-true == 1", "type/unary"],
    ["2 ** 3 == 8", "ok"],
    ["year + (2 ** 3) > 0", "ok"],
    ["year + (2 ** -1) > 0", "type/arith"],
    ["9223372036854775807 + 1 < 0", "ok"],
  ])("%s → %s", (text, want) => {
    expect(verdict(text)).toBe(want);
  });

  it("works without a schema for schema-free rules", () => {
    expect(verdict("1 + 2", { schema: undefined })).toBe("type/not-boolean");
    expect(verdict("anything > 1 and other like 'x%'", { schema: undefined })).toBe("ok");
    expect(verdict('x == "\\q"', { schema: undefined })).toBe("type/invalid-string");
  });

  it("warns about octal-looking literals and invalid UTF-8", () => {
    expect(codes(run("year == 010"))).toContain("lint/octal-literal");
    expect(codes(run('plain == "\\xff"'))).toContain("lint/invalid-utf8");
    expect(codes(run("year == 10"))).not.toContain("lint/octal-literal");
  });
});
