/**
 * Reads through `POST /v2/vectordb/entities/query`: `queryEntities` (rows) and `countEntities`
 * (`outputFields: ["count(*)"]`). Both go through the client's `request` as read-only calls, so
 * they get the same headers, envelope handling, scrubbing and bounded retries (reads may be
 * retried; nothing here changes data).
 *
 * The request shape is `QueryReqV2` in internal/distributed/proxy/httpserver/request_v2.go
 * (zhengbuqian/milvus 2.6 @ f15a99625b, master @ 88f357a345): dbName, collectionName,
 * partitionNames, outputFields, filter, limit (int32), offset (int32), exprParams,
 * consistencyLevel. What the server does with it (handler_v2.go `query`, proxy task_query.go
 * `parseQueryParams`, same commits):
 * - `limit` is forwarded only when > 0 and the output is not `count(*)`; without a limit the query
 *   is unlimited (a non-empty filter returns every match, capped by the 100 MiB maxOutputSize);
 * - `offset` is read only together with a limit, and offset + limit must lie in
 *   [1, quotaAndLimits.limits.maxQueryResultWindow], 16384 by default (quota_param.go), else
 *   code 1100 "invalid max query result window";
 * - `consistencyLevel` "" means the collection's default; anything but Strong, Session, Bounded,
 *   Eventually or Customized is refused;
 * - with a limit, each segment returns its first matches in primary-key order and the query node
 *   and proxy merge them by smallest key (InsertRecord.h `find_first`, querynodev2/segments/result.go
 *   `MergeSegcoreRetrieveResults`, proxy `reduceRetrieveResults` with `SelectMinPK`), so a limited
 *   page holds the smallest matching keys in ascending order. batch-delete.ts relies on that and
 *   verifies it on every page.
 *
 * Values come back losslessly: the client sends `Accept-Type-Allow-Int64: true` and decodes
 * integers beyond 2^53 as bigint; `count(*)` is returned as a bigint.
 */
import type { JsonObject, JsonValue } from "../util/json.js";
import { MilvusError } from "./errors.js";
import type { CallOptions, CollectionRef } from "./client.js";

export const CONSISTENCY_LEVELS = ["Strong", "Session", "Bounded", "Eventually", "Customized"] as const;
export type ConsistencyLevel = (typeof CONSISTENCY_LEVELS)[number];

/** Default of `quotaAndLimits.limits.maxQueryResultWindow` (offset + limit); servers may configure another. */
export const MAX_QUERY_RESULT_WINDOW = 16384;
/** QueryReqV2 decodes limit and offset as int32. */
const INT32_MAX = 2 ** 31 - 1;

export interface QueryEntitiesRequest extends CollectionRef {
  /** The filter text; "" matches every row (the server then requires a limit). */
  filter: string;
  outputFields?: string[];
  /** Rows to return (1..2^31-1). Without it, every match is returned. */
  limit?: number;
  /** Rows to skip; only meaningful with `limit` (the server ignores an offset without a limit, so it is refused here). */
  offset?: number;
  partitionNames?: string[];
  exprParams?: Record<string, unknown>;
  /** Omitted: the collection's default consistency level. */
  consistencyLevel?: ConsistencyLevel;
}

export interface QueryEntitiesResult {
  /** One object per row, field name to value; int64 beyond 2^53 as bigint. */
  rows: JsonObject[];
}

export type CountRequest = Omit<QueryEntitiesRequest, "outputFields" | "limit" | "offset">;

/** What the query helpers need from a client (its generic `request`). */
export interface RequestClient {
  request(path: string, body: Record<string, unknown>, opts?: CallOptions & { mutating?: boolean }): Promise<JsonValue | undefined>;
}

const ENDPOINT = "/v2/vectordb/entities/query";

export async function queryEntities(client: RequestClient, req: QueryEntitiesRequest, opts?: CallOptions): Promise<QueryEntitiesResult> {
  const body = queryBody(req);
  if (req.outputFields !== undefined) {
    if (!Array.isArray(req.outputFields) || !req.outputFields.every((f) => typeof f === "string" && f !== "")) {
      throw new TypeError("queryEntities: outputFields must be an array of field names");
    }
    body.outputFields = [...req.outputFields];
  }
  if (req.limit !== undefined) body.limit = int32(req.limit, 1, "limit");
  if (req.offset !== undefined) {
    if (req.limit === undefined) throw new TypeError("queryEntities: offset needs a limit (the server ignores an offset without one)");
    const offset = int32(req.offset, 0, "offset");
    if (offset > 0) body.offset = offset;
  }
  const data = await client.request("entities/query", body, { ...opts, mutating: false });
  if (!Array.isArray(data) || !data.every(isObject)) throw invalidQueryResponse("data is not an array of row objects");
  return { rows: data as JsonObject[] };
}

/** `count(*)` of the rows matching `filter` (exact, as a bigint). */
export async function countEntities(client: RequestClient, req: CountRequest, opts?: CallOptions): Promise<bigint> {
  const body = queryBody(req);
  body.outputFields = ["count(*)"];
  const data = await client.request("entities/query", body, { ...opts, mutating: false });
  const first = Array.isArray(data) && data.length === 1 && isObject(data[0]) ? data[0] : undefined;
  const n = first?.["count(*)"];
  if (typeof n === "bigint" && n >= 0n) return n;
  if (typeof n === "number" && Number.isSafeInteger(n) && n >= 0) return BigInt(n);
  if (typeof n === "string" && /^\d{1,19}$/.test(n)) return BigInt(n);
  throw invalidQueryResponse('data is not [{"count(*)": <non-negative integer>}]');
}

function queryBody(req: CountRequest): Record<string, unknown> {
  if (typeof req !== "object" || req === null) throw new TypeError("query: the request must be an object");
  if (typeof req.collectionName !== "string" || req.collectionName === "") throw new TypeError("query: collectionName must be a non-empty string");
  if (typeof req.filter !== "string") throw new TypeError("query: filter must be a string");
  const body: Record<string, unknown> = {};
  if (req.dbName !== undefined) body.dbName = req.dbName;
  body.collectionName = req.collectionName;
  body.filter = req.filter;
  if (req.partitionNames !== undefined) {
    if (!Array.isArray(req.partitionNames) || !req.partitionNames.every((p) => typeof p === "string" && p !== "")) {
      throw new TypeError("query: partitionNames must be an array of names");
    }
    body.partitionNames = [...req.partitionNames];
  }
  if (req.exprParams !== undefined) {
    if (typeof req.exprParams !== "object" || req.exprParams === null || Array.isArray(req.exprParams)) throw new TypeError("query: exprParams must be an object");
    body.exprParams = req.exprParams;
  }
  if (req.consistencyLevel !== undefined) {
    if (!(CONSISTENCY_LEVELS as readonly string[]).includes(req.consistencyLevel)) {
      throw new TypeError(`query: consistencyLevel must be one of ${CONSISTENCY_LEVELS.join(", ")}`);
    }
    body.consistencyLevel = req.consistencyLevel;
  }
  return body;
}

function int32(v: unknown, min: number, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > INT32_MAX) {
    throw new TypeError(`queryEntities: ${what} must be an integer in [${min}, ${INT32_MAX}]`);
  }
  return v;
}

/**
 * A primary-key value from a query row, exact: Int64 keys as bigint (the server sends a number,
 * or a digit string when int64 is not allowed as a number), VarChar keys as string. Undefined when
 * the value does not fit the key type.
 */
export function primaryKeyOf(row: JsonObject, field: string, type: "Int64" | "VarChar"): bigint | string | undefined {
  const v = row[field];
  if (type === "VarChar") return typeof v === "string" ? v : undefined;
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d{1,19}$/.test(v)) return BigInt(v);
  return undefined;
}

export function invalidQueryResponse(what: string): MilvusError {
  return new MilvusError({
    kind: "invalid-response",
    code: null,
    message: `Milvus ${ENDPOINT}: unexpected response: ${what}`,
    endpoint: ENDPOINT,
    retriable: false,
    attempts: 1,
    maybeApplied: false,
  });
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
