/** Example inputs shared by the schema tests (hand-written after the shapes documented in the spec notes). */

/** REST v2 `collections/describe` response, as in milvus-api-notes §1.8 (collectionID exceeds 2^53). */
export const REST_DESCRIBE_TEXT = `{
  "code": 0,
  "message": "",
  "data": {
    "collectionName": "books",
    "collectionID": 448707763883002014,
    "description": "",
    "autoId": false,
    "fields": [
      { "name": "id", "id": 100, "type": "Int64", "primaryKey": true, "partitionKey": false,
        "clusteringKey": false, "autoId": false, "nullable": false, "description": "" },
      { "name": "title", "id": 101, "type": "VarChar",
        "params": [{"key": "max_length", "value": "512"}, {"key": "enable_match", "value": "true"}],
        "nullable": true, "defaultValue": { "Data": { "StringData": "untitled" } },
        "primaryKey": false, "partitionKey": false, "clusteringKey": false, "autoId": false, "description": "" },
      { "name": "tags", "id": 102, "type": "Array", "elementType": "VarChar",
        "params": [{"key": "max_capacity", "value": "16"}, {"key": "max_length", "value": "64"}],
        "primaryKey": false, "partitionKey": false, "nullable": false },
      { "name": "meta", "id": 103, "type": "JSON", "nullable": false },
      { "name": "vec", "id": 104, "type": "FloatVector", "params": [{"key": "dim", "value": "768"}] },
      { "name": "sparse", "type": "SparseFloatVector", "isFunctionOutput": true }
    ],
    "structFields": [ { "name": "clips", "id": 0, "type": "ArrayOfStruct", "nullable": false, "description": "",
      "fields": [
        { "name": "label", "type": "Array", "elementType": "VarChar", "params": [{"key": "max_length", "value": "32"}] },
        { "name": "emb", "type": "ArrayOfVector", "elementType": "FloatVector", "params": [{"key": "dim", "value": "4"}] }
      ],
      "params": [{"key": "max_capacity", "value": "8"}] } ],
    "functions": [ { "name": "bm25", "id": 0, "type": 1, "description": "",
                     "inputFieldNames": ["title"], "outputFieldNames": ["sparse"], "params": [] } ],
    "aliases": [],
    "indexes": [ { "fieldName": "vec", "indexName": "vec", "metricType": "COSINE" } ],
    "load": "LoadStateLoaded",
    "shardsNum": 1,
    "partitionsNum": 1,
    "consistencyLevel": "Bounded",
    "enableDynamicField": true,
    "properties": [ {"key": "collection.ttl.seconds", "value": "0"} ]
  }
}`;

const sdkField = (extra: Record<string, unknown>): Record<string, unknown> => ({
  type_params: [],
  index_params: [],
  description: "",
  autoID: false,
  state: "FieldCreated",
  element_type: "None",
  default_value: null,
  is_dynamic: false,
  is_partition_key: false,
  is_clustering_key: false,
  nullable: false,
  is_function_output: false,
  is_primary_key: false,
  ...extra,
});

/** Raw gRPC DescribeCollection as @zilliz/milvus2-sdk-node returns it (enums as names, longs as strings). */
export function sdkRawResult(): Record<string, unknown> {
  return {
    status: { extra_info: {}, error_code: "Success", reason: "", code: 0, retriable: false, detail: "" },
    schema: {
      name: "books",
      description: "",
      autoID: false,
      enable_dynamic_field: true,
      properties: [],
      functions: [],
      dbName: "default",
      fields: [
        sdkField({ fieldID: "100", name: "id", data_type: "Int64", is_primary_key: true, autoID: true }),
        sdkField({
          fieldID: "101",
          name: "title",
          data_type: "VarChar",
          nullable: true,
          type_params: [
            { key: "max_length", value: "512" },
            { key: "enable_analyzer", value: "true" },
            { key: "enable_match", value: "True" },
          ],
        }),
        sdkField({ fieldID: "102", name: "tags", data_type: "Array", element_type: "Int64", type_params: [{ key: "max_capacity", value: "4" }] }),
        sdkField({ fieldID: "103", name: "vec", data_type: "FloatVector", type_params: [{ key: "dim", value: "8" }] }),
        sdkField({ fieldID: "104", name: "category", data_type: "VarChar", is_partition_key: true, type_params: [{ key: "max_length", value: "32" }] }),
        sdkField({ fieldID: "105", name: "$meta", data_type: "JSON", is_dynamic: true }),
      ],
      struct_array_fields: [
        {
          fieldID: "106",
          name: "clips",
          description: "",
          nullable: false,
          type_params: [{ key: "max_capacity", value: "8" }],
          fields: [
            sdkField({ fieldID: "107", name: "label", data_type: "Array", element_type: "VarChar", type_params: [{ key: "max_length", value: "32" }, { key: "max_capacity", value: "8" }] }),
            sdkField({ fieldID: "108", name: "emb", data_type: "ArrayOfVector", element_type: "FloatVector", type_params: [{ key: "dim", value: "4" }, { key: "max_capacity", value: "8" }] }),
          ],
        },
      ],
    },
    collectionID: "448707763883002014",
    collection_name: "books",
    consistency_level: "Bounded",
    aliases: [],
    shards_num: 1,
    num_partitions: "1",
    db_name: "default",
    created_timestamp: "455000000000000000",
  };
}

/**
 * What the SDK's formatDescribedCol makes of it: numeric `dataType` added, type params flattened onto
 * fields, struct arrays appended to `fields` as Array<Struct> whose children carry the element type as
 * `data_type` (the same objects stay in `struct_array_fields`).
 */
export function sdkFormattedResult(): Record<string, unknown> {
  const r = sdkRawResult();
  const schema = r.schema as { fields: Record<string, unknown>[]; struct_array_fields: Record<string, unknown>[] };
  const codes: Record<string, number> = { Int64: 5, VarChar: 21, Array: 22, JSON: 23, FloatVector: 101 };
  const flatten = (f: Record<string, unknown>): void => {
    f.dataType = codes[f.data_type as string];
    for (const kv of f.type_params as { key: string; value: string }[]) f[kv.key] = kv.value;
  };
  schema.fields.forEach(flatten);
  for (const s of schema.struct_array_fields) {
    Object.assign(s, { data_type: "Array", dataType: 22, element_type: "Struct", elementType: 201 });
    for (const c of s.fields as Record<string, unknown>[]) {
      c.data_type = c.element_type;
      delete c.element_type;
      c.type_params = (c.type_params as { key: string }[]).filter((kv) => kv.key !== "max_capacity");
      flatten(c);
    }
  }
  schema.fields = [...schema.fields, ...schema.struct_array_fields];
  return r;
}

export const COMPACT_BOOKS = {
  name: "books",
  dynamic: true,
  fields: {
    id: "Int64 primary",
    title: "VarChar(512) nullable match",
    tags: "Array<VarChar>",
    meta: "JSON",
    vec: "FloatVector(768)",
  },
};
