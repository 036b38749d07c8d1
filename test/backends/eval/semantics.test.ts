/**
 * Hand-written semantic tests, one group per bullet of SEMANTICS.md. Each cites where the rule
 * comes from: spec = ../shared/spec/milvus-filter-language.md, notes = milvus-api-notes.md,
 * issue = issue 5 (this backend), segcore = Milvus's C++ execution code as read for this work.
 */
import { describe, expect, it } from "vitest";
import { JsonFloat } from "../../../src/util/json.js";
import { compile, ev, ev26, problems, row, S, schemaOf } from "./helpers.js";

const NULLROW = { id: 1 };

describe("rows", () => {
  // issue §Rows: dynamic fields are top-level keys not in the schema, or keys of a `$meta` object.
  it("reads dynamic keys from the top level and from $meta", () => {
    expect(ev26('color == "red"', [{ id: 1, color: "red" }, { id: 2, $meta: { color: "red" } }, { id: 3 }])).toEqual([true, true, false]);
    expect(ev26('$meta["color"] == "red"', [{ id: 1, color: "red" }, { id: 2, $meta: { color: "red" } }])).toEqual([true, true]);
  });

  // issue §Rows: a `$meta` object wins over a stray top-level key of the same name.
  it("prefers $meta over a top-level key", () => {
    expect(ev('color == "red"', [{ id: 1, color: "blue", $meta: { color: "red" } }])).toEqual([true]);
  });

  // spec §4: a dynamic key never reads a schema field, even when the names collide.
  it("does not read schema fields as dynamic keys", () => {
    expect(ev26('$meta["age"] == 5', [{ id: 1, age: 5 }, { id: 2, age: 1, $meta: { age: 5 } }])).toEqual([false, true]);
  });

  // issue §Rows: keys such as __proto__, constructor and toString are data, never the prototype.
  it("treats prototype-named keys as data", () => {
    expect(ev26("exists toString", [{ id: 1 }, row('{"id":2,"toString":1}')])).toEqual([false, true]);
    expect(ev26("exists constructor", [{ id: 1 }])).toEqual([false]);
    expect(ev26('__proto__ == 5', [row('{"id":1,"__proto__":5}'), { id: 2 }])).toEqual([true, false]);
    expect(ev26('doc["__proto__"]["x"] == 1', [row('{"id":1,"doc":{"__proto__":{"x":1}}}'), { id: 2, doc: {} }])).toEqual([true, false]);
    expect(ev26('doc["constructor"] is null', [{ id: 1, doc: {} }])).toEqual([true]);
  });

  it("never reads an inherited property of a typed field", () => {
    const proto = { age: 99 };
    const r = Object.create(proto) as Record<string, unknown>;
    r.id = 1;
    expect(ev("age == 99", [r])).toEqual([null]);
    expect(ev("age is null", [r])).toEqual([true]);
  });

  // src/rows/coerce.ts contract: int64 as decimal strings (the Node SDK's form) and bigints.
  it("accepts int64 as bigint or decimal string", () => {
    expect(ev("age == 9007199254740993", [{ id: 1, age: 9007199254740993n }, { id: 2, age: "9007199254740993" }, { id: 3, age: 9007199254740992 }])).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("reads values of the wrong kind for a typed column as NULL", () => {
    expect(ev("age > 1", [{ id: 1, age: "x" }, { id: 2, age: 1.5 }, { id: 3, age: true }])).toEqual([null, null, null]);
  });
});

describe("NULL and three-valued logic", () => {
  // notes §5 NULL: Kleene truth table; a row is selected only when the result is TRUE.
  it("follows the Kleene truth table", () => {
    const r = { id: 1, age: null, name: "x" };
    expect(ev('age > 1 and name == "y"', [r])).toEqual([false]); // NULL and F = F
    expect(ev('age > 1 and name == "x"', [r])).toEqual([null]); // NULL and T = NULL
    expect(ev('age > 1 or name == "x"', [r])).toEqual([true]); // NULL or T = T
    expect(ev('age > 1 or name == "y"', [r])).toEqual([null]); // NULL or F = NULL
    expect(ev("not (age > 1)", [r])).toEqual([null]); // not NULL = NULL
    expect(ev("not (not (age > 1))", [r])).toEqual([null]);
  });

  // notes §5 NULL: `not (x > 1)` and `x != 5` do not select NULL rows.
  it("does not select NULL rows under not or !=", () => {
    for (const f of ["not (age > 1)", "age != 5", "age not in [5]", 'not (name like "a%")', 'name !~ "a"']) {
      const c = compile(f);
      expect(c.evaluate(NULLROW), f).toBe(null);
      expect(c.test(NULLROW), f).toBe(false);
    }
  });

  // notes §5 NULL: comparison, in, like, regex on a NULL scalar → NULL.
  it("gives NULL for predicates on NULL scalars", () => {
    const fs = ["age == 1", "age < 1", "1 <= age <= 3", "age in [1, 2]", 'name like "%"', 'name =~ ""', "age + 1 == 2", "age < n32", "f > 0.5", "ok == true"];
    for (const f of fs) expect(ev(f, [{ id: 1, age: null, name: null }]), f).toEqual([null]);
  });

  // spec §5.8: IS NULL / IS NOT NULL are two-valued; absent and explicit null are NULL.
  it("tests NULL with is null / is not null", () => {
    expect(ev("age is null", [{ id: 1 }, { id: 2, age: null }, { id: 3, age: 0 }])).toEqual([true, true, false]);
    expect(ev("age is not null", [{ id: 1 }, { id: 3, age: 0 }])).toEqual([false, true]);
    expect(ev("nums is null", [{ id: 1, nums: [] }, { id: 2 }])).toEqual([false, true]);
    // notes §5: empty string is not NULL.
    expect(ev("name is null", [{ id: 1, name: "" }])).toEqual([false]);
    // JSON column: explicit null or absent is a NULL column; {} is not.
    expect(ev("meta is null", [{ id: 1, meta: null }, { id: 2 }, { id: 3, meta: {} }])).toEqual([true, true, false]);
  });

  // spec §5.8 [3.x]: a struct container name stands for its first sub-field.
  it("tests a struct array for NULL by its container name", () => {
    expect(ev("clips is null", [{ id: 1 }, { id: 2, clips: [] }])).toEqual([true, false]);
  });
});

describe("JSON paths and dynamic keys", () => {
  // notes §5 JSON: missing key or other type → == < <= > >= FALSE, != TRUE.
  it("makes comparisons on missing keys and other types FALSE, != TRUE", () => {
    const rows = [{ id: 1, doc: {} }, { id: 2, doc: { x: "7" } }, { id: 3, doc: { x: [7] } }, { id: 4, doc: { x: null } }, { id: 5, doc: { x: 7 } }];
    expect(ev26('doc["x"] == 7', rows)).toEqual([false, false, false, false, true]);
    expect(ev26('doc["x"] < 8', rows)).toEqual([false, false, false, false, true]);
    expect(ev26('doc["x"] != 7', rows)).toEqual([true, true, true, true, false]);
    expect(ev26('not (doc["x"] == 7)', rows)).toEqual([true, true, true, true, false]);
    expect(ev26('5 < doc["x"] < 8', rows)).toEqual([false, false, false, false, true]);
  });

  // A NULL JSON column is NULL (column-level validity), unlike a missing key on 2.6; `!=` on 2.6 sets
  // data=true (2.6 UnaryExpr.cpp ~line 874, medium confidence); exists is FALSE (ExistsExpr.cpp ~183).
  it("gives NULL for a NULL JSON column", () => {
    expect(ev26('meta["x"] == 1', [{ id: 1, meta: null }, { id: 2, meta: {} }])).toEqual([null, false]);
    expect(ev('meta["x"] == 1', [{ id: 1, meta: null }, { id: 2, meta: {} }])).toEqual([null, null]);
    expect(ev26('meta["x"] != 1', [{ id: 1 }])).toEqual([true]);
    expect(ev('meta["x"] != 1', [{ id: 1 }])).toEqual([null]);
    expect(ev('exists meta["x"]', [{ id: 1 }])).toEqual([false]);
    expect(ev26('exists meta["x"]', [{ id: 1 }])).toEqual([false]);
  });

  // notes §5 JSON: `exists` ≡ `is not null`; explicit JSON null counts as missing; own keys only.
  it("checks existence with exists / is null", () => {
    const rows = [{ id: 1, doc: { k: 1 } }, { id: 2, doc: { k: null } }, { id: 3, doc: {} }, { id: 4, doc: [] }];
    expect(ev('exists doc["k"]', rows)).toEqual([true, false, false, false]);
    expect(ev('doc["k"] is null', rows)).toEqual([false, true, true, true]);
    expect(ev('doc["k"] is not null', rows)).toEqual([true, false, false, false]);
    expect(ev("k is null", [{ id: 1 }, { id: 2, k: 0 }, { id: 3, $meta: { k: null } }])).toEqual([true, false, true]);
  });

  // JSON numbers: an int64 JSON value vs an integer constant compares exactly, any other pair as
  // doubles (UnaryExpr.cpp UnaryRangeJSONCompare: master 88f357a ~line 768 at_numeric, 2.6 f15a996
  // ~line 708 at<int64> then at<double>). Both lines, so both profiles.
  it("compares JSON ints exactly with integer constants and everything else as doubles", () => {
    const rows = [row('{"id":1,"doc":{"x":1.0}}'), row('{"id":2,"doc":{"x":1}}'), row('{"id":3,"doc":{"x":9007199254740993}}'), row('{"id":4,"doc":{"x":9007199254740992.0}}')];
    expect(ev('doc["x"] == 1', rows)).toEqual([true, true, false, false]);
    expect(ev('doc["x"] == 1.0', rows)).toEqual([true, true, false, false]);
    for (const target of ["2.6", "3.0"]) {
      expect(ev('doc["x"] == 9007199254740993', rows, { target })).toEqual([false, false, true, true]);
      expect(ev('doc["x"] == 9007199254740992.0', rows, { target })).toEqual([false, false, true, true]);
      expect(ev('9007199254740992 < doc["x"] <= 9007199254740993', rows, { target })).toEqual([false, false, true, false]);
    }
    expect(ev('doc["x"] > 9007199254740992', rows)).toEqual([false, false, true, false]);
    expect(ev('doc["x"] == 9007199254740992', rows)).toEqual([false, false, false, true]);
  });

  // notes §5 JSON: `in` on JSON; `not in` includes rows lacking the key.
  it("matches in / not in on JSON, with not in selecting missing keys", () => {
    const rows = [{ id: 1, doc: { x: 2 } }, { id: 2, doc: { x: "2" } }, { id: 3, doc: {} }, row('{"id":4,"doc":{"x":2.0}}')];
    expect(ev26('doc["x"] in [1, 2]', rows)).toEqual([true, false, false, true]);
    expect(ev26('doc["x"] not in [1, 2]', rows)).toEqual([false, true, true, false]);
    expect(ev26('doc["x"] in ["2", true]', rows)).toEqual([false, true, false, false]);
  });

  // spec §4: JSON paths follow JSON-pointer rules: indexes into arrays, keys into objects.
  it("navigates paths through objects and arrays", () => {
    const r = row('{"id":1,"doc":{"a":[{"b":"x"}],"0":"zero"}}');
    expect(ev26('doc["a"][0]["b"] == "x"', [r])).toEqual([true]);
    expect(ev26('doc["a"]["0"]["b"] == "x"', [r])).toEqual([true]);
    expect(ev26('doc[0] == "zero"', [r])).toEqual([true]);
    expect(ev26('doc["a"][1]["b"] == "x"', [r])).toEqual([false]);
  });

  // spec §4: `$meta` alone is the whole dynamic object.
  it("reads $meta as the whole dynamic object", () => {
    expect(ev26("$meta == 1", [{ id: 1, x: 1 }])).toEqual([false]);
    expect(ev26("$meta != 1", [{ id: 1, x: 1 }])).toEqual([true]);
    expect(ev26('json_contains($meta, 1)', [{ id: 1, x: 1 }])).toEqual([false]);
  });

  // spec §5.1: strings compare with strings, booleans with booleans inside JSON.
  it("compares JSON strings and booleans with their own kind only", () => {
    expect(ev26('doc["s"] > "a"', [{ id: 1, doc: { s: "b" } }, { id: 2, doc: { s: 5 } }])).toEqual([true, false]);
    expect(ev26('doc["b"] == true', [{ id: 1, doc: { b: true } }, { id: 2, doc: { b: 1 } }])).toEqual([true, false]);
  });

  // segcore UnaryRangeJSON with an array value: whole-array equality.
  it("compares a JSON array with an array literal", () => {
    const rows = [row('{"id":1,"doc":{"a":[1,2.0,"x"]}}'), { id: 2, doc: { a: [1, 2] } }, { id: 3, doc: {} }];
    expect(ev26('doc["a"] == [1, 2, "x"]', rows)).toEqual([true, false, false]);
    // A missing key under != with an array value is FALSE on 2.6 (2.6 UnaryExpr.cpp, NotEqual's Array branch, ~line 884).
    expect(ev26('doc["a"] != [1, 2, "x"]', rows)).toEqual([false, true, false]);
    expect(ev('doc["a"] != [1, 2, "x"]', rows)).toEqual([false, true, null]);
  });
});

describe("numbers", () => {
  // notes §5 Numbers / issue: Int64 columns compare exactly, bigint beyond 2^53.
  it("compares Int64 exactly beyond 2^53", () => {
    const rows = [{ id: 1, age: 9007199254740993n }, { id: 2, age: 9007199254740992 }, { id: 3, age: 2n ** 63n - 1n }];
    expect(ev("age == 9007199254740993", rows)).toEqual([true, false, false]);
    expect(ev("age > 9007199254740992", rows)).toEqual([true, false, true]);
    expect(ev("age == 9223372036854775807", rows)).toEqual([false, false, true]);
    expect(ev("age in [9007199254740993, 1]", rows)).toEqual([true, false, false]);
    expect(ev("9007199254740992 < age < 9223372036854775807", rows)).toEqual([true, false, false]);
  });

  // spec §1.4: -9223372036854775808 is int64 min.
  it("accepts int64 min", () => {
    expect(ev("age == -9223372036854775808", [{ id: 1, age: -(2n ** 63n) }])).toEqual([true]);
  });

  // spec §1.4: no per-width range check; segcore compares out-of-range constants exactly.
  it("compares narrow ints with out-of-range constants mathematically", () => {
    expect(ev("n8 < 1000", [{ id: 1, n8: 127 }])).toEqual([true]);
    expect(ev("n8 == 1000", [{ id: 1, n8: 127 }])).toEqual([false]);
  });

  // notes §5 Numbers: integer / truncates toward zero, % takes the dividend's sign.
  it("divides integers truncating and takes the dividend's sign for %", () => {
    expect(ev("age / 2 == -3", [{ id: 1, age: -7 }])).toEqual([true]);
    expect(ev("age % 3 == -1", [{ id: 1, age: -7 }])).toEqual([true]);
    expect(ev("age % -3 == 1", [{ id: 1, age: 7 }])).toEqual([true]);
    expect(ev("age / 2 == 4611686018427387903", [{ id: 1, age: 2n ** 63n - 1n }])).toEqual([true]);
  });

  // SEMANTICS.md decision: int64 arithmetic wraps (two's complement), as the server's C++ does.
  it("wraps int64 arithmetic", () => {
    expect(ev("age + 1 == -9223372036854775808", [{ id: 1, age: 2n ** 63n - 1n }])).toEqual([true]);
    expect(ev("age * 2 == -2", [{ id: 1, age: 2n ** 63n - 1n }])).toEqual([true]);
    expect(ev("age / -1 == -9223372036854775808", [{ id: 1, age: -(2n ** 63n) }])).toEqual([true]);
  });

  // segcore BinaryArithOpEvalRange: Int8/16/32 fields compute in int64 (no narrow overflow).
  it("computes narrow int arithmetic in int64", () => {
    expect(ev("n8 + 100 == 227", [{ id: 1, n8: 127 }])).toEqual([true]);
    expect(ev("n32 * 2 == 4294967294", [{ id: 1, n32: 2147483647 }])).toEqual([true]);
  });

  // segcore JSON arithmetic: an int64 JSON value computes in int64, a double in float64 (fmod for %).
  it("computes JSON arithmetic by the value's kind", () => {
    const rows = [row('{"id":1,"doc":{"x":7}}'), row('{"id":2,"doc":{"x":7.0}}'), row('{"id":3,"doc":{"x":"7"}}')];
    expect(ev26('doc["x"] / 2 == 3', rows)).toEqual([true, false, false]);
    // A float compared value makes segcore read the JSON value as a double, even an int64 one.
    expect(ev26('doc["x"] / 2 == 3.5', rows)).toEqual([true, true, false]);
    expect(ev26('doc["x"] % 2 == 1', rows)).toEqual([true, true, false]);
    expect(ev26('doc["x"] % 2 != 1', rows)).toEqual([false, false, true]);
    expect(ev26('doc["x"] * 1.5 == 10.5', rows)).toEqual([true, true, false]);
  });

  // spec §5.3 [3.x]: same-family integer chains fold.
  it("folds integer arithmetic chains", () => {
    expect(ev("((age + 2) + 3) == 10", [{ id: 1, age: 5 }])).toEqual([true]);
    expect(ev("age - 2 - 3 == 0", [{ id: 1, age: 5 }])).toEqual([true]);
    expect(ev("((age & 6) & 3) == 2", [{ id: 1, age: 7 }])).toEqual([true]);
    expect(ev("2 * age == 10", [{ id: 1, age: 5 }])).toEqual([true]);
  });

  // spec §3.2: constants fold in the planner (int wraps, int/int truncates, mixed compares as float).
  it("folds constant expressions", () => {
    expect(ev("age == 7 / 2", [{ id: 1, age: 3 }])).toEqual([true]);
    expect(ev("age == -7 % 3", [{ id: 1, age: -1 }])).toEqual([true]);
    expect(ev("age == 2 ** 10", [{ id: 1, age: 1024 }])).toEqual([true]);
    expect(ev("1 < 1.5", [NULLROW])).toEqual([true]);
    expect(ev('"a" < "b"', [NULLROW])).toEqual([true]);
    expect(ev("age == 010 + 0x10 + 0b1", [{ id: 1, age: 25 }])).toEqual([true]);
  });

  // notes §5 Numbers / milvus#47994 (SEMANTICS.md decision): Float columns compare in float32;
  // the literal and the row value are both rounded with Math.fround.
  it("compares Float columns in float32", () => {
    expect(ev("f == 0.1", [{ id: 1, f: 0.1 }, { id: 2, f: Math.fround(0.1) }])).toEqual([true, true]);
    expect(ev("f > 0.1", [{ id: 1, f: 0.10000000149011612 }])).toEqual([false]);
    expect(ev("f * 26 > 25999.9999", [{ id: 1, f: 1000 }])).toEqual([false]); // milvus#47994
    expect(ev("d * 26 > 25999.9999", [{ id: 1, d: 1000 }])).toEqual([true]); // Double stays double
    expect(ev("f == 16777217", [{ id: 1, f: 16777216 }])).toEqual([true]); // int literal → float32
    expect(ev("f in [0.1, 0.2]", [{ id: 1, f: 0.2 }])).toEqual([true]);
  });

  // segcore CompareExpr: C++ usual arithmetic conversions between two columns.
  it("compares int and float columns the way C++ converts them", () => {
    expect(ev("age == d", [{ id: 1, age: 9007199254740993n, d: 9007199254740992 }])).toEqual([true]);
    expect(ev("n32 == f", [{ id: 1, n32: 16777217, f: 16777216 }])).toEqual([true]);
    expect(ev("age < n32", [{ id: 1, age: 1, n32: 2 }, { id: 2, age: 1, n32: null }])).toEqual([true, null]);
  });
});

describe("strings", () => {
  // notes §5 Strings: byte-wise (UTF-8) order, case-sensitive. U+FFFF < U+1F600 in UTF-8 but not in UTF-16.
  it("orders strings by UTF-8 bytes", () => {
    expect(ev('name < "😀"', [{ id: 1, name: "\uFFFF" }, { id: 2, name: "\uE000" }])).toEqual([true, true]);
    expect(ev('name > "\uFFFF"', [{ id: 1, name: "😀" }])).toEqual([true]);
    expect(ev('name < "a"', [{ id: 1, name: "B" }, { id: 2, name: "b" }])).toEqual([true, false]);
    expect(ev('"a" <= name < "b"', [{ id: 1, name: "az" }, { id: 2, name: "b" }])).toEqual([true, false]);
    expect(ev('name == "Red"', [{ id: 1, name: "red" }])).toEqual([false]);
  });
});

describe("LIKE", () => {
  // spec §5.5: whole-string match, % any run, _ one character, \ escapes; case-sensitive.
  it("matches the whole string with % and _", () => {
    const rows = ["abc", "ab", "xabc", "aXc", "", "ABC"].map((name, i) => ({ id: i, name }));
    expect(ev('name like "abc"', rows)).toEqual([true, false, false, false, false, false]);
    expect(ev('name like "a%"', rows)).toEqual([true, true, false, true, false, false]);
    expect(ev('name like "%c"', rows)).toEqual([true, false, true, true, false, false]);
    expect(ev('name like "%b%"', rows)).toEqual([true, true, true, false, false, false]);
    expect(ev('name like "a_c"', rows)).toEqual([true, false, false, true, false, false]);
    expect(ev('name like "%"', rows)).toEqual([true, true, true, true, true, true]);
    expect(ev('name like ""', rows)).toEqual([false, false, false, false, true, false]);
    expect(ev('name like "_%_"', rows)).toEqual([true, true, true, true, false, true]);
  });

  // spec §5.5: a literal % needs "\\%" in a normal string (unquoted first), or r"\%".
  it("escapes with backslash", () => {
    const rows = [{ id: 1, name: "50%" }, { id: 2, name: "50x" }, { id: 3, name: "a_b" }, { id: 4, name: "axb" }, { id: 5, name: "a\\b" }];
    expect(ev('name like "50\\\\%"', rows)).toEqual([true, false, false, false, false]);
    expect(ev('name like r"50\\%"', rows)).toEqual([true, false, false, false, false]);
    expect(ev('name like r"a\\_b"', rows)).toEqual([false, false, true, false, false]);
    expect(ev('name like r"a\\\\b"', rows)).toEqual([false, false, false, false, true]);
  });

  // segcore LikePatternMatcher: `_` matches one UTF-8 character (code point), not one byte.
  it("counts _ as one character, surrogate pairs included", () => {
    expect(ev('name like "_"', [{ id: 1, name: "😀" }, { id: 2, name: "é" }, { id: 3, name: "ab" }])).toEqual([true, true, false]);
    expect(ev('name like "a_c"', [{ id: 1, name: "a😀c" }])).toEqual([true]);
    expect(ev('name like "%😀"', [{ id: 1, name: "x😀" }])).toEqual([true]);
  });

  // segcore: a middle segment must not overlap the last one ("%ab%ba" on "aba").
  it("keeps segments from overlapping", () => {
    expect(ev('name like "%ab%ba"', [{ id: 1, name: "aba" }, { id: 2, name: "abba" }])).toEqual([false, true]);
    expect(ev('name like "a%a"', [{ id: 1, name: "a" }, { id: 2, name: "aa" }])).toEqual([false, true]);
    expect(ev('name like "%a_b%"', [{ id: 1, name: "xaxaac" }, { id: 2, name: "ab" }])).toEqual([false, false]);
    expect(ev('name like "%a_b%"', [{ id: 1, name: "xaxb" }, { id: 2, name: "xaxab" }])).toEqual([true, false]);
  });

  // notes §5 JSON: LIKE on JSON matches strings only; anything else is FALSE.
  it("applies to JSON strings only", () => {
    expect(ev26('doc["k"] like "a%"', [{ id: 1, doc: { k: "ab" } }, { id: 2, doc: { k: 1 } }, { id: 3, doc: {} }])).toEqual([true, false, false]);
    expect(ev26('tags[0] like "a%"', [{ id: 1, tags: ["ab"] }, { id: 2, tags: [] }])).toEqual([true, null]);
  });

  // segcore: a trailing lone backslash fails the query at execution.
  it("refuses a pattern ending in a lone backslash", () => {
    expect(problems('name like "a\\\\"')).toEqual(["eval/unsupported"]);
  });
});

describe("regex", () => {
  // spec §5.6: RE2 syntax, substring (unanchored) match; (?i) for case-insensitive.
  it("matches substrings with RE2 syntax", () => {
    const rows = [{ id: 1, name: "Hello World" }, { id: 2, name: "hello" }, { id: 3, name: "a\nb" }];
    expect(ev('name =~ "World"', rows)).toEqual([true, false, false]);
    expect(ev('name =~ "^hello$"', rows)).toEqual([false, true, false]);
    expect(ev('name =~ "(?i)^HELLO"', rows)).toEqual([true, true, false]);
    // `.` matches a newline: PartialRegexMatcher sets dot_nl (RegexQuery.h line 94, master 88f357a).
    expect(ev('name =~ "a.b"', rows)).toEqual([false, false, true]);
    expect(ev('name =~ "(?-s)a.b"', rows)).toEqual([false, false, false]);
    expect(ev('name =~ "(?s)a.b"', rows)).toEqual([false, false, true]);
    expect(ev('name =~ "\\d"', [{ id: 1, name: "x1" }])).toEqual([true]); // "\d" keeps its backslash
    expect(ev('name =~ r"\\w+\\s"', rows)).toEqual([true, false, true]);
  });

  // spec §5.6 / notes §5: NULL scalar → NULL for both; on JSON, `!~` includes missing/null/non-string.
  it("handles NULL and JSON non-strings like the docs table", () => {
    expect(ev26('name =~ "a"', [{ id: 1 }])).toEqual([null]);
    expect(ev26('name !~ "a"', [{ id: 1 }])).toEqual([null]);
    const rows = [{ id: 1, doc: { k: "abc" } }, { id: 2, doc: {} }, { id: 3, doc: { k: null } }, { id: 4, doc: { k: 5 } }];
    expect(ev26('doc["k"] =~ "b"', rows)).toEqual([true, false, false, false]);
    expect(ev26('doc["k"] !~ "b"', rows)).toEqual([false, true, true, true]);
  });

  // spec §5.6: patterns Go's regexp rejects (lookaround, backreferences) are invalid.
  it("rejects patterns RE2 does not accept", () => {
    expect(problems('name =~ "(?<=a)b"')).toEqual(["eval/unsupported"]);
    expect(problems('name =~ "(a)\\\\1"')).toEqual(["eval/unsupported"]);
  });
});

describe("arrays", () => {
  // spec §5.9: array_contains / _all / _any; NULL array → NULL.
  it("evaluates the array_contains family", () => {
    const rows = [{ id: 1, nums: [1, 2, 3] }, { id: 2, nums: [] }, { id: 3, nums: null }, { id: 4, nums: [9007199254740993n] }];
    expect(ev("array_contains(nums, 2)", rows)).toEqual([true, false, null, false]);
    expect(ev("array_contains(nums, 9007199254740993)", rows)).toEqual([false, false, null, true]);
    expect(ev("array_contains_all(nums, [1, 3])", rows)).toEqual([true, false, null, false]);
    expect(ev("array_contains_all(nums, [])", rows)).toEqual([true, true, null, true]);
    expect(ev("array_contains_any(nums, [7, 3])", rows)).toEqual([true, false, null, false]);
    expect(ev("array_contains_any(nums, [])", rows)).toEqual([false, false, null, false]);
    expect(ev('ARRAY_CONTAINS(tags, "x")', [{ id: 1, tags: ["x"] }])).toEqual([true]);
    expect(ev("array_contains(fl, 0.1)", [{ id: 1, fl: [0.1] }])).toEqual([true]);
  });

  // spec §5.10: array_length; JSON: missing or non-array has length 0 (segcore); NULL array → NULL.
  it("measures arrays", () => {
    expect(ev26("array_length(nums) == 2", [{ id: 1, nums: [1, 2] }, { id: 2, nums: null }])).toEqual([true, null]);
    expect(ev26('array_length(doc["a"]) == 0', [{ id: 1, doc: {} }, { id: 2, doc: { a: "x" } }, { id: 3, doc: { a: [1] } }])).toEqual([true, true, false]);
    expect(ev26("array_length(clips[n]) == 2", [{ id: 1, clips: [{ n: 1 }, { n: 2 }] }])).toEqual([true]);
  });

  // segcore UnaryElementFuncForArray: `arr[i]` out of range is NULL (never selected, also under not).
  it("treats an out-of-range element as NULL", () => {
    const rows = [{ id: 1, nums: [5] }, { id: 2, nums: [] }];
    expect(ev("nums[0] == 5", rows)).toEqual([true, null]);
    expect(ev("nums[3] == 5", rows)).toEqual([null, null]);
    expect(ev("nums[3] != 5", rows)).toEqual([null, null]);
    expect(ev("not (nums[3] == 5)", rows).map((v) => v === true)).toEqual([false, false]);
  });

  // spec §3.3: whole-array == / != with an array literal.
  it("compares whole arrays", () => {
    const rows = [{ id: 1, nums: [1, 2] }, { id: 2, nums: [2, 1] }, { id: 3 }];
    expect(ev("nums == [1, 2]", rows)).toEqual([true, false, null]);
    expect(ev("nums != [1, 2]", rows)).toEqual([false, true, null]);
    // A list of arrays: accepted by the planner, fails at run time (TermExpr.cpp master ~line 146, 2.6 ~line 105).
    expect(problems("nums in [[2, 1], [3]]")).toEqual(["eval/unsupported"]);
    expect(problems('doc["a"] in [[1], [2]]')).toEqual(["eval/unsupported"]);
    expect(ev("nums in []", rows)).toEqual([false, false, null]);
    expect(problems("nums < [1]")).toEqual(["eval/unsupported"]);
  });

  // notes §5 JSON: json_contains* on JSON arrays only (non-arrays FALSE); a list value means list-of-lists.
  it("evaluates json_contains on JSON arrays", () => {
    const rows = [row('{"id":1,"doc":{"a":[1,2.0,"x",[1,2]]}}'), { id: 2, doc: { a: "x" } }, { id: 3, doc: {} }, { id: 4 }];
    expect(ev26('json_contains(doc["a"], 2)', rows)).toEqual([true, false, false, null]);
    expect(ev26('json_contains(doc["a"], "x")', rows)).toEqual([true, false, false, null]);
    expect(ev26('json_contains(doc["a"], [1, 2])', rows)).toEqual([true, false, false, null]);
    expect(ev26('json_contains(doc["a"], [2, 1])', rows)).toEqual([false, false, false, null]);
    expect(ev26('json_contains_all(doc["a"], [1, "x"])', rows)).toEqual([true, false, false, null]);
    expect(ev26('json_contains_any(doc["a"], [9, [1, 2]])', rows)).toEqual([true, false, false, null]);
    expect(ev26('json_contains(meta["a"], 1)', rows)).toEqual([null, null, null, null]);
  });
});

describe("templates", () => {
  // spec §5.18: values come from exprParams; missing values are an error.
  it("fills placeholders from params", () => {
    const params = { v: 30, list: [1, 9007199254740993n], pat: "a%", f: new JsonFloat(0.5, "0.5"), s: "x" };
    expect(ev("age > {v}", [{ id: 1, age: 31 }], { params })).toEqual([true]);
    expect(ev("{v} < age", [{ id: 1, age: 31 }], { params })).toEqual([true]);
    expect(ev("age in {list}", [{ id: 1, age: 9007199254740993n }], { params })).toEqual([true]);
    expect(ev("name like {pat}", [{ id: 1, name: "ab" }], { params })).toEqual([true]);
    expect(ev("d > {f}", [{ id: 1, d: 0.75 }], { params })).toEqual([true]);
    expect(ev("age > {v}", [{ id: 1, age: 31 }], { params: new Map([["v", { kind: "int64", value: 30n }]]) })).toEqual([true]);
    expect(problems("age > {missing}", { params })).toEqual(["eval/missing-param"]);
    expect(problems("age > {f}", { params })).toEqual(["eval/unsupported"]); // a double cannot fill an Int64 comparison
  });
});

describe("random_sample", () => {
  // spec §5.11: each row passing the rest is selected with probability f; seedable sampler.
  it("samples with the given sampler, only for rows the rest selects", () => {
    let calls = 0;
    const random = (): number => {
      calls++;
      return calls % 2 === 0 ? 0.1 : 0.9;
    };
    const c = compile("age > 1 and random_sample(0.5)", { random });
    expect([{ id: 1, age: 5 }, { id: 2, age: 0 }, { id: 3, age: 5 }, { id: 4 }].map((r) => c.evaluate(r))).toEqual([false, false, true, null]);
    expect(calls).toBe(2);
  });

  it("selects about f of the rows", () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) - 1) / 2147483646;
    const c = compile("random_sample(0.25)", { random });
    let hits = 0;
    for (let i = 0; i < 20000; i++) if (c.test({ id: i })) hits++;
    expect(hits / 20000).toBeGreaterThan(0.23);
    expect(hits / 20000).toBeLessThan(0.27);
  });

  // spec §5.11: the factor must be strictly between 0 and 1; random_sample only ends the top-level AND.
  it("rejects misplaced samples and bad factors", () => {
    expect(problems("random_sample(1)")).toEqual(["eval/unsupported"]);
    expect(problems("random_sample(0.5) and age > 1")).toEqual(["eval/unsupported"]);
    expect(problems("age > 1 or random_sample(0.5)")).toEqual(["eval/unsupported"]);
  });
});

describe("element_filter and MATCH_*", () => {
  const rows = [
    { id: 1, clips: [{ label: "Red car", n: 1 }, { label: "blue", n: 2 }, { label: "Red bus", n: 3 }] },
    { id: 2, clips: [] },
    { id: 3 },
    { id: 4, clips: [{ label: "Red", n: null }] },
  ];
  // spec §5.14 / docs struct-array-operators: ANY = at least one, ALL = every (and at least one element).
  it("counts matching struct elements", () => {
    expect(ev('MATCH_ANY(clips, $[label] like "Red%")', rows)).toEqual([true, false, false, true]);
    expect(ev('element_filter(clips, $[label] like "Red%")', rows)).toEqual([true, false, false, true]);
    expect(ev("MATCH_ALL(clips, $[n] > 0)", rows)).toEqual([true, false, false, false]);
    expect(ev('MATCH_LEAST(clips, $[label] like "Red%", threshold=2)', rows)).toEqual([true, false, false, false]);
    expect(ev('MATCH_MOST(clips, $[label] like "Red%", threshold=1)', rows)).toEqual([false, true, true, true]);
    expect(ev('MATCH_EXACT(clips, $[label] like "Red%", threshold=2)', rows)).toEqual([true, false, false, false]);
  });

  // segcore MatchExpr: elements whose predicate is NULL are skipped (neither hits nor counted).
  it("skips elements whose predicate is NULL", () => {
    expect(ev("MATCH_ALL(clips, $[n] > 0)", [{ id: 1, clips: [{ n: 1 }, { n: null }] }])).toEqual([true]);
    expect(ev("MATCH_ANY(clips, $[n] > 0)", [{ id: 1, clips: [{ n: null }] }])).toEqual([false]);
  });

  // spec §5.14: `$` is a scalar-array element.
  it("iterates scalar arrays with $", () => {
    expect(ev("MATCH_ALL(nums, $ > 0)", [{ id: 1, nums: [1, 2] }, { id: 2, nums: [1, -1] }])).toEqual([true, false]);
    expect(ev('MATCH_ANY(tags, $ == "x")', [{ id: 1, tags: ["y", "x"] }])).toEqual([true]);
    expect(ev("not MATCH_ANY(nums, $ > 5)", [{ id: 1, nums: [] }])).toEqual([true]);
  });

  it("rejects nesting and $ outside", () => {
    expect(problems("$ > 1")).toEqual(["eval/unsupported"]);
    expect(problems("MATCH_ANY(clips, MATCH_ANY(nums, $ > 1))")).toEqual(["eval/unsupported"]);
    expect(problems("MATCH_ANY(nums, $[x] > 1)")).toEqual(["eval/unsupported"]);
  });
});

describe("constructs without a local meaning", () => {
  // issue: text_match with a server analyzer, GIS, unknown functions → "not evaluable here".
  it("reports not-evaluable instead of guessing", () => {
    expect(problems('text_match(body, "x")')).toEqual(["eval/not-evaluable"]);
    expect(problems('phrase_match(body, "a b")')).toEqual(["eval/not-evaluable"]);
    expect(problems('ST_CONTAINS(geo, "POINT (0 0)")')).toEqual(["eval/not-evaluable"]);
    expect(problems("ts > ISO '2025-01-01T00:00:00Z'")).toEqual(["eval/not-evaluable"]);
    expect(problems("membership_match(name, {blob})", { params: { blob: "AAAA" } })).toEqual(["eval/not-evaluable"]);
    expect(problems('age > 1 and text_match(body, "x") and ST_ISVALID(geo)')).toEqual(["eval/not-evaluable", "eval/not-evaluable"]);
  });

  // segcore FunctionFactory: empty(VarChar) and starts_with(VarChar, VarChar) are exact.
  it("evaluates empty() and starts_with()", () => {
    expect(ev("empty(name)", [{ id: 1, name: "" }, { id: 2, name: "x" }, { id: 3 }])).toEqual([true, false, null]);
    expect(ev('starts_with(name, "ab")', [{ id: 1, name: "abc" }, { id: 2, name: "a" }])).toEqual([true, false]);
    expect(ev('STARTS_WITH(name, "ab")', [{ id: 1, name: "abc" }])).toEqual([true]);
    expect(problems("unknown_fn(name)")).toEqual(["eval/not-evaluable"]);
  });

  // spec §0 / §3.2: empty filter = AlwaysTrue; constant predicates fold.
  it("evaluates the empty filter and constants", () => {
    expect(ev("", [NULLROW])).toEqual([true]);
    expect(ev("  ", [NULLROW])).toEqual([true]);
    expect(ev("1 == 2", [NULLROW])).toEqual([false]);
    expect(ev("true and age > 1", [{ id: 1, age: 2 }])).toEqual([true]);
  });

  // spec §5.17 / §3.3: shapes Milvus rejects give eval/unsupported.
  it("refuses shapes Milvus rejects", () => {
    expect(problems("age")).toEqual(["eval/unsupported"]);
    expect(problems("ok")).toEqual(["eval/unsupported"]);
    expect(problems("age == 1.5")).toEqual(["eval/unsupported"]);
    expect(problems("age + n32 == 1")).toEqual(["eval/unsupported"]);
    expect(problems("age / 0 == 1")).toEqual(["eval/unsupported"]);
    expect(problems("2 - age == 1")).toEqual(["eval/unsupported"]);
    expect(problems("1 in nums")).toEqual(["eval/unsupported"]);
    expect(problems("meta < doc")).toEqual(["eval/unsupported"]);
    expect(problems("exists doc")).toEqual(["eval/unsupported"]);
    expect(problems("vec is null")).toEqual(["eval/unsupported"]);
    expect(problems("nums[0] is null")).toEqual(["eval/unsupported"]);
    expect(problems("unknown_field > 1", { schema: schemaOf({ id: "Int64 primary" }, { dynamic: false }) })).toEqual(["eval/unsupported"]);
    expect(problems("5 < age < 1")).toEqual(["eval/unsupported"]);
  });
});

describe("explain", () => {
  // issue §CLI --explain: why a row matched, node by node.
  it("explains a row node by node", () => {
    const c = compile('age > 30 and (name == "x" or not (tags is null))');
    const e = c.explain({ id: 1, age: 31, name: null });
    expect(e.node).toBe("And");
    expect(e.value).toBe(null);
    expect(e.text).toBe('age > 30 and (name == "x" or not (tags is null))');
    expect(e.children.map((x) => [x.text, x.value])).toEqual([
      ["age > 30", true],
      ['(name == "x" or not (tags is null))', null],
    ]);
    expect(e.children[0]!.reads).toEqual([{ text: "age", value: "31" }]);
    const or = e.children[1]!;
    expect(or.children.map((x) => [x.node, x.value])).toEqual([
      ["Equality", null],
      ["Unary", false],
    ]);
    expect(or.children[0]!.reads).toEqual([{ text: "name", value: "NULL" }]);
  });

  it("reports match counts and missing keys", () => {
    const c = compile('MATCH_ANY(clips, $[n] > 1) or doc["k"] == 1');
    const e = c.explain({ id: 1, clips: [{ n: 1 }, { n: 2 }], doc: {} });
    expect(e.children[0]!.note).toBe("1 of 2 elements of clips matched");
    expect(e.children[1]!.reads).toEqual([{ text: 'doc["k"]', value: "(missing)" }]);
  });
});

describe("diagnostics", () => {
  it("places diagnostics in the source", () => {
    const c = compile("age > 1", {});
    expect(c.diagnostics).toEqual([]);
    const bad = problems("age > 1 and\n  text_match(body, 'x')");
    expect(bad).toEqual(["eval/not-evaluable"]);
  });

  it("never throws while compiling", () => {
    expect(() => compile("nums[0] like 1")).toThrow(); // our helper throws on diagnostics; compileFilterText itself does not
  });
});

describe("API surface", () => {
  it("runs as a backend", async () => {
    const { evalBackend } = await import("../../../src/backends/eval/index.js");
    const { parse } = await import("../../../src/syntax/parse.js");
    const p = parse("age > 1");
    const f = evalBackend.run({ ast: p.ast!, source: p.source }, { schema: S });
    expect(f.ok && f.test({ id: 1, age: 2 })).toBe(true);
    expect(evalBackend.run({ ast: p.ast! }).ok).toBe(false);
  });

  it("treats a missing row as an empty one", () => {
    const c = compile("age is null");
    expect(c.evaluate(null as never)).toBe(true);
  });

  it("explains without source text", async () => {
    const { compileFilter } = await import("../../../src/backends/eval/index.js");
    const { parse } = await import("../../../src/syntax/parse.js");
    const c = compileFilter(parse('doc["k"] == 1').ast!, { schema: S });
    expect(c.explain({ id: 1, doc: { k: 1 } }).reads).toEqual([{ text: 'doc["k"]', value: "1" }]);
    expect(c.diagnostics).toEqual([]);
  });

  it("gives diagnostics positions without source text", async () => {
    const { compileFilter } = await import("../../../src/backends/eval/index.js");
    const { parse } = await import("../../../src/syntax/parse.js");
    const c = compileFilter(parse('age > 1 and text_match(body, "x")').ast!, { schema: S });
    expect(c.diagnostics[0]).toMatchObject({ code: "eval/not-evaluable", span: { start: 12, end: 33 } });
  });
});

void S;

describe("MATCH_* over JSON", () => {
  // spec §5.14 (newest master): MATCH_* also takes a JSON path; `$` is each element of the JSON array.
  it("iterates the JSON array at a path", () => {
    const rows = [row('{"id":1,"doc":{"a":[1,2,3]}}'), { id: 2, doc: { a: "x" } }, { id: 3, doc: {} }];
    expect(ev('MATCH_ANY(doc["a"], $ > 2)', rows)).toEqual([true, false, false]);
    expect(ev('MATCH_ALL(doc["a"], $ > 0)', rows)).toEqual([true, false, false]);
    expect(ev('MATCH_EXACT(doc["a"], $ >= 2, threshold=2)', rows)).toEqual([true, false, false]);
  });
});
