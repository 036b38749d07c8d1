/** The bin as a newcomer meets it: in a clone that has not been built yet. */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("bin/milvus-filter.mjs before the first build", () => {
  it("says how to build, with exit 2 and no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "mf-unbuilt-"));
    try {
      cpSync(join(ROOT, "bin"), join(dir, "bin"), { recursive: true });
      cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
      const r = spawnSync(process.execPath, [join(dir, "bin", "milvus-filter.mjs"), "lint", "x.txt"], { encoding: "utf8", timeout: 20_000 });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("milvus-filter: the CLI is not built yet (dist/cli.cjs is missing): run `npm ci` or `npm run build` in the milvus-filter folder first\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
