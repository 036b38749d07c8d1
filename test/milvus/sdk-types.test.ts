/**
 * Type-level check: a class shaped like @zilliz/milvus2-sdk-node's MilvusClient (signatures after
 * milvus/types/Data.ts and Collection.ts, notes §2) is accepted by checkedDelete as it is.
 */
import { expect, it } from "vitest";
import { checkedDelete } from "../../src/milvus/sdk.js";

type ConsistencyLevel = "Strong" | "Session" | "Bounded" | "Eventually" | "Customized";
interface BaseDeleteReq {
  collection_name: string;
  db_name?: string;
  partition_name?: string;
  consistency_level?: ConsistencyLevel;
  exprValues?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  timeout?: number;
}
interface DeleteByIdsReq extends BaseDeleteReq {
  ids: string[] | number[];
}
interface DeleteByFilterReq extends BaseDeleteReq {
  filter: string;
}
interface ResStatus {
  error_code: string | number;
  reason: string;
  code?: number;
}
interface MutationResult {
  status: ResStatus;
  delete_cnt: string;
  succ_index: number[];
}
enum LoadState {
  LoadStateNotExist = "LoadStateNotExist",
  LoadStateNotLoad = "LoadStateNotLoad",
  LoadStateLoading = "LoadStateLoading",
  LoadStateLoaded = "LoadStateLoaded",
}
class SdkShapedClient {
  async describeCollection(data: { collection_name: string; db_name?: string; timeout?: number }): Promise<{ status: ResStatus; schema: { fields: unknown[] } }> {
    void data;
    return { status: { error_code: "Success", reason: "" }, schema: { fields: [] } };
  }
  async delete(data: DeleteByIdsReq | DeleteByFilterReq): Promise<MutationResult> {
    void data;
    return { status: { error_code: "Success", reason: "" }, delete_cnt: "0", succ_index: [] };
  }
  async getLoadState(data: { collection_name: string; db_name?: string; partition_names?: string[] }): Promise<{ status: ResStatus; state: LoadState }> {
    void data;
    return { status: { error_code: "Success", reason: "" }, state: LoadState.LoadStateLoaded };
  }
}

it("an SDK-shaped client type-checks as checkedDelete's client, and the result type is the SDK's", async () => {
  const client = new SdkShapedClient();
  const run = (): Promise<MutationResult> => checkedDelete(client, { collection_name: "c", filter: "id in [1]", consistency_level: "Strong" });
  expect(typeof run).toBe("function");
});
