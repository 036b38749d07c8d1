/**
 * One semantic model (issue 14, "no second resolver or folder"): the evaluator plans from the
 * checker's CheckedTree and nothing else. Each test changes one answer of the checker — where a
 * reference resolved to, what a constant was cast to, what an expression folded to — and shows
 * that the compiled filter follows the changed answer, which it could not do if it resolved,
 * cast or folded anything itself. The last test shows it asks the schema nothing while planning.
 */
import { describe, expect, it, vi } from "vitest";
import { parse } from "../../../src/syntax/parse.js";
import { walk } from "../../../src/syntax/walk.js";
import type * as A from "../../../src/syntax/ast.js";
import { check } from "../../../src/check/index.js";
import type { CastResult, CheckedTree, CheckResult, ColumnInfo, ExprType } from "../../../src/check/types.js";
import { compileFilter } from "../../../src/backends/eval/index.js";
import { CollectionSchema } from "../../../src/schema/index.js";
import { S, schemaOf } from "./helpers.js";

const checked = (text: string, schema = S): CheckResult => {
  const r = check(parse(text), { schema, purpose: "query", target: "3.0" });
  expect(r.ok, r.diagnostics.map((d) => d.message).join("; ")).toBe(true);
  return r;
};

const nodeOf = (r: CheckResult, pick: (n: A.Root) => boolean): A.Root => [...walk(r.ast!)].find(pick)!;

/** `r` with some of its tree's maps replaced. */
function withTree(r: CheckResult, change: Partial<Pick<CheckedTree, "references" | "casts" | "types">>): CheckResult {
  return { ...r, tree: { ...r.tree!, ...change } };
}

describe("the evaluator plans from the checker's answers", () => {
  it("reads the column the checker resolved a name to", () => {
    const r = checked('color == "red"'); // color: not a field, so the dynamic key $meta["color"]
    const color = nodeOf(r, (n) => n.kind === "Identifier");
    expect(r.tree!.references.get(color.id)?.access).toEqual({ kind: "dynamic", path: ["color"], topLevel: true });
    expect(compileFilter(r, { schema: S }).evaluate({ id: 1, color: "red" })).toBe(true);

    // The checker's answer for `name` (a VarChar field), put where `color` resolved.
    const other = checked('name == "x"');
    const name = other.tree!.references.get(nodeOf(other, (n) => n.kind === "Identifier").id)!;
    const references = new Map<number, ColumnInfo>(r.tree!.references);
    references.set(color.id, name);
    const f = compileFilter(withTree(r, { references }), { schema: S });
    expect(f.evaluate({ id: 1, name: "red" })).toBe(true);
    expect(f.evaluate({ id: 1, color: "red" })).toBe(null); // name is NULL there: the dynamic key is not read
  });

  it("follows the checker's dynamic-key rule: a $meta key naming a field is not read at the top level", () => {
    const f = compileFilter(checked('$meta["age"] == 3'), { schema: S });
    expect(f.evaluate({ id: 1, age: 3 })).toBe(null); // age is a field: only $meta.age counts (UNKNOWN on master)
    expect(f.evaluate({ id: 1, $meta: { age: 3 } })).toBe(true);
    const g = compileFilter(checked('$meta["shade"] == 3'), { schema: S });
    expect(g.evaluate({ id: 1, shade: 3 })).toBe(true); // shade is no field: a top-level key is a dynamic key
  });

  it("compares with the constant as the checker cast it", () => {
    const r = checked("d > 5"); // Double field: the checker casts 5 to the double 5
    const five = nodeOf(r, (n) => n.kind === "Integer");
    expect(r.tree!.casts.get(five.id)).toEqual({ ok: true, value: { t: "float", v: 5 } });
    const casts = new Map<number, CastResult>(r.tree!.casts);
    casts.set(five.id, { ok: true, value: { t: "float", v: 50 } });
    const f = compileFilter(withTree(r, { casts }), { schema: S });
    expect(f.evaluate({ id: 1, d: 7 })).toBe(false);
    expect(f.evaluate({ id: 1, d: 70 })).toBe(true);
    // A refusal from the checker's cast is the evaluator's refusal, with the checker's words.
    casts.set(five.id, { ok: false, message: "the checker says no" });
    const g = compileFilter(withTree(r, { casts }), { schema: S });
    expect(g.ok).toBe(false);
    expect(g.diagnostics.map((d) => [d.code, d.message])).toEqual([["eval/unsupported", "the checker says no"]]);
  });

  it("uses the constant the checker folded", () => {
    const r = checked("age < 2 + 3");
    const sum = nodeOf(r, (n) => n.kind === "AddSub");
    expect(r.types.get(sum.id)?.value).toEqual({ t: "int", v: 5n });
    const types = new Map<number, ExprType>(r.tree!.types);
    types.set(sum.id, { ...types.get(sum.id)!, value: { t: "int", v: 100n } });
    const casts = new Map<number, CastResult>(r.tree!.casts);
    casts.set(sum.id, { ok: true, value: { t: "int", v: 100n } });
    const f = compileFilter(withTree(r, { types, casts }), { schema: S });
    expect(f.evaluate({ id: 1, age: 50 })).toBe(true);
    expect(f.evaluate({ id: 1, age: 4 })).toBe(true);
    expect(f.evaluate({ id: 1, age: 150 })).toBe(false);
  });

  it("plans `column op constant` as the checker shaped it, chain folding included", () => {
    const r = checked("(age + 2) - 1 == 11");
    const outer = nodeOf(r, (n) => n.kind === "AddSub" && n.op === "-");
    const plan = r.tree!.arithmetic.get(outer.id)!;
    expect({ op: plan.op, operand: plan.operand }).toEqual({ op: "+", operand: { ok: true, value: { t: "int", v: 1n } } });
    expect(compileFilter(r, { schema: S }).evaluate({ id: 1, age: 10 })).toBe(true);
  });

  it("walks a CheckResult again for a schema it was not checked with, and for params it was not filled with", () => {
    const bare = check(parse('color == "red" and age > {min}'), { purpose: "query", target: "3.0" });
    expect(bare.ok).toBe(true);
    expect(bare.tree!.schema).toBeUndefined();
    const f = compileFilter(bare, { schema: S, params: { min: 3 } });
    expect(f.ok).toBe(true);
    expect(f.evaluate({ id: 1, age: 4, color: "red" })).toBe(true);
    expect(f.evaluate({ id: 1, age: 2, color: "red" })).toBe(false);
    // Checked with the schema but no values: the values given to compileFilter fill the placeholder.
    expect(compileFilter(checked("age > {min}"), { schema: S, params: { min: 5 } }).evaluate({ id: 1, age: 4 })).toBe(false);
    expect(compileFilter(checked("age > {min}"), { schema: S }).diagnostics.map((d) => d.code)).toEqual(["eval/missing-param"]);
  });

  it("follows the checked target's semantics unless compileFilter names another", () => {
    const r = check(parse('doc["k"] != 1'), { schema: S, purpose: "query", target: "2.6" });
    const missing = { id: 1, doc: {} };
    expect(compileFilter(r, { schema: S }).evaluate(missing)).toBe(true); // 2.6: a missing key is TRUE under !=
    expect(compileFilter(r, { schema: S, target: "3.0" }).evaluate(missing)).toBe(null); // master: UNKNOWN
  });

  it("asks the schema nothing while planning from a CheckResult", () => {
    const schema = schemaOf({ id: "Int64 primary", age: "Int64 nullable", doc: "JSON", tags: "Array<VarChar(8)>" }, { dynamic: true });
    const r = checked('age > 3 and doc["k"] in [1, "a"] and color like "r%" and array_contains(tags, "x") and $meta["z"] == 1', schema);
    // Schemas are frozen: watch the class's lookups instead.
    const field = vi.spyOn(CollectionSchema.prototype, "field");
    const struct = vi.spyOn(CollectionSchema.prototype, "struct");
    try {
      const f = compileFilter(r, { schema });
      expect(f.ok).toBe(true);
      expect(f.evaluate({ id: 1, age: 4, doc: { k: "a" }, color: "red", tags: ["x"], $meta: { z: 1 } })).toBe(true);
      expect(field).not.toHaveBeenCalled();
      expect(struct).not.toHaveBeenCalled();
      // The same filter compiled from its tree alone runs the checker's walk, which does look names up.
      compileFilter(r.ast!, { schema });
      expect(field).toHaveBeenCalled();
    } finally {
      field.mockRestore();
      struct.mockRestore();
    }
  });
});
