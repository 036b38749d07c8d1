/**
 * bin/code-cache.mjs: the CLI bundle compiled from V8's code cache on Node versions without
 * module.enableCompileCache (Node 20). The cache must speed up a second start and never change
 * what runs: other contents, damaged data, a directory others can write, or the switch off.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, DIST_CLI, ensureCliBuilt } from "../cli/build-cli.js";

const LOADER = join(import.meta.dirname, "..", "..", "bin", "code-cache.mjs");
const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");

interface Loaded {
  exports: { answer(): number };
  usedCache: boolean;
  saveCache(): void;
}
interface CodeCache {
  loadWithCodeCache(file: string, options: { dir: string | undefined; key: string }): Loaded;
  cacheDirectory(env: Record<string, string | undefined>): string | undefined;
}
const { loadWithCodeCache, cacheDirectory } = (await import(pathToFileURL(LOADER).href)) as CodeCache;

/** A CommonJS bundle answering `n`; same length for every one-digit n. */
const bundle = (n: number) => `"use strict";\nexports.answer = function answer() { return ${n}; };\n`;

let dir: string;
let file: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mf-code-cache-"));
  file = join(dir, "bundle.cjs");
  cache = join(dir, "cache");
  writeFileSync(file, bundle(4));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cacheFiles = () => readdirSync(cache).filter((f) => !f.endsWith(".tmp"));

describe("bin/code-cache.mjs", () => {
  it("compiles from the cache on the second load, with the same behaviour", () => {
    const first = loadWithCodeCache(file, { dir: cache, key: "lint" });
    expect(first.usedCache).toBe(false);
    first.saveCache();
    expect(cacheFiles()).toEqual([expect.stringMatching(new RegExp(`^lint-[0-9a-f]{8}-${process.version.replace(/\./g, "\\.")}-${process.arch}\\.v8$`))]);
    const second = loadWithCodeCache(file, { dir: cache, key: "lint" });
    expect(second.usedCache).toBe(true);
    expect(second.exports.answer()).toBe(4);
    // A second command has a cache of its own.
    loadWithCodeCache(file, { dir: cache, key: "parse" }).saveCache();
    expect(cacheFiles()).toHaveLength(2);
  });

  it("never runs bytecode made for other contents of the bundle (same length)", () => {
    loadWithCodeCache(file, { dir: cache, key: "lint" }).saveCache();
    writeFileSync(file, bundle(7));
    const changed = loadWithCodeCache(file, { dir: cache, key: "lint" });
    expect(changed.usedCache).toBe(false);
    expect(changed.exports.answer()).toBe(7);
    changed.saveCache();
    const again = loadWithCodeCache(file, { dir: cache, key: "lint" });
    expect(again.usedCache).toBe(true);
    expect(again.exports.answer()).toBe(7);
  });

  it("refuses damaged data (V8 would abort on it) and rewrites it", () => {
    loadWithCodeCache(file, { dir: cache, key: "lint" }).saveCache();
    const path = join(cache, cacheFiles()[0]!);
    const bytes = readFileSync(path);
    const start = 8 + bytes.readUInt32LE(0);
    for (let i = start + 16; i < bytes.length; i += 7) bytes[i]! ^= 0x5a;
    writeFileSync(path, bytes);
    // In a child process: if the check failed, V8's fatal error would take the test runner with it.
    const script = `const { loadWithCodeCache } = await import(${JSON.stringify(pathToFileURL(LOADER).href)});
      const l = loadWithCodeCache(${JSON.stringify(file)}, { dir: ${JSON.stringify(cache)}, key: "lint" });
      l.saveCache(); console.log(JSON.stringify([l.usedCache, l.exports.answer()]));`;
    const run = () => spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    const damaged = run();
    expect(damaged.stderr).toBe("");
    expect(JSON.parse(damaged.stdout)).toEqual([false, 4]);
    expect(JSON.parse(run().stdout)).toEqual([true, 4]);
  });

  it.skipIf(typeof process.getuid !== "function")("does not use a directory others can write to", () => {
    loadWithCodeCache(file, { dir: cache, key: "lint" }).saveCache();
    chmodSync(cache, 0o777);
    const loaded = loadWithCodeCache(file, { dir: cache, key: "lint" });
    expect(loaded.usedCache).toBe(false);
    expect(loaded.exports.answer()).toBe(4);
    loadWithCodeCache(file, { dir: cache, key: "parse" }).saveCache();
    expect(cacheFiles()).toHaveLength(1);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE, and NODE_COMPILE_CACHE moves it", () => {
    expect(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: "1" })).toBeUndefined();
    expect(cacheDirectory({ NODE_COMPILE_CACHE: cache })!.startsWith(join(cache, "milvus-filter-v8"))).toBe(true);
    expect(cacheDirectory({})!.startsWith(join(tmpdir(), "milvus-filter-v8"))).toBe(true);
    const off = loadWithCodeCache(file, { dir: undefined, key: "lint" });
    off.saveCache();
    expect(off.exports.answer()).toBe(4);
    expect(readdirSync(dir)).toEqual(["bundle.cjs"]);
  });

  it("serves the CLI: the same output from a cold and a cached start; a usage error saves nothing", async () => {
    await ensureCliBuilt();
    writeFileSync(join(dir, "one.filter"), "id in [1, 2, 3]\n");
    const env = { ...process.env, NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: "" };
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: "utf8", timeout: 30_000 });
    const lint = () => cli("lint", "-f", "json", "one.filter");
    // eval with a regex: the RE2 engine is loaded on first need, also from cached code.
    const evaluate = () => cli("eval", "--schema", join(EXAMPLES, "schema.json"), "--rows", join(EXAMPLES, "rows.jsonl"), "-f", "count", 'title =~ "^D"');
    expect(cli("lnt").status).toBe(2);
    for (const run of [lint, evaluate]) {
      const cold = run();
      const warm = run();
      expect(cold.stderr).toBe("");
      expect([warm.status, warm.stdout, warm.stderr]).toEqual([cold.status, cold.stdout, cold.stderr]);
    }
    expect(evaluate().stdout).toBe("1\n");
    // Node 22.1+ caches the bundle itself (module.enableCompileCache) and writes no file of ours.
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache !== "function") {
      const [sub] = readdirSync(cache);
      expect(readdirSync(join(cache, sub!)).map((f) => f.split("-")[0]).sort()).toEqual(["eval", "lint"]);
    }
  });

  it("gets a CLI bundle without import(): a script compiled from cached data cannot import() on Node 20", async () => {
    await ensureCliBuilt();
    expect(readFileSync(DIST_CLI, "utf8")).not.toMatch(/\bimport\(/);
  });
});
