/**
 * Issue 4: a filter and its canonical reprint select the same rows. Random evaluable filters
 * (the evaluator's generator, valid for its schema) × random rows with NULLs, missing JSON keys,
 * int64 edges and prototype-named keys: `evaluate(ast)` and `evaluate(parse(print(ast)))` agree on
 * every row, with and without the optional rewrites (sorted lists, flattened and/or).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "../../../src/syntax/parse.js";
import { print } from "../../../src/backends/print/index.js";
import { compileFilter } from "../../../src/backends/eval/index.js";
import { arbFilter, arbRow, PARAMS, SCHEMA } from "../eval/gen.js";

describe("print preserves what a filter selects", () => {
  it.each([
    ["canonical", {}],
    ["with sortLists and flatten", { sortLists: true, flatten: true }],
  ] as const)("%s", (_name, options) => {
    let compared = 0;
    fc.assert(
      fc.property(arbFilter, fc.array(arbRow, { minLength: 1, maxLength: 10 }), (text, rows) => {
        // random_sample draws from a sampler; two compilations would draw differently.
        if (text.includes("random_sample")) return;
        const original = parse(text);
        expect(original.ast, text).not.toBeNull();
        const reprinted = print(original.ast!, options);
        const again = parse(reprinted);
        expect(again.diagnostics, `${text}\n=> ${reprinted}`).toEqual([]);
        const a = compileFilter(original.ast!, { schema: SCHEMA, params: PARAMS });
        const b = compileFilter(again.ast!, { schema: SCHEMA, params: PARAMS });
        expect(b.ok, reprinted).toBe(a.ok);
        if (!a.ok) return;
        compared++;
        for (const row of rows) expect(b.evaluate(row), `${text}\n=> ${reprinted}`).toBe(a.evaluate(row));
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
