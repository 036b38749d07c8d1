/**
 * Every example in README.md, examples/README.md and docs/*.md runs as written (rustdoc's and
 * doctest's idea): `ts`/`js` blocks are compiled with `tsc --strict` against the built package, as
 * a user's project would import it, then run; `console` blocks run each `$ command` with
 * `milvus-filter` on the PATH and compare the output with the lines shown (`...` or `…` stands for
 * any lines). A block that cannot run here says why in a directive (see blocks.ts).
 *
 * Needs `dist/` (npm test builds first).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { consoleSteps, docBlocks, matchTranscript, type DocBlock } from "./blocks.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCS = ["README.md", "examples/README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const blocks = DOCS.flatMap((f) => docBlocks(f, ROOT));
const code = blocks.filter((b) => ["ts", "js", "typescript", "javascript"].includes(b.lang));
const transcripts = blocks.filter((b) => b.lang === "console");
const where = (b: DocBlock): string => `${b.file}:${b.line}`;
const slug = (b: DocBlock): string => `${b.file.replace(/[^A-Za-z0-9]+/g, "_")}_${b.line}`;

const work = mkdtempSync(join(tmpdir(), "mf-docs-"));
afterAll(() => { if (!process.env.KEEP_DOCS_WORK) rmSync(work, { recursive: true, force: true }); });

/** A consumer project: `milvus-filter` resolves to this checkout through its package exports. */
function project(): { dir: string; compiled: Map<DocBlock, string>; errors: Map<DocBlock, string[]> } {
  const dir = join(work, "project");
  mkdirSync(join(dir, "src"), { recursive: true });
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules", "milvus-filter"), "dir");
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        types: ["node"],
        outDir: "out",
        rootDir: "src",
        skipLibCheck: true,
        noEmitOnError: false,
      },
      include: ["src"],
    }),
  );
  const compiled = new Map<DocBlock, string>();
  const files = new Map<string, DocBlock>();
  for (const b of code) {
    if (b.mode === "skip") continue;
    const name = `${slug(b)}.ts`;
    // Each block is a module of its own (top-level await works; names do not collide).
    writeFileSync(join(dir, "src", name), `${b.prelude}\n${b.body}\nexport {};\n`);
    files.set(name, b);
    compiled.set(b, join(dir, "out", name.replace(/\.ts$/, ".js")));
  }
  // tsc reports no type errors at all while any file has a syntax error: such files get their
  // syntax errors, are taken out, and the rest is compiled again.
  const errors = new Map<DocBlock, string[]>();
  for (let round = 0; round < 3; round++) {
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    const syntaxBroken = new Set<string>();
    for (const line of `${tsc.stdout}`.split("\n")) {
      const m = /^src\/([^(]+)\((\d+),(\d+)\): (error TS(\d+).*)$/.exec(line);
      if (!m) continue;
      const b = files.get(m[1]!)!;
      if (m[5]!.startsWith("1") && m[5]!.length === 4) syntaxBroken.add(m[1]!);
      const lineInBlock = Number(m[2]) - b.prelude.split("\n").length;
      const list = errors.get(b) ?? [];
      list.push(`${b.file}:${b.line + lineInBlock}: ${m[4]}`);
      errors.set(b, list);
    }
    if (tsc.status !== 0 && errors.size === 0) throw new Error(`tsc failed without block errors:\n${tsc.stdout}${tsc.stderr}`);
    if (syntaxBroken.size === 0) break;
    for (const name of syntaxBroken) rmSync(join(dir, "src", name));
  }
  return { dir, compiled, errors };
}

describe("docs: code blocks", () => {
  const built = existsSync(join(ROOT, "dist", "index.js"));
  const setup = built ? project() : undefined;

  it.each(code.map((b) => [where(b), b] as const))("%s", (_at, b) => {
    if (!setup) throw new Error("dist/ is missing: run npm run build (npm test does)");
    if (b.mode === "skip") {
      expect(b.reason, `${where(b)}: a skipped block says why`).toBeTruthy();
      return;
    }
    expect(setup.errors.get(b) ?? [], "compiles under tsc --strict").toEqual([]);
    if (b.mode === "compile-only") {
      expect(b.reason, `${where(b)}: a compile-only block says why`).toBeTruthy();
      return;
    }
    const r = spawnSync(process.execPath, [setup.compiled.get(b)!], { cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stderr.includes("Error") ? r.stderr : "", "runs without an uncaught error").toBe("");
    expect(r.status).toBe(0);
  });
});

describe("docs: console transcripts", () => {
  const bin = join(work, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "milvus-filter"), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "milvus-filter.mjs")}" "$@"\n`);
  chmodSync(join(bin, "milvus-filter"), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1", MILVUS_FILTER_HISTORY: "0", CI: "" };

  it.each(transcripts.map((b) => [where(b), b] as const))("%s", (_at, b) => {
    if (b.mode === "skip") {
      expect(b.reason, `${where(b)}: a skipped block says why`).toBeTruthy();
      return;
    }
    for (const step of consoleSteps(b.body)) {
      // A REPL session: the typed lines (after the prompts) are its input; what it prints between
      // them is compared. The banner before the first prompt is for terminals only.
      const repl = / repl\b/.test(step.command) && step.expected.some((l) => l.startsWith("filter> "));
      let input = "";
      let expected = step.expected;
      if (repl) {
        const first = expected.findIndex((l) => l.startsWith("filter> "));
        const typed = expected.slice(first).filter((l) => l.startsWith("filter> ") || l.startsWith("... "));
        input = `${typed.map((l) => l.replace(/^(filter>|\.\.\.) /, "")).join("\n")}\n`;
        expected = expected.slice(first).filter((l) => !l.startsWith("filter> ") && !l.startsWith("... "));
      }
      const r = spawnSync("bash", ["-c", step.command], { cwd: ROOT, env, input, encoding: "utf8", timeout: 60_000 });
      const actual = `${r.stdout}${r.stderr}`.split("\n");
      const missing = matchTranscript(expected, actual);
      expect(missing, `${where(b)}: $ ${step.command}\n--- output ---\n${actual.join("\n")}`).toBeUndefined();
    }
  });
});
