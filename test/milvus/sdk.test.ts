/**
 * checkedDelete against a stand-in for @zilliz/milvus2-sdk-node's MilvusClient (the SDK is not a
 * dependency): the describe shape is the SDK's raw gRPC result (enum names, int64 as strings).
 */
import { describe, expect, it } from "vitest";
import { checkedDelete, type SdkClientLike } from "../../src/milvus/sdk.js";
import { PreflightError } from "../../src/milvus/errors.js";

const field = (extra: Record<string, unknown>): Record<string, unknown> => ({
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

function describeResult(pkType: "Int64" | "VarChar", partitionKey = false): Record<string, unknown> {
  return {
    status: { error_code: "Success", reason: "", code: 0 },
    collection_name: "books",
    collectionID: "448707763883002014",
    schema: {
      name: "books",
      enable_dynamic_field: false,
      fields: [
        field({ fieldID: "100", name: "id", data_type: pkType, is_primary_key: true, type_params: pkType === "VarChar" ? [{ key: "max_length", value: "64" }] : [] }),
        field({ fieldID: "101", name: "year", data_type: "Int32" }),
        field({ fieldID: "102", name: "title", data_type: "VarChar", nullable: true, type_params: [{ key: "max_length", value: "512" }] }),
        field({ fieldID: "103", name: "tenant", data_type: "VarChar", is_partition_key: partitionKey, type_params: [{ key: "max_length", value: "64" }] }),
        field({ fieldID: "104", name: "vec", data_type: "FloatVector", type_params: [{ key: "dim", value: "4" }] }),
      ],
    },
  };
}

interface Fake extends SdkClientLike<{ status: { error_code: string }; delete_cnt: string }> {
  calls: { method: string; req: unknown }[];
}

function fakeSdk(options: { pkType?: "Int64" | "VarChar"; state?: string; partitionKey?: boolean; noLoadState?: boolean } = {}): Fake {
  const calls: Fake["calls"] = [];
  const fake: Fake = {
    calls,
    async describeCollection(req) {
      calls.push({ method: "describeCollection", req });
      return describeResult(options.pkType ?? "Int64", options.partitionKey);
    },
    async delete(req: unknown) {
      calls.push({ method: "delete", req });
      return { status: { error_code: "Success" }, delete_cnt: "2" };
    },
  };
  if (!options.noLoadState) {
    fake.getLoadState = async (req) => {
      calls.push({ method: "getLoadState", req });
      return { status: { error_code: "Success", code: 0 }, state: options.state ?? "LoadStateLoaded" };
    };
  }
  return fake;
}

const deletes = (f: Fake): unknown[] => f.calls.filter((c) => c.method === "delete").map((c) => c.req);

async function refused(p: Promise<unknown>, code: string, f: Fake): Promise<PreflightError> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(PreflightError);
  expect((e as PreflightError).code).toBe(code);
  expect(deletes(f)).toEqual([]);
  return e as PreflightError;
}

describe("checkedDelete", () => {
  it("checks, then calls client.delete with the canonical filter and pass-through options; returns its result", async () => {
    const f = fakeSdk();
    const res = await checkedDelete(f, { collection_name: "books", filter: "id IN [1,2]", consistency_level: "Strong", timeout: 5000 });
    expect(res).toEqual({ status: { error_code: "Success" }, delete_cnt: "2" });
    expect(f.calls.map((c) => c.method)).toEqual(["describeCollection", "delete"]);
    expect(deletes(f)).toEqual([{ consistency_level: "Strong", timeout: 5000, collection_name: "books", filter: "id in [1, 2]" }]);
  });

  it("accepts expr (older name) and sends it as filter", async () => {
    const f = fakeSdk();
    await checkedDelete(f, { collection_name: "books", expr: "id == 1", db_name: "default" });
    expect(f.calls[0]!.req).toEqual({ collection_name: "books", db_name: "default" });
    expect(deletes(f)).toEqual([{ collection_name: "books", filter: "id == 1", db_name: "default" }]);
  });

  it("query-first deletes consult getLoadState and refuse when not loaded", async () => {
    const ok = fakeSdk();
    await checkedDelete(ok, { collection_name: "books", filter: "year < 2000", partition_name: "p1" });
    expect(ok.calls.map((c) => c.method)).toEqual(["describeCollection", "getLoadState", "delete"]);
    expect(ok.calls[1]!.req).toEqual({ collection_name: "books", partition_names: ["p1"] });
    const f = fakeSdk({ state: "LoadStateNotLoad" });
    const e = await refused(checkedDelete(f, { collection_name: "books", filter: "year < 2000" }), "target/not-loaded", f);
    expect(e.message).toMatch(/not loaded \(LoadStateNotLoad\)/);
    // without getLoadState on the client, or with requireLoaded: false, the check is skipped
    await checkedDelete(fakeSdk({ noLoadState: true }), { collection_name: "books", filter: "year < 2000" });
    await checkedDelete(f, { collection_name: "books", filter: "year < 2000" }, { requireLoaded: false });
    expect(deletes(f)).toHaveLength(1);
  });

  it("exprValues are checked like the SDK will encode them and passed on", async () => {
    const f = fakeSdk();
    await checkedDelete(f, { collection_name: "books", filter: "year in {ys} and id > {min}", exprValues: { ys: [1999, 2000], min: 10 } });
    expect(deletes(f)).toEqual([{ collection_name: "books", filter: "year in {ys} and id > {min}", exprValues: { ys: [1999, 2000], min: 10 } }]);
    const g = fakeSdk();
    await refused(checkedDelete(g, { collection_name: "books", filter: "year in {ys}", exprValues: { ys: ["x"] } }), "filter/invalid", g);
  });

  it.each([
    ["bigint (the SDK drops it silently)", { v: 5n }, "params/invalid", /drops bigint/],
    ["null", { v: null }, "params/invalid", /drops it silently/],
    ["an unsafe number", { v: 9007199254740993 }, "params/int64-precision", /beyond 2\^53/],
    ["a mixed int/fraction array", { v: [1, 2.5] }, "params/invalid", /first element/],
    ["an object", { v: { a: 1 } }, "params/invalid", /object/],
  ])("refuses exprValues with %s", async (_n, exprValues, code, message) => {
    const f = fakeSdk();
    const e = await refused(checkedDelete(f, { collection_name: "books", filter: "id == {v}", exprValues }), code, f);
    expect(e.message).toMatch(message);
  });

  it("refuses ambiguous requests the SDK would resolve silently", async () => {
    const f = fakeSdk();
    await refused(checkedDelete(f, { collection_name: "books", filter: "id == 1", expr: "id == 2" }), "options/invalid", f);
    await refused(checkedDelete(f, { collection_name: "books", filter: "id == 1", ids: [2] }), "options/invalid", f);
    await refused(checkedDelete(f, { collection_name: "books" }), "options/invalid", f);
    await refused(checkedDelete(f, { collection_name: "" }), "options/invalid", f);
    expect(f.calls).toEqual([]);
  });

  it("invalid filters never reach client.delete", async () => {
    const f = fakeSdk();
    const e = await refused(checkedDelete(f, { collection_name: "books", filter: "year > 1.5" }), "filter/invalid", f);
    expect(e.diagnostics.length).toBeGreaterThan(0);
    await refused(checkedDelete(f, { collection_name: "books", filter: "" }), "filter/invalid", f);
    await refused(checkedDelete(f, { collection_name: "books", filter: "true" }), "filter/invalid", f);
  });

  it("a filter that cannot be right is refused before describeCollection is called", async () => {
    for (const filter of ["id in [1,", "true", "   "]) {
      const f = fakeSdk();
      await refused(checkedDelete(f, { collection_name: "books", filter }), "filter/invalid", f);
      expect(f.calls).toEqual([]);
    }
  });

  it("ids become a safely built key list: exact int64 digits, quoted strings", async () => {
    const f = fakeSdk();
    await checkedDelete(f, { collection_name: "books", ids: [1, 9007199254740993n, "9223372036854775807"] });
    expect(deletes(f)).toEqual([{ collection_name: "books", filter: "id in [1, 9007199254740993, 9223372036854775807]" }]);
    const s = fakeSdk({ pkType: "VarChar" });
    await checkedDelete(s, { collection_name: "books", ids: ['a"b', '") or true or ("'] });
    expect(deletes(s)).toEqual([{ collection_name: "books", filter: 'id in ["a\\"b", "\\") or true or (\\""]' }]);
  });

  it("refuses ids that cannot be exact or do not fit the key type", async () => {
    const f = fakeSdk();
    await refused(checkedDelete(f, { collection_name: "books", ids: [9007199254740993] }), "params/int64-precision", f);
    await refused(checkedDelete(f, { collection_name: "books", ids: ["1 or true"] }), "options/invalid", f);
    await refused(checkedDelete(f, { collection_name: "books", ids: [] }), "options/invalid", f);
    const s = fakeSdk({ pkType: "VarChar" });
    await refused(checkedDelete(s, { collection_name: "books", ids: [1] }), "options/invalid", s);
  });

  it("partition_name on a partition-key collection is refused", async () => {
    const f = fakeSdk({ partitionKey: true });
    await refused(checkedDelete(f, { collection_name: "books", filter: "id == 1", partition_name: "p" }), "partition/partition-key", f);
  });

  it("a failed describe status is refused", async () => {
    const f = fakeSdk();
    f.describeCollection = async () => ({ status: { error_code: "CollectionNotExists", reason: "can't find collection", code: 100 }, schema: { fields: [] } });
    const e = await refused(checkedDelete(f, { collection_name: "books", filter: "id == 1" }), "schema/unusable", f);
    expect(e.message).toMatch(/can't find collection/);
  });

  it("dry run and confirm", async () => {
    const f = fakeSdk();
    const rows = [{ id: 1, year: 1990 }, { id: 2, year: 2020 }];
    await refused(
      checkedDelete(f, { collection_name: "books", filter: "year < 2000" }, { dryRunRows: rows, confirm: (p) => p.dryRun!.matched === 0 }),
      "declined",
      f,
    );
    await checkedDelete(f, { collection_name: "books", filter: "year < 2000" }, { dryRunRows: rows, confirm: (p) => p.dryRun!.matchedIndexes[0] === 0 });
    expect(deletes(f)).toHaveLength(1);
  });
});
