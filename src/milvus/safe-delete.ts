/**
 * Pre-flighted destructive operations on top of the REST client.
 *
 * safeDelete runs, in order: check the filter without a schema (syntax, always-true, template
 * values: nothing is contacted for a filter that cannot be right) → describe the collection → load its schema → check the filter with
 * purpose "delete" → print it canonically (re-checking the printed text) → classify it → for a
 * query-first delete, verify the collection/partition is loaded → optionally evaluate it on the
 * caller's rows → ask `confirm` → send. Any refusal is a PreflightError and nothing is sent.
 * `planDelete` + `executeDeletePlan` split that in two for UIs (the CLI shows the plan, asks, then
 * executes). The server preview (count + sample, `expect` / `max`) is in preview.ts and runs at the
 * end of the plan; batched execution (key-cursor pages, key-list splitting) is in batch-delete.ts.
 *
 * The same idea for partitions and collections: `safeDropPartition` refuses to drop a loaded
 * partition (or releases it first with `releaseFirst: true`, waiting until the release is visible),
 * and `safeReleasePartitions` / `safeReleaseCollection` verify the target and report its load state
 * before acting.
 */
import type { CollectionSchema } from "../schema/index.js";
import type { Target } from "../check/types.js";
import type { Row } from "../rows/access.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import type { MilvusClient, LoadStateResult, CollectionRef } from "./client.js";
import { MilvusError, PreflightError, isPartitionLoadedError, requirePreflight } from "./errors.js";
import { defaultToolkit, dryRun, precheckFilter, preflightFilter, schemaFromDescribe, type DeleteClassification, type DryRunReport, type FilterToolkit } from "./preflight.js";
import { attachServerPreview, countOption, validatePreviewChoice, type PreviewMode, type ServerPreview, type ServerPreviewOptions } from "./preview.js";
import { executeInBatches, type BatchDeleteOptions, type BatchDeleteReport, type KeyBatchOptions, type KeyBatchReport } from "./batch-delete.js";
import { SPECS, SAFE_SPECS } from "../diag/api-specs.js";

/** A filter from the builder (`filter\`…\`` / `filter.params\`…\``): only its text and exprParams are used. */
export interface BuiltFilterLike {
  readonly text: string;
  readonly exprParams?: Readonly<Record<string, unknown>>;
}

export interface SafeDeleteOptions {
  collectionName: string;
  dbName?: string;
  /** The filter text. Exactly one of `filter` / `builtFilter`. */
  filter?: string;
  builtFilter?: BuiltFilterLike;
  partitionName?: string;
  exprParams?: Readonly<Record<string, unknown>>;
  /** Must be "delete": stated so a query filter is never sent to delete by accident. */
  purpose: "delete";
  /** Milvus release to check against (default: the checker's default). */
  target?: Target;
  /** "send" (default) keeps placeholders and sends exprParams; "inline" writes the values into the filter. */
  templates?: "send" | "inline";
  /** Rows to evaluate the filter on before sending (the dry run). */
  dryRunRows?: Iterable<Row>;
  /** Most rows the dry run accepts (default 1,000,000). */
  dryRunLimit?: number;
  /** Called with the finished plan just before sending; false (or a rejected promise) means nothing is sent. */
  confirm?: (plan: DeletePlan) => boolean | Promise<boolean>;
  /** Proceed although the live schema had loader issues (some fields unknown). Default false. */
  allowSchemaIssues?: boolean;
  signal?: AbortSignal;
  toolkit?: FilterToolkit;
  /**
   * "server": count and sample the matching rows on the server before `confirm` (preview.ts);
   * "local": only the dry run on `dryRunRows`; "none". Default: "local" with dryRunRows, else "none".
   */
  preview?: PreviewMode;
  previewOptions?: ServerPreviewOptions;
  /** Refuse (nothing sent) unless the server counts exactly this many matching rows. Needs preview "server". */
  expect?: bigint | number | string;
  /** Refuse (nothing sent) when the server counts more matching rows; a batched run also stops before passing it. */
  max?: bigint | number | string;
  /** Delete in pages of matching primary keys (batch-delete.ts); for a key list, the most keys per request. */
  batch?: BatchDeleteOptions;
  /** Limits for splitting a long primary-key list (default 10,000 keys / 512 KiB per request); false sends it whole. */
  keyBatches?: KeyBatchOptions | false;
}

export interface DeletePlan {
  collectionName: string;
  dbName?: string;
  partitionName?: string;
  /** The caller's filter text, as given. */
  originalFilter: string;
  /** The canonical filter that will be sent. */
  filter: string;
  exprParams?: Readonly<Record<string, unknown>>;
  classification: DeleteClassification;
  /** Primary-key path: keys listed in the filter (what Milvus will report as deleteCount). */
  listedKeys?: number;
  /** Query-first path: the load state that was verified. */
  loadState?: LoadStateResult;
  collectionId: bigint | null;
  consistencyLevel: string | null;
  schema: CollectionSchema;
  /** Checker warnings and notes about the filter. */
  diagnostics: Diagnostic[];
  /** Plain-language notes about what Milvus will do. */
  notes: string[];
  dryRun?: DryRunReport;
  /** Count and sample from the server (preview "server"). */
  serverPreview?: ServerPreview;
}

export interface SafeDeleteResult {
  sent: { filter: string; exprParams?: Readonly<Record<string, unknown>>; partitionName?: string };
  /** Exact; null when the server did not report one. For primary-key filters: keys listed (milvus#51566). */
  deleteCount: bigint | null;
  classification: DeleteClassification;
  dryRun?: DryRunReport;
  plan: DeletePlan;
  /** A batched query-first delete: removed / expected / remaining and how the run ended. */
  batch?: BatchDeleteReport;
  /** A primary-key list sent as several requests. */
  keyBatches?: KeyBatchReport;
}

// ---------------------------------------------------------------- delete

export async function planDelete(client: MilvusClient, options: SafeDeleteOptions): Promise<DeletePlan> {
  [client, options] = requirePreflight("planDelete", SPECS.planDelete, [client, options]) as [MilvusClient, SafeDeleteOptions];
  const o = validateDeleteOptions(options);
  validatePreviewChoice(options);
  const toolkit = options.toolkit ?? defaultToolkit;
  const ref = collectionRef(options);
  const call = options.signal ? { signal: options.signal } : undefined;

  // Everything that needs no schema is checked before the server is contacted.
  precheckFilter(
    {
      filter: o.filter,
      ...(o.exprParams !== undefined ? { exprParams: o.exprParams } : {}),
      purpose: "delete",
      ...(options.target !== undefined ? { target: options.target } : {}),
    },
    toolkit,
  );
  const described = await client.describeCollection(ref, call);
  const schema = schemaFromDescribe(described.response, options.allowSchemaIssues === true, options.collectionName);

  if (options.partitionName !== undefined) {
    const pkey = schema.fields.find((f) => f.partitionKey);
    if (pkey) {
      throw new PreflightError(
        "partition/partition-key",
        `collection "${options.collectionName}" uses partition key "${pkey.name}": Milvus refuses a delete that names a partition`,
        { hint: `drop partitionName; Milvus derives partitions from conditions on ${pkey.name} in the filter` },
      );
    }
  }

  const fp = preflightFilter(
    {
      schema,
      filter: o.filter,
      ...(o.exprParams !== undefined ? { exprParams: o.exprParams } : {}),
      purpose: "delete",
      ...(options.target !== undefined ? { target: options.target } : {}),
      ...(options.templates !== undefined ? { templates: options.templates } : {}),
    },
    toolkit,
  );
  const classification = fp.classification ?? "query-first";

  if (options.partitionName !== undefined) {
    const has = await client.hasPartition({ ...ref, partitionName: options.partitionName }, call);
    if (!has) {
      throw new PreflightError("target/not-found", `partition "${options.partitionName}" does not exist in collection "${options.collectionName}"`);
    }
  }

  const plan: DeletePlan = {
    collectionName: options.collectionName,
    originalFilter: o.filter,
    filter: fp.filter,
    classification,
    collectionId: described.collectionId,
    consistencyLevel: described.consistencyLevel,
    schema,
    diagnostics: fp.diagnostics,
    notes: [],
  };
  if (ref.dbName !== undefined) plan.dbName = ref.dbName;
  if (options.partitionName !== undefined) plan.partitionName = options.partitionName;
  if (fp.exprParams !== undefined) plan.exprParams = fp.exprParams;
  if (fp.listedKeys !== undefined) plan.listedKeys = fp.listedKeys;

  if (classification === "query-first") {
    plan.loadState = await requireLoaded(client, ref, options.partitionName, call);
    plan.notes.push(
      "Milvus will query the matching rows first, then delete them: this is not atomic, and it reads at the collection's consistency level" +
        (described.consistencyLevel ? ` (${described.consistencyLevel})` : "") +
        ", so rows inserted moments ago may be missed.",
    );
  } else {
    plan.notes.push(
      "Primary-key fast path: Milvus deletes the listed keys directly (no load needed)." +
        (fp.listedKeys !== undefined
          ? ` Its deleteCount will be ${fp.listedKeys}, the number of keys listed, even for keys that do not exist (milvus#51566).`
          : " Its deleteCount counts the keys listed, not the rows removed (milvus#51566)."),
    );
  }

  if (options.dryRunRows !== undefined) {
    plan.dryRun = dryRun(fp, schema, options.dryRunRows, {
      toolkit,
      ...(options.target !== undefined ? { target: options.target } : {}),
      ...(options.dryRunLimit !== undefined ? { limit: options.dryRunLimit } : {}),
    });
  }
  await attachServerPreview(client, plan, options, options.signal);
  return plan;
}

/**
 * Sends a plan made by `planDelete` (no further checks: the plan is the checked request). With
 * `batch`, or a key list beyond the request limits, it runs in batches (batch-delete.ts).
 */
export async function executeDeletePlan(
  client: MilvusClient,
  plan: DeletePlan,
  opts: { signal?: AbortSignal } & Pick<SafeDeleteOptions, "batch" | "keyBatches" | "max"> = {},
): Promise<SafeDeleteResult> {
  [client, plan, opts = {}] = requirePreflight("executeDeletePlan", SPECS.executeDeletePlan, [client, plan, opts]) as [MilvusClient, DeletePlan, typeof opts];
  const max = countOption(opts.max, "max");
  const batched = await executeInBatches(client, plan, {
    ...(opts.batch !== undefined ? { batch: opts.batch } : {}),
    ...(opts.keyBatches !== undefined ? { keyBatches: opts.keyBatches } : {}),
    ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    ...(max !== undefined ? { max } : {}),
  });
  if (batched) return batched;
  const req: Parameters<MilvusClient["deleteEntities"]>[0] = { collectionName: plan.collectionName, filter: plan.filter };
  if (plan.dbName !== undefined) req.dbName = plan.dbName;
  if (plan.partitionName !== undefined) req.partitionName = plan.partitionName;
  if (plan.exprParams !== undefined) req.exprParams = plan.exprParams as Record<string, unknown>;
  const res = await client.deleteEntities(req, opts.signal ? { signal: opts.signal } : undefined);
  const sent: SafeDeleteResult["sent"] = { filter: plan.filter };
  if (plan.exprParams !== undefined) sent.exprParams = plan.exprParams;
  if (plan.partitionName !== undefined) sent.partitionName = plan.partitionName;
  const out: SafeDeleteResult = { sent, deleteCount: res.deleteCount, classification: plan.classification, plan };
  if (plan.dryRun !== undefined) out.dryRun = plan.dryRun;
  return out;
}

/** Plan, confirm, send. Throws PreflightError (nothing sent) or MilvusError. */
export async function safeDelete(client: MilvusClient, options: SafeDeleteOptions): Promise<SafeDeleteResult> {
  [client, options] = requirePreflight("safeDelete", SAFE_SPECS.safeDelete, [client, options]) as [MilvusClient, SafeDeleteOptions];
  const plan = await planDelete(client, options);
  await confirmOrThrow(options.confirm, plan, "delete");
  const execute: Parameters<typeof executeDeletePlan>[2] = {};
  if (options.signal !== undefined) execute.signal = options.signal;
  if (options.batch !== undefined) execute.batch = options.batch;
  if (options.keyBatches !== undefined) execute.keyBatches = options.keyBatches;
  if (options.max !== undefined) execute.max = options.max;
  return executeDeletePlan(client, plan, execute);
}

function validateDeleteOptions(options: SafeDeleteOptions): { filter: string; exprParams?: Readonly<Record<string, unknown>> } {
  if (typeof options !== "object" || options === null) throw new PreflightError("options/invalid", "safeDelete: options must be an object");
  if (options.purpose !== "delete") {
    throw new PreflightError("options/invalid", 'safeDelete: purpose must be "delete" (a filter written for query is not checked for delete safety)');
  }
  requireName(options.collectionName, "collectionName");
  if (options.partitionName !== undefined) requireName(options.partitionName, "partitionName");
  const hasText = options.filter !== undefined;
  const hasBuilt = options.builtFilter !== undefined;
  if (hasText === hasBuilt) throw new PreflightError("options/invalid", "safeDelete: give exactly one of filter and builtFilter");
  if (hasText) {
    if (typeof options.filter !== "string") throw new PreflightError("options/invalid", "safeDelete: filter must be a string");
    return options.exprParams !== undefined ? { filter: options.filter, exprParams: options.exprParams } : { filter: options.filter };
  }
  const built = options.builtFilter!;
  if (typeof built !== "object" || built === null || typeof built.text !== "string") {
    throw new PreflightError("options/invalid", "safeDelete: builtFilter must be a Filter from the builder (with a text)");
  }
  if (built.exprParams !== undefined && options.exprParams !== undefined) {
    throw new PreflightError("options/invalid", "safeDelete: exprParams given twice (builtFilter.exprParams and exprParams)");
  }
  const exprParams = built.exprParams ?? options.exprParams;
  return exprParams !== undefined ? { filter: built.text, exprParams } : { filter: built.text };
}

/** For query-first deletes: the collection (or partition) must be fully loaded. */
async function requireLoaded(
  client: MilvusClient,
  ref: CollectionRef,
  partitionName: string | undefined,
  call: { signal: AbortSignal } | undefined,
): Promise<LoadStateResult> {
  const target = partitionName !== undefined ? `partition "${partitionName}" of collection "${ref.collectionName}"` : `collection "${ref.collectionName}"`;
  const why =
    "this filter is not a plain primary-key list, so Milvus queries the matching rows before deleting, and that needs the data loaded (the server would answer code 101)";
  const hint = "load it (collections/load), or delete by primary key, e.g. id in [1, 2, 3], which needs no load";
  let state: LoadStateResult;
  try {
    state = await client.getLoadState(partitionName !== undefined ? { ...ref, partitionNames: [partitionName] } : ref, call);
  } catch (e) {
    if (e instanceof MilvusError && (e.code === 101 || e.code === 201)) {
      throw new PreflightError("target/not-loaded", `refusing to delete: ${target} is not loaded; ${why}`, { hint });
    }
    if (e instanceof MilvusError && (e.code === 100 || e.code === 200)) {
      throw new PreflightError("target/not-found", `${target} does not exist (${e.serverMessage ?? e.message})`);
    }
    throw e;
  }
  if (state.loadState === "LoadStateLoaded") return state;
  if (state.loadState === "LoadStateNotExist") throw new PreflightError("target/not-found", `${target} does not exist`);
  const progress = state.loadProgress !== null ? `, ${state.loadProgress}% loaded` : "";
  const what = state.loadState === "LoadStateLoading" ? `is still loading${progress}` : `is not loaded (${state.loadState}${progress})`;
  throw new PreflightError("target/not-loaded", `refusing to delete: ${target} ${what}; ${why}`, { hint });
}

// ---------------------------------------------------------------- partitions and collections

export interface SettleOptions {
  /** Polls of the load state after a release, and drop attempts that still see "loaded" (milvus#35574). Default 10. */
  attempts: number;
  /** Delay between them in ms. Default 500. */
  delayMs: number;
}

const DEFAULT_SETTLE: SettleOptions = { attempts: 10, delayMs: 500 };

export interface DropPartitionPlan {
  collectionName: string;
  dbName?: string;
  partitionName: string;
  /** Load state of the partition as the server reported it (null when it answered "not loaded" with an error code). */
  loadState: LoadStateResult | null;
  loaded: boolean;
  /** The partition will be released before the drop. */
  willRelease: boolean;
}

export interface SafeDropPartitionOptions {
  collectionName: string;
  dbName?: string;
  partitionName: string;
  /** Release a loaded partition before dropping it. Without it a loaded partition is refused. */
  releaseFirst?: boolean;
  confirm?: (plan: DropPartitionPlan) => boolean | Promise<boolean>;
  settle?: SettleOptions;
  signal?: AbortSignal;
}

export async function planDropPartition(client: MilvusClient, options: SafeDropPartitionOptions): Promise<DropPartitionPlan> {
  [client, options] = requirePreflight("planDropPartition", SPECS.planDropPartition, [client, options]) as [MilvusClient, SafeDropPartitionOptions];
  requireName(options?.collectionName, "collectionName");
  requireName(options.partitionName, "partitionName");
  const ref = collectionRef(options);
  const call = options.signal ? { signal: options.signal } : undefined;
  if (options.partitionName === "_default") {
    throw new PreflightError("partition/default", 'the "_default" partition cannot be dropped (Milvus refuses it)');
  }
  const has = await client.hasPartition({ ...ref, partitionName: options.partitionName }, call);
  if (!has) throw new PreflightError("target/not-found", `partition "${options.partitionName}" does not exist in collection "${options.collectionName}"`);
  const loadState = await partitionLoadState(client, ref, options.partitionName, call);
  const loaded = loadState !== null && (loadState.loadState === "LoadStateLoaded" || loadState.loadState === "LoadStateLoading");
  if (loaded && options.releaseFirst !== true) {
    throw new PreflightError(
      "partition/loaded",
      `refusing to drop partition "${options.partitionName}": it is loaded (${loadState!.loadState}), and Milvus refuses to drop a loaded partition`,
      { hint: "release it first (releaseFirst: true, or the CLI's --release-first)" },
    );
  }
  const plan: DropPartitionPlan = { collectionName: options.collectionName, partitionName: options.partitionName, loadState, loaded, willRelease: loaded };
  if (ref.dbName !== undefined) plan.dbName = ref.dbName;
  return plan;
}

export async function executeDropPartitionPlan(
  client: MilvusClient,
  plan: DropPartitionPlan,
  opts: { settle?: SettleOptions; signal?: AbortSignal } = {},
): Promise<{ released: boolean; dropped: true }> {
  [client, plan, opts = {}] = requirePreflight("executeDropPartitionPlan", SPECS.executeDropPartitionPlan, [client, plan, opts]) as [MilvusClient, DropPartitionPlan, typeof opts];
  const settle = opts.settle ?? DEFAULT_SETTLE;
  const attempts = Math.max(1, Math.min(100, Math.floor(settle.attempts)));
  const call = opts.signal ? { signal: opts.signal } : undefined;
  const ref: CollectionRef = plan.dbName !== undefined ? { collectionName: plan.collectionName, dbName: plan.dbName } : { collectionName: plan.collectionName };
  const part = { ...ref, partitionName: plan.partitionName };
  if (plan.willRelease) {
    await client.releasePartitions({ ...ref, partitionNames: [plan.partitionName] }, call);
    for (let i = 0; i < attempts; i++) {
      const s = await partitionLoadState(client, ref, plan.partitionName, call);
      if (s === null || (s.loadState !== "LoadStateLoaded" && s.loadState !== "LoadStateLoading")) break;
      await pause(settle.delayMs, opts.signal);
    }
  }
  for (let i = 1; ; i++) {
    try {
      await client.dropPartition(part, call);
      return { released: plan.willRelease, dropped: true };
    } catch (e) {
      // Right after a release the server may still say "loaded" for a moment (milvus#35574).
      if (!plan.willRelease || !isPartitionLoadedError(e) || i >= attempts) throw e;
      await pause(settle.delayMs, opts.signal);
    }
  }
}

/** Plan, refuse a loaded partition unless releaseFirst, confirm, (release,) drop. */
export async function safeDropPartition(client: MilvusClient, options: SafeDropPartitionOptions): Promise<{ released: boolean; dropped: true; plan: DropPartitionPlan }> {
  [client, options] = requirePreflight("safeDropPartition", SAFE_SPECS.safeDropPartition, [client, options]) as [MilvusClient, SafeDropPartitionOptions];
  const plan = await planDropPartition(client, options);
  await confirmOrThrow(options.confirm, plan, "drop");
  const opts: { settle?: SettleOptions; signal?: AbortSignal } = {};
  if (options.settle) opts.settle = options.settle;
  if (options.signal) opts.signal = options.signal;
  return { ...(await executeDropPartitionPlan(client, plan, opts)), plan };
}

export interface ReleasePlan {
  collectionName: string;
  dbName?: string;
  /** Absent for a whole-collection release. */
  partitionNames?: string[];
  /** Current load state (null when the server reported "not loaded" as an error). */
  loadState: LoadStateResult | null;
}

export interface SafeReleaseOptions {
  collectionName: string;
  dbName?: string;
  /** Partitions to release; absent = the whole collection. */
  partitionNames?: string[];
  confirm?: (plan: ReleasePlan) => boolean | Promise<boolean>;
  signal?: AbortSignal;
}

/** Verifies the collection (and partitions) exist and reads the load state. */
export async function planRelease(client: MilvusClient, options: SafeReleaseOptions): Promise<ReleasePlan> {
  [client, options] = requirePreflight("planRelease", SPECS.planRelease, [client, options]) as [MilvusClient, SafeReleaseOptions];
  requireName(options?.collectionName, "collectionName");
  const ref = collectionRef(options);
  const call = options.signal ? { signal: options.signal } : undefined;
  await client.describeCollection(ref, call); // code 100 when the collection does not exist
  const plan: ReleasePlan = { collectionName: options.collectionName, loadState: null };
  if (ref.dbName !== undefined) plan.dbName = ref.dbName;
  if (options.partitionNames !== undefined) {
    if (!Array.isArray(options.partitionNames) || options.partitionNames.length === 0) {
      throw new PreflightError("options/invalid", "partitionNames must be a non-empty array");
    }
    for (const p of options.partitionNames) {
      requireName(p, "partitionNames[]");
      if (!(await client.hasPartition({ ...ref, partitionName: p }, call))) {
        throw new PreflightError("target/not-found", `partition "${p}" does not exist in collection "${options.collectionName}"`);
      }
    }
    plan.partitionNames = [...options.partitionNames];
  }
  try {
    plan.loadState = await client.getLoadState(plan.partitionNames ? { ...ref, partitionNames: plan.partitionNames } : ref, call);
  } catch (e) {
    if (!(e instanceof MilvusError && (e.code === 101 || e.code === 201))) throw e;
  }
  return plan;
}

export async function executeReleasePlan(client: MilvusClient, plan: ReleasePlan, opts: { signal?: AbortSignal } = {}): Promise<void> {
  [client, plan, opts = {}] = requirePreflight("executeReleasePlan", SPECS.executeReleasePlan, [client, plan, opts]) as [MilvusClient, ReleasePlan, { signal?: AbortSignal }];
  const ref: CollectionRef = plan.dbName !== undefined ? { collectionName: plan.collectionName, dbName: plan.dbName } : { collectionName: plan.collectionName };
  const call = opts.signal ? { signal: opts.signal } : undefined;
  if (plan.partitionNames) await client.releasePartitions({ ...ref, partitionNames: plan.partitionNames }, call);
  else await client.releaseCollection(ref, call);
}

export async function safeReleasePartitions(
  client: MilvusClient,
  options: SafeReleaseOptions & { partitionNames: string[] },
): Promise<{ released: true; plan: ReleasePlan }> {
  [client, options] = requirePreflight("safeReleasePartitions", SAFE_SPECS.safeReleasePartitions, [client, options]) as [MilvusClient, typeof options];
  const plan = await planRelease(client, options);
  await confirmOrThrow(options.confirm, plan, "release");
  await executeReleasePlan(client, plan, options.signal ? { signal: options.signal } : {});
  return { released: true, plan };
}

export async function safeReleaseCollection(client: MilvusClient, options: Omit<SafeReleaseOptions, "partitionNames">): Promise<{ released: true; plan: ReleasePlan }> {
  [client, options] = requirePreflight("safeReleaseCollection", SAFE_SPECS.safeReleaseCollection, [client, options]) as [MilvusClient, typeof options];
  // A JS caller may still pass partitionNames: a collection release ignores them.
  const { partitionNames: _ignored, ...rest } = options as SafeReleaseOptions;
  const plan = await planRelease(client, rest);
  await confirmOrThrow(options.confirm, plan, "release");
  await executeReleasePlan(client, plan, options.signal ? { signal: options.signal } : {});
  return { released: true, plan };
}

// ---------------------------------------------------------------- helpers

async function partitionLoadState(
  client: MilvusClient,
  ref: CollectionRef,
  partitionName: string,
  call: { signal: AbortSignal } | undefined,
): Promise<LoadStateResult | null> {
  try {
    return await client.getLoadState({ ...ref, partitionNames: [partitionName] }, call);
  } catch (e) {
    if (e instanceof MilvusError && (e.code === 101 || e.code === 201)) return null;
    throw e;
  }
}

async function confirmOrThrow<P>(confirm: ((plan: P) => boolean | Promise<boolean>) | undefined, plan: P, what: string): Promise<void> {
  if (!confirm) return;
  let ok: boolean;
  try {
    ok = (await confirm(plan)) === true;
  } catch (e) {
    throw new PreflightError("declined", `the ${what} was not confirmed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!ok) throw new PreflightError("declined", `the ${what} was not confirmed; nothing was sent`);
}

function collectionRef(o: { collectionName: string; dbName?: string }): CollectionRef {
  if (o.dbName !== undefined) requireName(o.dbName, "dbName");
  return o.dbName !== undefined ? { collectionName: o.collectionName, dbName: o.dbName } : { collectionName: o.collectionName };
}

function requireName(v: unknown, what: string): void {
  if (typeof v !== "string" || v === "") throw new PreflightError("options/invalid", `${what} must be a non-empty string`);
}

/** Abort-aware delay; an abort rejects with the signal's reason (not a PreflightError: something may have been sent). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const reason = (): unknown => signal?.reason ?? new Error("aborted");
    if (signal?.aborted) return reject(reason());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(reason());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
