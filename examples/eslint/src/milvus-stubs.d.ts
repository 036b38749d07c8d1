// Just enough of the libraries' types for this example to type-check without installing them.
declare module "@zilliz/milvus2-sdk-node" {
  type Req = { collection_name: string; filter?: string; expr?: string; [k: string]: unknown };
  export class MilvusClient {
    constructor(address: string);
    delete(req: Req): Promise<unknown>;
    query(req: Req): Promise<unknown>;
    search(req: Req): Promise<unknown>;
    hybridSearch(req: Req): Promise<unknown>;
    count(req: Req): Promise<unknown>;
    queryIterator(req: Req): Promise<unknown>;
    searchIterator(req: Req): Promise<unknown>;
  }
}
declare module "@langchain/community/vectorstores/milvus" {
  export class Milvus {
    similaritySearch(query: string, k?: number, filter?: string): Promise<unknown[]>;
    delete(params: { filter?: string; ids?: string[] }): Promise<void>;
  }
}
declare module "@llamaindex/milvus" {
  export class MilvusVectorStore {
    delete(refDocId: string, options?: { filter?: string; expr?: string }): Promise<void>;
  }
}
