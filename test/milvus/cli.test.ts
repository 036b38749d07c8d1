/** The Milvus subcommands (src/cli/commands/milvus.ts) with an in-memory CliIO against the contract test double. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { runCli } from "../../src/cli/run.js";
import { CliUsageError, type CliIO } from "../../src/cli/io.js";
import { liveSchemaFromArgs, runCollection, runDelete, runPartitions, type PromptIO } from "../../src/cli/commands/milvus.js";
import { COLLECTION_SPEC, DELETE_SPEC, LIVE_SCHEMA_FLAGS, PARTITIONS_SPEC } from "../../src/cli/milvus-command-specs.js";
import { MilvusDouble } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

const TOKEN = "root:Cli-Secret-99";
let double: MilvusDouble;

interface Harness {
  io: CliIO & PromptIO;
  out: () => string;
  err: () => string;
  questions: string[];
}

function harness(opts: { tty?: boolean; answer?: string | null; files?: Record<string, string>; env?: Record<string, string> } = {}): Harness {
  let out = "";
  let err = "";
  const questions: string[] = [];
  const files = opts.files ?? {};
  const io: CliIO & PromptIO = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: async () => files["<stdin>"] ?? "",
    cwd: "/work",
    env: { MILVUS_URI: double.url, MILVUS_TOKEN: TOKEN, ...opts.env },
    isTTY: { stdout: false, stderr: false, stdin: opts.tty ?? false },
    fs: {
      readFile: async (p: string) => {
        if (Object.hasOwn(files, p)) return files[p]!;
        throw Object.assign(new Error("nope"), { code: "ENOENT" });
      },
      writeFile: async () => undefined,
      stat: async () => ({ isFile: true, isDirectory: false }),
      readdir: async () => [],
    },
  };
  if (opts.tty) {
    io.prompt = async (q: string) => {
      questions.push(q);
      return opts.answer ?? null;
    };
  }
  return { io, out: () => out, err: () => err, questions };
}

async function run(
  cmd: "delete" | "partitions" | "collection",
  argv: string[],
  h: Harness,
): Promise<number | CliUsageError> {
  const spec = cmd === "delete" ? DELETE_SPEC : cmd === "partitions" ? PARTITIONS_SPEC : COLLECTION_SPEC;
  const fn = cmd === "delete" ? runDelete : cmd === "partitions" ? runPartitions : runCollection;
  try {
    return await fn(parseArgs(argv, spec), h.io);
  } catch (e) {
    if (e instanceof CliUsageError) return e;
    throw e;
  }
}

const deletes = () => double.requestsTo("/v2/vectordb/entities/delete");

beforeEach(async () => {
  double = await MilvusDouble.start({ token: TOKEN });
  double.addCollection(books());
});
afterEach(async () => {
  await double.close();
});

describe("milvus-filter delete", () => {
  it("--dry-run shows the canonical filter, classification and target, and sends nothing", async () => {
    const h = harness();
    expect(await run("delete", ["--collection", "books", "--dry-run", "id IN [1,2]"], h)).toBe(0);
    expect(h.out()).toContain("filter      id in [1, 2]");
    expect(h.out()).toContain("class       primary-key fast path (2 keys listed)");
    expect(h.out()).toContain(`server      ${double.url}`);
    expect(h.out()).toContain("collection  books, id 448707763883002014");
    expect(h.out()).toContain("dry run: nothing was sent");
    expect(deletes()).toHaveLength(0);
    expect(h.out() + h.err()).not.toContain("Cli-Secret");
  });

  it("says which target it assumed (REST v2 reports no server version)", async () => {
    const h = harness();
    expect(await run("delete", ["--collection", "books", "--dry-run", "id IN [1,2]"], h)).toBe(0);
    expect(h.out()).toContain("target      3.0 (assumed, the default: pass --target with your server's version)");
    const t = harness();
    expect(await run("delete", ["--collection", "books", "--dry-run", "--target", "2.6", "id IN [1,2]"], t)).toBe(0);
    expect(t.out()).toContain("target      2.6 (assumed: every 2.6 release, 2.6.0–2.6.18)");
    const bad = await run("delete", ["--collection", "books", "--dry-run", "--target", "2.6.99", "id IN [1,2]"], harness());
    expect(bad).toBeInstanceOf(CliUsageError);
    expect((bad as CliUsageError).message).toContain("2.6.0–2.6.18");
    expect(deletes()).toHaveLength(0);
  });

  it("without a terminal and without --yes it refuses (usage error), nothing sent", async () => {
    const h = harness({ tty: false });
    const r = await run("delete", ["--collection", "books", "id in [1]"], h);
    expect(r).toBeInstanceOf(CliUsageError);
    expect((r as CliUsageError).message).toMatch(/without confirmation: standard input is not a terminal/);
    expect(deletes()).toHaveLength(0);
  });

  it("--yes sends without asking", async () => {
    const h = harness();
    expect(await run("delete", ["--collection", "books", "--yes", "id in [1]"], h)).toBe(0);
    expect(h.out()).toMatch(/deleted: deleteCount 1 \(keys listed/);
    expect(deletes()[0]!.rawBody).toBe('{"collectionName":"books","filter":"id in [1]"}');
  });

  it("on a terminal it asks; 'y' sends, anything else does not", async () => {
    const no = harness({ tty: true, answer: "" });
    expect(await run("delete", ["--collection", "books", "year < 2000"], no)).toBe(1);
    expect(no.questions[0]).toMatch(/Delete the matching entities from collection "books"\? This cannot be undone\. \[y\/N\] $/);
    expect(no.err()).toMatch(/not confirmed: nothing was sent/);
    expect(deletes()).toHaveLength(0);
    const yes = harness({ tty: true, answer: "y" });
    expect(await run("delete", ["--collection", "books", "--partition", "p2023", "year < 2000"], yes)).toBe(0);
    expect(yes.questions[0]).toMatch(/partition "p2023" of collection "books"/);
    expect(yes.out()).toMatch(/class {7}query-first \(LoadStateLoaded\)/);
    expect(yes.out()).toMatch(/deleted: deleteCount 1\n/);
  });

  it("an invalid filter: diagnostics with a caret, exit 1, nothing sent", async () => {
    const h = harness();
    expect(await run("delete", ["--collection", "books", "--yes", "year > 1.5"], h)).toBe(1);
    expect(h.err()).toMatch(/refused before sending/);
    expect(h.err()).toMatch(/\^/);
    expect(h.err()).toMatch(/nothing was sent/);
    expect(deletes()).toHaveLength(0);
  });

  it("a query-first delete on a released collection is refused with a hint", async () => {
    double.setLoaded("books", false);
    const h = harness();
    expect(await run("delete", ["--collection", "books", "--yes", "year < 2000"], h)).toBe(1);
    expect(h.err()).toMatch(/not loaded/);
    expect(h.err()).toMatch(/hint: load it/);
  });

  it("--params and --inline-params, --rows preview, --format json with exact int64", async () => {
    const files = {
      "/work/ids.json": '{"ids": [3, 9007199254740993]}',
      "/work/rows.jsonl": '{"id": 3, "year": 2024}\n{"id": 9007199254740993, "year": 2024}\n{"id": 7, "year": 1999}\n',
    };
    const h = harness({ files });
    expect(await run("delete", ["--collection", "books", "--params", "ids.json", "--dry-run", "id in {ids}"], h)).toBe(1);
    expect(h.err()).toMatch(/beyond 2\^53/);
    const j = harness({ files });
    const argv = ["--collection", "books", "--params", "ids.json", "--inline-params", "--rows", "rows.jsonl", "--format", "json", "--yes", "id in {ids}"];
    expect(await run("delete", argv, j)).toBe(0);
    const out = j.out();
    expect(out).toContain('"filter":"id in [3, 9007199254740993]"');
    expect(out).toContain('"collectionId":448707763883002014');
    expect(out).toContain('"preview":{"total":3,"matched":2,"unknown":0,"matchedIndexes":[0,1],"semantics":"semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type mismatches are UNKNOWN"}');
    expect(out).toContain('"deleteCount":2');
    expect(out.trim().split("\n")).toHaveLength(1);
  });

  it("a dry run whose filter takes every row given says so in one line", async () => {
    const files = { "/work/rows.jsonl": '{"id": 3, "year": 2024}\n{"id": 7, "year": 1999}\n' };
    const all = harness({ files });
    expect(await run("delete", ["--collection", "books", "--rows", "rows.jsonl", "--preview", "local", "--dry-run", "year > 1000"], all)).toBe(0);
    expect(all.out() + all.err()).toMatch(/warning\s+this delete selects every one of the 2 rows given; a delete cannot be undone/);
    const some = harness({ files });
    expect(await run("delete", ["--collection", "books", "--rows", "rows.jsonl", "--preview", "local", "--dry-run", "year > 2000"], some)).toBe(0);
    expect(some.out() + some.err()).not.toContain("selects every one");
    expect(deletes()).toHaveLength(0);
  });

  it("reads the filter from stdin with -", async () => {
    const h = harness({ files: { "<stdin>": "id == 2\n" } });
    expect(await run("delete", ["--collection", "books", "--yes", "-"], h)).toBe(0);
    expect(deletes()[0]!.rawBody).toContain('"filter":"id == 2"');
  });

  it("usage errors: no uri, no collection, no filter", async () => {
    const h = harness({ env: { MILVUS_URI: "" } });
    expect(((await run("delete", ["--collection", "books", "id in [1]"], h)) as CliUsageError).message).toMatch(/--uri URL is required/);
    expect(((await run("delete", ["id in [1]"], harness())) as CliUsageError).message).toMatch(/--collection/);
    expect(((await run("delete", ["--collection", "books"], harness())) as CliUsageError).message).toMatch(/filter to delete by is missing/);
  });

  it("a server failure is exit 1 with the scrubbed message", async () => {
    double.fault("/v2/vectordb/entities/delete", { kind: "destroy" });
    const h = harness();
    expect(await run("delete", ["--collection", "books", "--yes", "id in [1]"], h)).toBe(1);
    expect(h.err()).toMatch(/may have been applied: check the collection/);
    expect(h.err()).not.toContain("Cli-Secret");
  });
});

describe("milvus-filter partitions / collection", () => {
  it("drop refuses a loaded partition unless --release-first", async () => {
    const h = harness();
    expect(await run("partitions", ["drop", "--collection", "books", "--partition", "p2023", "--yes"], h)).toBe(1);
    expect(h.err()).toMatch(/it is loaded/);
    expect(h.err()).toMatch(/--release-first/);
    const ok = harness();
    expect(await run("partitions", ["drop", "--collection", "books", "--partition", "p2023", "--release-first", "--yes"], ok)).toBe(0);
    expect(ok.out()).toMatch(/steps {7}release, wait until released, drop/);
    expect(ok.out()).toMatch(/dropped partition "p2023" \(released first\)/);
    expect(double.hasPartition("books", "p2023")).toBe(false);
  });

  it("release: dry run, confirmation, json", async () => {
    const dry = harness();
    expect(await run("partitions", ["release", "--collection", "books", "--partition", "p2023", "--partition", "p2024", "--dry-run"], dry)).toBe(0);
    expect(dry.out()).toMatch(/partitions  p2023, p2024/);
    expect(double.isPartitionLoaded("books", "p2023")).toBe(true);
    const noTty = harness();
    expect(await run("partitions", ["release", "--collection", "books", "--partition", "p2023"], noTty)).toBeInstanceOf(CliUsageError);
    const j = harness({ tty: true, answer: "yes" });
    expect(await run("partitions", ["release", "--collection", "books", "--partition", "p2023", "--format", "json"], j)).toBe(0);
    expect(JSON.parse(j.out())).toMatchObject({ action: "release", partitions: ["p2023"], loadState: "LoadStateLoaded", sent: true });
    expect(double.isPartitionLoaded("books", "p2023")).toBe(false);
  });

  it("collection release", async () => {
    const h = harness({ tty: true, answer: "y" });
    expect(await run("collection", ["release", "--collection", "books"], h)).toBe(0);
    expect(h.questions[0]).toMatch(/Release collection "books"\?/);
    expect(h.out()).toMatch(/released collection "books"/);
    expect(double.isPartitionLoaded("books", "_default")).toBe(false);
  });

  it("usage errors for actions and partitions", async () => {
    expect(((await run("partitions", ["--collection", "books"], harness())) as CliUsageError).message).toMatch(/release\|drop/);
    expect(((await run("partitions", ["drop", "--collection", "books", "--partition", "a", "--partition", "b"], harness())) as CliUsageError).message).toMatch(
      /exactly one/,
    );
    expect(((await run("collection", ["drop", "--collection", "books"], harness())) as CliUsageError).message).toMatch(/unknown action 'drop'/);
  });
});

describe("live schema for lint / eval / repl", () => {
  const spec = { ...DELETE_SPEC, flags: [...LIVE_SCHEMA_FLAGS, { name: "schema", type: "string" as const, description: "" }] };
  it("fetches and loads the schema; undefined without --uri/--collection", async () => {
    const h = harness();
    const schema = await liveSchemaFromArgs(parseArgs(["--collection", "books"], spec), h.io);
    expect(schema!.primaryKey!.name).toBe("id");
    expect(await liveSchemaFromArgs(parseArgs([], spec), h.io)).toBeUndefined();
  });

  it("clear usage errors", async () => {
    const h = harness();
    await expect(liveSchemaFromArgs(parseArgs(["--collection", "books", "--schema", "s.json"], spec), h.io)).rejects.toThrow(/alternatives/);
    await expect(liveSchemaFromArgs(parseArgs(["--collection", "nope"], spec), h.io)).rejects.toThrow(/cannot fetch the schema of collection "nope".*code 100/);
    await expect(liveSchemaFromArgs(parseArgs(["--collection", "books", "--token", "root:wrong"], spec), h.io)).rejects.toThrow(/1800/);
  });
});

describe("through runCli (dispatch, help, lint --uri/--collection)", () => {
  async function cli(argv: string[], h: Harness, deps: { fetch?: typeof fetch } = {}): Promise<number> {
    return runCli(argv, h.io, deps);
  }

  it("delete, partitions and collection dispatch to the Milvus commands, with the injected fetch", async () => {
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    const h = harness();
    expect(await cli(["delete", "--collection", "books", "--dry-run", "id IN [1,2]"], h, { fetch: counting })).toBe(0);
    expect(h.out()).toContain("filter      id in [1, 2]");
    expect(calls.some((u) => u.endsWith("/v2/vectordb/collections/describe"))).toBe(true);
    const p = harness();
    expect(await cli(["partitions", "release", "--collection", "books", "--partition", "p2023", "--dry-run"], p)).toBe(0);
    expect(p.out()).toMatch(/dry run: nothing was sent/);
    const c = harness({ tty: true, answer: "n" });
    expect(await cli(["collection", "release", "--collection", "books"], c)).toBe(1);
    expect(c.questions).toHaveLength(1);
    expect(double.isPartitionLoaded("books", "_default")).toBe(true);
  });

  it("a missing confirmation without a terminal is a usage error: exit 2 with the hint", async () => {
    const h = harness();
    expect(await cli(["delete", "--collection", "books", "id in [1]"], h)).toBe(2);
    expect(h.err()).toMatch(/refusing to delete without confirmation/);
    expect(h.err()).toMatch(/Pass --yes/);
    expect(deletes()).toHaveLength(0);
  });

  it("help lists the commands; each has its own help; argument errors name the flag", async () => {
    const g = harness();
    expect(await cli(["--help"], g)).toBe(0);
    for (const name of ["delete", "partitions", "collection"]) expect(g.out()).toMatch(new RegExp(`\\n  ${name} +\\S`));
    const d = harness();
    expect(await cli(["delete", "--help"], d)).toBe(0);
    expect(d.out()).toContain("Usage: milvus-filter delete");
    const typo = harness();
    expect(await cli(["partitions", "drop", "--partiton", "p"], typo)).toBe(2);
    expect(typo.err()).toMatch(/Did you mean '--partition'\?/);
  });

  it("lint --collection checks against the live schema (MILVUS_URI / MILVUS_TOKEN as defaults)", async () => {
    const files = { "/work/f.txt": "year > 1990 and title like \"D%\"\nnope == 1\n" };
    const h = harness({ files });
    expect(await cli(["lint", "-f", "jsonl", "--collection", "books", "f.txt"], h)).toBe(1);
    const recs = h.out().trim().split("\n").map((l) => JSON.parse(l) as { ok: boolean; diagnostics: { code: string }[] });
    expect(recs.map((r) => r.ok)).toEqual([true, false]);
    expect(recs[1]!.diagnostics[0]!.code).toMatch(/field/);
    expect(double.requestsTo("/v2/vectordb/collections/describe")).toHaveLength(1);
    // Without the live schema the unknown field is not an error.
    const offline = harness({ files });
    expect(await cli(["lint", "-f", "jsonl", "f.txt"], offline)).toBe(0);
  });

  it("lint: --schema with --collection, stray Milvus flags, and an unreachable collection are usage errors", async () => {
    const both = harness({ files: { "/work/s.json": "{}", "/work/f.txt": "a == 1" } });
    expect(await cli(["lint", "--schema", "s.json", "--collection", "books", "f.txt"], both)).toBe(2);
    expect(both.err()).toMatch(/alternatives/);
    const stray = harness({ files: { "/work/f.txt": "a == 1" } });
    expect(await cli(["lint", "--token", "x", "f.txt"], stray)).toBe(2);
    expect(stray.err()).toMatch(/--token is only used with --uri\/--collection/);
    const missing = harness({ files: { "/work/f.txt": "a == 1" } });
    expect(await cli(["lint", "--collection", "nope", "f.txt"], missing)).toBe(2);
    expect(missing.err()).toMatch(/cannot fetch the schema of collection "nope"/);
    expect(missing.out() + missing.err()).not.toContain("Cli-Secret");
  });
});
