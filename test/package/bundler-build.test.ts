/**
 * dist/module/, the ESM build bundlers resolve (package.json: each "import" has "node" for the
 * pre-bundled dist/*.js and "default" for dist/module/). It must behave as the sources do, keep one
 * builder across subpaths, and let an application's bundler leave out what it does not import.
 * Needs dist/ (npm test builds first).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs helper of the bench, without types
import { bundleWorkspace, measureBundle } from "../../bench/lib/bundle.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { import?: { node: string; default: string } }>;
};
const load = (rel: string) => import(pathToFileURL(join(ROOT, rel)).href);

interface Bundle {
  text: string;
  nodeImports: string[];
}

describe("dist/module (the bundlers' build)", () => {
  const subpaths = Object.entries(pkg.exports).filter(([k]) => k !== "./package.json");

  it("is what every subpath's import resolves to outside Node, beside the Node build", () => {
    for (const [name, e] of subpaths) {
      const imp = typeof e === "object" ? e.import : undefined;
      expect(imp?.default, name).toMatch(/^\.\/dist\/module\//);
      expect(imp?.node, name).toMatch(/^\.\/dist\/[^/]+\.js$/);
      expect(existsSync(join(ROOT, imp!.default)), imp!.default).toBe(true);
    }
  });

  it("parses, prints and compiles as the sources do", async () => {
    const lib = (await load("dist/module/index.js")) as typeof import("../../src/index.js");
    const ok = lib.parse('id in [1, 2, 3] and title like "The %"');
    expect(lib.print(ok.ast!)).toBe('id in [1, 2, 3] and title like "The %"');
    expect(lib.parse("a == 'x").diagnostics.map((d) => d.code)).toEqual(["syntax/unterminated-string"]);
    const schema = lib.loadSchema({ name: "books", fields: { id: "Int64 primary", title: "VarChar" } }).schema!;
    const f = lib.compileFilterText('id > 2 and title like "D%"', { schema });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect([1n, 3n].map((id) => f.test({ id, title: "Dune" }))).toEqual([false, true]);
  });

  it("shares one builder between subpaths: a Filter from milvus-filter/convert is a Filter for milvus-filter", async () => {
    const lib = (await load("dist/module/index.js")) as typeof import("../../src/index.js");
    const convert = (await load("dist/module/convert/index.js")) as typeof import("../../src/convert/index.js");
    expect(lib.isFilter(convert.fromMongo({ id: { $gt: 2 } }))).toBe(true);
  });

  describe("in an application's bundle (esbuild, browser)", () => {
    const ws = bundleWorkspace();
    afterAll(() => ws.dispose());
    const bundle = (names: string[]) => measureBundle(ws, names, "dist") as Promise<Bundle>;

    it("`parse` alone leaves out the evaluator and the Milvus client, and no Node built-in is imported", async () => {
      const parseOnly = await bundle(["parse"]);
      const withEval = await bundle(["parse", "compileFilter"]);
      // The evaluator's error class names itself; the Milvus client's retry settings are its own.
      expect(withEval.text).toContain("FilterNotEvaluableError");
      expect(parseOnly.text).not.toContain("FilterNotEvaluableError");
      expect(parseOnly.text).not.toContain("baseDelayMs");
      expect(parseOnly.nodeImports).toEqual([]);
      expect(parseOnly.text.length).toBeLessThan(withEval.text.length);
    });
  });
});
