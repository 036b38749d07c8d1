/** `milvus-filter eval` and the `repl` wiring, through runCli with an in-memory CliIO. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliFileSystem, CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run.js";
import { nodeFileSystem } from "../../src/cli/node-io.js";
import { memoryFs, run, runWithFs, type MemoryRun } from "./memory-io.js";
import { ROOT } from "./build-cli.js";
import { MilvusDouble } from "../milvus/milvus-double.js";
import { books } from "../milvus/fixtures.js";

const SCHEMA = readFileSync(join(ROOT, "examples", "schema.json"), "utf8");
const EXAMPLE_ROWS = readFileSync(join(ROOT, "examples", "rows.jsonl"), "utf8");
const PARAMS = '{"ids": [2, 9007199254740993, 9223372036854775807], "cheap": 10.0}';

/** Rows with odd spacing, CRLF endings, a blank line, prototype-named keys and int64 edges. */
const ROWS = [
  '{"id":1,"title":"Dune","price":9.99,"pages":412,"tags":["scifi"],"meta":{"year":1965}}',
  '  {"id" : 9007199254740993 ,  "title":"Big",   "price":null,"pages":310,"tags":[],"meta":{"year":1937},"edition":3}  ',
  "",
  '{"id": 9007199254740992, "title": "Neighbour", "price": 7.5, "pages": 20, "tags": ["x"], "meta": {}, "__proto__": {"pages": 1000}}',
  '{"id":9223372036854775807,"title":"Max","price":1.0E1,"pages":999,"tags":["a","b"],"meta":{"year":2000},"constructor":5}',
].join("\r\n");

const FILES = { "/work/schema.json": SCHEMA, "/work/rows.jsonl": ROWS, "/work/examples.jsonl": EXAMPLE_ROWS, "/work/params.json": PARAMS };

const evalRun = (args: string[], options: Parameters<typeof run>[2] = {}, files: Record<string, string> = FILES): Promise<MemoryRun> =>
  run(["eval", "--schema", "schema.json", ...args], files, options);

const outLines = (r: MemoryRun): string[] => r.stdout.split("\n").slice(0, -1);

describe("eval: output formats", () => {
  it("jsonl (default) prints the matching lines exactly as read, in input order", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "pages > 300"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = ROWS.split("\r\n");
    expect(r.stdout).toBe(`${lines[0]}\n${lines[1]}\n${lines[4]}\n`);
  });

  it("ids prints each matching row's primary key with its digits exactly as written", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "-f", "ids", "pages > 100"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("1\n9007199254740993\n9223372036854775807\n");
    // 2^53 and 2^53 + 1 are told apart, in the filter and in the rows.
    const one = await evalRun(["--rows", "rows.jsonl", "--format", "ids", "id == 9007199254740993"]);
    expect(one.stdout).toBe("9007199254740993\n");
    const other = await evalRun(["--rows", "rows.jsonl", "--format=ids", "id == 9007199254740992"]);
    expect(other.stdout).toBe("9007199254740992\n");
  });

  it("count prints the number of matches; no match is still success", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "-f", "count", "price < 10"]);
    expect(r).toMatchObject({ code: 0, stdout: "2\n", stderr: "" });
    const none = await evalRun(["--rows", "rows.jsonl", "-f", "count", "pages > 100000"]);
    expect(none).toMatchObject({ code: 0, stdout: "0\n" });
    const jsonl = await evalRun(["--rows", "rows.jsonl", "pages > 100000"]);
    expect(jsonl).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("json: filter, canonical form, counts (NULL apart) and ids as strings", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "-f", "json", "price<10   or  edition==3"]);
    expect(r.code).toBe(0);
    expect(outLines(r)).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({
      filter: "price<10   or  edition==3",
      canonical: "price < 10 or edition == 3",
      semantics: "semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type mismatches are UNKNOWN",
      rows: 4,
      matched: 3,
      // `edition` is a dynamic key: a row without it is UNKNOWN on master (FALSE on 2.6).
      null: 1,
      skipped: 0,
      ids: ["1", "9007199254740993", "9007199254740992"],
    });
    const nulls = JSON.parse((await evalRun(["--rows", "rows.jsonl", "-f", "json", "price > 5"])).stdout);
    expect(nulls).toMatchObject({ rows: 4, matched: 3, null: 1, ids: ["1", "9007199254740992", "9223372036854775807"] });
  });

  it("prototype-named keys are data; the row's own columns decide", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "-f", "ids", 'pages < 100 or constructor == 5']);
    expect(r.stdout).toBe("9007199254740992\n9223372036854775807\n");
  });

  it("template values from --params keep int64 exact", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "--params", "params.json", "-f", "ids", "id in {ids} and price < {cheap}"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const all = await evalRun(["--rows", "rows.jsonl", "--params", "params.json", "-f", "ids", "id in {ids}"]);
    expect(all.stdout).toBe("9007199254740993\n9223372036854775807\n");
  });

  it("the schema, params and target can come from .milvusfilterrc.json", async () => {
    const files = { ...FILES, "/work/.milvusfilterrc.json": '{"schema": "schema.json", "params": {"ids": [1]}, "purpose": "delete"}' };
    const r = await run(["eval", "--rows", "rows.jsonl", "-f", "ids", "id in {ids}"], files);
    expect(r).toMatchObject({ code: 0, stdout: "1\n" });
    // The configured purpose is lint's: eval checks for a query unless --purpose says otherwise.
    expect((await run(["eval", "--rows", "rows.jsonl", "-f", "count", ""], files)).stdout).toBe("4\n");
  });
});

describe("eval --explain", () => {
  it("shows every row's verdict and the tree of node values, then a summary", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "--explain", "pages > 300 and price < 10"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      ["row 1 (line 1, id 1): TRUE, matched", "  pages > 300 and price < 10  \u2192 TRUE", "    pages > 300  \u2192 TRUE  (pages = 412)", "    price < 10  \u2192 TRUE  (price = 9.99)"].join("\n"),
    );
    expect(r.stdout).toContain(
      [
        "row 2 (line 2, id 9007199254740993): UNKNOWN, not matched",
        "  pages > 300 and price < 10  \u2192 UNKNOWN",
        "    pages > 300  \u2192 TRUE  (pages = 310)",
        "    price < 10  \u2192 UNKNOWN  (price = NULL)  UNKNOWN: NULL column",
      ].join("\n"),
    );
    expect(r.stdout).toContain("row 3 (line 4, id 9007199254740992): FALSE, not matched");
    // The preview names the server semantics it assumed, first.
    expect(r.stdout.startsWith("semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type mismatches are UNKNOWN\n")).toBe(true);
    expect(r.stdout.endsWith("\n\n1 of 4 rows matched, 1 NULL (not matched)\n")).toBe(true);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("is coloured when asked; cannot be combined with --format", async () => {
    const c = await evalRun(["--rows", "rows.jsonl", "--explain", "--color", "pages > 300"]);
    expect(c.stdout).toContain("\u001b[32mTRUE\u001b[39m");
    const both = await evalRun(["--rows", "rows.jsonl", "--explain", "-f", "ids", "pages > 300"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--explain prints its own report/);
  });

  it("shows a string primary key quoted", async () => {
    const schema = '{"fields": [{"name": "pk", "type": "VarChar", "primaryKey": true, "params": [{"key": "max_length", "value": "8"}]}, {"name": "n", "type": "Int64"}]}';
    const r = await run(["eval", "--schema", "s.json", "--rows", "r.jsonl", "--explain", "n > 1"], { "/work/s.json": schema, "/work/r.jsonl": '{"pk": "a b", "n": 2}\n' });
    expect(r.stdout).toContain('row 1 (line 1, pk "a b"): TRUE, matched');
  });
});

describe("eval: filters it will not evaluate", () => {
  it("an invalid filter prints lint's diagnostics on stderr, exits 1 and reads no row", async () => {
    // The rows file does not exist: reaching it would be a usage error (2).
    const r = await evalRun(["--rows", "missing.jsonl", 'title = "x"']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("<filter>\n  1:7  error  '=' is not a comparison: write '=='  syntax/assign-instead-of-equals");
    expect(r.stderr).toContain("       | title = \"x\"\n       |       ^");
    expect(r.stderr).toMatch(/the filter is not valid: nothing was evaluated\n$/);
    const typed = await evalRun(["--rows", "missing.jsonl", "-f", "count", "pages > 1.5"]);
    expect(typed).toMatchObject({ code: 1, stdout: "" });
    expect(typed.stderr).toMatch(/error/);
  });

  it("text_match and GIS are not evaluable here: reported clearly, exit 1, nothing guessed", async () => {
    const r = await evalRun(["--rows", "missing.jsonl", 'text_match(title, "dune") and pages > 1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("eval/not-evaluable");
    expect(r.stderr).toContain("text_match");
    expect(r.stderr).toMatch(/cannot be evaluated here \(only the server can\): nothing was evaluated/);
  });

  it("a placeholder without a value is an error too", async () => {
    const r = await evalRun(["--rows", "missing.jsonl", "id in {ids}"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("eval/missing-param");
  });

  it("--purpose delete adds the delete checks; the default purpose is query", async () => {
    const del = await evalRun(["--rows", "rows.jsonl", "--purpose", "delete", "-f", "count", ""]);
    expect(del.code).toBe(1);
    expect(del.stderr).toContain("purpose/delete-empty");
    expect(del.stdout).toBe("");
    expect(await evalRun(["--rows", "rows.jsonl", "-f", "count", ""])).toMatchObject({ code: 0, stdout: "4\n" });
    expect(await evalRun(["--rows", "rows.jsonl", "--purpose", "delete", "-f", "count", "pages > 1"])).toMatchObject({ code: 0, stdout: "4\n" });
  });

  it("a delete that selects every row given says so in one line; a query or a partial match does not", async () => {
    const all = await evalRun(["--rows", "rows.jsonl", "--purpose", "delete", "-f", "count", "pages > 1"]);
    expect(all.stderr).toBe("milvus-filter: warning: this delete filter selects every one of the 4 rows given; a delete cannot be undone\n");
    expect((await evalRun(["--rows", "rows.jsonl", "-f", "count", "pages > 1"])).stderr).toBe("");
    expect((await evalRun(["--rows", "rows.jsonl", "--purpose", "delete", "-f", "count", "pages > 300"])).stderr).toBe("");
  });

  it("--target chooses the server semantics: a dynamic key missing under != is deleted on 2.6 only", async () => {
    // Three of the four rows lack the dynamic key `edition`: TRUE under != on 2.6 (UnaryExpr.cpp ~line 723),
    // UNKNOWN on master (~line 768), so they are deleted on 2.6 and kept on master.
    const on26 = await evalRun(["--rows", "rows.jsonl", "--target", "2.6", "-f", "json", "edition != 3"]);
    const on30 = await evalRun(["--rows", "rows.jsonl", "--target", "3.0", "-f", "json", "edition != 3"]);
    const a = JSON.parse(on26.stdout) as { matched: number; null: number; semantics: string };
    const b = JSON.parse(on30.stdout) as { matched: number; null: number; semantics: string };
    expect([a.matched, a.null]).toEqual([3, 0]);
    expect([b.matched, b.null]).toEqual([0, 3]);
    expect(a.semantics).toContain("Milvus 2.6");
    expect(b.semantics).toContain("Milvus 3.0 (master 2026-07)");
  });

  it("rule severities come from the configuration, as for lint (style/non-canonical aside)", async () => {
    const rc = (rules: Record<string, string>) => ({ ...FILES, "/work/.milvusfilterrc.json": JSON.stringify({ rules }) });
    const strict = await evalRun(["--rows", "rows.jsonl", "-f", "count", 'Title == "x"'], {}, rc({ "lint/dynamic-key-typo": "error" }));
    expect(strict).toMatchObject({ code: 1, stdout: "" });
    expect(strict.stderr).toContain("nothing was evaluated");
    const off = await evalRun(["--rows", "rows.jsonl", "-f", "count", 'Title == "x"'], {}, rc({ "lint/dynamic-key-typo": "off" }));
    // A dynamic key: the answer depends on the server line, so the assumption is named.
    expect(off).toMatchObject({ code: 0, stdout: "0\n", stderr: "milvus-filter: semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type mismatches are UNKNOWN\n" });
    const canonical = await evalRun(["--rows", "rows.jsonl", "-f", "count", "pages>300"], {}, rc({ "style/non-canonical": "error" }));
    expect(canonical).toMatchObject({ code: 0, stdout: "3\n", stderr: "" });
  });

  it("warnings go to stderr and do not stop the evaluation", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "-f", "count", 'Title == "x"']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("0\n");
    expect(r.stderr).toContain("lint/dynamic-key-typo");
    expect(r.stderr).toContain("(0 errors, 1 warning)");
  });
});

describe("eval: rows", () => {
  const BAD = ['{"id": 1, "pages": 5}', "not json", "[1, 2]", '{"id": 2, "pages": 7}', '{"pages": 9}'].join("\n");

  it("a bad row line is reported with its line number and skipped; the rest is printed; exit 1", async () => {
    const r = await evalRun(["--rows", "bad.jsonl", "pages > 1"], {}, { ...FILES, "/work/bad.jsonl": BAD });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('{"id": 1, "pages": 5}\n{"id": 2, "pages": 7}\n{"pages": 9}\n');
    expect(r.stderr).toMatch(/^bad\.jsonl:2:1: .*; line skipped$/m);
    expect(r.stderr).toContain("bad.jsonl:3:1: a row must be a JSON object; line skipped");
    expect(r.stderr).toContain("2 lines of bad.jsonl could not be read as rows and were skipped; the results cover the other 3 rows");
    const json = await evalRun(["--rows", "bad.jsonl", "-f", "json", "pages > 1"], {}, { ...FILES, "/work/bad.jsonl": BAD });
    expect(JSON.parse(json.stdout)).toMatchObject({ rows: 3, matched: 3, skipped: 2, ids: ["1", "2"] });
    expect(json.code).toBe(1);
  });

  it("a matching row without a primary key is reported for ids (exit 1), not for count", async () => {
    const files = { ...FILES, "/work/nopk.jsonl": '{"id": 1, "pages": 5}\n{"pages": 9}\n' };
    const ids = await evalRun(["--rows", "nopk.jsonl", "-f", "ids", "pages > 1"], {}, files);
    expect(ids.code).toBe(1);
    expect(ids.stdout).toBe("1\n");
    expect(ids.stderr).toContain('nopk.jsonl:2: the row matched but has no usable primary key "id"; it is not in the ids');
    expect(await evalRun(["--rows", "nopk.jsonl", "-f", "count", "pages > 1"], {}, files)).toMatchObject({ code: 0, stdout: "2\n", stderr: "" });
  });

  it("a string key with a line break cannot be one line of ids; json carries it", async () => {
    const schema = '{"fields": [{"name": "pk", "type": "VarChar", "primaryKey": true, "params": [{"key": "max_length", "value": "8"}]}, {"name": "n", "type": "Int64"}]}';
    const files = { "/work/s.json": schema, "/work/r.jsonl": '{"pk": "a\\nb", "n": 2}\n{"pk": "c d", "n": 3}\n' };
    const ids = await run(["eval", "--schema", "s.json", "--rows", "r.jsonl", "-f", "ids", "n > 1"], files);
    expect(ids).toMatchObject({ code: 1, stdout: "c d\n" });
    expect(ids.stderr).toContain("r.jsonl:1: the row matched but has a primary key with a line break; it is not in the ids");
    const json = await run(["eval", "--schema", "s.json", "--rows", "r.jsonl", "-f", "json", "n > 1"], files);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).ids).toEqual(["a\nb", "c d"]);
  });

  it("reports at most 20 row problems one by one", async () => {
    const many = Array.from({ length: 30 }, (_, i) => `bad ${i}`).join("\n");
    const r = await evalRun(["--rows", "many.jsonl", "-f", "count", "pages > 1"], {}, { ...FILES, "/work/many.jsonl": many });
    expect(r.code).toBe(1);
    expect(r.stderr.match(/line skipped/g)).toHaveLength(20);
    expect(r.stderr).toContain("... 10 more problems with rows not shown");
  });

  it("--rows - reads standard input (whole, without the process's streams)", async () => {
    const r = await evalRun(["--rows", "-", "-f", "ids", "pages > 100"], { stdin: ROWS });
    expect(r).toMatchObject({ code: 0, stdout: "1\n9007199254740993\n9223372036854775807\n" });
    const bad = await evalRun(["--rows", "-", "pages > 1"], { stdin: "nope\n" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^<stdin>:1:1: /m);
  });

  it("--rows - streams the process's standard input when it has one (chunks split anywhere)", async () => {
    const bytes = Buffer.from(`${ROWS}\r\n{"id": 7, "title": "Gödel", "pages": 400, "price": 3.0, "tags": [], "meta": {}}`, "utf8");
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const r = await streamed(["eval", "--schema", "schema.json", "--rows", "-", "pages > 300 and price < 10"], Readable.from(chunks));
    expect(r.code).toBe(0);
    const lines = ROWS.split("\r\n");
    expect(r.stdout).toBe(`${lines[0]}\n{"id": 7, "title": "Gödel", "pages": 400, "price": 3.0, "tags": [], "meta": {}}\n`);
  });

  it("a file system that can stream: large files are read as they arrive, small ones whole", async () => {
    const bytes = Buffer.from(ROWS, "utf8");
    const opened: string[] = [];
    const streamingFs = (size: number, fail?: string) => {
      const fs = memoryFs(new Map(Object.entries(FILES)));
      fs.openRead = async (path: string) => {
        opened.push(path);
        if (path !== "/work/rows.jsonl") throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
        async function* chunks(): AsyncGenerator<Uint8Array> {
          for (let i = 0; i < bytes.length; i += 5) {
            if (fail && i > 50) throw Object.assign(new Error("EIO: i/o error, read"), { code: fail });
            yield bytes.subarray(i, i + 5);
          }
        }
        return { size, chunks: chunks() };
      };
      const readFile = fs.readFile.bind(fs);
      fs.readFile = async (path: string) => {
        if (path.endsWith(".jsonl")) throw new Error("readFile must not read rows when openRead is there");
        return readFile(path);
      };
      return fs;
    };
    const lines = ROWS.split("\r\n");
    for (const size of [bytes.length, 2 ** 30]) {
      const r = await withFs(streamingFs(size), ["eval", "--schema", "schema.json", "--rows", "rows.jsonl", "pages > 300"]);
      expect(r).toMatchObject({ code: 0, stdout: `${lines[0]}\n${lines[1]}\n${lines[4]}\n`, stderr: "" });
    }
    expect(opened).toEqual(["/work/rows.jsonl", "/work/rows.jsonl"]);
    const missing = await withFs(streamingFs(10), ["eval", "--schema", "schema.json", "--rows", "nope.jsonl", "pages > 300"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the rows file nope\.jsonl: ENOENT/);
    const broken = await withFs(streamingFs(2 ** 30, "EIO"), ["eval", "--schema", "schema.json", "--rows", "rows.jsonl", "-f", "count", "pages > 300"]);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(/cannot read the rows file rows\.jsonl: EIO/);
  });

  it("the filter itself can come from standard input", async () => {
    const r = await evalRun(["--rows", "rows.jsonl", "-f", "count", "-"], { stdin: "pages > 300\n" });
    expect(r).toMatchObject({ code: 0, stdout: "3\n" });
  });

  it("the examples: ids of examples/rows.jsonl", async () => {
    const r = await evalRun(["--rows", "examples.jsonl", "-f", "ids", 'meta["year"] < 1980 or edition == 2']);
    expect(r).toMatchObject({ code: 0, stdout: "1\n9007199254740993\n5\n6\n9223372036854775807\n" });
  });
});

describe("nodeFileSystem.openRead", () => {
  it("streams a file's bytes with its size; a directory is EISDIR, a missing file ENOENT", async () => {
    const dir = mkdtempSync(join(tmpdir(), "milvus-filter-openread-"));
    try {
      const text = "h\u00e9llo\n".repeat(30000);
      writeFileSync(join(dir, "f.jsonl"), text);
      const { size, chunks } = await nodeFileSystem.openRead!(join(dir, "f.jsonl"));
      expect(size).toBe(Buffer.byteLength(text));
      const parts: Uint8Array[] = [];
      for await (const c of chunks) parts.push(c);
      expect(parts.length).toBeGreaterThan(1);
      expect(Buffer.concat(parts).toString("utf8")).toBe(text);
      await expect(nodeFileSystem.openRead!(dir)).rejects.toMatchObject({ code: "EISDIR" });
      await expect(nodeFileSystem.openRead!(join(dir, "nope"))).rejects.toMatchObject({ code: "ENOENT" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("eval: progress", () => {
  const big = Array.from({ length: 6000 }, (_, i) => `{"id": ${i}, "pages": ${i}}`).join("\n");
  let t = 0;
  const now = (): number => (t += 1000);

  it("on a terminal stderr, for large inputs, when the output is not on the terminal", async () => {
    const files = { ...FILES, "/work/big.jsonl": big };
    const piped = await evalRun(["--rows", "big.jsonl", "-f", "count", "pages > 10"], { tty: { stdout: false, stderr: true }, now }, files);
    expect(piped.stdout).toBe("5989\n");
    expect(piped.stderr).toMatch(/\r\[#+-*\] +\d+% \d+\/6000 lines/);
    expect(piped.stderr.endsWith("\r")).toBe(true);
    // jsonl to the same terminal: no bar mixed into the rows.
    const tty = await evalRun(["--rows", "big.jsonl", "pages > 5990"], { tty: true, now }, files);
    expect(tty.stderr).toBe("");
    // Not a terminal: never.
    expect((await evalRun(["--rows", "big.jsonl", "-f", "count", "pages > 10"], { now }, files)).stderr).toBe("");
    // Small inputs: never.
    expect((await evalRun(["--rows", "rows.jsonl", "-f", "count", "pages > 10"], { tty: { stdout: false, stderr: true }, now })).stderr).toBe("");
  });

  it("counts rows read from a stream", async () => {
    const r = await streamed(["eval", "--schema", "schema.json", "--rows", "-", "-f", "count", "pages > 10"], Readable.from([big]), { stderrTTY: true, now });
    expect(r.stdout).toBe("5989\n");
    expect(r.stderr).toMatch(/\r5,120 rows read/);
  });
});

describe("eval: usage errors (exit 2)", () => {
  it.each([
    [["eval", "--schema", "schema.json", "pages > 1"], /--rows FILE\.jsonl is required/],
    [["eval", "--schema", "schema.json", "--rows", "rows.jsonl"], /the filter to evaluate is missing/],
    [["eval", "--schema", "schema.json", "--rows", "rows.jsonl", "a > 1", "b > 2"], /give exactly one filter/],
    [["eval", "--rows", "rows.jsonl", "pages > 1"], /eval needs the collection's schema/],
    [["eval", "--schema", "schema.json", "--rows", "-", "-"], /standard input can hold the rows or the filter, not both/],
    [["eval", "--schema", "schema.json", "--rows", "nope.jsonl", "pages > 1"], /cannot read the rows file nope\.jsonl: ENOENT/],
    [["eval", "--schema", "nope.json", "--rows", "rows.jsonl", "pages > 1"], /cannot read the schema file/],
    [["eval", "--schema", "schema.json", "--rows", "rows.jsonl", "-f", "csv", "pages > 1"], /must be one of jsonl, ids, count, json/],
    [["eval", "--schema", "schema.json", "--rows", "rows.jsonl", "--token", "t", "pages > 1"], /--token is only used with --uri\/--collection/],
  ])("%j", async (argv, message) => {
    const r = await run(argv, FILES);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("ids need a primary key in the schema", async () => {
    const r = await run(["eval", "--schema", "s.json", "--rows", "r.jsonl", "-f", "ids", "n > 1"], { "/work/s.json": '{"fields": [{"name": "n", "type": "Int64"}]}', "/work/r.jsonl": "" });
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(/the schema has no primary key, so there are no ids to print/);
    // json still works, with "ids": null.
    const json = await run(["eval", "--schema", "s.json", "--rows", "r.jsonl", "-f", "json", "n > 1"], { "/work/s.json": '{"fields": [{"name": "n", "type": "Int64"}]}', "/work/r.jsonl": '{"n": 2}\n' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ rows: 1, matched: 1, ids: null });
  });

  it("help: usage, the output formats and examples", async () => {
    const r = await run(["eval", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: milvus-filter eval --schema FILE --rows FILE.jsonl|- [options] FILTER");
    expect(r.stdout).toContain("--explain");
    expect(r.stdout).toContain("--collection NAME");
    expect(r.stdout).toContain("Examples:");
    const global = await run(["--help"]);
    expect(global.stdout).toMatch(/\n {2}eval +Evaluate a filter on rows/);
    expect(global.stdout).toMatch(/\n {2}repl +Try filters interactively/);
  });
});

describe("eval --uri/--collection: the live schema", () => {
  let double: MilvusDouble;
  beforeAll(async () => {
    double = await MilvusDouble.start({ token: "root:Milvus" });
    double.addCollection(books());
  });
  afterAll(async () => {
    await double.close();
  });

  it("fetches the schema, then evaluates the rows with it", async () => {
    const rows = '{"id": 1, "year": 1965, "title": "Dune"}\n{"id": 9007199254740993, "year": 2024, "title": null}\n';
    const r = await run(["eval", "--uri", double.url, "--collection", "books", "--rows", "r.jsonl", "-f", "ids", "year > 2000 or title is null"], { "/work/r.jsonl": rows }, {
      env: { MILVUS_TOKEN: "root:Milvus" },
    });
    // The REST API reports no server version: the assumed one is named, once, and nothing else.
    expect(r.stderr).toBe("milvus-filter: checking for Milvus 3.0 (the server does not report its version over REST; pass --target with its release)\n");
    expect(r).toMatchObject({ code: 0, stdout: "9007199254740993\n" });
    expect(double.requestsTo("/v2/vectordb/collections/describe")).toHaveLength(1);
    const pinned = await run(["eval", "--uri", double.url, "--collection", "books", "--target", "2.6.17", "--rows", "r.jsonl", "-f", "ids", "year > 2000"], { "/work/r.jsonl": rows }, { env: { MILVUS_TOKEN: "root:Milvus" } });
    expect(pinned.stderr).toBe("");
    const both = await run(["eval", "--schema", "schema.json", "--collection", "books", "--uri", double.url, "--rows", "r.jsonl", "year > 1"], { ...FILES, "/work/r.jsonl": rows });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/alternatives/);
  });

  it("repl: fetches the live schema before the session and checks filters against it", async () => {
    const input = Readable.from(["year > 2000\n", "year > 1.5\n", ".exit\n"]);
    const r = await streamed(["repl", "--uri", double.url, "--collection", "books"], input, {
      cwd: ROOT,
      env: { HOME: "/nonexistent", MILVUS_FILTER_HISTORY: "0", MILVUS_TOKEN: "root:Milvus" },
    });
    expect(r.code).toBe(1); // the second filter's type error
    expect(r.replOut).toMatch(/^year > 2000\n/);
    expect(r.replOut).toContain("type/cast");
  });
});

describe("repl", () => {
  it("without the process's streams (in-memory io) is a usage error", async () => {
    const r = await run(["repl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("milvus-filter: repl needs the process's standard input and output\n");
    expect((await run(["repl", "filters.txt"])).code).toBe(2);
    expect((await run(["repl", "--purpose", "remove"])).stderr).toMatch(/must be one of delete, query/);
  });

  it("help: options, history and the piped example", async () => {
    const r = await run(["help", "repl"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: milvus-filter repl [--schema FILE | --uri URL --collection C] [--rows FILE.jsonl] [--params FILE] [--target V] [--purpose P]");
    expect(r.stdout).toContain("~/.milvus_filter_history");
    expect(r.stdout).toContain("MILVUS_FILTER_HISTORY=0");
    expect(r.stdout).toContain("printf 'pages > 1\\n.exit\\n' | milvus-filter repl --schema schema.json");
    expect(r.stdout).toContain("milvus-filter repl --uri http://localhost:19530 --collection books");
  });

  it("runs on the given streams: piped input gives results only, and exits 1 after a filter with an error", async () => {
    const input = Readable.from(["pages > 1\n", "pages >\n", ".exit\n"]);
    const r = await streamed(["repl", "--schema", "examples/schema.json", "--rows", "examples/rows.jsonl"], input, { cwd: ROOT, env: { HOME: "/nonexistent", MILVUS_FILTER_HISTORY: "0" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.replOut).toMatch(/^pages > 1\ndelete: query first/);
    expect(r.replOut).toContain("matches 6 of 7 rows: id 1, 2, 9007199254740993, 5, 6, 9223372036854775807");
    expect(r.replOut).toContain("syntax/unexpected-end");
    expect(r.replOut).not.toContain("filter>");
    expect(r.replOut).not.toMatch(/\u001b\[/);
  });
});

describe("repl exit status when piped (scripted runs fail like lint)", () => {
  const env = { HOME: "/nonexistent", MILVUS_FILTER_HISTORY: "0" };
  const piped = (args: string[], lines: string[]) => streamed(["repl", ...args], Readable.from(lines.map((l) => `${l}\n`)), { cwd: ROOT, env });

  it("0 when every line is fine", async () => {
    expect((await piped(["--schema", "examples/schema.json"], ["pages > 1", ".fmt"])).code).toBe(0);
  });

  it("1 after a filter with an error, even when later lines are fine", async () => {
    expect((await piped(["--schema", "examples/schema.json"], ["pages >", "pages > 1"])).code).toBe(1);
  });

  it("1 after a command that failed", async () => {
    const r = await piped(["--schema", "examples/schema.json"], [".rows nope.jsonl", "pages > 1"]);
    expect(r.code).toBe(1);
    expect(r.replOut).toContain("error: cannot read nope.jsonl");
  });

  it("2 when the schema named on the command line cannot be loaded", async () => {
    const r = await piped(["--schema", "nope.json"], ["pages > 1"]);
    expect(r.code).toBe(2);
    expect(r.replOut).toMatch(/^error: cannot read schema file nope\.json/);
  });
});

/** runCli with another file system (readFile / openRead variants). */
function withFs(fs: CliFileSystem, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWithFs(fs, argv);
}

/**
 * runCli with the process-like `streams` given: `input` as standard input, standard output
 * collected both through `stdout` (the CLI's writes) and the stream (the repl's).
 */
async function streamed(
  argv: string[],
  input: Readable,
  options: { stderrTTY?: boolean; now?: () => number; cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string; replOut: string }> {
  let stdout = "";
  let stderr = "";
  let replOut = "";
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => (replOut += chunk.toString("utf8")));
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async () => {
      throw new Error("stdin() must not be called when the streams are given");
    },
    cwd: options.cwd ?? "/work",
    env: options.env ?? {},
    isTTY: { stdout: false, stderr: options.stderrTTY ?? false },
    fs: memoryFs(new Map(Object.entries(FILES))),
    ...(options.now ? { now: options.now } : {}),
    streams: { stdin: input, stdout: output },
  };
  const code = await runCli(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr, replOut };
}
