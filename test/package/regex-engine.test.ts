/**
 * The RE2 engine (re2js) is loaded on first need (src/backends/eval/regex-engine.ts): a browser
 * bundle of the core keeps it in a chunk of its own, and where it cannot be loaded synchronously
 * compiling a regex answers a coded diagnostic until `await loadRegexEngine()` has resolved.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const INDEX = join(ROOT, "src", "index.ts");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mf-re2-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** esbuild bundle of `names` from src/index.ts; returns the metafile and the entry's output path. */
async function bundle(names: string[], platform: "browser" | "node", outdir: string) {
  const entry = join(dir, `entry-${platform}.mjs`);
  writeFileSync(entry, `export { ${names.join(", ")} } from ${JSON.stringify(INDEX)};\n`);
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: "esm",
    platform,
    external: [...builtinModules, "node:*"],
    outdir,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = r.metafile.outputs;
  const entryOut = Object.keys(outputs).find((k) => outputs[k]!.entryPoint)!;
  return { outputs, entryOut };
}

describe("re2js, loaded on first need", () => {
  it("is not in the initial load of a browser bundle of parse + check + print + compileFilter", async () => {
    const { outputs, entryOut } = await bundle(["parse", "check", "print", "compileFilter", "loadRegexEngine"], "browser", join(dir, "browser"));
    const initial = new Set<string>();
    for (const stack = [entryOut]; stack.length > 0; ) {
      const k = stack.pop()!;
      if (initial.has(k)) continue;
      initial.add(k);
      for (const imp of outputs[k]!.imports) if (imp.kind === "import-statement" && !imp.external) stack.push(imp.path);
    }
    const holdsRe2 = (k: string) => Object.keys(outputs[k]!.inputs).some((i) => i.includes("node_modules/re2js/"));
    expect([...initial].filter(holdsRe2)).toEqual([]);
    // …and it is in the bundle, behind an import().
    expect(Object.keys(outputs).filter((k) => !initial.has(k) && holdsRe2(k))).toHaveLength(1);
  });

  it("answers eval/regex-engine-not-loaded where it cannot load synchronously, and matches once loaded", async () => {
    const out = join(dir, "node");
    const { entryOut } = await bundle(["compileRegex", "compileFilterText", "loadSchema", "loadRegexEngine"], "node", out);
    // A browser has no process.getBuiltinModule: take it away, then use the library.
    const script = `delete process.getBuiltinModule;
      const m = await import(${JSON.stringify(join(ROOT, entryOut))});
      const schema = m.loadSchema({ name: "b", fields: { id: "Int64 primary", title: "VarChar" } }).schema;
      const before = m.compileRegex("^D.*e$");
      const plain = m.compileRegex("un");
      const filter = m.compileFilterText('title =~ "^D.*e$"', { schema });
      await Promise.all([m.loadRegexEngine(), m.loadRegexEngine()]);
      const after = m.compileFilterText('title =~ "^D.*e$"', { schema });
      console.log(JSON.stringify({
        before: [before.ok, before.code], plain: [plain.ok, plain.test("Dune")],
        filter: [filter.ok, filter.diagnostics.map((d) => [d.code, d.hint])],
        after: [after.ok, ["Dune", "Solaris", "Duke"].map((title) => after.test({ id: 1n, title }))],
      }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      before: [false, "eval/regex-engine-not-loaded"],
      plain: [true, true],
      filter: [false, [["eval/regex-engine-not-loaded", "await loadRegexEngine() once before compiling a filter with =~ or !~; it fetches the RE2 engine"]]],
      after: [true, [true, false, true]],
    });
  });
});
