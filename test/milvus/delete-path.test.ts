/**
 * The delete path after issue 11 (items 1–5), each pinned against the behaviour of 0.1.0:
 * 1. a mutating call is retried only when the server certainly did not process it;
 * 2. the token never survives into error text (cut, escaped or short);
 * 3. response bodies are capped;
 * 4. a negative or fractional deleteCount is a protocol error;
 * 5. a filter that cannot be right never opens a connection; a --uri without a scheme is a usage error.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createMilvusClient, DEFAULT_MAX_RESPONSE_BYTES, type MilvusClientOptions } from "../../src/milvus/client.js";
import { PreflightError } from "../../src/milvus/errors.js";
import { precheckFilter } from "../../src/milvus/preflight.js";
import { safeDelete } from "../../src/milvus/safe-delete.js";
import { parse } from "../../src/syntax/parse.js";
import { check } from "../../src/check/check.js";
import { CASES, schemaFor } from "../conformance/corpus.js";
import { runMilvusCli } from "./cli-io.js";
import { MilvusDouble } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";
import { caught } from "./caught.js";

guardUnhandledRejections();

const TOKEN = "root:S3cret-Passw0rd";
const DELETE = "/v2/vectordb/entities/delete";
const DESCRIBE = "/v2/vectordb/collections/describe";

let double: MilvusDouble;
const client = (extra: Partial<MilvusClientOptions> = {}) =>
  createMilvusClient({ endpoint: double.url, token: TOKEN, retries: { max: 2, baseDelayMs: 1 }, ...extra });


/** Every representation of an error a user or a log can see. */
const dump = (e: unknown): string =>
  [String(e), (e as Error).message, (e as Error).stack ?? "", inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e), JSON.stringify((e as Error).message)].join("\n");

/** The CLI with MILVUS_URI / MILVUS_TOKEN pointing at the double. */
const cli = (argv: string[], opts: { env?: Record<string, string>; fetch?: typeof fetch } = {}) =>
  runMilvusCli(argv, { MILVUS_URI: double.url, MILVUS_TOKEN: TOKEN, ...opts.env }, opts.fetch ? { fetch: opts.fetch } : {});

beforeEach(async () => {
  double = await MilvusDouble.start({ token: TOKEN });
  double.addCollection(books());
});
afterEach(async () => {
  await double.close();
});

describe("1. a mutating call is never re-sent once it may have been applied", () => {
  it.each([2, 4, 8, 9, 1807])("code %i saying some data was deleted: one delete, maybeApplied, not retried", async (code) => {
    double.fault(DELETE, { kind: "apply-then-envelope", code, message: "complex delete failed, but delete some data" });
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "year > 2020" }));
    expect(e.code).toBe(code);
    expect(e.maybeApplied).toBe(true);
    expect(e.retriable).toBe(false);
    expect(e.attempts).toBe(1);
    expect(e.message).toMatch(/may have been applied/);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });

  it.each([2, 4, 8, 9])("transient code %i on a delete is final too (it may come from one shard of a filter delete)", async (code) => {
    double.fault(DELETE, { kind: "envelope", code, message: "service unavailable" }, 10);
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.maybeApplied).toBe(true);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });

  it("rows inserted after a partly applied delete are not removed by a second send", async () => {
    double.fault(DELETE, {
      kind: "apply-then-envelope",
      code: 2,
      message: "complex delete failed, but delete some data",
      after: () => double.insertRows("books", [{ partition: "p2024", row: { id: 77, title: "New", year: 2025, tags: [], meta: {} } }]),
    });
    await caught(client().deleteEntities({ collectionName: "books", filter: "year > 2020" }));
    expect(double.rows("books").map((r) => r.id)).toEqual([1, 77]); // 2023/2024 rows gone, the new 2025 row kept
  });

  it.each([
    [503, "upstream connect error or disconnect/reset before headers. reset reason: connection termination"],
    [429, "Too Many Requests"],
    [502, "Bad Gateway"],
    [504, "Gateway Timeout"],
  ])("bare HTTP %i on a delete: sent once, maybeApplied", async (status, body) => {
    double.fault(DELETE, { kind: "http", status, body, headers: { "Retry-After": "0" } }, 10);
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.httpStatus).toBe(status);
    expect(e.maybeApplied).toBe(true);
    expect(e.attempts).toBe(1);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });

  it("the REST limiter's refusal (code 1807, answered before the proxy runs) is retried, then succeeds", async () => {
    double.fault(DELETE, { kind: "envelope", code: 1807, message: "request is rejected by limiter, error: rate limit exceeded" }, 2);
    const res = await client().deleteEntities({ collectionName: "books", filter: "id in [1]" });
    expect(res.deleteCount).toBe(1n);
    expect(double.requestsTo(DELETE)).toHaveLength(3);
  });

  it("refusals from checks that run before anything is written are not 'maybe applied'", async () => {
    for (const [code, message] of [
      [1100, "failed to create delete plan: cannot parse expression"],
      [100, "collection not found"],
      [1800, "user hasn't authenticated"],
    ] as const) {
      double.fault(DELETE, { kind: "envelope", code, message });
      const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
      expect([e.code, e.maybeApplied, e.attempts]).toEqual([code, false, 1]);
    }
    double.fault(DELETE, { kind: "envelope", code: 65535, message: "Operator::GetOutput failed" });
    expect((await caught(client().deleteEntities({ collectionName: "books", filter: "year > 1" }))).maybeApplied).toBe(true);
  });

  it("reads still ride out transient failures", async () => {
    double.fault(DESCRIBE, { kind: "http", status: 503, body: "upstream reset before headers" }, 1);
    double.fault(DESCRIBE, { kind: "envelope", code: 2, message: "service unavailable" }, 1);
    expect((await client().describeCollection({ collectionName: "books" })).collectionName).toBe("books");
    expect(double.requestsTo(DESCRIBE)).toHaveLength(3);
  });

  it("the CLI: exit 1, one delete, and it says to check before running it again", async () => {
    double.fault(DELETE, { kind: "apply-then-envelope", code: 2, message: "complex delete failed, but delete some data" });
    const r = await cli(["delete", "--collection", "books", "--yes", "year > 2020"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/may have been applied: check the collection before running it again/);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });
});

describe("2. the token does not survive into error text", () => {
  const PASSWORD = "S3cret-Passw0rd";

  it("a token echoed across the 200-character cut is scrubbed before the cut", async () => {
    // " Authorization: Bearer root:" is 28 characters: with these pads the password straddles character 200
    for (let pad = 160; pad <= 172; pad += 3) {
      double.fault(DESCRIBE, { kind: "http", status: 500, body: `${"x".repeat(pad)} Authorization: Bearer ${TOKEN}` });
      const e = await caught(client({ retries: { max: 0, baseDelayMs: 1 } }).describeCollection({ collectionName: "books" }));
      for (let n = 4; n <= PASSWORD.length; n++) expect(dump(e)).not.toContain(PASSWORD.slice(0, n));
    }
  });

  it("a token with quotes and backslashes, echoed raw or JSON-escaped, is scrubbed in message, stack, inspect and JSON", async () => {
    const token = 'ad"min:pa\\ss"w0rd';
    for (const body of [`denied: ${token}`, JSON.stringify({ error: `denied: ${token}` }).slice(0, -1), `{"headers":{"Authorization":${JSON.stringify(`Bearer ${token}`)}}`]) {
      double.fault(DESCRIBE, { kind: "http", status: 500, body });
      const e = await caught(client({ token, retries: { max: 0, baseDelayMs: 1 } }).describeCollection({ collectionName: "books" }));
      const text = dump(e);
      for (const form of [token, JSON.stringify(token).slice(1, -1), 'pa\\ss"w0rd', JSON.stringify('pa\\ss"w0rd').slice(1, -1)]) expect(text).not.toContain(form);
    }
  });

  it.each(["x", "Q7"])("a %j password is not printed: credential fields are scrubbed, unprovable text withheld", async (password) => {
    const token = `root:${password}`;
    const c = client({ token, retries: { max: 0, baseDelayMs: 1 } });
    double.fault(DESCRIBE, { kind: "http", status: 401, body: `{"user":"root","password":"${password}"}` });
    const e1 = await caught(c.describeCollection({ collectionName: "books" }));
    expect(e1.message).toContain('"password\\":<redacted>');
    double.fault(DESCRIBE, { kind: "http", status: 401, body: `Authorization: Bearer ${token}` });
    expect((await caught(c.describeCollection({ collectionName: "books" }))).message).toContain("Authorization: <redacted>");
    double.fault(DESCRIBE, { kind: "envelope", code: 1800, message: `denied ${password} for ${Buffer.from(token).toString("base64")}` });
    const e3 = await caught(c.describeCollection({ collectionName: "books" }));
    expect(e3.message).toMatch(/withheld/);
    expect(e3.serverMessage).toMatch(/withheld/);
    expect(dump(e3)).not.toContain(` ${password} `);
  });

  it("the CLI's stderr and --format json carry no token", async () => {
    double.fault(DELETE, { kind: "http", status: 500, body: `${"y".repeat(180)}Bearer ${TOKEN}` }, 2); // cut at 200: "S3cret-P"
    const text = await cli(["delete", "--collection", "books", "--yes", "id in [1]"]);
    const json = await cli(["delete", "--collection", "books", "--yes", "--format", "json", "id in [1]"]);
    for (const r of [text, json]) {
      expect(r.code).toBe(1);
      expect(r.out + r.err).toMatch(/HTTP 500/);
      for (let n = 4; n <= PASSWORD.length; n++) expect(r.out + r.err).not.toContain(PASSWORD.slice(0, n));
    }
  });
});

describe("3. response bodies are capped", () => {
  it("the default cap is a few MB", () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8 * 1024 * 1024);
  });

  it.each([true, false])("a huge describe (Content-Length declared: %s) stops at the cap with a coded error", async (declareLength) => {
    double.fault(DESCRIBE, { kind: "huge", bytes: 64 * 1024 * 1024, declareLength });
    const e = await caught(client({ maxResponseBytes: 256 * 1024 }).describeCollection({ collectionName: "books" }));
    expect(e.kind).toBe("response-too-large");
    expect(e.retriable).toBe(false);
    expect(e.maybeApplied).toBe(false);
    expect(e.message).toMatch(/larger than the limit of 262144 bytes/);
    expect(e.message).toContain(`${double.url}${DESCRIBE}`);
    expect(double.requestsTo(DESCRIBE)).toHaveLength(1);
  });

  it("the default cap holds against a body just above it; a body just below it is read", async () => {
    double.fault(DESCRIBE, { kind: "huge", bytes: DEFAULT_MAX_RESPONSE_BYTES + 1 });
    expect((await caught(client().describeCollection({ collectionName: "books" }))).kind).toBe("response-too-large");
    double.fault(DELETE, { kind: "huge", bytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect((await client().deleteEntities({ collectionName: "books", filter: "id in [1]" })).deleteCount).toBeNull();
  });

  it("an oversized answer to a delete is maybeApplied; the CLI flag sets the cap", async () => {
    double.fault(DELETE, { kind: "huge", bytes: 100_000 });
    const r = await cli(["delete", "--collection", "books", "--yes", "--max-response-bytes", "50000", "id in [1]"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/larger than the limit of 50000 bytes/);
    expect(r.err).toMatch(/may have been applied/);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
    expect((await cli(["delete", "--collection", "books", "--yes", "--max-response-bytes", "0", "id in [1]"])).code).toBe(2);
  });
});

describe("4. deleteCount must be a count", () => {
  it.each(["-5", "1.5", '"-5"', '"abc"', "true", "{}", "18446744073709551616"])("deleteCount %s is a protocol error, maybe applied", async (raw) => {
    double.fault(DELETE, { kind: "raw", body: `{"code":0,"data":{"deleteCount":${raw}}}` });
    const e = await caught(client().deleteEntities({ collectionName: "books", filter: "id in [1]" }));
    expect(e.kind).toBe("invalid-response");
    expect(e.maybeApplied).toBe(true);
    expect(e.message).toMatch(/data\.deleteCount is .* not a count/);
    expect(double.requestsTo(DELETE)).toHaveLength(1);
  });

  it("no count (older servers) is null; 0 and int64 max are exact", async () => {
    for (const [raw, want] of [
      ['{"code":0,"data":{}}', null],
      ['{"code":0,"data":{"deleteCount":null}}', null],
      ['{"code":0,"data":{"deleteCount":0}}', 0n],
      ['{"code":0,"data":{"deleteCount":9223372036854775807}}', 9223372036854775807n],
    ] as const) {
      double.fault(DELETE, { kind: "raw", body: raw });
      expect((await client().deleteEntities({ collectionName: "books", filter: "id in [1]" })).deleteCount).toBe(want);
    }
  });
});

describe("5. check before connecting; say which URL", () => {
  it("--dry-run 'id in' shows the syntax error and opens no connection", async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    for (const filter of ["id in", "1 == 1", "   "]) {
      const r = await cli(["delete", "--collection", "books", "--dry-run", filter], { fetch: counting });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/refused before sending/);
      expect(r.err).toMatch(/nothing was sent/);
    }
    expect(calls).toBe(0);
    expect(double.requests).toHaveLength(0);
  });

  it("the same in the library: safeDelete refuses a syntax error without a request", async () => {
    const e = await safeDelete(client(), { collectionName: "books", filter: "id in [1,", purpose: "delete" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PreflightError);
    expect((e as PreflightError).code).toBe("filter/invalid");
    expect(double.requests).toHaveLength(0);
  });

  it.each(["notaurl", "127.0.0.1:19530", "localhost:19530"])("--uri %s is a usage error (exit 2) saying what was expected", async (uri) => {
    const r = await cli(["delete", "--uri", uri, "--collection", "books", "--dry-run", "id in [1]"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--uri: "${uri}" has no scheme: expected an http:// or https:// URL such as http://localhost:19530`);
    const env = await cli(["delete", "--collection", "books", "--dry-run", "id in [1]"], { env: { MILVUS_URI: uri } });
    expect(env.code).toBe(2);
    expect(env.err).toContain("--uri (from MILVUS_URI):");
  });

  it("a connection error names the URL it tried, never the token", async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise<void>((r) => dead.close(() => r()));
    const e = await caught(createMilvusClient({ endpoint: url, token: TOKEN, retries: { max: 0, baseDelayMs: 1 } }).describeCollection({ collectionName: "books" }));
    expect(e.message).toContain(`${url}/v2/vectordb/collections/describe: connection refused`);
    const r = await cli(["delete", "--uri", url, "--collection", "books", "--dry-run", "id in [1]"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${url}/v2/vectordb/collections/describe`);
    expect(r.out + r.err).not.toContain("S3cret");
  });

  it("the early check never refuses what the schema-aware check accepts (conformance corpus)", () => {
    const wrongly: string[] = [];
    let refusedEarly = 0;
    for (const c of CASES) {
      if (c.params !== undefined || c.skip !== undefined) continue;
      let schema;
      try {
        schema = schemaFor(c.schema);
      } catch {
        continue;
      }
      let early = false;
      try {
        precheckFilter({ filter: c.expr, purpose: "delete" });
      } catch (e) {
        if (!(e instanceof PreflightError)) throw e;
        early = true;
      }
      if (!early) continue;
      refusedEarly++;
      if (check(parse(c.expr), { schema, purpose: "delete" }).ok) wrongly.push(c.expr);
    }
    expect(wrongly).toEqual([]);
    expect(refusedEarly).toBeGreaterThan(100);
  });
});
