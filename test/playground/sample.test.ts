import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/repl/session.js";
import { sampleRows } from "../../playground/src/sample.js";

describe("playground sample rows", () => {
  it("fit the schema they come from: every row loads and filters on each kind of column evaluate", () => {
    const session = new Session({ purpose: "query" });
    expect(session.loadSchema(readFileSync("examples/schema.json", "utf8"), "schema.json").ok).toBe(true);
    const rows = sampleRows(session.schema!, 8);
    expect(session.loadRows(rows, "sample")).toEqual({ ok: true, message: "8 rows from sample" });
    for (const f of ['title like "blue%"', "pages > 0", 'array_contains(tags, "red-5")', 'meta["n"] == 3', "price is null", 'extra == "green"']) {
      const r = session.run(f);
      expect(r.checked.ok, f).toBe(true);
      expect(r.rows?.error, f).toBeUndefined();
      expect(r.rows!.matched, f).toBeGreaterThan(0);
    }
  });
});
