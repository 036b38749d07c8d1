/**
 * The two error types of the Milvus layer.
 *
 * - `MilvusError`: a call reached (or tried to reach) the server and failed. `code` is the Milvus
 *   error code from the `{code, message}` envelope (null when no envelope came back: timeouts,
 *   network failures, HTTP errors without a body, unreadable responses).
 * - `PreflightError`: our own checks refused the operation. Invariant: when a PreflightError is
 *   thrown, the destructive request (delete, release, drop) was NOT sent.
 *
 * Neither ever carries a credential: messages are built from scrubbed text only, and the original
 * low-level error is replaced by a scrubbed summary (see redact.ts).
 */
import type { Diagnostic } from "../diag/diagnostic.js";
import { requireCall, type Param, type UsageCode } from "../diag/usage.js";

/** How a call failed. */
export type MilvusErrorKind =
  /** The server answered with a non-success envelope code. */
  | "server"
  /** A non-2xx HTTP status without a usable envelope (proxy error, unknown endpoint, …). */
  | "http"
  /** The per-attempt timeout fired before a complete response arrived. */
  | "timeout"
  /** The caller's AbortSignal fired. */
  | "aborted"
  /** The connection could not be made or broke before a complete response was read. */
  | "network"
  /** A complete response arrived but was not a JSON envelope, or its data broke the protocol. */
  | "invalid-response"
  /** The response body exceeded the client's `maxResponseBytes`; reading stopped there. */
  | "response-too-large";

export interface MilvusErrorInit {
  kind: MilvusErrorKind;
  code: number | null;
  message: string;
  endpoint: string;
  retriable: boolean;
  attempts: number;
  maybeApplied: boolean;
  httpStatus?: number;
  serverMessage?: string;
  cause?: { name: string; code?: string; message: string };
}

export class MilvusError extends Error {
  override readonly name = "MilvusError";
  readonly kind: MilvusErrorKind;
  /** Milvus error code (1100 bad filter, 101 not loaded, …), or null when the server gave none. */
  readonly code: number | null;
  /** API path of the call, e.g. `/v2/vectordb/entities/delete` (never a full URL with credentials). */
  readonly endpoint: string;
  /** Whether this failure class is retried by the client (it was, up to the configured bound). */
  readonly retriable: boolean;
  /** Requests made for this call, including retries. */
  readonly attempts: number;
  /**
   * True when the request may have reached the server and taken effect although no success was
   * seen (timeout or broken connection after sending). Check state before repeating a delete/drop.
   */
  readonly maybeApplied: boolean;
  readonly httpStatus?: number;
  /**
   * The server's own message text, credential scrubbed (or withheld when it cannot be proven
   * free of the credential) and control characters escaped.
   */
  readonly serverMessage?: string;
  /** Scrubbed summary of the low-level error (never the original object, which may hold request data). */
  override readonly cause?: { name: string; code?: string; message: string };

  constructor(init: MilvusErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.retriable = init.retriable;
    this.attempts = init.attempts;
    this.maybeApplied = init.maybeApplied;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.cause !== undefined) this.cause = init.cause;
  }
}

/** Milvus reports "partition cannot be dropped, partition is loaded, please release it first" with a generic code. */
export function isPartitionLoadedError(e: unknown): boolean {
  try {
    return e instanceof MilvusError && e.kind === "server" && /partition is loaded/i.test(e.serverMessage ?? e.message);
  } catch {
    return false; // a Proxy whose traps throw is not a MilvusError
  }
}

export type PreflightCode =
  /** Neither or both of `filter` / `builtFilter`, wrong option types. */
  | "options/invalid"
  /** describe returned a schema our loader could not fully read. */
  | "schema/unusable"
  /** `exprParams` is not a valid template-value object. */
  | "params/invalid"
  /** An `exprParams` integer beyond 2^53 would be rounded by the server's float64 JSON decoding. */
  | "params/int64-precision"
  /** The filter does not parse or check (diagnostics attached). */
  | "filter/invalid"
  /** partitionName given on a partition-key collection (Milvus refuses it). */
  | "partition/partition-key"
  /** The collection or partition does not exist. */
  | "target/not-found"
  /** A query-first delete on a collection/partition that is not (fully) loaded. */
  | "target/not-loaded"
  /** Drop of a loaded partition without `releaseFirst`. */
  | "partition/loaded"
  /** The `_default` partition cannot be dropped. */
  | "partition/default"
  /** Dry run requested but the filter cannot be evaluated locally. */
  | "dry-run/unavailable"
  /** The `confirm` callback declined. */
  | "declined"
  /** `expect`: the server counts a different number of matching rows. */
  | "preview/count-mismatch"
  /** `max`: the server counts more matching rows than allowed. */
  | "preview/count-exceeds"
  /** A server preview (count + sample) was needed but could not run (e.g. the data is not loaded). */
  | "preview/unavailable"
  /** A checkpoint file is unreadable or belongs to another delete. */
  | "checkpoint/invalid"
  /** The call itself was misused (wrong argument types, misspelt or missing options): see src/diag/usage.ts. */
  | UsageCode;

export class PreflightError extends Error {
  override readonly name = "PreflightError";
  readonly code: PreflightCode;
  /** Filter diagnostics (for `filter/invalid`; possibly empty otherwise). */
  readonly diagnostics: readonly Diagnostic[];
  readonly hint?: string;
  /** Always false: a PreflightError means the destructive request was not sent. */
  readonly sent = false as const;

  constructor(code: PreflightCode, message: string, options: { diagnostics?: readonly Diagnostic[]; hint?: string } = {}) {
    super(message);
    this.code = code;
    this.diagnostics = options.diagnostics ?? [];
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** checkCall for the Milvus layer: a problem is a PreflightError (nothing was sent) with the usage code. */
export function requirePreflight(fn: string, params: readonly Param[], args: ArrayLike<unknown>): unknown[] {
  return requireCall(fn, params, args, (p) => new PreflightError(p.code, p.message, p.hint !== undefined ? { hint: p.hint } : {}));
}
