/**
 * End-to-end: the built CLI (bin/milvus-filter.mjs → dist/cli.cjs) run as a child process.
 * dist/cli.cjs is rebuilt first when missing or older than the sources (see build-cli.ts).
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, ensureCliBuilt } from "./build-cli.js";
import { sarifErrors } from "./sarif-schema.js";
import { MilvusDouble } from "../milvus/milvus-double.js";
import { books } from "../milvus/fixtures.js";

let dir = "";

function cli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "FORCE_COLOR" && k !== "NO_COLOR") env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? dir,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...env, ...options.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (s: string) => s.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "milvus-filter-e2e-"));
  writeFileSync(join(dir, "good.filter"), "# ok\nid in [1, 2, 3]\nprice > 10 and tags is null\n");
  writeFileSync(join(dir, "bad.filter"), 'a == 1\ntitle = "x"\nb in [1, 2\n');
  writeFileSync(join(dir, "crlf-bom.txt"), '\ufeffa == 1\r\n\r\n# c\r\ntitle = "x"   \r\n');
  writeFileSync(join(dir, "requests.jsonl"), '{"collectionName": "books", "filter": "id in {ids}", "exprParams": {"ids": [1, 9007199254740993]}}\n"a  ==  1"\n');
  writeFileSync(join(dir, "query.json"), '[\n  {"filter": "a==1",  "limit": 10},\n  {"filter": "b > \\"x\\" AND", "limit": 5}\n]\n');
  writeFileSync(join(dir, "empty.json"), "{}\n");
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("built CLI", () => {
  it("--version and --help", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(cli(["--version"])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect(cli(["lint", "--help"]).stdout).toContain("Usage: milvus-filter lint");
  });

  it("exit codes: 0 clean, 1 errors, 2 usage", () => {
    expect(cli(["lint", "good.filter"]).code).toBe(0);
    expect(cli(["lint", "bad.filter"]).code).toBe(1);
    const usage = cli(["lint", "--fromat", "json", "good.filter"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Did you mean '--format'\?/);
    expect(cli(["parse", "good.filter"]).code).toBe(0);
    expect(cli(["parse", "bad.filter"]).code).toBe(1);
    expect(cli(["nope"]).code).toBe(2);
  });

  it("reads stdin, with --stdin-filename", () => {
    const r = cli(["lint", "-f", "jsonl", "--stdin-filename", "in.jsonl", "-"], { input: '"a == 1"\n"b =="\n' });
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((x) => [x.file, x.filter, x.ok])).toEqual([
      ["in.jsonl", "a == 1", true],
      ["in.jsonl", "b ==", false],
    ]);
    expect(cli(["parse", "-"], { input: "a == 1" }).code).toBe(0);
  });

  it("stylish: plain when piped, coloured with FORCE_COLOR, summary line", () => {
    const r = cli(["lint", "bad.filter"]);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toContain("\u2716 2 problems (2 errors, 0 warnings)");
    expect(r.stdout).toContain("  2:7   error  '=' is not a comparison: write '=='  syntax/assign-instead-of-equals");
    expect(cli(["lint", "bad.filter"], { env: { FORCE_COLOR: "1" } }).stdout).toMatch(/\u001b\[31m/);
    expect(cli(["lint", "bad.filter"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).toMatch(/\u001b\[31m/);
    expect(cli(["lint", "--no-color", "bad.filter"], { env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
  });

  it("json: ESLint's shape with file positions", () => {
    const out = JSON.parse(cli(["lint", "-f", "json", "bad.filter", "query.json"]).stdout);
    expect(out.map((x: { filePath: string; errorCount: number }) => [x.filePath.endsWith("bad.filter") || x.filePath.endsWith("query.json"), x.errorCount])).toEqual([
      [true, 2],
      [true, 1],
    ]);
    expect(out[1].messages[0]).toMatchObject({ ruleId: "syntax/unexpected-end", severity: 2, line: 3 });
  });

  it("jsonl: the contract", () => {
    const recs = lines(cli(["lint", "-f", "jsonl", "requests.jsonl"]).stdout);
    expect(recs).toEqual([
      { index: 0, file: "requests.jsonl", line: 1, column: 40, filter: "id in {ids}", ok: true, canonical: recs[0]!.canonical, diagnostics: [] },
      { index: 1, file: "requests.jsonl", line: 2, column: 2, filter: "a  ==  1", ok: true, canonical: recs[1]!.canonical, diagnostics: [] },
    ]);
  });

  it("sarif: valid SARIF 2.1.0 pointing at the filter's own line and column", () => {
    const r = cli(["lint", "-f", "sarif", "bad.filter", "query.json", "crlf-bom.txt"]);
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const regions = log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }) => [
      x.locations[0]!.physicalLocation.artifactLocation.uri,
      x.locations[0]!.physicalLocation.region,
    ]);
    expect(regions).toEqual([
      ["bad.filter", { startLine: 2, startColumn: 7, endLine: 2, endColumn: 8 }],
      ["bad.filter", { startLine: 3, startColumn: 11, endLine: 3, endColumn: 11 }],
      ["query.json", { startLine: 3, startColumn: 28, endLine: 3, endColumn: 28 }],
      ["crlf-bom.txt", { startLine: 4, startColumn: 7, endLine: 4, endColumn: 8 }],
    ]);
  });

  it("github: workflow commands", () => {
    const out = cli(["lint", "-f", "github", "bad.filter", "empty.json"]).stdout.trimEnd().split("\n");
    expect(out).toEqual([
      "::error file=bad.filter,line=2,col=7,endLine=2,endColumn=8,title=syntax/assign-instead-of-equals::'=' is not a comparison: write '=='",
      "::error file=bad.filter,line=3,col=11,endLine=3,endColumn=11,title=syntax/unexpected-end::expected ']' after '2' but the filter ended",
      expect.stringMatching(/^::warning file=empty\.json,line=1,col=1,endLine=1,endColumn=1,title=io\/no-filter::no filter found/),
    ]);
    for (const l of out) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?,title=[^,:]+::.+$/);
  });

  it("parse: jsonl, json and tree", () => {
    const j = lines(cli(["parse", "requests.jsonl"]).stdout);
    expect(j.map((x) => [x.index, x.ok])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(JSON.parse(cli(["parse", "-f", "json", "good.filter"]).stdout)).toHaveLength(2);
    expect(cli(["parse", "-f", "tree", "-"], { input: "a == 1" }).stdout).toBe('<stdin>:1:1: a == 1\n  Equality op="==" [0,6)\n    left: Identifier name="a" [0,1)\n    right: Integer value=1 [5,6)\n');
  });

  it("CRLF and BOM input: positions ignore the BOM, filters lose their line endings and trailing blanks", () => {
    const recs = lines(cli(["lint", "-f", "jsonl", "crlf-bom.txt"]).stdout);
    expect(recs.map((x) => [x.line, x.column, x.filter, x.ok])).toEqual([
      [1, 1, "a == 1", true],
      [4, 1, 'title = "x"', false],
    ]);
  });

  it("--max-warnings", () => {
    expect(cli(["lint", "empty.json"]).code).toBe(0);
    const r = cli(["lint", "--max-warnings", "0", "empty.json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/too many warnings \(maximum: 0\)/);
  });

  it("--output-file", () => {
    const r = cli(["lint", "-f", "sarif", "-o", "out/report.sarif", "bad.filter"]);
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(JSON.parse(readFileSync(join(dir, "out", "report.sarif"), "utf8")).version).toBe("2.1.0");
  });

  it("--fix leaves every file parseable and canonical, everything else byte for byte; --fix-dry-run writes nothing", () => {
    const fixDir = join(dir, "fix");
    mkdirSync(fixDir, { recursive: true });
    const originals: Record<string, string> = {
      "f.filter": "\ufeff# keep\r\na==1   AND   b>2\r\n  c IN [1,2]  \r\n",
      "q.json": '{\n  "collectionName": "books",\n  "filter":  "x==\\"y\\"",\n  "limit": 3\n}\n',
      "r.jsonl": '{"filter":"p>1","exprParams":{"v":1.0}}\n"q  ==  2"\n',
    };
    for (const [name, text] of Object.entries(originals)) writeFileSync(join(fixDir, name), text);
    const dry = cli(["lint", "-f", "json", "--fix-dry-run", "f.filter", "q.json", "r.jsonl"], { cwd: fixDir });
    expect(dry.code).toBe(0);
    for (const [name, text] of Object.entries(originals)) expect(readFileSync(join(fixDir, name), "utf8")).toBe(text);
    const dryOut = JSON.parse(dry.stdout) as { output?: string }[];

    const fix = cli(["lint", "--fix", "f.filter", "q.json", "r.jsonl"], { cwd: fixDir });
    expect(fix.code).toBe(0);
    const after = Object.keys(originals).map((name) => readFileSync(join(fixDir, name), "utf8"));
    // The dry run predicted exactly what --fix wrote.
    after.forEach((text, i) => expect(dryOut[i]!.output ?? Object.values(originals)[i]).toBe(text));
    // Every filter now parses and is its own canonical form (canonical is null until the printer lands).
    const recs = lines(cli(["lint", "-f", "jsonl", "f.filter", "q.json", "r.jsonl"], { cwd: fixDir }).stdout);
    expect(recs).toHaveLength(5);
    for (const rec of recs) {
      expect(rec.ok).toBe(true);
      expect(rec.canonical === null || rec.canonical === rec.filter).toBe(true);
    }
    // Outside the filters nothing changed.
    expect(after[0]!.startsWith("\ufeff# keep\r\n")).toBe(true);
    expect(after[0]!.endsWith("  \r\n")).toBe(true);
    expect(after[1]!.replace(/"filter":  "[^\n]*",/, "")).toBe(originals["q.json"]!.replace(/"filter":  "[^\n]*",/, ""));
    expect(after[2]!).toContain(',"exprParams":{"v":1.0}}\n');
  });

  it("--fix refuses stdin", () => {
    const r = cli(["lint", "--fix", "-"], { input: "a == 1" });
    expect(r.code).toBe(2);
  });

  it("no progress bar when stderr is piped, even for many filters", () => {
    writeFileSync(join(dir, "many.filter"), Array.from({ length: 6000 }, (_, i) => `id == ${i}`).join("\n"));
    const r = cli(["lint", "many.filter"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
  });

  it("the examples: filters.txt and the request files pass; bad-filters.txt fails", () => {
    const ok = cli(
      ["lint", "--schema", "examples/schema.json", "--params", "examples/params.json", "examples/filters.txt", "examples/delete-requests.jsonl", "examples/query-requests.json"],
      { cwd: ROOT },
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^\u2714 \d+ filters in 3 files: no problems\n$/);
    const bad = cli(["lint", "-f", "jsonl", "--schema", "examples/schema.json", "examples/bad-filters.txt"], { cwd: ROOT });
    expect(bad.code).toBe(1);
    const codes = lines(bad.stdout).flatMap((r) => (r.diagnostics as { code: string }[]).map((d) => d.code));
    expect(codes).toEqual(expect.arrayContaining(["syntax/assign-instead-of-equals", "syntax/unterminated-string", "syntax/keyword-case", "syntax/unexpected-end"]));
    // Run from examples/, the rc file there supplies schema and params.
    const here = cli(["lint", "--print-config"], { cwd: join(ROOT, "examples") });
    expect(JSON.parse(here.stdout)).toMatchObject({ schema: "schema.json", params: "params.json", target: "2.6", purpose: "delete", ignore: ["bad-filters.txt"] });
  });

  it("examples/README's `lint .`: every filter file linted, rows.jsonl passed over, bad-filters.txt ignored", () => {
    const r = cli(["lint", "."], { cwd: join(ROOT, "examples") });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\u2714 \d+ filters in \d+ files: no problems\n$/);
    const verbose = cli(["lint", "-f", "jsonl", "."], { cwd: join(ROOT, "examples") });
    const files = new Set(lines(verbose.stdout).map((x) => x.file));
    expect(files).toContain("filters.txt");
    expect(files).not.toContain("bad-filters.txt");
  });
});

describe("built CLI: fmt", () => {
  const originals: Record<string, string> = {
    "f.filter": "\ufeff# keep\r\na==1   AND   b>2\r\n  c IN [3,1,1]  \r\nbroken ==\r\nok == 1\r\n",
    "q.json": '[\n  {"collectionName": "books", "filter":  "x==\\"y\\"",  "limit": 3},\n  {"filter": "id in [2,1]"}\n]\n',
    "r.jsonl": '{"filter":"p>1","exprParams":{"v":1.0}}\n"q  ==  2"\n',
  };
  let fmtDir = "";
  beforeAll(() => {
    fmtDir = join(dir, "fmt");
    mkdirSync(fmtDir, { recursive: true });
    for (const [name, text] of Object.entries(originals)) writeFileSync(join(fmtDir, name), text);
  });
  const names = Object.keys(originals);

  it("prints canonical forms of text (CRLF, BOM), JSON and JSONL; a broken filter goes to stderr, exit 1", () => {
    const r = cli(["fmt", ...names], { cwd: fmtDir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('a == 1 and b > 2\nc in [3, 1, 1]\nok == 1\nx == "y"\nid in [2, 1]\np > 1\nq == 2\n');
    expect(r.stderr).toContain("f.filter\n  4:10  error");
    expect(r.stderr).toContain("syntax/unexpected-end");
    const sorted = cli(["fmt", "--sort-lists", "-"], { input: "id in [2,1,2]\r\n" });
    expect([sorted.code, sorted.stdout, sorted.stderr]).toEqual([0, "id in [1, 2]\n", ""]);
  });

  it("--check: 1 with the non-canonical filters as file:line:column, 0 when canonical", () => {
    const r = cli(["fmt", "--check", "q.json", "r.jsonl"], { cwd: fmtDir });
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").map((l) => l.replace(/: not canonical.*/, ""))).toEqual(["q.json:2:43", "q.json:3:15", "r.jsonl:1:12", "r.jsonl:2:2", ""]);
    expect(r.stderr).toBe("4 of 4 filters are not in canonical form; 'milvus-filter fmt --write' rewrites them.\n");
    expect(cli(["fmt", "--check", "-"], { input: "a == 1\n" })).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(cli(["fmt", "--check", "--write", "q.json"], { cwd: fmtDir }).code).toBe(2);
  });

  it("--write rewrites in place (only the filters), and a second --write gives the same files", () => {
    const w = join(dir, "fmt-write");
    mkdirSync(w, { recursive: true });
    for (const [name, text] of Object.entries(originals)) writeFileSync(join(w, name), text);
    const first = cli(["fmt", "--write", ...names], { cwd: w });
    expect(first.code).toBe(1); // "broken ==" is reported and left alone
    expect(first.stdout).toBe("f.filter\nq.json\nr.jsonl\n");
    const after = names.map((n) => readFileSync(join(w, n), "utf8"));
    expect(after).toEqual([
      "\ufeff# keep\r\na == 1 and b > 2\r\n  c in [3, 1, 1]  \r\nbroken ==\r\nok == 1\r\n",
      '[\n  {"collectionName": "books", "filter":  "x == \\"y\\"",  "limit": 3},\n  {"filter": "id in [2, 1]"}\n]\n',
      '{"filter":"p > 1","exprParams":{"v":1.0}}\n"q == 2"\n',
    ]);
    const second = cli(["fmt", "--write", ...names], { cwd: w });
    expect([second.code, second.stdout]).toEqual([1, ""]);
    expect(names.map((n) => readFileSync(join(w, n), "utf8"))).toEqual(after);
    expect(cli(["fmt", "--check", "q.json", "r.jsonl"], { cwd: w }).code).toBe(0);
    // lint agrees: every filter that parses is now its own canonical form.
    const recs = lines(cli(["lint", "-f", "jsonl", ...names], { cwd: w }).stdout);
    for (const rec of recs) if (rec.ok) expect(rec.canonical).toBe(rec.filter);
  });

  it("--help", () => {
    const r = cli(["fmt", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: milvus-filter fmt");
    expect(r.stdout).toContain("Examples:");
  });
});

describe("built CLI: Milvus commands", () => {
  // The double serves from this process, so the CLI runs asynchronously (spawnSync would block it).
  function cliAsync(args: string[], env: Record<string, string>, input = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolvePromise) => {
      const child = execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
        resolvePromise({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
      child.stdin?.end(input);
    });
  }
  let double: MilvusDouble;
  let env: Record<string, string>;
  beforeAll(async () => {
    double = await MilvusDouble.start({ token: "root:E2e-Secret" });
    double.addCollection(books());
    env = { MILVUS_URI: double.url, MILVUS_TOKEN: "root:E2e-Secret" };
  });
  afterAll(async () => {
    await double?.close();
  });

  it("delete: refuses without a terminal and without --yes (exit 2), sends with --yes", async () => {
    const refused = await cliAsync(["delete", "--collection", "books", "id in [1]"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/standard input is not a terminal/);
    expect(double.requestsTo("/v2/vectordb/entities/delete")).toHaveLength(0);
    const sent = await cliAsync(["delete", "--collection", "books", "--yes", "-"], env, "id == 2\n");
    expect([sent.code, sent.stdout]).toEqual([0, expect.stringMatching(/deleted: deleteCount 1/)]);
    expect(sent.stdout + sent.stderr).not.toContain("E2e-Secret");
  });

  it("lint --collection uses the live schema", async () => {
    const r = await cliAsync(["lint", "-f", "jsonl", "--collection", "books", "-"], env, "year > 1990\nnope == 1\n");
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((x) => x.ok)).toEqual([true, false]);
  });
});
