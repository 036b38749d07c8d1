/** guard(): the shape it builds, the limits it enforces, and its refusals. */
import { describe, expect, it } from "vitest";
import { filter } from "../../src/builder/filter.js";
import { guard, GuardError, GUARD_OPERATORS, operatorOf, provesRequired } from "../../src/guard/index.js";
import { parse } from "../../src/syntax/parse.js";
import { walk } from "../../src/syntax/walk.js";
import { books } from "../convert/helpers.js";

const tenant = filter`tenant == ${"acme"}`;

function refusedWith(fn: () => unknown): GuardError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GuardError);
    return e as GuardError;
  }
  throw new Error("expected a GuardError");
}

describe("guard", () => {
  it("returns required and (user), parenthesising a user or", () => {
    expect(guard("year > 2000 or title == 'x'", { require: tenant }).text).toBe('tenant == "acme" and (year > 2000 or title == "x")');
    expect(guard("year > 2000 and year < 2010", { require: tenant }).text).toBe('tenant == "acme" and year > 2000 and year < 2010');
  });

  it("the classic attacks stay inside the parentheses or do not parse", () => {
    expect(guard('true or tenant == "other"', { require: tenant }).text).toBe('tenant == "acme" and (true or tenant == "other")');
    expect(refusedWith(() => guard('x == 1) or (tenant != "acme"', { require: tenant })).code).toBe("guard/syntax");
    // one string literal, which is not a condition
    expect(refusedWith(() => guard('") or true or ("', { require: tenant })).code).toBe("guard/refused");
    expect(refusedWith(() => guard("", { require: tenant })).code).toBe("guard/empty");
  });

  it("limits fields, operators and size", () => {
    const opts = { require: tenant, allowFields: ["year", "metadata"], allowOps: ["and", "or", "==", ">", "in"] };
    expect(guard('year in [1, 2] or metadata["k"] == 1', opts).text).toBe('tenant == "acme" and (year in [1, 2] or metadata["k"] == 1)');
    expect(refusedWith(() => guard('tenant == "other"', opts)).code).toBe("guard/field");
    expect(refusedWith(() => guard("year < 1", opts)).code).toBe("guard/operator");
    expect(refusedWith(() => guard("not (year == 1)", opts)).code).toBe("guard/operator");
    expect(refusedWith(() => guard("year == 1 or year == 2 or year == 3", { require: tenant, maxTerms: 5 })).code).toBe("guard/too-large");
    expect(refusedWith(() => guard("year == {y}", { require: tenant })).code).toBe("guard/template");
    expect(guard("array_contains(tags, 'a')", { require: tenant, allowOps: ["array_contains"] }).text).toBe('tenant == "acme" and array_contains(tags, "a")');
  });

  it("checks the result against the schema and purpose", () => {
    expect(refusedWith(() => guard("year > 1.5", { require: tenant, schema: books })).code).toBe("guard/refused");
    expect(refusedWith(() => guard("year", { require: tenant, schema: books })).code).toBe("guard/refused");
    expect(guard("year > 1", { require: tenant, schema: books, purpose: "delete" }).text).toBe('tenant == "acme" and year > 1');
  });

  it("keeps a compound required condition, and params values, inline", () => {
    const req = filter.params`tenant == ${"acme"} and year > ${2000}`;
    const f = guard("price < 10 or price > 100", { require: req });
    expect(f.text).toBe('tenant == "acme" and year > 2000 and (price < 10 or price > 100)');
    expect(provesRequired(f.ast, req)).toBe(true);
  });

  it("answers inputs past the length limit with guard/too-large; a long one below it is a filter", () => {
    expect(guard(`year == "${"x".repeat(8 * 1024 * 1024)}"`, { require: tenant }).text.length).toBeGreaterThan(8 * 1024 * 1024);
    expect(refusedWith(() => guard(`a == "${"x".repeat(17 * 1024 * 1024)}"`, { require: tenant })).code).toBe("guard/too-large");
  });

  it("refuses bad options", () => {
    expect(refusedWith(() => guard("a == 1", { require: 'tenant == "acme"' as never })).code).toBe("guard/bad-options");
    expect(refusedWith(() => guard("a == 1", { require: tenant, allowOps: ["equals"] })).code).toBe("guard/bad-options");
    expect(refusedWith(() => guard("a == 1", { require: tenant, maxTerms: 0 })).code).toBe("guard/bad-options");
    expect(refusedWith(() => guard(3 as never, { require: tenant })).code).toBe("guard/syntax");
  });

  it("names an operator for every operator node the parser makes", () => {
    const sample =
      'a == 1 and b != 2 and c < 3 and d <= 4 and e > 5 and f >= 6 and 1 < g < 3 and h in [1] and i not in [2] and j like "x%" and k =~ "x" and l !~ "y" and m is null and n is not null and exists o["p"] and q + 1 > 2 and json_contains(r, 1) and json_contains_all(s, [1]) and json_contains_any(t, [1]) and array_length(u) == 1 and text_match(v, "w") and not (x or y) and -z > 1';
    const seen = new Set<string>();
    for (const n of walk(parse(sample).ast!)) {
      const op = operatorOf(n);
      if (op !== undefined) seen.add(op);
    }
    for (const op of seen) expect(GUARD_OPERATORS as readonly string[]).toContain(op);
    expect(seen.size).toBeGreaterThanOrEqual(20);
  });
});
