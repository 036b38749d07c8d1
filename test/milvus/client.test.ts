/**
 * REST client contract tests against the local test double (test/milvus/milvus-double.ts):
 * exact requests (headers, bodies), the envelope and error codes, int64-safe decoding, timeouts,
 * bounded retries, broken connections, and credential hygiene.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createMilvusClient, type MilvusClientOptions, type MilvusLogEvent } from "../../src/milvus/client.js";
import { MilvusError } from "../../src/milvus/errors.js";
import { loadSchema } from "../../src/schema/index.js";
import { MilvusDouble } from "./milvus-double.js";
import { BIG_ID, COLLECTION_ID, books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";
import { caught } from "./caught.js";

guardUnhandledRejections();

const TOKEN = "root:S3cret-Passw0rd";
const DELETE = "/v2/vectordb/entities/delete";
const DESCRIBE = "/v2/vectordb/collections/describe";

let double: MilvusDouble;
const client = (extra: Partial<MilvusClientOptions> = {}) =>
  createMilvusClient({ endpoint: double.url, token: TOKEN, retries: { max: 2, baseDelayMs: 1 }, ...extra });


beforeEach(async () => {
  double = await MilvusDouble.start({ token: TOKEN });
  double.addCollection(books());
});
afterEach(async () => {
  await double.close();
});

describe("requests on the wire", () => {
  it("describe: POST, JSON body, Bearer token, Request-Timeout in seconds, int64 header", async () => {
    await client({ timeoutMs: 2500 }).describeCollection({ collectionName: "books" });
    expect(double.requests).toHaveLength(1);
    const r = double.requests[0]!;
    expect(r.method).toBe("POST");
    expect(r.path).toBe(DESCRIBE);
    expect(r.rawBody).toBe('{"collectionName":"books"}');
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.headers["request-timeout"]).toBe("3");
    expect(r.headers["accept-type-allow-int64"]).toBe("true");
    expect(r.headers.contenttype).toBeUndefined(); // the Node SDK's misspelling is not copied
  });

  it("default Request-Timeout is 30 s; dbName goes first in the body when configured", async () => {
    await client({ dbName: "default" }).describeCollection({ collectionName: "books" });
    expect(double.requests[0]!.headers["request-timeout"]).toBe("30");
    expect(double.requests[0]!.rawBody).toBe('{"dbName":"default","collectionName":"books"}');
  });

  it("a call's dbName overrides the client's", async () => {
    double.addCollection(books({ dbName: "lib" }));
    await client({ dbName: "default" }).describeCollection({ collectionName: "books", dbName: "lib" });
    expect(double.requests[0]!.rawBody).toBe('{"dbName":"lib","collectionName":"books"}');
  });

  it("deleteEntities sends filter, partitionName and exprParams with bigint as bare digits", async () => {
    const c = client();
    const res = await c.deleteEntities({
      collectionName: "books",
      filter: "id in {ids}",
      partitionName: "p2024",
      exprParams: { ids: [3, BIG_ID] },
    });
    expect(double.requestsTo(DELETE)[0]!.rawBody).toBe(
      '{"collectionName":"books","filter":"id in {ids}","partitionName":"p2024","exprParams":{"ids":[3,9007199254740993]}}',
    );
    expect(res.deleteCount).toBe(2n);
  });

  it("release, drop, load state and has partition bodies", async () => {
    const c = client();
    await c.releasePartitions({ collectionName: "books", partitionNames: ["p2023"] });
    await c.dropPartition({ collectionName: "books", partitionName: "p2023" });
    await c.getLoadState({ collectionName: "books", partitionNames: ["p2024"] });
    await c.hasPartition({ collectionName: "books", partitionName: "p2024" });
    await c.releaseCollection({ collectionName: "books" });
    expect(double.requests.map((r) => [r.path, r.rawBody])).toEqual([
      ["/v2/vectordb/partitions/release", '{"collectionName":"books","partitionNames":["p2023"]}'],
      ["/v2/vectordb/partitions/drop", '{"collectionName":"books","partitionName":"p2023"}'],
      ["/v2/vectordb/collections/get_load_state", '{"collectionName":"books","partitionNames":["p2024"]}'],
      ["/v2/vectordb/partitions/has", '{"collectionName":"books","partitionName":"p2024"}'],
      ["/v2/vectordb/collections/release", '{"collectionName":"books"}'],
    ]);
    expect(double.hasPartition("books", "p2023")).toBe(false);
    expect(double.isPartitionLoaded("books", "p2024")).toBe(false);
  });

  it("accepts a base ending in /v2/vectordb/; refuses an endpoint without a scheme, saying what it expected", async () => {
    const c = createMilvusClient({ endpoint: `${double.url}/v2/vectordb/`, token: TOKEN });
    expect(c.endpoint).toBe(double.url);
    await c.describeCollection({ collectionName: "books" });
    expect(double.requests.map((r) => r.path)).toEqual([DESCRIBE]);
    for (const bare of [double.url.replace("http://", ""), "localhost:19530", "notaurl"]) {
      expect(() => createMilvusClient({ endpoint: bare, token: TOKEN })).toThrow(/has no scheme: expected an http:\/\/ or https:\/\/ URL such as http:\/\/localhost:19530/);
    }
    expect(() => createMilvusClient({ endpoint: "http://[::1", token: TOKEN })).toThrow(/is not a valid URL: expected an http/);
    // credentials typed without a scheme are not repeated
    let message = "";
    try {
      createMilvusClient({ endpoint: "root:S3cret-Passw0rd@milvus:19530" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('"<redacted>@milvus:19530" has no scheme');
    expect(message).not.toContain("S3cret");
    expect(() => createMilvusClient({ endpoint: TOKEN, token: TOKEN })).toThrow(/not shown: it contains the token/);
  });

  it("credentials in the URL become the Bearer token and leave the endpoint", async () => {
    const url = double.url.replace("http://", `http://root:${encodeURIComponent("S3cret-Passw0rd")}@`);
    const c = createMilvusClient({ endpoint: url });
    expect(c.endpoint).toBe(double.url);
    await c.describeCollection({ collectionName: "books" });
    expect(double.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("uses an injected fetch", async () => {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      calls.push(`${String(input)} ${String(init?.body)}`);
      return new Response('{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}', { status: 200 });
    };
    const c = createMilvusClient({ endpoint: "http://milvus.invalid:19530", fetch: fetchImpl });
    expect(await c.getLoadState({ collectionName: "x" })).toEqual({ loadState: "LoadStateLoaded", loadProgress: 100 });
    expect(calls).toEqual(['http://milvus.invalid:19530/v2/vectordb/collections/get_load_state {"collectionName":"x"}']);
  });
});

describe("responses", () => {
  it("describe keeps the int64 collectionID exact and the whole response loads as a schema", async () => {
    const d = await client().describeCollection({ collectionName: "books" });
    expect(d.collectionId).toBe(COLLECTION_ID);
    expect(d.loadState).toBe("LoadStateLoaded");
    expect(d.partitionsNum).toBe(3);
    const { schema, issues } = loadSchema(d.response);
    expect(issues).toEqual([]);
    expect(schema!.primaryKey!.name).toBe("id");
  });

  it("a deleteCount beyond 2^53 stays exact", async () => {
    double.fault(DELETE, { kind: "raw", body: '{"code":0,"data":{"deleteCount":9223372036854775807}}' });
    const res = await client().deleteEntities({ collectionName: "books", filter: "id in [1]" });
    expect(res.deleteCount).toBe(9223372036854775807n);
  });

  it("a deleteCount sent as a string (int64-as-string servers) is read too", async () => {
    double.fault(DELETE, { kind: "raw", body: '{"code":0,"data":{"deleteCount":"9007199254740993"}}' });
    expect((await client().deleteEntities({ collectionName: "books", filter: "id in [1]" })).deleteCount).toBe(BIG_ID);
  });

  it("code 200 with no message is success (older servers); deleteCount is then null", async () => {
    double.fault(DELETE, { kind: "raw", body: '{"code":200,"data":{}}' });
    expect((await client().deleteEntities({ collectionName: "books", filter: "id in [1]" })).deleteCount).toBeNull();
  });

  it("code 200 with a message is 'partition not found', not success", async () => {
    const e = await caught(client().dropPartition({ collectionName: "books", partitionName: "nope" }));
    expect(e.code).toBe(200);
    expect(e.kind).toBe("server");
    expect(e.message).toContain("partition not found[partition=nope]");
  });

  it("describe carries sub-call failures from message as warnings", async () => {
    double.fault(DESCRIBE, {
      kind: "raw",
      body: '{"code":0,"message":"describe index failed","data":{"collectionName":"books","collectionID":448707763883002014,"fields":[]}}',
    });
    const d = await client().describeCollection({ collectionName: "books" });
    expect(d.warnings).toEqual(["describe index failed"]);
    expect(d.collectionId).toBe(COLLECTION_ID);
  });
});

describe("envelope errors", () => {
  it.each([
    [100, { collectionName: "missing" }, "collection not found"],
    [1802, { collectionName: "books", filter: "" }, "missing required parameters"],
    [1100, { collectionName: "books", filter: "year > 1.5" }, "failed to create delete plan"],
    [1100, { collectionName: "books", filter: "id >= 0 or true" }, "delete plan can't be empty or always true"],
    [1100, { collectionName: "books", filter: "titel == 'x'" }, "cannot parse expression"],
  ])("code %i is final: one request, a typed error", async (code, req, text) => {
    const e = await caught(client().deleteEntities({ filter: "id in [1]", ...req } as never));
    expect(e.code).toBe(code);
    expect(e.kind).toBe("server");
    expect(e.endpoint).toBe(DELETE);
    expect(e.retriable).toBe(false);
    expect(e.attempts).toBe(1);
    expect(e.maybeApplied).toBe(false);
    expect(e.message).toContain(text);
    expect(e.serverMessage).toContain(text);
    expect(double.requests).toHaveLength(1);
  });

  it("a query-first delete on a released collection answers 101", async () => {
    double.setLoaded("books", false);
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "year > 2000" }));
    expect(e.code).toBe(101);
    expect(e.message).toContain("collection not loaded");
  });

  it("a wrong token gets 1800 and is not retried", async () => {
    const e = await caught(client({ token: "root:wrong" }).describeCollection({ collectionName: "books" }));
    expect(e.code).toBe(1800);
    expect(double.requests).toHaveLength(1);
  });

  it("an unknown database is 800", async () => {
    const e = await caught(client({ dbName: "nope" }).describeCollection({ collectionName: "books" }));
    expect(e.code).toBe(800);
  });

  it("an unknown endpoint (HTTP 404) says so", async () => {
    const e = await caught(client().request("collections/frobnicate", { collectionName: "books" }));
    expect(e.kind).toBe("http");
    expect(e.httpStatus).toBe(404);
    expect(e.code).toBeNull();
    expect(e.message).toMatch(/unknown endpoint/);
    expect(double.requests).toHaveLength(1);
  });
});

describe("bounded retries", () => {
  it.each([2, 4, 8, 9, 1807])("transient code %i is retried, then succeeds", async (code) => {
    double.fault(DESCRIBE, { kind: "envelope", code, message: "try later" }, 2);
    const d = await client().describeCollection({ collectionName: "books" });
    expect(d.collectionId).toBe(COLLECTION_ID);
    expect(double.requests).toHaveLength(3);
  });

  it("gives up after max + 1 attempts with a clear error", async () => {
    double.fault(DELETE, { kind: "envelope", code: 1807, message: "request is rejected by limiter" }, 100);
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.code).toBe(1807);
    expect(e.retriable).toBe(true);
    expect(e.attempts).toBe(3);
    expect(e.message).toMatch(/gave up after 3 attempts/);
    expect(double.requests).toHaveLength(3);
  });

  it("HTTP 503 is retried a bounded number of times for a read", async () => {
    double.fault("*", { kind: "http", status: 503 }, 100);
    const e = await caught(client({ retries: { max: 3, baseDelayMs: 1 } }).describeCollection({ collectionName: "books" }));
    expect(e.kind).toBe("http");
    expect(e.httpStatus).toBe(503);
    expect(e.attempts).toBe(4);
    expect(e.maybeApplied).toBe(false);
    expect(e.message).toMatch(/HTTP 503 Service Unavailable/);
    expect(double.requests).toHaveLength(4);
  });

  it("retries: { max: 0 } never retries", async () => {
    double.fault("*", { kind: "http", status: 503 }, 100);
    const e = await caught(client({ retries: { max: 0, baseDelayMs: 1 } }).describeCollection({ collectionName: "books" }));
    expect(e.attempts).toBe(1);
    expect(double.requests).toHaveLength(1);
  });

  it("a huge retries.max is capped at 10", async () => {
    double.fault("*", { kind: "http", status: 503 }, 1000);
    const e = await caught(client({ retries: { max: 1e9, baseDelayMs: 0 } }).describeCollection({ collectionName: "books" }));
    expect(e.attempts).toBe(11);
    expect(double.requests).toHaveLength(11);
  });

  it("backoff doubles from baseDelayMs with jitter and is capped by maxDelayMs and Retry-After", async () => {
    const events: MilvusLogEvent[] = [];
    double.fault("*", { kind: "http", status: 503, headers: { "Retry-After": "0" } }, 100);
    await caught(
      client({ retries: { max: 4, baseDelayMs: 8, maxDelayMs: 20 }, random: () => 0.999, logger: (e) => events.push(e) }).describeCollection({
        collectionName: "books",
      }),
    );
    expect(events.filter((e) => e.type === "retry").map((e) => e.delayMs)).toEqual([8, 16, 20, 20]);
    expect(events.at(-1)).toMatchObject({ type: "failure", attempt: 5, httpStatus: 503, kind: "http" });
  });

  it("502 is retried for a read but not for a delete (the upstream may have acted)", async () => {
    double.fault("*", { kind: "http", status: 502 }, 100);
    await caught(client().describeCollection({ collectionName: "books" }));
    expect(double.requests).toHaveLength(3);
    double.requests.length = 0;
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.maybeApplied).toBe(true);
    expect(double.requests).toHaveLength(1);
  });
});

describe("timeouts and broken connections", () => {
  it("a hanging server: the timeout fires, one request, no retry storm", async () => {
    double.fault("*", { kind: "hang" }, 100);
    const started = Date.now();
    const e = await caught(client({ timeoutMs: 150 }).deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.kind).toBe("timeout");
    expect(e.code).toBeNull();
    expect(e.retriable).toBe(false);
    expect(e.maybeApplied).toBe(true);
    expect(e.message).toMatch(/timed out after 150 ms.*may still have been applied/);
    expect(double.requests).toHaveLength(1);
  });

  it("a hanging server on a read: also exactly one request", async () => {
    double.fault("*", { kind: "hang" }, 100);
    const e = await caught(client({ timeoutMs: 100 }).describeCollection({ collectionName: "books" }, { timeoutMs: 120 }));
    expect(e.kind).toBe("timeout");
    expect(e.maybeApplied).toBe(false);
    expect(double.requests[0]!.headers["request-timeout"]).toBe("1");
    expect(double.requests).toHaveLength(1);
  });

  it("invalid JSON: a clear error, not retried", async () => {
    double.fault(DESCRIBE, { kind: "raw", body: "<html>gateway says hi</html>" }, 100);
    const e = await caught(client().describeCollection({ collectionName: "books" }));
    expect(e.kind).toBe("invalid-response");
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.message).toContain("gateway says hi");
    expect(double.requests).toHaveLength(1);
  });

  it("JSON that is not an envelope is an invalid response", async () => {
    double.fault(DESCRIBE, { kind: "raw", body: "[1,2,3]" });
    const e = await caught(client().describeCollection({ collectionName: "books" }));
    expect(e.kind).toBe("invalid-response");
    expect(e.message).toMatch(/not a \{code, message, data\} envelope/);
  });

  it("connection closed mid-response on a delete: one request, maybe applied", async () => {
    double.fault(DELETE, { kind: "close-mid-response" }, 100);
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.kind).toBe("network");
    expect(e.maybeApplied).toBe(true);
    expect(e.retriable).toBe(false);
    expect(e.message).toMatch(/closed while the response was being read/);
    expect(double.requests).toHaveLength(1);
  });

  it("connection closed mid-response on a read: bounded retries, then a clear error", async () => {
    double.fault(DESCRIBE, { kind: "close-mid-response" }, 100);
    const e = await caught(client().describeCollection({ collectionName: "books" }));
    expect(e.kind).toBe("network");
    expect(e.attempts).toBe(3);
    expect(double.requests).toHaveLength(3);
  });

  it("a read survives one dropped connection", async () => {
    double.fault(DESCRIBE, { kind: "destroy" }, 1);
    const d = await client().describeCollection({ collectionName: "books" });
    expect(d.collectionName).toBe("books");
    expect(double.requests).toHaveLength(2);
  });

  it("a delete whose connection is dropped is not repeated", async () => {
    double.fault(DELETE, { kind: "destroy" }, 100);
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.kind).toBe("network");
    expect(e.maybeApplied).toBe(true);
    expect(double.requests).toHaveLength(1);
  });

  it("connection refused: nothing was sent, so even a delete is retried (bounded)", async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", () => r()));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const events: MilvusLogEvent[] = [];
    const c = createMilvusClient({ endpoint: `http://127.0.0.1:${port}`, token: TOKEN, retries: { max: 2, baseDelayMs: 1 }, logger: (e) => events.push(e) });
    const e = await caught(c.deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.kind).toBe("network");
    expect(e.cause?.code).toBe("ECONNREFUSED");
    expect(e.maybeApplied).toBe(false);
    expect(e.attempts).toBe(3);
    expect(e.message).toMatch(/connection refused/);
    expect(events.filter((x) => x.type === "retry")).toHaveLength(2);
  });

  it("an injected fetch that ignores the signal still times out; a throwing one is a network error", async () => {
    let calls = 0;
    const stuck: typeof fetch = () => {
      calls++;
      return new Promise<Response>(() => undefined);
    };
    const e = await caught(createMilvusClient({ endpoint: double.url, fetch: stuck, timeoutMs: 80 }).describeCollection({ collectionName: "books" }));
    expect(e.kind).toBe("timeout");
    expect(calls).toBe(1);
    const throwing: typeof fetch = () => {
      throw new TypeError("boom");
    };
    const e2 = await caught(createMilvusClient({ endpoint: double.url, fetch: throwing, retries: { max: 0, baseDelayMs: 0 } }).describeCollection({ collectionName: "books" }));
    expect(e2.kind).toBe("network");
    expect(e2.cause?.message).toBe("boom");
  });

  it("the caller's AbortSignal stops the call (and the backoff)", async () => {
    double.fault("*", { kind: "hang" }, 100);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await caught(client({ timeoutMs: 10_000 }).describeCollection({ collectionName: "books" }, { signal: ac.signal }));
    expect(e.kind).toBe("aborted");
    double.clearFaults();
    double.fault("*", { kind: "http", status: 503 }, 100);
    const ac2 = new AbortController();
    const p = client({ retries: { max: 5, baseDelayMs: 5000 } }).describeCollection({ collectionName: "books" }, { signal: ac2.signal });
    setTimeout(() => ac2.abort(), 50);
    const started = Date.now();
    const e2 = await caught(p);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e2.kind).toBe("aborted");
  });
});

describe("the token never leaks", () => {
  const PASSWORD = "S3cret-Passw0rd";
  const leaks = (s: string): boolean => s.includes(TOKEN) || s.includes(PASSWORD);
  const dump = (e: unknown): string => [String(e), inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e), (e as Error).stack ?? ""].join("\n");

  it("not in the client's toString, inspect or JSON", () => {
    const c = client();
    for (const s of [String(c), `${c}`, inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c)]) {
      expect(leaks(s)).toBe(false);
      expect(s).toContain("redacted");
    }
  });

  it("not in errors of any kind, nor in log events", async () => {
    const events: MilvusLogEvent[] = [];
    const c = client({ timeoutMs: 100, logger: (e) => events.push(e) });
    const errors: unknown[] = [];
    double.fault(DESCRIBE, { kind: "envelope", code: 1800, message: `bad credentials Bearer ${TOKEN} (password ${PASSWORD})` });
    double.fault(DESCRIBE, { kind: "raw", body: `not json ${TOKEN}` });
    double.fault(DESCRIBE, { kind: "hang" });
    double.fault(DELETE, { kind: "destroy" });
    double.fault(DESCRIBE, { kind: "http", status: 500, body: `oops ${PASSWORD}` });
    for (let i = 0; i < 4; i++) errors.push(await caught(c.describeCollection({ collectionName: "books" })));
    errors.push(await caught(c.deleteEntities({ collectionName: "books", filter: "id in [1]" })));
    expect(errors.map((e) => (e as MilvusError).kind)).toEqual(["server", "invalid-response", "timeout", "http", "network"]);
    for (const e of errors) expect(leaks(dump(e))).toBe(false);
    expect((errors[0] as MilvusError).message).toContain("<redacted>");
    expect(leaks(JSON.stringify(events))).toBe(false);
    expect(events.length).toBeGreaterThan(0);
  });

  it("a token that cannot be a header value is refused without echoing it", () => {
    const bad = "root:Evil\r\nX-Injected: 1";
    let message = "";
    try {
      createMilvusClient({ endpoint: double.url, token: bad });
    } catch (e) {
      message = dump(e);
    }
    expect(message).toMatch(/not allowed in an HTTP header/);
    expect(message).not.toContain("Evil");
  });

  it("an invalid endpoint is reported without echoing credentials", () => {
    let message = "";
    try {
      createMilvusClient({ endpoint: `ftp://root:${PASSWORD}@host` });
    } catch (e) {
      message = dump(e);
    }
    expect(message).toMatch(/http or https/);
    expect(leaks(message)).toBe(false);
  });
});

describe("argument validation (before anything is sent)", () => {
  it.each([
    ["empty collection name", (c: ReturnType<typeof client>) => c.describeCollection({ collectionName: "" })],
    ["filter not a string", (c: ReturnType<typeof client>) => c.deleteEntities({ collectionName: "books", filter: 1 as never })],
    ["empty partitionNames", (c: ReturnType<typeof client>) => c.releasePartitions({ collectionName: "books", partitionNames: [] })],
    ["exprParams not an object", (c: ReturnType<typeof client>) => c.deleteEntities({ collectionName: "b", filter: "x", exprParams: [] as never })],
  ])("%s", async (_name, call) => {
    await expect(call(client())).rejects.toThrow(TypeError);
    expect(double.requests).toHaveLength(0);
  });

  it("timeoutMs must be positive", () => {
    expect(() => createMilvusClient({ endpoint: double.url, timeoutMs: 0 })).toThrow(/positive/);
  });
});
