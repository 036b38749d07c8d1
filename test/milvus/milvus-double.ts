/**
 * CONTRACT TEST DOUBLE — not Milvus.
 *
 * A small HTTP server on 127.0.0.1 (random port) that implements the documented contract of the
 * Milvus REST v2 endpoints this package calls (milvus-api-notes §1, §6): the `{code, message,
 * data}` envelope with HTTP 200 on failure, the error codes (100, 101, 200, 201, 1100, 1800,
 * 1801, 1802, 65535), int64 values as bare JSON numbers (collectionID 448707763883002014,
 * deleteCount), load states, the primary-key fast path vs query-first delete (deleteCount counts
 * listed keys on the fast path, milvus#51566; query-first needs the data loaded, code 101/201),
 * Go's float64 decoding of `exprParams`, and a loaded partition refusing to be dropped.
 *
 * Whether Milvus would reject a filter (code 1100) is decided with this package's own parser and
 * checker; which rows a query-first delete removes, with its evaluator.
 *
 * It records every request (method, path, headers, raw body) so tests can assert exactly what the
 * client sent, and it can inject faults per path: hang, HTTP status, envelope code, raw body,
 * connection closed mid-response, connection destroyed before a response; `after` applies the
 * request first and then fails the answer (the outcome is unknown to the client), and
 * `partial-delete` removes only some matching rows before answering with an error; also a slow
 * drip, a huge body, a redirect, and answers computed from the request (token echo).
 *
 * `entities/query` follows QueryReqV2 and the proxy's rules (milvus-api-notes §1.9; handler_v2.go
 * `query` and proxy task_query.go `parseQueryParams` in zhengbuqian/milvus 2.6 @ f15a99625b):
 * `count(*)` ignores the limit; an offset is read only with a limit; offset + limit must lie in
 * [1, maxQueryResultWindow] (16384 unless configured); an empty filter needs a limit; the data
 * must be loaded (101/201); a limited page holds the smallest matching primary keys in ascending
 * order (`unorderedQueries` breaks that on purpose). `beforeRoute` lets a test change the data
 * between requests (concurrent inserts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseJson, stringifyJson, isJsonFloat, type JsonObject } from "../../src/util/json.js";
import { loadSchema, type CollectionSchema } from "../../src/schema/index.js";
import { parse } from "../../src/syntax/parse.js";
import { check } from "../../src/check/check.js";
import { templateValuesFromJson } from "../../src/check/templates.js";
import type { TemplateValues } from "../../src/check/types.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { cmpUtf8 } from "../../src/backends/eval/values.js";
import type * as A from "../../src/syntax/ast.js";

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names, as node:http gives them. */
  headers: Record<string, string>;
  rawBody: string;
  /** Parsed with integers beyond 2^53 as bigint and floats tagged; undefined when not JSON. */
  body: unknown;
}

export type Fault =
  | { kind: "hang" }
  | { kind: "http"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "envelope"; code: number; message: string }
  | { kind: "raw"; body: string; contentType?: string }
  | { kind: "close-mid-response" }
  | { kind: "destroy" }
  /** Handle the request normally (a delete is applied), then answer with `then` instead. */
  | { kind: "after"; then: Fault }
  /** entities/delete: remove at most `applyAtMost` matching rows, then answer with the error envelope. */
  | { kind: "partial-delete"; applyAtMost: number; code: number; message: string }

  /** Handle the request normally (a delete removes its rows), then answer this envelope instead; `after` runs once it is sent. */
  | { kind: "apply-then-envelope"; code: number; message: string; after?: () => void }
  /** Status 200 and headers at once, then `chunk` every `intervalMs`, at most `maxChunks` times (then the response ends). */
  | { kind: "drip"; chunk: string; intervalMs: number; maxChunks: number }
  /** A success envelope padded to `bytes` bytes, streamed with back-pressure; with `declareLength` a Content-Length too. */
  | { kind: "huge"; bytes: number; declareLength?: boolean }
  | { kind: "redirect"; status: number; location: string }
  /** Any answer computed from the recorded request (e.g. echoing its headers). */
  | { kind: "echo"; render: (r: RecordedRequest) => { status: number; body: string; contentType?: string } };

export interface DoubleRow {
  partition?: string;
  row: Record<string, unknown>;
}

export interface DoubleCollectionSpec {
  name: string;
  dbName?: string;
  collectionId?: bigint;
  /** REST describe field objects (`{name, type, primaryKey, params, …}`). */
  fields: JsonObject[] | Record<string, unknown>[];
  enableDynamicField?: boolean;
  consistencyLevel?: string;
  /** Partitions besides `_default`. */
  partitions?: string[];
  /** true: every partition loaded; false: none; a list: those partitions. Default true. */
  loaded?: boolean | string[];
  rows?: DoubleRow[];
}

export interface DoubleOptions {
  /** When set, requests must carry `Authorization: Bearer <token>` (else code 1800). */
  token?: string;
  /** How get_load_state reports a listed partition that is not loaded: a NotLoad state (default) or error 201. */
  partitionNotLoadedAs?: "state" | "error";
  /** Answer success as `{code: 200, data: {}}` for delete (older servers). */
  legacyDeleteResponse?: boolean;
  /** Decode exprParams numbers as Go float64, as released servers do (default true). */
  float64Params?: boolean;
  /** quotaAndLimits.limits.maxQueryResultWindow (default 16384). */
  maxQueryResultWindow?: number;
  /** Return limited query pages in descending key order (a server that breaks the ordering contract). */
  unorderedQueries?: boolean;
}

interface PartitionState {
  loaded: boolean;
}

interface CollectionState {
  spec: DoubleCollectionSpec;
  db: string;
  id: bigint;
  schema: CollectionSchema;
  partitions: Map<string, PartitionState>;
  rows: DoubleRow[];
  /** milvus#35574: drops that still report "loaded" right after a release. */
  staleLoadedDrops: number;
  /** Progress to report while "loading" (undefined = fully loaded when loaded). */
  loadingProgress?: number;
}

class Reply {
  constructor(
    readonly code: number,
    readonly message: string,
    readonly data?: unknown,
  ) {}
}

const fail = (code: number, message: string): never => {
  throw new Reply(code, message);
};

export class MilvusDouble {
  readonly requests: RecordedRequest[] = [];
  /** Set by start(). */
  url = "";
  /** After a release, how many drop attempts should still say "loaded" (milvus#35574). */
  staleLoadedDropsAfterRelease = 0;
  /** Called with every recorded request before it is routed (e.g. to insert rows "concurrently"). */
  beforeRoute: ((path: string, body: unknown) => void) | undefined;
  readonly #server: http.Server;
  readonly #options: DoubleOptions;
  readonly #collections = new Map<string, CollectionState>();
  readonly #faults: { path: string; fault: Fault; remaining: number }[] = [];
  readonly #databases = new Set(["default"]);
  #partial: Extract<Fault, { kind: "partial-delete" }> | undefined;

  private constructor(options: DoubleOptions) {
    this.#options = options;
    this.#server = http.createServer((req, res) => this.#handle(req, res));
    this.#server.keepAliveTimeout = 1000;
  }

  static async start(options: DoubleOptions = {}): Promise<MilvusDouble> {
    const d = new MilvusDouble(options);
    await new Promise<void>((resolve, reject) => {
      d.#server.once("error", reject);
      d.#server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = d.#server.address() as AddressInfo;
    d.url = `http://127.0.0.1:${port}`;
    return d;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  addCollection(spec: DoubleCollectionSpec): void {
    const db = spec.dbName ?? "default";
    this.#databases.add(db);
    const id = spec.collectionId ?? 448707763883002014n;
    const { schema, issues } = loadSchema({ code: 0, data: this.#describeData(spec, id, "LoadStateLoaded") });
    if (!schema || issues.length > 0) throw new Error(`double: bad collection spec: ${issues.map((i) => i.message).join("; ")}`);
    const partitions = new Map<string, PartitionState>();
    const loaded = spec.loaded ?? true;
    for (const p of ["_default", ...(spec.partitions ?? [])]) {
      partitions.set(p, { loaded: loaded === true || (Array.isArray(loaded) && loaded.includes(p)) });
    }
    this.#collections.set(`${db}/${spec.name}`, { spec, db, id, schema, partitions, rows: [...(spec.rows ?? [])], staleLoadedDrops: 0 });
  }

  /** Rows currently stored (for asserting what a delete removed). */
  rows(collection: string, db = "default"): Record<string, unknown>[] {
    return (this.#collections.get(`${db}/${collection}`)?.rows ?? []).map((r) => r.row);
  }

  /** Adds rows, as a concurrent writer would. */
  insertRows(collection: string, rows: DoubleRow[], db = "default"): void {
    this.#collections.get(`${db}/${collection}`)!.rows.push(...rows);
  }

  setLoaded(collection: string, loaded: boolean | string[], db = "default"): void {
    const c = this.#collections.get(`${db}/${collection}`)!;
    for (const [name, p] of c.partitions) p.loaded = loaded === true || (Array.isArray(loaded) && loaded.includes(name));
  }

  setLoading(collection: string, progress: number | undefined, db = "default"): void {
    const c = this.#collections.get(`${db}/${collection}`)!;
    if (progress === undefined) delete c.loadingProgress;
    else c.loadingProgress = progress;
  }

  isPartitionLoaded(collection: string, partition: string, db = "default"): boolean | undefined {
    return this.#collections.get(`${db}/${collection}`)?.partitions.get(partition)?.loaded;
  }

  hasPartition(collection: string, partition: string, db = "default"): boolean {
    return this.#collections.get(`${db}/${collection}`)?.partitions.has(partition) ?? false;
  }

  /** Inject `fault` for the next `times` requests to `path` (e.g. "/v2/vectordb/entities/delete", or "*"). */
  fault(path: string, fault: Fault, times = 1): void {
    this.#faults.push({ path, fault, remaining: times });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Requests to one path. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  // ---------------------------------------------------------------- HTTP

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1 << 20) tooBig = true;
      else chunks.push(c);
    });
    req.on("error", () => undefined);
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const parsed = parseJson(rawBody, { floats: "tagged" });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const path = (req.url ?? "/").split("?")[0]!;
      const recorded: RecordedRequest = { method: req.method ?? "", path, headers, rawBody, body: parsed.ok ? parsed.value : undefined };
      this.requests.push(recorded);
      if (tooBig) return this.#send(res, 413, "text/plain", "request entity too large");

      this.beforeRoute?.(path, recorded.body);
      const f = this.#faults.find((x) => x.remaining > 0 && (x.path === "*" || x.path === path));
      let after: Fault | undefined;
      if (f) {
        f.remaining--;
        if (f.fault.kind === "after") after = f.fault.then;
        else if (f.fault.kind === "partial-delete") this.#partial = f.fault;
        else return this.#applyFault(f.fault, req, res, () => this.#answer(path, recorded, parsed.ok ? parsed.value : undefined, parsed.ok));
      }
      if (req.method !== "POST" || !path.startsWith("/v2/vectordb/")) return this.#send(res, 404, "text/plain", "404 page not found");
      let reply: Reply;
      try {
        reply = this.#answer(path, recorded, parsed.ok ? parsed.value : undefined, parsed.ok);
      } finally {
        this.#partial = undefined;
      }
      const answered = reply;
      if (after) return this.#applyFault(after, req, res, () => answered);
      if (reply.code === -404) return this.#send(res, 404, "text/plain", "404 page not found");
      const envelope: Record<string, unknown> = { code: reply.code };
      if (reply.code !== 0 || reply.message !== "") envelope.message = reply.message;
      if (reply.data !== undefined) envelope.data = reply.data;
      this.#send(res, 200, "application/json; charset=utf-8", stringifyJson(envelope));
    });
  }

  #answer(path: string, recorded: RecordedRequest, body: unknown, isJson: boolean): Reply {
    try {
      return this.#route(path, recorded, body, isJson);
    } catch (e) {
      if (e instanceof Reply) return e;
      return new Reply(65535, `double internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  #send(res: http.ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  #applyFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse, handle: () => Reply): void {
    switch (fault.kind) {
      case "apply-then-envelope":
        handle();
        this.#send(res, 200, "application/json", stringifyJson({ code: fault.code, message: fault.message }));
        fault.after?.();
        return;
      case "drip": {
        res.writeHead(200, { "Content-Type": "application/json" });
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= fault.maxChunks) {
            clearInterval(timer);
            res.end();
            return;
          }
          sent++;
          res.write(fault.chunk);
        }, fault.intervalMs);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "huge":
        return streamHuge(res, fault.bytes, fault.declareLength === true);
      case "redirect":
        res.writeHead(fault.status, { Location: fault.location, "Content-Length": 0 });
        res.end();
        return;
      case "echo": {
        const r = fault.render(this.requests[this.requests.length - 1]!);
        return this.#send(res, r.status, r.contentType ?? "text/plain", r.body);
      }
      case "hang":
        return; // never answer; close() destroys the socket
      case "http":
        return this.#send(res, fault.status, "text/plain", fault.body ?? http.STATUS_CODES[fault.status] ?? "", fault.headers);
      case "envelope":
        return this.#send(res, 200, "application/json", stringifyJson({ code: fault.code, message: fault.message }));
      case "raw":
        return this.#send(res, 200, fault.contentType ?? "application/json", fault.body);
      case "close-mid-response": {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 200 });
        res.write('{"code":0,"data":{"deleteCou');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case "destroy":
        req.socket.destroy();
        return;
      case "after":
      case "partial-delete":
        throw new Error("double: nested after/partial-delete faults are not supported");
    }
  }

  // ---------------------------------------------------------------- endpoints

  #route(path: string, r: RecordedRequest, body: unknown, isJson: boolean): Reply {
    if (this.#options.token !== undefined && r.headers.authorization !== `Bearer ${this.#options.token}`) {
      return new Reply(1800, "user hasn't authenticated");
    }
    if (!(r.headers["content-type"] ?? "").toLowerCase().startsWith("application/json") || !isJson || !isRecord(body)) {
      return new Reply(1801, "can only accept json format request");
    }
    const db = body.dbName === undefined ? "default" : body.dbName;
    if (typeof db !== "string" || !this.#databases.has(db)) return new Reply(800, `database not found[database=${String(db)}]`);
    switch (path) {
      case "/v2/vectordb/collections/describe":
        return this.#describe(this.#collection(db, body));
      case "/v2/vectordb/collections/get_load_state":
        return this.#loadState(this.#collection(db, body), body);
      case "/v2/vectordb/collections/release":
        return this.#releaseCollection(this.#collection(db, body));
      case "/v2/vectordb/collections/load":
        this.#collection(db, body).partitions.forEach((p) => (p.loaded = true));
        return new Reply(0, "", {});
      case "/v2/vectordb/partitions/has": {
        const c = this.#collection(db, body);
        return new Reply(0, "", { has: c.partitions.has(requiredString(body, "partitionName")) });
      }
      case "/v2/vectordb/partitions/release":
        return this.#releasePartitions(this.#collection(db, body), body);
      case "/v2/vectordb/partitions/load": {
        const c = this.#collection(db, body);
        for (const p of this.#partitionList(c, body)) c.partitions.get(p)!.loaded = true;
        return new Reply(0, "", {});
      }
      case "/v2/vectordb/partitions/drop":
        return this.#dropPartition(this.#collection(db, body), body);
      case "/v2/vectordb/entities/delete":
        return this.#delete(this.#collection(db, body), body);
      case "/v2/vectordb/entities/query":
        return this.#query(this.#collection(db, body), body);
      default:
        return new Reply(-404, "");
    }
  }

  #collection(db: string, body: Record<string, unknown>): CollectionState {
    const name = requiredString(body, "collectionName");
    const c = this.#collections.get(`${db}/${name}`);
    if (!c) fail(100, `collection not found[database=${db}][collection=${name}]`);
    return c!;
  }

  #describeData(spec: DoubleCollectionSpec, id: bigint, load: string): Record<string, unknown> {
    return {
      collectionName: spec.name,
      collectionID: id,
      description: "",
      autoId: false,
      fields: spec.fields,
      functions: [],
      aliases: [],
      indexes: [],
      load,
      shardsNum: 1,
      partitionsNum: 1 + (spec.partitions?.length ?? 0),
      consistencyLevel: spec.consistencyLevel ?? "Bounded",
      enableDynamicField: spec.enableDynamicField ?? false,
      properties: [],
    };
  }

  #anyLoaded(c: CollectionState): boolean {
    return [...c.partitions.values()].some((p) => p.loaded);
  }

  #describe(c: CollectionState): Reply {
    const load = this.#anyLoaded(c) ? (c.loadingProgress !== undefined ? "LoadStateLoading" : "LoadStateLoaded") : "LoadStateNotLoad";
    return new Reply(0, "", this.#describeData(c.spec, c.id, load));
  }

  #partitionList(c: CollectionState, body: Record<string, unknown>): string[] {
    const names = body.partitionNames;
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string" && n !== "")) {
      fail(1802, "missing required parameters, error: Key: 'partitionNames' Error:Field validation for 'partitionNames' failed on the 'required' tag");
    }
    for (const n of names as string[]) if (!c.partitions.has(n)) fail(200, `partition not found[partition=${n}]`);
    return names as string[];
  }

  #loadState(c: CollectionState, body: Record<string, unknown>): Reply {
    const listed = body.partitionNames !== undefined ? this.#partitionList(c, body) : undefined;
    if (!this.#anyLoaded(c)) return new Reply(0, "", { loadState: "LoadStateNotLoad" });
    if (listed && listed.some((p) => !c.partitions.get(p)!.loaded)) {
      if (this.#options.partitionNotLoadedAs === "error") fail(201, `partition not loaded[partition=${listed.find((p) => !c.partitions.get(p)!.loaded)}]`);
      return new Reply(0, "", { loadState: "LoadStateNotLoad" });
    }
    if (c.loadingProgress !== undefined) return new Reply(0, "", { loadState: "LoadStateLoading", loadProgress: c.loadingProgress });
    return new Reply(0, "", { loadState: "LoadStateLoaded", loadProgress: 100 });
  }

  #releaseCollection(c: CollectionState): Reply {
    for (const p of c.partitions.values()) p.loaded = false;
    return new Reply(0, "", {});
  }

  #releasePartitions(c: CollectionState, body: Record<string, unknown>): Reply {
    for (const p of this.#partitionList(c, body)) c.partitions.get(p)!.loaded = false;
    c.staleLoadedDrops = this.staleLoadedDropsAfterRelease;
    return new Reply(0, "", {});
  }

  #dropPartition(c: CollectionState, body: Record<string, unknown>): Reply {
    const name = requiredString(body, "partitionName");
    if (name === "_default") fail(1100, "default partition cannot be deleted");
    const p = c.partitions.get(name);
    if (!p) fail(200, `partition not found[partition=${name}]`);
    if (p!.loaded || c.staleLoadedDrops > 0) {
      if (!p!.loaded) c.staleLoadedDrops--;
      fail(65535, "partition cannot be dropped, partition is loaded, please release it first");
    }
    c.partitions.delete(name);
    c.rows = c.rows.filter((r) => (r.partition ?? "_default") !== name);
    return new Reply(0, "", {});
  }

  #delete(c: CollectionState, body: Record<string, unknown>): Reply {
    const filter = body.filter;
    if (typeof filter !== "string" || filter === "") {
      fail(1802, "missing required parameters, error: Key: 'CollectionFilterReq.Filter' Error:Field validation for 'Filter' failed on the 'required' tag");
    }
    const partitionName = body.partitionName;
    if (partitionName !== undefined) {
      if (typeof partitionName !== "string") fail(1801, "can only accept json format request");
      if (c.schema.fields.some((f) => f.partitionKey)) fail(1100, "not support manually specifying the partition names if partition key mode is used");
      if (!c.partitions.has(partitionName as string)) fail(200, `partition not found[partition=${partitionName}]`);
    }
    let params: TemplateValues | undefined;
    if (body.exprParams !== undefined) {
      const values = this.#options.float64Params === false ? body.exprParams : goFloat64(body.exprParams);
      const t = templateValuesFromJson(values);
      if (!t.ok) fail(1100, `failed to create delete plan: invalid expression template value ${t.path}: ${t.error}`);
      params = (t as { values: TemplateValues }).values;
    }
    const text = filter as string;
    const parsed = parse(text);
    const checked = check(parsed, { schema: c.schema, purpose: "delete", ...(params ? { params } : {}) });
    if (!checked.ok) {
      const d = checked.diagnostics.find((x) => x.severity === "error")!;
      if (d.code.startsWith("purpose/delete-")) fail(1100, `delete plan can't be empty or always true : ${text}`);
      fail(1100, `failed to create delete plan: cannot parse expression: ${text}, error: ${d.message}`);
    }
    const ast = checked.ast as A.Expr;
    const inPartition = (r: DoubleRow): boolean => partitionName === undefined || (r.partition ?? "_default") === partitionName;
    const compiled = compileFilter(ast, { schema: c.schema, ...(params ? { params } : {}) });
    if (!compiled.ok) fail(65535, `double cannot evaluate: ${compiled.diagnostics[0]?.message}`);

    const partial = this.#partial;
    if (partial) {
      let budget = partial.applyAtMost;
      c.rows = c.rows.filter((r) => !(budget > 0 && inPartition(r) && compiled.test(r.row) && budget-- > 0));
      fail(partial.code, partial.message);
    }
    let count: number;
    if (checked.deleteClass === "primary-key") {
      // Fast path: no load needed; deleteCount = keys listed, existing or not (milvus#51566).
      count = listedKeys(ast, params);
      c.rows = c.rows.filter((r) => !(inPartition(r) && compiled.test(r.row)));
    } else {
      if (partitionName !== undefined) {
        if (!c.partitions.get(partitionName as string)!.loaded) fail(201, `partition not loaded[partition=${partitionName}]`);
      } else if (!this.#anyLoaded(c)) {
        fail(101, `collection not loaded[collection=${c.id}]`);
      }
      const loadedHere = (r: DoubleRow): boolean => c.partitions.get(r.partition ?? "_default")?.loaded === true;
      const before = c.rows.length;
      c.rows = c.rows.filter((r) => !(inPartition(r) && loadedHere(r) && compiled.test(r.row)));
      count = before - c.rows.length;
    }
    if (this.#options.legacyDeleteResponse) return new Reply(200, "", {});
    return new Reply(0, "", { deleteCount: BigInt(count) });
  }

  #query(c: CollectionState, body: Record<string, unknown>): Reply {
    const filter = body.filter ?? "";
    if (typeof filter !== "string") fail(1801, "can only accept json format request");
    const rawFields = body.outputFields ?? [];
    if (!Array.isArray(rawFields) || !rawFields.every((f) => typeof f === "string")) fail(1801, "can only accept json format request");
    const outputFields = rawFields as string[];
    const isCount = outputFields.length === 1 && outputFields[0]!.trim().toLowerCase() === "count(*)";
    const int32 = (key: string): number => {
      const v = body[key] ?? 0;
      if (typeof v !== "number" || !Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1) fail(1801, "can only accept json format request");
      return v as number;
    };
    const limitGiven = int32("limit") > 0 && !isCount;
    const limit = limitGiven ? int32("limit") : Infinity;
    const offset = limitGiven ? int32("offset") : 0;
    if (limitGiven) {
      const window = this.#options.maxQueryResultWindow ?? 16384;
      if (offset < 0) fail(1100, `invalid max query result window, offset [${offset}] is invalid, should be gte than 0`);
      if (offset + limit > window) fail(1100, `invalid max query result window, (offset+limit) should be in range [1, ${window}], but got ${offset + limit}`);
    }
    const level = body.consistencyLevel;
    if (level !== undefined && level !== "" && !["Strong", "Session", "Bounded", "Eventually", "Customized"].includes(level as string)) {
      fail(1100, "consistencyLevel can only be [Strong, Session, Bounded, Eventually, Customized], default: Bounded");
    }
    let partitions: string[];
    if (body.partitionNames !== undefined && (body.partitionNames as unknown[]).length > 0) {
      partitions = this.#partitionList(c, body);
      for (const p of partitions) if (!c.partitions.get(p)!.loaded) fail(201, `partition not loaded[partition=${p}]`);
    } else {
      if (!this.#anyLoaded(c)) fail(101, `collection not loaded[collection=${c.id}]`);
      partitions = [...c.partitions].filter(([, p]) => p.loaded).map(([n]) => n);
    }
    let params: TemplateValues | undefined;
    if (body.exprParams !== undefined) {
      const t = templateValuesFromJson(this.#options.float64Params === false ? body.exprParams : goFloat64(body.exprParams));
      if (!t.ok) fail(1100, `failed to create query plan: invalid expression template value ${t.path}: ${t.error}`);
      params = (t as { values: TemplateValues }).values;
    }
    let test: (row: Record<string, unknown>) => boolean = () => true;
    if ((filter as string).trim() !== "") {
      const checked = check(parse(filter as string), { schema: c.schema, purpose: "query", ...(params ? { params } : {}) });
      if (!checked.ok) {
        const d = checked.diagnostics.find((x) => x.severity === "error")!;
        fail(1100, `failed to create query plan: cannot parse expression: ${filter as string}, error: ${d.message}`);
      }
      const compiled = compileFilter(checked.ast as A.Expr, { schema: c.schema, ...(params ? { params } : {}) });
      if (!compiled.ok) fail(65535, `double cannot evaluate: ${compiled.diagnostics[0]?.message}`);
      test = (row) => compiled.test(row);
    } else if (!limitGiven && !isCount) {
      fail(1100, "empty expression should be used with limit");
    }
    const pk = c.schema.primaryKey!.name;
    const matching = c.rows.filter((r) => partitions.includes(r.partition ?? "_default") && test(r.row)).map((r) => r.row);
    if (isCount) return new Reply(0, "", [{ "count(*)": BigInt(matching.length) }]);
    for (const f of outputFields) {
      if (f !== "*" && !c.schema.fields.some((x) => x.name === f)) fail(1100, `field ${f} not exist`);
    }
    matching.sort((a, b) => compareKeys(a[pk], b[pk]));
    if (this.#options.unorderedQueries) matching.reverse();
    const page = matching.slice(offset, offset + limit);
    const wanted = new Set<string>([pk, ...outputFields]);
    const all = wanted.has("*");
    return new Reply(
      0,
      "",
      page.map((row) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) if (all || wanted.has(k)) out[k] = v;
        return out;
      }),
    );
  }
}

/** Primary keys in the server's order: integers numerically, strings by UTF-8 bytes (= code points). */
function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return cmpUtf8(a, b);
  const x = BigInt(a as number | bigint);
  const y = BigInt(b as number | bigint);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `{"code":0,"data":{"pad":"xxxx…"}}` of exactly `bytes` bytes, written in 64 KiB chunks as the socket drains; stops when the client goes away. */
function streamHuge(res: http.ServerResponse, bytes: number, declareLength: boolean): void {
  const head = '{"code":0,"data":{"pad":"';
  const tail = '"}}';
  const headers: Record<string, string | number> = { "Content-Type": "application/json" };
  if (declareLength) headers["Content-Length"] = bytes;
  res.writeHead(200, headers);
  const chunk = "x".repeat(64 * 1024);
  let remaining = bytes - head.length - tail.length;
  res.write(head);
  const pump = (): void => {
    while (remaining > 0 && !res.destroyed) {
      const n = Math.min(remaining, chunk.length);
      remaining -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.slice(0, n))) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  res.on("error", () => undefined);
  pump();
}

function listedKeys(ast: A.Expr, params: TemplateValues | undefined): number {
  if (ast.kind === "Equality") return 1;
  if (ast.kind === "Term") {
    if (ast.right.kind === "Array") return ast.right.elements.length;
    if (ast.right.kind === "TemplateVariable") {
      const v = params?.get(ast.right.name);
      return v?.kind === "array" ? v.values.length : 1;
    }
  }
  return 0;
}

/** What Go's encoding/json does to numbers decoded into interface{}: float64 for all of them. */
function goFloat64(v: unknown): unknown {
  if (typeof v === "bigint") {
    const f = Number(v);
    return Number.isSafeInteger(f) ? f : BigInt(f); // integral after rounding: stays an int64 template value
  }
  if (Array.isArray(v)) return v.map(goFloat64);
  if (isJsonFloat(v)) return v;
  if (isRecord(v)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v)) out[k] = goFloat64(v[k]);
    return out;
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isJsonFloat(v);
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== "string" || v === "") fail(1802, `missing required parameters, error: Key: '${key}' Error:Field validation for '${key}' failed on the 'required' tag`);
  return v as string;
}
