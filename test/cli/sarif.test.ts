import { describe, expect, it } from "vitest";
import type { AnalysisPlugins } from "../../src/cli/analyze.js";
import { RULES } from "../../src/cli/rules.js";
import { makeDiagnostic } from "../../src/diag/diagnostic.js";
import { OFFICIAL_SARIF_SCHEMA, sarifErrors } from "./sarif-schema.js";
import { run } from "./memory-io.js";

const infoPlugin: AnalysisPlugins = {
  check: (parsed) =>
    parsed.source.text.includes("pk")
      ? { diagnostics: [makeDiagnostic(parsed.source, { code: "io/no-filter", severity: "info", message: "takes the fast path", span: { start: 0, end: 2 }, hint: "h" })] }
      : { diagnostics: [] },
};

async function sarifFor() {
  const files = {
    "/repo/filters/bad one.filter": 'a == 1\n  title = "x"\n',
    "/repo/req/q.json": '[\n  {"filter": "ok == 1"},\n  {"collectionName": "c", "filter": "b in [1, 2"}\n]\n',
    "/repo/req/empty.json": "{}",
    "/repo/p.txt": "pk == 1\n",
    "/repo/locked.txt": "a == 1\n",
  };
  const r = await run(["lint", "-f", "sarif", "filters", "req/q.json", "req/empty.json", "p.txt", "locked.txt"], files, { cwd: "/repo", unreadable: ["/repo/locked.txt"] }, { plugins: infoPlugin });
  return { r, log: JSON.parse(r.stdout) };
}

describe("sarif", () => {
  it("validates against the official SARIF 2.1.0 schema", async () => {
    const { r, log } = await sarifFor();
    expect(r.code).toBe(1);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(sarifErrors(log)).toEqual([]);
  });

  it("the official schema is really applied: it rejects what GitHub would reject", () => {
    expect(OFFICIAL_SARIF_SCHEMA.title).toMatch(/SARIF\) Version 2\.1\.0/);
    const bad = {
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "x", rules: [{ id: "a", defaultConfiguration: { level: "fatal" } }] } }, results: [{ ruleId: "a", locations: [], extra: 1 }] }],
    };
    expect(sarifErrors(bad)).toEqual(
      expect.arrayContaining([
        '.runs[0].tool.driver.rules[0].defaultConfiguration.level: should be equal to one of the allowed values ["none","note","warning","error"]',
        ".runs[0].results[0]: should have required property 'message'",
        ".runs[0].results[0]: should NOT have additional properties",
      ]),
    );
    expect(sarifErrors({ runs: [] })).toContain("(log): should have required property 'version'");
    expect(sarifErrors({ version: "2.1.0", $schema: "not a uri", runs: [] })).toEqual(['.$schema: should match format "uri"']);
    const region = (r: Record<string, unknown>) => ({
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, locations: [{ physicalLocation: { artifactLocation: { uri: "a" }, region: r } }] }] }],
    });
    expect(sarifErrors(region({ startLine: 1, startColumn: 1 }))).toEqual([]);
    expect(sarifErrors(region({ startLine: 0 }))).toEqual([".runs[0].results[0].locations[0].physicalLocation.region.startLine: should be >= 1"]);
  });

  it("describes the tool and every rule with its configured level", async () => {
    const { log } = await sarifFor();
    const run0 = log.runs[0];
    expect(run0.tool.driver).toMatchObject({ name: "milvus-filter", informationUri: "https://www.npmjs.com/package/milvus-filter" });
    expect(run0.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.code));
    const canon = run0.tool.driver.rules.find((x: { id: string }) => x.id === "style/non-canonical");
    expect(canon.defaultConfiguration).toEqual({ level: "none", enabled: false });
    expect(run0.columnKind).toBe("utf16CodeUnits");
    expect(run0.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///repo/" } });
  });

  it("points each result into the input file at the filter's own line and column", async () => {
    const { log } = await sarifFor();
    const results = log.runs[0].results as {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string; index: number }; region: Record<string, number> } }[];
    }[];
    const brief = results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region]);
    expect(brief).toEqual([
      ["syntax/assign-instead-of-equals", "error", "filters/bad%20one.filter", { startLine: 2, startColumn: 9, endLine: 2, endColumn: 10 }],
      ["syntax/unexpected-end", "error", "req/q.json", { startLine: 3, startColumn: 48, endLine: 3, endColumn: 48 }],
      ["io/no-filter", "warning", "req/empty.json", { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }],
      ["io/no-filter", "note", "p.txt", { startLine: 1, startColumn: 1, endLine: 1, endColumn: 3 }],
      ["io/unreadable", "error", "locked.txt", { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }],
    ]);
    expect(results[3]!.message.text).toBe("takes the fast path\nhint: h");
    for (const x of results) {
      expect(x.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(log.runs[0].tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
      const idx = x.locations[0]!.physicalLocation.artifactLocation.index;
      expect(log.runs[0].artifacts[idx].location.uri).toBe(x.locations[0]!.physicalLocation.artifactLocation.uri);
    }
  });

  it("gives stable fingerprints that do not depend on the line", async () => {
    const a = JSON.parse((await run(["lint", "-f", "sarif", "f.txt"], { "/w/f.txt": "b ==\n" }, { cwd: "/w" })).stdout);
    const b = JSON.parse((await run(["lint", "-f", "sarif", "f.txt"], { "/w/f.txt": "\n\nb ==\nb ==\n" }, { cwd: "/w" })).stdout);
    const fp = (log: { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }) => log.runs[0]!.results.map((x) => x.partialFingerprints["milvusFilter/v1"]);
    expect(fp(b)[0]).toBe(fp(a)[0]);
    expect(fp(b)[1]).not.toBe(fp(b)[0]);
  });

  it("names stdin 'stdin', or by --stdin-filename", async () => {
    const a = JSON.parse((await run(["lint", "-f", "sarif", "-"], {}, { stdin: "a ==" })).stdout);
    expect(a.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("stdin");
    const b = JSON.parse((await run(["lint", "-f", "sarif", "--stdin-filename", "src/f.filter", "-"], {}, { stdin: "a ==" })).stdout);
    expect(b.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("src/f.filter");
    expect(sarifErrors(a)).toEqual([]);
    expect(sarifErrors(b)).toEqual([]);
  });
});
