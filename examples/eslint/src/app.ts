import { MilvusClient } from "@zilliz/milvus2-sdk-node";
import { Milvus } from "@langchain/community/vectorstores/milvus";
import { MilvusVectorStore } from "@llamaindex/milvus";
import { checkedDelete, filter, field } from "milvus-filter";

const client = new MilvusClient("localhost:19530");
const collection_name = "books";

export async function examples(tenant: string, minYear: number, store: Milvus, llama: MilvusVectorStore) {
  // Fine: fits the schema.
  await client.query({ collection_name, filter: 'tenant == "acme" and year >= 2000' });
  // Unknown field (reported on "yaer").
  await client.search({ collection_name, filter: "tenant == \"acme\" and yaer > 2000" });
  // A delete that removes every row.
  await client.delete({ collection_name, filter: "id > 0 or true" });
  // Injection-prone: a run-time value spliced into the text.
  await client.delete({ collection_name, filter: `tenant == "${tenant}"` });
  // Type error, after an escape: the column is exact.
  await client.count({ collection_name, expr: "title == \u0022x\u0022 and price > \"cheap\"" });
  await client.queryIterator({ collection_name, filter: "year in [2000, 2001]" });
  await client.searchIterator({ collection_name, filter: "meta[\"lang\"] == \"en\"" });
  await client.hybridSearch({ collection_name, data: [{ anns_field: "vector", data: [[0, 0, 0, 1]], expr: "yaer > 1" }] });
  // LangChain.js and LlamaIndex.TS stores.
  await store.similaritySearch("space", 4, "tags[0] == 3");
  await store.delete({ filter: "year > 1990 or true" });
  await llama.delete("doc-1", { filter: "titel == \"x\"" });
  // This package's own helpers and builder.
  await checkedDelete(client, { collection_name, filter: "id in [1, 2" });
  const f = filter`${field("tenant")} == ${tenant} and yeer > ${minYear}`;
  await client.query({ collection_name, filter: f.text });
  // Marked by a comment, and a configured call pattern.
  const saved = /* milvus-filter */ "price >> 2";
  return saved;
}

// Not a Milvus client: with type information its delete() is not taken for a filter.
class Notes {
  delete(o: { filter: string }) {
    return o.filter;
  }
}
new Notes().delete({ filter: "this is not a filter" });
