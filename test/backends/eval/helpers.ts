import { expect } from "vitest";
import { loadSchema, type CollectionSchema } from "../../../src/schema/index.js";
import { compileFilterText, type CompiledFilter, type TemplateParams } from "../../../src/backends/eval/index.js";
import { parseJson } from "../../../src/util/json.js";

export function schemaOf(fields: Record<string, string>, extra: { dynamic?: boolean; structs?: Record<string, unknown> } = {}): CollectionSchema {
  const r = loadSchema({ dynamic: extra.dynamic ?? true, fields, ...(extra.structs ? { structs: extra.structs } : {}) });
  if (!r.schema || r.issues.length > 0) throw new Error(JSON.stringify(r.issues));
  return r.schema;
}

/** The schema most semantic tests use. */
export const S = schemaOf(
  {
    id: "Int64 primary",
    age: "Int64 nullable",
    n32: "Int32 nullable",
    n8: "Int8 nullable",
    f: "Float nullable",
    d: "Double nullable",
    name: "VarChar(100) nullable",
    ok: "Bool nullable",
    nums: "Array<Int64> nullable",
    fl: "Array<Float>",
    tags: "Array<VarChar(16)> nullable",
    meta: "JSON nullable",
    doc: "JSON",
    geo: "Geometry nullable",
    ts: "Timestamptz nullable",
    body: "VarChar(1000) match",
    vec: "FloatVector(4)",
  },
  { structs: { clips: { fields: { label: "VarChar(32)", n: "Int32" } } } },
);

export function compile(filter: string, opts: { schema?: CollectionSchema; params?: TemplateParams; random?: () => number; target?: string } = {}): CompiledFilter {
  const c = compileFilterText(filter, {
    schema: opts.schema ?? S,
    ...(opts.params ? { params: opts.params } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.target ? { target: opts.target } : {}),
  });
  if (!c.ok) throw new Error(`${filter}: ${c.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return c;
}

/** Evaluate `filter` on each row (rows given as JSON text are read losslessly, floats tagged). */
export function ev(filter: string, rows: readonly (Record<string, unknown> | string)[], opts: Parameters<typeof compile>[1] = {}): (boolean | null)[] {
  const c = compile(filter, opts);
  return rows.map((r) => c.evaluate(typeof r === "string" ? row(r) : r));
}

export function row(json: string): Record<string, unknown> {
  const r = parseJson(json, { floats: "tagged" });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Record<string, unknown>;
}

/** The diagnostics codes of a filter that must not compile. */
export function problems(filter: string, opts: { schema?: CollectionSchema; params?: TemplateParams } = {}): string[] {
  const c = compileFilterText(filter, { schema: opts.schema ?? S, ...(opts.params ? { params: opts.params } : {}) });
  expect(c.ok, `${filter} should not compile`).toBe(false);
  expect(() => c.evaluate({})).toThrow();
  return c.diagnostics.map((d) => d.code);
}

/** `ev` on the 2.6 line's semantics. */
export const ev26 = (filter: string, rows: readonly (Record<string, unknown> | string)[], opts: Parameters<typeof compile>[1] = {}): (boolean | null)[] =>
  ev(filter, rows, { ...opts, target: "2.6" });
