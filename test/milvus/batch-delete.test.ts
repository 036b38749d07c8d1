/**
 * Batched deletes against the contract test double: the key-cursor page sequence, concurrent
 * inserts, bounded runs, unknown outcomes, resuming from a checkpoint after an interrupted run,
 * the final verification, and splitting long primary-key lists.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMilvusClient, type MilvusClient } from "../../src/milvus/client.js";
import { PreflightError } from "../../src/milvus/errors.js";
import { safeDelete, type SafeDeleteOptions } from "../../src/milvus/safe-delete.js";
import { chunkKeys, fileCheckpoint, type BatchEvent } from "../../src/milvus/batch-delete.js";
import { parseJson } from "../../src/util/json.js";
import { MilvusDouble, type DoubleRow } from "./milvus-double.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

const P = "/v2/vectordb/";
const QUERY = `${P}entities/query`;
const DELETE = `${P}entities/delete`;

const FIELDS = [
  { name: "id", type: "Int64", primaryKey: true },
  { name: "kind", type: "Int32" },
  { name: "vec", type: "FloatVector", params: [{ key: "dim", value: "2" }] },
];

/** ids 1..n; kind 1 for odd ids, 0 for even ones. */
function items(n: number): DoubleRow[] {
  return Array.from({ length: n }, (_, i) => ({ row: { id: i + 1, kind: (i + 1) % 2 } }));
}

let double: MilvusDouble;
let client: MilvusClient;
let dir: string;

beforeEach(async () => {
  double = await MilvusDouble.start();
  double.addCollection({ name: "items", fields: FIELDS, rows: items(250) });
  client = createMilvusClient({ endpoint: double.url, retries: { max: 1, baseDelayMs: 1 }, timeoutMs: 5000 });
  dir = await mkdtemp(join(tmpdir(), "mf-batch-"));
});
afterEach(async () => {
  double.beforeRoute = undefined;
  await double.close();
  await rm(dir, { recursive: true, force: true });
});

const ids = (): unknown[] => double.rows("items").map((r) => r.id);
function json(raw: string): unknown {
  const r = parseJson(raw);
  if (!r.ok) throw new Error(`not JSON: ${r.error.message}`);
  return r.value;
}
const bodyOf = (raw: string): Record<string, unknown> => json(raw) as Record<string, unknown>;
/** The keys of every delete request sent, in order. */
const deletedKeyLists = (): string[] => double.requestsTo(DELETE).map((r) => bodyOf(r.rawBody).filter as string);

function odd(extra: Partial<SafeDeleteOptions> = {}): SafeDeleteOptions {
  return { collectionName: "items", filter: "kind == 1", purpose: "delete", ...extra };
}

describe("query-first filters: key-cursor pages", () => {
  it("the exact request sequence: count, then page query + delete per page, then the verifying count", async () => {
    const events: BatchEvent[] = [];
    const res = await safeDelete(client, odd({ batch: { size: 50, onProgress: (e) => events.push(e) } }));
    const calls = double.requests.map((r) => {
      const b = bodyOf(r.rawBody);
      if (r.path === QUERY) return `query ${b.filter} ${JSON.stringify(b.outputFields)}${b.limit !== undefined ? ` limit ${b.limit}` : ""} ${b.consistencyLevel}`;
      if (r.path === DELETE) {
        const keys = String(b.filter).match(/\d+/g)!;
        return `delete ${keys.length} keys ${keys[0]}..${keys[keys.length - 1]}`;
      }
      return r.path.slice(P.length);
    });
    expect(calls).toEqual([
      "collections/describe",
      "collections/get_load_state",
      'query kind == 1 ["count(*)"] Strong',
      'query kind == 1 ["id"] limit 50 Strong',
      "delete 50 keys 1..99",
      'query kind == 1 and id > 99 ["id"] limit 50 Strong',
      "delete 50 keys 101..199",
      'query kind == 1 and id > 199 ["id"] limit 50 Strong',
      "delete 25 keys 201..249",
      'query kind == 1 ["count(*)"] Strong',
    ]);
    expect(res.batch).toMatchObject({ status: "done", expected: 125n, removed: 125n, remaining: 0n, pages: 3, lastKey: 249n, resumed: false });
    expect(res.deleteCount).toBe(125n);
    expect(ids().every((id) => (id as number) % 2 === 0)).toBe(true);
    expect(events.map((e) => e.event)).toEqual(["start", "batch", "batch", "batch", "verified"]);
    expect(deletedKeyLists()[0]).toMatch(/^id in \[1, 3, 5, .*, 99\]$/);
  });

  it("at the largest page (16384 keys, the default query window) a 20,000-row delete takes two pages", async () => {
    double.insertRows("items", Array.from({ length: 20_000 }, (_, i) => ({ row: { id: 1000 + i, kind: 7 } })));
    const res = await safeDelete(client, odd({ filter: "kind == 7", batch: { size: 16384 } }));
    expect(res.batch).toMatchObject({ status: "done", expected: 20_000n, removed: 20_000n, remaining: 0n, pages: 2 });
  }, 60_000);

  it("template values and the partition go with every page query; the cursor is composed, not glued", async () => {
    await double.close();
    double = await MilvusDouble.start();
    double.addCollection({ name: "items", fields: FIELDS, partitions: ["p1"], rows: items(10).map((r) => ({ ...r, partition: "p1" })) });
    client = createMilvusClient({ endpoint: double.url });
    const res = await safeDelete(client, odd({ filter: "kind == {k} or id < 3", exprParams: { k: 1 }, partitionName: "p1", batch: { size: 2 } }));
    expect(res.batch).toMatchObject({ status: "done", expected: 6n, removed: 6n, remaining: 0n });
    const second = bodyOf(double.requestsTo(QUERY)[2]!.rawBody);
    expect(second).toMatchObject({ filter: "(kind == {k} or id < 3) and id > 2", exprParams: { k: 1 }, partitionNames: ["p1"] });
    for (const d of double.requestsTo(DELETE)) expect(bodyOf(d.rawBody)).toMatchObject({ partitionName: "p1" });
  });

  it("VarChar keys: string cursors, escaped key lists, pages in UTF-8 byte order", async () => {
    await double.close();
    double = await MilvusDouble.start();
    const keys = ['a"b', "a\\b", "b", "\u{1F600}", "\uE000", "z", "é", 'q"'];
    double.addCollection({
      name: "tags",
      fields: [
        { name: "pk", type: "VarChar", primaryKey: true, params: [{ key: "max_length", value: "16" }] },
        { name: "n", type: "Int32" },
        { name: "vec", type: "FloatVector", params: [{ key: "dim", value: "2" }] },
      ],
      rows: keys.map((pk, i) => ({ row: { pk, n: i } })),
    });
    client = createMilvusClient({ endpoint: double.url });
    const res = await safeDelete(client, { collectionName: "tags", filter: "n >= 0", purpose: "delete", batch: { size: 3 } });
    expect(res.batch).toMatchObject({ status: "done", expected: 8n, removed: 8n, remaining: 0n, pages: 3, lastKey: "\u{1F600}" });
    const cursors = double.requestsTo(QUERY).map((r) => bodyOf(r.rawBody).filter).filter((f) => String(f).includes(" and pk > "));
    // pages: [a"b, a\b, b] [q", z, é] [U+E000, U+1F600]: UTF-8 byte order (in UTF-16 order U+1F600 would come first)
    expect(cursors).toEqual(['n >= 0 and pk > "b"', 'n >= 0 and pk > "é"']);
    expect(bodyOf(double.requestsTo(DELETE)[0]!.rawBody).filter).toBe('pk in ["a\\"b", "a\\\\b", "b"]');
    expect(double.rows("tags")).toEqual([]);
  });

  it("concurrent inserts: keys below the cursor are left alone, keys above it are taken; the report says so", async () => {
    let pageQueries = 0;
    double.beforeRoute = (path, body) => {
      const b = body as { outputFields?: string[] };
      if (path !== QUERY || b.outputFields?.[0] !== "id") return;
      pageQueries++;
      if (pageQueries === 2) double.insertRows("items", [{ row: { id: 1001, kind: 1 } }, { row: { id: -5, kind: 1 } }]);
    };
    const res = await safeDelete(client, odd({ batch: { size: 50 } }));
    expect(res.batch).toMatchObject({ status: "done", expected: 125n, removed: 126n, remaining: 1n, pages: 3 });
    expect(ids()).toContain(-5);
    expect(ids()).not.toContain(1001);
    // no key was ever listed twice
    const all = deletedKeyLists().flatMap((f) => f.match(/-?\d+/g)!);
    expect(new Set(all).size).toBe(all.length);
  });

  it("a run is bounded: when matching rows keep appearing ahead of the cursor it stops at the page cap", async () => {
    let next = 10_000;
    double.beforeRoute = (path, body) => {
      if (path === QUERY && (body as { outputFields?: string[] }).outputFields?.[0] === "id") {
        double.insertRows("items", Array.from({ length: 50 }, () => ({ row: { id: next++, kind: 1 } })));
      }
    };
    const res = await safeDelete(client, odd({ batch: { size: 50, extraPages: 2 } }));
    expect(res.batch!.status).toBe("stopped");
    expect(res.batch!.reason).toMatch(/page cap reached \(5 pages for 125 expected rows\)/);
    expect(double.requestsTo(DELETE)).toHaveLength(5);
  });

  it("max: the preview passes at 125, and the run stops before a page would take it past 125", async () => {
    let pageQueries = 0;
    double.beforeRoute = (path, body) => {
      if (path === QUERY && (body as { outputFields?: string[] }).outputFields?.[0] === "id" && ++pageQueries === 2) {
        double.insertRows("items", Array.from({ length: 10 }, (_, i) => ({ row: { id: 5001 + 2 * i, kind: 1 } })));
      }
    };
    const res = await safeDelete(client, odd({ preview: "server", max: 125, batch: { size: 50 } }));
    expect(res.batch).toMatchObject({ status: "stopped", removed: 100n, remaining: 35n });
    expect(res.batch!.reason).toMatch(/past the maximum of 125 rows/);
    expect(double.requestsTo(DELETE)).toHaveLength(2);
  });

  it("a server that breaks the ordering contract stops the run before that page is deleted", async () => {
    await double.close();
    double = await MilvusDouble.start({ unorderedQueries: true });
    double.addCollection({ name: "items", fields: FIELDS, rows: items(20) });
    client = createMilvusClient({ endpoint: double.url });
    const res = await safeDelete(client, odd({ batch: { size: 4 } }));
    expect(res.batch!.status).toBe("failed");
    expect(res.batch!.reason).toMatch(/not in ascending primary-key order/);
    expect(double.requestsTo(DELETE)).toHaveLength(0);
    expect(res.batch!.remaining).toBe(10n);
  });

  it("a refused page (code 1100) fails the run as not applied; a 65535 after a partial delete is unknown", async () => {
    double.fault(DELETE, { kind: "envelope", code: 1100, message: "invalid parameter" });
    const failed = await safeDelete(client, odd({ batch: { size: 50 } }));
    expect(failed.batch).toMatchObject({ status: "failed", removed: 0n, remaining: 125n });
    expect(failed.batch!.unknownBatch).toBeUndefined();
    double.fault(DELETE, { kind: "partial-delete", applyAtMost: 10, code: 65535, message: "failed to delete" });
    const unknown = await safeDelete(client, odd({ batch: { size: 50 } }));
    expect(unknown.batch).toMatchObject({ status: "unknown", removed: 0n, remaining: 115n, unknownBatch: { keys: 50, firstKey: 1n, lastKey: 99n } });
    expect(unknown.batch!.reason).toMatch(/may or may not have been applied/);
  });
});

describe("checkpoints: resume after an interrupted run", () => {
  it("a run killed while a delete is in flight: recorded as unknown, resumed with a recount, nothing sent twice", async () => {
    const file = join(dir, "run.json");
    const controller = new AbortController();
    let deletes = 0;
    // The second delete never gets an answer; the abort (our "kill") arrives while it is in flight.
    double.beforeRoute = (path) => {
      if (path !== DELETE || ++deletes !== 2) return;
      double.fault(DELETE, { kind: "hang" });
      setTimeout(() => controller.abort(), 20);
    };
    const first = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file) }, signal: controller.signal }));
    expect(first.batch).toMatchObject({ status: "unknown", removed: 50n, pages: 1, unknownBatch: { keys: 50, firstKey: 101n, lastKey: 199n } });
    const saved = json(await readFile(file, "utf8")) as Record<string, unknown>;
    expect(saved).toMatchObject({ status: "unknown", removed: 50, pages: 1, lastKey: 99, inFlight: { keys: 50, firstKey: 101, lastKey: 199 }, filter: "kind == 1" });

    double.beforeRoute = undefined;
    double.clearFaults();
    const sentBefore = deletedKeyLists().length;
    const events: BatchEvent[] = [];
    const second = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file), onProgress: (e) => events.push(e) } }));
    expect(events[0]).toEqual({ event: "recount", matching: 75n });
    expect(second.batch).toMatchObject({ status: "done", resumed: true, expected: 125n, removed: 125n, remaining: 0n, pages: 3 });
    // the resumed run started after the last confirmed key (99) and read the in-flight keys again
    const resumedQueries = double.requestsTo(QUERY).map((r) => bodyOf(r.rawBody).filter);
    expect(resumedQueries).toContain("kind == 1 and id > 99");
    const after = deletedKeyLists().slice(sentBefore);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatch(/^id in \[101, .*199\]$/);
    expect((json(await readFile(file, "utf8")) as { status: string }).status).toBe("done");
  });

  it("a delete applied but its answer lost: unknown, and resuming does not send those keys again", async () => {
    const file = join(dir, "lost.json");
    double.fault(DELETE, { kind: "after", then: { kind: "destroy" } });
    const first = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file) } }));
    expect(first.batch).toMatchObject({ status: "unknown", removed: 0n, remaining: 75n });
    const second = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file) } }));
    // removed counts confirmed pages only: expected − remaining is what is gone
    expect(second.batch).toMatchObject({ status: "done", expected: 125n, removed: 75n, remaining: 0n });
    const lists = deletedKeyLists();
    expect(lists).toHaveLength(3);
    expect(lists[1]).toMatch(/^id in \[101, /);
  });

  it("aborted between pages: stopped, and the resumed run continues from the last key", async () => {
    const file = join(dir, "between.json");
    const controller = new AbortController();
    const res = await safeDelete(
      client,
      odd({ batch: { size: 50, checkpoint: fileCheckpoint(file), onProgress: (e) => e.event === "batch" && controller.abort() }, signal: controller.signal }),
    );
    expect(res.batch).toMatchObject({ status: "stopped", removed: 50n, pages: 1, lastKey: 99n });
    const again = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file) } }));
    expect(again.batch).toMatchObject({ status: "done", removed: 125n, remaining: 0n });
  });

  it("a checkpoint of another delete, or a damaged one, is refused before anything is sent", async () => {
    const file = join(dir, "other.json");
    await safeDelete(client, odd({ filter: "id > 240", batch: { size: 50, checkpoint: fileCheckpoint(file) } }));
    const sent = double.requestsTo(DELETE).length;
    const e = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file) } })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PreflightError);
    expect((e as PreflightError).code).toBe("checkpoint/invalid");
    await writeFile(file, "{not json");
    const d = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(file) } })).catch((x: unknown) => x);
    expect((d as PreflightError).code).toBe("checkpoint/invalid");
    expect(double.requestsTo(DELETE)).toHaveLength(sent);
  });

  it("a checkpoint that cannot be written refuses the run before anything is sent", async () => {
    const e = await safeDelete(client, odd({ batch: { size: 50, checkpoint: fileCheckpoint(join(dir, "no-such-dir", "c.json")) } })).catch((x: unknown) => x);
    expect((e as PreflightError).code).toBe("checkpoint/invalid");
    expect((e as PreflightError).message).toMatch(/cannot be written: ENOENT; nothing was sent/);
    expect(double.requestsTo(DELETE)).toHaveLength(0);
  });

  it("checkpoints are written atomically: no temporary file is left, and a finished run resumes to nothing", async () => {
    const file = join(dir, "atomic.json");
    await safeDelete(client, odd({ batch: { size: 100, checkpoint: fileCheckpoint(file) } }));
    expect(await readdir(dir)).toEqual(["atomic.json"]);
    const sent = double.requestsTo(DELETE).length;
    const again = await safeDelete(client, odd({ batch: { size: 100, checkpoint: fileCheckpoint(file) } }));
    expect(again.batch).toMatchObject({ status: "done", resumed: true, remaining: 0n });
    expect(double.requestsTo(DELETE)).toHaveLength(sent);
  });
});

describe("primary-key lists beyond the request limits", () => {
  it("are split into consecutive batches, each logged; deleteCount is the sum of keys listed", async () => {
    const keys = Array.from({ length: 25_000 }, (_, i) => i + 1);
    const events: BatchEvent[] = [];
    const res = await safeDelete(client, {
      collectionName: "items",
      filter: "id in {ids}",
      exprParams: { ids: keys },
      purpose: "delete",
      keyBatches: { onProgress: (e) => events.push(e) },
    });
    expect(res.keyBatches).toMatchObject({ status: "done", batches: 3, confirmed: 3, keysConfirmed: 25_000, deleteCount: 25_000n });
    expect(res.deleteCount).toBe(25_000n);
    expect(events.map((e) => (e.event === "keys" ? [e.batch, e.of, e.keys, e.firstKey, e.lastKey] : e.event))).toEqual([
      [1, 3, 10_000, 1n, 10_000n],
      [2, 3, 10_000, 10_001n, 20_000n],
      [3, 3, 5_000, 20_001n, 25_000n],
    ]);
    for (const r of double.requestsTo(DELETE)) expect(bodyOf(r.rawBody).exprParams).toBeUndefined();
    expect(ids()).toEqual([]);
  });

  it("a byte limit splits long string keys; --batch-size sets the key limit", () => {
    const long = Array.from({ length: 10 }, (_, i) => `${"x".repeat(400)}${i}`);
    const chunks = chunkKeys(long, "pk", { maxBytes: 2048 });
    expect(chunks.map((c) => c.length)).toEqual([5, 5]);
    expect(chunkKeys([1n, 2n, 3n], "id", { maxKeys: 2 })).toEqual([[1n, 2n], [3n]]);
  });

  it("an unknown outcome stops the run: later batches are not sent", async () => {
    double.fault(DELETE, { kind: "after", then: { kind: "destroy" } });
    const res = await safeDelete(client, { collectionName: "items", filter: `id in [${Array.from({ length: 30 }, (_, i) => i + 1).join(", ")}]`, purpose: "delete", batch: { size: 10 } });
    expect(res.keyBatches).toMatchObject({ status: "unknown", batches: 3, confirmed: 0, unknownBatch: { index: 1, keys: 10, firstKey: 1n, lastKey: 10n } });
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });

  it("an abort between batches stops before the next one is sent", async () => {
    const controller = new AbortController();
    const res = await safeDelete(client, {
      collectionName: "items",
      filter: `id in [${Array.from({ length: 30 }, (_, i) => i + 1).join(", ")}]`,
      purpose: "delete",
      batch: { size: 10, onProgress: () => controller.abort() },
      signal: controller.signal,
    });
    expect(res.keyBatches).toMatchObject({ status: "stopped", confirmed: 1, keysConfirmed: 10 });
    expect(res.keyBatches!.reason).toMatch(/batches 2..3 were not sent/);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });

  it("at the documented limit: a list of 10^6 keys goes as 100 requests of 10,000, each under 1 MiB", async () => {
    const keys = Array.from({ length: 1_000_000 }, (_, i) => i + 1);
    const started = Date.now();
    const res = await safeDelete(client, { collectionName: "items", filter: "id in {ids}", exprParams: { ids: keys }, purpose: "delete" });
    expect(res.keyBatches).toMatchObject({ status: "done", batches: 100, confirmed: 100, keysConfirmed: 1_000_000, deleteCount: 1_000_000n });
    expect(Math.max(...double.requestsTo(DELETE).map((r) => r.rawBody.length))).toBeLessThan(1 << 20);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it("short lists still go as one request", async () => {
    const res = await safeDelete(client, { collectionName: "items", filter: "id in [1, 2]", purpose: "delete" });
    expect(res.keyBatches).toBeUndefined();
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });
});
