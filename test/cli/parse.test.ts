import { describe, expect, it } from "vitest";
import { astToJson, astToPlain, astTree } from "../../src/cli/ast-json.js";
import { parse } from "../../src/syntax/parse.js";
import { jsonLines, run } from "./memory-io.js";

describe("AST serialisation", () => {
  it("writes every property, kind/id/span first, bigints as strings", () => {
    const ast = parse("id in [9223372036854775807, 0x10] and meta[\"a\"][0] == 'x'").ast!;
    const json = astToJson(ast);
    expect(json.startsWith('{"kind":"And","id":')).toBe(true);
    const plain = astToPlain(ast) as { operands: Record<string, unknown>[] };
    const term = plain.operands[0] as { right: { elements: Record<string, unknown>[] } };
    expect(term.right.elements[0]).toEqual({ kind: "Integer", id: expect.any(Number), span: { start: 7, end: 26 }, value: "9223372036854775807", raw: "9223372036854775807" });
    expect(term.right.elements[1]).toMatchObject({ value: "16", raw: "0x10" });
    expect(plain.operands[1]).toMatchObject({ kind: "Equality", left: { kind: "JSONIdentifier", base: "meta", keys: [{ kind: "key", value: "a" }, { kind: "index", value: "0" }] } });
    expect(astToJson(null)).toBe("null");
  });

  it("is stable: the same input gives the same text", () => {
    const text = "a > 1.5e3 or not (b is null) and c like \"x%\"";
    expect(astToJson(parse(text).ast!)).toBe(astToJson(parse(text).ast!));
  });

  it("writes float values JSON cannot hold (NaN, Infinity) as strings", () => {
    expect(astToJson(parse("a > 1e999").ast!)).toMatch(/"value":"(NaN|Infinity)","raw":"1e999"/);
  });

  it("draws a tree, one node per line with key fields and spans", () => {
    expect(astTree(parse('10 <= pages < 200 and title == "Dune"').ast!)).toEqual([
      "And [0,37)",
      "  Range lowerInclusive=true upperInclusive=false [0,17)",
      "    lower: Integer value=10 [0,2)",
      '    field: Identifier name="pages" [6,11)',
      "    upper: Integer value=200 [14,17)",
      '  Equality op="==" [22,37)',
      '    left: Identifier name="title" [22,27)',
      '    right: String value="Dune" [31,37)',
    ]);
  });
});

describe("milvus-filter parse", () => {
  const FILE = '# comment\nid in [9007199254740993]\nbad ==\n';

  it("jsonl: the contract, in input order, exit 1 when any filter fails", async () => {
    const r = await run(["parse", "f.txt"], { "/work/f.txt": FILE });
    expect(r.code).toBe(1);
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => Object.keys(x))).toEqual([
      ["index", "file", "line", "column", "filter", "ok", "ast", "diagnostics"],
      ["index", "file", "line", "column", "filter", "ok", "ast", "diagnostics"],
    ]);
    expect(recs[0]).toMatchObject({ index: 0, file: "f.txt", line: 2, column: 1, filter: "id in [9007199254740993]", ok: true, diagnostics: [] });
    expect((recs[0]!.ast as { right: { elements: { value: unknown }[] } }).right.elements[0]!.value).toBe("9007199254740993");
    expect(recs[1]).toMatchObject({
      index: 1,
      line: 3,
      ok: false,
      ast: null,
      diagnostics: [{ code: "syntax/unexpected-end", severity: "error", line: 1, column: 7, endLine: 1, endColumn: 7 }],
    });
  });

  it("exit 0 when everything parses; 2 for usage errors", async () => {
    expect((await run(["parse", "-"], {}, { stdin: "a == 1\n" })).code).toBe(0);
    expect((await run(["parse", "-f", "yaml", "-"], {}, { stdin: "a == 1\n" })).code).toBe(2);
    expect((await run(["parse"], {})).code).toBe(2);
  });

  it("json: the same objects in one array", async () => {
    const r = await run(["parse", "-f", "json", "f.txt"], { "/work/f.txt": FILE });
    const arr = JSON.parse(r.stdout);
    expect(arr.map((x: { index: number }) => x.index)).toEqual([0, 1]);
    expect(JSON.parse((await run(["parse", "-f", "json", "f.txt"], { "/work/f.txt": "# none\n" })).stdout)).toEqual([]);
  });

  it("tree: a header per filter, then the tree or the diagnostics positioned in the file", async () => {
    const r = await run(["parse", "-f", "tree", "f.txt"], { "/work/f.txt": FILE });
    expect(r.stdout).toBe(
      [
        "f.txt:2:1: id in [9007199254740993]",
        "  Term negated=false [0,24)",
        '    left: Identifier name="id" [0,2)',
        "    right: Array [6,24)",
        "      Integer value=9007199254740993 [7,23)",
        "f.txt:3:1: bad ==",
        "  f.txt:3:7: error syntax/unexpected-end: expected a value after '==' but the filter ended",
        "    | bad ==",
        "    |       ^",
        "",
      ].join("\n"),
    );
  });

  it("reads jsonl request bodies and reports file problems as records", async () => {
    const r = await run(["parse", "--input-format", "jsonl", "log.txt"], { "/work/log.txt": '{"filter": "a == 1"}\n[1]\n' });
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => [x.index, x.filter, x.ok])).toEqual([
      [0, "a == 1", true],
      [null, null, false],
    ]);
    expect(recs[1]).toMatchObject({ ast: null, diagnostics: [{ code: "io/no-filter" }] });
    expect(r.code).toBe(1);
  });

  it("--max-depth and --max-length set the parser's limits", async () => {
    const deep = `${"(".repeat(20)}a == 1${")".repeat(20)}`;
    const r = await run(["parse", "--max-depth", "5", "-"], {}, { stdin: deep });
    expect(jsonLines(r.stdout)[0]!.diagnostics).toMatchObject([{ code: "limit/too-deep" }]);
    const l = await run(["parse", "--max-length", "3", "-"], {}, { stdin: "a == 1" });
    expect(jsonLines(l.stdout)[0]!.diagnostics).toMatchObject([{ code: "limit/too-long" }]);
  });

  it("colours tree diagnostics with --color, and names stdin by --stdin-filename", async () => {
    const r = await run(["parse", "-f", "tree", "--color", "--stdin-filename", "in.filter", "-"], {}, { stdin: "a ==" });
    expect(r.stdout).toMatch(/\u001b\[31merror/);
    expect(r.stdout.startsWith("in.filter:1:1: a ==")).toBe(true);
    expect((await run(["parse", "-f", "tree", "-"], {}, { stdin: "a ==", tty: true })).stdout).toMatch(/\u001b\[/);
    expect((await run(["parse", "-f", "tree", "--no-color", "-"], {}, { stdin: "a ==", tty: true })).stdout).not.toMatch(/\u001b\[/);
  });

  it("writes to --output-file", async () => {
    const r = await run(["parse", "-o", "out/ast.jsonl", "-"], {}, { stdin: "a == 1" });
    expect(r.stdout).toBe("");
    expect(jsonLines(r.files.get("/work/out/ast.jsonl")!)[0]!.ok).toBe(true);
  });
});
