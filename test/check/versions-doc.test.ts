/** docs/versions.md carries the feature and server-bug tables rendered from the code. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withTables } from "../../scripts/gen-versions-doc.js";

describe("docs/versions.md", () => {
  it("has the tables the code renders (run `npm run versions-doc` when this fails)", () => {
    const doc = readFileSync(new URL("../../docs/versions.md", import.meta.url), "utf8");
    expect(doc).toBe(withTables(doc));
  });
});
