/**
 * A prototype-polluted host (issue 11, item 12): with `Array.prototype[0]` or `Object.prototype`
 * keys such as `kind`, `type`, `0`, `length`, `image` set, parse, check, print and the evaluator
 * give exactly the answers they give on a clean host, and never throw.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { check } from "../../src/check/index.js";
import { print } from "../../src/backends/print/index.js";
import { compileFilter } from "../../src/backends/eval/index.js";
import { CASES } from "../conformance/corpus.js";
import { BOOKS } from "./helpers.js";

const EXTRA = [
  "",
  "a ==",
  "(((",
  "id in [1, 2, 3] and title like \"a%\"",
  "not a == 1",
  "meta[\"k\"][0] == 1 or tags[0] == \"x\"",
  "year > 1 and year < 5 and price + 1.5 <= 2",
  "array_contains_any(tags, [\"a\", \"b\"]) and exists meta[\"k\"]",
  "1 < year < 5 or title is null",
  "\"unterminated",
  "a == 1 b == 2",
  "year == {p} and title != 'x'",
  "ÿ == 1",
];
const FILTERS = [...new Set([...EXTRA, ...CASES.map((c) => c.expr).filter((e) => e.length < 400)])];
const ROW = { id: 1n, title: "ab", year: 3, price: 0.25, tags: ["a", "x"], meta: { k: [1] }, active: true, nums: [1n] };

/** Everything a user sees from one filter, as plain JSON. */
function answers(text: string): string {
  const parsed = parse(text);
  const checked = check(parsed, { schema: BOOKS, purpose: "delete", target: "3.0" });
  let printed = "";
  let evaluated: unknown = "not compiled";
  if (parsed.ast) {
    printed = print(parsed.ast);
    // A fixed sampler: random_sample must not make the two runs differ.
    const compiled = compileFilter(parsed.ast, { schema: BOOKS, source: parsed.source, random: () => 0.5 });
    evaluated = compiled.ok ? compiled.evaluate(ROW) : compiled.diagnostics.map((d) => d.code);
  }
  return JSON.stringify({ diagnostics: checked.diagnostics.map((d) => [d.code, d.message, d.span]), printed, evaluated }, (_, v: unknown) =>
    typeof v === "bigint" ? `${v}n` : v,
  );
}

const POLLUTIONS: Record<string, [object, PropertyKey][]> = {
  "Array.prototype[0] and [1]": [
    [Array.prototype, 0],
    [Array.prototype, 1],
  ],
  "Object.prototype keys": ["kind", "type", "0", "length", "image", "tokenType", "startOffset"].map(
    (k): [object, PropertyKey] => [Object.prototype, k],
  ),
};

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("a prototype-polluted host", () => {
  for (const [name, keys] of Object.entries(POLLUTIONS)) {
    it(`gives the clean answers with ${name} set`, () => {
      const expected = FILTERS.map(answers);
      const pollute = (): void => {
        for (const [target, key] of keys) (target as Record<PropertyKey, unknown>)[key] = "polluted";
      };
      cleanup = () => {
        for (const [target, key] of keys) delete (target as Record<PropertyKey, unknown>)[key];
      };
      const actual: string[] = [];
      pollute();
      try {
        for (const f of FILTERS) actual.push(answers(f));
      } finally {
        cleanup();
      }
      for (let i = 0; i < FILTERS.length; i++) expect(actual[i], FILTERS[i]).toBe(expected[i]);
    });
  }

  it("builds the parser on a polluted host (first parse after the pollution)", async () => {
    const keys: [object, PropertyKey][] = [...POLLUTIONS["Array.prototype[0] and [1]"]!, ...POLLUTIONS["Object.prototype keys"]!];
    cleanup = () => {
      for (const [target, key] of keys) delete (target as Record<PropertyKey, unknown>)[key];
    };
    vi.resetModules();
    for (const [target, key] of keys) (target as Record<PropertyKey, unknown>)[key] = "polluted";
    let printed: string;
    try {
      const fresh = await import("../../src/syntax/parse.js");
      const r = fresh.parse("a == 1 and (b in [1, 2] or not c)");
      expect(r.diagnostics).toEqual([]);
      printed = JSON.stringify(r.ast?.kind);
    } finally {
      cleanup();
    }
    expect(printed).toBe('"And"');
  });
});
