/** The shared end-to-end flows (flows.ts) against the contract test double. live.test.ts runs them against a real server. */
import { afterEach, beforeEach, describe, it } from "vitest";
import { createMilvusClient } from "../../src/milvus/client.js";
import { MilvusDouble } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { FLOWS, type FlowEnv } from "./flows.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

let double: MilvusDouble;
let env: FlowEnv;

beforeEach(async () => {
  double = await MilvusDouble.start({ token: "root:Milvus" });
  double.addCollection(books({ name: "flows_books" }));
  const client = createMilvusClient({ endpoint: double.url, token: "root:Milvus", retries: { max: 1, baseDelayMs: 1 } });
  env = {
    client,
    collection: "flows_books",
    load: async () => void (await client.request("collections/load", { collectionName: "flows_books" })),
    release: () => client.releaseCollection({ collectionName: "flows_books" }),
  };
});
afterEach(async () => {
  await double.close();
});

describe("flows against the contract test double", () => {
  for (const flow of FLOWS) it(flow.name, () => flow.run(env));
});
