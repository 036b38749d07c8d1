import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AnalysisPlugins, CheckOptions } from "../../src/cli/analyze.js";
import { makeDiagnostic } from "../../src/diag/diagnostic.js";
import { github } from "../../src/cli/format/github.js";
import { InputFile } from "../../src/cli/inputs.js";
import { fakePlugins } from "./fake-printer.js";
import { jsonLines, run } from "./memory-io.js";

const SCHEMA = readFileSync(new URL("../../examples/schema.json", import.meta.url), "utf8");
const ANSI = /\u001b\[\d+m/;

const BAD = "a == 1\ntitle = \"x\"\n# comment\nb in [1, 2\n";

describe("exit codes", () => {
  it("0 when clean, 1 on an error, 2 on a usage error", async () => {
    expect((await run(["lint", "f.txt"], { "/work/f.txt": "a == 1\n" })).code).toBe(0);
    expect((await run(["lint", "f.txt"], { "/work/f.txt": BAD })).code).toBe(1);
    expect((await run(["lint", "--bogus", "f.txt"], { "/work/f.txt": "a == 1" })).code).toBe(2);
    expect((await run(["lint"], {})).code).toBe(2);
    // Nothing to read is a usage error, as in ESLint: a CI step with a mistyped path must fail.
    const missing = await run(["lint", "missing.txt"], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no files matching 'missing\.txt' were found/);
    expect((await run(["lint", "-f", "github", "--max-warnings", "0", "nothing/*.txt"], {})).code).toBe(2);
  });

  it("an unreadable file is one diagnostic; the other files are still linted", async () => {
    const r = await run(["lint", "-f", "jsonl", "locked.txt", "ok.txt"], { "/work/locked.txt": "a == 1", "/work/ok.txt": "b ==" }, { unreadable: ["/work/locked.txt"] });
    expect(r.code).toBe(1);
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => [x.file, x.index, x.ok])).toEqual([
      ["locked.txt", null, false],
      ["ok.txt", 0, false],
    ]);
    expect((recs[0]!.diagnostics as { code: string }[])[0]!.code).toBe("io/unreadable");
  });
});

describe("stylish", () => {
  it("is plain when piped: file, line:column in the file, caret snippet, summary", async () => {
    const r = await run(["lint", "f.txt"], { "/work/f.txt": BAD });
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout).toBe(
      [
        "",
        "f.txt",
        "  2:7   error  '=' is not a comparison: write '=='  syntax/assign-instead-of-equals",
        "        | title = \"x\"",
        "        |       ^",
        "  4:11  error  expected ']' after '2' but the filter ended  syntax/unexpected-end",
        "        | b in [1, 2",
        "        |           ^",
        "",
        "\u2716 2 problems (2 errors, 0 warnings)",
        "",
        "",
      ].join("\n"),
    );
  });

  it("a clean run says so in one line (nothing with --quiet or a machine format)", async () => {
    const files = { "/work/f.txt": "a == 1\nb == 2\n", "/work/g.txt": "c == 3\n" };
    expect((await run(["lint", "f.txt", "g.txt"], files)).stdout).toBe("\u2714 3 filters in 2 files: no problems\n");
    expect((await run(["lint", "f.txt"], { "/work/f.txt": "a == 1" })).stdout).toBe("\u2714 1 filter in 1 file: no problems\n");
    expect((await run(["lint", "--quiet", "f.txt"], files)).stdout).toBe("");
    expect((await run(["lint", "-f", "json", "f.txt"], files)).stdout).not.toContain("no problems");
  });

  it("is coloured on a TTY, honouring --no-color, NO_COLOR and FORCE_COLOR", async () => {
    const files = { "/work/f.txt": BAD };
    expect((await run(["lint", "f.txt"], files, { tty: true })).stdout).toMatch(ANSI);
    expect((await run(["lint", "--no-color", "f.txt"], files, { tty: true })).stdout).not.toMatch(ANSI);
    expect((await run(["lint", "f.txt"], files, { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ANSI);
    expect((await run(["lint", "f.txt"], files, { tty: false, env: { FORCE_COLOR: "1" } })).stdout).toMatch(ANSI);
    expect((await run(["lint", "f.txt"], files, { tty: true, env: { FORCE_COLOR: "0" } })).stdout).not.toMatch(ANSI);
    expect((await run(["lint", "--color", "f.txt"], files, { tty: false })).stdout).toMatch(ANSI);
  });

  it("points into a JSON file at the filter's own line and column", async () => {
    const r = await run(["lint", "q.json"], { "/work/q.json": '[\n  {"filter": "a == 1"},\n  {"collectionName": "c", "filter": "b = \\"x\\""}\n]\n' });
    expect(r.stdout).toContain("  3:40  error  '=' is not a comparison");
    expect(r.stdout).toContain('| b = "x"');
  });
});

describe("json (ESLint shape)", () => {
  it("has ESLint's result fields, positions in the file, and the source", async () => {
    const r = await run(["lint", "-f", "json", "f.txt", "g.txt"], { "/work/f.txt": BAD, "/work/g.txt": "c == 1\n" });
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0]!)).toEqual([
      "filePath",
      "messages",
      "suppressedMessages",
      "errorCount",
      "fatalErrorCount",
      "warningCount",
      "fixableErrorCount",
      "fixableWarningCount",
      "source",
      "usedDeprecatedRules",
    ]);
    expect(out[0]).toMatchObject({ filePath: "/work/f.txt", errorCount: 2, fatalErrorCount: 2, warningCount: 0, source: BAD });
    expect(out[0]!.messages).toEqual([
      { ruleId: "syntax/assign-instead-of-equals", severity: 2, message: "'=' is not a comparison: write '=='", line: 2, column: 7, endLine: 2, endColumn: 8, fatal: true },
      { ruleId: "syntax/unexpected-end", severity: 2, message: "expected ']' after '2' but the filter ended", line: 4, column: 11, endLine: 4, endColumn: 11, fatal: true },
    ]);
    expect(out[1]).toMatchObject({ filePath: "/work/g.txt", messages: [], errorCount: 0 });
    expect(out[1]!.source).toBeUndefined();
  });

  it("calls stdin <text> unless --stdin-filename names it", async () => {
    const a = JSON.parse((await run(["lint", "-f", "json", "-"], {}, { stdin: "a ==" })).stdout);
    expect(a[0].filePath).toBe("<text>");
    const b = JSON.parse((await run(["lint", "-f", "json", "--stdin-filename", "x/y.filter", "-"], {}, { stdin: "a ==" })).stdout);
    expect(b[0].filePath).toBe("/work/x/y.filter");
  });
});

describe("jsonl (the contract)", () => {
  it("one object per filter in input order, positions relative to the filter", async () => {
    const r = await run(["lint", "-f", "jsonl", "f.txt"], { "/work/f.txt": BAD });
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => Object.keys(x))).toEqual(Array(3).fill(["index", "file", "line", "column", "filter", "ok", "canonical", "diagnostics"]));
    expect(recs[0]).toEqual({ index: 0, file: "f.txt", line: 1, column: 1, filter: "a == 1", ok: true, canonical: "a == 1", diagnostics: [] });
    expect(recs[1]).toEqual({
      index: 1,
      file: "f.txt",
      line: 2,
      column: 1,
      filter: 'title = "x"',
      ok: false,
      canonical: null,
      diagnostics: [
        { code: "syntax/assign-instead-of-equals", severity: "error", message: "'=' is not a comparison: write '=='", line: 1, column: 7, endLine: 1, endColumn: 8 },
      ],
    });
    expect(recs[2]!.index).toBe(2);
    expect(recs[2]!.line).toBe(4);
  });

  it("fills canonical once a printer is plugged in", async () => {
    const r = await run(["lint", "-f", "jsonl", "-"], {}, { stdin: "a==1\nb ==\n" }, { plugins: fakePlugins });
    expect(jsonLines(r.stdout).map((x) => x.canonical)).toEqual(["a == 1", null]);
  });

  it("interleaves file problems (index null) with filters by position", async () => {
    const r = await run(["lint", "-f", "jsonl", "r.jsonl"], { "/work/r.jsonl": '"a == 1"\n{oops\n"b == 2"\n' });
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => [x.index, x.line, x.filter])).toEqual([
      [0, 1, "a == 1"],
      [null, 2, null],
      [1, 3, "b == 2"],
    ]);
    expect(r.code).toBe(1);
  });
});

describe("github annotations", () => {
  it("writes one workflow command per problem with escaped properties and message", async () => {
    const r = await run(["lint", "-f", "github", "dir,1/a:b%.txt"], { "/work/dir,1/a:b%.txt": 'ok == 1\ntitle = "x"\n' });
    expect(r.stdout).toBe(
      "::error file=dir%2C1/a%3Ab%25.txt,line=2,col=7,endLine=2,endColumn=8,title=syntax/assign-instead-of-equals::'=' is not a comparison: write '=='\n",
    );
  });

  it("encodes newlines in messages and uses ::warning / ::notice by severity", async () => {
    const r = await run(["lint", "-f", "github", "x.json"], { "/work/x.json": "{}" });
    expect(r.stdout).toMatch(/^::warning file=x\.json,line=1,col=1,endLine=1,endColumn=1,title=io\/no-filter::no filter found/);
    const plugins: AnalysisPlugins = {
      check: (parsed) => ({
        diagnostics: [makeDiagnostic(parsed.source, { code: "io/no-filter", severity: "info", message: "50% done\nnext: line", span: { start: 0, end: 1 }, hint: "h" })],
      }),
    };
    const n = await run(["lint", "-f", "github", "-"], {}, { stdin: "a == 1" }, { plugins });
    expect(n.stdout).toBe("::notice file=<stdin>,line=1,col=1,endLine=1,endColumn=2,title=io/no-filter::50%25 done%0Anext: line%0Ahint: h\n");
  });

  it("maps a filter that spans lines once decoded back onto its one line in the file", async () => {
    const plugins: AnalysisPlugins = {
      check: (parsed) => ({ diagnostics: [makeDiagnostic(parsed.source, { code: "io/no-filter", severity: "warning", message: "m", span: { start: 0, end: 7 } })] }),
    };
    const r = await run(["lint", "-f", "github", "r.jsonl"], { "/work/r.jsonl": '"a ==\\n 1"\n' }, {}, { plugins });
    expect(r.stdout).toBe("::warning file=r.jsonl,line=1,col=2,endLine=1,endColumn=10,title=io/no-filter::m\n");
  });

  it("leaves columns out of multi-line problems", () => {
    const file = new InputFile({ file: "m.txt", path: "/work/m.txt", stdin: false, format: "text", text: "ab\ncd\n" });
    file.addProblem("io/no-filter", "spans", 1, 4, "warning");
    const counts = { errorCount: 0, warningCount: 1, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
    const report = { cwd: "/work", version: "0", severities: new Map(), totalWarningCount: 1, filterCount: 0, files: [{ file, problems: file.problems, filters: [], ...counts }], ...counts };
    expect(github(report, { color: false })).toBe("::warning file=m.txt,line=1,endLine=2,title=io/no-filter::spans\n");
  });
});

describe("options", () => {
  it("--output-file writes the report (creating directories) and nothing to stdout", async () => {
    const r = await run(["lint", "-f", "json", "-o", "reports/lint.json", "f.txt"], { "/work/f.txt": BAD });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(r.files.get("/work/reports/lint.json")!)[0].errorCount).toBe(2);
    const bad = await run(["lint", "-o", "ro.txt", "f.txt"], { "/work/f.txt": BAD }, { readOnly: ["/work/ro.txt"] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot write the report to ro.txt/);
  });

  it("--max-warnings N fails when warnings exceed N; --quiet hides warnings but they still count", async () => {
    const files = { "/work/a.json": "{}", "/work/b.json": "[]" }; // two io/no-filter warnings
    expect((await run(["lint", "a.json", "b.json"], files)).code).toBe(0);
    expect((await run(["lint", "--max-warnings", "2", "a.json", "b.json"], files)).code).toBe(0);
    const over = await run(["lint", "--max-warnings", "1", "a.json", "b.json"], files);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/too many warnings \(maximum: 1\)/);
    expect(over.stdout).toMatch(/2 problems \(0 errors, 2 warnings\)/);
    const quiet = await run(["lint", "--quiet", "--max-warnings", "1", "a.json", "b.json"], files);
    expect(quiet.stdout).toBe("");
    expect(quiet.code).toBe(1);
    const q = await run(["lint", "--quiet", "-f", "json", "a.json", "f.txt"], { ...files, "/work/f.txt": BAD });
    const out = JSON.parse(q.stdout);
    expect(out[0]).toMatchObject({ warningCount: 0, messages: [] });
    expect(out[1].errorCount).toBe(2);
  });

  it("--rule changes severities; fatal codes cannot be changed; unknown codes are named", async () => {
    const files = { "/work/a.json": "{}" };
    const off = await run(["lint", "-f", "json", "--rule", "io/no-filter=off", "a.json"], files);
    expect(JSON.parse(off.stdout)[0].messages).toEqual([]);
    const err = await run(["lint", "--rule", "io/no-filter=error", "a.json"], files);
    expect(err.code).toBe(1);
    const fatal = await run(["lint", "--rule", "syntax/unexpected-end=off", "a.json"], files);
    expect([fatal.code, fatal.stderr]).toEqual([2, expect.stringMatching(/cannot be changed/)]);
    const unknown = await run(["lint", "--rule", "io/no-filtr=off", "a.json"], files);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringMatching(/unknown rule "io\/no-filtr"\. Did you mean "io\/no-filter"\?/)]);
    const shape = await run(["lint", "--rule", "io/no-filter", "a.json"], files);
    expect(shape.code).toBe(2);
  });

  it("--input-format overrides the extension", async () => {
    const r = await run(["lint", "-f", "jsonl", "--input-format", "jsonl", "log.txt"], { "/work/log.txt": '{"filter": "a == 1"}\n' });
    expect(jsonLines(r.stdout).map((x) => x.filter)).toEqual(["a == 1"]);
    expect((await run(["lint", "--input-format", "xml", "log.txt"], {})).code).toBe(2);
  });

  it("--target and --purpose are checked", async () => {
    const r = await run(["lint", "--target", "2.7", "f.txt"], { "/work/f.txt": "a == 1" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("2.3.0–2.3.20, 2.4.0–2.4.24, 2.5.0–2.5.26, 2.6.0–2.6.18, 3.0");
    expect((await run(["lint", "--purpose", "update", "f.txt"], { "/work/f.txt": "a == 1" })).code).toBe(2);
  });

  it("--target and the config's target take exact releases", async () => {
    expect((await run(["lint", "--target", "v2.6.17", "--purpose", "query", "f.txt"], { "/work/f.txt": "a like {p}" })).code).toBe(0);
    expect((await run(["lint", "--target", "2.6.16", "--purpose", "query", "f.txt"], { "/work/f.txt": "a like {p}" })).code).toBe(1);
    const bad = await run(["lint", "f.txt"], { "/work/f.txt": "a == 1", "/work/.milvusfilterrc.json": '{"target": "2.5.99"}' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("in /work/.milvusfilterrc.json");
  });

  it("--schema loads the schema; a bad one is a configuration error (2)", async () => {
    expect((await run(["lint", "--schema", "s.json", "f.txt"], { "/work/s.json": SCHEMA, "/work/f.txt": "id == 1" })).code).toBe(0);
    const bad = await run(["lint", "--schema", "s.json", "f.txt"], { "/work/s.json": '{"fields": {"id": "Int65"}}', "/work/f.txt": "id == 1" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the schema in \/work\/s.json is not usable:\n {2}fields.id: .*\[schema\/unknown-type\]/);
    const missing = await run(["lint", "--schema", "nope.json", "f.txt"], { "/work/f.txt": "id == 1" });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read the schema file/)]);
  });

  it("--params must be a JSON object", async () => {
    const f = { "/work/f.txt": "id in {ids}" };
    expect((await run(["lint", "--params", "p.json", "f.txt"], { ...f, "/work/p.json": '{"ids": [1]}' })).code).toBe(0);
    expect((await run(["lint", "--params", "p.json", "f.txt"], { ...f, "/work/p.json": "[1]" })).code).toBe(2);
    const broken = await run(["lint", "--params", "p.json", "f.txt"], { ...f, "/work/p.json": "{" });
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringMatching(/p.json:1:2: invalid JSON/)]);
  });

  it("hands schema, target, purpose and each filter's template values to the checker", async () => {
    const seen: CheckOptions[] = [];
    const plugins: AnalysisPlugins = { check: (_p, o) => (seen.push(o), { diagnostics: [] }) };
    const files = {
      "/work/s.json": SCHEMA,
      "/work/p.json": '{"ids": [1, 2]}',
      "/work/r.jsonl": '"id in {ids}"\n{"filter": "id in {ids}", "exprParams": {"ids": [9007199254740993]}}\n',
    };
    const r = await run(["lint", "--schema", "s.json", "--params", "p.json", "--target", "2.5", "--purpose", "query", "r.jsonl"], files, {}, { plugins });
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.schema?.field("title")?.enableMatch).toBe(true);
    expect([seen[0]!.target, seen[0]!.purpose]).toEqual(["2.5", "query"]);
    expect(seen[0]!.params).toEqual({ ids: [1, 2] });
    expect(seen[1]!.params).toEqual({ ids: [9007199254740993n] });
    const bare: CheckOptions[] = [];
    await run(["lint", "-"], {}, { stdin: "a == 1" }, { plugins: { check: (_p, o) => (bare.push(o), { diagnostics: [] }) } });
    expect(bare[0]).toEqual({ target: "3.0", purpose: "delete" });
  });

  it("checker diagnostics get configured severities and count as problems", async () => {
    const plugins: AnalysisPlugins = {
      check: (parsed) => ({ diagnostics: [makeDiagnostic(parsed.source, { code: "io/no-filter", severity: "warning", message: "w", span: { start: 0, end: 1 } })] }),
    };
    const r = await run(["lint", "-f", "jsonl", "--rule", "io/no-filter=error", "-"], {}, { stdin: "a == 1" }, { plugins });
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: false, diagnostics: [{ code: "io/no-filter", severity: "error" }] });
  });
});

describe("--fix and --fix-dry-run", () => {
  const files = {
    "/work/f.txt": "\ufeffa==1\r\n# c\r\nb ==\r\n  c  IN [1,2]  \r\n",
    "/work/q.json": '{\n  "filter" : "x==\\"y\\"",\n  "exprParams": {"v": 1.0}\n}\n',
    "/work/r.jsonl": '{"filter":"p>1"}\n"q  ==  2"\n',
  };

  it("--fix rewrites each error-free filter in place and reports what is left", async () => {
    const r = await run(["lint", "-f", "json", "--fix", "f.txt", "q.json", "r.jsonl"], files, {}, { plugins: fakePlugins });
    expect(r.code).toBe(1);
    expect(r.files.get("/work/f.txt")).toBe("\ufeffa == 1\r\n# c\r\nb ==\r\n  c in [1, 2]  \r\n");
    expect(r.files.get("/work/q.json")).toBe('{\n  "filter" : "x == \\"y\\"",\n  "exprParams": {"v": 1.0}\n}\n');
    expect(r.files.get("/work/r.jsonl")).toBe('{"filter":"p > 1"}\n"q == 2"\n');
    const out = JSON.parse(r.stdout);
    expect(out[0].output).toBe(r.files.get("/work/f.txt"));
    expect(out[0].messages.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line])).toEqual([["syntax/unexpected-end", 3]]);
    expect(r.writes.sort()).toEqual(["/work/f.txt", "/work/q.json", "/work/r.jsonl"]);
  });

  it("does not write a file that needs no fix", async () => {
    const r = await run(["lint", "--fix", "ok.txt"], { "/work/ok.txt": "a == 1\n" }, {}, { plugins: fakePlugins });
    expect([r.code, r.writes]).toEqual([0, []]);
  });

  it("--fix-dry-run writes nothing and puts the fixed text in the json output", async () => {
    const r = await run(["lint", "-f", "json", "--fix-dry-run", "f.txt", "-"], files, { stdin: "z==1\n" }, { plugins: fakePlugins });
    expect(r.writes).toEqual([]);
    const out = JSON.parse(r.stdout);
    expect(out[0].output).toBe("\ufeffa == 1\r\n# c\r\nb ==\r\n  c in [1, 2]  \r\n");
    expect(out[1]).toMatchObject({ filePath: "<text>", output: "z == 1\n" });
    expect(r.files.get("/work/f.txt")).toBe(files["/work/f.txt"]);
  });

  it("--fix refuses stdin and --fix-dry-run together with --fix", async () => {
    expect((await run(["lint", "--fix", "-"], {}, { stdin: "a==1" })).stderr).toMatch(/--fix cannot rewrite standard input/);
    expect((await run(["lint", "--fix", "--fix-dry-run", "f.txt"], files)).code).toBe(2);
  });

  it("reports a failed write and exits 2", async () => {
    const r = await run(["lint", "--fix", "f.txt"], files, { readOnly: ["/work/f.txt"] }, { plugins: fakePlugins });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the fixes to f.txt: EACCES/);
  });

  it("stylish mentions fixable problems when style/non-canonical is on", async () => {
    const r = await run(["lint", "--rule", "style/non-canonical=warn", "r.jsonl"], files, {}, { plugins: fakePlugins });
    expect(r.stdout).toContain("0 errors and 2 warnings potentially fixable with the `--fix` option.");
    const j = JSON.parse((await run(["lint", "-f", "json", "--rule", "style/non-canonical=warn", "r.jsonl"], files, {}, { plugins: fakePlugins })).stdout);
    expect(j[0].messages[0]).toMatchObject({ ruleId: "style/non-canonical", severity: 1, fix: { range: [10, 15], text: '"p > 1"' } });
    expect(j[0].fixableWarningCount).toBe(2);
  });
});

describe("configuration", () => {
  const rc = (o: unknown) => JSON.stringify(o);

  it("finds .milvusfilterrc.json upward from the working directory; paths are relative to it", async () => {
    const files = {
      "/proj/.milvusfilterrc.json": rc({ schema: "conf/schema.json", target: "2.4", rules: { "io/no-filter": "off" } }),
      "/proj/conf/schema.json": SCHEMA,
      "/proj/sub/f.txt": "a == 1",
    };
    const r = await run(["lint", "--print-config"], files, { cwd: "/proj/sub" });
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.stdout);
    expect(cfg).toMatchObject({ configFile: "/proj/.milvusfilterrc.json", schema: "/proj/conf/schema.json", target: "2.4", purpose: "delete", params: null });
    expect(cfg.rules["io/no-filter"]).toBe("off");
    expect(cfg.rules["syntax/unexpected-token"]).toBe("error");
    expect(cfg.rules["style/non-canonical"]).toBe("off");
  });

  it("reads the milvusFilter key of package.json; flags override; the rc file wins in the same directory", async () => {
    const pkg = { "/p/package.json": rc({ name: "x", milvusFilter: { purpose: "query", target: "2.5", params: { a: 1 } } }) };
    const cfg = JSON.parse((await run(["lint", "--print-config", "--target", "2.6"], pkg, { cwd: "/p" })).stdout);
    expect(cfg).toMatchObject({ configFile: "/p/package.json", purpose: "query", target: "2.6", params: { a: 1 } });
    const both = JSON.parse((await run(["lint", "--print-config"], { ...pkg, "/p/.milvusfilterrc.json": "{}" }, { cwd: "/p" })).stdout);
    expect(both.configFile).toBe("/p/.milvusfilterrc.json");
    const none = JSON.parse((await run(["lint", "--print-config"], { "/q/package.json": rc({ name: "y" }) }, { cwd: "/q" })).stdout);
    expect(none).toMatchObject({ configFile: null, target: "3.0", purpose: "delete" });
  });

  it("--config names the file; mistakes in it are configuration errors (2) with a suggestion", async () => {
    const cfg = JSON.parse((await run(["lint", "--print-config", "-c", "x/my.json"], { "/work/x/my.json": rc({ schema: "s.json" }) })).stdout);
    expect(cfg.schema).toBe("x/s.json");
    const typo = await run(["lint", "f.txt"], { "/work/.milvusfilterrc.json": rc({ schmea: "s.json" }), "/work/f.txt": "a == 1" });
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/unknown configuration key "schmea".*Did you mean "schema"\?/)]);
    const broken = await run(["lint", "f.txt"], { "/work/.milvusfilterrc.json": "{,}", "/work/f.txt": "a == 1" });
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringMatching(/\.milvusfilterrc\.json:1:2: invalid JSON/)]);
    const badRule = await run(["lint", "f.txt"], { "/work/.milvusfilterrc.json": rc({ rules: { "io/no-filter": "loud" } }), "/work/f.txt": "a == 1" });
    expect([badRule.code, badRule.stderr]).toEqual([2, expect.stringMatching(/must be "off", "info", "warn" or "error"/)]);
    const missing = await run(["lint", "-c", "nope.json", "f.txt"], { "/work/f.txt": "a == 1" });
    expect(missing.code).toBe(2);
  });

  it("a config's rules apply to the run", async () => {
    const r = await run(["lint", "a.json"], { "/work/.milvusfilterrc.json": rc({ rules: { "io/no-filter": 2 } }), "/work/a.json": "{}" });
    expect(r.code).toBe(1);
  });
});

describe("progress bar", () => {
  const many = Array.from({ length: 5001 }, (_, i) => `id == ${i}`).join("\n");
  let t = 0;
  const now = () => (t += 1000);

  it("draws on a TTY stderr for more than 5000 filters and erases itself", async () => {
    const r = await run(["lint", "-f", "jsonl", "-o", "out.jsonl", "f.txt"], { "/work/f.txt": many }, { tty: { stdout: false, stderr: true }, now, columns: 100 });
    expect(r.stderr).toMatch(/\r\[#+-*\] +\d+% \d+\/5001 filters/);
    expect(r.stderr).toMatch(/5001\/5001 filters\r +\r$/);
  });

  it("never when stderr is piped, or for small runs", async () => {
    expect((await run(["lint", "f.txt"], { "/work/f.txt": many }, { tty: { stdout: true, stderr: false }, now })).stderr).toBe("");
    expect((await run(["lint", "f.txt"], { "/work/f.txt": "a == 1" }, { tty: true, now })).stderr).toBe("");
  });
});
