import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/cli/version.js";
import { RULES } from "../../src/cli/rules.js";
import { COMMANDS } from "../../src/cli/command-specs.js";
import { run } from "./memory-io.js";
import pkg from "../../package.json";
import { DEFAULT_LIMITS } from "../../src/syntax/parse.js";

describe("milvus-filter (global)", () => {
  it("--version prints package.json's version", async () => {
    expect(VERSION).toBe(pkg.version);
    expect(await run(["--version"])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect((await run(["-v"])).stdout).toBe(`${pkg.version}\n`);
  });

  it("--help and help list the commands; no arguments prints help on stderr with 2", async () => {
    const h = await run(["--help"]);
    expect(h.code).toBe(0);
    for (const c of COMMANDS) expect(h.stdout).toContain(c.name);
    expect((await run(["help"])).stdout).toBe(h.stdout);
    for (const argv of [["help", "--help"], ["help", "-h"], ["help", "help"]]) {
      expect(await run(argv)).toMatchObject({ code: 0, stdout: h.stdout, stderr: "" });
    }
    const none = await run([]);
    expect([none.code, none.stdout, none.stderr]).toEqual([2, "", h.stdout]);
  });

  it("parse --help states the depth limit parse really applies", async () => {
    const r = await run(["parse", "--help"]);
    expect(r.stdout).toMatch(new RegExp(`--max-depth N +Deepest nesting accepted \\(default ${DEFAULT_LIMITS.maxDepth}\\)`));
    const deep = `${"(".repeat(DEFAULT_LIMITS.maxDepth + 1)}a > 1${")".repeat(DEFAULT_LIMITS.maxDepth + 1)}`;
    expect((await run(["parse", "-f", "jsonl", "-"], {}, { stdin: deep })).stdout).toContain("limit/too-deep");
    const within = `${"(".repeat(DEFAULT_LIMITS.maxDepth - 10)}a > 1${")".repeat(DEFAULT_LIMITS.maxDepth - 10)}`;
    expect((await run(["parse", "-f", "jsonl", "-"], {}, { stdin: within })).code).toBe(0);
  });

  it("--help for every subcommand, with examples", async () => {
    for (const c of COMMANDS) {
      for (const argv of [[c.name, "--help"], [c.name, "-h"], ["help", c.name], [c.name, "x", "--help"]]) {
        const r = await run(argv);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`Usage: milvus-filter ${c.name}`);
        expect(r.stdout).toContain("Examples:");
      }
    }
  });

  it("--help wins over other mistakes on the line, but not after --", async () => {
    expect((await run(["lint", "--bogus", "--help"])).code).toBe(0);
    expect((await run(["rules", "extra", "-h"])).code).toBe(0);
    expect((await run(["lint", "--", "--help"])).code).toBe(2); // a file named --help, which does not exist
  });

  it("main() never rejects", async () => {
    const { main } = await import("../../src/cli/main.js");
    let err = "";
    const io = {
      stdout: { write: () => { throw new Error("stdout is gone"); } },
      stderr: { write: (s: string) => (err += s) },
      stdin: async () => "",
      cwd: "/",
      env: {},
      isTTY: { stdout: false, stderr: false },
      fs: { readFile: async () => "", writeFile: async () => undefined, stat: async () => ({ isFile: false, isDirectory: false }), readdir: async () => [] },
    };
    expect(await main(["--version"], io)).toBe(2);
    expect(err).toMatch(/internal error.*stdout is gone/);
  });

  it("names the closest command or option", async () => {
    const a = await run(["lnit", "x"]);
    expect([a.code, a.stderr]).toEqual([2, expect.stringMatching(/unknown command 'lnit'\. Did you mean 'lint'\?/)]);
    const b = await run(["--verison"]);
    expect([b.code, b.stderr]).toEqual([2, expect.stringMatching(/unknown option '--verison'\. Did you mean '--version'\?/)]);
    const c = await run(["help", "prase"]);
    expect([c.code, c.stderr]).toEqual([2, expect.stringMatching(/Did you mean 'parse'/)]);
    const d = await run(["lint", "--outputfile", "x", "f"]);
    expect([d.code, d.stderr]).toEqual([2, expect.stringMatching(/unknown option '--outputfile' for 'lint'\. Did you mean '--output-file'\?/)]);
  });

  it("shows the usage line after a usage mistake", async () => {
    const r = await run(["parse", "--format"]);
    expect(r.stderr).toBe("milvus-filter: option '--format' needs a value (FORMAT)\nUsage: milvus-filter parse [options] FILE…|-\n");
  });

  it("turns an unexpected failure into exit 2 with a report, not a crash", async () => {
    const r = await run(["lint", "-"], {}, {}, { plugins: { check: () => { throw new Error("boom"); } } });
    // a throwing checker is contained per filter…
    expect(r.code).toBe(0);
    const bad = await run(["lint", "-f", "jsonl", "-"], {}, { stdin: "a == 1" }, { plugins: { check: () => { throw new Error("boom"); } } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("the checker failed on this filter: boom");
  });
});

describe("milvus-filter rules", () => {
  it("lists every code with its default severity and description", async () => {
    const r = await run(["rules"]);
    expect(r.code).toBe(0);
    for (const rule of RULES) expect(r.stdout).toMatch(new RegExp(`^${rule.code.replace(/\//g, "\\/")} +(error|warn|info|off)\\*? +${rule.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
    expect(r.stdout).toMatch(/^syntax\/unexpected-token +error\* /m);
    expect(r.stdout).toMatch(/^style\/non-canonical +off /m);
  });

  it("as json and as a markdown table", async () => {
    const j = JSON.parse((await run(["rules", "-f", "json"])).stdout);
    expect(j).toHaveLength(RULES.length);
    expect(j[0]).toEqual({ code: "syntax/unexpected-token", defaultSeverity: "error", description: expect.any(String), configurable: false, fixable: false });
    expect(j.find((x: { code: string }) => x.code === "style/non-canonical")).toMatchObject({ defaultSeverity: "off", configurable: true, fixable: true });
    const m = (await run(["rules", "--format", "markdown"])).stdout.split("\n");
    expect(m[0]).toBe("| code | default | description |");
    expect(m).toHaveLength(RULES.length + 3);
    expect((await run(["rules", "x"])).code).toBe(2);
  });

  it("includes every code the parser and the CLI emit", () => {
    const codes = new Set(RULES.map((r) => r.code));
    for (const c of ["syntax/unexpected-token", "syntax/unexpected-end", "syntax/unterminated-string", "syntax/invalid-character", "syntax/keyword-case", "syntax/is-null-spelling", "syntax/assign-instead-of-equals", "limit/too-deep", "limit/too-long", "limit/too-many-diagnostics", "io/unreadable"]) {
      expect(codes.has(c)).toBe(true);
    }
  });
});
