/**
 * entities/query (queryEntities, count) and the server preview of a delete, against the contract
 * test double: the exact request sequence, exact int64, expect / max refusals (no delete sent), and
 * the comparison with the local dry run.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMilvusClient, type MilvusClient } from "../../src/milvus/client.js";
import { MilvusError, PreflightError } from "../../src/milvus/errors.js";
import { planDelete, safeDelete } from "../../src/milvus/safe-delete.js";
import { describeServerPreview, formatCount } from "../../src/milvus/preview.js";
import { MilvusDouble } from "./milvus-double.js";
import { BIG_ID, books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

const P = "/v2/vectordb/";
const QUERY = `${P}entities/query`;
const DELETE = `${P}entities/delete`;

let double: MilvusDouble;
let client: MilvusClient;

beforeEach(async () => {
  double = await MilvusDouble.start();
  double.addCollection(books());
  client = createMilvusClient({ endpoint: double.url, retries: { max: 2, baseDelayMs: 1 } });
});
afterEach(async () => {
  await double.close();
});

const paths = (): string[] => double.requests.map((r) => r.path.slice(P.length));
const queryBodies = (): string[] => double.requestsTo(QUERY).map((r) => r.rawBody);

async function refused(p: Promise<unknown>, code: string): Promise<PreflightError> {
  const e = await p.then(
    () => {
      throw new Error(`expected PreflightError ${code}`);
    },
    (x: unknown) => x,
  );
  if (!(e instanceof PreflightError)) throw e;
  expect(e.code).toBe(code);
  expect(double.requestsTo(DELETE)).toHaveLength(0);
  return e;
}

describe("queryEntities and count", () => {
  it("sends QueryReqV2 fields as given and reads int64 keys exactly", async () => {
    const res = await client.queryEntities({
      collectionName: "books",
      filter: "year == {y}",
      exprParams: { y: 2024 },
      outputFields: ["id", "title"],
      limit: 2,
      offset: 1,
      partitionNames: ["p2024"],
      consistencyLevel: "Strong",
    });
    expect(queryBodies()[0]).toBe(
      '{"collectionName":"books","filter":"year == {y}","partitionNames":["p2024"],"exprParams":{"y":2024},"consistencyLevel":"Strong","outputFields":["id","title"],"limit":2,"offset":1}',
    );
    expect(res.rows).toEqual([
      { id: 9007199254740992n, title: "Neighbour" }, // 2^53 is past MAX_SAFE_INTEGER: bigint too
      { id: BIG_ID, title: "Big" },
    ]);
  });

  it("count(*) is exact and sends no limit", async () => {
    expect(await client.count({ collectionName: "books", filter: "year >= 2000" })).toBe(4n);
    expect(queryBodies()[0]).toBe('{"collectionName":"books","filter":"year >= 2000","outputFields":["count(*)"]}');
  });

  it("the server's window cap comes back as code 1100; an offset without a limit is refused locally", async () => {
    const e = await client.queryEntities({ collectionName: "books", filter: "id > 0", limit: 16000, offset: 385 }).catch((x: unknown) => x);
    expect((e as MilvusError).code).toBe(1100);
    expect((e as MilvusError).message).toMatch(/should be in range \[1, 16384\], but got 16385/);
    await expect(client.queryEntities({ collectionName: "books", filter: "id > 0", offset: 5 })).rejects.toThrow(/offset needs a limit/);
    await expect(client.queryEntities({ collectionName: "books", filter: "id > 0", limit: 0 })).rejects.toThrow(/limit must be an integer/);
    await expect(client.count({ collectionName: "books", filter: "", consistencyLevel: "Strongest" as never })).rejects.toThrow(/consistencyLevel/);
    expect(double.requestsTo(QUERY)).toHaveLength(1);
  });

  it("reads are retried (a transient code), and an answer of the wrong shape is an error, not a number", async () => {
    double.fault(QUERY, { kind: "envelope", code: 4, message: "too many requests" });
    expect(await client.count({ collectionName: "books", filter: "id > 0" })).toBe(5n);
    expect(double.requestsTo(QUERY)).toHaveLength(2);
    double.fault(QUERY, { kind: "raw", body: '{"code":0,"data":[{"count(*)":-1}]}' });
    await expect(client.count({ collectionName: "books", filter: "id > 0" })).rejects.toThrow(/unexpected response/);
    double.fault(QUERY, { kind: "raw", body: '{"code":0,"data":{"rows":[]}}' });
    await expect(client.queryEntities({ collectionName: "books", filter: "id > 0", limit: 1 })).rejects.toThrow(/not an array of row objects/);
  });
});

describe("safeDelete preview: server", () => {
  it("the exact request sequence: describe, load state, count, sample, then the delete", async () => {
    const res = await safeDelete(client, { collectionName: "books", filter: "year>=2024", partitionName: "p2024", purpose: "delete", preview: "server" });
    expect(paths()).toEqual([
      "collections/describe",
      "partitions/has",
      "collections/get_load_state",
      "entities/query",
      "entities/query",
      "entities/delete",
    ]);
    expect(queryBodies()).toEqual([
      '{"collectionName":"books","filter":"year >= 2024","partitionNames":["p2024"],"outputFields":["count(*)"]}',
      '{"collectionName":"books","filter":"year >= 2024","partitionNames":["p2024"],"outputFields":["id"],"limit":10}',
    ]);
    const preview = res.plan.serverPreview!;
    expect(preview).toMatchObject({ count: 3n, primaryKey: "id", consistencyLevel: null, warnings: [] });
    expect(preview.sampleKeys).toEqual([3n, 9007199254740992n, BIG_ID]);
    expect(describeServerPreview(res.plan, preview)).toBe(
      "this delete removes 3 rows from books (partition p2024); first keys: 3, 9007199254740992, 9007199254740993 [read at the collection's default consistency, as the delete will]",
    );
  });

  it("a sample smaller than the count ends with …; chosen output fields and a consistency level are sent", async () => {
    const plan = await planDelete(client, {
      collectionName: "books",
      filter: "id > 0",
      purpose: "delete",
      preview: "server",
      previewOptions: { sampleSize: 2, outputFields: ["title"], consistencyLevel: "Strong" },
    });
    expect(queryBodies()[1]).toBe('{"collectionName":"books","filter":"id > 0","consistencyLevel":"Strong","outputFields":["id","title"],"limit":2}');
    expect(plan.serverPreview!.sampleRows).toEqual([
      { id: 1, title: "Dune" },
      { id: 2, title: null },
    ]);
    expect(describeServerPreview(plan, plan.serverPreview!)).toMatch(/removes 5 rows from books; first keys: 1, 2 … \[read at Strong consistency\]$/);
    expect(double.requestsTo(DELETE)).toHaveLength(0);
  });

  it("no sample query when nothing matches; a primary-key list says how deleteCount will differ", async () => {
    const none = await planDelete(client, { collectionName: "books", filter: "year == 1800", purpose: "delete", preview: "server" });
    expect(none.serverPreview!.count).toBe(0n);
    expect(double.requestsTo(QUERY)).toHaveLength(1);
    const pk = await planDelete(client, { collectionName: "books", filter: "id in [1, 42]", purpose: "delete", preview: "server" });
    expect(describeServerPreview(pk, pk.serverPreview!)).toMatch(/removes 1 row from books; first keys: 1 \(2 keys listed, so Milvus will report deleteCount 2: milvus#51566\)/);
  });

  it("thousands are grouped", () => {
    expect(formatCount(12408n)).toBe("12,408");
    expect(formatCount(9007199254740993n)).toBe("9,007,199,254,740,993");
  });
});

describe("expect / max: refused before anything is deleted", () => {
  it("expect: a different count sends no delete and never asks for confirmation", async () => {
    let asked = false;
    const e = await refused(
      safeDelete(client, {
        collectionName: "books",
        filter: "year >= 2024",
        purpose: "delete",
        preview: "server",
        expect: 2,
        confirm: () => (asked = true),
      }),
      "preview/count-mismatch",
    );
    expect(e.message).toBe("the server counts 3 matching rows, but 2 were expected: nothing was sent");
    expect(asked).toBe(false);
    expect(double.rows("books")).toHaveLength(5);
  });

  it("max: a larger count is refused; equal counts pass", async () => {
    const e = await refused(safeDelete(client, { collectionName: "books", filter: "year >= 2024", purpose: "delete", preview: "server", max: 2n }), "preview/count-exceeds");
    expect(e.message).toMatch(/counts 3 matching rows, more than the allowed maximum of 2/);
    const ok = await safeDelete(client, { collectionName: "books", filter: "year >= 2024", purpose: "delete", preview: "server", expect: "3", max: 3 });
    expect(ok.deleteCount).toBe(3n);
  });

  it("expect without the server preview, or a bad count, is an options error before any request", async () => {
    await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", expect: 1 }), "options/invalid");
    await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", preview: "server", max: -1 }), "options/invalid");
    await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", preview: "local" }), "options/invalid");
    expect(double.requests).toHaveLength(0);
  });

  it("a primary-key delete on released data: the preview is skipped with a note, unless expect needs the count", async () => {
    double.setLoaded("books", false);
    const plan = await planDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", preview: "server" });
    expect(plan.serverPreview).toBeUndefined();
    expect(plan.notes.join(" ")).toMatch(/Server preview skipped: collection "books" is not loaded/);
    await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", preview: "server", expect: 1 }), "preview/unavailable");
  });
});

describe("the local dry run beside the server preview", () => {
  it("differences are warnings: counts, and keys when the server's sample is complete", async () => {
    const rows = [
      { id: 3, title: "Piranesi", year: 2024, tags: [], meta: {} },
      { id: 7, title: "Local only", year: 2024, tags: [], meta: {} },
    ];
    const plan = await planDelete(client, { collectionName: "books", filter: "year == 2024", purpose: "delete", preview: "server", dryRunRows: rows });
    expect(plan.dryRun!.matched).toBe(2);
    expect(plan.serverPreview!.warnings).toEqual([
      "the local dry run matches 2 of the 2 rows given, the server counts 3: the rows given may not be what the server holds, or the local semantics differ from the server's",
      "the local dry run matches keys the server does not: 7",
    ]);
  });

  it("agreement gives no warning", async () => {
    const rows = [{ id: 1, title: "Dune", year: 1965, tags: ["sf"], meta: {} }];
    const plan = await planDelete(client, { collectionName: "books", filter: "year < 2000", purpose: "delete", preview: "server", dryRunRows: rows });
    expect(plan.serverPreview!.warnings).toEqual([]);
  });
});
