import { describe, expect, it } from "vitest";
import { formatFieldType, loadSchema, parseSchemaJson, type CollectionSchema } from "../../src/schema/index.js";
import { REST_DESCRIBE_TEXT, sdkFormattedResult, sdkRawResult } from "./fixtures.js";

function types(s: CollectionSchema): Record<string, string> {
  return Object.fromEntries(s.columns.map((f) => [f.name, formatFieldType(f)]));
}

describe("REST describe (api-notes §1.8)", () => {
  it("loads the whole envelope from text, collectionID beyond 2^53 included", () => {
    const r = parseSchemaJson(REST_DESCRIBE_TEXT);
    expect(r.issues).toEqual([]);
    const s = r.schema!;
    expect(s.name).toBe("books");
    expect(s.enableDynamicField).toBe(true);
    expect(s.primaryKey?.name).toBe("id");
    expect(types(s)).toEqual({
      id: "Int64",
      title: "VarChar",
      tags: "Array<VarChar>",
      meta: "JSON",
      vec: "FloatVector",
      sparse: "SparseFloatVector",
      "clips[label]": "Array<VarChar>",
      "clips[emb]": "ArrayOfVector<FloatVector>",
    });
    expect(s.field("title")).toMatchObject({ nullable: true, maxLength: 512, enableMatch: true });
    expect(s.field("tags")).toMatchObject({ maxCapacity: 16, maxLength: 64 });
    expect(s.field("vec")?.dim).toBe(768);
    expect(s.field("clips[emb]")?.dim).toBe(4);
  });

  it("loads `data` alone with the same result", () => {
    const whole = JSON.parse(REST_DESCRIBE_TEXT) as { data: unknown };
    const a = loadSchema(whole);
    const b = loadSchema(whole.data);
    expect(b.issues).toEqual([]);
    expect(types(b.schema!)).toEqual(types(a.schema!));
    expect(b.schema!.name).toBe("books");
  });

  it("accepts a JSON string passed to loadSchema", () => {
    expect(loadSchema(REST_DESCRIBE_TEXT).schema?.name).toBe("books");
  });

  it("accepts code 200 and sub-call errors in message", () => {
    const whole = JSON.parse(REST_DESCRIBE_TEXT) as Record<string, unknown>;
    expect(loadSchema({ ...whole, code: 200 }).issues).toEqual([]);
    expect(loadSchema({ ...whole, message: "describe index failed" }).issues).toEqual([]);
  });

  it("reports a failed response", () => {
    const r = loadSchema({ code: 100, message: "collection not found[collection=books]", data: {} });
    expect(r.schema).toBeUndefined();
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "schema/response-error", path: "code", message: expect.stringContaining("collection not found") }),
    ]);
    expect(loadSchema({ code: 1100, message: "bad", data: null }).issues[0]?.code).toBe("schema/response-error");
  });

  it("accepts v1-style types such as VarChar(256) and FloatVector(768)", () => {
    const r = loadSchema({ collectionName: "v1", fields: [{ name: "t", type: "VarChar(256)" }, { name: "v", type: "FloatVector(768)" }] });
    expect(r.issues).toEqual([]);
    expect(r.schema!.field("t")?.maxLength).toBe(256);
    expect(r.schema!.field("v")?.dim).toBe(768);
  });
});

describe("Node SDK describeCollection", () => {
  const expected = {
    id: "Int64",
    title: "VarChar",
    tags: "Array<Int64>",
    vec: "FloatVector",
    category: "VarChar",
    "clips[label]": "Array<VarChar>",
    "clips[emb]": "ArrayOfVector<FloatVector>",
  };

  it("loads the raw gRPC result; $meta (is_dynamic) enables the dynamic field", () => {
    const r = loadSchema(sdkRawResult());
    expect(r.issues).toEqual([]);
    const s = r.schema!;
    expect(types(s)).toEqual(expected);
    expect(s.field("$meta")).toBeUndefined();
    expect(s.enableDynamicField).toBe(true);
    expect(s.primaryKey).toMatchObject({ name: "id", autoId: true });
    expect(s.field("title")).toMatchObject({ nullable: true, enableMatch: true, maxLength: 512 });
    expect(s.field("category")?.partitionKey).toBe(true);
    expect(s.field("tags")?.maxCapacity).toBe(4);
    expect(s.field("clips[emb]")?.dim).toBe(4);
  });

  it("loads the SDK-formatted result (struct arrays merged into fields, flattened params)", () => {
    const formatted = sdkFormattedResult();
    for (const input of [formatted, JSON.parse(JSON.stringify(formatted))]) {
      const r = loadSchema(input);
      expect(r.issues).toEqual([]);
      expect(types(r.schema!)).toEqual(expected);
      expect(r.schema!.structs).toHaveLength(1);
      expect(r.schema!.field("clips[label]")?.maxLength).toBe(32);
    }
  });

  it("accepts numeric data_type and the bare `schema` object", () => {
    const raw = sdkRawResult();
    const schema = raw.schema as { fields: Record<string, unknown>[] };
    schema.fields[0]!.data_type = 5;
    schema.fields[2]!.element_type = 5;
    const r = loadSchema(schema);
    expect(r.issues).toEqual([]);
    expect(r.schema!.name).toBe("books");
    expect(types(r.schema!)).toEqual(expected);
  });

  it("takes the name from collection_name when the schema has none", () => {
    const raw = sdkRawResult();
    delete (raw.schema as Record<string, unknown>).name;
    expect(loadSchema(raw).schema?.name).toBe("books");
  });

  it("reports a failed status", () => {
    const raw = { ...sdkRawResult(), status: { error_code: "CollectionNotExists", reason: "can't find collection", code: 100 } };
    const r = loadSchema(raw);
    expect(r.schema).toBeUndefined();
    expect(r.issues).toEqual([expect.objectContaining({ code: "schema/response-error", path: "status" })]);
  });
});

describe("protobuf JSON and other spellings", () => {
  it("reads camelCase proto JSON (dataType, isPrimaryKey, typeParams, structArrayFields)", () => {
    const r = loadSchema({
      name: "p",
      enableDynamicField: false,
      fields: [
        { name: "pk", dataType: "Int64", isPrimaryKey: true, autoID: true },
        { name: "a", dataType: "Array", elementType: "Double", typeParams: [{ key: "max_capacity", value: "3" }] },
        { name: "v", dataType: "BINARY_VECTOR", typeParams: { dim: 64 } },
      ],
      structArrayFields: [{ name: "s", fields: [{ name: "x", dataType: "Array", elementType: "Bool" }] }],
    });
    expect(r.issues).toEqual([]);
    expect(types(r.schema!)).toEqual({ pk: "Int64", a: "Array<Double>", v: "BinaryVector", "s[x]": "Array<Bool>" });
    expect(r.schema!.field("v")?.dim).toBe(64);
    expect(r.schema!.primaryKey?.autoId).toBe(true);
  });

  it("treats null optional values as absent", () => {
    const r = loadSchema({ fields: [{ name: "x", type: "Int64", elementType: null, nullable: null, params: null }] });
    expect(r.issues).toEqual([]);
    expect(r.schema!.field("x")?.nullable).toBe(false);
  });

  it("ignores elementType on non-array types and accepts a bare ArrayOfVector", () => {
    const r = loadSchema({ fields: [{ name: "x", type: "Int64", elementType: "VarChar" }, { name: "y", type: "ArrayOfVector" }] });
    expect(r.issues).toEqual([]);
    expect(r.schema!.field("x")?.elementType).toBeUndefined();
    expect(r.schema!.field("y")?.elementType).toBeUndefined();
  });

  it("marks `$meta` (even without is_dynamic) as the dynamic field", () => {
    const r = loadSchema({ enableDynamicField: false, fields: [{ name: "$meta", type: "JSON" }, { name: "id", type: "Int64" }] });
    expect(r.issues).toEqual([]);
    expect(r.schema!.enableDynamicField).toBe(true);
    expect(r.schema!.fields.map((f) => f.name)).toEqual(["id"]);
  });

  it("stores param values as strings, objects as JSON text", () => {
    const r = loadSchema({
      fields: [{ name: "t", type: "VarChar", params: [{ key: "max_length", value: 64 }, { key: "analyzer_params", value: { type: "english" } }, { key: "enable_match", value: true }] }],
    });
    expect(r.issues).toEqual([]);
    expect(r.schema!.field("t")?.params).toEqual({ max_length: "64", analyzer_params: '{"type":"english"}', enable_match: "true" });
    expect(r.schema!.field("t")?.enableMatch).toBe(true);
  });

  it("is immutable and looks names up exactly", () => {
    const s = loadSchema({ fields: [{ name: "Title", type: "VarChar" }] }).schema!;
    expect(s.field("title")).toBeUndefined();
    expect(s.field("Title")?.dataType).toBe("VarChar");
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.fields)).toBe(true);
    expect(Object.isFrozen(s.field("Title"))).toBe(true);
    expect(Object.isFrozen(s.field("Title")!.params)).toBe(true);
  });
});
