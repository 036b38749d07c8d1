/**
 * Fault injection: the client and the `delete` command against a hostile server on 127.0.0.1.
 * For every behaviour: how many delete requests reached the server, the exit code, and that no
 * output (error text, stack, JSON, stdout, stderr) holds the token in any encoding.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createMilvusClient } from "../../src/milvus/client.js";
import { MilvusError } from "../../src/milvus/errors.js";
import { runMilvusCli } from "./cli-io.js";
import { MilvusDouble, type Fault, type RecordedRequest } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

// quotes, a backslash and a slash: JSON escaping, URL encoding and base64 all differ from the raw text
const PASSWORD = 'S3cret"Pa\\ss/w0rd';
const TOKEN = `root:${PASSWORD}`;
const DELETE = "/v2/vectordb/entities/delete";

/** The token and the password in every encoding a server might echo them in. */
function forms(secret: string): string[] {
  const b64 = Buffer.from(secret, "utf8").toString("base64");
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), b64, b64.replace(/=+$/, "")];
}
const SECRET_FORMS = [...forms(TOKEN), ...forms(PASSWORD)];
const leaked = (text: string): string[] => SECRET_FORMS.filter((f) => text.includes(f));

/** A body that echoes the request's Authorization header raw, JSON-escaped, URL-encoded and base64-encoded. */
function echoBody(r: RecordedRequest): string {
  const auth = r.headers.authorization ?? "";
  return [
    `Authorization: ${auth}`,
    JSON.stringify({ headers: { authorization: auth } }),
    `retry at /login?auth=${encodeURIComponent(auth)}`,
    `x-forwarded-auth ${Buffer.from(auth).toString("base64")}`,
  ].join("\n");
}

let double: MilvusDouble;
/** A second server: a redirect target that must never be contacted. */
let elsewhere: http.Server;
let elsewhereRequests: { authorization: string | undefined }[] = [];
let elsewhereUrl = "";

beforeAll(async () => {
  elsewhere = http.createServer((req, res) => {
    elsewhereRequests.push({ authorization: req.headers.authorization });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"code":0,"data":{"deleteCount":1}}');
  });
  await new Promise<void>((r) => elsewhere.listen(0, "127.0.0.1", () => r()));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(async () => {
  elsewhere.closeAllConnections();
  await new Promise<void>((r) => elsewhere.close(() => r()));
});
beforeEach(async () => {
  double = await MilvusDouble.start({ token: TOKEN });
  double.addCollection(books());
  elsewhereRequests = [];
});
afterEach(async () => {
  await double.close();
});

interface Hostile {
  name: string;
  fault: () => Fault;
  /** What the client's error looks like. */
  kind: MilvusError["kind"];
  message: RegExp;
  /** The client's time limit: short where the fault is a timeout, else long enough that a loaded host cannot turn the fault into one. */
  timeoutMs?: number;
}

const HOSTILE: Hostile[] = [
  { name: "hang", fault: () => ({ kind: "hang" }), kind: "timeout", message: /timed out after 300 ms before the server answered/, timeoutMs: 300 },
  { name: "slow drip", fault: () => ({ kind: "drip", chunk: " ", intervalMs: 40, maxChunks: 250 }), kind: "timeout", message: /timed out after 300 ms while reading/, timeoutMs: 300 },
  { name: "reset after receipt", fault: () => ({ kind: "destroy" }), kind: "network", message: /connection failed or closed/ },
  { name: "HTTP 500 echoing the token", fault: () => ({ kind: "echo", render: (r) => ({ status: 500, body: echoBody(r) }) }), kind: "http", message: /HTTP 500/ },
  {
    name: "HTTP 503 upstream reset before headers",
    fault: () => ({ kind: "http", status: 503, body: "upstream connect error or disconnect/reset before headers. reset reason: connection termination" }),
    kind: "http",
    message: /HTTP 503.*reset before headers/,
  },
  { name: "HTTP 502", fault: () => ({ kind: "http", status: 502 }), kind: "http", message: /HTTP 502/ },
  { name: "HTTP 429 with Retry-After", fault: () => ({ kind: "http", status: 429, headers: { "Retry-After": "0" } }), kind: "http", message: /HTTP 429/ },
  {
    name: "partly applied delete (code 2)",
    fault: () => ({ kind: "apply-then-envelope", code: 2, message: "complex delete failed, but delete some data" }),
    kind: "server",
    message: /code 2: complex delete failed, but delete some data/,
  },
  {
    name: "partly applied delete (code 1807)",
    fault: () => ({ kind: "apply-then-envelope", code: 1807, message: "request is rejected by limiter, but delete some data" }),
    kind: "server",
    message: /code 1807/,
  },
  { name: "huge body", fault: () => ({ kind: "huge", bytes: 9 * 1024 * 1024 }), kind: "response-too-large", message: /larger than the limit of 8388608 bytes/ },
  {
    name: "redirect to another host",
    fault: () => ({ kind: "redirect", status: 307, location: `${elsewhereUrl}/v2/vectordb/entities/delete` }),
    kind: "http",
    message: /HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+; redirects are not followed/,
  },
  { name: "redirect on the same host", fault: () => ({ kind: "redirect", status: 308, location: "/v2/vectordb/entities/delete?again=1" }), kind: "http", message: /HTTP 308 redirect/ },
  {
    name: "envelope echoing the token",
    fault: () => ({ kind: "echo", render: (r) => ({ status: 200, contentType: "application/json", body: JSON.stringify({ code: 65535, message: echoBody(r) }) }) }),
    kind: "server",
    message: /code 65535/,
  },
  {
    name: "invalid JSON echoing the token",
    fault: () => ({ kind: "echo", render: (r) => ({ status: 200, contentType: "application/json", body: `{"code":0,${echoBody(r)}` }) }),
    kind: "invalid-response",
    message: /not valid JSON/,
  },
];

const cli = (argv: string[]) => runMilvusCli(argv, { MILVUS_URI: double.url, MILVUS_TOKEN: TOKEN });

const deletes = (): number => double.requestsTo(DELETE).length;

describe.each(HOSTILE)("hostile server: $name", (h) => {
  it("client: one delete request, a typed error, maybeApplied, no token", async () => {
    double.fault(DELETE, h.fault());
    const c = createMilvusClient({ endpoint: double.url, token: TOKEN, timeoutMs: h.timeoutMs ?? 10_000, retries: { max: 3, baseDelayMs: 1 } });
    const e = await c.deleteEntities({ collectionName: "books", filter: "year > 2020" }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(MilvusError);
    const err = e as MilvusError;
    expect(deletes()).toBe(1);
    expect(err.kind).toBe(h.kind);
    expect(err.message).toMatch(h.message);
    expect(err.message).toContain(`${double.url}${DELETE}`);
    expect(err.maybeApplied).toBe(true);
    expect(err.attempts).toBe(1);
    expect(elsewhereRequests).toEqual([]);
    const everything = [err.message, err.stack ?? "", String(err), inspect(err, { depth: 10, showHidden: true }), JSON.stringify(err), JSON.stringify(err.message)].join("\n");
    expect(leaked(everything)).toEqual([]);
  });

  it.each([["text"], ["json"]])("delete command (%s): exit 1, one delete request, no token", async (format) => {
    double.fault(DELETE, h.fault());
    const r = await cli(["delete", "--collection", "books", "--yes", "--timeout", String(h.timeoutMs ?? 10_000), "--format", format, "year > 2020"]);
    expect(r.code).toBe(1);
    expect(deletes()).toBe(1);
    expect(elsewhereRequests).toEqual([]);
    if (format === "json") {
      const parsed = JSON.parse(r.out) as { error: { kind: string; maybeApplied: boolean; message: string } };
      expect(parsed.error).toMatchObject({ kind: h.kind, maybeApplied: true });
      expect(parsed.error.message).toMatch(h.message);
    } else {
      expect(r.err).toMatch(h.message);
      expect(r.err).toMatch(/the delete may have been applied: check the collection before running it again/);
    }
    expect(leaked(r.out + r.err)).toEqual([]);
  });
});

describe("the checks of the suite itself", () => {
  it("the echo body really carries the token in each encoding (so the leak assertions can fail)", () => {
    const body = echoBody({ method: "POST", path: DELETE, headers: { authorization: `Bearer ${TOKEN}` }, rawBody: "", body: undefined });
    expect(leaked(body)).toEqual(expect.arrayContaining([TOKEN, JSON.stringify(TOKEN).slice(1, -1), PASSWORD]));
    expect(body).toContain(encodeURIComponent(`Bearer ${TOKEN}`));
    expect(Buffer.from(body.split("x-forwarded-auth ")[1]!, "base64").toString()).toBe(`Bearer ${TOKEN}`);
  });

  it("Node's fetch, when it follows a cross-origin redirect, drops Authorization; the client follows none", async () => {
    double.fault("*", { kind: "redirect", status: 307, location: `${elsewhereUrl}/v2/vectordb/collections/describe` });
    await fetch(`${double.url}/v2/vectordb/collections/describe`, { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: "{}" });
    expect(elsewhereRequests).toEqual([{ authorization: undefined }]);
    elsewhereRequests = [];
    double.fault("*", { kind: "redirect", status: 307, location: `${elsewhereUrl}/v2/vectordb/collections/describe` });
    const e = await createMilvusClient({ endpoint: double.url, token: TOKEN })
      .describeCollection({ collectionName: "books" })
      .catch((x: unknown) => x as MilvusError);
    expect((e as MilvusError).httpStatus).toBe(307);
    expect((e as MilvusError).maybeApplied).toBe(false);
    expect(elsewhereRequests).toEqual([]);
  });
});
