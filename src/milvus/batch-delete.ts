/**
 * Big deletes in verified batches.
 *
 * Query-first filters (`runBatchedDelete`): page through the matching primary keys with a key
 * cursor and delete each page as a checked `pk in [...]`:
 *
 *   count(filter)                                  expected (or the preview's count)
 *   repeat: query((filter) and pk > last, limit N) → keys k1 < … < kn
 *           delete(pk in [k1, …, kn])               → last = kn
 *   count(filter)                                  remaining
 *
 * Why a key cursor and not offset + limit: offset + limit may not exceed the server's
 * maxQueryResultWindow (16384 by default), and an offset shifts under concurrent inserts and under
 * our own deletes (rows would be skipped). A limited query returns the smallest matching keys in
 * ascending order (see query.ts for the server code that guarantees it), so `pk > last` resumes
 * exactly after the last key handled: every page makes progress (its keys are checked to be
 * strictly ascending and beyond the cursor, else the run stops), no row is read twice, rows
 * inserted below the cursor are left alone, and a run can resume from `last` alone. Rows that
 * start to match above the cursor while the run goes (new keys) are deleted too, as the server's
 * own query-first delete would; the run is bounded anyway: at most ceil(expected / N) +
 * `extraPages` pages, then it stops and says so.
 *
 * Cost: each page query carries the whole filter, composed and checked again (O(filter length +
 * N) per page), so a run costs O(pages × filter length + rows); pages are bounded as above.
 *
 * Reads use Strong consistency by default, so a page sees the deletes of the pages before it and
 * the final count sees them all (milvus#35201: verify with strong consistency).
 *
 * A delete is never re-sent when it may have been applied: a page whose outcome is unknown (timeout,
 * broken connection, an error the server may have raised after acting) stops the run, and the
 * checkpoint records it as "unknown". Resuming re-counts, then continues from the last confirmed
 * key with a fresh query: keys the unknown page did delete no longer match and are not sent again.
 *
 * Primary-key lists (`runKeyBatches`): `pk in [...]` with more keys or bytes than one request
 * should carry is split into consecutive lists, each sent and logged in turn (milvus#39485: a
 * delete of 90k keys failed with "Message size too large"). The proxy writes one delete message
 * per key (repackDeleteMsgByHash in internal/proxy/task_delete.go, zhengbuqian/milvus master @
 * 88f357a345), so the number of keys drives the size of what it produces.
 */
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type * as A from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";
import { print } from "../backends/print/print.js";
import { cmpUtf8 } from "../backends/eval/values.js";
import { filter as buildFilter } from "../builder/filter.js";
import { FilterBuildError, field } from "../builder/values.js";
import { parseJson, stringifyJson } from "../util/json.js";
import type { MilvusClient } from "./client.js";
import { MilvusError, PreflightError, requirePreflight } from "./errors.js";
import { preflightFilter } from "./preflight.js";
import { checkText } from "../check/check.js";
import { MAX_QUERY_RESULT_WINDOW, invalidQueryResponse, primaryKeyOf, type ConsistencyLevel } from "./query.js";
import { keyText, primaryKeyField } from "./preview.js";
import type { DeletePlan, SafeDeleteResult } from "./safe-delete.js";
import { SPECS } from "../diag/api-specs.js";

export type Key = bigint | string;

export interface BatchDeleteOptions {
  /** Keys per page: the query limit and the size of each `pk in [...]`. 1..16384. */
  size: number;
  /** Where progress is saved (see `fileCheckpoint`); an existing checkpoint of the same delete is resumed. */
  checkpoint?: CheckpointStore;
  /** One event per page, and at start, recount, stop and verification. Exceptions from it are ignored. */
  onProgress?: (event: BatchEvent) => void;
  /** Pages allowed beyond ceil(expected / size) before the run stops (rows keep matching). Default 10. */
  extraPages?: number;
  /** Level of the page queries and counts. Default "Strong". */
  consistencyLevel?: ConsistencyLevel;
}

export interface KeyBatchOptions {
  /** Most keys in one request. Default 10,000. */
  maxKeys?: number;
  /** Most bytes of filter text in one request. Default 512 KiB. */
  maxBytes?: number;
  onProgress?: (event: BatchEvent) => void;
}

export const DEFAULT_KEY_BATCH: Readonly<Required<Omit<KeyBatchOptions, "onProgress">>> = Object.freeze({ maxKeys: 10_000, maxBytes: 512 * 1024 });
const DEFAULT_EXTRA_PAGES = 10;

export type BatchEvent =
  | { event: "start"; expected: bigint; size: number; resumed: boolean; removed: bigint; lastKey: Key | null }
  | { event: "recount"; matching: bigint }
  | { event: "batch"; page: number; keys: number; firstKey: Key; lastKey: Key; removed: bigint; expected: bigint; deleteCount: bigint | null }
  | { event: "keys"; batch: number; of: number; keys: number; firstKey: Key; lastKey: Key; deleteCount: bigint | null }
  | { event: "stopped"; status: BatchStatus; reason: string }
  | { event: "verified"; removed: bigint; expected: bigint; remaining: bigint | null };

/**
 * done: every page was read and deleted (see `remaining`); stopped: the run stopped on purpose
 * (aborted, page cap, `max`); failed: a read or a request that was certainly not applied failed;
 * unknown: a delete may or may not have been applied.
 */
export type BatchStatus = "done" | "stopped" | "failed" | "unknown";

export interface BatchDeleteReport {
  status: BatchStatus;
  /** Why the run did not finish (absent when done). */
  reason?: string;
  /** Matching rows when the run started (the preview's count, or a count taken then). */
  expected: bigint;
  /** Keys in confirmed page deletes; each existed and matched when its page was read. */
  removed: bigint;
  /** Rows still matching after the run (a Strong count); null when that count failed. */
  remaining: bigint | null;
  /** Confirmed pages, over all runs of this checkpoint. */
  pages: number;
  lastKey: Key | null;
  resumed: boolean;
  /** The page in flight when the run stopped with status "unknown". */
  unknownBatch?: { keys: number; firstKey: Key; lastKey: Key };
  error?: MilvusError;
}

export interface KeyBatchReport {
  status: BatchStatus;
  reason?: string;
  batches: number;
  /** Batches confirmed by the server, in order. */
  confirmed: number;
  keysConfirmed: number;
  /** Sum of the confirmed batches' deleteCount: keys listed, not rows removed (milvus#51566). */
  deleteCount: bigint;
  unknownBatch?: { index: number; keys: number; firstKey: Key; lastKey: Key };
  error?: MilvusError;
}

// ---------------------------------------------------------------- entry from executeDeletePlan

/** Runs the plan in batches when asked to (`batch`) or when a key list is too big for one request; else undefined. */
export async function executeInBatches(
  client: MilvusClient,
  plan: DeletePlan,
  opts: { batch?: BatchDeleteOptions; keyBatches?: KeyBatchOptions | false; max?: bigint; signal?: AbortSignal },
): Promise<SafeDeleteResult | undefined> {
  const sent: SafeDeleteResult["sent"] = { filter: plan.filter };
  if (plan.exprParams !== undefined) sent.exprParams = plan.exprParams;
  if (plan.partitionName !== undefined) sent.partitionName = plan.partitionName;
  const result = (deleteCount: bigint | null): SafeDeleteResult => {
    const out: SafeDeleteResult = { sent, deleteCount, classification: plan.classification, plan };
    if (plan.dryRun !== undefined) out.dryRun = plan.dryRun;
    return out;
  };
  if (plan.classification === "primary-key") {
    if (opts.batch?.checkpoint !== undefined) {
      throw new PreflightError("options/invalid", "a checkpoint is kept for query-first batches; a primary-key list is split without one (its report lists the confirmed batches); nothing was sent");
    }
    const limits: KeyBatchOptions =
      opts.batch !== undefined ? { maxKeys: opts.batch.size, ...(opts.batch.onProgress ? { onProgress: opts.batch.onProgress } : {}) } : opts.keyBatches || {};
    if (opts.keyBatches === false && opts.batch === undefined) return undefined;
    const keys = listedKeyValues(plan);
    if (keys === undefined || !needsSplit(plan, keys, limits)) return undefined;
    const report = await runKeyBatches(client, plan, keys, limits, opts.signal);
    return { ...result(report.deleteCount), keyBatches: report };
  }
  if (opts.batch === undefined) return undefined;
  const report = await runBatchedDelete(client, plan, {
    ...opts.batch,
    ...(plan.serverPreview !== undefined ? { expected: plan.serverPreview.count } : {}),
    ...(opts.max !== undefined ? { max: opts.max } : {}),
    ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
  });
  return { ...result(report.removed), batch: report };
}

// ---------------------------------------------------------------- query-first: key cursor

interface CheckpointState {
  kind: "milvus-filter/batch-delete";
  version: 1;
  collection: string;
  db: string | null;
  partition: string | null;
  filter: string;
  exprParams: unknown;
  primaryKey: string;
  expected: bigint;
  removed: bigint;
  pages: number;
  lastKey: Key | null;
  /** running: between pages; sending: a delete is in flight; unknown / failed / stopped / done: how the last run ended. */
  status: "running" | "sending" | BatchStatus;
  inFlight: { keys: number; firstKey: Key; lastKey: Key } | null;
}

export async function runBatchedDelete(
  client: MilvusClient,
  plan: DeletePlan,
  options: BatchDeleteOptions & { expected?: bigint; max?: bigint; signal?: AbortSignal },
): Promise<BatchDeleteReport> {
  const size = options.size;
  if (!Number.isInteger(size) || size < 1 || size > MAX_QUERY_RESULT_WINDOW) {
    throw new PreflightError("options/invalid", `batch size must be an integer in [1, ${MAX_QUERY_RESULT_WINDOW}] (the server's default query window)`);
  }
  const extraPages = options.extraPages ?? DEFAULT_EXTRA_PAGES;
  if (!Number.isInteger(extraPages) || extraPages < 0) throw new PreflightError("options/invalid", "extraPages must be a non-negative integer");
  const pk = primaryKeyField(plan);
  const level = options.consistencyLevel ?? "Strong";
  const call = options.signal ? { signal: options.signal } : undefined;
  const emit = (e: BatchEvent): void => {
    try {
      options.onProgress?.(e);
    } catch {
      /* progress output must not break the run */
    }
  };
  const base = {
    collectionName: plan.collectionName,
    ...(plan.dbName !== undefined ? { dbName: plan.dbName } : {}),
    ...(plan.partitionName !== undefined ? { partitionNames: [plan.partitionName] } : {}),
    ...(plan.exprParams !== undefined ? { exprParams: plan.exprParams as Record<string, unknown> } : {}),
    consistencyLevel: level,
  };
  const countNow = (): Promise<bigint> => client.count({ ...base, filter: plan.filter }, call);
  const store = options.checkpoint;
  const save = async (s: CheckpointState): Promise<void> => {
    if (store) await store.write(`${stringifyJson(s, 2)}\n`);
  };

  let state = store ? await loadCheckpoint(store, plan, pk) : undefined;
  const resumed = state !== undefined;
  if (state) {
    emit({ event: "recount", matching: await countNow() });
  } else {
    state = {
      ...checkpointIdentity(plan, pk.name),
      expected: options.expected ?? (await countNow()),
      removed: 0n,
      pages: 0,
      lastKey: null,
      status: "running",
      inFlight: null,
    };
    try {
      await save(state);
    } catch (e) {
      throw new PreflightError("checkpoint/invalid", `the checkpoint cannot be written: ${describeError(e)}; nothing was sent`);
    }
  }
  const s = state;
  emit({ event: "start", expected: s.expected, size, resumed, removed: s.removed, lastKey: s.lastKey });

  const report: BatchDeleteReport = { status: "done", expected: s.expected, removed: s.removed, remaining: null, pages: s.pages, lastKey: s.lastKey, resumed };
  const stop = (status: BatchStatus, reason: string, error?: MilvusError): void => {
    report.status = status;
    report.reason = reason;
    if (error) report.error = error;
  };
  const left = s.expected > s.removed ? s.expected - s.removed : 0n;
  const maxPages = s.pages + Number((left + BigInt(size) - 1n) / BigInt(size)) + extraPages;
  const userTree = s.status === "done" ? undefined : parse(plan.filter).ast;

  if (s.status !== "done") {
    s.status = "running";
    s.inFlight = null;
    for (;;) {
      if (options.signal?.aborted) {
        stop("stopped", "aborted before the next page");
        break;
      }
      if (s.pages >= maxPages) {
        stop("stopped", `page cap reached (${maxPages} pages for ${s.expected} expected rows): rows keep matching, perhaps concurrent inserts`);
        break;
      }
      let keys: Key[];
      let deleteFilter: string;
      try {
        const pageFilter = cursorFilter(plan, userTree!, pk.name, s.lastKey);
        const { rows } = await client.queryEntities({ ...base, filter: pageFilter, outputFields: [pk.name], limit: size }, call);
        keys = pageKeys(rows, pk, s.lastKey, size);
        deleteFilter = keys.length > 0 ? keyListFilter(plan, pk.name, keys) : "";
      } catch (e) {
        if (e instanceof MilvusError && e.kind === "aborted") stop("stopped", "aborted while reading the next page", e);
        else if (e instanceof MilvusError) stop("failed", `reading the next page failed: ${e.message}`, e);
        else if (e instanceof PreflightError || e instanceof FilterBuildError) stop("failed", `the next page cannot be written as a checked filter: ${e.message}`);
        else throw e;
        break;
      }
      if (keys.length === 0) break;
      if (options.max !== undefined && s.removed + BigInt(keys.length) > options.max) {
        stop("stopped", `the next page would take the total past the maximum of ${options.max} rows`);
        break;
      }
      const first = keys[0]!;
      const last = keys[keys.length - 1]!;
      s.status = "sending";
      s.inFlight = { keys: keys.length, firstKey: first, lastKey: last };
      try {
        await save(s);
      } catch (e) {
        stop("failed", `the checkpoint could not be written, so the next page was not sent: ${describeError(e)}`);
        s.status = "running";
        s.inFlight = null;
        break;
      }
      let deleteCount: bigint | null;
      try {
        deleteCount = (await client.deleteEntities({ ...deleteRef(plan), filter: deleteFilter }, call)).deleteCount;
      } catch (e) {
        if (!(e instanceof MilvusError)) throw e;
        if (certainlyNotApplied(e)) {
          s.status = "failed";
          s.inFlight = null;
          stop("failed", `the delete of page ${s.pages + 1} was refused: ${e.message}`, e);
        } else {
          s.status = "unknown";
          report.unknownBatch = { keys: keys.length, firstKey: first, lastKey: last };
          stop("unknown", `the delete of page ${s.pages + 1} (${keys.length} keys, ${keyText(first)} … ${keyText(last)}) may or may not have been applied: ${e.message}`, e);
        }
        await save(s).catch(() => undefined);
        break;
      }
      s.removed += BigInt(keys.length);
      s.pages++;
      s.lastKey = last;
      s.status = "running";
      s.inFlight = null;
      report.removed = s.removed;
      report.pages = s.pages;
      report.lastKey = last;
      emit({ event: "batch", page: s.pages, keys: keys.length, firstKey: first, lastKey: last, removed: s.removed, expected: s.expected, deleteCount });
      try {
        await save(s);
      } catch (e) {
        stop("failed", `page ${s.pages} was deleted, but the checkpoint could not be written: ${describeError(e)}`);
        break;
      }
      if (keys.length < size) break; // nothing beyond this page matched when it was read
    }
  }

  // The verification count is a read: worth taking whatever happened, it tells what is left.
  try {
    report.remaining = await countNow();
  } catch (e) {
    if (!(e instanceof MilvusError)) throw e;
    if (report.status === "done") stop("failed", `the final count failed: ${e.message}`, e);
  }
  if (report.status === "done") s.status = "done";
  else if (s.status === "running") s.status = report.status;
  await save(s).catch(() => undefined);
  if (report.status !== "done") emit({ event: "stopped", status: report.status, reason: report.reason ?? "" });
  emit({ event: "verified", removed: s.removed, expected: s.expected, remaining: report.remaining });
  return report;
}

/** `(filter) and pk > last`, composed as trees and printed canonically (never glued as text), then checked. */
function cursorFilter(plan: DeletePlan, userTree: A.Root, pkName: string, last: Key | null): string {
  if (last === null) return plan.filter;
  const cursor = buildFilter`${field(pkName)} > ${last}`.ast as A.Expr;
  const user = userTree as A.Expr;
  const operands = [...(user.kind === "And" ? user.operands : [user]), cursor];
  const tree: A.And = { id: 0, span: { start: 0, end: 0 }, kind: "And", operands };
  const checked = preflightFilter({
    schema: plan.schema,
    filter: print(tree),
    ...(plan.exprParams !== undefined ? { exprParams: plan.exprParams } : {}),
    purpose: "query",
  });
  return checked.filter;
}

/**
 * `pk in [k1, …]` from the builder (which already proves its text reads back as its tree), checked
 * against the schema once as a delete: it must be a primary-key list of exactly these keys.
 */
function keyListFilter(plan: Pick<DeletePlan, "schema">, pkName: string, keys: readonly Key[]): string {
  const built = buildFilter`${field(pkName)} in ${keys}`;
  const checked = checkText(built.text, { schema: plan.schema, purpose: "delete" });
  const root = checked.ast;
  const listed = root?.kind === "Term" && root.right.kind === "Array" ? root.right.elements.length : -1;
  if (!checked.ok || checked.deleteClass !== "primary-key" || listed !== keys.length) {
    const why = checked.diagnostics.find((d) => d.severity === "error")?.message ?? `not a primary-key list of ${keys.length} keys`;
    throw new PreflightError("filter/invalid", `a page of keys was refused before sending: ${why}`, { diagnostics: checked.diagnostics });
  }
  return built.text;
}

/** Keys of a page, checked: decodable, strictly ascending, beyond the cursor, at most `size`. */
function pageKeys(rows: readonly Record<string, unknown>[], pk: { name: string; type: "Int64" | "VarChar" }, last: Key | null, size: number): Key[] {
  if (rows.length > size) throw invalidQueryResponse(`a page of limit ${size} returned ${rows.length} rows`);
  const keys: Key[] = [];
  let prev = last;
  for (const row of rows) {
    const k = primaryKeyOf(row as never, pk.name, pk.type);
    if (k === undefined) throw invalidQueryResponse(`a row has no usable primary key "${pk.name}"`);
    if (prev !== null && compareKeys(prev, k) >= 0) {
      throw invalidQueryResponse(
        `the page is not in ascending primary-key order beyond the cursor (${keyText(k)} after ${keyText(prev)}), so key-cursor paging is not safe on this server`,
      );
    }
    keys.push(k);
    prev = k;
  }
  return keys;
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === "string" && typeof b === "string") return cmpUtf8(a, b);
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  throw invalidQueryResponse("primary keys of different types");
}

/**
 * Failures where the server refused the request before acting: nothing was deleted. Anything
 * else (timeouts, broken connections, gateway errors, codes such as 65535 that can come after a
 * partial delete) counts as unknown.
 */
const REFUSED_BEFORE_ACTING = new Set([2, 4, 8, 9, 100, 101, 200, 201, 800, 1100, 1800, 1801, 1802, 1807]);

function certainlyNotApplied(e: MilvusError): boolean {
  return !e.maybeApplied && e.kind === "server" && e.code !== null && REFUSED_BEFORE_ACTING.has(e.code);
}

function deleteRef(plan: DeletePlan): { collectionName: string; dbName?: string; partitionName?: string } {
  return {
    collectionName: plan.collectionName,
    ...(plan.dbName !== undefined ? { dbName: plan.dbName } : {}),
    ...(plan.partitionName !== undefined ? { partitionName: plan.partitionName } : {}),
  };
}

function describeError(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" ? code : e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------- checkpoints

/** Where a batched delete keeps its progress. */
export interface CheckpointStore {
  /** The saved text, or null when there is none yet. */
  read(): Promise<string | null>;
  /** Replaces the saved text atomically. */
  write(text: string): Promise<void>;
}

/** A checkpoint file: written to a temporary file beside it, fsynced, then renamed over it. */
export function fileCheckpoint(path: string): CheckpointStore {
  [path] = requirePreflight("fileCheckpoint", SPECS.fileCheckpoint, [path]) as [string];
  return {
    async read() {
      try {
        return await readFile(path, "utf8");
      } catch (e) {
        if ((e as { code?: unknown }).code === "ENOENT") return null;
        throw e;
      }
    },
    write: (text) => writeAtomically(path, text),
  };
}

// Web Crypto (a global since Node 19), not node:crypto: importing node:crypto would cost every
// `import "milvus-filter"` a few milliseconds for a name used only here.
function tempSuffix(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${tempSuffix()}.tmp`);
  const handle = await open(tmp, "wx", 0o600);
  try {
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  // Make the rename itself durable; not every platform lets a directory be opened for this.
  try {
    const d = await open(dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}

/** What ties a checkpoint to one delete: a checkpoint with other values here is refused. */
function checkpointIdentity(plan: DeletePlan, pkName: string) {
  return {
    kind: "milvus-filter/batch-delete" as const,
    version: 1 as const,
    collection: plan.collectionName,
    db: plan.dbName ?? null,
    partition: plan.partitionName ?? null,
    filter: plan.filter,
    exprParams: (plan.exprParams ?? null) as unknown,
    primaryKey: pkName,
  };
}

async function loadCheckpoint(store: CheckpointStore, plan: DeletePlan, pk: { name: string; type: "Int64" | "VarChar" }): Promise<CheckpointState | undefined> {
  let text: string | null;
  try {
    text = await store.read();
  } catch (e) {
    throw new PreflightError("checkpoint/invalid", `the checkpoint cannot be read: ${describeError(e)}`);
  }
  if (text === null) return undefined;
  const bad = (why: string): PreflightError =>
    new PreflightError("checkpoint/invalid", `the checkpoint does not belong to this delete or is damaged: ${why}; nothing was sent`, {
      hint: "use another checkpoint file, or delete this one to start over",
    });
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) throw bad("not a JSON object");
  const o = parsed.value as Record<string, unknown>;
  const identity = checkpointIdentity(plan, pk.name);
  if (o.kind !== identity.kind || o.version !== identity.version) throw bad("unknown kind or version");
  const same = (Object.keys(identity) as (keyof typeof identity)[]).every((k) => stringifyJson(o[k]) === stringifyJson(identity[k]));
  if (!same) throw bad("it was written for another collection, partition, filter or template values");
  const count = (v: unknown): bigint => {
    if (typeof v === "bigint" && v >= 0n) return v;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    throw bad("a count is not a non-negative integer");
  };
  const key = (v: unknown): Key => {
    const k = primaryKeyOf({ k: v as never }, "k", pk.type);
    if (k === undefined) throw bad("a key does not fit the primary key's type");
    return k;
  };
  const statuses = ["running", "sending", "done", "stopped", "failed", "unknown"];
  if (typeof o.status !== "string" || !statuses.includes(o.status)) throw bad("unknown status");
  if (typeof o.pages !== "number" || !Number.isSafeInteger(o.pages) || o.pages < 0) throw bad("pages is not a count");
  const inFlight = o.inFlight as Record<string, unknown> | null;
  return {
    ...checkpointIdentity(plan, pk.name),
    expected: count(o.expected),
    removed: count(o.removed),
    pages: o.pages,
    lastKey: o.lastKey === null ? null : key(o.lastKey),
    status: o.status as CheckpointState["status"],
    inFlight:
      inFlight && typeof inFlight === "object"
        ? { keys: Number(count(inFlight.keys)), firstKey: key(inFlight.firstKey), lastKey: key(inFlight.lastKey) }
        : null,
  };
}

// ---------------------------------------------------------------- primary-key lists

/** The keys of `pk in [literals]`, `pk in {param}` or `pk == v`; undefined when they are not plain values. */
export function listedKeyValues(plan: DeletePlan): Key[] | undefined {
  const pk = primaryKeyField(plan);
  const root = parse(plan.filter).ast;
  if (!root || root.kind !== "Term" || root.negated) return undefined;
  const right = root.right;
  if (right.kind === "Array") {
    const keys: Key[] = [];
    for (const el of right.elements) {
      const k = literalKey(el, pk.type);
      if (k === undefined) return undefined;
      keys.push(k);
    }
    return keys;
  }
  if (right.kind === "TemplateVariable") {
    const v = (plan.exprParams as Record<string, unknown> | undefined)?.[right.name];
    if (!Array.isArray(v)) return undefined;
    const keys: Key[] = [];
    for (const x of v) {
      const k = primaryKeyOf({ k: x as never }, "k", pk.type);
      if (k === undefined) return undefined;
      keys.push(k);
    }
    return keys;
  }
  return undefined;
}

function literalKey(e: A.Expr, type: "Int64" | "VarChar"): Key | undefined {
  if (type === "VarChar") return e.kind === "String" && e.value !== null ? e.value : undefined;
  if (e.kind === "Integer") return e.value;
  if (e.kind === "Unary" && e.op === "-" && e.operand.kind === "Integer") return -e.operand.value;
  return undefined;
}

function needsSplit(plan: DeletePlan, keys: readonly Key[], limits: KeyBatchOptions): boolean {
  const { maxKeys, maxBytes } = keyLimits(limits);
  const paramBytes = plan.exprParams !== undefined ? Buffer.byteLength(stringifyJson(plan.exprParams)) : 0;
  return keys.length > maxKeys || Buffer.byteLength(plan.filter) + paramBytes > maxBytes;
}

function keyLimits(limits: KeyBatchOptions): { maxKeys: number; maxBytes: number } {
  const maxKeys = limits.maxKeys ?? DEFAULT_KEY_BATCH.maxKeys;
  const maxBytes = limits.maxBytes ?? DEFAULT_KEY_BATCH.maxBytes;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new PreflightError("options/invalid", "maxKeys must be a positive integer");
  if (!Number.isInteger(maxBytes) || maxBytes < 1024) throw new PreflightError("options/invalid", "maxBytes must be an integer of at least 1024");
  return { maxKeys, maxBytes };
}

/** Consecutive runs of keys, each within both limits (a single key larger than maxBytes goes alone). Linear. */
export function chunkKeys(keys: readonly Key[], pkName: string, limits: KeyBatchOptions): Key[][] {
  const { maxKeys, maxBytes } = keyLimits(limits);
  const overhead = pkName.length + 8; // "pk in [" … "]"
  const chunks: Key[][] = [];
  let current: Key[] = [];
  let bytes = overhead;
  for (const k of keys) {
    // Upper bound of the literal's size: JSON escapes at least as long as the filter's.
    const size = (typeof k === "bigint" ? k.toString().length : Buffer.byteLength(JSON.stringify(k))) + 2;
    if (current.length > 0 && (current.length >= maxKeys || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = overhead;
    }
    current.push(k);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function runKeyBatches(client: MilvusClient, plan: DeletePlan, keys: readonly Key[], limits: KeyBatchOptions, signal?: AbortSignal): Promise<KeyBatchReport> {
  const pk = primaryKeyField(plan);
  const chunks = chunkKeys(keys, pk.name, limits);
  const filters = chunks.map((c) => keyListFilter(plan, pk.name, c)); // all checked before the first is sent
  const report: KeyBatchReport = { status: "done", batches: chunks.length, confirmed: 0, keysConfirmed: 0, deleteCount: 0n };
  const call = signal ? { signal } : undefined;
  for (let i = 0; i < chunks.length; i++) {
    if (signal?.aborted) {
      report.status = "stopped";
      report.reason = `aborted before batch ${i + 1} of ${chunks.length}; batches ${i + 1}..${chunks.length} were not sent`;
      break;
    }
    const chunk = chunks[i]!;
    const first = chunk[0]!;
    const last = chunk[chunk.length - 1]!;
    try {
      const res = await client.deleteEntities({ ...deleteRef(plan), filter: filters[i]! }, call);
      report.confirmed++;
      report.keysConfirmed += chunk.length;
      report.deleteCount += res.deleteCount ?? 0n;
      try {
        limits.onProgress?.({ event: "keys", batch: i + 1, of: chunks.length, keys: chunk.length, firstKey: first, lastKey: last, deleteCount: res.deleteCount });
      } catch {
        /* progress output must not break the run */
      }
    } catch (e) {
      if (!(e instanceof MilvusError)) throw e;
      report.error = e;
      if (certainlyNotApplied(e)) {
        report.status = "failed";
        report.reason = `batch ${i + 1} of ${chunks.length} was refused: ${e.message}; batches ${i + 2}..${chunks.length} were not sent`;
      } else {
        report.status = "unknown";
        report.unknownBatch = { index: i + 1, keys: chunk.length, firstKey: first, lastKey: last };
        report.reason = `batch ${i + 1} of ${chunks.length} (${chunk.length} keys, ${keyText(first)} … ${keyText(last)}) may or may not have been applied: ${e.message}; later batches were not sent`;
      }
      break;
    }
  }
  return report;
}
