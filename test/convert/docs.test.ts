/**
 * docs/convert.md: every ```js block runs (imports pointed at the sources) and prints exactly
 * what its `// → …` lines say.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const doc = readFileSync(join(root, "docs/convert.md"), "utf8");
const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
const SOURCES: Record<string, string> = {
  "milvus-filter": "src/index.ts",
  "milvus-filter/convert": "src/convert/index.ts",
  "milvus-filter/guard": "src/guard/index.ts",
  "milvus-filter/with-checks": "src/milvus/with-checks.ts",
};
const dir = mkdtempSync(join(root, "test/convert/.docs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/convert.md examples", () => {
  it("has one runnable example per framework, and for guard", () => {
    const uses = ["fromMongo(", "fromLangChain(", "fromLlamaIndex(", "fromRuleGroup(", "guard("];
    for (const u of uses) expect(blocks.some((b) => b.includes(u)), u).toBe(true);
  });

  it.each(blocks.map((b, i) => [i, b] as const))("example %i prints what it says", async (i, code) => {
    const expected = [...code.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]);
    expect(expected.length).toBeGreaterThan(0);
    const source = code.replace(/from "(milvus-filter(?:\/[a-z-]+)?)"/g, (_, spec: string) => `from ${JSON.stringify(pathToFileURL(join(root, SOURCES[spec]!)).href)}`);
    const file = join(dir, `example-${i}.ts`);
    writeFileSync(file, source);
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual(expected);
  });
});
