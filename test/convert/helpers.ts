/** Shared fixtures for the converter tests. */
import { expect } from "vitest";
import { loadSchema, type CollectionSchema } from "../../src/schema/index.js";
import { parse } from "../../src/syntax/parse.js";
import { sameTree } from "../../src/builder/same.js";
import { ConvertError } from "../../src/convert/index.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import type { Filter } from "../../src/builder/filter.js";

function load(spec: unknown): CollectionSchema {
  const { schema, issues } = loadSchema(spec);
  if (!schema || issues.length > 0) throw new Error(JSON.stringify(issues));
  return schema;
}

/** Scalar fields, an Array field, a JSON field, and the dynamic field. */
export const books = load({
  name: "books",
  dynamic: true,
  fields: {
    id: "Int64 primary",
    title: "VarChar(512)",
    year: "Int32",
    price: "Double nullable",
    tags: "Array<VarChar>",
    ratings: "Array<Int64>",
    metadata: "JSON",
    tenant: "VarChar(64)",
    vec: "FloatVector(4)",
  },
});

/** Same without a dynamic field. */
export const strict = load({ name: "strict", fields: { id: "Int64 primary", title: "VarChar(64)", metadata: "JSON" } });

/** The filter's text, after checking that it is exactly what the tree says. */
export function textOf(f: Filter): string {
  const again = parse(f.text);
  expect(again.ast).not.toBeNull();
  expect(sameTree(again.ast, f.ast)).toBe(true);
  expect(Object.isFrozen(f)).toBe(true);
  return f.text;
}

/** Runs `fn`, expecting a ConvertError; returns it. */
export function refusal(fn: () => unknown): ConvertError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConvertError);
    return e as ConvertError;
  }
  throw new Error("expected a ConvertError, but the conversion succeeded");
}

/** Rows of `books` for the dynamic key `genre`: lacking it, JSON null, "sf", "x". */
export const GENRE_ROWS: readonly Record<string, unknown>[] = [{ id: 0 }, { id: 1, genre: null }, { id: 2, genre: "sf" }, { id: 3, genre: "x" }];

/** The ids of the rows of `books` that `f` selects on `target` (the evaluator with that line's semantics). */
export function selected(f: Filter, target: string, rows: readonly Record<string, unknown>[] = GENRE_ROWS): unknown[] {
  const run = compileFilter(f.ast, { schema: books, target });
  expect(run.ok, run.diagnostics.map((d) => d.message).join("; ")).toBe(true);
  return rows.filter((r) => run.test(r)).map((r) => r.id);
}
