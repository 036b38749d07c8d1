import { describe, expect, it } from "vitest";
import { codes, run } from "./helpers.js";

describe("lint rules", () => {
  it("suggests `in` for long == chains", () => {
    const r = run("year == 1 or year == 2 or year == 3");
    const d = r.diagnostics.find((x) => x.code === "lint/or-chain");
    expect(d?.hint).toBe("write year in [1, 2, 3]");
    expect(codes(run("year == 1 or year == 2"))).not.toContain("lint/or-chain");
  });

  it("flags mixed-case keyword look-alikes as unchecked calls", () => {
    const r = run("Json_Contains(meta, 1)");
    expect(r.ok).toBe(true);
    expect(r.diagnostics.find((d) => d.code === "lint/unknown-function")?.hint).toContain("not the keyword json_contains");
  });

  it("notes float equality, nullable negation and wildcard-free LIKE", () => {
    expect(codes(run("price == 1.5"))).toContain("lint/float-equality");
    expect(codes(run("title != 'x'"))).toContain("lint/nullable-negation");
    expect(codes(run("plain like 'abc'"))).toContain("lint/like-no-wildcard");
    expect(codes(run("plain like 'abc%'"))).not.toContain("lint/like-no-wildcard");
  });

  it("never turns an accepted filter into an error", () => {
    for (const t of ["year == 010", "Title == 1", "year == 1 or year == 2 or year == 3", "price == 1.5"]) expect(run(t).ok).toBe(true);
  });
});
