/** `lint --require "tenant == {tenant}"`: stored filters must keep the required condition at their root. */
import { describe, expect, it } from "vitest";
import { jsonLines, run } from "../cli/memory-io.js";

const FILTERS = [
  "tenant == {tenant} and year > 1",
  "year > 1 and tenant == {tenant}",
  "tenant == {tenant} and (year > 1 or year < 0)",
  "tenant == {tenant} or year > 1",
  "year > 1",
  "(tenant == {tenant}) and year > 1",
  "not (tenant == {tenant} and year > 1)",
  "tenant == {tenant} and year > 1 or year == 5",
].join("\n");

describe("lint --require", () => {
  it("flags each filter whose top-level and lacks the required conjunct", async () => {
    const r = await run(["lint", "-f", "jsonl", "--purpose", "query", "--require", "tenant == {tenant}", "f.txt"], { "/work/f.txt": FILTERS });
    expect(r.code).toBe(1);
    const flagged = jsonLines(r.stdout).map((x) => (x.diagnostics as { code: string }[]).some((d) => d.code === "guard/missing-required"));
    expect(flagged).toEqual([false, false, false, true, true, false, true, true]);
  });

  it("passes when every filter keeps it, and says nothing without --require", async () => {
    expect((await run(["lint", "--purpose", "query", "--require", "tenant == {tenant}", "f.txt"], { "/work/f.txt": "tenant == {tenant} and year > 1\n" })).code).toBe(0);
    expect((await run(["lint", "--purpose", "query", "f.txt"], { "/work/f.txt": "year > 1\n" })).code).toBe(0);
  });

  it("the severity can be configured like any rule", async () => {
    const r = await run(["lint", "--purpose", "query", "--require", "tenant == {tenant}", "--rule", "guard/missing-required=warn", "f.txt"], { "/work/f.txt": "year > 1\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("guard/missing-required");
  });

  it("an unparseable --require is a usage error", async () => {
    const r = await run(["lint", "--require", "tenant ==", "f.txt"], { "/work/f.txt": "a == 1\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--require");
  });
});
