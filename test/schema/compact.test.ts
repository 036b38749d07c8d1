import { describe, expect, it } from "vitest";
import { formatFieldType, loadSchema, parseTypeSpec } from "../../src/schema/index.js";
import { COMPACT_BOOKS } from "./fixtures.js";

describe("compact form", () => {
  it("loads the documented example", () => {
    const r = loadSchema(COMPACT_BOOKS);
    expect(r.issues).toEqual([]);
    const s = r.schema!;
    expect(s.name).toBe("books");
    expect(s.enableDynamicField).toBe(true);
    expect(s.primaryKey?.name).toBe("id");
    expect(s.fields.map((f) => [f.name, formatFieldType(f)])).toEqual([
      ["id", "Int64"],
      ["title", "VarChar"],
      ["tags", "Array<VarChar>"],
      ["meta", "JSON"],
      ["vec", "FloatVector"],
    ]);
    expect(s.field("title")).toMatchObject({ nullable: true, enableMatch: true, maxLength: 512 });
    expect(s.field("vec")?.dim).toBe(768);
  });

  it("loads the full example of docs/schema.md", () => {
    const r = loadSchema({
      name: "books",
      dynamic: true,
      fields: {
        id: "Int64 primary auto",
        title: "VarChar(512) nullable match",
        tags: "Array<VarChar(64), 16>",
        meta: "JSON",
        price: "Decimal(10, 2) nullable",
        vec: "FloatVector(768)",
      },
      structs: { clips: { nullable: true, fields: { label: "VarChar(32)", emb: "FloatVector(4)", spans: "Array<Int32>" } } },
    });
    expect(r.issues).toEqual([]);
    expect(r.schema!.columns.map((c) => `${c.name}: ${formatFieldType(c)}`)).toEqual([
      "id: Int64",
      "title: VarChar",
      "tags: Array<VarChar>",
      "meta: JSON",
      "price: Decimal",
      "vec: FloatVector",
      "clips[label]: Array<VarChar>",
      "clips[emb]: ArrayOfVector<FloatVector>",
      "clips[spans]: Array<Array<Int32>>",
    ]);
  });

  it("supports every modifier, type arguments and array capacity", () => {
    const r = loadSchema({
      fields: {
        pk: "varchar(64) PRIMARY auto",
        part: "Int64 partition nullable",
        arr: "Array< VarChar(32) , 10 >",
        dec: "Decimal(18,4)",
        dec2: "Decimal(10)",
        vecs: "ArrayOfVector<Float16Vector(8)>",
        sparse: "SPARSE_FLOAT_VECTOR",
        when: "Timestamptz",
        geo: "geometry nullable",
      },
    });
    expect(r.issues).toEqual([]);
    const s = r.schema!;
    expect(s.enableDynamicField).toBe(false);
    expect(s.name).toBeUndefined();
    expect(s.field("pk")).toMatchObject({ dataType: "VarChar", primaryKey: true, autoId: true, maxLength: 64 });
    expect(s.field("part")).toMatchObject({ partitionKey: true, nullable: true });
    expect(s.field("arr")).toMatchObject({ elementType: "VarChar", maxLength: 32, maxCapacity: 10 });
    expect(s.field("dec")).toMatchObject({ precision: 18, scale: 4 });
    expect(s.field("dec2")).toMatchObject({ precision: 10 });
    expect(s.field("dec2")?.scale).toBeUndefined();
    expect(s.field("vecs")).toMatchObject({ dataType: "ArrayOfVector", elementType: "Float16Vector", dim: 8 });
    expect(s.field("sparse")?.dataType).toBe("SparseFloatVector");
    expect(s.field("geo")).toMatchObject({ dataType: "Geometry", nullable: true });
  });

  it("accepts describe-style objects as field values (name defaults to the key)", () => {
    const r = loadSchema({ fields: { t: { type: "VarChar", params: { max_length: "10" } }, u: { name: "u", type: "Bool" } } });
    expect(r.issues).toEqual([]);
    expect(r.schema!.field("t")?.maxLength).toBe(10);
    expect(r.schema!.field("u")?.dataType).toBe("Bool");
  });

  it("defines struct arrays with per-element sub-field types", () => {
    const r = loadSchema({
      fields: { id: "Int64 primary" },
      structs: { clips: { nullable: true, fields: { label: "VarChar(16)", emb: "FloatVector(4)", spans: "Array<Int32>" } } },
    });
    expect(r.issues).toEqual([]);
    const s = r.schema!;
    expect(s.struct("clips")?.nullable).toBe(true);
    expect(s.field("clips[label]")).toMatchObject({ dataType: "Array", elementType: "VarChar", maxLength: 16 });
    expect(s.field("clips[emb]")).toMatchObject({ dataType: "ArrayOfVector", elementType: "FloatVector", dim: 4 });
    expect(s.field("clips[spans]")).toMatchObject({ dataType: "Array", elementType: "Array", nestedElementType: "Int32" });
  });

  it("keeps odd field names (keywords, brackets, __proto__)", () => {
    const fields = JSON.parse('{"__proto__": "Int64", "constructor": "Bool", "not": "VarChar", "a b": "JSON"}') as Record<string, string>;
    const r = loadSchema({ fields });
    expect(r.issues).toEqual([]);
    expect(r.schema!.fields.map((f) => f.name)).toEqual(["__proto__", "constructor", "not", "a b"]);
    expect(r.schema!.field("toString")).toBeUndefined();
  });
});

describe("compact form errors", () => {
  const cases: [string, unknown, string, string][] = [
    ["unknown type", { fields: { x: "Int65" } }, "schema/unknown-type", "fields.x"],
    ["bad modifier", { fields: { x: "Int64 primry" } }, "schema/bad-type-spec", "fields.x"],
    ["repeated modifier", { fields: { x: "Int64 nullable nullable" } }, "schema/bad-type-spec", "fields.x"],
    ["args on a type without args", { fields: { x: "Int64(3)" } }, "schema/bad-type-spec", "fields.x"],
    ["wrong arg count", { fields: { x: "Decimal(1,2,3)" } }, "schema/bad-type-spec", "fields.x"],
    ["unclosed paren", { fields: { x: "VarChar(12" } }, "schema/bad-type-spec", "fields.x"],
    ["bare Array", { fields: { x: "Array" } }, "schema/missing-element-type", "fields.x"],
    ["vector in Array", { fields: { x: "Array<FloatVector(4)>" } }, "schema/invalid-element-type", "fields.x"],
    ["nested Array outside structs", { fields: { x: "Array<Array<Int64>>" } }, "schema/invalid-element-type", "fields.x"],
    ["scalar in ArrayOfVector", { fields: { x: "ArrayOfVector<Int64>" } }, "schema/invalid-element-type", "fields.x"],
    ["three levels", { structs: { s: { fields: { x: "Array<Array<Int8>>" } } }, fields: {} }, "schema/bad-type-spec", "structs.s.fields.x"],
    ["capacity in struct", { fields: {}, structs: { s: { fields: { x: "Array<Int8, 2>" } } } }, "schema/bad-type-spec", "structs.s.fields.x"],
    ["ArrayOfVector in struct", { fields: {}, structs: { s: { fields: { x: "ArrayOfVector<FloatVector>" } } } }, "schema/bad-type-spec", "structs.s.fields.x"],
    ["bare Array in struct", { fields: {}, structs: { s: { fields: { x: "Array" } } } }, "schema/missing-element-type", "structs.s.fields.x"],
    ["Struct as struct element", { fields: {}, structs: { s: { fields: { x: "Struct" } } } }, "schema/invalid-element-type", "structs.s.fields.x"],
    ["capacity on inner array", { fields: { x: "Array<Array<Int8, 2>>" } }, "schema/bad-type-spec", "fields.x"],
    ["generic on scalar", { fields: { x: "Int64<Int8>" } }, "schema/bad-type-spec", "fields.x"],
    ["stray character", { fields: { x: "VarChar[3]" } }, "schema/bad-type-spec", "fields.x"],
    ["empty spec", { fields: { x: "" } }, "schema/bad-type-spec", "fields.x"],
    ["number as spec", { fields: { x: 5 } }, "schema/expected-object", "fields.x"],
    ["unknown top-level key", { fields: {}, dynamc: true }, "schema/unknown-key", "dynamc"],
    ["dynamic not boolean", { fields: {}, dynamic: "yes" }, "schema/invalid-value", "dynamic"],
    ["name not string", { fields: {}, name: 3 }, "schema/invalid-value", "name"],
    ["structs not object", { fields: {}, structs: [] }, "schema/expected-object", "structs"],
    ["struct fields as array", { fields: {}, structs: { s: { fields: [] } } }, "schema/expected-object", "structs.s.fields"],
    ["unknown struct key", { fields: {}, structs: { s: { fields: {}, nulable: true } } }, "schema/unknown-key", "structs.s.nulable"],
    ["struct vs field name", { fields: { s: "Int64" }, structs: { s: { fields: {} } } }, "schema/duplicate-field", "structs.s.name"],
    ["two primary keys", { fields: { a: "Int64 primary", b: "VarChar primary" } }, "schema/multiple-primary-keys", "fields.b"],
    ["empty field name", { fields: { "": "Int64" } }, "schema/missing-name", 'fields[""]'],
    ["odd key in path", { fields: { "a.b": "Nope" } }, "schema/unknown-type", 'fields["a.b"]'],
  ];
  it.each(cases)("%s", (_label, input, code, path) => {
    const r = loadSchema(input);
    expect(r.issues).toContainEqual(expect.objectContaining({ code, path }));
  });

  it("messages give the column inside the type string", () => {
    const r = loadSchema({ fields: { x: "VarChar(12) nullabel" } });
    expect(r.issues[0]?.message).toMatch(/column 13/);
  });
});

describe("parseTypeSpec", () => {
  it("parses containers with nested arguments", () => {
    const r = parseTypeSpec("Array<VarChar(8), 4> nullable");
    expect(r).toEqual({
      ok: true,
      spec: { dataType: "Array", elementType: "VarChar", params: { max_length: "8", max_capacity: "4" }, modifiers: new Set(["nullable"]) },
    });
  });

  it("refuses modifiers when asked (v1 describe types)", () => {
    expect(parseTypeSpec("VarChar(8) nullable", false).ok).toBe(false);
    expect(parseTypeSpec("VarChar(8)", false).ok).toBe(true);
  });

  it("strips leading zeros from integers", () => {
    const r = parseTypeSpec("FloatVector(0008)");
    expect(r.ok && r.spec.params.dim).toBe("8");
  });
});
