import { describe, expect, it } from "vitest";
import { loadSchema, SCHEMA_ISSUE_CODES } from "../../src/schema/index.js";

const env = (fields: unknown, extra: Record<string, unknown> = {}): unknown => ({ code: 0, data: { collectionName: "c", fields, ...extra } });
const int64 = { name: "id", type: "Int64" };

describe("malformed describe input → issue code and path", () => {
  const cases: [string, unknown, string, string][] = [
    ["not an object", 42, "schema/unrecognized-shape", ""],
    ["array at top", [int64], "schema/unrecognized-shape", ""],
    ["object without fields", { collectionName: "x" }, "schema/unrecognized-shape", ""],
    ["data not an object", { code: 0, data: [] }, "schema/expected-object", "data"],
    ["code not a number", { code: "oops", data: { fields: [] } }, "schema/invalid-value", "code"],
    ["fields not an array", env({}), "schema/expected-array", "data.fields"],
    ["fields missing", { code: 0, data: { collectionName: "c" } }, "schema/expected-array", "data.fields"],
    ["non-object field", env([int64, "title"]), "schema/expected-object", "data.fields[1]"],
    ["null field", env([null]), "schema/expected-object", "data.fields[0]"],
    ["missing name", env([{ type: "Int64" }]), "schema/missing-name", "data.fields[0].name"],
    ["empty name", env([{ name: " ", type: "Int64" }]), "schema/missing-name", "data.fields[0].name"],
    ["name not a string", env([{ name: 7, type: "Int64" }]), "schema/invalid-value", "data.fields[0].name"],
    ["missing type", env([{ name: "a" }]), "schema/missing-type", "data.fields[0].type"],
    ["unknown type", env([int64, int64, int64, { name: "d", type: "Int128" }]), "schema/unknown-type", "data.fields[3].type"],
    ["unknown type number", env([{ name: "a", type: 7 }]), "schema/unknown-type", "data.fields[0].type"],
    ["type of wrong JSON type", env([{ name: "a", type: true }]), "schema/unknown-type", "data.fields[0].type"],
    ["bad v1 type", env([{ name: "a", type: "VarChar(x)" }]), "schema/bad-type-spec", "data.fields[0].type"],
    ["duplicate field", env([int64, { name: "id", type: "VarChar" }]), "schema/duplicate-field", "data.fields[1].name"],
    ["Array without elementType", env([{ name: "a", type: "Array" }]), "schema/missing-element-type", "data.fields[0].elementType"],
    ["Array with None element", env([{ name: "a", type: "Array", elementType: "None" }]), "schema/missing-element-type", "data.fields[0].elementType"],
    ["unknown element type", env([{ name: "a", type: "Array", elementType: "Bogus" }]), "schema/unknown-type", "data.fields[0].elementType"],
    ["vector element", env([{ name: "a", type: "Array", elementType: "FloatVector" }]), "schema/invalid-element-type", "data.fields[0].elementType"],
    ["nested array outside a struct", env([{ name: "a", type: "Array", elementType: "Array", nestedElementType: "Int8" }]), "schema/invalid-element-type", "data.fields[0].elementType"],
    ["ArrayOfVector of scalars", env([{ name: "a", type: "ArrayOfVector", elementType: "Int8" }]), "schema/invalid-element-type", "data.fields[0].elementType"],
    ["nullable not boolean", env([{ name: "a", type: "Int64", nullable: "yes" }]), "schema/invalid-value", "data.fields[0].nullable"],
    ["primaryKey not boolean", env([{ name: "a", type: "Int64", primaryKey: 1 }]), "schema/invalid-value", "data.fields[0].primaryKey"],
    ["two primary keys", env([{ ...int64, primaryKey: true }, { name: "b", type: "Int64", primaryKey: true }]), "schema/multiple-primary-keys", "data.fields[1].primaryKey"],
    ["params not a list", env([{ name: "a", type: "VarChar", params: "max_length=3" }]), "schema/expected-array", "data.fields[0].params"],
    ["param entry not object", env([{ name: "a", type: "VarChar", params: ["x"] }]), "schema/invalid-param", "data.fields[0].params[0]"],
    ["param key missing", env([{ name: "a", type: "VarChar", params: [{ value: "3" }] }]), "schema/invalid-param", "data.fields[0].params[0].key"],
    ["param value missing", env([{ name: "a", type: "VarChar", params: [{ key: "max_length" }] }]), "schema/invalid-param", "data.fields[0].params[0].value"],
    ["max_length not integer", env([{ name: "a", type: "VarChar", params: [{ key: "max_length", value: "12.5" }] }]), "schema/invalid-param", "data.fields[0].params[0].value"],
    ["dim negative", env([{ name: "v", type: "FloatVector", params: [{ key: "dim", value: "-4" }] }]), "schema/invalid-param", "data.fields[0].params[0].value"],
    ["dim beyond 2^53", env([{ name: "v", type: "FloatVector", params: [{ key: "dim", value: "99999999999999999999" }] }]), "schema/invalid-param", "data.fields[0].params[0].value"],
    ["enableDynamicField not boolean", env([], { enableDynamicField: "true" }), "schema/invalid-value", "data.enableDynamicField"],
    ["collectionName not string", env([], { collectionName: 5 }), "schema/invalid-value", "data.collectionName"],
    ["structFields not array", env([], { structFields: {} }), "schema/expected-array", "data.structFields"],
    ["struct not object", env([], { structFields: [3] }), "schema/expected-object", "data.structFields[0]"],
    ["struct without name", env([], { structFields: [{ fields: [] }] }), "schema/missing-name", "data.structFields[0].name"],
    ["struct fields missing", env([], { structFields: [{ name: "s" }] }), "schema/expected-array", "data.structFields[0].fields"],
    ["struct type wrong", env([], { structFields: [{ name: "s", type: "JSON", fields: [] }] }), "schema/invalid-value", "data.structFields[0].type"],
    ["struct type unknown", env([], { structFields: [{ name: "s", type: "Blob", fields: [] }] }), "schema/unknown-type", "data.structFields[0].type"],
    ["struct name clashes with a field", env([{ name: "s", type: "JSON" }], { structFields: [{ name: "s", fields: [] }] }), "schema/duplicate-field", "data.structFields[0].name"],
    ["duplicate struct", env([], { structFields: [{ name: "s", fields: [] }, { name: "s", fields: [] }] }), "schema/duplicate-field", "data.structFields[1].name"],
    ["duplicate sub-field", env([], { structFields: [{ name: "s", fields: [{ name: "x", type: "Array", elementType: "Int8" }, { name: "x", type: "Array", elementType: "Int8" }] }] }), "schema/duplicate-field", "data.structFields[0].fields[1].name"],
    ["sub-field clashes with s[x] field", env([{ name: "s[x]", type: "Int8" }], { structFields: [{ name: "s", fields: [{ name: "x", type: "Array", elementType: "Int8" }] }] }), "schema/duplicate-field", "data.structFields[0].fields[0].name"],
    ["nested sub-field without nestedElementType", env([], { structFields: [{ name: "s", fields: [{ name: "x", type: "Array", elementType: "Array" }] }] }), "schema/missing-element-type", "data.structFields[0].fields[0].nestedElementType"],
    ["nested sub-field of vectors", env([], { structFields: [{ name: "s", fields: [{ name: "x", type: "Array", elementType: "Array", nestedElementType: "FloatVector" }] }] }), "schema/invalid-element-type", "data.structFields[0].fields[0].nestedElementType"],
    ["ArrayOfVector sub-field without element", env([], { structFields: [{ name: "s", fields: [{ name: "x", type: "ArrayOfVector" }] }] }), "schema/missing-element-type", "data.structFields[0].fields[0].elementType"],
    ["Struct as a struct sub-field type", env([], { structFields: [{ name: "s", fields: [{ name: "x", type: "Struct" }] }] }), "schema/invalid-element-type", "data.structFields[0].fields[0].type"],
    ["SDK: missing data_type", { schema: { enable_dynamic_field: false, fields: [{ name: "a" }] } }, "schema/missing-type", "schema.fields[0].data_type"],
    ["SDK: bad element_type", { schema: { fields: [{ name: "a", data_type: "Array", element_type: 999 }] } }, "schema/unknown-type", "schema.fields[0].element_type"],
    ["SDK: status not object", { status: "ok", schema: { fields: [] } }, "schema/expected-object", "status"],
    ["bare describe data: path has no prefix", { fields: [{ name: "a", type: "Nope" }] }, "schema/unknown-type", "fields[0].type"],
  ];

  it.each(cases)("%s", (_label, input, code, path) => {
    const r = loadSchema(input);
    expect(r.issues).toContainEqual(expect.objectContaining({ code, path }));
    for (const i of r.issues) expect(Object.keys(SCHEMA_ISSUE_CODES)).toContain(i.code);
  });

  it("keeps the good parts when some fields are bad (best effort)", () => {
    const r = loadSchema(env([int64, { name: "bad", type: "Nope" }, { name: "ok", type: "Bool" }, { name: "id", type: "Bool" }]));
    expect(r.issues.map((i) => i.code)).toEqual(["schema/unknown-type", "schema/duplicate-field"]);
    expect(r.schema!.fields.map((f) => `${f.name}:${f.dataType}`)).toEqual(["id:Int64", "ok:Bool"]);
  });

  it("reports every problem, not just the first", () => {
    const r = loadSchema(env([{ name: "a", type: "Array" }, { type: "Int64" }, { name: "c", type: "Int64", nullable: 0 }]));
    expect(r.issues.map((i) => i.path)).toEqual(["data.fields[0].elementType", "data.fields[1].name", "data.fields[2].nullable"]);
  });

  it("quotes path segments that are not identifiers", () => {
    const r = loadSchema({ fields: [{ name: "v", type: "VarChar", params: { "max length": 3, max_length: "x" } }] });
    expect(r.issues).toEqual([expect.objectContaining({ code: "schema/invalid-param", path: "fields[0].params.max_length" })]);
  });
});
