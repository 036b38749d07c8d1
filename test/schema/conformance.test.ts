import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatFieldType, loadSchema, parseSchemaJson } from "../../src/schema/index.js";

const text = readFileSync(new URL("../data/conformance/schemas.json", import.meta.url), "utf8");
const schemas = JSON.parse(text) as Record<string, unknown>;

describe("conformance schemas", () => {
  it("has the 19 documented schemas", () => {
    expect(Object.keys(schemas)).toHaveLength(19);
  });

  it.each(Object.keys(schemas))("%s loads without issues", (id) => {
    const r = loadSchema(schemas[id]);
    expect(r.issues).toEqual([]);
    expect(r.schema).toBeDefined();
    const raw = schemas[id] as { fields: unknown[]; structFields?: { fields: unknown[] }[] };
    const subs = (raw.structFields ?? []).reduce((n, s) => n + s.fields.length, 0);
    expect(r.schema!.fields).toHaveLength(raw.fields.length);
    expect(r.schema!.columns).toHaveLength(raw.fields.length + subs);
  });

  it("loads the whole file text through parseSchemaJson per entry", () => {
    for (const [id, value] of Object.entries(schemas)) {
      expect(parseSchemaJson(JSON.stringify(value)).issues, id).toEqual([]);
    }
  });

  it("models the odd types of `default` exactly", () => {
    const s = loadSchema(schemas.default).schema!;
    expect(s.name).toBe("test");
    expect(s.enableDynamicField).toBe(true);
    expect(s.primaryKey).toBeUndefined();
    const types = Object.fromEntries(s.fields.map((f) => [f.name, formatFieldType(f)]));
    expect(types).toMatchObject({
      NoneField: "None",
      MolField: "Mol",
      DateField: "Date",
      TimeField: "Time",
      DecimalField: "Decimal",
      ArrayOfVectorField: "ArrayOfVector",
      ArrayOfStructField: "ArrayOfStruct",
      StructField: "Struct",
      ArrayField: "Array<Int64>",
      StringArrayField: "Array<VarChar>",
      TimestamptzField: "Timestamptz",
      TextField: "Text",
      FloatVectorField: "FloatVector",
    });
    expect(s.field("DecimalField")).toMatchObject({ precision: 18, scale: 4, params: { precision: "18", scale: "4" } });
    expect(s.field("FloatVectorField")?.dim).toBeUndefined();
  });

  it("registers struct sub-fields as <struct>[<sub>] arrays", () => {
    const s = loadSchema(schemas.default).schema!;
    expect(s.field("struct_array")).toBeUndefined();
    expect(s.struct("struct_array")?.nullable).toBe(false);
    expect(s.field("struct_array[sub_int]")).toMatchObject({
      dataType: "Array",
      elementType: "Int32",
      struct: { name: "struct_array", sub: "sub_int" },
    });
    expect(s.field("struct_array[sub_str]")?.elementType).toBe("VarChar");
    expect(s.field("sub_int")).toBeUndefined();
  });

  it("keeps nestedElementType on nested struct sub-fields", () => {
    const s = loadSchema(schemas.nonfinite_arrays).schema!;
    expect(s.field("struct_array[nested_int]")).toMatchObject({ dataType: "Array", elementType: "Array", nestedElementType: "Int64" });
    expect(formatFieldType(s.field("struct_array[nested_float]")!)).toBe("Array<Array<Double>>");
    expect(s.field("DoubleArray")?.elementType).toBe("Double");
  });

  it("reads ArrayOfVector struct sub-fields and struct nullability", () => {
    const s = loadSchema(schemas.vector_struct).schema!;
    expect(s.enableDynamicField).toBe(false);
    expect(s.struct("vector_struct")?.nullable).toBe(true);
    expect(s.field("vector_struct[embeddings]")).toMatchObject({
      dataType: "ArrayOfVector",
      elementType: "FloatVector",
      dim: 4,
      nullable: true,
    });
    expect(loadSchema(schemas.struct_nullable).schema!.struct("struct_array")?.nullable).toBe(true);
  });

  it("reads enable_match = \"True\" case-insensitively", () => {
    const s = loadSchema(schemas.enable_match).schema!;
    for (const n of ["VarCharField", "StringField", "TextField"]) expect(s.field(n)?.enableMatch, n).toBe(true);
    expect(loadSchema(schemas.default).schema!.field("VarCharField")?.enableMatch).toBe(false);
  });

  it("reads primary keys, nullability and keyword-named fields", () => {
    expect(loadSchema(schemas.id_vector_only).schema!.primaryKey?.name).toBe("id");
    expect(loadSchema(schemas.int64_nullable).schema!.field("Int64Field")?.nullable).toBe(true);
    expect(loadSchema(schemas.kw_timestamptz_ISO).schema!.field("ISO")?.dataType).toBe("Timestamptz");
    expect(loadSchema(schemas.kw_timestamptz_ISO).schema!.field("iso")).toBeUndefined();
    expect(loadSchema(schemas.kw_geometry_ST_DWITHIN).schema!.field("ST_DWITHIN")?.nullable).toBe(true);
  });
});
