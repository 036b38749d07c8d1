/**
 * withChecks against a fake @zilliz/milvus2-sdk-node client (no network): every wrapped call,
 * refusals that send nothing, ids rebuilt as escaped primary-key filters, and queryIterator's
 * pagination keeping the user's precedence and element_filter last.
 */
import { describe, expect, it } from "vitest";
import { withChecks, CHECKED_METHODS } from "../../src/milvus/with-checks.js";
import { PreflightError } from "../../src/milvus/errors.js";
import { parse } from "../../src/syntax/parse.js";

const field = (extra: Record<string, unknown>): Record<string, unknown> => ({
  type_params: [],
  autoID: false,
  element_type: "None",
  is_dynamic: false,
  is_partition_key: false,
  nullable: false,
  is_primary_key: false,
  ...extra,
});

function describeResult(pkType: "Int64" | "VarChar", extraFields: Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    status: { error_code: "Success", reason: "", code: 0 },
    collection_name: "books",
    schema: {
      name: "books",
      enable_dynamic_field: false,
      fields: [
        field({ fieldID: "100", name: "id", data_type: pkType, is_primary_key: true, type_params: pkType === "VarChar" ? [{ key: "max_length", value: "64" }] : [] }),
        field({ fieldID: "101", name: "year", data_type: "Int32" }),
        field({ fieldID: "102", name: "title", data_type: "VarChar", type_params: [{ key: "max_length", value: "512" }] }),
        field({ fieldID: "103", name: "scores", data_type: "Array", element_type: "Int64", type_params: [{ key: "max_capacity", value: "8" }] }),
        field({ fieldID: "104", name: "vec", data_type: "FloatVector", type_params: [{ key: "dim", value: "2" }] }),
        ...extraFields,
      ],
    },
  };
}

interface Call {
  method: string;
  req: Record<string, unknown>;
}

/** A stand-in MilvusClient: records every call; query pages through `rows` by the filter's `id > n`. */
function fakeClient(options: { pkType?: "Int64" | "VarChar"; describes?: Record<string, unknown>[]; rows?: number } = {}) {
  const calls: Call[] = [];
  let described = 0;
  const rows = Array.from({ length: options.rows ?? 0 }, (_, i) => ({ id: String(i + 1), year: 2000 + i }));
  const client = {
    calls,
    secret: "kept",
    async describeCollection(req: Record<string, unknown>) {
      calls.push({ method: "describeCollection", req });
      const list = options.describes ?? [describeResult(options.pkType ?? "Int64")];
      return list[Math.min(described++, list.length - 1)];
    },
    async delete(req: Record<string, unknown>) {
      calls.push({ method: "delete", req });
      return { delete_cnt: "1" };
    },
    async query(req: Record<string, unknown>) {
      calls.push({ method: "query", req });
      const m = /id > (\d+)/.exec(String(req.filter ?? ""));
      const after = m ? Number(m[1]) : 0;
      return { status: { error_code: "Success" }, data: rows.filter((r) => Number(r.id) > after).slice(0, Number(req.limit ?? 1e9)) };
    },
    async count(req: Record<string, unknown>) {
      calls.push({ method: "count", req });
      return { data: 3 };
    },
    async search(req: Record<string, unknown>) {
      calls.push({ method: "search", req });
      return { results: [] };
    },
    async hybridSearch(req: Record<string, unknown>) {
      calls.push({ method: "hybridSearch", req });
      return { results: [] };
    },
    async queryIterator(req: Record<string, unknown>) {
      calls.push({ method: "queryIterator", req });
      return [];
    },
    async searchIterator(req: Record<string, unknown>) {
      calls.push({ method: "searchIterator", req });
      return [];
    },
    insert(this: { secret: string }, req: Record<string, unknown>) {
      return { ok: this.secret, req };
    },
  };
  return client;
}

const sent = (c: ReturnType<typeof fakeClient>, method: string) => c.calls.filter((x) => x.method === method).map((x) => x.req);

async function refused(p: Promise<unknown>, code?: string): Promise<PreflightError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PreflightError);
    if (code) expect((e as PreflightError).code).toBe(code);
    return e as PreflightError;
  }
  throw new Error("expected a PreflightError");
}

describe("withChecks: every filter-taking call", () => {
  it("wraps exactly the documented methods", () => {
    expect([...CHECKED_METHODS].sort()).toEqual(["count", "delete", "hybridSearch", "query", "queryIterator", "search", "searchIterator"]);
  });

  it("delete: the canonical filter is sent, expr dropped, other options kept", async () => {
    const c = fakeClient();
    const checked = withChecks(c);
    await checked.delete({ collection_name: "books", expr: "year>2000   AND title=='x'", consistency_level: "Strong" });
    expect(sent(c, "delete")).toEqual([{ collection_name: "books", filter: 'year > 2000 and title == "x"', consistency_level: "Strong" }]);
  });

  it("delete({ids}) with VarChar keys: an escaped, checked primary-key filter (the SDK pastes them unescaped)", async () => {
    const c = fakeClient({ pkType: "VarChar" });
    await withChecks(c).delete({ collection_name: "books", ids: ['a"] or id != "', "c\\d"] });
    const [req] = sent(c, "delete");
    expect(req).toEqual({ collection_name: "books", filter: 'id in ["a\\"] or id != \\"", "c\\\\d"]' });
    const ast = parse(String(req!.filter)).ast!;
    expect(ast.kind).toBe("Term");
  });

  it("delete({ids}) with Int64 keys: exact digits beyond 2^53, refused numbers that are not exact", async () => {
    const c = fakeClient();
    const checked = withChecks(c);
    await checked.delete({ collection_name: "books", ids: ["9007199254740993", 7n, 3] });
    expect(sent(c, "delete")[0]!.filter).toBe("id in [9007199254740993, 7, 3]");
    await refused(checked.delete({ collection_name: "books", ids: [2 ** 60] }), "params/int64-precision");
    await refused(checked.delete({ collection_name: "books", ids: ["1 or true"] }), "options/invalid");
    await refused(checked.delete({ collection_name: "books", ids: [] }), "options/invalid");
    expect(sent(c, "delete")).toHaveLength(1);
  });

  it("a refused filter sends nothing, for every method", async () => {
    const c = fakeClient();
    const checked = withChecks(c);
    const bad = { collection_name: "books", filter: "year > 1.5" };
    await refused(checked.delete(bad), "filter/invalid");
    await refused(checked.query(bad), "filter/invalid");
    await refused(checked.count(bad), "filter/invalid");
    await refused(checked.search({ ...bad, data: [0.1, 0.2] }), "filter/invalid");
    await refused(checked.hybridSearch({ collection_name: "books", data: [{ anns_field: "vec", data: [0.1, 0.2], expr: "nope == 1" }] }), "filter/invalid");
    await refused(checked.queryIterator(bad), "filter/invalid");
    await refused(checked.searchIterator({ ...bad, data: [0.1, 0.2] }), "filter/invalid");
    await refused(checked.delete({ collection_name: "books", filter: "1 == 1" }), "filter/invalid");
    await refused(checked.delete({ collection_name: "books", filter: "year > 1", expr: "year > 2" }), "options/invalid");
    await refused(checked.delete({ collection_name: "books", ids: [1], filter: "year > 1" }), "options/invalid");
    await refused(checked.delete({ collection_name: "books" }), "options/invalid");
    await refused(checked.query({ collection_name: "books", filter: "year > {y}", exprValues: { y: 1n } }), "params/invalid");
    expect(c.calls.every((x) => x.method === "describeCollection")).toBe(true);
  });

  it("a string literal past the 16 MiB limit is refused, not a crash", async () => {
    const c = fakeClient();
    await refused(withChecks(c).query({ collection_name: "books", filter: `title == "${"x".repeat(17 * 1024 * 1024)}"` }), "filter/invalid");
    expect(sent(c, "query")).toHaveLength(0);
  });

  it("query: filter and exprValues checked and sent; ids rebuilt; no filter passes through", async () => {
    const c = fakeClient();
    const checked = withChecks(c);
    await checked.query({ collection_name: "books", filter: "year > {y}", exprValues: { y: 2000 }, output_fields: ["id"] });
    await checked.query({ collection_name: "books", ids: [1, 2] });
    await checked.query({ collection_name: "books", limit: 5 });
    expect(sent(c, "query")).toEqual([
      { collection_name: "books", filter: "year > {y}", exprValues: { y: 2000 }, output_fields: ["id"] },
      { collection_name: "books", filter: "id in [1, 2]" },
      { collection_name: "books", limit: 5 },
    ]);
  });

  it("count: sent as expr (the SDK's count reads only expr) with template values inline (it drops exprValues)", async () => {
    const c = fakeClient();
    await withChecks(c).count({ collection_name: "books", filter: "year > {y}", exprValues: { y: 2000 } });
    expect(sent(c, "count")).toEqual([{ collection_name: "books", expr: "year > 2000" }]);
  });

  it("search and hybridSearch: the top-level and each sub-request's filter checked", async () => {
    const c = fakeClient();
    const checked = withChecks(c);
    await checked.search({ collection_name: "books", data: [0.1, 0.2], expr: "year>1", limit: 3 });
    expect(sent(c, "search")).toEqual([{ collection_name: "books", data: [0.1, 0.2], filter: "year > 1", limit: 3 }]);
    await checked.hybridSearch({
      collection_name: "books",
      data: [
        { anns_field: "vec", data: [0.1, 0.2], expr: "year>1 OR year<0" },
        { anns_field: "vec", data: [0.3, 0.4] },
      ],
      limit: 2,
    });
    expect(sent(c, "hybridSearch")).toEqual([
      {
        collection_name: "books",
        data: [
          { anns_field: "vec", data: [0.1, 0.2], filter: "year > 1 or year < 0" },
          { anns_field: "vec", data: [0.3, 0.4] },
        ],
        limit: 2,
      },
    ]);
  });

  it("describes each collection once, and again when a filter is refused for a schema reason", async () => {
    const newer = describeResult("Int64", [field({ fieldID: "105", name: "pages", data_type: "Int32" })]);
    const c = fakeClient({ describes: [describeResult("Int64"), newer] });
    const checked = withChecks(c);
    await checked.query({ collection_name: "books", filter: "year > 1" });
    await checked.count({ collection_name: "books", filter: "year > 1" });
    expect(sent(c, "describeCollection")).toHaveLength(1);
    await checked.query({ collection_name: "books", filter: "pages > 1" });
    expect(sent(c, "describeCollection")).toHaveLength(2);
    expect(sent(c, "query").at(-1)!.filter).toBe("pages > 1");
  });

  it("other methods pass through, bound to the client", () => {
    const c = fakeClient();
    expect(withChecks(c).insert({ x: 1 })).toEqual({ ok: "kept", req: { x: 1 } });
  });
});

describe("withChecks: iterators keep precedence and element_filter last", () => {
  async function drain(it: AsyncIterable<unknown[]>): Promise<unknown[][]> {
    const out: unknown[][] = [];
    for await (const page of it) out.push(page);
    return out;
  }

  it("queryIterator pages with `id > last and (user)` (pymilvus#2113: the SDK glued `user && id > last`)", async () => {
    const c = fakeClient({ rows: 5 });
    const pages = await drain((await withChecks(c).queryIterator({ collection_name: "books", filter: "year == 2000 or year >= 2001", batchSize: 2 })) as unknown as AsyncIterable<unknown[]>);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const filters = sent(c, "query").map((r) => r.filter);
    expect(filters).toEqual(["year == 2000 or year >= 2001", "id > 2 and (year == 2000 or year >= 2001)", "id > 4 and (year == 2000 or year >= 2001)"]);
    for (const f of filters.slice(1)) {
      const ast = parse(String(f)).ast!;
      expect(ast.kind).toBe("And");
      expect((ast as unknown as { operands: { kind: string }[] }).operands[1]!.kind).toBe("Or");
    }
  });

  it("queryIterator keeps element_filter the last conjunct (pymilvus PR#3436)", async () => {
    const c = fakeClient({ rows: 3 });
    await drain((await withChecks(c).queryIterator({ collection_name: "books", filter: "year > 1 and element_filter(scores, $ > 3)", batchSize: 2 })) as unknown as AsyncIterable<unknown[]>);
    const filters = sent(c, "query").map((r) => String(r.filter));
    expect(filters[1]).toBe("id > 2 and year > 1 and element_filter(scores, $ > 3)");
    for (const f of filters) expect(f.endsWith("element_filter(scores, $ > 3)")).toBe(true);
  });

  it("queryIterator honours limit and pages without a user filter", async () => {
    const c = fakeClient({ rows: 5 });
    const pages = await drain((await withChecks(c).queryIterator({ collection_name: "books", batchSize: 2, limit: 3 })) as unknown as AsyncIterable<unknown[]>);
    expect(pages.flat()).toHaveLength(3);
    expect(sent(c, "query").map((r) => r.filter)).toEqual([undefined, "id > 2"]);
  });

  it("queryIterator asks for the primary key when output_fields leaves it out (paging needs it)", async () => {
    const c = fakeClient({ rows: 3 });
    const pages = await drain((await withChecks(c).queryIterator({ collection_name: "books", output_fields: ["year"], batchSize: 2 })) as unknown as AsyncIterable<unknown[]>);
    expect(pages.flat()).toHaveLength(3);
    expect(sent(c, "query").map((r) => r.output_fields)).toEqual([["year", "id"], ["year", "id"]]);
  });

  it("searchIterator: the filter goes parenthesised; one ending in element_filter is refused", async () => {
    const c = fakeClient();
    const checked = withChecks(c);
    await checked.searchIterator({ collection_name: "books", data: [0.1, 0.2], filter: "year == 1 or year == 2", batchSize: 10 });
    expect(sent(c, "searchIterator")).toEqual([{ collection_name: "books", data: [0.1, 0.2], batchSize: 10, filter: "(year == 1 or year == 2)", expr: "(year == 1 or year == 2)" }]);
    await refused(checked.searchIterator({ collection_name: "books", data: [0.1, 0.2], filter: "element_filter(scores, $ > 3)" }), "options/invalid");
    expect(sent(c, "searchIterator")).toHaveLength(1);
  });
});
