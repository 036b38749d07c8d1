/**
 * End-to-end flows shared by the contract tests (against the test double) and the live tests
 * (against a real Milvus when MILVUS_URI is set). Each flow gets a freshly seeded, loaded "books"
 * collection with partitions p2023 and p2024 and the rows of fixtures.bookRows().
 */
import { expect } from "vitest";
import type { MilvusClient } from "../../src/milvus/client.js";
import { MilvusError, PreflightError } from "../../src/milvus/errors.js";
import { safeDelete, safeDropPartition, planDelete } from "../../src/milvus/safe-delete.js";
import type { BatchEvent } from "../../src/milvus/batch-delete.js";
import { loadSchema } from "../../src/schema/index.js";
import { BIG_ID } from "./fixtures.js";

export interface FlowEnv {
  client: MilvusClient;
  collection: string;
  /** Loads the whole collection and waits until it is loaded. */
  load(): Promise<void>;
  /** Releases the whole collection. */
  release(): Promise<void>;
}

export interface Flow {
  name: string;
  run(env: FlowEnv): Promise<void>;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

export const FLOWS: Flow[] = [
  {
    name: "describe: int64 collection id, schema loads",
    async run({ client, collection }) {
      const d = await client.describeCollection({ collectionName: collection });
      expect(typeof d.collectionId).toBe("bigint");
      const { schema, issues } = loadSchema(d.response);
      expect(issues).toEqual([]);
      expect(schema!.primaryKey!.name).toBe("id");
      expect((await client.getLoadState({ collectionName: collection })).loadState).toBe("LoadStateLoaded");
    },
  },
  {
    name: "primary-key delete: no load needed, deleteCount counts listed keys, int64 exact",
    async run({ client, collection, release }) {
      await release();
      const res = await safeDelete(client, { collectionName: collection, filter: `id in [1, ${BIG_ID}, 424242]`, purpose: "delete" });
      expect(res.classification).toBe("primary-key");
      expect(res.sent.filter).toBe(`id in [1, ${BIG_ID}, 424242]`);
      // milvus#51566: keys listed, not rows removed (older servers report none)
      if (res.deleteCount !== null) expect(res.deleteCount).toBe(3n);
    },
  },
  {
    name: "query-first delete on a loaded collection",
    async run({ client, collection }) {
      const res = await safeDelete(client, { collectionName: collection, filter: "year == 2023", purpose: "delete" });
      expect(res.classification).toBe("query-first");
      if (res.deleteCount !== null) expect(res.deleteCount).toBe(1n);
    },
  },
  {
    name: "query-first delete on a released collection: refused early; the server says 101",
    async run({ client, collection, release }) {
      await release();
      const e = await rejection(safeDelete(client, { collectionName: collection, filter: "year < 2000", purpose: "delete" }));
      expect(e).toBeInstanceOf(PreflightError);
      expect((e as PreflightError).code).toBe("target/not-loaded");
      const raw = await rejection(client.deleteEntities({ collectionName: collection, filter: "year < 2000" }));
      expect(raw).toBeInstanceOf(MilvusError);
      expect((raw as MilvusError).code).toBe(101);
    },
  },
  {
    name: "invalid filter: refused with diagnostics; the server says 1100",
    async run({ client, collection }) {
      const e = await rejection(safeDelete(client, { collectionName: collection, filter: "year > 1.5", purpose: "delete" }));
      expect((e as PreflightError).code).toBe("filter/invalid");
      expect((e as PreflightError).diagnostics.length).toBeGreaterThan(0);
      const raw = await rejection(client.deleteEntities({ collectionName: collection, filter: "year > 1.5" }));
      expect((raw as MilvusError).code).toBe(1100);
    },
  },
  {
    name: "drop partition: refused while loaded, released first on request",
    async run({ client, collection }) {
      const e = await rejection(safeDropPartition(client, { collectionName: collection, partitionName: "p2023" }));
      expect((e as PreflightError).code).toBe("partition/loaded");
      const res = await safeDropPartition(client, {
        collectionName: collection,
        partitionName: "p2023",
        releaseFirst: true,
        settle: { attempts: 20, delayMs: 250 },
      });
      expect(res).toMatchObject({ released: true, dropped: true });
      expect(await client.hasPartition({ collectionName: collection, partitionName: "p2023" })).toBe(false);
    },
  },
  {
    name: "plan only (dry run): nothing is deleted",
    async run({ client, collection }) {
      const plan = await planDelete(client, {
        collectionName: collection,
        filter: "year >= 2024",
        purpose: "delete",
        dryRunRows: [{ id: 1, year: 2024, title: null, tags: [], meta: {} }],
      });
      expect(plan.dryRun).toMatchObject({ total: 1, matched: 1 });
      const again = await safeDelete(client, { collectionName: collection, filter: "year >= 2024", purpose: "delete" });
      if (again.deleteCount !== null) expect(again.deleteCount).toBe(3n); // all three 2024 rows were still there
    },
  },
  {
    name: "server preview: exact count and int64 keys in ascending order; expect refuses a different count",
    async run({ client, collection }) {
      const plan = await planDelete(client, { collectionName: collection, filter: "year == 2024", purpose: "delete", preview: "server", expect: 3 });
      expect(plan.serverPreview!.count).toBe(3n);
      expect(plan.serverPreview!.sampleKeys).toEqual([3n, 9007199254740992n, BIG_ID]);
      const e = await rejection(safeDelete(client, { collectionName: collection, filter: "year == 2024", purpose: "delete", preview: "server", expect: 2 }));
      expect((e as PreflightError).code).toBe("preview/count-mismatch");
      const strong = await client.count({ collectionName: collection, filter: "year == 2024", consistencyLevel: "Strong" });
      expect(strong).toBe(3n); // nothing was deleted
    },
  },
  {
    name: "batched delete: pages of 2 keys, verified by a final count",
    async run({ client, collection }) {
      const events: BatchEvent[] = [];
      const res = await safeDelete(client, {
        collectionName: collection,
        filter: "year >= 2023",
        purpose: "delete",
        preview: "server",
        batch: { size: 2, onProgress: (e) => events.push(e) },
      });
      expect(res.batch).toMatchObject({ status: "done", expected: 4n, removed: 4n, remaining: 0n, pages: 2, lastKey: BIG_ID });
      expect(events.filter((e) => e.event === "batch").map((e) => (e as { keys: number }).keys)).toEqual([2, 2]);
      const left = await client.queryEntities({ collectionName: collection, filter: "id > 0", outputFields: ["id"], limit: 10, consistencyLevel: "Strong" });
      expect(left.rows.map((r) => r.id)).toEqual([1]);
    },
  },
];
