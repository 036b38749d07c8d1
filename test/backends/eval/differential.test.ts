/**
 * Differential property: on random filters (valid for a schema with nullable scalars, Int64,
 * Float, Double, VarChar, Bool, Array<Int64>, Array<VarChar>, JSON, a struct array and the dynamic
 * field) × random rows (NULLs, missing keys, int64 edges, empty arrays, prototype-named keys), the
 * compiled evaluator and the independent reference interpreter agree on every row.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "../../../src/syntax/parse.js";
import { check } from "../../../src/check/index.js";
import type { Target } from "../../../src/check/types.js";
import { compileFilter } from "../../../src/backends/eval/index.js";
import { Reference, RefUnsupported } from "./reference.js";
import { arbFilter, arbRow, PARAMS, SCHEMA, seeded } from "./gen.js";

const RUNS = Number(process.env.EVAL_FC_RUNS ?? 400);

/** Each semantics profile, by a target that selects it. */
const PROFILES = [
  { profile: "2.6", target: "2.6" },
  { profile: "master", target: "3.0" },
] as const;

describe.each(PROFILES)("compiled evaluator ≡ reference interpreter, $profile semantics", ({ profile, target }) => {
  it("agrees on random filters × random rows", () => {
    let compiled = 0;
    let rejected = 0;
    fc.assert(
      fc.property(arbFilter, fc.array(arbRow, { minLength: 1, maxLength: 12 }), fc.integer(), (text, rows, seed) => {
        const parsed = parse(text);
        if (parsed.ast === null) throw new Error(`generator produced an unparsable filter: ${text}\n${parsed.diagnostics.map((d) => d.message).join("\n")}`);
        const c = compileFilter(parsed.ast, { schema: SCHEMA, params: PARAMS, random: seeded(seed), source: parsed.source, target });
        if (!c.ok) {
          rejected++;
          // Everything the generator makes is meant to be evaluable; only documented refusals may appear.
          for (const d of c.diagnostics) expect(d.code, `${text}: ${d.message}`).toBe("eval/unsupported");
          return;
        }
        compiled++;
        // A second instance with its own sampler of the same seed checks test() (each call samples once).
        const c2 = compileFilter(parsed.ast, { schema: SCHEMA, params: PARAMS, random: seeded(seed), source: parsed.source, target });
        const ref = new Reference({ schema: SCHEMA, params: PARAMS as Record<string, unknown>, random: seeded(seed), profile }, parsed.ast);
        for (const row of rows) {
          let want: boolean | null;
          try {
            want = ref.evaluate(row);
          } catch (e) {
            if (e instanceof RefUnsupported) throw new Error(`reference cannot evaluate ${text}: ${e.message}`);
            throw e;
          }
          const got = c.evaluate(row);
          if (got !== want) {
            throw new Error(`filter ${text}\nrow ${show(row)}\ncompiled ${got}, reference ${want}`);
          }
          expect(c2.test(row)).toBe(want === true);
          if (!text.includes("random_sample")) {
            // The checked path (rows with another prototype) gives the same answers as the fast one.
            const foreign = Object.create({ inherited: 1, i64: 5, s: "red", j: {} }) as Record<string, unknown>;
            for (const k of Object.getOwnPropertyNames(row)) Object.defineProperty(foreign, k, { value: row[k], enumerable: true });
            expect(c.evaluate(foreign), `${text} on a row with a foreign prototype`).toBe(want);
            expect(c.test(foreign), `${text}: test() on a row with a foreign prototype`).toBe(want === true);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must mostly produce filters the evaluator accepts. Unseeded runs reject about
    // 3-5% (the same filters on the old and new evaluator), so the bound leaves room for that spread.
    expect(rejected).toBeLessThan((compiled + rejected) * 0.1 + 1);
  });

  it("compiling the checked tree (its folded constants) gives the same answers", () => {
    let compared = 0;
    fc.assert(
      fc.property(arbFilter.filter((t) => !t.includes("random_sample")), fc.array(arbRow, { minLength: 1, maxLength: 6 }), (text, rows) => {
        const parsed = parse(text);
        if (parsed.ast === null) return;
        const checked = check(parsed, { schema: SCHEMA, target: target as Target, purpose: "query" });
        const fromAst = compileFilter(parsed.ast, { schema: SCHEMA, params: PARAMS, source: parsed.source, target });
        const fromChecked = compileFilter(checked, { schema: SCHEMA, params: PARAMS, target });
        if (!fromAst.ok || !fromChecked.ok) return;
        compared++;
        for (const row of rows) expect(fromChecked.evaluate(row), `${text} on ${show(row)}`).toBe(fromAst.evaluate(row));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
    expect(compared).toBeGreaterThan(RUNS / 8);
  });

  it("explain agrees with evaluate", () => {
    fc.assert(
      fc.property(arbFilter.filter((t) => !t.includes("random_sample")), arbRow, (text, row) => {
        const parsed = parse(text);
        if (parsed.ast === null) return;
        const c = compileFilter(parsed.ast, { schema: SCHEMA, params: PARAMS, source: parsed.source, target });
        if (!c.ok) return;
        expect(c.explain(row).value).toBe(c.evaluate(row));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

function show(row: Record<string, unknown>): string {
  const walk = (v: unknown): unknown => {
    if (typeof v === "bigint") return `${v}n`;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      if ("raw" in v && "kind" in v) return `JsonFloat(${(v as { raw: string }).raw})`;
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v)) o[k === "__proto__" ? "[__proto__]" : k] = walk((v as Record<string, unknown>)[k]);
      return o;
    }
    return v;
  };
  return JSON.stringify(walk(row));
}
