/**
 * Live tests: the flows of flows.ts against a real Milvus (2.5 or later: the seed schema has a
 * nullable field). Run only when MILVUS_URI is set, e.g.
 *
 *   MILVUS_URI=http://127.0.0.1:19530 MILVUS_TOKEN=root:Milvus npx vitest run test/milvus/live.test.ts
 *
 * Each flow creates its own collection `milvus_filter_live_<random>` (Strong consistency, so a
 * query-first delete sees the rows just inserted) and drops it afterwards.
 */
import { afterEach, beforeEach, describe, it } from "vitest";
import { createMilvusClient, type MilvusClient } from "../../src/milvus/client.js";
import { MilvusError } from "../../src/milvus/errors.js";
import { bookRows } from "./fixtures.js";
import { FLOWS, type FlowEnv } from "./flows.js";
import { guardUnhandledRejections } from "./guard.js";

const uri = process.env.MILVUS_URI;
const token = process.env.MILVUS_TOKEN;
if (!uri) {
  console.log("[milvus live tests] skipped: MILVUS_URI is not set (optionally also MILVUS_TOKEN, e.g. root:Milvus)");
}

async function waitFor(client: MilvusClient, collectionName: string, want: (state: string) => boolean): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const s = await client.getLoadState({ collectionName }).catch((e: unknown) => {
      if (e instanceof MilvusError && e.code === 101) return { loadState: "LoadStateNotLoad" };
      throw e;
    });
    if (want(s.loadState)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${collectionName}: load state did not settle within 60 s`);
}

async function seed(client: MilvusClient, name: string): Promise<void> {
  await client.request("collections/create", {
    collectionName: name,
    schema: {
      autoId: false,
      enableDynamicField: false,
      fields: [
        { fieldName: "id", dataType: "Int64", isPrimary: true },
        { fieldName: "title", dataType: "VarChar", elementTypeParams: { max_length: 512 }, nullable: true },
        { fieldName: "year", dataType: "Int32" },
        { fieldName: "tags", dataType: "Array", elementDataType: "VarChar", elementTypeParams: { max_capacity: 8, max_length: 32 } },
        { fieldName: "meta", dataType: "JSON" },
        { fieldName: "vec", dataType: "FloatVector", elementTypeParams: { dim: 4 } },
      ],
    },
    indexParams: [{ fieldName: "vec", indexName: "vec", metricType: "L2" }],
    params: { consistencyLevel: "Strong" },
  });
  for (const p of ["p2023", "p2024"]) await client.request("partitions/create", { collectionName: name, partitionName: p });
  const byPartition = new Map<string, Record<string, unknown>[]>();
  for (const { partition, row } of bookRows()!) {
    const list = byPartition.get(partition ?? "_default") ?? [];
    list.push({ ...row, vec: [0.1, 0.2, 0.3, 0.4] });
    byPartition.set(partition ?? "_default", list);
  }
  for (const [partitionName, data] of byPartition) await client.request("entities/insert", { collectionName: name, partitionName, data });
  await client.request("collections/load", { collectionName: name });
  await waitFor(client, name, (s) => s === "LoadStateLoaded");
}

describe.skipIf(!uri)("flows against a live Milvus (MILVUS_URI)", () => {
  guardUnhandledRejections();
  let env: FlowEnv;

  beforeEach(async () => {
    const client = createMilvusClient({ endpoint: uri!, ...(token ? { token } : {}), timeoutMs: 30_000 });
    const collection = `milvus_filter_live_${Math.random().toString(36).slice(2, 10)}`;
    await seed(client, collection);
    env = {
      client,
      collection,
      load: async () => {
        await client.request("collections/load", { collectionName: collection });
        await waitFor(client, collection, (s) => s === "LoadStateLoaded");
      },
      release: async () => {
        await client.releaseCollection({ collectionName: collection });
        await waitFor(client, collection, (s) => s === "LoadStateNotLoad");
      },
    };
  }, 120_000);

  afterEach(async () => {
    if (env) await env.client.request("collections/drop", { collectionName: env.collection }).catch(() => undefined);
  }, 60_000);

  for (const flow of FLOWS) it(flow.name, () => flow.run(env), 120_000);
});
