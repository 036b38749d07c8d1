/**
 * The package as another project gets it: `npm pack`, installed from the tarball into a fresh
 * project, and the README's library example compiled there under `--strict` with each module
 * resolution a project may use (node16, nodenext, bundler), as ESM and as CommonJS, then run.
 *
 * Needs dist/ (npm test builds first) and the npm cache that `npm ci` filled (re2js is the one
 * runtime dependency; it is installed with --prefer-offline).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docBlocks } from "../docs/blocks.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const work = mkdtempSync(join(tmpdir(), "mf-consumer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The README's library example (the first `ts` block of "## The library"). */
function libraryExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const line = readme.slice(0, readme.indexOf("## The library")).split("\n").length;
  const block = docBlocks("README.md", ROOT).find((b) => b.lang === "ts" && b.line > line);
  if (!block) throw new Error("README.md has no ts block under ## The library");
  return block.body;
}

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

let tarball = "";

beforeAll(() => {
  // --ignore-scripts: dist/ is already built by npm test; prepare would build it again.
  const packed = run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], ROOT);
  expect(packed.status, packed.out).toBe(0);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
}, 240_000);

describe("the packed tarball", () => {
  it("ships the license and the docs, no source maps, and no bundled dependency at run time", () => {
    const list = run("tar", ["-tzf", tarball], work).out.split("\n");
    expect(list).toContain("package/LICENSE");
    expect(list).toContain("package/docs/milvus.md");
    expect(list.filter((f) => f.endsWith(".map"))).toEqual([]);
    const pkg = JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"], work).out) as { dependencies: Record<string, string>; sideEffects: boolean };
    expect(Object.keys(pkg.dependencies)).toEqual(["re2js"]);
    expect(pkg.sideEffects).toBe(false);
  });

  const setups = [
    { name: "ESM, node16", type: "module", module: "Node16", resolution: "Node16", runs: true },
    { name: "ESM, nodenext", type: "module", module: "NodeNext", resolution: "NodeNext", runs: true },
    { name: "ESM, bundler", type: "module", module: "ESNext", resolution: "Bundler", runs: false },
    { name: "CommonJS, node16", type: "commonjs", module: "Node16", resolution: "Node16", runs: true },
    { name: "CommonJS, nodenext", type: "commonjs", module: "NodeNext", resolution: "NodeNext", runs: true },
  ] as const;

  it.each(setups)("installs, and the README library example compiles under --strict and runs: $name", (s) => {
    const dir = join(work, s.name.replace(/[^a-z0-9]+/gi, "-"));
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: s.type }));
    const installed = run("npm", ["install", "--prefer-offline", "--no-package-lock", tarball], dir);
    expect(installed.status, installed.out).toBe(0);
    mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
    writeFileSync(join(dir, "src", "example.ts"), libraryExample());
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, target: "ES2022", module: s.module, moduleResolution: s.resolution, types: ["node"], outDir: "out", rootDir: "src", ...(s.runs ? {} : { noEmit: true }) },
        include: ["src"],
      }),
    );
    const tsc = run(process.execPath, [TSC, "-p", dir, "--pretty", "false"], dir);
    expect(tsc.status, tsc.out).toBe(0);
    if (!s.runs) return;
    // The example reads examples/schema.json and examples/rows.jsonl relative to its directory.
    cpSync(join(ROOT, "examples"), join(dir, "examples"), { recursive: true });
    const ran = run(process.execPath, [join(dir, "out", "example.js")], dir);
    expect(ran.status, ran.out).toBe(0);
    expect(ran.out).toMatch(/^not \(price > 10\) and meta\["tags"\]\[0\] like "sale%" query-first \d+\n$/);
    // The CI example of the README, in this other project: the installed bin lints its filters.
    const lint = run(join(dir, "node_modules", ".bin", "milvus-filter"), ["lint", "-f", "github", "--max-warnings", "0", "--schema", "examples/schema.json", "--params", "examples/params.json", "examples/filters.txt"], dir);
    expect(lint.status, lint.out).toBe(0);
  });
});
