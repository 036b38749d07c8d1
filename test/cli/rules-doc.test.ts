/** docs/rules.md is the `rules -f markdown` output; regenerate it when a code is added or changed. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, type CliIO } from "../../src/cli/main.js";

describe("docs/rules.md", () => {
  it("lists exactly the codes `milvus-filter rules -f markdown` prints", async () => {
    let out = "";
    const io = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined },
      stdin: async () => "",
      cwd: "/",
      env: {},
      isTTY: { stdout: false, stderr: false },
      fs: {} as CliIO["fs"],
    } as unknown as CliIO;
    expect(await runCli(["rules", "-f", "markdown"], io)).toBe(0);
    const doc = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");
    const table = doc.slice(doc.indexOf("| code |"));
    expect(table, "regenerate: (header; milvus-filter rules -f markdown) > docs/rules.md").toBe(out);
  });
});
