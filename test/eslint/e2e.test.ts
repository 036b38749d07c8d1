/**
 * End-to-end: the real `eslint` binary with the built plugin (dist/eslint.js, imported as
 * `milvus-filter/eslint` by examples/eslint/eslint.config.mjs) on the example project.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DIST_CLI, ROOT, cliIsStale } from "../cli/build-cli.js";

const EXAMPLE = join(ROOT, "examples", "eslint");
const ESLINT = join(ROOT, "node_modules", "eslint", "bin", "eslint.js");
const PLUGIN = join(ROOT, "dist", "eslint.js");

interface LintMessage {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
  output?: string;
}

function eslint(args: string[]) {
  const r = spawnSync(process.execPath, [ESLINT, "--format", "json", ...args], { cwd: EXAMPLE, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, results: JSON.parse(r.stdout || "[]") as LintResult[], stderr: r.stderr };
}

/** "file:line:column rule [code]" for each message, in order. */
function summary(results: LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.map((m) => {
      const code = /\[([a-z]+\/[a-z-]+)\]$/.exec(m.message)?.[1];
      return `${r.filePath.slice(EXAMPLE.length + 1)}:${m.line}:${m.column} ${m.ruleId.replace("milvus-filter/", "")}${code ? ` ${code}` : ""}`;
    }),
  );
}

beforeAll(async () => {
  // `npm test` builds first; run alone, rebuild the library bundles (no type declarations) when stale.
  // (Sources newer than the CLI bundle, or a CLI bundle rebuilt alone by the CLI tests after the plugin was built.)
  const stale = !existsSync(PLUGIN) || cliIsStale() || statSync(PLUGIN).mtimeMs < statSync(DIST_CLI).mtimeMs;
  if (!stale) return;
  const { build } = await import("tsup");
  const configs = (await import("../../tsup.config.js")).default as unknown as { entry?: Record<string, string> }[];
  const lib = configs.find((c) => c.entry && "eslint" in c.entry)!;
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    await build({ ...lib, dts: false, clean: false, config: false, silent: true } as Parameters<typeof build>[0]);
  } finally {
    process.chdir(cwd);
  }
}, 120_000);

describe("eslint with milvus-filter/eslint on examples/eslint", () => {
  it("reports every filter problem at its place, and nothing else", () => {
    const r = eslint(["."]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(summary(r.results)).toEqual([
      "src/app.ts:13:74 valid-filter schema/unknown-field",
      "src/app.ts:15:51 valid-filter purpose/delete-always-true",
      "src/app.ts:15:61 valid-filter version/unsupported",
      "src/app.ts:17:50 no-interpolated-filter",
      "src/app.ts:19:75 valid-filter type/incomparable",
      "src/app.ts:22:108 valid-filter schema/unknown-field",
      "src/app.ts:24:45 valid-filter type/incomparable",
      "src/app.ts:25:33 valid-filter purpose/delete-always-true",
      "src/app.ts:25:48 valid-filter version/unsupported",
      "src/app.ts:26:42 valid-filter schema/unknown-field",
      "src/app.ts:28:70 valid-filter syntax/unexpected-end",
      "src/app.ts:29:56 valid-filter schema/unknown-field",
      "src/app.ts:32:38 valid-filter type/bitwise",
      "src/app.ts:32:38 valid-filter version/unsupported",
      "src/legacy.js:3:59 no-interpolated-filter",
      "src/legacy.js:4:27 valid-filter purpose/delete-always-true",
      "src/legacy.js:4:42 valid-filter version/unsupported",
    ]);
    // The reported columns point at the words in the source, through the \u0022 escapes of line 19.
    const app = readFileSync(join(EXAMPLE, "src", "app.ts"), "utf8").split("\n");
    expect(app[12]!.slice(73, 77)).toBe("yaer");
    expect(app[18]!.slice(74, 89)).toBe('price > \\"cheap');
    expect(app[25]!.slice(41, 46)).toBe("titel");
  });

  it("fixes interpolated filters with the filter tagged template (no String() for a string-typed value)", () => {
    const r = eslint(["--fix-dry-run", "."]);
    const byFile = new Map(r.results.map((x) => [x.filePath.slice(EXAMPLE.length + 1), x.output]));
    expect(byFile.get("src/app.ts")).toContain("await client.delete({ collection_name, filter: filter`tenant == ${tenant}`.text });");
    const legacy = byFile.get("src/legacy.js")!;
    expect(legacy.startsWith('import { filter } from "milvus-filter";\n')).toBe(true);
    expect(legacy).toContain('filter: filter`year < ${year}`.text });');
  });
});
