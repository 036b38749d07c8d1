/**
 * A small typed client for the Milvus RESTful API v2, limited to what a careful delete needs:
 * describe, load state, delete, release and drop. Built on `fetch`; no dependencies.
 *
 * Wire contract (docs: milvus-api-notes §1):
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
 * backoff with jitter) and happen only when a retry cannot make things worse:
 * - envelope codes the server marks as transient: 2 (service unavailable), 4 (too many requests),
 *   8 (rate limit), 9 (quota exceeded), 1807 (rejected by limiter);
 * - HTTP 503 and 429 (the request was not processed);
 * - connection refused / DNS try-again (nothing was sent);
 * - for read-only calls (describe, load state, has partition) also: connection reset or closed
 *   mid-response, HTTP 502/504. For delete/release/drop these may have taken effect, so they are
 *   reported with `maybeApplied: true` and not repeated.
 * Timeouts are never retried (the caller's time budget is spent, and a mutation may be running).
 *
 * The token lives in a private field. It is never logged, never part of an error message (all
 * text that reaches an error is scrubbed of it), and `toString` / `util.inspect` / `toJSON` of the
 * client show only that a credential is configured.
 */
import { parseJson, stringifyJson, type JsonObject, type JsonValue } from "../util/json.js";
import { MilvusError, type MilvusErrorInit, type MilvusErrorKind } from "./errors.js";
import { countEntities, queryEntities, type CountRequest, type QueryEntitiesRequest, type QueryEntitiesResult } from "./query.js";
import { requireCall } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";

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
  /** `http(s)://host:19530` (a Zilliz Cloud cluster endpoint works too). A bare `host:port` means http. */
  endpoint: string;
  /** API key / Bearer token, or `user:password`. Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Database for every call unless a call names its own. Omitted from bodies when unset (server default). */
  dbName?: string;
  /** Per-attempt timeout in ms (AbortSignal) and the `Request-Timeout` header (rounded up to seconds). Default 30000. */
  timeoutMs?: number;
  retries?: RetryOptions;
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

/** Envelope codes the client retries (notes §1.2). Everything else (1100, 101, 1800, 65535, …) is final. */
export const RETRIABLE_CODES: ReadonlySet<number> = new Set([2, 4, 8, 9, 1807]);
/** HTTP statuses retried for every call: the request was not processed. */
export const RETRIABLE_HTTP: ReadonlySet<number> = new Set([429, 503]);
/** HTTP statuses retried only for read-only calls: a gateway failed, the upstream may have acted. */
const RETRIABLE_HTTP_READ_ONLY: ReadonlySet<number> = new Set([502, 504]);
/** Connection errors where nothing reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

export const DEFAULT_TIMEOUT_MS = 30_000;
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
  readonly #scrub: (s: string) => string;
  readonly #timeoutMs: number;
  readonly #retries: Required<RetryOptions>;
  readonly #fetch: typeof fetch;
  readonly #logger: ((e: MilvusLogEvent) => void) | undefined;
  readonly #random: () => number;

  constructor(options: MilvusClientOptions) {
    if (typeof options !== "object" || options === null) throw new TypeError("createMilvusClient: options must be an object");
    const { base, userinfoToken } = normalizeEndpoint(options.endpoint);
    const token = options.token ?? userinfoToken;
    if (token !== undefined) validateToken(token);
    this.endpoint = base;
    this.dbName = options.dbName;
    this.#token = token === "" ? undefined : token;
    this.#scrub = scrubber(this.#token);
    this.#timeoutMs = positiveNumber(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
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
      warnings: env.message ? [env.message] : [],
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
      throw this.#invalid("/v2/vectordb/collections/get_load_state", "the response has no data.loadState string");
    }
    return { loadState: state, loadProgress: toSafeNumber(data?.loadProgress) };
  }

  async hasPartition(req: PartitionRef, opts?: CallOptions): Promise<boolean> {
    const name = requireName(req?.collectionName, "collectionName");
    const partitionName = requireName(req.partitionName, "partitionName");
    const env = await this.#call("partitions/has", this.#body(req, { collectionName: name, partitionName }), false, opts);
    const has = isObject(env.data) ? env.data.has : undefined;
    if (typeof has !== "boolean") throw this.#invalid("/v2/vectordb/partitions/has", "the response has no data.has boolean");
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
    const data = isObject(env.data) ? env.data : undefined;
    return { deleteCount: toBigInt(data?.deleteCount) };
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

  #invalid(endpoint: string, what: string): MilvusError {
    return new MilvusError({
      kind: "invalid-response",
      code: null,
      message: `Milvus ${endpoint}: unexpected response: ${what}`,
      endpoint,
      retriable: false,
      attempts: 1,
      maybeApplied: false,
    });
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
      if (signal?.aborted) throw this.#error({ ...abortedFailure(endpoint, mutating && attempt > 1) }, attempt - 1);
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
      if (!slept) throw this.#error(abortedFailure(endpoint, false), attempt);
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
    const scrub = this.#scrub;
    const tail = f.retriable && attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
    const init: MilvusErrorInit = {
      kind: f.kind,
      code: f.code,
      message: scrub(f.message) + tail,
      endpoint: f.endpoint,
      retriable: f.retriable,
      attempts,
      maybeApplied: f.maybeApplied,
    };
    if (f.httpStatus !== undefined) init.httpStatus = f.httpStatus;
    if (f.serverMessage !== undefined) init.serverMessage = scrub(f.serverMessage);
    if (f.cause !== undefined) {
      const c: { name: string; code?: string; message: string } = { name: f.cause.name, message: scrub(f.cause.message) };
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
      if (timedOut) return { ok: false, failure: timeoutFailure(endpoint, timeoutMs, mutating, stage) };
      if (signal?.aborted) return { ok: false, failure: abortedFailure(endpoint, mutating) };
      return { ok: false, failure: networkFailure(endpoint, e, mutating, stage) };
    };
    try {
      let res: Response;
      try {
        const init: RequestInit = { method: "POST", headers, body: payload, signal: controller.signal, redirect: "error" };
        res = await raceAbort(new Promise<Response>((resolve) => resolve(this.#fetch(url, init))), controller.signal);
      } catch (e) {
        return interrupted("connect", e);
      }
      let text: string;
      try {
        text = await raceAbort(res.text(), controller.signal);
      } catch (e) {
        return interrupted("body", e);
      }
      return interpret(endpoint, res.status, res.statusText, res.headers, text, mutating);
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
  message: string;
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

function interpret(endpoint: string, status: number, statusText: string, headers: Headers, text: string, mutating: boolean): AttemptOutcome {
  const parsed = parseJson(text);
  const envelope = parsed.ok && isObject(parsed.value) ? readEnvelope(parsed.value) : undefined;
  const http2xx = status >= 200 && status < 300;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  if (envelope && http2xx && isSuccess(envelope)) return { ok: true, envelope, httpStatus: status };
  if (envelope && !isSuccess(envelope)) {
    const retriable = RETRIABLE_CODES.has(envelope.code) || RETRIABLE_HTTP.has(status);
    const partial = /delete some data/i.test(envelope.message);
    const failure: Failure = {
      kind: "server",
      code: envelope.code,
      message: `Milvus ${endpoint} failed with code ${envelope.code}: ${envelope.message || describeCode(envelope.code)}`,
      endpoint,
      retriable,
      maybeApplied: partial,
      serverMessage: envelope.message,
    };
    if (!http2xx) failure.httpStatus = status;
    return retryAfterMs !== undefined ? { ok: false, failure, retryAfterMs } : { ok: false, failure };
  }
  if (!http2xx) {
    const retriable = RETRIABLE_HTTP.has(status) || (!mutating && RETRIABLE_HTTP_READ_ONLY.has(status));
    const hint = status === 404 ? " (unknown endpoint: is this a Milvus 2.4+ REST v2 address?)" : "";
    const failure: Failure = {
      kind: "http",
      code: null,
      message: `Milvus ${endpoint}: HTTP ${status}${statusText ? ` ${statusText}` : ""}${hint}${snippet(text)}`,
      endpoint,
      retriable,
      maybeApplied: mutating && RETRIABLE_HTTP_READ_ONLY.has(status),
      httpStatus: status,
    };
    return retryAfterMs !== undefined ? { ok: false, failure, retryAfterMs } : { ok: false, failure };
  }
  const what = parsed.ok
    ? "the body is JSON but not a {code, message, data} envelope"
    : `the body is not valid JSON (${parsed.error.message} at line ${parsed.error.line}, column ${parsed.error.column})`;
  return {
    ok: false,
    failure: {
      kind: "invalid-response",
      code: null,
      message: `Milvus ${endpoint}: unexpected response: ${what}${snippet(text)}`,
      endpoint,
      retriable: false,
      maybeApplied: mutating,
      httpStatus: status,
    },
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

function snippet(text: string): string {
  const t = text.trim();
  if (t === "") return " (empty body)";
  const cut = t.length > 200 ? `${t.slice(0, 200)}…` : t;
  return `; body: ${JSON.stringify(cut)}`;
}

function parseRetryAfter(v: string | null): number | undefined {
  if (v === null || !/^\s*\d{1,6}\s*$/.test(v)) return undefined;
  return Number(v) * 1000;
}

// ---------------------------------------------------------------- transport failures

function timeoutFailure(endpoint: string, timeoutMs: number, mutating: boolean, stage: "connect" | "body"): Failure {
  const during = stage === "body" ? "while reading the response" : "before the server answered";
  return {
    kind: "timeout",
    code: null,
    message:
      `Milvus ${endpoint}: timed out after ${timeoutMs} ms ${during}` +
      (mutating ? "; the operation may still have been applied, check before repeating it" : ""),
    endpoint,
    retriable: false,
    maybeApplied: mutating,
  };
}

function abortedFailure(endpoint: string, mutating: boolean): Failure {
  return {
    kind: "aborted",
    code: null,
    message: `Milvus ${endpoint}: aborted by the caller` + (mutating ? "; the operation may still have been applied" : ""),
    endpoint,
    retriable: false,
    maybeApplied: mutating,
  };
}

function networkFailure(endpoint: string, e: unknown, mutating: boolean, stage: "connect" | "body"): Failure {
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
    message:
      `Milvus ${endpoint}: ${what}${code ? ` [${code}]` : ""}` +
      (maybeApplied ? "; the operation may have been applied, check before repeating it" : ""),
    endpoint,
    retriable,
    maybeApplied,
    cause,
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

/** Returns a function that replaces every occurrence of the credential (and a password part) with `<redacted>`. */
export function scrubber(token: string | undefined): (s: string) => string {
  const secrets: string[] = [];
  if (token) {
    secrets.push(token);
    const colon = token.indexOf(":");
    if (colon >= 0 && token.length - colon - 1 >= 3) secrets.push(token.slice(colon + 1));
    for (const s of [...secrets]) {
      const enc = encodeURIComponent(s);
      if (enc !== s) secrets.push(enc);
      secrets.push(Buffer.from(s, "utf8").toString("base64"));
    }
  }
  secrets.sort((a, b) => b.length - a.length);
  return (s: string) => {
    let out = s;
    for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join("<redacted>");
    return out;
  };
}

function normalizeEndpoint(endpoint: unknown): { base: string; userinfoToken?: string } {
  if (typeof endpoint !== "string" || endpoint.trim() === "") throw new TypeError("createMilvusClient: endpoint must be a non-empty URL string");
  let s = endpoint.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new TypeError("createMilvusClient: endpoint is not a valid URL (expected http(s)://host:port)");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new TypeError(`createMilvusClient: endpoint must use http or https, not ${u.protocol.replace(/:$/, "")}`);
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

function toSafeNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  return null;
}
