/** `milvus-filter delete` with --preview, --expect, --max, --batch-size and --checkpoint, against the contract test double. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { CliUsageError, type CliIO } from "../../src/cli/io.js";
import { runDelete } from "../../src/cli/commands/milvus.js";
import { DELETE_SPEC } from "../../src/cli/milvus-command-specs.js";
import { MilvusDouble } from "./milvus-double.js";
import { books } from "./fixtures.js";
import { guardUnhandledRejections } from "./guard.js";

guardUnhandledRejections();

let double: MilvusDouble;
let dir: string;

beforeEach(async () => {
  double = await MilvusDouble.start();
  double.addCollection(books());
  double.addCollection({
    name: "items",
    fields: [
      { name: "id", type: "Int64", primaryKey: true },
      { name: "kind", type: "Int32" },
      { name: "vec", type: "FloatVector", params: [{ key: "dim", value: "2" }] },
    ],
    rows: Array.from({ length: 40 }, (_, i) => ({ row: { id: i + 1, kind: (i + 1) % 2 } })),
  });
  dir = await mkdtemp(join(tmpdir(), "mf-cli-batch-"));
});
afterEach(async () => {
  await double.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], opts: { stderrTTY?: boolean } = {}): Promise<{ code: number | CliUsageError; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: async () => "",
    cwd: dir,
    env: { MILVUS_URI: double.url },
    isTTY: { stdout: false, stderr: opts.stderrTTY ?? false, stdin: false },
    fs: { readFile: async () => "", writeFile: async () => undefined, stat: async () => ({ isFile: true, isDirectory: false }), readdir: async () => [] },
  };
  let code: number | CliUsageError;
  try {
    code = await runDelete(parseArgs(argv, DELETE_SPEC), io);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    code = e;
  }
  return { code, out, err };
}

const deletes = () => double.requestsTo("/v2/vectordb/entities/delete");

describe("delete: the server preview by default", () => {
  it("--dry-run shows the server's count and first keys, sends no delete", async () => {
    const r = await run(["--collection", "books", "--partition", "p2024", "--dry-run", "year >= 2024"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "on server   this delete removes 3 rows from books (partition p2024); first keys: 3, 9007199254740992, 9007199254740993 [read at the collection's default consistency, as the delete will]",
    );
    expect(deletes()).toHaveLength(0);
  });

  it("--expect with another count: exit 1, nothing sent, even with --yes", async () => {
    const r = await run(["--collection", "books", "--expect", "2", "--yes", "year >= 2024"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the server counts 3 matching rows, but 2 were expected: nothing was sent/);
    expect(deletes()).toHaveLength(0);
    const ok = await run(["--collection", "books", "--expect", "3", "--max", "3", "--yes", "year >= 2024"]);
    expect(ok.code).toBe(0);
    expect(deletes()).toHaveLength(1);
  });

  it("--format json carries the count and keys exactly; --preview none skips the queries", async () => {
    const j = await run(["--collection", "books", "--format", "json", "--dry-run", "year >= 2024"]);
    expect(j.out).toContain('"serverPreview":{"count":3,"sampleKeys":[3,9007199254740992,9007199254740993],"consistencyLevel":null,"warnings":[]}');
    const before = double.requestsTo("/v2/vectordb/entities/query").length;
    expect((await run(["--collection", "books", "--preview", "none", "--dry-run", "year >= 2024"])).code).toBe(0);
    expect(double.requestsTo("/v2/vectordb/entities/query")).toHaveLength(before);
  });

  it("usage errors for contradictory flags", async () => {
    const msg = async (argv: string[]) => ((await run(argv)).code as CliUsageError).message;
    expect(await msg(["--collection", "books", "--preview", "local", "id in [1]"])).toMatch(/--preview local evaluates the filter on --rows/);
    expect(await msg(["--collection", "books", "--preview", "none", "--expect", "1", "id in [1]"])).toMatch(/need --preview server/);
    expect(await msg(["--collection", "books", "--expect", "-1", "id in [1]"])).toMatch(/--expect needs a whole number/);
    expect(await msg(["--collection", "books", "--checkpoint", "c.json", "id in [1]"])).toMatch(/--checkpoint needs --batch-size/);
    expect(await msg(["--collection", "books", "--batch-size", "16385", "id in [1]"])).toMatch(/--batch-size is at most 16384/);
    expect(await msg(["--collection", "books", "--sample", "1001", "id in [1]"])).toMatch(/--sample shows at most 1000/);
    expect(double.requests).toHaveLength(0);
  });
});

describe("delete --batch-size", () => {
  it("pages, JSON-lines progress on stderr without a terminal, and removed / expected / remaining", async () => {
    const r = await run(["--collection", "items", "--batch-size", "8", "--yes", "kind == 1"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/deleted in 3 pages: removed 20, expected 20, remaining 0 \(a Strong count after the run\)\n$/);
    const events = r.err.trim().split("\n").map((l) => JSON.parse(l) as { event: string; keys?: number });
    expect(events.map((e) => e.event)).toEqual(["start", "batch", "batch", "batch", "verified"]);
    expect(events.filter((e) => e.event === "batch").map((e) => e.keys)).toEqual([8, 8, 4]);
  });

  it("an unknown page: exit 1 and a hint; the same command with --checkpoint resumes", async () => {
    double.fault("/v2/vectordb/entities/delete", { kind: "after", then: { kind: "destroy" } });
    const argv = ["--collection", "items", "--batch-size", "8", "--checkpoint", "del.json", "--yes", "kind == 1"];
    const first = await run(argv);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/stopped \(unknown\) in 0 pages: removed 0, expected 20, remaining 12/);
    expect(first.out).toMatch(/run the same command again to resume/);
    expect(JSON.parse(await readFile(join(dir, "del.json"), "utf8"))).toMatchObject({ status: "unknown", inFlight: { keys: 8, firstKey: 1, lastKey: 15 } });
    const second = await run(argv);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/deleted in 2 pages \(resumed from the checkpoint\): removed 12, expected 20, remaining 0/);
    expect(second.err.split("\n")[0]).toBe('{"event":"recount","matching":12}');
  });

  it("a progress bar on a terminal, erased at the end", async () => {
    double.addCollection({
      name: "many",
      fields: [
        { name: "id", type: "Int64", primaryKey: true },
        { name: "vec", type: "FloatVector", params: [{ key: "dim", value: "2" }] },
      ],
      rows: Array.from({ length: 6000 }, (_, i) => ({ row: { id: i + 1 } })),
    });
    const r = await run(["--collection", "many", "--batch-size", "3000", "--yes", "id > 0"], { stderrTTY: true });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^\r\[#{20}-{20}\]  50% 3000\/6000 rows\r\[#{40}\] 100% 6000\/6000 rows\r +\r$/);
    expect(r.out).toMatch(/removed 6,000, expected 6,000, remaining 0/);
  });

  it("--format json reports the batch run in the one output object", async () => {
    const r = await run(["--collection", "items", "--batch-size", "50", "--format", "json", "--yes", "kind == 0"]);
    const o = JSON.parse(r.out) as { batch: Record<string, unknown>; serverPreview: { count: number } };
    expect(o.serverPreview.count).toBe(20);
    expect(o.batch).toMatchObject({ status: "done", expected: 20, removed: 20, remaining: 0, pages: 1, lastKey: 40 });
  });

  it("a long key list is split and each batch is logged", async () => {
    const keys = Array.from({ length: 25 }, (_, i) => i + 1).join(", ");
    const r = await run(["--collection", "items", "--batch-size", "10", "--preview", "none", "--yes", `id in [${keys}]`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/deleted: 3 of 3 key batches confirmed, 25 keys, deleteCount 25 \(keys listed, not rows removed: milvus#51566\)/);
    expect(r.err.trim().split("\n").map((l) => (JSON.parse(l) as { batch: number; keys: number }).keys)).toEqual([10, 10, 5]);
    expect(deletes()).toHaveLength(3);
    const withCheckpoint = await run(["--collection", "items", "--batch-size", "10", "--checkpoint", "c.json", "--preview", "none", "--yes", "id in [1, 2]"]);
    expect(withCheckpoint.code).toBe(1);
    expect(withCheckpoint.err).toMatch(/a checkpoint is kept for query-first batches/);
    expect(deletes()).toHaveLength(3);
    const tty = await run(["--collection", "items", "--batch-size", "10", "--preview", "none", "--yes", `id in [${keys}]`], { stderrTTY: true });
    expect(tty.err).toBe("batch 1/3: 10 keys 1 … 10 sent\nbatch 2/3: 10 keys 11 … 20 sent\nbatch 3/3: 5 keys 21 … 25 sent\n");
  });
});
