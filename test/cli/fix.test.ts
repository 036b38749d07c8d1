import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/cli/analyze.js";
import { applyFixes, fixFor } from "../../src/cli/fix.js";
import { collectInputs, extractFilters, InputFile } from "../../src/cli/inputs.js";
import type { CliIO } from "../../src/cli/io.js";
import { lintFiles } from "../../src/cli/lint-engine.js";
import { parse } from "../../src/syntax/parse.js";
import { fakePlugins, fakePrint } from "./fake-printer.js";
import { memoryFs } from "./memory-io.js";

function fileOf(name: string, text: string, format: "text" | "jsonl" | "json"): InputFile {
  const f = new InputFile({ file: name, path: `/w/${name}`, stdin: false, format, text });
  extractFilters(f, { next: 0 });
  return f;
}

/** Applies the fake canonicaliser's fixes to a file, as `lint --fix` does. */
function fixed(name: string, text: string, format: "text" | "jsonl" | "json"): string {
  const f = fileOf(name, text, format);
  const fixes = f.filters.flatMap((x) => {
    const r = parse(x.text);
    const fix = fixFor(x, r.ast ? fakePrint(r.ast) : null, r.ast === null);
    return fix ? [fix] : [];
  });
  return f.withBom(applyFixes(f, fixes));
}

describe("fix splicing", () => {
  it("text: replaces only the filter's characters; keeps comments, indentation, trailing blanks, CRLF and BOM", () => {
    const text = "\ufeff# keep me\r\n  a==1   AND b>2 \t\r\n\r\nc IN [1,2,3]\r\nbroken ==\r\nalready == 1";
    expect(fixed("f.txt", text, "text")).toBe("\ufeff# keep me\r\n  a == 1 and b > 2 \t\r\n\r\nc in [1, 2, 3]\r\nbroken ==\r\nalready == 1");
  });

  it("json: splices a re-encoded string literal into the exact span, everything else byte for byte", () => {
    const text = '{\n    "collectionName" : "books",\n    "filter":   "title==\\"Dune\\"  &&  pages>100",\n    "exprParams": {}\n}\n';
    expect(fixed("q.json", text, "json")).toBe(
      '{\n    "collectionName" : "books",\n    "filter":   "title == \\"Dune\\" and pages > 100",\n    "exprParams": {}\n}\n',
    );
  });

  it("json: several filters on one line, escapes written fresh", () => {
    const text = '[{"filter":"a==\\u0031"},{"filter":"b  ==  \\"x\\\\ty\\""},{"filter":"c =="}]';
    expect(fixed("q.json", text, "json")).toBe('[{"filter":"a == 1"},{"filter":"b == \\"x\\\\ty\\""},{"filter":"c =="}]');
  });

  it("jsonl: each line's literal, CRLF kept, bad lines untouched", () => {
    const text = '"a==1"\r\n{"filter": "b  >  2", "exprParams": {"x": 1.50}}\r\nnot json\r\n';
    expect(fixed("r.jsonl", text, "jsonl")).toBe('"a == 1"\r\n{"filter": "b > 2", "exprParams": {"x": 1.50}}\r\nnot json\r\n');
  });

  it("never fixes a filter with an error, a canonical one, or one whose canonical form would break the line", () => {
    const f = fileOf("f.txt", "a==1\n", "text");
    const input = f.filters[0]!;
    expect(fixFor(input, "a == 1", true)).toBeNull();
    expect(fixFor(input, null, false)).toBeNull();
    expect(fixFor(input, "a==1", false)).toBeNull();
    expect(fixFor(input, "a ==\n1", false)).toBeNull();
    expect(fixFor(input, "# a == 1", false)).toBeNull();
    expect(fixFor(input, "a == 1", false)).toEqual({ range: [0, 4], text: "a == 1" });
    const j = fileOf("q.json", '{"filter": "a==1"}', "json").filters[0]!;
    expect(fixFor(j, 'a == "\n"', false)).toEqual({ range: [11, 17], text: '"a == \\"\\n\\""' });
  });
});

describe("lint engine with fixes", () => {
  const io = (files: Record<string, string>): CliIO => ({
    stdout: { write: () => undefined },
    stderr: { write: () => undefined },
    stdin: async () => "",
    cwd: "/w",
    env: {},
    isTTY: { stdout: false, stderr: false },
    fs: memoryFs(new Map(Object.entries(files))),
  });
  const meta = { cwd: "/w", version: "0", severities: new Map() };

  it("reports the fixed file (dry run): output set, filters re-read from it, fix gone", async () => {
    const files = await collectInputs(["f.txt"], io({ "/w/f.txt": "a==1\nb ==\n" }));
    const report = lintFiles(files, createAnalyzer({ target: "3.0", purpose: "delete" }, fakePlugins), { overrides: {}, quiet: false, fix: "dry-run" }, meta);
    const fr = report.files[0]!;
    expect(fr.output).toBe("a == 1\nb ==\n");
    expect(fr.filters.map((f) => [f.input.text, f.canonical, f.fix])).toEqual([
      ["a == 1", "a == 1", null],
      ["b ==", null, null],
    ]);
    expect(report.errorCount).toBe(1);
  });

  it("without a printer nothing is fixable and canonical is null", async () => {
    const files = await collectInputs(["f.txt"], io({ "/w/f.txt": "a==1\n" }));
    const report = lintFiles(files, createAnalyzer({ target: "3.0", purpose: "delete" }), { overrides: {}, quiet: false, fix: "fix" }, meta);
    expect(report.files[0]!.output).toBeUndefined();
    expect(report.files[0]!.filters[0]!.canonical).toBeNull();
  });

  it("style/non-canonical, when enabled, carries the fix and counts as fixable", async () => {
    const files = await collectInputs(["f.txt"], io({ "/w/f.txt": "a==1\na == 2\n" }));
    const report = lintFiles(
      files,
      createAnalyzer({ target: "3.0", purpose: "delete" }, fakePlugins),
      { overrides: { "style/non-canonical": "warning" }, quiet: false, fix: "none" },
      meta,
    );
    expect(report.warningCount).toBe(1);
    expect(report.fixableWarningCount).toBe(1);
    expect(report.files[0]!.filters[0]!.diagnostics.map((d) => d.code)).toEqual(["style/non-canonical"]);
    expect(report.files[0]!.filters[0]!.fix).toEqual({ range: [0, 4], text: "a == 1" });
  });

  it("a printer whose output does not parse is caught before anything is written", async () => {
    const files = await collectInputs(["f.txt"], io({ "/w/f.txt": "a == 1\n" }));
    const broken = { print: () => "a ==" };
    const report = lintFiles(files, createAnalyzer({ target: "3.0", purpose: "delete" }, broken), { overrides: {}, quiet: false, fix: "fix" }, meta);
    expect(report.files[0]!.output).toBeUndefined();
    expect(report.files[0]!.filters[0]!.canonical).toBeNull();
    expect(report.files[0]!.filters[0]!.diagnostics[0]!.message).toMatch(/the printer failed on this filter: its output does not parse: "a =="/);
  });

  it("a printer that throws becomes internal/error on that filter only", async () => {
    const files = await collectInputs(["f.txt"], io({ "/w/f.txt": "a == 1\na like \"x%\"\n" }));
    const report = lintFiles(files, createAnalyzer({ target: "3.0", purpose: "delete" }, fakePlugins), { overrides: {}, quiet: false, fix: "fix" }, meta);
    const [ok, bad] = report.files[0]!.filters;
    expect(ok!.ok).toBe(true);
    expect(bad!.diagnostics.map((d) => d.code)).toEqual(["internal/error"]);
    expect(bad!.fix).toBeNull();
  });
});
