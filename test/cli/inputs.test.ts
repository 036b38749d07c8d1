import { describe, expect, it } from "vitest";
import { collectInputs, type InputFile } from "../../src/cli/inputs.js";
import { CliUsageError, type CliIO } from "../../src/cli/io.js";
import { JsonFloat } from "../../src/util/json.js";
import { memoryFs, type MemoryOptions } from "./memory-io.js";

function io(files: Record<string, string>, options: MemoryOptions = {}): CliIO {
  return {
    stdout: { write: () => undefined },
    stderr: { write: () => undefined },
    stdin: async () => options.stdin ?? "",
    cwd: options.cwd ?? "/w",
    env: {},
    isTTY: { stdout: false, stderr: false },
    fs: memoryFs(new Map(Object.entries(files)), options),
  };
}

const read = (patterns: string[], files: Record<string, string>, options: MemoryOptions & { inputFormat?: "text" | "jsonl" | "json"; stdinFilename?: string } = {}) =>
  collectInputs(patterns, io(files, options), { inputFormat: options.inputFormat, stdinFilename: options.stdinFilename });

const summary = (f: InputFile) => f.filters.map((x) => ({ text: x.text, line: x.line, column: x.column, index: x.index }));

describe("text inputs", () => {
  it("reads one filter per line; skips blank and # lines; trims blanks around a filter", async () => {
    const [f] = await read(["f.filter"], { "/w/f.filter": "a == 1\n\n# comment\n  # indented comment\n\tb > 2  \t\nc in [1, 2]" });
    expect(f!.format).toBe("text");
    expect(summary(f!)).toEqual([
      { text: "a == 1", line: 1, column: 1, index: 0 },
      { text: "b > 2", line: 5, column: 2, index: 1 },
      { text: "c in [1, 2]", line: 6, column: 1, index: 2 },
    ]);
    expect(f!.problems).toEqual([]);
  });

  it("handles CRLF, a lone CR and a BOM; columns do not count the BOM", async () => {
    const [f] = await read(["f.txt"], { "/w/f.txt": "\ufeffa == 1 \r\nb == 2\rc == 3\r\n" });
    expect(f!.bom).toBe(true);
    expect(summary(f!)).toEqual([
      { text: "a == 1", line: 1, column: 1, index: 0 },
      { text: "b == 2", line: 2, column: 1, index: 1 },
      { text: "c == 3", line: 3, column: 1, index: 2 },
    ]);
    const b = f!.filters[1]!;
    expect(b.positionInFile(5)).toEqual({ line: 2, column: 6 });
    expect(f!.text.slice(b.literal.start, b.literal.end)).toBe("b == 2");
  });

  it("numbers filters across files in input order", async () => {
    const files = await read(["a.txt", "b.txt"], { "/w/a.txt": "x == 1\ny == 2\n", "/w/b.txt": "z == 3\n" });
    expect(files.flatMap((f) => f.filters.map((x) => `${x.file}#${x.index}`))).toEqual(["a.txt#0", "a.txt#1", "b.txt#2"]);
  });
});

describe("jsonl inputs", () => {
  it("reads JSON strings and request bodies, with exprParams kept exact", async () => {
    const text = [
      '"a == 1"',
      '{"collectionName": "c", "filter": "id in {ids}", "exprParams": {"ids": [1, 9007199254740993], "f": 1.0}}',
      "",
      '{"expr": "b > 2"}',
      '[{"filter": "x == 1"}, {"filter": "y == 2"}]',
    ].join("\n");
    const [f] = await read(["r.jsonl"], { "/w/r.jsonl": text });
    expect(summary(f!)).toEqual([
      { text: "a == 1", line: 1, column: 2, index: 0 },
      { text: "id in {ids}", line: 2, column: 36, index: 1 },
      { text: "b > 2", line: 4, column: 11, index: 2 },
      { text: "x == 1", line: 5, column: 14, index: 3 },
      { text: "y == 2", line: 5, column: 36, index: 4 },
    ]);
    const params = f!.filters[1]!.params as Record<string, unknown>;
    expect(f!.filters[1]!.hasParams).toBe(true);
    expect(params.ids).toEqual([1, 9007199254740993n]);
    expect(params.f).toBeInstanceOf(JsonFloat);
    expect(f!.filters[0]!.hasParams).toBe(false);
  });

  it("reports a bad line and keeps going", async () => {
    const [f] = await read(["r.ndjson"], { "/w/r.ndjson": '"a == 1"\n{"filter": \n42\n{"filter": 5}\n"b == 2"\n' });
    expect(f!.filters.map((x) => x.text)).toEqual(["a == 1", "b == 2"]);
    expect(f!.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["io/invalid-json", 2, 12],
      ["io/no-filter", 3, 1],
      ["io/no-filter", 4, 12],
    ]);
    expect(f!.problems[2]!.message).toMatch(/"filter" must be a string, found a JSON number/);
  });

  it("maps offsets through escapes", async () => {
    const line = String.raw`{"filter": "t == \"a\\b\" and \u0078 > 1"}`;
    const [f] = await read(["r.jsonl"], { "/w/r.jsonl": `\n${line}\r\n` });
    const x = f!.filters[0]!;
    expect(x.text).toBe('t == "a\\b" and x > 1');
    expect(x.line).toBe(2);
    expect(x.column).toBe(13);
    // the `x` is decoded offset 15, written as \u0078
    const at = x.offsetInFile(15);
    expect(f!.text.slice(at, at + 6)).toBe("\\u0078");
    expect(x.positionInFile(x.text.length)).toEqual({ line: 2, column: line.length - 1 });
  });
});

describe("json inputs", () => {
  it("reads a body, an array of bodies, and nested bodies; never filters inside exprParams", async () => {
    const doc = JSON.stringify(
      [
        { filter: "a == {filter}", exprParams: { filter: "not a filter", nested: { filter: "nor this" } } },
        { search: [{ data: [[0.1]], filter: "b == 1" }, { filter: "c == 2" }], rerank: { strategy: "rrf" } },
      ],
      null,
      2,
    );
    const [f] = await read(["q.json"], { "/w/q.json": doc });
    expect(f!.filters.map((x) => x.text)).toEqual(["a == {filter}", "b == 1", "c == 2"]);
    expect(f!.filters[0]!.params).toEqual({ filter: "not a filter", nested: { filter: "nor this" } });
    expect(f!.filters[1]!.hasParams).toBe(false);
    const before = doc.slice(0, doc.indexOf('"b == 1"'));
    expect(f!.filters[1]!.line).toBe(before.split("\n").length);
    expect(f!.filters[1]!.column).toBe(before.length - before.lastIndexOf("\n") + 1);
  });

  it("reports invalid JSON at its position, and a named file without filters as a warning", async () => {
    const files = await read(["bad.json", "none.json", "empty.json"], {
      "/w/bad.json": '{\n  "filter": "a == 1",\n}',
      "/w/none.json": '{"collectionName": "x"}',
      "/w/empty.json": "  \n",
    });
    expect(files[0]!.problems.map((p) => [p.code, p.severity, p.line])).toEqual([["io/invalid-json", "error", 2]]);
    expect(files[1]!.problems.map((p) => [p.code, p.severity])).toEqual([["io/no-filter", "warning"]]);
    expect(files[2]!.problems.map((p) => [p.code, p.severity])).toEqual([["io/no-filter", "warning"]]);
  });

  it("keeps the filter's position in a BOM file", async () => {
    const [f] = await read(["b.json"], { "/w/b.json": '\ufeff{"filter":"a == 1"}' });
    expect(summary(f!)).toEqual([{ text: "a == 1", line: 1, column: 12, index: 0 }]);
  });
});

describe("files, directories, globs, stdin", () => {
  const tree = {
    "/w/filters/a.filter": "a == 1\n",
    "/w/filters/sub/b.jsonl": '"b == 2"\n',
    "/w/filters/sub/c.json": '{"filter": "c == 3"}',
    "/w/filters/sub/more.txt": "d == 6\n",
    "/w/filters/sub/rows.jsonl": '{"id": 1}\n{"id": 2}\n',
    "/w/filters/requirements.txt": "chevrotain==11.2.0\n",
    "/w/filters/package.json": '{"name": "x"}',
    "/w/filters/tsconfig.json": "{ // comments\n}",
    "/w/filters/node_modules/m/d.filter": "d == 4\n",
    "/w/filters/.hidden/e.filter": "e == 5\n",
    "/w/filters/schema.json": '{"fields": []}',
  };

  it("walks directories in sorted order with known extensions, skipping dot entries, node_modules and tool configs", async () => {
    const files = await read(["filters"], tree);
    expect(files.map((f) => f.file)).toEqual([
      "filters/a.filter",
      "filters/schema.json",
      "filters/sub/b.jsonl",
      "filters/sub/c.json",
      "filters/sub/more.txt",
      "filters/sub/rows.jsonl",
    ]);
    expect(files.flatMap((f) => f.filters.map((x) => x.text))).toEqual(["a == 1", "b == 2", "c == 3", "d == 6"]);
    // schema.json: found by the walk, no filters, nothing to say; rows.jsonl: no filter on any line, one note.
    expect(files.flatMap((f) => f.problems.map((p) => [f.file, p.code, p.severity]))).toEqual([["filters/sub/rows.jsonl", "io/no-filter", "info"]]);
  });

  it("a JSONL file named explicitly still gets an error per line without a filter", async () => {
    const [f] = await read(["filters/sub/rows.jsonl"], tree);
    expect(f!.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ["io/no-filter", "error", 1],
      ["io/no-filter", "error", 2],
    ]);
  });

  it("expands globs (any extension, requirements.txt included when a glob names it)", async () => {
    const files = await read(["filters/**/*.txt", "filters/*.filter"], tree);
    expect(files.map((f) => f.file)).toEqual(["filters/requirements.txt", "filters/sub/more.txt", "filters/a.filter"]);
  });

  it("a glob that matches nothing, an empty directory and a missing path are usage errors (exit 2), as in ESLint", async () => {
    await expect(read(["filters/*.filter", "nothing/*.json"], tree)).rejects.toThrow(/^no files matching 'nothing\/\*\.json' were found$/);
    await expect(read(["empty"], { ...tree, "/w/empty/.keep": "" })).rejects.toThrow(/no files matching 'empty' were found: a directory is searched for \.txt, /);
    await expect(read(["missing.txt"], tree)).rejects.toThrow(/no files matching 'missing\.txt' were found: there is no such file or directory/);
    await expect(read(["missing.txt"], tree)).rejects.toBeInstanceOf(CliUsageError);
  });

  it("ignore patterns drop walked and globbed files, never a file named on the command line", async () => {
    const ignored = (abs: string) => abs.endsWith("/more.txt") || abs.includes("/sub/c");
    const walked = await collectInputs(["filters"], io(tree), { ignored });
    expect(walked.map((f) => f.file)).not.toContain("filters/sub/more.txt");
    expect(walked.map((f) => f.file)).not.toContain("filters/sub/c.json");
    const globbed = await collectInputs(["filters/sub/*.txt", "filters/sub/more.txt"], io(tree), { ignored: (abs) => abs.endsWith("/b.jsonl") });
    expect(globbed.map((f) => f.file)).toEqual(["filters/sub/more.txt"]);
    const named = await collectInputs(["filters/sub/more.txt"], io(tree), { ignored });
    expect(named.map((f) => f.file)).toEqual(["filters/sub/more.txt"]);
    await expect(collectInputs(["filters/sub/*.txt"], io(tree), { ignored })).rejects.toThrow(/every file it matches is ignored/);
  });

  it("reads each file once", async () => {
    const files = await read(["filters/a.filter", "filters", "./filters/a.filter"], tree);
    expect(files.map((f) => f.file)).toEqual([
      "filters/a.filter",
      "filters/schema.json",
      "filters/sub/b.jsonl",
      "filters/sub/c.json",
      "filters/sub/more.txt",
      "filters/sub/rows.jsonl",
    ]);
  });

  it("turns an unreadable file into one io/unreadable diagnostic and goes on", async () => {
    const files = await read(["locked.txt", "ok.txt"], { "/w/locked.txt": "a == 1", "/w/ok.txt": "b == 2" }, { unreadable: ["/w/locked.txt"] });
    expect(files.map((f) => [f.file, f.problems.map((p) => p.code), f.filters.length])).toEqual([
      ["locked.txt", ["io/unreadable"], 0],
      ["ok.txt", [], 1],
    ]);
    expect(files[0]!.problems[0]!.message).toMatch(/cannot read locked.txt: EACCES: permission denied/);
  });

  it("reads stdin as text, or by --stdin-filename's extension, or as --input-format says", async () => {
    const [a] = await read(["-"], {}, { stdin: "a == 1\n" });
    expect([a!.file, a!.path, a!.format, a!.filters[0]!.text]).toEqual(["<stdin>", null, "text", "a == 1"]);
    const [b] = await read(["-"], {}, { stdin: '{"filter": "b == 2"}\n', stdinFilename: "req/body.jsonl" });
    expect([b!.file, b!.path, b!.format, b!.filters[0]!.text]).toEqual(["req/body.jsonl", "/w/req/body.jsonl", "jsonl", "b == 2"]);
    const [c] = await read(["-"], {}, { stdin: '"c == 3"', inputFormat: "json" });
    expect(c!.filters[0]!.text).toBe("c == 3");
  });

  it("--input-format applies to every file", async () => {
    const [f] = await read(["x.txt"], { "/w/x.txt": '"a == 1"\n' }, { inputFormat: "jsonl" });
    expect(f!.filters[0]!.text).toBe("a == 1");
  });

  it("needs at least one input, and - at most once", async () => {
    await expect(read([], {})).rejects.toBeInstanceOf(CliUsageError);
    await expect(read(["-", "-"], {})).rejects.toThrow(/only once/);
  });
});

describe("the configuration's ignore patterns", () => {
  const rc = (ignore: unknown) => ({ "/w/.milvusfilterrc.json": JSON.stringify({ ignore }), "/w/f/a.txt": "a == 1\n", "/w/f/drafts/b.txt": "b ==\n", "/w/f/c.txt": "c ==\n" });
  it("a file, a directory and a glob, relative to the config file", async () => {
    const { run } = await import("./memory-io.js");
    const r = await run(["lint", "-f", "jsonl", "f"], rc(["f/c.txt", "f/drafts/"]), { cwd: "/w" });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l).file)).toEqual(["f/a.txt"]);
    const g = await run(["lint", "-f", "jsonl", "f"], rc(["**/drafts", "f/c.*"]), { cwd: "/w" });
    expect(g.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l).file)).toEqual(["f/a.txt"]);
    // Everything ignored: nothing was read, so the run fails like ESLint's "all files are ignored".
    const all = await run(["lint", "f"], rc(["f/?.txt", "f/drafts"]), { cwd: "/w" });
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/every file it matches is ignored/);
  });
  it("must be an array of non-empty strings", async () => {
    const { run } = await import("./memory-io.js");
    for (const bad of ["f/c.txt", [1], [""]]) {
      const r = await run(["lint", "f"], rc(bad), { cwd: "/w" });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/configuration "ignore" must be an array of path patterns/);
    }
  });
});
