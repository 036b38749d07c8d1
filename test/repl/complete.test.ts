import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildRowIndex, complete, REPL_COMMANDS, Session, type CompletionState } from "../../src/repl/index.js";
import { FIXTURES, ROWS, SCHEMA } from "./helpers.js";

const session = new Session();
session.loadSchema(readFileSync(join(FIXTURES, SCHEMA), "utf8"), SCHEMA);
session.loadRows(readFileSync(join(FIXTURES, ROWS), "utf8"), ROWS);

const state: CompletionState = {
  schema: session.schema!,
  rows: session.rowIndex()!,
  params: ["lo", "hi"],
  target: "3.0",
  commands: REPL_COMMANDS.map((c) => c.name),
  commandArgs: { target: ["2.3", "2.4", "2.5", "2.6", "3.0"], purpose: ["delete", "query"] },
  fileCommands: ["schema", "rows", "params"],
  listFiles: (partial) => ["books.jsonl", "books.schema.json", "fixtures/"].filter((f) => f.startsWith(partial)),
};

/** Completion at the end of `line`. */
const at = (line: string, s: CompletionState = state) => complete(line, line.length, s);
const candidates = (line: string, s: CompletionState = state) => at(line, s)[0];

describe("complete: operands", () => {
  it("completes a partial field name (the pty test's case)", () => {
    expect(at("pag")).toEqual([["pages"], "pag"]);
    expect(at("p")).toEqual([["price", "pages", "phrase_match("], "p"]);
    expect(at("(pa")).toEqual([["pages"], "pa"]);
    expect(at("pages > 1 and pr")).toEqual([["price"], "pr"]);
  });

  it("offers fields, dynamic keys seen in rows, functions and prefix keywords at the start of an operand", () => {
    const all = candidates("");
    expect(all.slice(0, 8)).toEqual(["id", "title", "price", "pages", "tags", "meta", "$meta", "edition"]);
    expect(all).toContain("json_contains(");
    expect(all).toContain("text_match(");
    expect(all.slice(-2)).toEqual(["not", "exists"]);
    expect(all).not.toContain("vec"); // vectors cannot be filtered on
    expect(candidates("not ")).toEqual(all);
    expect(candidates("pages > 1 and ")).toEqual(all);
    expect(at("ed")).toEqual([["edition"], "ed"]);
    expect(at("$m")).toEqual([["$meta"], "$m"]);
  });

  it("keeps keyword case: upper-case typing gets upper-case keywords", () => {
    expect(at("text")).toEqual([["text_match(", "text_match_fuzzy("], "text"]);
    expect(at("TEXT")).toEqual([["TEXT_MATCH(", "TEXT_MATCH_FUZZY("], "TEXT"]);
  });

  it("hides functions and operators the target release does not have", () => {
    const old: CompletionState = { schema: session.schema!, target: "2.4" };
    const fns = candidates("", old);
    expect(fns).toContain("array_contains(");
    expect(fns).not.toContain("text_match(");
    expect(fns).not.toContain("random_sample(");
    expect(candidates("pages ", old)).not.toContain("is null");
    expect(candidates("title ", { ...old, target: "2.6" })).not.toContain("=~");
  });

  it("offers JSON-valued names after exists", () => {
    expect(candidates("exists ")).toEqual(["meta", "$meta", "edition"]);
  });

  it("works without a schema or rows", () => {
    expect(complete("x > 1", 0, {})[1]).toBe("");
    expect(candidates("ab", {})).toEqual([]);
    expect(candidates("a", {})).toEqual(["array_contains(", "array_contains_all(", "array_contains_any(", "array_length("]);
    expect(candidates("anything ", {})).toContain("like");
  });
});

describe("complete: operators after the token at the cursor", () => {
  it("offers the operators a field's type allows", () => {
    expect(candidates("pages ")).toEqual(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "is null", "is not null", "+", "-", "*", "/", "%"]);
    expect(candidates("price ")).toEqual(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "is null", "is not null", "+", "-", "*", "/"]);
    expect(candidates("title ")).toEqual(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "like", "=~", "!~", "is null", "is not null"]);
    expect(candidates("tags ")).toEqual(["is null", "is not null"]);
    expect(candidates("meta ")).toContain("like");
    expect(candidates('meta["year"] ')).toContain("is not null");
    expect(candidates("edition ")).toContain("in");
  });

  it("completes multi-word operators from what is typed", () => {
    expect(at("pages i")).toEqual([["in", "is null", "is not null"], "i"]);
    expect(at("pages is n")).toEqual([["is null", "is not null"], "is n"]);
    expect(at("pages IS N")).toEqual([["IS NULL", "IS NOT NULL"], "IS N"]);
    expect(at("pages not ")).toEqual([["not in"], "not "]);
    expect(at("pages >")).toEqual([[">", ">="], ">"]);
  });

  it("offers and/or after a complete comparison, comparisons after a leading literal", () => {
    expect(at("pages > 1 ")).toEqual([["and", "or"], ""]);
    expect(at("pages > 1 an")).toEqual([["and"], "an"]);
    expect(at("pages > 1 AN")).toEqual([["AND"], "AN"]);
    expect(at("pages > 1 and pages < 3 o")).toEqual([["or"], "o"]);
    expect(candidates('title like "x" ')).toEqual(["and", "or"]);
    expect(candidates("price is null ")).toEqual(["and", "or"]);
    expect(candidates("1 ")).toEqual(["==", "!=", "<", "<=", ">", ">="]);
    expect(candidates("(pages > 1) ")).toEqual(["and", "or", "==", "!=", "<", "<=", ">", ">="]);
  });

  it("offers nothing for a word that cannot follow an operand", () => {
    expect(at("pages xyz")).toEqual([[], "xyz"]);
  });
});

describe("complete: values", () => {
  it("offers values seen in the rows, fields, booleans and templates after a comparison", () => {
    expect(candidates("pages > ")).toEqual(["412", "271", "310", "1", "204", "id", "title", "price", "pages", "tags", "meta", "$meta", "edition", "true", "false", "{lo}", "{hi}"]);
    expect(candidates("title == ").slice(0, 5)).toEqual(['"Dune"', '"Neuromancer"', '"The Hobbit"', '"Pamphlet"', '"Solaris"']);
  });

  it("completes a string value being typed", () => {
    expect(at('title == "D')).toEqual([['Dune"'], "D"]);
    expect(at('meta["publisher"] == "A')).toEqual([['Ace"', 'Allen & Unwin"'], "A"]);
    expect(at("title == 'The")).toEqual([["The Hobbit'"], "The"]);
  });

  it("offers a list or a template after in, and unused values inside the list", () => {
    expect(at("id in ")).toEqual([["[", "{lo}", "{hi}"], ""]);
    expect(candidates("id in [")).toEqual(["1", "2", "9007199254740993", "4", "5"]);
    expect(candidates("id in [1, ")).toEqual(["2", "9007199254740993", "4", "5"]);
    expect(candidates("id not in [")).toEqual(["1", "2", "9007199254740993", "4", "5"]);
  });

  it("completes template names after {", () => {
    expect(at("pages > {")).toEqual([["lo}", "hi}"], ""]);
    expect(at("pages > {h")).toEqual([["hi}"], "h"]);
  });
});

describe("complete: JSON keys seen in the rows", () => {
  it("after field[ and inside the key string", () => {
    expect(at("meta[")).toEqual([['"awards"]', '"publisher"]', '"year"]'], ""]);
    expect(at('meta["')).toEqual([['awards"]', 'publisher"]', 'year"]'], ""]);
    expect(at('meta["pu')).toEqual([['publisher"]'], "pu"]);
    expect(at("meta['y")).toEqual([["year']"], "y"]);
  });

  it("follows nested paths and the dynamic field", () => {
    expect(at('meta["awards"]["')).toEqual([['hugo"]'], ""]);
    expect(at('$meta["')).toEqual([['edition"]'], ""]);
    expect(at("edition[")).toEqual([[], ""]);
    expect(at("pages > 1 and meta[\"y")).toEqual([['year"]'], "y"]);
  });

  it("escapes keys for the quote in use", () => {
    const index = buildRowIndex([{ j: { 'say "hi"': 1, "it's": 2, "back\\slash": 3 } }]);
    const s: CompletionState = { rows: index };
    expect(candidates('j["', s)).toEqual(['back\\\\slash"]', 'it\'s"]', 'say \\"hi\\""]']);
    expect(candidates("j['", s)).toEqual(["back\\\\slash']", "it\\'s']", "say \"hi\"']"]);
  });

  it("indexes bounded depth and skips arrays", () => {
    const index = buildRowIndex([{ a: { b: { c: { d: { e: { f: 1 } } } } }, arr: [{ x: 1 }] }]);
    expect(index.keys.get("a\u0000b\u0000c\u0000d")).toEqual(["e"]);
    expect(index.keys.get("a\u0000b\u0000c\u0000d\u0000e")).toBeUndefined();
    expect(index.keys.get("arr")).toBeUndefined();
    expect(index.values.get("arr")).toBeUndefined();
  });
});

describe("complete: multi-line input and commands", () => {
  it("reads the earlier lines of an unfinished filter", () => {
    expect(complete("pa", 2, { ...state, pending: "(pages > 1 and\n" })).toEqual([["pages"], "pa"]);
    // A string cannot run across lines, so nothing is offered inside one.
    expect(complete("pu", 2, { ...state, pending: 'meta["\n' })[0]).toEqual([]);
  });

  it("uses only the text before the cursor", () => {
    expect(complete("pag > 1", 3, state)).toEqual([["pages"], "pag"]);
  });

  it("completes command names and their arguments", () => {
    expect(at(".sc")).toEqual([[".schema"], ".sc"]);
    expect(at(".")[0]).toEqual(REPL_COMMANDS.map((c) => `.${c.name}`));
    expect(at(".schema bo")).toEqual([["books.jsonl", "books.schema.json"], "bo"]);
    expect(at(".rows fix")).toEqual([["fixtures/"], "fix"]);
    expect(at(".target 2")).toEqual([["2.3", "2.4", "2.5", "2.6"], "2"]);
    expect(at(".purpose q")).toEqual([["query"], "q"]);
    expect(at(".explain ")).toEqual([[], ""]);
  });

  it("never throws", () => {
    const hostile: CompletionState = {
      ...state,
      listFiles: () => {
        throw new Error("boom");
      },
    };
    expect(at(".schema x", hostile)).toEqual([[], ""]);
    for (const text of ['"', "'", "[", "((((", "]]]", "\\", "$", "{", "}", "a[0][", 'a["x"][0]["', "\u0000", "😀", "not not not "]) {
      expect(() => complete(text, text.length, state)).not.toThrow();
    }
  });
});
