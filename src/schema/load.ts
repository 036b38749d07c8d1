/**
 * Schema loading: detects the input shape, normalises every field, then assembles an immutable
 * CollectionSchema. Accepted shapes (see docs/schema.md):
 *   1. REST v2 `collections/describe` response `{code, message, data}`;
 *   2. its `data` object alone (`collectionName`, `enableDynamicField`, `fields`, `structFields`);
 *   3. Node SDK `describeCollection` result `{status, schema: {fields, enable_dynamic_field, …}}`
 *      (raw gRPC or SDK-formatted, struct arrays merged into `fields` or not), or its `schema` alone;
 *   4. the compact hand-written form `{name?, dynamic?, fields: {name: "Type modifiers"}, structs?}`.
 * Never throws. `schema` is returned whenever the shape was recognised, leaving out the parts that
 * had issues (best effort); callers should treat any issue as an error.
 */
import { describeValue, issue, joinPath, type SchemaIssue } from "./issues.js";
import { parseJsonText } from "./json.js";
import { checkCall, usageMessage, type UsageProblem } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";
import { isRecord, own, pick, readBoolean } from "./access.js";
import { normalizeField, type FieldDraft, type Flavor } from "./fields.js";
import { CollectionSchema, normalizeDataType, type FieldSchema, type StructSchema } from "./types.js";

export interface LoadSchemaResult {
  schema?: CollectionSchema;
  issues: SchemaIssue[];
}

interface StructDraft {
  name: string;
  nullable: boolean;
  namePath: string;
  subs: FieldDraft[];
}

interface Parts {
  name?: string;
  dynamic: boolean;
  fields: FieldDraft[];
  structs: StructDraft[];
}

/** Parses JSON text (syntax errors carry line/column) and loads the schema it holds. */
export function parseSchemaJson(text: string): LoadSchemaResult {
  const usage = checkCall("parseSchemaJson", SPECS.parseSchemaJson, [text]);
  if (!usage.ok) return usageResult(usage.problem);
  const parsed = parseJsonText(text);
  return parsed.ok ? loadValue(parsed.value) : { issues: [parsed.issue] };
}

/** Loads a schema from a parsed JSON value (a string is parsed as JSON text first). */
export function loadSchema(input: unknown): LoadSchemaResult {
  const usage = checkCall("loadSchema", SPECS.loadSchema, [input]);
  if (!usage.ok) return usageResult(usage.problem);
  return typeof input === "string" ? parseSchemaJson(input) : loadValue(input);
}

const usageResult = (p: UsageProblem): LoadSchemaResult => ({ issues: [{ code: p.code, message: usageMessage(p), path: "" }] });

function loadValue(input: unknown): LoadSchemaResult {
  const issues: SchemaIssue[] = [];
  try {
    const parts = readDocument(input, issues);
    return parts ? { schema: assemble(parts, issues), issues } : { issues };
  } catch (e) {
    issues.push(issue("schema/internal-error", `schema loader failed: ${e instanceof Error ? e.message : String(e)}`, ""));
    return { issues };
  }
}

function readDocument(input: unknown, issues: SchemaIssue[]): Parts | undefined {
  const unrecognized = (): undefined => {
    const msg = `expected a Milvus collection schema (describe response, its data, SDK describeCollection result, or compact form), found ${describeValue(input)}`;
    issues.push(issue("schema/unrecognized-shape", msg, ""));
    return undefined;
  };
  if (!isRecord(input)) return unrecognized();
  const data = own(input, "data");
  const code = own(input, "code");
  if (code !== undefined || (isRecord(data) && own(data, "fields") !== undefined)) {
    if (!responseOk(code, own(input, "message"), issues)) return undefined;
    if (isRecord(data)) return readDescribe(data, "data", "rest", issues);
    issues.push(issue("schema/expected-object", `"data" must be an object, found ${describeValue(data)}`, "data"));
    return undefined;
  }
  const schema = own(input, "schema");
  if (isRecord(schema)) {
    if (!statusOk(own(input, "status"), issues)) return undefined;
    const parts = readDescribe(schema, "schema", "sdk", issues);
    const top = own(input, "collection_name") ?? own(input, "collectionName");
    if (parts.name === undefined && typeof top === "string") parts.name = top;
    return parts;
  }
  const fields = own(input, "fields");
  if (Array.isArray(fields)) {
    const sdk = own(input, "enable_dynamic_field") !== undefined || own(input, "struct_array_fields") !== undefined;
    return readDescribe(input, "", sdk ? "sdk" : "rest", issues);
  }
  if (isRecord(fields)) return readCompact(input, issues);
  return unrecognized();
}

function responseOk(code: unknown, message: unknown, issues: SchemaIssue[]): boolean {
  if (code === undefined) return true;
  const n = typeof code === "string" && /^-?\d+$/.test(code.trim()) ? Number(code) : code;
  if (typeof n !== "number") {
    issues.push(issue("schema/invalid-value", `"code" must be a number, found ${describeValue(code)}`, "code"));
    return false;
  }
  if (n === 0 || n === 200) return true;
  const why = typeof message === "string" && message !== "" ? `: ${message}` : "";
  issues.push(issue("schema/response-error", `describe response reports failure (code ${n})${why}`, "code"));
  return false;
}

function statusOk(status: unknown, issues: SchemaIssue[]): boolean {
  if (status === undefined) return true;
  if (!isRecord(status)) {
    issues.push(issue("schema/expected-object", `"status" must be an object, found ${describeValue(status)}`, "status"));
    return false;
  }
  const ec = own(status, "error_code") ?? own(status, "errorCode");
  const code = own(status, "code");
  const failed = (ec !== undefined && ec !== "Success" && ec !== 0) || (code !== undefined && code !== 0 && code !== "0");
  if (!failed) return true;
  const reason = own(status, "reason");
  const why = typeof reason === "string" && reason !== "" ? `: ${reason}` : "";
  issues.push(issue("schema/response-error", `describeCollection status reports failure (${describeValue(ec ?? code)})${why}`, "status"));
  return false;
}

function readName(o: Record<string, unknown>, keys: readonly string[], base: string, issues: SchemaIssue[]): string | undefined {
  const hit = pick(o, keys);
  if (!hit) return undefined;
  if (typeof hit[1] === "string") return hit[1];
  issues.push(issue("schema/invalid-value", `"${hit[0]}" must be a string, found ${describeValue(hit[1])}`, joinPath(base, hit[0])));
  return undefined;
}

/** REST describe `data`, or an SDK / protobuf-JSON CollectionSchema. */
function readDescribe(o: Record<string, unknown>, base: string, flavor: Flavor, issues: SchemaIssue[]): Parts {
  const parts: Parts = { dynamic: false, fields: [], structs: [] };
  const name = readName(o, ["collectionName", "collection_name", "name"], base, issues);
  if (name !== undefined) parts.name = name;
  parts.dynamic = readBoolean(o, ["enableDynamicField", "enable_dynamic_field"], base, issues) ?? false;
  const fieldsPath = joinPath(base, "fields");
  const fields = own(o, "fields");
  const merged = new Set<string>();
  if (!Array.isArray(fields)) {
    issues.push(issue("schema/expected-array", `"fields" must be an array, found ${describeValue(fields)}`, fieldsPath));
  } else {
    for (let i = 0; i < fields.length; i++) {
      const entry: unknown = fields[i];
      const path = joinPath(fieldsPath, i);
      if (isRecord(entry) && Array.isArray(own(entry, "fields"))) {
        // Node SDK merges struct arrays into `fields` (data_type Array, element_type Struct).
        const s = readStruct(entry, path, flavor, issues);
        if (s) {
          parts.structs.push(s);
          merged.add(s.name);
        }
        continue;
      }
      const d = normalizeField(entry, { path, flavor, issues });
      if (d) parts.fields.push(d);
    }
  }
  const structHit = pick(o, ["structFields", "struct_array_fields", "structArrayFields"]);
  if (structHit) {
    const [key, list] = structHit;
    const listPath = joinPath(base, key);
    if (!Array.isArray(list)) {
      issues.push(issue("schema/expected-array", `"${key}" must be an array, found ${describeValue(list)}`, listPath));
    } else {
      for (let i = 0; i < list.length; i++) {
        const entry: unknown = list[i];
        const n = isRecord(entry) ? own(entry, "name") : undefined;
        if (typeof n === "string" && merged.has(n)) continue; // the same struct, already read from `fields`
        const s = readStruct(entry, joinPath(listPath, i), flavor, issues);
        if (s) parts.structs.push(s);
      }
    }
  }
  return parts;
}

const STRUCT_TYPES = new Set(["ArrayOfStruct", "Struct", "Array"]);

function readStruct(value: unknown, path: string, flavor: Flavor, issues: SchemaIssue[], defaultName?: string): StructDraft | undefined {
  if (!isRecord(value)) {
    issues.push(issue("schema/expected-object", `a struct must be an object, found ${describeValue(value)}`, path));
    return undefined;
  }
  const nameHit = pick(value, ["name"]);
  const name = nameHit ? nameHit[1] : defaultName;
  if (typeof name !== "string" || name.trim() === "") {
    const code = nameHit && typeof name !== "string" ? "schema/invalid-value" : "schema/missing-name";
    issues.push(issue(code, `struct name must be a non-empty string, found ${describeValue(name)}`, joinPath(path, "name")));
    return undefined;
  }
  if (flavor === "compact") {
    for (const k of Object.keys(value)) {
      if (k !== "fields" && k !== "nullable") issues.push(issue("schema/unknown-key", `unknown struct key "${k}" (expected fields, nullable)`, joinPath(path, k)));
    }
  }
  const typeHit = pick(value, ["type", "data_type", "dataType"]);
  if (typeHit) {
    const t = normalizeDataType(typeHit[1]);
    if (!t || !STRUCT_TYPES.has(t)) {
      const msg = `struct "${name}" must have type ArrayOfStruct, found ${describeValue(typeHit[1])}`;
      issues.push(issue(t ? "schema/invalid-value" : "schema/unknown-type", msg, joinPath(path, typeHit[0])));
    }
  }
  const nullable = readBoolean(value, ["nullable"], path, issues) ?? false;
  const subs: FieldDraft[] = [];
  const fieldsPath = joinPath(path, "fields");
  const list = own(value, "fields");
  const entries: [string | undefined, unknown, string][] = [];
  if (flavor === "compact" && isRecord(list)) {
    for (const k of Object.keys(list)) entries.push([k, own(list, k), joinPath(fieldsPath, k)]);
  } else if (flavor !== "compact" && Array.isArray(list)) {
    list.forEach((v: unknown, i) => entries.push([undefined, v, joinPath(fieldsPath, i)]));
  } else {
    const want = flavor === "compact" ? "an object mapping sub-field names to types" : "an array";
    issues.push(issue(flavor === "compact" ? "schema/expected-object" : "schema/expected-array", `struct "${name}" "fields" must be ${want}, found ${describeValue(list)}`, fieldsPath));
  }
  for (const [key, v, p] of entries) {
    const d = normalizeField(v, { path: p, flavor, issues, structSub: true, ...(key !== undefined ? { defaultName: key } : {}) });
    if (d) subs.push(d);
  }
  return { name, nullable, namePath: joinPath(path, "name"), subs };
}

const COMPACT_KEYS = new Set(["name", "dynamic", "fields", "structs"]);

function readCompact(o: Record<string, unknown>, issues: SchemaIssue[]): Parts {
  for (const k of Object.keys(o)) {
    if (!COMPACT_KEYS.has(k)) issues.push(issue("schema/unknown-key", `unknown key "${k}" (compact form keys: name, dynamic, fields, structs)`, joinPath("", k)));
  }
  const parts: Parts = { dynamic: readBoolean(o, ["dynamic"], "", issues) ?? false, fields: [], structs: [] };
  const name = readName(o, ["name"], "", issues);
  if (name !== undefined) parts.name = name;
  const fields = own(o, "fields") as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    const d = normalizeField(own(fields, k), { path: joinPath("fields", k), flavor: "compact", issues, defaultName: k });
    if (d) parts.fields.push(d);
  }
  const structs = own(o, "structs");
  if (structs !== undefined && !isRecord(structs)) {
    issues.push(issue("schema/expected-object", `"structs" must be an object mapping struct names to definitions, found ${describeValue(structs)}`, "structs"));
  } else if (structs !== undefined) {
    for (const k of Object.keys(structs)) {
      const s = readStruct(own(structs, k), joinPath("structs", k), "compact", issues, k);
      if (s) parts.structs.push(s);
    }
  }
  return parts;
}

function assemble(parts: Parts, issues: SchemaIssue[]): CollectionSchema {
  const seen = new Map<string, string>();
  const claim = (name: string, path: string, what: string): boolean => {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, path);
      return true;
    }
    issues.push(issue("schema/duplicate-field", `duplicate ${what} name "${name}" (first defined at ${first || "top level"})`, path));
    return false;
  };
  let dynamic = parts.dynamic;
  const fields: FieldSchema[] = [];
  let pkPath: string | undefined;
  for (const d of parts.fields) {
    if (d.dynamic) {
      dynamic = true;
      continue;
    }
    if (!claim(d.field.name, d.namePath, "field")) continue;
    if (d.field.primaryKey) {
      if (pkPath !== undefined) {
        issues.push(issue("schema/multiple-primary-keys", `field "${d.field.name}" is a second primary key (first at ${pkPath})`, d.primaryKeyPath));
        d.field.primaryKey = false;
      } else pkPath = d.primaryKeyPath;
    }
    fields.push(Object.freeze(d.field));
  }
  const structs: StructSchema[] = [];
  for (const s of parts.structs) {
    if (!claim(s.name, s.namePath, "struct")) continue;
    const subs: FieldSchema[] = [];
    const shortNames = new Set<string>();
    for (const d of s.subs) {
      const sub = d.field.name;
      const full = `${s.name}[${sub}]`;
      if (shortNames.has(sub)) {
        issues.push(issue("schema/duplicate-field", `duplicate sub-field name "${sub}" in struct "${s.name}"`, d.namePath));
        continue;
      }
      shortNames.add(sub);
      if (!claim(full, d.namePath, "field")) continue;
      const f = { ...d.field, name: full, struct: Object.freeze({ name: s.name, sub }), primaryKey: false, partitionKey: false, autoId: false };
      subs.push(Object.freeze(f));
    }
    structs.push(Object.freeze({ name: s.name, nullable: s.nullable, fields: Object.freeze(subs) }));
  }
  return new CollectionSchema({ ...(parts.name !== undefined ? { name: parts.name } : {}), enableDynamicField: dynamic, fields, structs });
}
