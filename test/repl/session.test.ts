import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LISTED_MATCHES, Session } from "../../src/repl/index.js";
import { FIXTURES, PARAMS, ROWS, SCHEMA } from "./helpers.js";

const schemaText = readFileSync(join(FIXTURES, SCHEMA), "utf8");
const rowsText = readFileSync(join(FIXTURES, ROWS), "utf8");

function loaded(): Session {
  const s = new Session();
  expect(s.loadSchema(schemaText, SCHEMA)).toEqual({ ok: true, message: "schema books: 7 fields, dynamic field on" });
  expect(s.loadRows(rowsText, ROWS).ok).toBe(true);
  return s;
}

describe("Session: settings", () => {
  it("starts with the newest target, purpose delete, nothing loaded", () => {
    const s = new Session();
    expect([s.target, s.purpose, s.schema, s.rows, s.params, s.last]).toEqual(["3.0", "delete", undefined, undefined, undefined, undefined]);
  });

  it("reports schema problems in one line and keeps the previous schema", () => {
    const s = loaded();
    const bad = s.loadSchema("{", "broken.json");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^schema broken\.json not loaded: Invalid JSON at line 1, column 2/);
    expect(s.loadSchema("[1]", "array.json")).toMatchObject({ ok: false, error: expect.stringContaining("found an array") });
    expect(s.loadSchema('{"fields": {"a": "Bogus"}}', "typo.json")).toMatchObject({ ok: false, error: expect.stringContaining('unknown data type "Bogus"') });
    expect(s.schema?.name).toBe("books");
    expect(s.schemaName).toBe(SCHEMA);
  });

  it("loads rows, skipping lines that are not JSON objects", () => {
    const s = new Session();
    expect(s.loadRows(rowsText, ROWS)).toEqual({ ok: true, message: "5 rows from books.jsonl; skipped 1 bad line (line 5: Invalid literal: expected 'true')" });
    expect(s.rows?.entries.map((e) => [e.index, e.line])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 6]]);
    expect(s.loadRows("nope\n[1]\n", "bad.jsonl")).toMatchObject({ ok: false, error: expect.stringMatching(/^rows bad\.jsonl not loaded: no line is a JSON object/) });
    expect(s.rows?.name).toBe(ROWS);
    expect(s.loadRows("", "empty.jsonl")).toEqual({ ok: true, message: "0 rows from empty.jsonl" });
  });

  it("sets, rejects and clears template values", () => {
    const s = new Session();
    expect(s.setParams(readFileSync(join(FIXTURES, PARAMS), "utf8"), PARAMS)).toEqual({ ok: true, message: "params: {min_pages}, {publishers}" });
    expect(s.setParams("{", "x")).toMatchObject({ ok: false, error: expect.stringMatching(/^params x not set: invalid JSON at line 1, column 2/) });
    expect(s.setParams('{"a": {"b": 1}}', "x")).toMatchObject({ ok: false, error: expect.stringContaining("a: a JSON object is not a template value") });
    expect(s.setParams("[1]", "x")).toMatchObject({ ok: false, error: expect.stringContaining("exprParams must be a JSON object") });
    expect([...s.params!.values.keys()]).toEqual(["min_pages", "publishers"]);
    expect(s.setParams("{}", "inline")).toMatchObject({ ok: true, message: expect.stringContaining("params: none") });
    expect(s.clearParams().ok).toBe(true);
    expect(s.params).toBeUndefined();
  });

  it("validates target and purpose", () => {
    const s = new Session();
    expect(s.setTarget("2.5")).toEqual({ ok: true, message: "target: Milvus 2.5" });
    expect(s.setTarget("9.9")).toEqual({ ok: false, error: "Milvus 9.9 is not a known release line; known Milvus versions: 2.3.0–2.3.20, 2.4.0–2.4.24, 2.5.0–2.5.26, 2.6.0–2.6.18, 3.0 (master) — write a release line (2.5), a release (2.5.3 or v2.5.3) or latest" });
    expect(s.setPurpose("query")).toEqual({ ok: true, message: "purpose: query" });
    expect(s.setPurpose("drop")).toEqual({ ok: false, error: 'unknown purpose "drop"; use delete or query' });
    expect([s.target, s.purpose]).toEqual(["2.5", "query"]);
    expect(s.setTarget("v2.5.3")).toEqual({ ok: true, message: "target: Milvus v2.5.3" });
  });
});

describe("Session: filters", () => {
  it("prints the canonical form and classifies deletes", () => {
    const s = loaded();
    const r = s.run("id in [3,1] and  price>2");
    expect(r.checked.ok).toBe(true);
    expect(r.canonical).toBe("id in [3, 1] and price > 2");
    expect(r.checked.deleteClass).toBe("query-first");
    expect(s.run("id in [1, 2]").checked.deleteClass).toBe("primary-key");
    s.setPurpose("query");
    expect(s.run("id in [1, 2]").checked.deleteClass).toBeUndefined();
  });

  it("reports errors and does not evaluate rows", () => {
    const s = loaded();
    const r = s.run('pages > "x"');
    expect(r.checked.ok).toBe(false);
    expect(r.checked.diagnostics.map((d) => d.code)).toEqual(["type/incomparable"]);
    expect(r.rows).toBeUndefined();
    expect(r.canonical).toBe('pages > "x"');
    const syntax = s.run("pages >");
    expect(syntax.parsed.ast).toBeNull();
    expect(syntax.canonical).toBeUndefined();
  });

  it("counts matching and NULL rows and lists keys with their exact digits", () => {
    const s = loaded();
    expect(s.run("pages > 300 or price < 10").rows).toEqual({
      total: 5,
      matched: 3,
      unknown: 1,
      first: [
        { index: 1, line: 1, id: "1" },
        { index: 3, line: 3, id: "9007199254740993" },
        { index: 4, line: 4, id: "4" },
      ],
    });
    expect(s.run("edition > 1").rows?.first).toEqual([{ index: 3, line: 3, id: "9007199254740993" }]);
    expect(s.run('meta["publisher"] == "Ace"').rows?.matched).toBe(2);
  });

  it(`lists at most ${LISTED_MATCHES} matching keys`, () => {
    const s = new Session();
    s.loadSchema('{"fields": {"pk": "VarChar primary", "n": "Int64"}}', "compact");
    s.loadRows(Array.from({ length: 25 }, (_, i) => JSON.stringify({ pk: `k${i}`, n: i })).join("\n"), "many");
    const rows = s.run("n >= 3").rows!;
    expect(rows.matched).toBe(22);
    expect(rows.first).toHaveLength(LISTED_MATCHES);
    expect(rows.first[0]).toEqual({ index: 4, line: 4, id: "k3", stringId: true });
  });

  it("explains why rows cannot be evaluated", () => {
    const s = new Session();
    s.loadRows(rowsText, ROWS);
    expect(s.run("pages > 1").rows?.error).toBe("load a schema (.schema FILE) to evaluate rows");
    s.loadSchema(schemaText, SCHEMA);
    expect(s.run('text_match(title, "dune")').rows?.error).toMatch(/^cannot evaluate locally: text_match depends on the field's server-side analyzer/);
  });

  it("uses template values in checking and evaluation", () => {
    const s = loaded();
    // Without values a delete filter's placeholders are an error (what would it delete?); a query's are not.
    expect(s.run("pages > {min_pages}").checked.diagnostics.map((d) => d.code)).toEqual(["template/missing"]);
    s.setPurpose("query");
    expect(s.run("pages > {min_pages}").checked.ok).toBe(true);
    s.setPurpose("delete");
    s.setParams('{"min_pages": 300}', "inline");
    expect(s.run("pages > {min_pages}").rows?.matched).toBe(2);
    expect(s.run("pages > {other}").checked.diagnostics.map((d) => d.code)).toContain("template/missing");
  });

  it("evaluates random_sample reproducibly", () => {
    const s = loaded();
    const a = s.run("pages > 1 and random_sample(0.5)").rows;
    const b = s.run("pages > 1 and random_sample(0.5)").rows;
    expect(a).toEqual(b);
  });

  it("indexes the rows' JSON keys for completion, rebuilt when rows change", () => {
    const s = loaded();
    const index = s.rowIndex()!;
    expect(index.keys.get("meta")).toEqual(["publisher", "year", "awards"]);
    expect(s.rowIndex()).toBe(index);
    s.loadRows('{"x": {"y": 1}}', "other");
    expect(s.rowIndex()!.keys.get("x")).toEqual(["y"]);
  });
});

describe("Session: explain", () => {
  it("walks the tree for a row chosen by number or primary key", () => {
    const s = loaded();
    s.run("pages > 300 and price < 10");
    const second = s.explain("2");
    expect(second.ok && { row: second.row, value: second.value, total: second.total }).toEqual({ row: { index: 2, line: 2, id: "2" }, value: false, total: 5 });
    expect(second.ok && second.tree.children.map((c) => [c.text, c.value])).toEqual([
      ["pages > 300", false],
      ["price < 10", null],
    ]);
    const byKey = s.explain("pk=9007199254740993");
    expect(byKey.ok && [byKey.row.index, byKey.value]).toEqual([3, true]);
    const first = s.explain("");
    expect(first.ok && first.row.index).toBe(1);
  });

  it("says why it cannot explain", () => {
    const s = new Session();
    expect(s.explain("")).toEqual({ ok: false, error: "no filter yet: type one first" });
    s.run("pages > 1");
    expect(s.explain("")).toEqual({ ok: false, error: "no rows loaded: use .rows FILE.jsonl" });
    s.loadRows(rowsText, ROWS);
    expect(s.explain("")).toEqual({ ok: false, error: "load a schema (.schema FILE) to evaluate rows" });
    s.loadSchema(schemaText, SCHEMA);
    s.run("pages >");
    expect(s.explain("")).toEqual({ ok: false, error: "the last filter has errors; fix it first" });
    s.run("pages > 1");
    expect(s.explain("9")).toEqual({ ok: false, error: "there is no row 9: rows are numbered 1 to 5" });
    expect(s.explain("0")).toEqual({ ok: false, error: "there is no row 0: rows are numbered 1 to 5" });
    expect(s.explain("pk=77")).toEqual({ ok: false, error: "no loaded row has primary key 77" });
    expect(s.explain("first")).toEqual({ ok: false, error: 'expected a row number or pk=VALUE, found "first"' });
  });
});
