/**
 * One field entry → a validated field draft. Understands every spelling the supported inputs use:
 * REST describe (`type`, `elementType`, `primaryKey`, `params: [{key, value}]`), Node SDK / gRPC
 * (`data_type` name or number, `element_type`, `is_primary_key`, `type_params`, flattened params),
 * protobuf JSON (`dataType`, `isPrimaryKey`, `typeParams`) and compact type strings.
 * Optional keys whose value is null count as absent.
 */
import { isRecord, pick, readBoolean } from "./access.js";
import { describeValue, issue, joinPath, type SchemaIssue } from "./issues.js";
import { applyParams, readParams, type ParamMap } from "./params.js";
import { parseTypeSpec } from "./typespec.js";
import { isArrayElementType, isVectorType, normalizeDataType, suggestDataType, type DataType, type FieldSchema } from "./types.js";

export type Flavor = "rest" | "sdk" | "compact";

export interface FieldContext {
  path: string;
  flavor: Flavor;
  issues: SchemaIssue[];
  /** Used when the entry has no `name` (compact form: the object key). */
  defaultName?: string;
  /** Struct sub-field: a bare element type is wrapped in Array / ArrayOfVector; Array<Array<T>> allowed. */
  structSub?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface FieldDraft {
  field: Mutable<FieldSchema>;
  namePath: string;
  primaryKeyPath: string;
  /** `is_dynamic` true or the name `$meta`: marks the dynamic field rather than a column. */
  dynamic: boolean;
}

const KEYS = {
  name: ["name"],
  type: ["type", "data_type", "dataType"],
  element: ["elementType", "element_type"],
  nested: ["nestedElementType", "nested_element_type"],
  dynamic: ["isDynamic", "is_dynamic"],
  nullable: ["nullable"],
  primaryKey: ["primaryKey", "is_primary_key", "isPrimaryKey"],
  partitionKey: ["partitionKey", "is_partition_key", "isPartitionKey"],
  autoId: ["autoId", "autoID", "auto_id"],
} as const;

function readType(raw: [string, unknown], at: (k: string) => string, ctx: FieldContext, what = "data type"): { t?: DataType; extra?: ReturnType<typeof parseTypeSpec> } {
  const t = normalizeDataType(raw[1]);
  if (t) return { t };
  if (typeof raw[1] === "string" && /[(<]/.test(raw[1])) {
    const spec = parseTypeSpec(raw[1], false);
    if (spec.ok) return { t: spec.spec.dataType, extra: spec };
    ctx.issues.push(issue(spec.code, `${what} ${JSON.stringify(raw[1])}: ${spec.message}`, at(raw[0])));
    return {};
  }
  const near = typeof raw[1] === "string" ? suggestDataType(raw[1]) : undefined;
  ctx.issues.push(issue("schema/unknown-type", `unknown ${what} ${describeValue(raw[1])}${near ? `; did you mean "${near}"?` : ""}`, at(raw[0])));
  return {};
}

/** Normalises one field entry. Pushes issues and returns undefined when the entry is unusable. */
export function normalizeField(value: unknown, ctx: FieldContext): FieldDraft | undefined {
  if (ctx.flavor === "compact" && typeof value === "string") return fromSpecString(value, ctx);
  if (!isRecord(value)) {
    ctx.issues.push(issue("schema/expected-object", `a field must be an object, found ${describeValue(value)}`, ctx.path));
    return undefined;
  }
  const at = (k: string): string => joinPath(ctx.path, k);
  const sdk = ctx.flavor === "sdk";
  const nameHit = pick(value, KEYS.name);
  const name = nameHit ? nameHit[1] : ctx.defaultName;
  if (typeof name !== "string" || name.trim() === "") {
    const code = nameHit && typeof name !== "string" ? "schema/invalid-value" : "schema/missing-name";
    ctx.issues.push(issue(code, `field name must be a non-empty string, found ${describeValue(name)}`, at("name")));
    return undefined;
  }
  const dynamic = readBoolean(value, KEYS.dynamic, ctx.path, ctx.issues) === true || name === "$meta";
  const typeHit = pick(value, KEYS.type);
  if (!typeHit) {
    if (dynamic) return draft(name, "JSON", ctx, true);
    ctx.issues.push(issue("schema/missing-type", `field "${name}" has no data type`, at(sdk ? "data_type" : "type")));
    return undefined;
  }
  const { t, extra } = readType(typeHit, at, ctx);
  if (!t) return undefined;
  const d = draft(name, t, ctx, dynamic);
  const f = d.field;
  if (extra?.ok) {
    if (extra.spec.elementType) f.elementType = extra.spec.elementType;
    if (extra.spec.nestedElementType) f.nestedElementType = extra.spec.nestedElementType;
  }
  const elemKey = sdk ? "element_type" : "elementType";
  const elemHit = pick(value, KEYS.element);
  if (elemHit) {
    const e = readType(elemHit, at, ctx, "element type").t;
    if (!e) return undefined;
    if (e !== "None") f.elementType = e;
  }
  const nestedHit = pick(value, KEYS.nested);
  if (nestedHit) {
    const e = readType(nestedHit, at, ctx, "nested element type").t;
    if (!e) return undefined;
    if (e !== "None") f.nestedElementType = e;
  }
  f.nullable = readBoolean(value, KEYS.nullable, ctx.path, ctx.issues) ?? false;
  f.primaryKey = readBoolean(value, KEYS.primaryKey, ctx.path, ctx.issues) ?? false;
  f.partitionKey = readBoolean(value, KEYS.partitionKey, ctx.path, ctx.issues) ?? false;
  f.autoId = readBoolean(value, KEYS.autoId, ctx.path, ctx.issues) ?? false;
  d.primaryKeyPath = at(pick(value, KEYS.primaryKey)?.[0] ?? "primaryKey");
  const params = readParams(value, at, ctx.issues);
  const implied = extra?.ok ? Object.entries(extra.spec.params) : [];
  for (const [k, v] of implied) if (!params.has(k)) params.set(k, { value: v, path: at(typeHit[0]) });
  applyParams(f, params, ctx.issues);
  return finish(d, ctx, {
    type: at(typeHit[0]),
    elem: at(elemHit?.[0] ?? elemKey),
    nested: at(nestedHit?.[0] ?? (sdk ? "nested_element_type" : "nestedElementType")),
  });
}

function fromSpecString(text: string, ctx: FieldContext): FieldDraft | undefined {
  const name = ctx.defaultName ?? "";
  if (name.trim() === "") {
    ctx.issues.push(issue("schema/missing-name", "field name must be a non-empty string", ctx.path));
    return undefined;
  }
  const r = parseTypeSpec(text, true);
  if (!r.ok) {
    ctx.issues.push(issue(r.code, `field "${name}": ${r.message}`, ctx.path));
    return undefined;
  }
  const s = r.spec;
  const d = draft(name, s.dataType, ctx, name === "$meta");
  const f = d.field;
  if (s.elementType) f.elementType = s.elementType;
  if (s.nestedElementType) f.nestedElementType = s.nestedElementType;
  if (ctx.structSub && (s.dataType === "Array" || s.dataType === "ArrayOfVector")) {
    // Compact sub-fields name the per-element type: `Array<Int64>` becomes the column Array<Array<Int64>>.
    const why =
      s.dataType === "ArrayOfVector"
        ? "ArrayOfVector cannot be a struct element type (write the vector type itself)"
        : s.elementType === "Array"
          ? "struct sub-field arrays nest only one level (Array<T> per element)"
          : s.params.max_capacity !== undefined
            ? "the capacity of a struct sub-field array cannot be set"
            : undefined;
    if (why) {
      ctx.issues.push(issue("schema/bad-type-spec", `field "${name}": ${why}`, ctx.path));
      return undefined;
    }
    f.elementType = "Array";
    if (s.elementType) f.nestedElementType = s.elementType;
    else delete f.nestedElementType;
  }
  f.primaryKey = s.modifiers.has("primary");
  f.autoId = s.modifiers.has("auto");
  f.nullable = s.modifiers.has("nullable");
  f.partitionKey = s.modifiers.has("partition");
  const params: ParamMap = new Map(Object.entries(s.params).map(([k, v]) => [k, { value: v, path: ctx.path }]));
  if (s.modifiers.has("match")) {
    params.set("enable_analyzer", { value: "true", path: ctx.path });
    params.set("enable_match", { value: "true", path: ctx.path });
  }
  applyParams(f, params, ctx.issues);
  return finish(d, ctx, { type: ctx.path, elem: ctx.path, nested: ctx.path });
}

function draft(name: string, dataType: DataType, ctx: FieldContext, dynamic: boolean): FieldDraft {
  const field: Mutable<FieldSchema> = {
    name,
    dataType,
    nullable: false,
    primaryKey: false,
    partitionKey: false,
    autoId: false,
    params: {},
    enableMatch: false,
  };
  return { field, namePath: joinPath(ctx.path, "name"), primaryKeyPath: ctx.path, dynamic };
}

/** Struct wrapping and element-type rules. */
function finish(d: FieldDraft, ctx: FieldContext, paths: { type: string; elem: string; nested: string }): FieldDraft | undefined {
  const f = d.field;
  const { elem: elemPath, nested: nestedPath } = paths;
  const problem = (code: "schema/missing-element-type" | "schema/invalid-element-type", msg: string, path: string): undefined => {
    ctx.issues.push(issue(code, `field "${f.name}": ${msg}`, path));
    return undefined;
  };
  if (ctx.structSub && f.dataType !== "Array" && f.dataType !== "ArrayOfVector") {
    if (!isVectorType(f.dataType) && !isArrayElementType(f.dataType)) {
      return problem("schema/invalid-element-type", `${f.dataType} cannot be a struct sub-field type`, paths.type);
    }
    f.elementType = f.dataType;
    f.dataType = isVectorType(f.dataType) ? "ArrayOfVector" : "Array";
    delete f.nestedElementType;
    return d;
  }
  if (f.dataType === "Array") {
    const e = f.elementType;
    if (e === undefined) return problem("schema/missing-element-type", "Array needs an element type", elemPath);
    if (e === "Array" && ctx.structSub) {
      const n = f.nestedElementType;
      if (n === undefined) return problem("schema/missing-element-type", "Array<Array> needs a nested element type", nestedPath);
      if (!isArrayElementType(n)) return problem("schema/invalid-element-type", `${n} cannot be an array element`, nestedPath);
    } else if (!isArrayElementType(e)) {
      return problem("schema/invalid-element-type", `${e} cannot be an array element`, elemPath);
    } else delete f.nestedElementType;
  } else if (f.dataType === "ArrayOfVector") {
    const e = f.elementType;
    if (e === undefined && ctx.structSub) return problem("schema/missing-element-type", "ArrayOfVector needs a vector element type", elemPath);
    if (e !== undefined && !isVectorType(e)) return problem("schema/invalid-element-type", `${e} is not a vector type`, elemPath);
    delete f.nestedElementType;
  } else {
    delete f.elementType;
    delete f.nestedElementType;
  }
  return d;
}
