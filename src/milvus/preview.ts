/**
 * The server preview of a delete: before anything is removed, ask Milvus itself how many rows the
 * filter matches (`count(*)`) and which primary keys come first, with the same filter, partition
 * and template values the delete will send.
 *
 * Consistency: REST `entities/delete` has no consistencyLevel field (CollectionFilterReq in
 * internal/distributed/proxy/httpserver/request_v2.go, zhengbuqian/milvus master @ 88f357a345),
 * so a query-first delete reads at the collection's default level. The preview therefore omits
 * consistencyLevel by default: it sees what the delete will see. `consistencyLevel: "Strong"`
 * makes it see every write acknowledged before it (milvus#35201).
 *
 * Requests, in order: `entities/query` count(*), then (when rows match and a sample is wanted)
 * `entities/query` with `limit` = sample size and the primary key plus the chosen output fields.
 * Count and sample are two reads, not one snapshot: a concurrent writer can slip between them.
 */
import type { JsonObject } from "../util/json.js";
import { encodeJsonString } from "../util/json.js";
import type { DryRunReport } from "./preflight.js";
import { MilvusError, PreflightError, requirePreflight } from "./errors.js";
import type { MilvusClient } from "./client.js";
import { MAX_QUERY_RESULT_WINDOW, primaryKeyOf, invalidQueryResponse, type ConsistencyLevel } from "./query.js";
import type { DeletePlan } from "./safe-delete.js";
import { SPECS } from "../diag/api-specs.js";

export type PreviewMode = "local" | "server" | "none";

export interface ServerPreviewOptions {
  /** Primary keys to fetch as a sample (0..1000). Default 10. */
  sampleSize?: number;
  /** Further fields to fetch with the sample. */
  outputFields?: string[];
  /** Omitted: the collection's default, which is what the delete itself reads at. */
  consistencyLevel?: ConsistencyLevel;
}

export interface ServerPreview {
  /** Rows the filter matches on the server now (exact). */
  count: bigint;
  primaryKey: string;
  /** The first matching keys in ascending order: bigint for Int64 keys, string for VarChar. */
  sampleKeys: (bigint | string)[];
  /** The sample rows (primary key plus the chosen output fields). */
  sampleRows: JsonObject[];
  /** The level the preview read at; null = the collection's default (what the delete uses). */
  consistencyLevel: ConsistencyLevel | null;
  /** Differences from the local dry run (rows given by the caller), in words. */
  warnings: string[];
}

export const DEFAULT_SAMPLE_SIZE = 10;
const MAX_SAMPLE_SIZE = 1000;

export async function previewOnServer(
  client: MilvusClient,
  plan: DeletePlan,
  options: ServerPreviewOptions = {},
  signal?: AbortSignal,
): Promise<ServerPreview> {
  [client, plan, options = {}, signal] = requirePreflight("previewOnServer", SPECS.previewOnServer, [client, plan, options, signal]) as [MilvusClient, DeletePlan, ServerPreviewOptions | undefined, AbortSignal | undefined];
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  if (!Number.isInteger(sampleSize) || sampleSize < 0 || sampleSize > MAX_SAMPLE_SIZE) {
    throw new PreflightError("options/invalid", `preview sampleSize must be an integer in [0, ${MAX_SAMPLE_SIZE}]`);
  }
  const pk = primaryKeyField(plan);
  const base = {
    collectionName: plan.collectionName,
    filter: plan.filter,
    ...(plan.dbName !== undefined ? { dbName: plan.dbName } : {}),
    ...(plan.partitionName !== undefined ? { partitionNames: [plan.partitionName] } : {}),
    ...(plan.exprParams !== undefined ? { exprParams: plan.exprParams as Record<string, unknown> } : {}),
    ...(options.consistencyLevel !== undefined ? { consistencyLevel: options.consistencyLevel } : {}),
  };
  const call = signal ? { signal } : undefined;
  const count = await client.count(base, call);
  const preview: ServerPreview = {
    count,
    primaryKey: pk.name,
    sampleKeys: [],
    sampleRows: [],
    consistencyLevel: options.consistencyLevel ?? null,
    warnings: [],
  };
  if (count > 0n && sampleSize > 0) {
    const fields = [pk.name, ...(options.outputFields ?? []).filter((f) => f !== pk.name)];
    const { rows } = await client.queryEntities({ ...base, outputFields: fields, limit: Math.min(sampleSize, MAX_QUERY_RESULT_WINDOW) }, call);
    for (const row of rows) {
      const key = primaryKeyOf(row, pk.name, pk.type);
      if (key === undefined) throw invalidQueryResponse(`a sample row has no usable primary key "${pk.name}"`);
      preview.sampleKeys.push(key);
    }
    preview.sampleRows = rows;
  }
  return preview;
}

/** The server refused a read because the collection or partition is not loaded (101 / 201). */
export function isNotLoaded(e: unknown): boolean {
  return e instanceof MilvusError && (e.code === 101 || e.code === 201);
}

/** `expect` / `max`: refuse (nothing is sent) when the server's count does not fit. */
export function checkExpectations(count: bigint, expect: bigint | undefined, max: bigint | undefined): void {
  if (expect !== undefined && count !== expect) {
    throw new PreflightError(
      "preview/count-mismatch",
      `the server counts ${formatCount(count)} matching row${count === 1n ? "" : "s"}, but ${formatCount(expect)} ${expect === 1n ? "was" : "were"} expected: nothing was sent`,
      { hint: "check the filter, the partition and the template values; rows may also have changed since the number was taken" },
    );
  }
  if (max !== undefined && count > max) {
    throw new PreflightError(
      "preview/count-exceeds",
      `the server counts ${formatCount(count)} matching rows, more than the allowed maximum of ${formatCount(max)}: nothing was sent`,
    );
  }
}

/** Normalises an `expect` / `max` option: a non-negative integer as number, bigint or digit string. */
export function countOption(v: unknown, what: string): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "bigint" && v >= 0n) return v;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^\d{1,19}$/.test(v)) return BigInt(v);
  throw new PreflightError("options/invalid", `${what} must be a non-negative integer`);
}

/**
 * Compares the server's preview with the local dry run on the caller's rows. Counts are compared
 * always; keys only when the server's sample holds every matching key (count <= sample), where the
 * comparison is exact. The caller's rows may be a subset of the collection, so a server key that is
 * absent from them is not reported.
 */
export function compareWithLocal(preview: ServerPreview, dryRun: DryRunReport, pkType: "Int64" | "VarChar"): string[] {
  const warnings: string[] = [];
  if (BigInt(dryRun.matched) !== preview.count) {
    warnings.push(
      `the local dry run matches ${dryRun.matched} of the ${dryRun.total} rows given, the server counts ${formatCount(preview.count)}: ` +
        "the rows given may not be what the server holds, or the local semantics differ from the server's",
    );
  }
  if (preview.count > BigInt(preview.sampleKeys.length)) return warnings;
  const serverKeys = new Set(preview.sampleKeys.map(keyText));
  const localMatched = new Set<string>();
  for (const row of dryRun.matchedRows) {
    const k = primaryKeyOf(row as JsonObject, preview.primaryKey, pkType);
    if (k !== undefined) localMatched.add(keyText(k));
  }
  const onlyLocal = [...localMatched].filter((k) => !serverKeys.has(k));
  if (onlyLocal.length > 0) warnings.push(`the local dry run matches keys the server does not: ${listKeys(onlyLocal)}`);
  return warnings;
}

/** "this delete removes 12,408 rows from books (partition 2024); first keys: 17, 18, 25 …" */
export function describeServerPreview(plan: DeletePlan, preview: ServerPreview): string {
  [plan, preview] = requirePreflight("describeServerPreview", SPECS.describeServerPreview, [plan, preview]) as [DeletePlan, ServerPreview];
  const target = `${plan.collectionName}${plan.partitionName !== undefined ? ` (partition ${plan.partitionName})` : ""}`;
  const n = preview.count;
  let text = `this delete removes ${formatCount(n)} row${n === 1n ? "" : "s"} from ${target}`;
  if (preview.sampleKeys.length > 0) {
    const more = BigInt(preview.sampleKeys.length) < n ? " …" : "";
    text += `; first keys: ${preview.sampleKeys.map(keyText).join(", ")}${more}`;
  }
  if (plan.listedKeys !== undefined && BigInt(plan.listedKeys) !== n) {
    text += ` (${plan.listedKeys} key${plan.listedKeys === 1 ? "" : "s"} listed, so Milvus will report deleteCount ${plan.listedKeys}: milvus#51566)`;
  }
  text += preview.consistencyLevel === null ? " [read at the collection's default consistency, as the delete will]" : ` [read at ${preview.consistencyLevel} consistency]`;
  return text;
}

export function formatCount(n: bigint): string {
  return n.toLocaleString("en-US");
}

/** A key as it would appear in a filter: digits, or a double-quoted string. */
export function keyText(k: bigint | string): string {
  return typeof k === "bigint" ? k.toString() : encodeJsonString(k);
}

function listKeys(keys: string[]): string {
  return keys.length > 5 ? `${keys.slice(0, 5).join(", ")} and ${keys.length - 5} more` : keys.join(", ");
}

/** The primary key's name and type; only Int64 and VarChar keys exist in Milvus. */
export function primaryKeyField(plan: Pick<DeletePlan, "schema" | "collectionName">): { name: string; type: "Int64" | "VarChar" } {
  const pk = plan.schema.primaryKey;
  if (!pk || (pk.dataType !== "Int64" && pk.dataType !== "VarChar")) {
    throw new PreflightError("schema/unusable", `collection "${plan.collectionName}" has no Int64 or VarChar primary key in its schema`);
  }
  return { name: pk.name, type: pk.dataType };
}

// ---------------------------------------------------------------- wiring into planDelete

export interface PreviewChoice {
  preview?: PreviewMode;
  previewOptions?: ServerPreviewOptions;
  expect?: bigint | number | string;
  max?: bigint | number | string;
  dryRunRows?: unknown;
}

/** Checks the preview options before any request: which mode, and whether expect / max can be honoured. */
export function validatePreviewChoice(o: PreviewChoice): { mode: PreviewMode; expect?: bigint; max?: bigint } {
  const mode = o.preview ?? (o.dryRunRows !== undefined ? "local" : "none");
  if (mode !== "local" && mode !== "server" && mode !== "none") throw new PreflightError("options/invalid", 'preview must be "local", "server" or "none"');
  if (mode === "local" && o.dryRunRows === undefined) throw new PreflightError("options/invalid", 'preview "local" needs dryRunRows (the rows to evaluate the filter on)');
  if (mode === "none" && o.dryRunRows !== undefined) throw new PreflightError("options/invalid", 'preview "none" contradicts dryRunRows');
  const expect = countOption(o.expect, "expect");
  const max = countOption(o.max, "max");
  if ((expect !== undefined || max !== undefined) && mode !== "server") {
    throw new PreflightError("options/invalid", 'expect and max are checked against the server\'s count: they need preview "server"');
  }
  const out: { mode: PreviewMode; expect?: bigint; max?: bigint } = { mode };
  if (expect !== undefined) out.expect = expect;
  if (max !== undefined) out.max = max;
  return out;
}

/**
 * With preview "server": counts and samples on the server, compares with the local dry run, and
 * refuses (PreflightError, nothing sent) when `expect` / `max` do not fit. For a primary-key
 * delete on data that is not loaded the preview is skipped with a note (that delete needs no load,
 * the query does), unless expect / max ask for the count.
 */
export async function attachServerPreview(client: MilvusClient, plan: DeletePlan, o: PreviewChoice, signal?: AbortSignal): Promise<void> {
  const { mode, expect, max } = validatePreviewChoice(o);
  if (mode !== "server") return;
  let preview: ServerPreview;
  try {
    preview = await previewOnServer(client, plan, o.previewOptions, signal);
  } catch (e) {
    if (!isNotLoaded(e)) throw e;
    const where = plan.partitionName !== undefined ? `partition "${plan.partitionName}"` : `collection "${plan.collectionName}"`;
    if (plan.classification === "primary-key" && expect === undefined && max === undefined) {
      plan.notes.push(`Server preview skipped: ${where} is not loaded, and counting needs a query (the primary-key delete itself needs no load).`);
      return;
    }
    throw new PreflightError("preview/unavailable", `the server preview cannot run: ${where} is not loaded (${(e as MilvusError).message})`, {
      hint: "load it, or leave out expect/max and use preview none for a primary-key delete",
    });
  }
  if (plan.dryRun !== undefined) preview.warnings.push(...compareWithLocal(preview, plan.dryRun, primaryKeyField(plan).type));
  plan.serverPreview = preview;
  checkExpectations(preview.count, expect, max);
}
