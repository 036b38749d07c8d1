/** `milvus-filter fmt` with the in-memory IO and the real canonical printer (plus faulty ones). */
import { describe, expect, it } from "vitest";
import { print } from "../../src/backends/print/index.js";
import type { Printer } from "../../src/cli/fmt-engine.js";
import { formatFile, formatFilter } from "../../src/cli/fmt-engine.js";
import { extractFilters, InputFile } from "../../src/cli/inputs.js";
import { run } from "./memory-io.js";

const TEXT = "\ufeff# keep me\r\n  a==1   AND   b>2 \t\r\n\r\nc IN [3,1,1]\r\nb in [1, 2\r\nalready == 1";
const JSON_BODY = '{\n  "collectionName": "books",\n  "filter":  "x==\\"y\\"",\n  "limit": 3\n}\n';
const JSONL = '{"filter":"p>1","exprParams":{"v":1.0}}\n\n"q  ==  2"\r\n';

const FILES = { "/w/f.filter": TEXT, "/w/q.json": JSON_BODY, "/w/r.jsonl": JSONL };

describe("fmt: printing", () => {
  it("prints one canonical form per filter, in input order, for text, JSON and JSONL", async () => {
    const r = await run(["fmt", "q.json", "r.jsonl"], FILES, { cwd: "/w" });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'x == "y"\np > 1\nq == 2\n', ""]);
    expect(r.writes).toEqual([]);
  });

  it("a filter that does not parse is not printed: stylish diagnostics on stderr with file:line, exit 1", async () => {
    const r = await run(["fmt", "f.filter"], FILES, { cwd: "/w" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("a == 1 and b > 2\nc in [3, 1, 1]\nalready == 1\n");
    expect(r.stderr).toBe(
      [
        "",
        "f.filter",
        "  5:11  error  expected ']' after '2' but the filter ended  syntax/unexpected-end",
        "        | b in [1, 2",
        "        |           ^",
        "",
        "\u2716 1 problem (1 error, 0 warnings)",
        "",
        "",
      ].join("\n"),
    );
    expect(r.stdout).not.toContain("b in");
  });

  it("reads standard input (text by default, or by --stdin-filename / --input-format)", async () => {
    expect((await run(["fmt", "-"], {}, { stdin: "age>18 AND tags IS NULL\n" })).stdout).toBe("age > 18 and tags is null\n");
    const j = await run(["fmt", "--stdin-filename", "x.jsonl", "-"], {}, { stdin: '"a==1"\n{"filter": "b  <  2"}\n' });
    expect(j.stdout).toBe("a == 1\nb < 2\n");
    const forced = await run(["fmt", "--input-format", "jsonl", "f.txt"], { "/w/f.txt": '"a==1"\n' }, { cwd: "/w" });
    expect(forced.stdout).toBe("a == 1\n");
  });

  it("an empty JSON filter prints as an empty line; a JSON file without filters is a warning only", async () => {
    const r = await run(["fmt", "e.json", "none.json"], { "/w/e.json": '[{"filter": ""}, {"filter": "a==1"}]', "/w/none.json": "{}" }, { cwd: "/w" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("\na == 1\n");
    expect(r.stderr).toMatch(/none\.json\n {2}1:1 {2}warning {2}no filter found/);
  });

  it("file problems are errors: unreadable, invalid JSON; a glob matching nothing is a usage error", async () => {
    const r = await run(["fmt", "bad.json", "locked.txt"], { "/w/bad.json": "{", "/w/locked.txt": "a == 1" }, { cwd: "/w", unreadable: ["/w/locked.txt"] });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    for (const code of ["io/invalid-json", "io/unreadable"]) expect(r.stderr).toContain(code);
    const none = await run(["fmt", "bad.json", "nothing*.txt"], { "/w/bad.json": "{" }, { cwd: "/w" });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no files matching 'nothing\*\.txt' were found/);
  });

  it("--sort-lists and --flatten map to the printer's optional rewrites", async () => {
    const files = { "/w/f.txt": "x in [3, 1, 1, 2]\n(a == 1 and b == 2) and c == 3\n" };
    expect((await run(["fmt", "f.txt"], files, { cwd: "/w" })).stdout).toBe("x in [3, 1, 1, 2]\n(a == 1 and b == 2) and c == 3\n");
    expect((await run(["fmt", "--sort-lists", "f.txt"], files, { cwd: "/w" })).stdout).toBe("x in [1, 2, 3]\n(a == 1 and b == 2) and c == 3\n");
    expect((await run(["fmt", "--flatten", "f.txt"], files, { cwd: "/w" })).stdout).toBe("x in [3, 1, 1, 2]\na == 1 and b == 2 and c == 3\n");
    const both = await run(["fmt", "--flatten", "--sort-lists", "--check", "f.txt"], files, { cwd: "/w" });
    expect(both.code).toBe(1);
    expect(both.stdout).toBe('f.txt:1:1: not canonical, should be: "x in [1, 2, 3]"\nf.txt:2:1: not canonical, should be: "a == 1 and b == 2 and c == 3"\n');
  });
});

describe("fmt --check", () => {
  it("exit 0 and no output when every filter is canonical", async () => {
    const r = await run(["fmt", "--check", "ok.txt", "ok.json"], { "/w/ok.txt": "# c\na == 1\n", "/w/ok.json": '{"filter": "b in [1, 2]"}' }, { cwd: "/w" });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", ""]);
  });

  it("lists the non-canonical filters with file:line:column, counts them, exit 1; writes nothing", async () => {
    const r = await run(["fmt", "--check", "f.filter", "q.json", "r.jsonl"], FILES, { cwd: "/w" });
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      'f.filter:2:3: not canonical, should be: "a == 1 and b > 2"',
      'f.filter:4:1: not canonical, should be: "c in [3, 1, 1]"',
      'q.json:3:15: not canonical, should be: "x == \\"y\\""',
      'r.jsonl:1:12: not canonical, should be: "p > 1"',
      'r.jsonl:3:2: not canonical, should be: "q == 2"',
      "",
    ]);
    expect(r.stderr).toContain("syntax/unexpected-end");
    expect(r.stderr).toMatch(/5 of 7 filters are not in canonical form; 'milvus-filter fmt --write' rewrites them\.\n$/);
    expect(r.writes).toEqual([]);
  });

  it("exit 1 for a filter that does not parse even when the others are canonical", async () => {
    const r = await run(["fmt", "--check", "-"], {}, { stdin: "a == 1\nb ==\n" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("<stdin>\n  2:5");
  });
});

describe("fmt --write", () => {
  it("rewrites text, JSON and JSONL in place, only the filters; lists the files; a second run changes nothing", async () => {
    const r = await run(["fmt", "--write", "f.filter", "q.json", "r.jsonl", "same.txt"], { ...FILES, "/w/same.txt": "a == 1\n" }, { cwd: "/w" });
    expect(r.code).toBe(1); // the broken filter in f.filter
    expect(r.stdout).toBe("f.filter\nq.json\nr.jsonl\n");
    expect(r.writes).toEqual(["/w/f.filter", "/w/q.json", "/w/r.jsonl"]);
    expect(r.files.get("/w/f.filter")).toBe("\ufeff# keep me\r\n  a == 1 and b > 2 \t\r\n\r\nc in [3, 1, 1]\r\nb in [1, 2\r\nalready == 1");
    expect(r.files.get("/w/q.json")).toBe('{\n  "collectionName": "books",\n  "filter":  "x == \\"y\\"",\n  "limit": 3\n}\n');
    expect(r.files.get("/w/r.jsonl")).toBe('{"filter":"p > 1","exprParams":{"v":1.0}}\n\n"q == 2"\r\n');
    expect(r.stderr).toContain("syntax/unexpected-end");

    const again = await run(["fmt", "--write", "f.filter", "q.json", "r.jsonl"], Object.fromEntries(r.files), { cwd: "/w" });
    expect(again.stdout).toBe("");
    expect(again.writes).toEqual([]);
    const check = await run(["fmt", "--check", "q.json", "r.jsonl"], Object.fromEntries(r.files), { cwd: "/w" });
    expect([check.code, check.stdout]).toEqual([0, ""]);
  });

  it("applies --sort-lists / --flatten when writing, and stays idempotent with them", async () => {
    const files = { "/w/f.txt": "x in [3,1,1]\n(a==1 and b==2) and c==3\n" };
    const once = await run(["fmt", "-w", "--sort-lists", "--flatten", "f.txt"], files, { cwd: "/w" });
    expect(once.files.get("/w/f.txt")).toBe("x in [1, 3]\na == 1 and b == 2 and c == 3\n");
    const twice = await run(["fmt", "-w", "--sort-lists", "--flatten", "f.txt"], Object.fromEntries(once.files), { cwd: "/w" });
    expect(twice.writes).toEqual([]);
  });

  it("a file that cannot be written: exit 2, the message names it", async () => {
    const r = await run(["fmt", "--write", "f.txt"], { "/w/f.txt": "a==1\n" }, { cwd: "/w", readOnly: ["/w/f.txt"] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write f\.txt: EACCES/);
  });

  it("usage errors: --check with --write, --write with stdin, no input, unknown flag", async () => {
    expect((await run(["fmt", "--check", "--write", "f.txt"], { "/work/f.txt": "a" })).stderr).toMatch(/--check and --write cannot be used together/);
    const stdin = await run(["fmt", "--write", "-"], {}, { stdin: "a==1" });
    expect([stdin.code, stdin.stderr]).toEqual([2, expect.stringMatching(/--write cannot rewrite standard input/)]);
    expect((await run(["fmt"], {})).code).toBe(2);
    const typo = await run(["fmt", "--chek", "f.txt"], {});
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/Did you mean '--check'\?/)]);
  });
});

describe("fmt: a canonical form is used only when it re-parses and is stable", () => {
  const files = { "/w/f.txt": "a==1\nb==2\n", "/w/q.json": '{"filter": "a==1"}' };

  it("output that does not parse: internal/error, not printed, not written", async () => {
    const broken: Printer = (ast, o) => (print(ast, o).startsWith("a") ? "a ==" : print(ast, o));
    for (const argv of [["fmt", "f.txt"], ["fmt", "--write", "f.txt", "q.json"]]) {
      const r = await run(argv, files, { cwd: "/w" }, { printer: broken });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/internal\/error/);
      expect(r.stderr).toMatch(/its output does not parse: "a =="/);
      expect(r.stdout).not.toContain("a ==");
    }
    const w = await run(["fmt", "--write", "f.txt", "q.json"], files, { cwd: "/w" }, { printer: broken });
    expect(w.files.get("/w/f.txt")).toBe("a==1\nb == 2\n");
    expect(w.files.get("/w/q.json")).toBe(files["/w/q.json"]);
  });

  it("output that is not a fixed point, or a printer that throws: internal/error", async () => {
    let n = 0;
    const unstable: Printer = (ast, o) => `${print(ast, o)}${" and true".repeat(n++ % 2)}`;
    const r = await run(["fmt", "--write", "f.txt"], { "/w/f.txt": "a==1\n" }, { cwd: "/w" }, { printer: unstable });
    expect([r.code, r.writes]).toEqual([1, []]);
    expect(r.stderr).toMatch(/its output is not stable/);
    const throwing: Printer = () => {
      throw new Error("boom");
    };
    const t = await run(["fmt", "f.txt"], { "/w/f.txt": "a==1\n" }, { cwd: "/w" }, { printer: throwing });
    expect([t.code, t.stdout]).toEqual([1, ""]);
    expect(t.stderr).toMatch(/the printer failed on this filter: boom/);
  });

  it("output on several lines: internal/error everywhere (the printer's contract is one line)", async () => {
    const multiLine: Printer = (ast, o) => print(ast, o).replace(" == ", " ==\n");
    const r = await run(["fmt", "--write", "f.txt", "q.json"], files, { cwd: "/w" }, { printer: multiLine });
    expect([r.code, r.writes, r.stdout]).toEqual([1, [], ""]);
    expect(r.stderr).toMatch(/its output spans several lines/);
  });

  it("a canonical form that cannot stand where a text filter is written is refused there, written in JSON", async () => {
    const padded: Printer = (ast, o) => `${print(ast, o)} `;
    const r = await run(["fmt", "--write", "f.txt", "q.json"], files, { cwd: "/w" }, { printer: padded });
    expect(r.code).toBe(1);
    expect(r.files.get("/w/f.txt")).toBe(files["/w/f.txt"]);
    expect(r.files.get("/w/q.json")).toBe('{"filter": "a == 1 "}');
    expect(r.stderr).toMatch(/cannot be written on this line/);
  });

  it("formatFile verifies the rewritten file reads back as the expected filters", () => {
    const file = new InputFile({ file: "f.txt", path: "/w/f.txt", stdin: false, format: "text", text: "a==1\n# c\nb ==\n" });
    extractFilters(file, { next: 0 });
    const r = formatFile(file, print, { print: {} }, true);
    expect(r.output).toBe("a == 1\n# c\nb ==\n");
    expect(r.filters.map((f) => f.canonical)).toEqual(["a == 1", null]);
    expect(formatFilter(file.filters[1]!, print, { print: {} }).diagnostics[0]!.code).toBe("syntax/unexpected-end");
  });
});

describe("fmt --help", () => {
  it("documents the flags and has examples", async () => {
    const r = await run(["fmt", "--help"], {});
    expect(r.code).toBe(0);
    for (const s of ["Usage: milvus-filter fmt", "--check", "--write", "--sort-lists", "--flatten", "--input-format", "Examples:", "milvus-filter fmt --check"]) {
      expect(r.stdout).toContain(s);
    }
    expect((await run(["--help"], {})).stdout).toMatch(/\n {2}fmt {2,}Print filters in canonical form/);
  });
});
