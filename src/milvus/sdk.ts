/**
 * `checkedDelete(client, params)`: a drop-in guard for `@zilliz/milvus2-sdk-node`'s
 * `client.delete(params)`.
 *
 * The SDK sends `filter`/`expr` unchecked, silently prefers `filter` over `expr` and over `ids`,
 * builds `pk in [...]` from `ids` by string concatenation (no escaping; numbers lose precision
 * beyond 2^53), and silently drops `bigint`/`null` template values (../shared/spec/milvus-api-notes.md §2). This adapter
 * refuses every one of those situations, checks the filter and `exprValues` against the schema
 * from `client.describeCollection`, and only then calls `client.delete` with the canonical filter.
 *
 * No dependency on the SDK: the client is described structurally (the few methods used), so
 * this module loads whether or not the SDK is installed.
 */
import { quoteString } from "../syntax/literals.js";
import type { Target } from "../check/types.js";
import type { Row } from "../rows/access.js";
import { PreflightError, requirePreflight } from "./errors.js";
import { defaultToolkit, dryRun, precheckFilter, preflightFilter, schemaFromDescribe, type DeleteClassification, type DryRunReport, type FilterToolkit } from "./preflight.js";
import { SPECS } from "../diag/api-specs.js";

/** The SDK's status object (`{ error_code: "Success", code: 0, reason: "" }`). */
export interface SdkStatusLike {
  error_code?: string | number;
  code?: number;
  reason?: string;
}

/**
 * What `checkedDelete` passes to `client.delete`: the SDK's `DeleteByFilterReq` (plus any
 * pass-through options the caller gave, such as `consistency_level` or `timeout`).
 */
export interface SdkDeleteRequest {
  collection_name: string;
  filter: string;
  db_name?: string;
  partition_name?: string;
  exprValues?: Record<string, unknown>;
}

/** The part of `MilvusClient` (the SDK's gRPC client) this adapter uses. */
export interface SdkClientLike<R> {
  describeCollection(req: { collection_name: string; db_name?: string }): Promise<unknown>;
  delete(req: SdkDeleteRequest): Promise<R>;
  /** Used for the load-state pre-flight of query-first deletes when present. */
  getLoadState?(req: { collection_name: string; db_name?: string; partition_names?: string[] }): Promise<{ status?: SdkStatusLike; state?: unknown }>;
}

/** `DeleteReq` of the SDK: `ids`, or `filter` / `expr` (+ `exprValues`), plus pass-through options. */
export interface CheckedDeleteParams {
  collection_name: string;
  db_name?: string;
  partition_name?: string;
  filter?: string;
  expr?: string;
  ids?: readonly (string | number | bigint)[];
  exprValues?: Record<string, unknown>;
  consistency_level?: string;
  timeout?: number;
  /** Anything else is passed to `client.delete` unchanged. */
  [option: string]: unknown;
}

export interface CheckedDeleteOptions {
  target?: Target;
  /** Refuse a query-first delete when `getLoadState` says the collection is not loaded. Default true. */
  requireLoaded?: boolean;
  dryRunRows?: Iterable<Row>;
  /** Sees what will be sent; false means nothing is sent (PreflightError "declined"). */
  confirm?: (plan: CheckedDeletePlan) => boolean | Promise<boolean>;
  allowSchemaIssues?: boolean;
  toolkit?: FilterToolkit;
}

export interface CheckedDeletePlan {
  collectionName: string;
  /** The canonical filter passed to `client.delete`. */
  filter: string;
  exprValues?: Record<string, unknown>;
  classification: DeleteClassification;
  listedKeys?: number;
  dryRun?: DryRunReport;
}

/** Validates, then calls `client.delete` and returns its result unchanged. Throws PreflightError when refused (nothing sent). */
export async function checkedDelete<R>(client: SdkClientLike<R>, params: CheckedDeleteParams, options: CheckedDeleteOptions = {}): Promise<R> {
  [client, params, options = {}] = requirePreflight("checkedDelete", SPECS.checkedDelete, [client, params, options]) as [SdkClientLike<R>, CheckedDeleteParams, CheckedDeleteOptions];
  if (typeof client !== "object" || client === null || typeof client.describeCollection !== "function" || typeof client.delete !== "function") {
    throw new PreflightError("options/invalid", "checkedDelete: expected a Milvus SDK client (with describeCollection and delete)");
  }
  if (typeof params !== "object" || params === null) throw new PreflightError("options/invalid", "checkedDelete: params must be an object");
  const { collection_name, db_name, partition_name, filter, expr, ids, exprValues, ...passThrough } = params;
  if (typeof collection_name !== "string" || collection_name === "") {
    throw new PreflightError("options/invalid", "checkedDelete: collection_name must be a non-empty string");
  }
  const hasFilter = filter !== undefined;
  const hasExpr = expr !== undefined;
  if (hasFilter && hasExpr && filter !== expr) {
    throw new PreflightError("options/invalid", "checkedDelete: both filter and expr are given and differ; the SDK would silently use filter", {
      hint: "pass only filter",
    });
  }
  if (ids !== undefined && (hasFilter || hasExpr)) {
    throw new PreflightError("options/invalid", "checkedDelete: ids and a filter are both given; the SDK would silently ignore ids", {
      hint: "pass one of them",
    });
  }
  if (ids === undefined && !hasFilter && !hasExpr) {
    throw new PreflightError("options/invalid", "checkedDelete: the filter (or expr, or ids) is missing");
  }
  if (exprValues !== undefined && ids !== undefined) throw new PreflightError("options/invalid", "checkedDelete: exprValues only go with a filter");

  const toolkit = options.toolkit ?? defaultToolkit;
  if (ids === undefined) {
    // a filter that cannot be right is refused before the server is contacted
    const t = hasFilter ? filter : expr;
    if (typeof t !== "string") throw new PreflightError("options/invalid", "checkedDelete: filter must be a string");
    if (exprValues !== undefined) checkSdkTemplateValues(exprValues);
    precheckFilter(
      { filter: t, ...(exprValues !== undefined ? { exprParams: exprValues } : {}), purpose: "delete", ...(options.target !== undefined ? { target: options.target } : {}) },
      toolkit,
    );
  }

  const describeReq: { collection_name: string; db_name?: string } = { collection_name };
  if (db_name !== undefined) describeReq.db_name = db_name;
  const described = await client.describeCollection(describeReq);
  const schema = schemaFromDescribe(described, options.allowSchemaIssues === true, collection_name);
  if (partition_name !== undefined) {
    const pkey = schema.fields.find((f) => f.partitionKey);
    if (pkey) {
      throw new PreflightError("partition/partition-key", `collection "${collection_name}" uses partition key "${pkey.name}": Milvus refuses a delete that names a partition`);
    }
  }

  let text: string;
  if (ids !== undefined) {
    text = filterFromIds(schema.primaryKey, ids);
  } else {
    const t = hasFilter ? filter : expr;
    if (typeof t !== "string") throw new PreflightError("options/invalid", "checkedDelete: filter must be a string");
    text = t;
  }
  if (exprValues !== undefined) checkSdkTemplateValues(exprValues);

  const fp = preflightFilter(
    {
      schema,
      filter: text,
      ...(exprValues !== undefined ? { exprParams: exprValues } : {}),
      purpose: "delete",
      ...(options.target !== undefined ? { target: options.target } : {}),
    },
    toolkit,
  );
  const classification = fp.classification ?? "query-first";

  if (classification === "query-first" && options.requireLoaded !== false && typeof client.getLoadState === "function") {
    const req: { collection_name: string; db_name?: string; partition_names?: string[] } = { collection_name };
    if (db_name !== undefined) req.db_name = db_name;
    if (partition_name !== undefined) req.partition_names = [partition_name];
    const res = await client.getLoadState(req);
    const failed = res?.status && ((res.status.error_code !== undefined && res.status.error_code !== "Success" && res.status.error_code !== 0) || (res.status.code ?? 0) !== 0);
    const state = typeof res?.state === "string" ? res.state : String(res?.state);
    if (failed || (state !== "LoadStateLoaded" && state !== "3")) {
      const target = partition_name !== undefined ? `partition "${partition_name}" of "${collection_name}"` : `collection "${collection_name}"`;
      throw new PreflightError(
        "target/not-loaded",
        `refusing to delete: ${target} is not loaded (${failed ? res.status?.reason || "load state unavailable" : state}); this filter makes Milvus query before deleting, which needs the data loaded`,
        { hint: "load the collection, or delete by primary key (ids / pk in [...]), which needs no load" },
      );
    }
  }

  const plan: CheckedDeletePlan = { collectionName: collection_name, filter: fp.filter, classification };
  if (fp.exprParams !== undefined) plan.exprValues = exprValues!;
  if (fp.listedKeys !== undefined) plan.listedKeys = fp.listedKeys;
  if (options.dryRunRows !== undefined) plan.dryRun = dryRun(fp, schema, options.dryRunRows, { toolkit });
  if (options.confirm) {
    let ok = false;
    try {
      ok = (await options.confirm(plan)) === true;
    } catch (e) {
      throw new PreflightError("declined", `the delete was not confirmed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!ok) throw new PreflightError("declined", "the delete was not confirmed; nothing was sent");
  }

  const req: Record<string, unknown> = { ...passThrough, collection_name, filter: fp.filter };
  if (db_name !== undefined) req.db_name = db_name;
  if (partition_name !== undefined) req.partition_name = partition_name;
  if (fp.exprParams !== undefined) req.exprValues = exprValues;
  return client.delete(req as unknown as SdkDeleteRequest);
}

/** `pk in [...]` built safely: VarChar ids quoted, Int64 ids as exact digits. */
function filterFromIds(pk: { name: string; dataType: string } | undefined, ids: readonly unknown[]): string {
  if (!pk) throw new PreflightError("schema/unusable", "the collection has no primary key in its schema, so ids cannot be used");
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new PreflightError("options/invalid", "checkedDelete: ids must be a non-empty array (Milvus rejects `pk in []`)");
  }
  const parts = ids.map((id, i) => {
    if (pk.dataType === "VarChar" || pk.dataType === "String") {
      if (typeof id !== "string") throw new PreflightError("options/invalid", `ids[${i}] must be a string: the primary key ${pk.name} is ${pk.dataType}`);
      try {
        return quoteString(id);
      } catch (e) {
        throw new PreflightError("options/invalid", `ids[${i}]: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (typeof id === "bigint") return id.toString();
    if (typeof id === "number") {
      if (!Number.isSafeInteger(id)) {
        throw new PreflightError("params/int64-precision", `ids[${i}] is ${id}, not an exact integer: pass int64 ids beyond 2^53 as bigint or decimal strings`);
      }
      return String(id);
    }
    if (typeof id === "string" && /^-?(0|[1-9][0-9]{0,18})$/.test(id)) return id;
    throw new PreflightError("options/invalid", `ids[${i}] is not an integer for the ${pk.dataType} primary key ${pk.name}`);
  });
  return `${pk.name} in [${parts.join(", ")}]`;
}

/** Refuses template values the SDK's formatExprValues would drop or mistype. */
export function checkSdkTemplateValues(values: Record<string, unknown>): void {
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw new PreflightError("params/invalid", "exprValues must be an object mapping placeholder names to values");
  }
  const visit = (v: unknown, path: string): void => {
    if (v === null || v === undefined) {
      throw new PreflightError("params/invalid", `exprValues.${path} is ${v}: the Node SDK drops it silently and Milvus then reports the template variable as not found`);
    }
    if (typeof v === "bigint") {
      throw new PreflightError("params/invalid", `exprValues.${path} is a bigint: the Node SDK drops bigint template values silently`, {
        hint: "write the value into the filter with the safe builder (filter`pk in ${ids}`), which keeps int64 digits exact",
      });
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new PreflightError("params/invalid", `exprValues.${path} is ${v}`);
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
        throw new PreflightError("params/int64-precision", `exprValues.${path} is ${v}, beyond 2^53: a JavaScript number cannot hold it exactly`);
      }
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${path}[${i}]`));
      const nums = v.filter((x) => typeof x === "number") as number[];
      if (nums.length > 0 && nums.length === v.length && Number.isInteger(nums[0]) && nums.some((x) => !Number.isInteger(x))) {
        throw new PreflightError("params/invalid", `exprValues.${path} mixes integers and fractions: the Node SDK types an array by its first element and would send it as integers`, {
          hint: "make the first element a fraction too, or use only integers",
        });
      }
      return;
    }
    if (typeof v === "object") {
      throw new PreflightError("params/invalid", `exprValues.${path} is an object: Milvus template values are booleans, numbers, strings or arrays`);
    }
  };
  for (const key of Object.keys(values)) visit(values[key], key);
}
