/**
 * Property: a token (any printable characters, 1–200 long, `user:pass` or a bare Bearer token)
 * echoed by the server in every way never appears in any output, in any encoding (raw,
 * JSON-escaped, URL-encoded, base64).
 *
 * A short secret can occur in our own words ("e" is in "failed"), so a form counts as leaked only
 * when the same run against a server that echoes nothing does not show it too (the baseline).
 * Our markers (`<redacted>`, the withheld note) are replaced by NUL before comparing: they are
 * fixed text, and NUL cannot be in a token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { inspect } from "node:util";
import { createMilvusClient } from "../../src/milvus/client.js";
import { MilvusError } from "../../src/milvus/errors.js";
import { REDACTED, createRedactor } from "../../src/milvus/redact.js";
import { runMilvusCli } from "./cli-io.js";
import { MilvusDouble, type RecordedRequest } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

// ---------------------------------------------------------------- tokens and echoes

const printable = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }) },
).map((c) => String.fromCharCode(c));
const text = (min: number, max: number) => fc.array(printable, { minLength: min, maxLength: max }).map((a) => a.join(""));
const trimmed = (s: string) => s.length > 0 && s === s.trim();

const bearer = text(1, 200).filter(trimmed);
const userPass = fc
  .tuple(text(1, 20).filter((u) => trimmed(u) && !u.includes(":")), text(1, 179).filter((p) => p === p.trimEnd() && p.length > 0))
  .map(([u, p]) => `${u}:${p}`);
const tokenArb = fc.oneof(bearer, userPass);

const secretsOf = (token: string): string[] => {
  const colon = token.indexOf(":");
  return colon >= 0 && colon < token.length - 1 ? [token, token.slice(colon + 1)] : [token];
};
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** Forms a leak would take in the output, for each secret. */
function leakForms(token: string): string[] {
  return secretsOf(token).flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), b64(s), b64(s).replace(/=+$/, ""), b64(`Bearer ${s}`)]);
}

/** The server's echoes of the Authorization header value, one per way. */
function echoes(headerValue: string, token: string): string[] {
  const password = secretsOf(token)[1];
  return [
    `Authorization: ${headerValue}`,
    JSON.stringify({ authorization: headerValue }),
    `denied for ${token}`,
    `next=${encodeURIComponent(headerValue)}&x=1`,
    `Basic ${b64(token)}`,
    `hdr=${b64(headerValue)}`,
    ...(password !== undefined ? [JSON.stringify({ user: "u", password })] : []),
  ];
}

const MARKERS = [REDACTED, /\[\d+ characters (?:withheld|not shown)[^\]]*\]/g] as const;
function neutral(s: string): string {
  let out = s.split(MARKERS[0]).join("\u0000");
  out = out.replace(MARKERS[1], "\u0000");
  return out;
}

/** Forms of the token in `output` that the baseline output does not also contain. */
function leaks(token: string, output: string, baseline: string): string[] {
  const o = neutral(output);
  const b = neutral(baseline);
  return leakForms(token).filter((f) => o.includes(f) && !b.includes(f));
}

// ---------------------------------------------------------------- the redactor alone

describe("redactor", () => {
  it("server text shown through it never holds the token in any encoding", () => {
    fc.assert(
      fc.property(tokenArb, text(0, 250), fc.array(text(0, 12), { minLength: 8, maxLength: 8 }), fc.boolean(), (token, pad, seps, quoted) => {
        const r = createRedactor(token);
        const parts = echoes(`Bearer ${token}`, token);
        const body = pad + parts.map((p, i) => `${seps[i]}${p}`).join("\n");
        const baselineBody = pad + parts.map((_p, i) => seps[i]).join("\n");
        for (const max of [200, 10_000]) {
          const shown = r.show(body, max, quoted);
          const base = r.show(baselineBody, max, quoted);
          // the baseline (no echo) is shown in full when clean, so it covers every fixed character
          expect(leaks(token, shown, `${base}\n${r.scrub(baselineBody)}\n${quoted ? JSON.stringify(baselineBody) : baselineBody}`)).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("withholds text whose quoted form spells a short password by coincidence", () => {
    // Found by the property above: the password is "u" plus a backslash, and the server JSON holds
    // the user name "u"; quoting writes that as backslash-quote-u-backslash-quote: the password.
    const r = createRedactor("\u00a1:u\\");
    const body = JSON.stringify({ user: "u", password: "u\\" });
    expect(r.show(body, 10_000, true)).toMatch(/^\[\d+ characters withheld/);
    expect(r.show('{"user":"v"}', 10_000, true)).toBe(JSON.stringify('{"user":"v"}'));
  });

  it("text without any echo of a long token is shown unchanged", () => {
    fc.assert(
      fc.property(text(12, 60).filter(trimmed), fc.stringMatching(/^[a-z ,.:]{0,120}$/), (token, body) => {
        fc.pre(!leakForms(token).some((f) => body.includes(f)) && !/authorization|password|token|secret|bearer|basic|pwd|passwd|credential|key/i.test(body));
        expect(createRedactor(token).show(body, 1000)).toBe(body);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------- through the client and the CLI

describe("client and delete command against an echoing server", () => {
  let double: MilvusDouble;
  beforeAll(async () => {
    double = await MilvusDouble.start();
    double.addCollection(books());
  });
  afterAll(async () => {
    await double.close();
  });

  const respond = (echo: boolean, token: string, shape: number) => (r: RecordedRequest) => {
    const parts = echoes(echo ? (r.headers.authorization ?? "") : "", echo ? token : "");
    const body = parts.join("\n");
    if (shape === 0) return { status: 500, body };
    if (shape === 1) return { status: 200, contentType: "application/json", body: JSON.stringify({ code: 1800, message: body }) };
    return { status: 200, contentType: "application/json", body: `{"code":0,${body}` };
  };

  async function outputs(token: string, echo: boolean, shape: number): Promise<string> {
    const DELETE = "/v2/vectordb/entities/delete";
    double.fault(DELETE, { kind: "echo", render: respond(echo, token, shape) });
    const c = createMilvusClient({ endpoint: double.url, token, retries: { max: 0, baseDelayMs: 1 } });
    const e = (await c.deleteEntities({ collectionName: "books", filter: "id in [1]" }).catch((x: unknown) => x)) as MilvusError;
    expect(e).toBeInstanceOf(MilvusError);
    const seen = [e.message, e.stack ?? "", inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e), e.serverMessage ?? ""];
    for (const format of ["text", "json"]) {
      double.fault(DELETE, { kind: "echo", render: respond(echo, token, shape) });
      const r = await runMilvusCli(["delete", "--collection", "books", "--yes", "--format", format, "id in [1]"], { MILVUS_URI: double.url, MILVUS_TOKEN: token }, { cwd: "/" });
      expect(r.code).toBe(1);
      seen.push(r.out, r.err);
    }
    return seen.join("\n");
  }

  it("no output holds the token", async () => {
    await fc.assert(
      fc.asyncProperty(tokenArb, fc.integer({ min: 0, max: 2 }), async (token, shape) => {
        const withEcho = await outputs(token, true, shape);
        const baseline = await outputs(token, false, shape);
        expect(leaks(token, withEcho, baseline)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
