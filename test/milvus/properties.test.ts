/** Property tests for the Milvus layer (fast-check): exact int64 on the wire, no injection through ids, scrubbed errors, bounded backoff. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createMilvusClient, type MilvusLogEvent } from "../../src/milvus/client.js";
import { MilvusError } from "../../src/milvus/errors.js";
import { safeDelete } from "../../src/milvus/safe-delete.js";
import { checkedDelete } from "../../src/milvus/sdk.js";
import { parse } from "../../src/syntax/parse.js";
import { parseJson } from "../../src/util/json.js";
import { MilvusDouble } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

const INT64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

describe("int64 keys reach the server digit for digit", () => {
  let double: MilvusDouble;
  beforeAll(async () => {
    double = await MilvusDouble.start();
    double.addCollection(books({ rows: [] }));
  });
  afterAll(async () => {
    await double.close();
  });

  it("safeDelete(pk in [...]) sends the exact integers and reports their count", async () => {
    const client = createMilvusClient({ endpoint: double.url });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(INT64, { minLength: 1, maxLength: 6 }), async (ids) => {
        double.requests.length = 0;
        const text = `id in [${ids.map((i) => (i < 0n ? `-${-i}` : `${i}`)).join(", ")}]`;
        const res = await safeDelete(client, { collectionName: "books", filter: text, purpose: "delete" });
        expect(res.deleteCount).toBe(BigInt(ids.length));
        const body = parseJson(double.requestsTo("/v2/vectordb/entities/delete")[0]!.rawBody, { integers: "bigint" });
        const sent = parse((body as { ok: true; value: { filter: string } }).value.filter).ast!;
        expect(sent.kind).toBe("Term");
        const elements = (sent as unknown as { right: { elements: { kind: string; value?: bigint; operand?: { value: bigint } }[] } }).right.elements;
        expect(elements.map((e) => (e.kind === "Unary" ? -e.operand!.value : e.value!))).toEqual(ids);
      }),
      { numRuns: 25 },
    );
  });
});

describe("checkedDelete ids cannot inject", () => {
  const field = (name: string, data_type: string, extra: Record<string, unknown> = {}) => ({ name, data_type, type_params: [], ...extra });
  const sdk = (sent: unknown[]) => ({
    describeCollection: async () => ({
      status: { error_code: "Success", code: 0 },
      schema: {
        name: "c",
        enable_dynamic_field: true,
        fields: [field("pk", "VarChar", { is_primary_key: true, type_params: [{ key: "max_length", value: "65535" }] }), field("v", "FloatVector", { type_params: [{ key: "dim", value: "2" }] })],
      },
    }),
    delete: async (req: object) => {
      sent.push(req);
      return { ok: true };
    },
  });

  it("any well-formed strings become exactly one `pk in [...]` of those strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom('") or true or ("', "\\", '"', "'", "\n", "\u0000", "中文")), {
          minLength: 1,
          maxLength: 5,
        }),
        async (ids) => {
          const sent: Record<string, unknown>[] = [];
          await checkedDelete(sdk(sent), { collection_name: "c", ids });
          const ast = parse(sent[0]!.filter as string).ast!;
          expect(ast.kind).toBe("Term");
          const t = ast as Extract<typeof ast, { kind: "Term" }>;
          expect(t.left).toMatchObject({ kind: "Identifier", name: "pk" });
          expect(t.right.kind).toBe("Array");
          expect((t.right as unknown as { elements: { value: string }[] }).elements.map((e) => e.value)).toEqual(ids);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("client hygiene without a network (injected fetch)", () => {
  const tokenArb = fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), fc.stringMatching(/^[!-~]{6,24}$/))
    .map(([u, p]) => `${u}:${p}`);

  it("a server message echoing the token never surfaces it", async () => {
    await fc.assert(
      fc.asyncProperty(tokenArb, async (token) => {
        const password = token.slice(token.indexOf(":") + 1);
        const fetchImpl: typeof fetch = async () =>
          new Response(JSON.stringify({ code: 1800, message: `denied for ${token} / ${password}` }), { status: 200 });
        const c = createMilvusClient({ endpoint: "http://127.0.0.1:1", token, fetch: fetchImpl });
        const e = (await c.describeCollection({ collectionName: "x" }).catch((x: unknown) => x)) as MilvusError;
        expect(e).toBeInstanceOf(MilvusError);
        for (const s of [e.message, String(e), e.serverMessage ?? "", String(c), JSON.stringify(c)]) {
          expect(s.includes(password)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("attempts are bounded by retries.max (capped at 10) and each delay lies in [exp/2, exp] capped by maxDelayMs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        async (max, baseDelayMs, maxDelayMs, r) => {
          let calls = 0;
          const events: MilvusLogEvent[] = [];
          const fetchImpl: typeof fetch = async () => {
            calls++;
            return new Response("busy", { status: 503 });
          };
          const c = createMilvusClient({
            endpoint: "http://127.0.0.1:1",
            fetch: fetchImpl,
            retries: { max, baseDelayMs, maxDelayMs },
            random: () => r,
            logger: (e) => events.push(e),
          });
          const e = (await c.describeCollection({ collectionName: "x" }).catch((x: unknown) => x)) as MilvusError;
          const expected = Math.min(max, 10) + 1;
          expect(calls).toBe(expected);
          expect(e.attempts).toBe(expected);
          events
            .filter((x) => x.type === "retry")
            .forEach((x) => {
              const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (x.attempt - 1));
              expect(x.delayMs!).toBeGreaterThanOrEqual(Math.floor(exp / 2));
              expect(x.delayMs!).toBeLessThanOrEqual(Math.min(maxDelayMs, Math.ceil(exp)));
            });
        },
      ),
      { numRuns: 60 },
    );
  });
});
