/** readMilvusFilterConfig: the CLI's .milvusfilterrc.json search and validation, as ESLint settings. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readMilvusFilterConfig } from "../../src/eslint/index.js";

const dir = mkdtempSync(join(tmpdir(), "milvus-filter-eslint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readMilvusFilterConfig", () => {
  it("finds the rc file upward and resolves the schema path against it", async () => {
    mkdirSync(join(dir, "app", "src"), { recursive: true });
    writeFileSync(join(dir, "app", ".milvusfilterrc.json"), '{ "schema": "s.json", "target": "2.5", "rules": { "lint/or-chain": "off", "lint/octal-literal": "warning" } }');
    expect(await readMilvusFilterConfig({ cwd: join(dir, "app", "src") })).toEqual({
      schema: join(dir, "app", "s.json"),
      target: "2.5",
      purpose: "delete",
      rules: { "lint/or-chain": "off", "lint/octal-literal": "warn" },
    });
  });

  it("reads the milvusFilter key of package.json", async () => {
    mkdirSync(join(dir, "pkg"), { recursive: true });
    writeFileSync(join(dir, "pkg", "package.json"), '{ "name": "x", "milvusFilter": { "purpose": "query" } }');
    expect(await readMilvusFilterConfig({ cwd: join(dir, "pkg") })).toEqual({ target: "3.0", purpose: "query" });
  });

  it("rejects a broken configuration with the CLI's message", async () => {
    mkdirSync(join(dir, "bad"), { recursive: true });
    writeFileSync(join(dir, "bad", ".milvusfilterrc.json"), '{ "taget": "2.6" }');
    await expect(readMilvusFilterConfig({ cwd: join(dir, "bad") })).rejects.toThrow(/^milvus-filter: unknown configuration key "taget".*Did you mean "target"/);
  });
});
