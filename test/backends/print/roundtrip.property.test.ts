/**
 * Round-trip properties on trees generated from a model of the grammar (arbitrary.ts):
 * printing and re-parsing gives the same tree, and the canonical text is a fixed point.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { print } from "../../../src/backends/print/print.js";
import { anyExpr } from "./arbitrary.js";
import { parseOk, stripPositions } from "./helpers.js";

const RUNS = Number(process.env.FC_RUNS ?? 2000);

describe("print ∘ parse on generated trees", () => {
  it("parse(print(ast)) equals ast, ignoring ids and spans", () => {
    fc.assert(
      fc.property(anyExpr, (ast) => {
        const text = print(ast);
        expect(stripPositions(parseOk(text)), text).toEqual(stripPositions(ast));
      }),
      { numRuns: RUNS },
    );
  });

  it("print(parse(print(ast))) === print(ast)", () => {
    fc.assert(
      fc.property(anyExpr, (ast) => {
        const text = print(ast);
        expect(print(parseOk(text))).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});
