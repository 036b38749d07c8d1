/**
 * safeDelete / safeDropPartition / safe releases against the contract test double: what is sent,
 * in which order, and that every refusal sends nothing destructive.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMilvusClient, type MilvusClient } from "../../src/milvus/client.js";
import { MilvusError, PreflightError, isPartitionLoadedError } from "../../src/milvus/errors.js";
import {
  executeDeletePlan,
  planDelete,
  safeDelete,
  safeDropPartition,
  safeReleaseCollection,
  safeReleasePartitions,
  type DeletePlan,
} from "../../src/milvus/safe-delete.js";
import { filter as buildFilter } from "../../src/builder/filter.js";
import { MilvusDouble } from "./milvus-double.js";
import { BIG_ID, books, tenants } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

const P = "/v2/vectordb/";
const DELETE = `${P}entities/delete`;
const DESTRUCTIVE = [DELETE, `${P}partitions/drop`, `${P}partitions/release`, `${P}collections/release`];

let double: MilvusDouble;
let client: MilvusClient;

beforeEach(async () => {
  double = await MilvusDouble.start();
  double.addCollection(books());
  double.addCollection(tenants());
  client = createMilvusClient({ endpoint: double.url, retries: { max: 1, baseDelayMs: 1 } });
});
afterEach(async () => {
  await double.close();
});

const paths = (): string[] => double.requests.map((r) => r.path.slice(P.length));
const destructive = (): number => double.requests.filter((r) => DESTRUCTIVE.includes(r.path)).length;

async function refused(p: Promise<unknown>, code: string): Promise<PreflightError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof PreflightError)) throw e;
    expect(e.code).toBe(code);
    expect(e.sent).toBe(false);
    expect(destructive()).toBe(0);
    return e;
  }
  throw new Error(`expected PreflightError ${code}`);
}

describe("safeDelete: primary-key fast path", () => {
  it("describe → delete with the canonical filter; no load-state call; deleteCount counts listed keys", async () => {
    double.setLoaded("books", false); // the fast path needs no load
    const res = await safeDelete(client, { collectionName: "books", filter: "id IN [1,9007199254740993, 42]", purpose: "delete" });
    expect(paths()).toEqual(["collections/describe", "entities/delete"]);
    expect(double.requestsTo(DELETE)[0]!.rawBody).toBe('{"collectionName":"books","filter":"id in [1, 9007199254740993, 42]"}');
    expect(res.sent).toEqual({ filter: "id in [1, 9007199254740993, 42]" });
    expect(res.classification).toBe("primary-key");
    expect(res.deleteCount).toBe(3n); // 42 does not exist: milvus#51566
    expect(res.plan.listedKeys).toBe(3);
    expect(res.plan.notes.join(" ")).toMatch(/deleteCount will be 3.*milvus#51566/);
    expect(double.rows("books").map((r) => r.id)).toEqual([2, 3, 9007199254740992]);
  });

  it("pk == v is the fast path too", async () => {
    const res = await safeDelete(client, { collectionName: "books", filter: "id == 3", purpose: "delete" });
    expect(res.classification).toBe("primary-key");
    expect(res.deleteCount).toBe(1n);
  });

  it("a partition is checked to exist and sent", async () => {
    const res = await safeDelete(client, { collectionName: "books", filter: "id in [3]", partitionName: "p2024", purpose: "delete" });
    expect(paths()).toEqual(["collections/describe", "partitions/has", "entities/delete"]);
    expect(res.sent).toEqual({ filter: "id in [3]", partitionName: "p2024" });
  });
});

describe("safeDelete: query-first", () => {
  it("checks the load state, then deletes what the filter matches", async () => {
    const res = await safeDelete(client, { collectionName: "books", filter: "year>=2024 and tags[0]!='x'", purpose: "delete" });
    expect(paths()).toEqual(["collections/describe", "collections/get_load_state", "entities/delete"]);
    expect(res.sent.filter).toBe('year >= 2024 and tags[0] != "x"');
    expect(res.classification).toBe("query-first");
    expect(res.plan.loadState).toEqual({ loadState: "LoadStateLoaded", loadProgress: 100 });
    expect(res.plan.notes.join(" ")).toMatch(/not atomic.*Bounded/);
    expect(res.deleteCount).toBe(1n);
    expect(double.rows("books").map((r) => r.id)).not.toContain(3);
  });

  it("refuses early when the collection is not loaded (the server would say 101)", async () => {
    double.setLoaded("books", false);
    const e = await refused(safeDelete(client, { collectionName: "books", filter: "year < 2000", purpose: "delete" }), "target/not-loaded");
    expect(e.message).toMatch(/collection "books" is not loaded \(LoadStateNotLoad\)/);
    expect(e.message).toMatch(/code 101/);
    expect(e.hint).toMatch(/id in \[1, 2, 3\]/);
  });

  it("refuses while loading, with the progress", async () => {
    double.setLoading("books", 40);
    const e = await refused(safeDelete(client, { collectionName: "books", filter: "year < 2000", purpose: "delete" }), "target/not-loaded");
    expect(e.message).toMatch(/still loading, 40% loaded/);
  });

  it.each(["state", "error"] as const)("refuses a released partition (server reports it as %s)", async (how) => {
    await double.close();
    double = await MilvusDouble.start({ partitionNotLoadedAs: how });
    double.addCollection(books({ loaded: ["_default", "p2024"] }));
    client = createMilvusClient({ endpoint: double.url });
    const e = await refused(
      safeDelete(client, { collectionName: "books", filter: "year < 2000", partitionName: "p2023", purpose: "delete" }),
      "target/not-loaded",
    );
    expect(e.message).toMatch(/partition "p2023" of collection "books"/);
    // the loaded partition works
    const ok = await safeDelete(client, { collectionName: "books", filter: "year == 2024", partitionName: "p2024", purpose: "delete" });
    expect(ok.deleteCount).toBe(3n);
  });

  it("if the collection is released between check and send, the server's 101 comes through as MilvusError", async () => {
    double.fault(DELETE, { kind: "envelope", code: 101, message: "collection not loaded[collection=448707763883002014]" });
    const e = await safeDelete(client, { collectionName: "books", filter: "year < 2000", purpose: "delete" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MilvusError);
    expect((e as MilvusError).code).toBe(101);
  });
});

describe("safeDelete: a rejected filter sends nothing", () => {
  // What needs no schema is refused before the server is contacted (issue 11 item 5); the rest after describe.
  const DESCRIBED = ["collections/describe"];
  it.each([
    ["type error", "year > 1.5", /cannot cast|Int32/i, DESCRIBED],
    ["unknown field", "titel == 'x'", /titel/, DESCRIBED],
    ["syntax error", "id in [1, 2", /./, []],
    ["empty filter", "   ", /empty/, []],
    ["always true", "1 == 1", /always true/, []],
    ["NOT before a comparison", "not id == 1", /./, []],
    ["LIKE on a number", "year like 'a%'", /like/i, DESCRIBED],
    ["comparing a vector", "vec == 1", /FloatVector/, DESCRIBED],
  ])("%s", async (_name, text, message, sent) => {
    const e = await refused(safeDelete(client, { collectionName: "books", filter: text, purpose: "delete" }), "filter/invalid");
    expect(e.message).toMatch(/refused before sending/);
    expect(e.message).toMatch(message);
    expect(e.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(paths()).toEqual(sent);
  });

  it("the same filters get 1100 from the double when sent raw (the checker and 'the server' agree)", async () => {
    for (const text of ["year > 1.5", "titel == 'x'", "1 == 1"]) {
      const e = await client.deleteEntities({ collectionName: "books", filter: text }).catch((x: unknown) => x);
      expect((e as MilvusError).code).toBe(1100);
    }
  });

  it("purpose must be delete, and exactly one filter", async () => {
    await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "query" as never }), "usage/bad-option");
    await refused(safeDelete(client, { collectionName: "books", purpose: "delete" }), "options/invalid");
    await refused(
      safeDelete(client, { collectionName: "books", filter: "id in [1]", builtFilter: buildFilter`id in ${[1]}`, purpose: "delete" }),
      "options/invalid",
    );
    expect(double.requests).toHaveLength(0);
  });

  it("a partition-key collection refuses partitionName", async () => {
    const e = await refused(
      safeDelete(client, { collectionName: "tenants", filter: 'pk in ["a"]', partitionName: "_default", purpose: "delete" }),
      "partition/partition-key",
    );
    expect(e.message).toMatch(/partition key "tenant"/);
  });

  it("an unknown partition", async () => {
    await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", partitionName: "p1999", purpose: "delete" }), "target/not-found");
  });

  it("an unknown collection: describe's code 100, nothing else sent", async () => {
    const e = await safeDelete(client, { collectionName: "nope", filter: "id in [1]", purpose: "delete" }).catch((x: unknown) => x);
    expect((e as MilvusError).code).toBe(100);
    expect(paths()).toEqual(["collections/describe"]);
  });

  it("a schema the loader cannot read completely is refused unless allowed", async () => {
    const body =
      '{"code":0,"data":{"collectionName":"books","fields":[{"name":"id","type":"Int64","primaryKey":true},{"name":"w","type":"Hologram"}]}}';
    double.fault(`${P}collections/describe`, { kind: "raw", body }, 2);
    const e = await refused(safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete" }), "schema/unusable");
    expect(e.message).toMatch(/Hologram/);
    const ok = await safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", allowSchemaIssues: true });
    expect(ok.deleteCount).toBe(1n);
  });
});

describe("safeDelete: templates (exprParams)", () => {
  it("keeps placeholders and sends exprParams exactly", async () => {
    const res = await safeDelete(client, { collectionName: "books", filter: "id in {ids}", exprParams: { ids: [1, 2] }, purpose: "delete" });
    expect(double.requestsTo(DELETE)[0]!.rawBody).toBe('{"collectionName":"books","filter":"id in {ids}","exprParams":{"ids":[1,2]}}');
    expect(res.sent).toEqual({ filter: "id in {ids}", exprParams: { ids: [1, 2] } });
    expect(res.classification).toBe("primary-key");
    expect(res.deleteCount).toBe(2n);
  });

  it("why ints beyond 2^53 are refused: the server rounds exprParams through float64 and deletes a neighbour", async () => {
    const raw = await client.deleteEntities({ collectionName: "books", filter: "id in {ids}", exprParams: { ids: [BIG_ID] } });
    expect(raw.deleteCount).toBe(1n);
    const left = double.rows("books").map((r) => r.id);
    expect(left).toContain(BIG_ID); // the intended row survived
    expect(left).not.toContain(9007199254740992); // its neighbour was deleted
  });

  it("refuses such a value, and inlines it exactly with templates: 'inline'", async () => {
    const e = await refused(
      safeDelete(client, { collectionName: "books", filter: "id in {ids}", exprParams: { ids: [BIG_ID] }, purpose: "delete" }),
      "params/int64-precision",
    );
    expect(e.message).toMatch(/exprParams.ids\[0\] is 9007199254740993/);
    const res = await safeDelete(client, {
      collectionName: "books",
      filter: "id in {ids}",
      exprParams: { ids: [BIG_ID] },
      templates: "inline",
      purpose: "delete",
    });
    expect(res.sent).toEqual({ filter: "id in [9007199254740993]" });
    expect(double.requestsTo(DELETE)[0]!.rawBody).toBe('{"collectionName":"books","filter":"id in [9007199254740993]"}');
    expect(double.rows("books").map((r) => r.id)).toEqual([1, 2, 3, 9007199254740992]);
  });

  it("inlines strings with escapes", async () => {
    const res = await safeDelete(client, {
      collectionName: "books",
      filter: "title == {t} or year == {y}",
      exprParams: { t: 'He said "hi"\\', y: 1965 },
      templates: "inline",
      purpose: "delete",
    });
    expect(res.sent.filter).toBe('title == "He said \\"hi\\"\\\\" or year == 1965');
    expect(res.deleteCount).toBe(1n);
  });

  it("wrong or missing template values are refused before sending", async () => {
    await refused(safeDelete(client, { collectionName: "books", filter: "id in {ids}", exprParams: { ids: ["a"] }, purpose: "delete" }), "filter/invalid");
    await refused(safeDelete(client, { collectionName: "books", filter: "id in {ids}", exprParams: {}, purpose: "delete" }), "filter/invalid");
    await refused(safeDelete(client, { collectionName: "books", filter: "id in {ids}", exprParams: { ids: null }, purpose: "delete" }), "params/invalid");
  });

  it("takes a builder Filter, inline or parametrised", async () => {
    const ids = [1n, 2n];
    const a = await safeDelete(client, { collectionName: "books", builtFilter: buildFilter`id in ${ids}`, purpose: "delete" });
    expect(a.sent).toEqual({ filter: "id in [1, 2]" });
    const evil = '") or true or ("';
    const b = await safeDelete(client, { collectionName: "books", builtFilter: buildFilter.params`title == ${evil} or id in ${[3]}`, purpose: "delete" });
    expect(b.sent.exprParams).toBeDefined();
    expect(b.sent.filter).toMatch(/^title == \{p0\} or id in \{p1\}$/);
    expect(b.deleteCount).toBe(1n);
  });
});

describe("safeDelete: dry run and confirmation", () => {
  const rows = [
    { id: 1, title: "Dune", year: 1965, tags: ["sf"], meta: {} },
    { id: 2, title: null, year: 2023, tags: [], meta: {} },
    { id: 3, title: "Piranesi", year: 2024, tags: [], meta: {} },
  ];

  it("reports which caller rows match (and which are unknown), then sends", async () => {
    const res = await safeDelete(client, { collectionName: "books", filter: 'title != "Dune"', dryRunRows: rows, purpose: "delete" });
    expect(res.dryRun).toMatchObject({ total: 3, matched: 1, matchedIndexes: [2], unknown: 1 });
    expect(res.dryRun!.matchedRows[0]).toBe(rows[2]);
    expect(res.deleteCount).toBe(3n); // the double's own rows: Piranesi, Big, Neighbour (NULL title is not selected)
  });

  it("the dry run follows the target's semantics and says which it assumed", async () => {
    const jsonRows = [{ id: 1, title: "a", year: 1, tags: [], meta: {} }, { id: 2, title: "b", year: 2, tags: [], meta: { k: 1 } }, { id: 3, title: "c", year: 3, tags: [], meta: { k: 2 } }];
    let seen: DeletePlan | undefined;
    for (const target of ["2.6", "3.0"] as const) {
      await safeDelete(client, {
        collectionName: "books",
        filter: 'meta["k"] != 1',
        dryRunRows: jsonRows,
        purpose: "delete",
        target,
        confirm: (p) => {
          seen = p;
          return false;
        },
      }).catch(() => undefined);
      // 2.6: a missing key under != is TRUE (row 1 is deleted); master: UNKNOWN (kept).
      if (target === "2.6") expect(seen!.dryRun).toMatchObject({ matched: 2, unknown: 0, semanticsNote: expect.stringContaining("Milvus 2.6") });
      else expect(seen!.dryRun).toMatchObject({ matched: 1, unknown: 1, semanticsNote: expect.stringContaining("missing JSON keys and type mismatches are UNKNOWN") });
    }
  });

  it("confirm sees the plan; declining sends nothing", async () => {
    let seen: DeletePlan | undefined;
    await refused(
      safeDelete(client, {
        collectionName: "books",
        filter: "year < 2000",
        dryRunRows: rows,
        purpose: "delete",
        confirm: (plan) => {
          seen = plan;
          return false;
        },
      }),
      "declined",
    );
    expect(seen).toMatchObject({ filter: "year < 2000", classification: "query-first", dryRun: { matched: 1 } });
    expect(paths()).toEqual(["collections/describe", "collections/get_load_state"]);
  });

  it("a throwing or async confirm", async () => {
    await refused(
      safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", confirm: () => Promise.reject(new Error("no tty")) }),
      "declined",
    );
    const res = await safeDelete(client, { collectionName: "books", filter: "id in [1]", purpose: "delete", confirm: async () => true });
    expect(res.deleteCount).toBe(1n);
  });

  it("planDelete + executeDeletePlan (the CLI's --dry-run stops after the plan)", async () => {
    const plan = await planDelete(client, { collectionName: "books", filter: "id == 2", purpose: "delete" });
    expect(destructive()).toBe(0);
    expect(plan).toMatchObject({ filter: "id == 2", classification: "primary-key", collectionId: 448707763883002014n, consistencyLevel: "Bounded" });
    const res = await executeDeletePlan(client, plan);
    expect(res.deleteCount).toBe(1n);
  });

  it("a filter the evaluator cannot run locally makes a requested dry run refuse", async () => {
    await double.close();
    double = await MilvusDouble.start();
    double.addCollection(
      books({
        fields: [
          ...books().fields,
          { name: "body", type: "VarChar", params: [{ key: "max_length", value: "100" }, { key: "enable_match", value: "true" }, { key: "enable_analyzer", value: "true" }] },
        ] as never,
      }),
    );
    client = createMilvusClient({ endpoint: double.url });
    await refused(
      safeDelete(client, { collectionName: "books", filter: "text_match(body, 'dune')", dryRunRows: rows, purpose: "delete" }),
      "dry-run/unavailable",
    );
  });
});

describe("safeDropPartition", () => {
  it("refuses a loaded partition without releaseFirst; nothing destructive is sent", async () => {
    const e = await refused(safeDropPartition(client, { collectionName: "books", partitionName: "p2023" }), "partition/loaded");
    expect(e.message).toMatch(/partition "p2023": it is loaded/);
    expect(e.hint).toMatch(/releaseFirst/);
    expect(paths()).toEqual(["partitions/has", "collections/get_load_state"]);
    expect(double.hasPartition("books", "p2023")).toBe(true);
  });

  it("the server itself refuses to drop a loaded partition (contract)", async () => {
    const e = (await client.dropPartition({ collectionName: "books", partitionName: "p2023" }).catch((x: unknown) => x)) as MilvusError;
    expect(e.code).toBe(65535);
    expect(isPartitionLoadedError(e)).toBe(true);
  });

  it("releaseFirst: release, wait until released, drop", async () => {
    const res = await safeDropPartition(client, { collectionName: "books", partitionName: "p2023", releaseFirst: true, settle: { attempts: 5, delayMs: 1 } });
    expect(res).toMatchObject({ released: true, dropped: true, plan: { loaded: true, willRelease: true } });
    expect(paths()).toEqual([
      "partitions/has",
      "collections/get_load_state",
      "partitions/release",
      "collections/get_load_state",
      "partitions/drop",
    ]);
    expect(double.requestsTo(`${P}partitions/release`)[0]!.rawBody).toBe('{"collectionName":"books","partitionNames":["p2023"]}');
    expect(double.hasPartition("books", "p2023")).toBe(false);
  });

  it("rides out the 'still loaded right after release' window (milvus#35574), bounded", async () => {
    double.staleLoadedDropsAfterRelease = 2;
    await safeDropPartition(client, { collectionName: "books", partitionName: "p2023", releaseFirst: true, settle: { attempts: 5, delayMs: 1 } });
    expect(double.requestsTo(`${P}partitions/drop`)).toHaveLength(3);
    double.staleLoadedDropsAfterRelease = 100;
    const e = await safeDropPartition(client, { collectionName: "books", partitionName: "p2024", releaseFirst: true, settle: { attempts: 3, delayMs: 1 } }).catch(
      (x: unknown) => x,
    );
    expect(isPartitionLoadedError(e)).toBe(true);
    expect(double.requestsTo(`${P}partitions/drop`)).toHaveLength(3 + 3);
  });

  it("a released partition is dropped directly", async () => {
    double.setLoaded("books", ["_default", "p2024"]);
    const res = await safeDropPartition(client, { collectionName: "books", partitionName: "p2023" });
    expect(res.released).toBe(false);
    expect(paths()).toEqual(["partitions/has", "collections/get_load_state", "partitions/drop"]);
  });

  it("_default, unknown partitions and a declined confirm are refused", async () => {
    await refused(safeDropPartition(client, { collectionName: "books", partitionName: "_default" }), "partition/default");
    expect(double.requests).toHaveLength(0);
    await refused(safeDropPartition(client, { collectionName: "books", partitionName: "p1999" }), "target/not-found");
    await refused(safeDropPartition(client, { collectionName: "books", partitionName: "p2023", releaseFirst: true, confirm: () => false }), "declined");
    expect(double.isPartitionLoaded("books", "p2023")).toBe(true);
  });
});

describe("safe releases", () => {
  it("releases partitions after checking they exist and reading the load state", async () => {
    const res = await safeReleasePartitions(client, { collectionName: "books", partitionNames: ["p2023"] });
    expect(res.plan.loadState).toEqual({ loadState: "LoadStateLoaded", loadProgress: 100 });
    expect(paths()).toEqual(["collections/describe", "partitions/has", "collections/get_load_state", "partitions/release"]);
    expect(double.isPartitionLoaded("books", "p2023")).toBe(false);
  });

  it("releases a collection; refuses unknown partitions and declined confirmations", async () => {
    await refused(safeReleasePartitions(client, { collectionName: "books", partitionNames: ["zz"] }), "target/not-found");
    await refused(safeReleaseCollection(client, { collectionName: "books", confirm: () => false }), "declined");
    const res = await safeReleaseCollection(client, { collectionName: "books", confirm: (p) => p.loadState?.loadState === "LoadStateLoaded" });
    expect(res.released).toBe(true);
    expect(double.requestsTo(`${P}collections/release`)[0]!.rawBody).toBe('{"collectionName":"books"}');
    expect(double.isPartitionLoaded("books", "p2024")).toBe(false);
  });
});
