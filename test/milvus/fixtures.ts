/** Collections and rows shared by the Milvus contract tests (hand-written after milvus-api-notes §1.8). */
import type { DoubleCollectionSpec } from "./milvus-double.js";

export const BIG_ID = 9007199254740993n; // 2^53 + 1: not representable as a JS number
export const COLLECTION_ID = 448707763883002014n;

export const BOOK_FIELDS = [
  { name: "id", id: 100, type: "Int64", primaryKey: true, partitionKey: false, autoId: false, nullable: false, description: "" },
  { name: "title", id: 101, type: "VarChar", params: [{ key: "max_length", value: "512" }], nullable: true, primaryKey: false, partitionKey: false },
  { name: "year", id: 102, type: "Int32", nullable: false, primaryKey: false, partitionKey: false },
  { name: "tags", id: 103, type: "Array", elementType: "VarChar", params: [{ key: "max_capacity", value: "8" }, { key: "max_length", value: "32" }] },
  { name: "meta", id: 104, type: "JSON", nullable: false },
  { name: "vec", id: 105, type: "FloatVector", params: [{ key: "dim", value: "4" }] },
];

export function bookRows(): DoubleCollectionSpec["rows"] {
  return [
    { partition: "p2023", row: { id: 1, title: "Dune", year: 1965, tags: ["sf"], meta: { lang: "en" } } },
    { partition: "p2023", row: { id: 2, title: null, year: 2023, tags: [], meta: {} } },
    { partition: "p2024", row: { id: 3, title: "Piranesi", year: 2024, tags: ["fantasy"], meta: { lang: "en" } } },
    { partition: "p2024", row: { id: BIG_ID, title: "Big", year: 2024, tags: ["x"], meta: { lang: "de" } } },
    { partition: "p2024", row: { id: 9007199254740992, title: "Neighbour", year: 2024, tags: [], meta: {} } },
  ];
}

export function books(overrides: Partial<DoubleCollectionSpec> = {}): DoubleCollectionSpec {
  return {
    name: "books",
    collectionId: COLLECTION_ID,
    fields: BOOK_FIELDS,
    enableDynamicField: false,
    partitions: ["p2023", "p2024"],
    loaded: true,
    rows: bookRows(),
    ...overrides,
  };
}

/** A partition-key collection (Milvus refuses a delete naming a partition there). */
export function tenants(): DoubleCollectionSpec {
  return {
    name: "tenants",
    collectionId: 448707763883002999n,
    fields: [
      { name: "pk", type: "VarChar", primaryKey: true, params: [{ key: "max_length", value: "64" }] },
      { name: "tenant", type: "VarChar", partitionKey: true, params: [{ key: "max_length", value: "64" }] },
      { name: "vec", type: "FloatVector", params: [{ key: "dim", value: "4" }] },
    ],
    rows: [
      { row: { pk: "a", tenant: "t1" } },
      { row: { pk: 'b"c', tenant: "t2" } },
    ],
  };
}
