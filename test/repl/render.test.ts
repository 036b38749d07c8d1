import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderAst, renderError, renderExplain, renderFilter, renderRowSummary, renderSchema, renderTokens, Session } from "../../src/repl/index.js";
import { FIXTURES, plain, ROWS, SCHEMA } from "./helpers.js";

function session(): Session {
  const s = new Session();
  s.loadSchema(readFileSync(join(FIXTURES, SCHEMA), "utf8"), SCHEMA);
  s.loadRows(readFileSync(join(FIXTURES, ROWS), "utf8"), ROWS);
  return s;
}

describe("render", () => {
  it("a clean delete filter: canonical form, delete path, rows", () => {
    const s = session();
    expect(renderFilter(s.run("pages>300   or price<10"), false, "id")).toBe(
      [
        "pages > 300 or price < 10",
        "delete: query first (Milvus finds the rows with a query, then deletes them; the collection must be loaded)",
        "matches 3 of 5 rows: id 1, 9007199254740993, 4; 1 NULL (unknown: not selected, not even under not)",
      ].join("\n"),
    );
    expect(renderFilter(s.run("id == 2"), false, "id")).toBe(
      ["id == 2", "delete: primary-key fast path (Milvus deletes the listed keys directly, without a query)", "matches 1 of 5 rows: id 2"].join("\n"),
    );
  });

  it("a filter with errors: every diagnostic with its caret, nothing else", () => {
    const s = session();
    expect(renderFilter(s.run('pages > "x"'), false)).toBe(
      [
        '1:1: error type/incomparable: comparisons between Int32 and VarChar are not supported: pages > "x"',
        '  | pages > "x"',
        "  | ^~~~~~~~~~~",
        "  = hint: a quoted value is a string; field names are never quoted",
      ].join("\n"),
    );
  });

  it("warnings follow the canonical form", () => {
    const s = session();
    s.setPurpose("query");
    const out = renderFilter(s.run("pages == 010"), false);
    expect(out.split("\n")[0]).toBe("pages == 8");
    expect(out).toContain("warning lint/octal-literal");
    expect(out).toContain("matches 0 of 5 rows");
  });

  it("colours only when asked", () => {
    const s = session();
    const r = s.run("pages > 1");
    const coloured = renderFilter(r, true, "id");
    expect(coloured).toMatch(/\u001b\[/);
    expect(plain(coloured)).toBe(renderFilter(r, false, "id"));
    expect(renderFilter(r, false, "id")).not.toMatch(/\u001b/);
  });

  it("row summaries: none, many, keyless rows, and why rows were not evaluated", () => {
    expect(renderRowSummary({ total: 1, matched: 0, unknown: 0, first: [] }, false)).toBe("matches 0 of 1 row");
    expect(renderRowSummary({ total: 30, matched: 12, unknown: 0, first: [{ index: 1, line: 1, id: "a", stringId: true }, { index: 2, line: 2 }] }, false, "pk")).toBe(
      'matches 12 of 30 rows: pk "a", row 2, … (10 more)',
    );
    expect(renderRowSummary({ total: 3, matched: 0, unknown: 0, first: [], error: "load a schema" }, false)).toBe("rows: load a schema");
  });

  it("the schema as a compact table", () => {
    const s = session();
    expect(renderSchema(s.schema, SCHEMA, false)).toBe(
      [
        "schema books (books.schema.json; dynamic field on)",
        "  name   type              nullable  pk",
        "  id     Int64             no        yes",
        "  title  VarChar(512)      no",
        "  price  Double            yes",
        "  pages  Int32             no",
        "  tags   Array<VarChar>    no",
        "  meta   JSON              no",
        "  vec    FloatVector(768)  no",
      ].join("\n"),
    );
    expect(renderSchema(undefined, undefined, false)).toMatch(/^no schema loaded/);
  });

  it("the tree with the checker's types, and the tokens", () => {
    const s = session();
    const r = s.run('id in [1, 2] and meta["year"] < 1970');
    expect(renderAst(r, false)).toBe(
      [
        "And [0,36) : predicate Bool",
        "  Term negated=false [0,12) : predicate Bool",
        '    Identifier name="id" [0,2) : column Int64',
        "    Array [6,12) : value Array",
        "      Integer value=1 [7,8) : value Int64",
        "      Integer value=2 [10,11) : value Int64",
        '  Relational op="<" [17,36) : predicate Bool',
        '    JSONIdentifier base="meta" keys=["year"] [17,29) : column JSON',
        "    Integer value=1970 [32,36) : value Int64",
      ].join("\n"),
    );
    expect(renderTokens(s.run("pages >\n 1"), false)).toBe(["1:1  Identifier       pages", "1:7  Gt               >", "2:2  IntegerConstant  1"].join("\n"));
    expect(renderAst(s.run("pages >"), false)).toMatch(/^error: the last filter does not parse/);
  });

  it("explain, node by node", () => {
    const s = session();
    s.run("pages > 300 and price < 10");
    const r = s.explain("2");
    if (!r.ok) throw new Error(r.error);
    expect(renderExplain(r, false, "id")).toBe(
      [
        "row 2 of 5 (id 2, line 2): FALSE, not selected",
        "  pages > 300 and price < 10  → FALSE",
        "    pages > 300  → FALSE  (pages = 271)",
        "    price < 10  → UNKNOWN  (price = NULL)  UNKNOWN: NULL column",
      ].join("\n"),
    );
  });

  it("errors are one line", () => {
    expect(renderError("cannot read x:\n  ENOENT", false)).toBe("error: cannot read x: ENOENT");
  });
});
