/**
 * The guard property: no user input, however crafted, yields a filter whose root is not an `and`
 * with the required conjunct as a direct child, and no accepted input selects a row of another
 * tenant. 10,000+ generated attacks: token soups built from quoting, bracket and keyword
 * fragments, well-formed filters that try to widen the match, and arbitrary strings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filter } from "../../src/builder/filter.js";
import { guard, GuardError } from "../../src/guard/index.js";
import { parse } from "../../src/syntax/parse.js";
import { sameTree } from "../../src/builder/same.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { loadSchema } from "../../src/schema/index.js";

const ATTACKS = Number(process.env.GUARD_ATTACKS ?? 10_000);

const { schema } = loadSchema({ name: "t", dynamic: true, fields: { id: "Int64 primary", tenant: "VarChar(64)", year: "Int32", tags: "Array<VarChar>", meta: "JSON" } });
const required = filter`tenant == ${"acme"}`;
const requiredTree = parse('tenant == "acme"').ast!;

const FRAGMENTS = [
  ")", "(", ") or (", "or", "and", "not", "||", "&&", "!", "true", "false", "1 == 1", '"', "'", "\\", '\\"', '")', "')", "]", "[", "{", "}", "{p0}",
  'tenant == "other"', 'tenant != "acme"', "tenant", "==", "!=", "in", "like", '"%"', "#", "/*", "*/", "--", ";", "\n", "\r", "\0", "year > 1",
  'meta["k"]', "exists", "is null", "element_filter(tags, $ == \"a\")", "random_sample(0.5)", "json_contains(tags, 1)", " ", "中", "😀",
];
const soup = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }).map((xs) => xs.join(" "));
const tight = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(""));
const atom = fc.constantFrom('tenant == "other"', 'tenant != "acme"', "true", "false", "1 == 1", "year > 1", 'tenant like "%"', 'tenant in ["acme", "other"]', "id > 0", 'meta["k"] == 1', "tenant is not null");
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small" },
    { weight: 3, arbitrary: atom },
    { weight: 1, arbitrary: fc.tuple(tie("e"), tie("e")).map(([a, b]) => `${a} or ${b}`) },
    { weight: 1, arbitrary: fc.tuple(tie("e"), tie("e")).map(([a, b]) => `${a} and ${b}`) },
    { weight: 1, arbitrary: tie("e").map((a) => `not (${a})`) },
    { weight: 1, arbitrary: tie("e").map((a) => `(${a})`) },
  ),
})).e;
const attack = fc.oneof(soup, tight, expr, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));

// Rows of another tenant: none may ever be selected.
const others = [
  { id: 1, tenant: "other", year: 2000, tags: ["a"], meta: { k: 1 } },
  { id: 2, tenant: "", year: 0, tags: [], meta: {} },
  { id: 3, tenant: "ACME", year: 5, tags: ["b"], meta: { k: 2 } },
];

describe("guard: property over generated attacks", () => {
  it(`keeps the required conjunct at the root for ${ATTACKS} attacks`, () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(attack, (text) => {
        let f;
        try {
          f = guard(text, { require: required, schema: schema! });
        } catch (e) {
          if (!(e instanceof GuardError)) throw e;
          refused++;
          return;
        }
        accepted++;
        const root = parse(f.text).ast!;
        expect(root.kind).toBe("And");
        const kids = (root as unknown as { operands: unknown[] }).operands;
        expect(kids.some((k) => sameTree(k, requiredTree))).toBe(true);
        const run = compileFilter(f.ast, { schema: schema! });
        if (run.ok) for (const row of others) expect(run.test(row), `${f.text} selected tenant ${row.tenant}`).toBe(false);
      }),
      { numRuns: ATTACKS },
    );
    // Both paths are exercised: many attacks parse (and are confined), many do not.
    expect(accepted).toBeGreaterThan(ATTACKS / 10);
    expect(refused).toBeGreaterThan(ATTACKS / 10);
  });
});
