/**
 * A small typed client for the Milvus RESTful API v2, limited to what a careful delete needs:
 * describe, load state, delete, release and drop. Built on `fetch`; no dependencies.
 *
 * Wire contract (../shared/spec/milvus-api-notes.md §1):
 * - every call is `POST <endpoint>/v2/vectordb/<group>/<verb>` with a JSON body;
 * - headers: `Content-Type: application/json`, `Authorization: Bearer <token>` (the token is an
 *   API key or `user:password`, sent verbatim after "Bearer "), `Request-Timeout: <seconds>`
 *   (the server-side deadline) and `Accept-Type-Allow-Int64: true` (int64 values come back as JSON
 *   numbers, which this client decodes losslessly: beyond 2^53 they become bigint);
 * - the answer is HTTP 200 even on failure: `{code, message, data}` where `code` 0 is success.
 *   Older servers answer `code: 200` for success; 200 is also "partition not found", so 200 counts
 *   as success only when the message is empty.
 * - request bodies are encoded with `stringifyJson`, so bigint values go out as bare digits.
 *
 * Failures become `MilvusError`. Retries are bounded (`retries.max` extra attempts, exponential
 * backoff with jitter). Which failures are retried depends on whether the call mutates
 * (docs/milvus.md "Retries"):
 * - read-only calls (describe, load state, has partition): transient envelope codes 2, 4, 8, 9,
 *   1807; HTTP 429, 502, 503, 504; connection refused, reset or closed mid-response;
 * - mutating calls (delete, release, drop, `request` unless `mutating: false`): only when it is
 *   certain the server did not process the request: the connection was refused before anything
 *   was sent, or the envelope is code 1807 "request is rejected by limiter", which the REST
 *   handler answers before calling the proxy. Everything else is final, and `maybeApplied` says
 *   whether the request may have taken effect (a partly applied filter delete is not repeated: a
 *   second run would also remove rows inserted in between, which nobody previewed).
 * Timeouts are never retried (the caller's time budget is spent, and a mutation may be running).
 * Redirects are never followed (the token must not travel to another address, and a re-sent
 * delete is a second delete). Response bodies are read incrementally up to `maxResponseBytes`.
 *
 * The token lives in a private field. It is never logged, never part of an error message (all
 * server text that reaches an error is scrubbed and proven clean first, see redact.ts), and
 * `toString` / `util.inspect` / `toJSON` of the client show only that a credential is configured.
 */
import { parseJson, stringifyJson, type JsonObject, type JsonValue } from "../util/json.js";
import { MilvusError, type MilvusErrorInit, type MilvusErrorKind } from "./errors.js";
import { countEntities, queryEntities, type CountRequest, type QueryEntitiesRequest, type QueryEntitiesResult } from "./query.js";
import { requireCall } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";
import { MAX_CHECKED, createRedactor, type Redactor } from "./redact.js";
import { INT64_MAX } from "../util/int64.js";

// ---------------------------------------------------------------- public types

export interface RetryOptions {
  /** Extra attempts after the first (0 = never retry). Default 2. Capped at 10. */
  max: number;
  /** First backoff delay in ms; doubles per retry, with jitter. Default 250. */
  baseDelayMs: number;
  /** Longest single delay in ms (also caps a server's Retry-After). Default 5000. */
  maxDelayMs?: number;
}

export interface MilvusClientOptions {
  /** `http://host:19530` or `https://…` (a Zilliz Cloud cluster endpoint works too). The scheme is required. */
  endpoint: string;
  /** API key / Bearer token, or `user:password`. Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Database for every call unless a call names its own. Omitted from bodies when unset (server default). */
  dbName?: string;
  /** Per-attempt timeout in ms (AbortSignal) and the `Request-Timeout` header (rounded up to seconds). Default 30000. */
  timeoutMs?: number;
  retries?: RetryOptions;
  /** Largest response body read, in bytes; a larger one fails with kind "response-too-large". Default 8 MiB. */
  maxResponseBytes?: number;
  /** Injectable fetch (tests, proxies, instrumentation). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Receives one event per attempt, retry and failure. Events never contain headers, bodies or the token. */
  logger?: (event: MilvusLogEvent) => void;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
}

export interface MilvusLogEvent {
  type: "response" | "retry" | "failure";
  endpoint: string;
  attempt: number;
  durationMs?: number;
  httpStatus?: number;
  code?: number | null;
  kind?: MilvusErrorKind;
  delayMs?: number;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
}

export type LoadState = "LoadStateNotExist" | "LoadStateNotLoad" | "LoadStateLoading" | "LoadStateLoaded";

export interface CollectionRef {
  collectionName: string;
  /** Overrides the client's dbName. */
  dbName?: string;
}

export interface CollectionDescription {
  collectionName: string;
  /** int64 collection id (exact). */
  collectionId: bigint | null;
  /** The `load` field of describe (a composite sub-call: may be null when it failed). */
  loadState: LoadState | string | null;
  consistencyLevel: string | null;
  enableDynamicField: boolean;
  partitionsNum: number | null;
  shardsNum: number | null;
  /** The whole response envelope, in the shape `loadSchema` accepts. */
  response: JsonObject;
  /** Sub-call failures that the server appends to `message` while `code` stays 0. */
  warnings: string[];
}

export interface LoadStateResult {
  loadState: LoadState | string;
  /** 0..100; absent for NotLoad. */
  loadProgress: number | null;
}

export interface DeleteEntitiesRequest extends CollectionRef {
  /** Required and non-empty at the server (code 1802 otherwise). */
  filter: string;
  partitionName?: string;
  /** Template values for `{name}` placeholders. bigint values are sent as bare digits. */
  exprParams?: Record<string, unknown>;
}

export interface DeleteEntitiesResult {
  /**
   * The server's `deleteCount`, exact. Null when the server did not report one (older servers
   * answer `data: {}`). For primary-key filters this is the number of keys listed, not rows
   * removed (milvus#51566).
   */
  deleteCount: bigint | null;
}

export interface PartitionsRef extends CollectionRef {
  partitionNames: string[];
}

export interface PartitionRef extends CollectionRef {
  partitionName: string;
}

export interface LoadStateRequest extends CollectionRef {
  /** Only feeds the server's progress sub-call; see getLoadState. */
  partitionNames?: string[];
}

export interface MilvusClient {
  /** Base URL without credentials, e.g. `http://127.0.0.1:19530`. */
  readonly endpoint: string;
  readonly dbName: string | undefined;
  describeCollection(req: CollectionRef, opts?: CallOptions): Promise<CollectionDescription>;
  /**
   * `collections/get_load_state`. With `partitionNames`, the state reflects those partitions'
   * progress (Loaded only when they are fully loaded); a partition that is not loaded may also
   * be reported as an error (code 201) by some servers.
   */
  getLoadState(req: LoadStateRequest, opts?: CallOptions): Promise<LoadStateResult>;
  /** `partitions/has`. */
  hasPartition(req: PartitionRef, opts?: CallOptions): Promise<boolean>;
  deleteEntities(req: DeleteEntitiesRequest, opts?: CallOptions): Promise<DeleteEntitiesResult>;
  releasePartitions(req: PartitionsRef, opts?: CallOptions): Promise<void>;
  dropPartition(req: PartitionRef, opts?: CallOptions): Promise<void>;
  releaseCollection(req: CollectionRef, opts?: CallOptions): Promise<void>;
  /** `entities/query` (a read: retried like describe). See query.ts for the server's limits. */
  queryEntities(req: QueryEntitiesRequest, opts?: CallOptions): Promise<QueryEntitiesResult>;
  /** `entities/query` with `outputFields: ["count(*)"]`: the exact number of matching rows. */
  count(req: CountRequest, opts?: CallOptions): Promise<bigint>;
  /**
   * Any other v2 endpoint, with the same headers, envelope handling, retries and scrubbing.
   * `path` is relative to `/v2/vectordb/` (e.g. `"collections/load"`). Set `mutating` for calls
   * with side effects so that ambiguous failures are not retried. Returns the envelope's `data`.
   */
  request(path: string, body: Record<string, unknown>, opts?: CallOptions & { mutating?: boolean }): Promise<JsonValue | undefined>;
}

// ---------------------------------------------------------------- policy

/**
 * Envelope codes retried for read-only calls (merr codes marked transient, pkg/util/merr/errors.go).
 * Everything else (1100, 101, 1800, 65535, …) is final.
 */
export const RETRIABLE_CODES: ReadonlySet<number> = new Set([2, 4, 8, 9, 1807]);
/** HTTP statuses retried for read-only calls: an overloaded or failing gateway. Never for mutating calls. */
export const RETRIABLE_HTTP: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/**
 * The one envelope answer that proves a mutating call was not executed: the REST handler's rate
 * limiter (`wrapperProxyWithLimit` in internal/distributed/proxy/httpserver/handler_v2.go) answers
 * 1807 with this message before it calls the proxy. Any other text with 1807 is not trusted.
 */
const LIMITER_REFUSAL = /^request is rejected by limiter\b/;
/**
 * Envelope codes a mutating call gets only from checks that run before anything is written
 * (request binding and auth in handler_v2.go; name lookups and plan creation in deleteRunner.Init,
 * internal/proxy/task_delete.go): `maybeApplied` is false for them. Any other code may come
 * from the middle of a filter delete, which is applied shard by shard (complexDelete).
 */
const REFUSED_BEFORE_EXECUTION: ReadonlySet<number> = new Set([100, 200, 800, 1100, 1800, 1801, 1802, 1807]);
/** Words a server uses when it reports a partly applied operation; such an answer is never retried. */
const PARTLY_APPLIED = /\b(?:some data|partial(?:ly)?|partly)\b/i;
/** Connection errors where nothing reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default cap on a response body: describe of a large schema is a few hundred KB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_RETRIES: Readonly<Required<RetryOptions>> = Object.freeze({ max: 2, baseDelayMs: 250, maxDelayMs: 5000 });
const MAX_RETRIES = 10;
const API_PREFIX = "/v2/vectordb/";

// ---------------------------------------------------------------- construction

export function createMilvusClient(options: MilvusClientOptions): MilvusClient {
  [options] = requireCall("createMilvusClient", SPECS.createMilvusClient, [options]) as [MilvusClientOptions];
  return new RestMilvusClient(options);
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

class RestMilvusClient implements MilvusClient {
  readonly endpoint: string;
  readonly dbName: string | undefined;
  readonly #token: string | undefined;
  readonly #redactor: Redactor;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #retries: Required<RetryOptions>;
  readonly #fetch: typeof fetch;
  readonly #logger: ((e: MilvusLogEvent) => void) | undefined;
  readonly #random: () => number;

  constructor(options: MilvusClientOptions) {
    if (typeof options !== "object" || options === null) throw new TypeError("createMilvusClient: options must be an object");
    const { base, userinfoToken } = normalizeEndpointOf(options);
    const token = options.token ?? userinfoToken;
    if (token !== undefined) validateToken(token);
    this.endpoint = base;
    this.dbName = options.dbName;
    this.#token = token === "" ? undefined : token;
    this.#redactor = createRedactor(this.#token);
    this.#timeoutMs = positiveNumber(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
    this.#maxResponseBytes = positiveInteger(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, "maxResponseBytes");
    const r = options.retries ?? DEFAULT_RETRIES;
    this.#retries = {
      max: Math.min(MAX_RETRIES, Math.max(0, Math.floor(finiteOr(r.max, DEFAULT_RETRIES.max)))),
      baseDelayMs: Math.max(0, finiteOr(r.baseDelayMs, DEFAULT_RETRIES.baseDelayMs)),
      maxDelayMs: Math.max(0, finiteOr(r.maxDelayMs, DEFAULT_RETRIES.maxDelayMs)),
    };
    const f = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (typeof f !== "function") throw new TypeError("createMilvusClient: no fetch implementation (Node 18+ has a global fetch; or pass options.fetch)");
    this.#fetch = f;
    this.#logger = options.logger;
    this.#random = options.random ?? Math.random;
  }

  toString(): string {
    return `MilvusClient(${this.endpoint}${this.dbName !== undefined ? `, db=${this.dbName}` : ""}${this.#token !== undefined ? ", auth=<redacted>" : ""})`;
  }

  toJSON(): Record<string, unknown> {
    return { endpoint: this.endpoint, dbName: this.dbName, auth: this.#token !== undefined ? "<redacted>" : null };
  }

  [INSPECT](): string {
    return this.toString();
  }

  async describeCollection(req: CollectionRef, opts?: CallOptions): Promise<CollectionDescription> {
    const name = requireName(req?.collectionName, "collectionName");
    const env = await this.#call("collections/describe", this.#body(req, { collectionName: name }), false, opts);
    const data = isObject(env.data) ? env.data : Object.create(null);
    return {
      collectionName: typeof data.collectionName === "string" ? data.collectionName : name,
      collectionId: toBigInt(data.collectionID),
      loadState: typeof data.load === "string" ? data.load : null,
      consistencyLevel: typeof data.consistencyLevel === "string" ? data.consistencyLevel : null,
      enableDynamicField: data.enableDynamicField === true,
      partitionsNum: toSafeNumber(data.partitionsNum ?? data.partitionNum),
      shardsNum: toSafeNumber(data.shardsNum),
      response: env.raw,
      warnings: env.message ? [this.#redactor.show(env.message, MAX_CHECKED)] : [],
    };
  }

  async getLoadState(req: LoadStateRequest, opts?: CallOptions): Promise<LoadStateResult> {
    const name = requireName(req?.collectionName, "collectionName");
    const body: Record<string, unknown> = { collectionName: name };
    if (req.partitionNames !== undefined) body.partitionNames = requireNames(req.partitionNames, "partitionNames");
    const env = await this.#call("collections/get_load_state", this.#body(req, body), false, opts);
    const data = isObject(env.data) ? env.data : undefined;
    const state = data?.loadState;
    if (typeof state !== "string") {
      throw this.#invalid("collections/get_load_state", "the response has no data.loadState string", false);
    }
    return { loadState: state, loadProgress: toSafeNumber(data?.loadProgress) };
  }

  async hasPartition(req: PartitionRef, opts?: CallOptions): Promise<boolean> {
    const name = requireName(req?.collectionName, "collectionName");
    const partitionName = requireName(req.partitionName, "partitionName");
    const env = await this.#call("partitions/has", this.#body(req, { collectionName: name, partitionName }), false, opts);
    const has = isObject(env.data) ? env.data.has : undefined;
    if (typeof has !== "boolean") throw this.#invalid("partitions/has", "the response has no data.has boolean", false);
    return has;
  }

  async deleteEntities(req: DeleteEntitiesRequest, opts?: CallOptions): Promise<DeleteEntitiesResult> {
    const name = requireName(req?.collectionName, "collectionName");
    if (typeof req.filter !== "string") throw new TypeError("deleteEntities: filter must be a string");
    const body: Record<string, unknown> = { collectionName: name, filter: req.filter };
    if (req.partitionName !== undefined) body.partitionName = requireName(req.partitionName, "partitionName");
    if (req.exprParams !== undefined) {
      if (!isPlainRecord(req.exprParams)) throw new TypeError("deleteEntities: exprParams must be an object");
      body.exprParams = req.exprParams;
    }
    const env = await this.#call("entities/delete", this.#body(req, body), true, opts);
    const reported = isObject(env.data) ? env.data.deleteCount : undefined;
    if (reported === undefined || reported === null) return { deleteCount: null };
    const deleteCount = toCount(reported);
    if (deleteCount === null) {
      const shown = this.#redactor.show(typeof reported === "string" ? reported : stringifyJson(reported), 100, true);
      throw this.#invalid("entities/delete", `data.deleteCount is ${shown}, not a count (a non-negative int64); the delete was probably applied`, true);
    }
    return { deleteCount };
  }

  async releasePartitions(req: PartitionsRef, opts?: CallOptions): Promise<void> {
    const name = requireName(req?.collectionName, "collectionName");
    const partitionNames = requireNames(req.partitionNames, "partitionNames");
    if (partitionNames.length === 0) throw new TypeError("releasePartitions: partitionNames must not be empty");
    await this.#call("partitions/release", this.#body(req, { collectionName: name, partitionNames }), true, opts);
  }

  async dropPartition(req: PartitionRef, opts?: CallOptions): Promise<void> {
    const name = requireName(req?.collectionName, "collectionName");
    const partitionName = requireName(req.partitionName, "partitionName");
    await this.#call("partitions/drop", this.#body(req, { collectionName: name, partitionName }), true, opts);
  }

  async releaseCollection(req: CollectionRef, opts?: CallOptions): Promise<void> {
    const name = requireName(req?.collectionName, "collectionName");
    await this.#call("collections/release", this.#body(req, { collectionName: name }), true, opts);
  }

  queryEntities(req: QueryEntitiesRequest, opts?: CallOptions): Promise<QueryEntitiesResult> {
    return queryEntities(this, req, opts);
  }

  count(req: CountRequest, opts?: CallOptions): Promise<bigint> {
    return countEntities(this, req, opts);
  }

  async request(path: string, body: Record<string, unknown>, opts?: CallOptions & { mutating?: boolean }): Promise<JsonValue | undefined> {
    if (typeof path !== "string" || !/^[a-z_]+\/[a-z_]+$/.test(path)) {
      throw new TypeError('request: path must look like "collections/load" (relative to /v2/vectordb/)');
    }
    if (!isPlainRecord(body)) throw new TypeError("request: body must be an object");
    const withDb = body.dbName === undefined && this.dbName !== undefined ? { dbName: this.dbName, ...body } : body;
    const env = await this.#call(path, withDb, opts?.mutating ?? true, opts);
    return env.data;
  }

  // ---------------------------------------------------------------- internals

  /** dbName first (call's, else client's), then the call's fields. */
  #body(req: CollectionRef, fields: Record<string, unknown>): Record<string, unknown> {
    const db = req.dbName ?? this.dbName;
    return db !== undefined ? { dbName: requireName(db, "dbName"), ...fields } : fields;
  }

  /** A success envelope whose data breaks the protocol. */
  #invalid(path: string, what: string, maybeApplied: boolean): MilvusError {
    return this.#error(
      { kind: "invalid-response", code: null, message: `Milvus ${this.endpoint}${API_PREFIX}${path}: unexpected response: ${what}`, endpoint: API_PREFIX + path, retriable: false, maybeApplied },
      1,
    );
  }

  async #call(path: string, body: Record<string, unknown>, mutating: boolean, opts: CallOptions | undefined): Promise<Envelope> {
    const endpoint = API_PREFIX + path;
    const url = this.endpoint + endpoint;
    const payload = stringifyJson(body);
    const timeoutMs = positiveNumber(opts?.timeoutMs, this.#timeoutMs, "timeoutMs");
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      Accept: "application/json",
      "Accept-Type-Allow-Int64": "true",
      "Request-Timeout": String(Math.max(1, Math.ceil(timeoutMs / 1000))),
    };
    if (this.#token !== undefined) headers.Authorization = `Bearer ${this.#token}`;
    const signal = opts?.signal;
    const { max } = this.#retries;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw this.#error({ ...abortedFailure(url, endpoint, mutating && attempt > 1) }, attempt - 1);
      const started = Date.now();
      const outcome = await this.#attempt(url, endpoint, headers, payload, timeoutMs, mutating, signal);
      const durationMs = Date.now() - started;
      if (outcome.ok) {
        this.#log({ type: "response", endpoint, attempt, durationMs, httpStatus: outcome.httpStatus, code: outcome.envelope.code });
        return outcome.envelope;
      }
      const f = outcome.failure;
      if (!f.retriable || attempt > max) {
        this.#log({ type: "failure", endpoint, attempt, durationMs, httpStatus: f.httpStatus, code: f.code, kind: f.kind });
        throw this.#error(f, attempt);
      }
      const delayMs = this.#backoff(attempt, outcome.retryAfterMs);
      this.#log({ type: "retry", endpoint, attempt, durationMs, httpStatus: f.httpStatus, code: f.code, kind: f.kind, delayMs });
      const slept = await sleep(delayMs, signal);
      if (!slept) throw this.#error(abortedFailure(url, endpoint, false), attempt);
    }
  }

  #backoff(attempt: number, retryAfterMs: number | undefined): number {
    const { baseDelayMs, maxDelayMs } = this.#retries;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    const jittered = exp / 2 + this.#random() * (exp / 2);
    const wanted = retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
    return Math.round(Math.min(maxDelayMs, wanted));
  }

  #error(f: Failure, attempts: number): MilvusError {
    const r = this.#redactor;
    const tail = f.retriable && attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
    // Server text in f.message was shown through the redactor; this last check also covers a
    // token spanning server text and our own words. Failing it, the message without server text.
    const message = r.scrub(r.isClean(f.message) ? f.message : (f.plainMessage ?? f.message));
    const init: MilvusErrorInit = {
      kind: f.kind,
      code: f.code,
      message: message + tail,
      endpoint: f.endpoint,
      retriable: f.retriable,
      attempts,
      maybeApplied: f.maybeApplied,
    };
    if (f.httpStatus !== undefined) init.httpStatus = f.httpStatus;
    if (f.serverMessage !== undefined) init.serverMessage = r.show(f.serverMessage, MAX_CHECKED);
    if (f.cause !== undefined) {
      const c: { name: string; code?: string; message: string } = { name: r.show(f.cause.name, 100), message: r.show(f.cause.message, 500) };
      if (f.cause.code !== undefined) c.code = f.cause.code;
      init.cause = c;
    }
    return new MilvusError(init);
  }

  #log(event: MilvusLogEvent): void {
    if (!this.#logger) return;
    const clean: MilvusLogEvent = { type: event.type, endpoint: event.endpoint, attempt: event.attempt };
    for (const k of ["durationMs", "httpStatus", "code", "kind", "delayMs"] as const) {
      if (event[k] !== undefined) (clean as unknown as Record<string, unknown>)[k] = event[k];
    }
    try {
      this.#logger(clean);
    } catch {
      /* a logger must not break the call */
    }
  }

  async #attempt(
    url: string,
    endpoint: string,
    headers: Record<string, string>,
    payload: string,
    timeoutMs: number,
    mutating: boolean,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const interrupted = (stage: "connect" | "body", e: unknown): AttemptOutcome => {
      if (timedOut) return { ok: false, failure: timeoutFailure(url, endpoint, timeoutMs, mutating, stage) };
      if (signal?.aborted) return { ok: false, failure: abortedFailure(url, endpoint, mutating) };
      return { ok: false, failure: networkFailure(url, endpoint, e, mutating, stage) };
    };
    try {
      let res: Response;
      try {
        // "manual": a redirect comes back as a 3xx response and is refused in interpret()
        const init: RequestInit = { method: "POST", headers, body: payload, signal: controller.signal, redirect: "manual" };
        res = await raceAbort(new Promise<Response>((resolve) => resolve(this.#fetch(url, init))), controller.signal);
      } catch (e) {
        return interrupted("connect", e);
      }
      let body: BodyRead;
      try {
        body = await raceAbort(readBody(res, this.#maxResponseBytes), controller.signal);
      } catch (e) {
        return interrupted("body", e);
      }
      if (!body.ok) return { ok: false, failure: tooLargeFailure(url, endpoint, this.#maxResponseBytes, body, mutating) };
      const where = { url, endpoint, mutating, redactor: this.#redactor };
      return interpret(where, res.status, res.statusText, res.headers, body.text);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

// ---------------------------------------------------------------- response interpretation

interface Envelope {
  code: number;
  message: string;
  data: JsonValue | undefined;
  raw: JsonObject;
}

interface Failure {
  kind: MilvusErrorKind;
  code: number | null;
  /** Our words with the URL; server text in it went through the redactor. */
  message: string;
  /** The same message without any server text (used when the composed message is not provably clean). */
  plainMessage?: string;
  endpoint: string;
  retriable: boolean;
  maybeApplied: boolean;
  httpStatus?: number;
  serverMessage?: string;
  cause?: { name: string; code?: string; message: string };
}

type AttemptOutcome =
  | { ok: true; envelope: Envelope; httpStatus: number }
  | { ok: false; failure: Failure; retryAfterMs?: number };

/** Where a response came from, and how to show server text. */
interface Origin {
  /** Full URL of the call (no credentials). */
  url: string;
  /** API path, e.g. /v2/vectordb/entities/delete. */
  endpoint: string;
  mutating: boolean;
  redactor: Redactor;
}

const MAYBE_APPLIED = "; the operation may have been applied, check before repeating it";

function interpret(o: Origin, status: number, statusText: string, headers: Headers, text: string): AttemptOutcome {
  const { url, endpoint, mutating, redactor } = o;
  const parsed = parseJson(text);
  const envelope = parsed.ok && isObject(parsed.value) ? readEnvelope(parsed.value) : undefined;
  const http2xx = status >= 200 && status < 300;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  const withDelay = (failure: Failure): AttemptOutcome => (retryAfterMs !== undefined ? { ok: false, failure, retryAfterMs } : { ok: false, failure });
  if (status >= 300 && status < 400) return { ok: false, failure: redirectFailure(o, status, headers.get("location")) };
  if (envelope && http2xx && isSuccess(envelope)) return { ok: true, envelope, httpStatus: status };
  if (envelope && !isSuccess(envelope)) {
    const partly = PARTLY_APPLIED.test(envelope.message);
    const notExecuted = envelope.code === 1807 && LIMITER_REFUSAL.test(envelope.message) && !partly;
    const retriable = mutating ? notExecuted : RETRIABLE_CODES.has(envelope.code) || RETRIABLE_HTTP.has(status);
    const maybeApplied = mutating && (partly || !REFUSED_BEFORE_EXECUTION.has(envelope.code));
    const head = `Milvus ${url} failed with code ${envelope.code}`;
    const tail = maybeApplied ? MAYBE_APPLIED : "";
    const failure: Failure = {
      kind: "server",
      code: envelope.code,
      message: `${head}: ${envelope.message ? redactor.show(envelope.message, 1000) : describeCode(envelope.code)}${tail}`,
      plainMessage: `${head}: ${describeCode(envelope.code)} (the server's message is withheld: it may contain the credential)${tail}`,
      endpoint,
      retriable,
      maybeApplied,
      serverMessage: envelope.message,
    };
    if (!http2xx) failure.httpStatus = status;
    return withDelay(failure);
  }
  if (!http2xx) {
    // A gateway's 502/503/504/429 may come after the request reached Milvus ("upstream reset
    // before headers"): retried for reads only.
    const retriable = !mutating && RETRIABLE_HTTP.has(status);
    const hint = status === 404 ? " (unknown endpoint: is this a Milvus 2.4+ REST v2 address?)" : "";
    const head = `Milvus ${url}: HTTP ${status}${statusText ? ` ${redactor.show(statusText, 60)}` : ""}${hint}`;
    const tail = mutating ? MAYBE_APPLIED : "";
    return withDelay({
      kind: "http",
      code: null,
      message: `${head}${snippet(text, redactor)}${tail}`,
      plainMessage: `${head}${tail}`,
      endpoint,
      retriable,
      maybeApplied: mutating,
      httpStatus: status,
    });
  }
  const what = parsed.ok
    ? "the body is JSON but not a {code, message, data} envelope"
    : `the body is not valid JSON (${parsed.error.message} at line ${parsed.error.line}, column ${parsed.error.column})`;
  const head = `Milvus ${url}: unexpected response: ${what}`;
  const tail = mutating ? MAYBE_APPLIED : "";
  return {
    ok: false,
    failure: {
      kind: "invalid-response",
      code: null,
      message: `${head}${snippet(text, redactor)}${tail}`,
      plainMessage: `${head}${tail}`,
      endpoint,
      retriable: false,
      maybeApplied: mutating,
      httpStatus: status,
    },
  };
}

/** Redirects are refused: following one would send the token (and the request) to another address. */
function redirectFailure(o: Origin, status: number, location: string | null): Failure {
  let to = "";
  if (location !== null) {
    try {
      // only the origin: a Location's path or query may carry anything
      to = ` to ${o.redactor.show(new URL(location, o.url).origin, 200)}`;
    } catch {
      to = " (with an unreadable Location)";
    }
  }
  const head = `Milvus ${o.url}: HTTP ${status} redirect${to}; redirects are not followed, so that the token and the request go nowhere else: give the final address as the endpoint`;
  return {
    kind: "http",
    code: null,
    message: head + (o.mutating ? MAYBE_APPLIED : ""),
    plainMessage: `Milvus ${o.url}: HTTP ${status} redirect; redirects are not followed` + (o.mutating ? MAYBE_APPLIED : ""),
    endpoint: o.endpoint,
    retriable: false,
    maybeApplied: o.mutating,
    httpStatus: status,
  };
}

function readEnvelope(o: JsonObject): Envelope | undefined {
  const code = o.code;
  let n: number;
  if (typeof code === "number" && Number.isInteger(code)) n = code;
  else if (typeof code === "bigint") n = Number(code);
  else return undefined;
  const message = typeof o.message === "string" ? o.message : "";
  return { code: n, message, data: Object.hasOwn(o, "data") ? o.data : undefined, raw: o };
}

/** 0 is success; 200 is success on older servers, but also "partition not found": only without a message. */
function isSuccess(e: Envelope): boolean {
  return e.code === 0 || (e.code === 200 && e.message === "");
}

const CODE_NAMES: Record<number, string> = {
  2: "service unavailable",
  4: "too many requests",
  8: "rate limit exceeded",
  9: "quota exceeded",
  100: "collection not found",
  101: "collection not loaded",
  200: "partition not found",
  201: "partition not loaded",
  800: "database not found",
  1100: "invalid parameter",
  1700: "field not found",
  1800: "user hasn't authenticated",
  1801: "can only accept json format request",
  1802: "missing required parameters",
  1807: "request is rejected by limiter",
  65535: "unexpected error",
};

function describeCode(code: number): string {
  return CODE_NAMES[code] ?? "no message";
}

/** The body for a message: scrubbed and proven clean first, then cut to 200 characters and quoted. */
function snippet(text: string, redactor: Redactor): string {
  const t = text.trim();
  if (t === "") return " (empty body)";
  return `; body: ${redactor.show(t, 200, true)}`;
}

function parseRetryAfter(v: string | null): number | undefined {
  if (v === null || !/^\s*\d{1,6}\s*$/.test(v)) return undefined;
  return Number(v) * 1000;
}

// ---------------------------------------------------------------- transport failures

function timeoutFailure(url: string, endpoint: string, timeoutMs: number, mutating: boolean, stage: "connect" | "body"): Failure {
  const during = stage === "body" ? "while reading the response" : "before the server answered";
  return {
    kind: "timeout",
    code: null,
    message: `Milvus ${url}: timed out after ${timeoutMs} ms ${during}` + (mutating ? "; the operation may still have been applied, check before repeating it" : ""),
    endpoint,
    retriable: false,
    maybeApplied: mutating,
  };
}

function abortedFailure(url: string, endpoint: string, mutating: boolean): Failure {
  return {
    kind: "aborted",
    code: null,
    message: `Milvus ${url}: aborted by the caller` + (mutating ? "; the operation may still have been applied" : ""),
    endpoint,
    retriable: false,
    maybeApplied: mutating,
  };
}

function networkFailure(url: string, endpoint: string, e: unknown, mutating: boolean, stage: "connect" | "body"): Failure {
  const cause = summarizeCause(e);
  const code = cause.code;
  const notSent = stage === "connect" && code !== undefined && NOT_SENT_CODES.has(code);
  const maybeApplied = mutating && !notSent && code !== "ENOTFOUND";
  const retriable = code === "ENOTFOUND" ? false : notSent || !mutating;
  let what: string;
  if (code === "ECONNREFUSED") what = "connection refused (is Milvus running at this address?)";
  else if (code === "ENOTFOUND") what = "host not found";
  else if (stage === "body") what = "the connection closed while the response was being read";
  else what = "the connection failed or closed before a response arrived";
  return {
    kind: "network",
    code: null,
    message: `Milvus ${url}: ${what}${code ? ` [${code}]` : ""}` + (maybeApplied ? MAYBE_APPLIED : ""),
    endpoint,
    retriable,
    maybeApplied,
    cause,
  };
}

function tooLargeFailure(url: string, endpoint: string, cap: number, body: { size: number; declared: boolean }, mutating: boolean): Failure {
  const size = body.declared ? `its Content-Length is ${body.size} bytes` : `more than ${cap} bytes arrived`;
  return {
    kind: "response-too-large",
    code: null,
    message:
      `Milvus ${url}: the response is larger than the limit of ${cap} bytes (${size}); reading stopped. ` +
      "Raise maxResponseBytes (CLI: --max-response-bytes) if the server is trusted" +
      (mutating ? "; the operation was probably applied, check before repeating it" : ""),
    endpoint,
    retriable: false,
    maybeApplied: mutating,
  };
}

/** Name, code and message of the innermost useful error: never the object itself. */
function summarizeCause(e: unknown): { name: string; code?: string; message: string } {
  let cur: unknown = e;
  let code: string | undefined;
  let message = "";
  let name = "Error";
  for (let i = 0; i < 5 && cur !== null && typeof cur === "object"; i++) {
    const o = cur as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.name === "string") name = o.name;
    if (typeof o.message === "string" && o.message) message = o.message;
    if (typeof o.code === "string") code = o.code;
    if (Array.isArray(o.errors) && o.errors.length > 0 && code === undefined) {
      const first = o.errors[0] as { code?: unknown };
      if (typeof first?.code === "string") code = first.code;
    }
    cur = o.cause;
  }
  if (typeof e === "string") message = e;
  const out: { name: string; code?: string; message: string } = { name, message: message || String(name) };
  if (code !== undefined) out.code = code;
  return out;
}

// ---------------------------------------------------------------- helpers

/**
 * Settles with `p`, or rejects as soon as `signal` aborts, so an injected fetch that ignores the
 * signal still cannot outlive the timeout. The losing promise is observed (no unhandled rejection).
 */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  p.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason ?? new Error("aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason ?? new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

type BodyRead = { ok: true; text: string } | { ok: false; size: number; declared: boolean };

/**
 * The body as UTF-8 text, read chunk by chunk and abandoned (the stream cancelled) as soon as it
 * exceeds `cap` bytes; a Content-Length above the cap is refused before reading.
 */
async function readBody(res: Response, cap: number): Promise<BodyRead> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, size: declared, declared: true };
  }
  if (!res.body) {
    // a fetch without streams (injected): the whole text, then the same cap
    const text = await res.text();
    return Buffer.byteLength(text) > cap ? { ok: false, size: Buffer.byteLength(text), declared: false } : { ok: true, text };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, size, declared: false };
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { ok: true, text: parts.join("") };
}

/** normalizeEndpoint, with a message that never repeats the token (say it was given as the endpoint). */
function normalizeEndpointOf(options: MilvusClientOptions): { base: string; userinfoToken?: string } {
  try {
    return normalizeEndpoint(options.endpoint);
  } catch (e) {
    const token = typeof options.token === "string" ? options.token : undefined;
    if (e instanceof TypeError && !createRedactor(token).isClean(e.message)) {
      throw new TypeError(`createMilvusClient: the endpoint is not a usable URL (not shown: it contains the token): ${ENDPOINT_EXPECTED}`);
    }
    throw e;
  }
}

const ENDPOINT_EXPECTED = "expected an http:// or https:// URL such as http://localhost:19530";

function normalizeEndpoint(endpoint: unknown): { base: string; userinfoToken?: string } {
  if (typeof endpoint !== "string" || endpoint.trim() === "") throw new TypeError(`createMilvusClient: endpoint must be a non-empty URL string (${ENDPOINT_EXPECTED})`);
  const s = endpoint.trim();
  // No scheme guessing: "host:19530" could mean http or https, and guessing http would send the
  // token in clear text to a server that expects TLS.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    throw new TypeError(`createMilvusClient: endpoint ${describeGivenEndpoint(s)} has no scheme: ${ENDPOINT_EXPECTED}`);
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new TypeError(`createMilvusClient: endpoint ${describeGivenEndpoint(s)} is not a valid URL: ${ENDPOINT_EXPECTED}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new TypeError(`createMilvusClient: endpoint must use http or https, not ${u.protocol.replace(/:$/, "")} (${ENDPOINT_EXPECTED})`);
  }
  let userinfoToken: string | undefined;
  if (u.username !== "" || u.password !== "") {
    const user = safeDecode(u.username);
    userinfoToken = u.password !== "" ? `${user}:${safeDecode(u.password)}` : user;
    u.username = "";
    u.password = "";
  }
  if (u.search !== "" || u.hash !== "") throw new TypeError("createMilvusClient: endpoint must not have a query string or fragment");
  let path = u.pathname.replace(/\/+$/, "");
  path = path.replace(/\/v2(\/vectordb)?$/, "");
  const out: { base: string; userinfoToken?: string } = { base: u.origin + path };
  if (userinfoToken !== undefined) out.userinfoToken = userinfoToken;
  return out;
}

/** The endpoint as given, for a message: quoted, short, and without anything before an "@" (credentials). */
function describeGivenEndpoint(s: string): string {
  const at = s.lastIndexOf("@");
  const shown = at >= 0 ? `<redacted>@${s.slice(at + 1)}` : s;
  return JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}…` : shown);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function validateToken(token: unknown): void {
  if (typeof token !== "string") throw new TypeError("createMilvusClient: token must be a string");
  // Header values must be visible Latin-1 without control characters; the message never echoes the token.
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c > 0xff) {
      throw new TypeError(`createMilvusClient: token contains a character that is not allowed in an HTTP header (position ${i + 1})`);
    }
  }
  if (token !== token.trim()) throw new TypeError("createMilvusClient: token has leading or trailing whitespace");
}

function positiveNumber(v: unknown, fallback: number, what: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new TypeError(`${what} must be a positive number of milliseconds`);
  return v;
}

function positiveInteger(v: unknown, fallback: number, what: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) throw new TypeError(`${what} must be a positive whole number of bytes`);
  return v;
}

function finiteOr(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

function requireName(v: unknown, what: string): string {
  if (typeof v !== "string" || v === "") throw new TypeError(`${what} must be a non-empty string`);
  return v;
}

function requireNames(v: unknown, what: string): string[] {
  if (!Array.isArray(v)) throw new TypeError(`${what} must be an array of names`);
  return v.map((x, i) => requireName(x, `${what}[${i}]`));
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toBigInt(v: unknown): bigint | null {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d{1,20}$/.test(v)) return BigInt(v);
  return null;
}

/** A deleteCount: a non-negative int64, as a JSON number (exact via bigint) or a decimal string. */
function toCount(v: unknown): bigint | null {
  let n: bigint | null = null;
  if (typeof v === "bigint") n = v;
  else if (typeof v === "number" && Number.isSafeInteger(v)) n = BigInt(v);
  else if (typeof v === "string" && /^\d{1,19}$/.test(v)) n = BigInt(v);
  return n !== null && n >= 0n && n <= INT64_MAX ? n : null;
}


function toSafeNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  return null;
}
