import { describe, expect, it } from "vitest";
import { lexAll, needsMoreInput } from "../../src/repl/index.js";

describe("needsMoreInput: when the REPL reads another line", () => {
  it.each([
    ["(pages > 1", "an open parenthesis"],
    ["id in [1, 2,", "an open list"],
    ["pages > {lo", "an open template brace"],
    ["((a > 1) and\n(b < 2)", "one of two parentheses still open, over two lines"],
  ])("%j: yes (%s)", (text) => {
    expect(needsMoreInput(text)).toBe(true);
  });

  it.each([
    ["pages > 1", "balanced"],
    ["", "empty"],
    ["   ", "blank"],
    ["pages > 1)", "more closers than openers: no later line helps"],
    [")(", "a closer first"],
    ['title == "Dune"', "a closed string"],
    ['title == "(["', "brackets inside a string do not count"],
    ['meta["a"] > 1', "a JSON path is one token"],
    ["id in [ ]", "the empty list is one token"],
    ['title == "abc\ndef"', "a string broken by a line break and closed later: an error to report, not more input"],
    ['(title == "abc\ndef")', "the same inside parentheses"],
    ["pages > 1 #", "a bad character"],
    ['title == "Du', "an unterminated string: no raw line break may follow it"],
    ["title == 'Du", "an unterminated single-quoted string"],
    ['title == "line one\\', "a trailing backslash: Milvus lexes it, but Go's Unquote refuses it"],
    ['id in ["a', "an open string inside an open list: the string can never close"],
    ['meta["', "a JSON key being typed"],
  ])("%j: no (%s)", (text) => {
    expect(needsMoreInput(text)).toBe(false);
  });
});

describe("lexAll", () => {
  it("keeps error tokens the parser turns into diagnostics", () => {
    expect(lexAll('a == "x').map((t) => t.tokenType.name)).toEqual(["Identifier", "Eq", "UnterminatedString"]);
    // The trailing backslash ends the unterminated string and is a bad character of its own.
    expect(lexAll('a == "x\\').map((t) => t.tokenType.name)).toEqual(["Identifier", "Eq", "UnterminatedString", "BadCharacter"]);
    // Every character outside the language is a token, whichever it is (Chevrotain's lexer dropped most of them).
    expect(lexAll("a # é 😀").map((t) => [t.tokenType.name, t.image])).toEqual([
      ["Identifier", "a"],
      ["BadCharacter", "#"],
      ["BadCharacter", "é"],
      ["BadCharacter", "\ud83d"],
      ["BadCharacter", "\ude00"],
    ]);
  });
});
