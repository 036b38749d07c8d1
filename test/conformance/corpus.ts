/** Loads the Milvus conformance corpus losslessly and turns a case into check() inputs. */
import { readFileSync } from "node:fs";
import { parseJson } from "../../src/util/json.js";
import { loadSchema, type CollectionSchema } from "../../src/schema/index.js";
import { templateValuesFromCase, type TemplateValues } from "../../src/check/index.js";

export interface ParamSet {
  params?: Record<string, unknown>;
  paramTypes?: Record<string, string>;
  paramElementTypes?: Record<string, string>;
  missingParams?: string[];
}

export interface Case extends ParamSet {
  id: string;
  expr: string;
  expect: "ok" | "error";
  filterExpect?: "ok" | "error";
  schema: string;
  level?: "filter" | "visitor";
  since: "2.4" | "2.5" | "2.6" | "3.0";
  errorContains?: string;
  errorContainsAny?: string[];
  options?: Record<string, unknown>;
  skip?: string;
  altParams?: ParamSet[];
  note?: string;
  uncertain?: string;
}

const dataDir = new URL("../data/conformance/", import.meta.url);

function readTagged(name: string): unknown {
  const r = parseJson(readFileSync(new URL(name, dataDir), "utf8"), { floats: "tagged" });
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

export const CASES = readTagged("milvus-cases.json") as Case[];
const rawSchemas = JSON.parse(readFileSync(new URL("schemas.json", dataDir), "utf8")) as Record<string, unknown>;
const schemaCache = new Map<string, CollectionSchema>();

export function schemaFor(id: string): CollectionSchema {
  let s = schemaCache.get(id);
  if (!s) {
    const r = loadSchema(rawSchemas[id]);
    if (!r.schema || r.issues.length > 0) throw new Error(`schema ${id}: ${JSON.stringify(r.issues)}`);
    s = r.schema;
    schemaCache.set(id, s);
  }
  return s;
}

/** Template values of one parameter set; Go always fills, so no params means an empty map. */
export function paramsOf(set: ParamSet): TemplateValues {
  if (!set.params) return new Map();
  const r = templateValuesFromCase(set.params, set.paramTypes ?? {}, set.paramElementTypes ?? {});
  if (!r.ok) throw new Error(`params: ${r.error} at ${r.path}`);
  return r.values;
}

export const expected = (c: Case): "ok" | "error" => (c.level === "visitor" ? (c.filterExpect ?? "error") : c.expect);

export function maxDepthOf(c: Case): number | undefined {
  const v = c.options?.["proxy.maxExpressionDepth"];
  return typeof v === "number" ? v : undefined;
}

/** Corpus-skipped cases whose reason this runner can satisfy (the nesting-depth option is supported). */
export function satisfiable(c: Case): boolean {
  return c.skip !== undefined && maxDepthOf(c) !== undefined && Object.keys(c.options ?? {}).length === 1;
}
