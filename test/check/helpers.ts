/** Shared fixtures for the checker tests: a compact schema and a one-call check. */
import { loadSchema, type CollectionSchema } from "../../src/schema/index.js";
import { parse } from "../../src/syntax/parse.js";
import { check, templateValuesFromJson, type CheckOptions, type CheckResult } from "../../src/check/index.js";
import { parseJson } from "../../src/util/json.js";

export function compact(def: unknown): CollectionSchema {
  const r = loadSchema(def);
  if (!r.schema || r.issues.length > 0) throw new Error(JSON.stringify(r.issues));
  return r.schema;
}

export const BOOKS = compact({
  name: "books",
  dynamic: true,
  fields: {
    id: "Int64 primary auto",
    title: "VarChar(512) nullable match",
    body: "Text match",
    plain: "VarChar(64)",
    year: "Int32",
    small: "Int8",
    price: "Double",
    score: "Float",
    active: "Bool",
    tags: "Array<VarChar(64), 16>",
    nums: "Array<Int64, 16>",
    meta: "JSON",
    geo: "Geometry",
    ts: "Timestamptz",
    day: "Date",
    at: "Time",
    cost: "Decimal(10, 2)",
    vec: "FloatVector(8)",
  },
  structs: { clips: { nullable: true, fields: { label: "VarChar(32)", n: "Int32" } } },
});

export const STRICT = compact({ name: "strict", dynamic: false, fields: { pk: "VarChar(64) primary", n: "Int64 nullable", j: "JSON" } });

export interface Opts extends Partial<Omit<CheckOptions, "params">> {
  params?: string | CheckOptions["params"];
}

/** Check `text` against BOOKS (query purpose, target 3.0) unless told otherwise. */
export function run(text: string, o: Opts = {}): CheckResult {
  let params = o.params;
  if (typeof params === "string") {
    const j = parseJson(params, { floats: "tagged" });
    if (!j.ok) throw new Error(j.error.message);
    const t = templateValuesFromJson(j.value);
    if (!t.ok) throw new Error(t.error);
    params = t.values;
  }
  const opts: CheckOptions = { schema: "schema" in o ? o.schema : BOOKS, purpose: o.purpose ?? "query", target: o.target ?? "3.0" };
  if (params !== undefined) opts.params = params;
  if (o.maxExpressionDepth !== undefined) opts.maxExpressionDepth = o.maxExpressionDepth;
  return check(parse(text), opts);
}

export const errors = (r: CheckResult): string[] => r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
export const codes = (r: CheckResult): string[] => r.diagnostics.map((d) => d.code);
/** Every error code, comma-separated ("ok" when there is none): a test pins all of them, not just the first. */
export const verdict = (text: string, o: Opts = {}): string => errors(run(text, o)).join(",") || "ok";
