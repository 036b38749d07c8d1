import { describe, expect, it } from "vitest";
import {
  CollectionSchema,
  DATA_TYPE_CODES,
  DATA_TYPES,
  dataTypeFromCode,
  formatFieldType,
  isArrayLike,
  isFloatType,
  isIntegerType,
  isNumericType,
  isStringType,
  isVectorType,
  normalizeDataType,
  type DataType,
} from "../../src/schema/index.js";

describe("DataType", () => {
  it("covers every milvus-proto DataType with its enum number", () => {
    expect(DATA_TYPES).toHaveLength(28);
    expect(DATA_TYPE_CODES).toMatchObject({
      None: 0, Bool: 1, Int8: 2, Int16: 3, Int32: 4, Int64: 5, Float: 10, Double: 11,
      String: 20, VarChar: 21, Array: 22, JSON: 23, Geometry: 24, Text: 25, Timestamptz: 26,
      Mol: 27, Date: 28, Time: 29, Decimal: 30,
      BinaryVector: 100, FloatVector: 101, Float16Vector: 102, BFloat16Vector: 103,
      SparseFloatVector: 104, Int8Vector: 105, ArrayOfVector: 106, ArrayOfStruct: 200, Struct: 201,
    });
    for (const t of DATA_TYPES) expect(dataTypeFromCode(DATA_TYPE_CODES[t])).toBe(t);
    expect(new Set(Object.values(DATA_TYPE_CODES)).size).toBe(28);
  });

  it("normalises names case-insensitively, with or without underscores, and numbers", () => {
    const cases: [unknown, DataType | undefined][] = [
      ["varchar", "VarChar"],
      ["VARCHAR", "VarChar"],
      ["json", "JSON"],
      ["FLOAT_VECTOR", "FloatVector"],
      ["bfloat16_vector", "BFloat16Vector"],
      [" Int64 ", "Int64"],
      ["arrayofstruct", "ArrayOfStruct"],
      [5, "Int64"],
      ["21", "VarChar"],
      [200, "ArrayOfStruct"],
      [0, "None"],
      [5.5, undefined],
      [7, undefined],
      ["Int65", undefined],
      ["", undefined],
      [null, undefined],
      [{}, undefined],
      ["toString", undefined],
      ["__proto__", undefined],
    ];
    for (const [input, out] of cases) expect(normalizeDataType(input), String(input)).toBe(out);
  });

  it("classifies types", () => {
    expect(DATA_TYPES.filter(isIntegerType)).toEqual(["Int8", "Int16", "Int32", "Int64"]);
    expect(DATA_TYPES.filter(isFloatType)).toEqual(["Float", "Double"]);
    expect(DATA_TYPES.filter(isNumericType)).toHaveLength(6);
    expect(DATA_TYPES.filter(isStringType)).toEqual(["String", "VarChar"]);
    expect(DATA_TYPES.filter(isVectorType)).toEqual([
      "BinaryVector", "FloatVector", "Float16Vector", "BFloat16Vector", "SparseFloatVector", "Int8Vector",
    ]);
    expect(DATA_TYPES.filter(isArrayLike)).toEqual(["Array", "ArrayOfVector", "ArrayOfStruct"]);
    expect(isNumericType(undefined)).toBe(false);
  });

  it("formats field types for messages", () => {
    expect(formatFieldType({ dataType: "Int64" })).toBe("Int64");
    expect(formatFieldType({ dataType: "Array", elementType: "VarChar" })).toBe("Array<VarChar>");
    expect(formatFieldType({ dataType: "Array", elementType: "Array", nestedElementType: "Int8" })).toBe("Array<Array<Int8>>");
  });
});

describe("CollectionSchema", () => {
  const f = (name: string, dataType: DataType, primaryKey = false) => ({
    name, dataType, nullable: false, primaryKey, partitionKey: false, autoId: false, params: {}, enableMatch: false,
  });

  it("can be built directly", () => {
    const s = new CollectionSchema({ enableDynamicField: false, fields: [f("a", "Int64"), f("b", "VarChar", true)] });
    expect(s.primaryKey?.name).toBe("b");
    expect(s.field("a")?.dataType).toBe("Int64");
    expect(s.field("hasOwnProperty")).toBeUndefined();
    expect(s.structs).toEqual([]);
    expect(s.name).toBeUndefined();
  });
});
