/**
 * Name resolution (Milvus translateIdentifier / getColumnInfoFromJSONIdentifier / struct refs):
 * exact, case-sensitive lookup; an unknown name falls back to the dynamic field as `$meta["name"]`;
 * `$meta` is the dynamic field itself. Without a schema every reference is an Unknown column.
 */
import type * as A from "../syntax/ast.js";
import type { CollectionSchema, FieldSchema } from "../schema/index.js";
import { fail, textOf, type Ctx } from "./context.js";
import type { ColumnAccess, ColumnInfo, CheckDataType } from "./types.js";
import { editDistance } from "../util/suggest.js";

const DYNAMIC: FieldSchema = Object.freeze({
  name: "$meta",
  dataType: "JSON",
  nullable: false,
  primaryKey: false,
  partitionKey: false,
  autoId: false,
  params: {},
  enableMatch: false,
});

const UNKNOWN = (name: string): FieldSchema =>
  ({ name, dataType: "JSON", nullable: true, primaryKey: false, partitionKey: false, autoId: false, params: {}, enableMatch: false }) as FieldSchema;

/**
 * A ColumnInfo, every one built with the same properties in the same order (no spread of the
 * extras): the many places that read columns then see one object shape.
 */
function column(field: FieldSchema, dataType: CheckDataType, extra: Partial<ColumnInfo> & { text: string; access: ColumnAccess }): ColumnInfo {
  const c: { -readonly [K in keyof ColumnInfo]: ColumnInfo[K] } = {
    field,
    dataType: dataType as ColumnInfo["dataType"],
    elementType: extra.elementType ?? ((field.elementType ?? "None") as ColumnInfo["elementType"]),
    nestedPath: extra.nestedPath ?? [],
    isDynamic: extra.isDynamic ?? false,
    isElementLevel: extra.isElementLevel ?? false,
    nullable: extra.nullable ?? field.nullable,
    text: extra.text,
    access: extra.access,
  };
  if (extra.elementIndex !== undefined) c.elementIndex = extra.elementIndex;
  return c;
}

/**
 * The column of a bare name that is a schema field, per schema: the same for every reference, so
 * made once (frozen, as it is shared between checks).
 */
const FIELD_COLUMNS = new WeakMap<CollectionSchema, Map<string, ColumnInfo>>();

function fieldColumn(ctx: Ctx, schema: CollectionSchema, field: FieldSchema, name: string): ColumnInfo {
  let byName = FIELD_COLUMNS.get(schema);
  if (byName === undefined) FIELD_COLUMNS.set(schema, (byName = new Map()));
  let c = byName.get(name);
  if (c === undefined) {
    const nestedPath = Object.freeze([]) as unknown as string[];
    c = Object.freeze(column(field, field.dataType, { text: name, nestedPath, isDynamic: false, access: Object.freeze(fieldAccess(ctx, field, nestedPath)) }));
    byName.set(name, c);
  }
  return c;
}

const UNRESOLVED: ColumnAccess = Object.freeze({ kind: "unresolved" });

/** Column without schema: any type. */
function unknownColumn(text: string, nestedPath: string[] = []): ColumnInfo {
  return column(UNKNOWN(text), "Unknown", { text, nestedPath, access: UNRESOLVED });
}

/**
 * Where a dynamic-field path is read: `$meta`, then (for a key naming no schema field) the row's
 * top level. `keys` starts with the dynamic key; empty keys are the whole dynamic object.
 */
function dynamicAccess(ctx: Ctx, keys: readonly string[]): ColumnAccess {
  const key = keys[0];
  const topLevel = key !== undefined && key !== "$meta" && ctx.schema!.field(key) === undefined;
  return { kind: "dynamic", path: keys, topLevel };
}

/** Where a resolved top-level field (or the dynamic field) is read, with `keys` below it. */
function fieldAccess(ctx: Ctx, field: FieldSchema, keys: readonly string[]): ColumnAccess {
  if (field === DYNAMIC) return dynamicAccess(ctx, keys);
  if (field.struct !== undefined) return { kind: "structSub", struct: field.struct.name, sub: field.struct.sub };
  if (field.dataType === "JSON") return { kind: "json", field: field.name, path: keys };
  if (keys.length > 0) return { kind: "element", field: field.name, path: keys };
  return { kind: "field", name: field.name };
}

/** The field a bare name denotes, or the dynamic field with the name as first key. */
export function lookupName(
  ctx: Ctx,
  name: string,
  at: A.Root,
): { field: FieldSchema; dynamicKey?: string } {
  const schema = ctx.schema!;
  if (name === "$meta") {
    if (schema.enableDynamicField) return { field: DYNAMIC };
    fail("schema/no-dynamic-field", "$meta is the dynamic field, but this collection has no dynamic field (enableDynamicField is false)", at);
  }
  const f = schema.field(name);
  if (f) return { field: f };
  if (!schema.enableDynamicField) {
    fail(
      "schema/unknown-field",
      `field ${name} not found: there is no dynamic json field in schema, need to specified field name`,
      at,
      closeFieldHint(ctx, name),
    );
  }
  return { field: DYNAMIC, dynamicKey: name };
}

function closeFieldHint(ctx: Ctx, name: string): string | undefined {
  const best = closestField(ctx, name);
  return best ? `did you mean \`${best}\`?` : undefined;
}

/** Edit distance ≤ 2 (or a case-insensitive match) against the schema's columns. */
export function closestField(ctx: Pick<Ctx, "schema">, name: string): string | undefined {
  const schema = ctx.schema;
  if (!schema) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const f of schema.columns) {
    if (f.name.toLowerCase() === lower) return f.name;
    const limit = f.name.length <= 4 ? 1 : 2;
    const d = editDistance(lower, f.name.toLowerCase(), limit);
    if (d <= limit && d < bestD) {
      bestD = d;
      best = f.name;
    }
  }
  return best;
}

/** Bare identifier (translateIdentifier). `allowText`: text_match / phrase_match may name a Text field. */
export function resolveIdentifier(ctx: Ctx, node: A.Identifier, allowText = false): ColumnInfo {
  if (!ctx.schema) return unknownColumn(node.name);
  const { field, dynamicKey } = lookupName(ctx, node.name, node);
  if (field.dataType === "Text" && !allowText) {
    fail("schema/text-field", `filter on text field (${field.name}) is not supported yet`, node, "a Text field can only be searched with text_match or phrase_match");
  }
  if (dynamicKey === undefined && field !== DYNAMIC) return fieldColumn(ctx, ctx.schema, field, node.name);
  if (dynamicKey !== undefined) ctx.dynamicRefs.push({ name: dynamicKey, span: node.span });
  const nestedPath = dynamicKey !== undefined ? [dynamicKey] : [];
  return column(field, field.dataType, {
    text: node.name,
    nestedPath,
    isDynamic: dynamicKey !== undefined || field === DYNAMIC,
    access: fieldAccess(ctx, field, nestedPath),
  });
}

/** `A["k"][0]`, `$meta['x']`. */
export function resolveJsonPath(ctx: Ctx, node: A.JSONIdentifier): ColumnInfo {
  const keys: string[] = [];
  if (!ctx.schema) {
    for (const k of node.keys) if (k.kind === "key" && k.error) fail("schema/invalid-json-key", `invalid identifier: ${textOf(ctx, node)}: ${k.error}`, node);
    return unknownColumn(node.base, node.keys.map((k) => k.value));
  }
  const { field, dynamicKey } = lookupName(ctx, node.base, node);
  if (field.dataType !== "JSON" && field.dataType !== "Array") {
    fail(
      "type/not-indexable",
      `${field.dataType} data type not supported accessed with []: ${node.base} is a ${field.dataType} field`,
      node,
      "only JSON fields (by key) and Array fields (by integer index) can be accessed with []",
    );
  }
  if (dynamicKey !== undefined) {
    keys.push(dynamicKey);
    ctx.dynamicRefs.push({ name: dynamicKey, span: { start: node.span.start, end: node.span.start + node.base.length } });
  }
  for (const k of node.keys) {
    if (k.kind === "key") {
      if (k.error) fail("schema/invalid-json-key", `invalid identifier: ${textOf(ctx, node)}: ${k.error}`, node);
      if (field.dataType === "Array") {
        fail("type/array-index", `can only access array field with integer index: ${node.base}[${k.raw}]`, node, `write ${node.base}[0]`);
      }
    }
    keys.push(k.value);
  }
  const idx = field.dataType === "Array" ? node.keys[0]?.value : undefined;
  return column(field, field.dataType, {
    text: textOf(ctx, node),
    nestedPath: keys,
    isDynamic: dynamicKey !== undefined || field === DYNAMIC,
    access: fieldAccess(ctx, field, keys),
    ...(idx !== undefined ? { elementIndex: idx } : {}),
  });
}

function structSub(ctx: Ctx, struct: string, sub: string, at: A.Root): FieldSchema {
  const f = ctx.schema!.field(`${struct}[${sub}]`);
  if (!f) {
    const s = ctx.schema!.struct(struct);
    const known = s ? ` (sub-fields of ${struct}: ${s.fields.map((x) => x.struct?.sub ?? x.name).join(", ")})` : "";
    fail("schema/unknown-struct-field", `struct field not found: ${struct}[${sub}]${known}`, at);
  }
  return f;
}

function structNullable(ctx: Ctx, struct: string, f: FieldSchema): boolean {
  return f.nullable || (ctx.schema!.struct(struct)?.nullable ?? false);
}

/** `struct_array[sub]`: the whole per-row array of that sub-field. */
export function resolveStructField(ctx: Ctx, node: A.StructField): ColumnInfo {
  if (!ctx.schema) return unknownColumn(`${node.struct}[${node.sub}]`);
  const f = structSub(ctx, node.struct, node.sub, node);
  return column(f, f.dataType, { text: textOf(ctx, node), nullable: false, access: { kind: "structSub", struct: node.struct, sub: node.sub } });
}

/** `struct_array[0][sub]`: one element. */
export function resolveStructIndexField(ctx: Ctx, node: A.StructIndexField): ColumnInfo {
  if (!ctx.schema) return unknownColumn(`${node.struct}[${node.sub}]`, [node.index]);
  const f = structSub(ctx, node.struct, node.sub, node);
  return column(f, f.dataType, {
    text: textOf(ctx, node),
    nestedPath: [node.index],
    nullable: structNullable(ctx, node.struct, f),
    elementIndex: node.index,
    access: { kind: "structElement", struct: node.struct, index: node.index, sub: node.sub },
  });
}

/** `$[sub]` inside element_filter / MATCH_* on a struct array. */
export function resolveStructSubField(ctx: Ctx, node: A.StructSubField): ColumnInfo {
  if (ctx.structCtx === undefined) {
    if (ctx.elemCtx !== undefined) {
      fail("type/element-ref", `scalar array element has no sub-fields; use $ instead of $[${node.sub}]`, node);
    }
    fail("type/element-ref", `$[${node.sub}] syntax can only be used inside ElementFilter or MATCH_*`, node);
  }
  if (!ctx.schema) return column(UNKNOWN(`$[${node.sub}]`), "Unknown", { text: `$[${node.sub}]`, isElementLevel: true, access: UNRESOLVED });
  const current: ColumnAccess = { kind: "current", sub: node.sub };
  const full = `${ctx.structCtx}[${node.sub}]`;
  const f = ctx.schema.field(full);
  if (!f) fail("schema/unknown-struct-field", `array field not found: ${full}`, node);
  const elem = (f.elementType ?? "None") as CheckDataType;
  return column(f, "Array", { text: textOf(ctx, node), nullable: structNullable(ctx, ctx.structCtx, f), isElementLevel: true, elementType: elem as ColumnInfo["elementType"], access: current });
}

/** `$` inside MATCH_* / element_filter on a scalar array. */
export function resolveElementSelf(ctx: Ctx, node: A.ElementSelf): ColumnInfo {
  const f = ctx.elemCtx;
  if (!f) {
    if (ctx.structCtx !== undefined && !ctx.schema) return column(UNKNOWN("$"), "Unknown", { text: "$", isElementLevel: true, access: UNRESOLVED });
    fail("type/element-ref", "$ can only be used inside MATCH_*/element_filter on a scalar array field", node);
  }
  const current: ColumnAccess = { kind: "current" };
  if (f.dataType === "JSON") return column(f, "JSON", { text: "$", isElementLevel: true, access: current });
  const elem = (f.elementType ?? "None") as CheckDataType;
  return column(f, elem, { text: "$", isElementLevel: true, elementType: elem as ColumnInfo["elementType"], access: current });
}
