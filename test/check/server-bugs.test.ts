/** Known server bugs: each rule warns inside its affected releases and is silent just outside them. */
import { describe, expect, it } from "vitest";
import { SERVER_BUGS } from "../../src/check/index.js";
import { run, type Opts } from "./helpers.js";

const warned = (code: string, text: string, target: string, o: Opts = {}): boolean =>
  run(text, { ...o, target }).diagnostics.some((d) => d.code === code && d.severity === "warning");

/** [code, filter, options, affected targets, unaffected targets] */
const BOUNDARIES: readonly (readonly [string, string, Opts, readonly string[], readonly string[]])[] = [
  ["server-bug/template-under-not", "not (year > {x})", {}, ["2.5.0", "2.5.24", "2.6.0", "2.6.15", "2.6"], ["2.6.16", "2.6.18", "3.0"]],
  ["server-bug/nested-random-sample", "year > 1 and (year < 5 and random_sample(0.5))", {}, ["2.6.0", "2.6.18", "3.0"], ["2.5.24"]],
  ["server-bug/in-or-not-equal", 'title in ["a", "b"] or title != "a"', {}, ["2.6.8", "2.6.18", "2.6"], ["2.6.7", "3.0", "2.5.24"]],
  ["server-bug/in-or-not-equal", 'meta["k"] in [1, 2] or meta["k"] != 1', {}, ["2.6.8"], ["2.6.7", "3.0"]],
  ["server-bug/null-pk-filter", 'id == 3588 and title <= "x"', {}, ["2.6.0", "2.6.18", "2.6"], ["2.5.24", "3.0"]],
  ["server-bug/empty-list-template", "year in {v}", { params: '{"v": []}' }, ["2.5.0", "2.6.18", "3.0"], ["2.4.24"]],
  ["server-bug/json-in-empty", 'meta["k"] in []', {}, ["2.4.0", "2.4.24", "2.4"], ["2.5.0", "2.3.20"]],
  ["server-bug/json-range-mixed-numeric", '1 < meta["k"] < 2.5', {}, ["2.4.0", "2.5.24", "2.6.7", "2.6"], ["2.6.8", "3.0", "2.3.20"]],
  ["server-bug/json-range-mixed-numeric", '{hi} > meta["k"] >= {lo}', { params: '{"lo": 1, "hi": 2.5}' }, ["2.5.0", "2.6.7"], ["2.6.8"]],
];

describe("server-bug rules on both sides of their version boundary", () => {
  it.each(BOUNDARIES)("%s: %s", (code, text, o, affected, unaffected) => {
    for (const t of affected) expect(warned(code, text, t, o), `${t} should warn`).toBe(true);
    for (const t of unaffected) expect(warned(code, text, t, o), `${t} should not warn`).toBe(false);
  });

  it("names the issue, the affected releases, the fix and a rewrite", () => {
    const d = run("not (year > {x})", { target: "2.6" }).diagnostics.find((x) => x.code === "server-bug/template-under-not")!;
    expect(d.message).toContain("milvus#49141");
    expect(d.message).toContain("Milvus 2.6.0–2.6.15");
    expect(d.message).toContain("fixed in 2.6.16");
    expect(d.hint).toContain("not in {list}");
  });

  it("says when the fix is unknown", () => {
    const d = run('id == 3588 and title <= "x"', { target: "2.6.18" }).diagnostics.find((x) => x.code === "server-bug/null-pk-filter")!;
    expect(d.message).toContain("fix unknown");
  });

  it("stays silent where the pattern does not apply", () => {
    expect(warned("server-bug/template-under-not", "year not in {x}", "2.6.0")).toBe(false);
    expect(warned("server-bug/nested-random-sample", "year > 1 and year < 5 and random_sample(0.5)", "2.6.0")).toBe(false);
    expect(warned("server-bug/in-or-not-equal", 'plain in ["a", "b"] or plain != "a"', "2.6.8")).toBe(false);
    expect(warned("server-bug/in-or-not-equal", 'title in ["a", "b"] or title != "c"', "2.6.8")).toBe(false);
    expect(warned("server-bug/null-pk-filter", 'id == 3588 and plain <= "x"', "2.6.0")).toBe(false);
    expect(warned("server-bug/null-pk-filter", 'year == 3588 and title <= "x"', "2.6.0")).toBe(false);
    // Following the rule's own hint silences it: the chain keeps NULL rows out.
    expect(warned("server-bug/null-pk-filter", 'id == 3588 and title <= "x" and title is not null', "2.6.0")).toBe(false);
    expect(warned("server-bug/null-pk-filter", 'id == 3588 and title <= "x" and plain is not null', "2.6.0")).toBe(true);
    expect(warned("server-bug/empty-list-template", "year in {v}", "2.6.0", { params: '{"v": [1]}' })).toBe(false);
    expect(warned("server-bug/json-in-empty", "year in []", "2.4.0")).toBe(false);
    expect(warned("server-bug/json-range-mixed-numeric", '1.0 < meta["k"] < 2.5', "2.6.7")).toBe(false);
    expect(warned("server-bug/json-range-mixed-numeric", "1 < price < 2.5", "2.6.7")).toBe(false);
  });

  it("documents every rule with an issue or its source", () => {
    for (const [code, b] of Object.entries(SERVER_BUGS)) {
      expect(b.code).toBe(code);
      expect(b.fixed.length + b.source.length + b.hint.length, code).toBeGreaterThan(40);
    }
  });
});

describe("server-bug rules at the limits", () => {
  it("warns once for nested nots", () => {
    const r = run("not (not (year > {x}))", { target: "2.6.0" });
    expect(r.diagnostics.filter((d) => d.code === "server-bug/template-under-not")).toHaveLength(1);
  });

  // A scan of the list per != term would be 10^10 steps here.
  it("stays linear on a 10^5-element list or-ed with 10^5 != terms (under 20 s)", () => {
    const list = Array.from({ length: 100_000 }, (_, i) => `"${i}"`).join(",");
    const ne = Array.from({ length: 100_000 }, (_, i) => `title != "x${i}"`).join(" or ");
    const text = `title in [${list}] or ${ne} or title != "99999"`;
    const t0 = Date.now();
    const r = run(text, { target: "2.6.8" });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.diagnostics.map((d) => d.code)).toContain("server-bug/in-or-not-equal");
  }, 60_000);
});
