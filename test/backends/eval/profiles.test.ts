/**
 * One test per rule of ../shared/spec/semantics-by-version.md, on each profile. Sources were read
 * in the fork zhengbuqian/milvus: master 88f357a345 (2026-07-10, the 3.0 line) and branch 2.6
 * f15a99625b (2026-06-04, 2.6.18); paths are relative to internal/core/src/ unless they say otherwise.
 */
import { describe, expect, it } from "vitest";
import { ev, problems, row } from "./helpers.js";
import { describeSemantics, semanticsFor } from "../../../src/semantics/profiles.js";
import { compileFilter, compileFilterText } from "../../../src/backends/eval/index.js";
import { S } from "./helpers.js";

const on = (target: string) => (filter: string, rows: readonly (Record<string, unknown> | string)[]) => ev(filter, rows, { target });
const v26 = on("2.6");
const v30 = on("3.0");

// Rows: key missing, a string, JSON null, the number 1.
const ROWS = [{ id: 1, doc: {} }, { id: 2, doc: { k: "1" } }, { id: 3, doc: { k: null } }, { id: 4, doc: { k: 1 } }];

describe("JSON missing key / type mismatch / JSON null", () => {
  // 2.6: exec/expression/UnaryExpr.cpp ~708-735 (UnaryRangeJSONCompare res=false; ...NotEqual res=true).
  it("2.6: == < are FALSE, != TRUE, so not / != / not in select rows lacking the key", () => {
    expect(v26('doc["k"] == 1', ROWS)).toEqual([false, false, false, true]);
    expect(v26('doc["k"] < 2', ROWS)).toEqual([false, false, false, true]);
    expect(v26('doc["k"] != 1', ROWS)).toEqual([true, true, true, false]);
    expect(v26('not (doc["k"] == 1)', ROWS)).toEqual([true, true, true, false]);
    expect(v26('doc["k"] not in [1]', ROWS)).toEqual([true, true, true, false]);
    expect(v26('not (doc["k"] like "1%")', ROWS)).toEqual([true, false, true, true]);
  });

  // master: UnaryExpr.cpp ~768-796 (res = valid_res = false: UNKNOWN), TermExpr.cpp ~822-860 (#50702, e05e50e144).
  it("master: all of them are UNKNOWN, also under not / != / not in", () => {
    expect(v30('doc["k"] == 1', ROWS)).toEqual([null, null, null, true]);
    expect(v30('doc["k"] < 2', ROWS)).toEqual([null, null, null, true]);
    expect(v30('doc["k"] != 1', ROWS)).toEqual([null, null, null, false]);
    expect(v30('not (doc["k"] == 1)', ROWS)).toEqual([null, null, null, false]);
    expect(v30('doc["k"] not in [1]', ROWS)).toEqual([null, null, null, false]);
    expect(v30('not (doc["k"] like "1%")', ROWS)).toEqual([null, false, null, null]);
    expect(v30('doc["k"] !~ "1"', ROWS)).toEqual([null, false, null, null]);
  });

  // The same rules hold for dynamic-field keys (they are JSON paths into $meta).
  it("applies to dynamic keys: color != \"red\" keeps rows without color on master only", () => {
    const rows = [{ id: 1 }, { id: 2, color: "red" }, { id: 3, color: "blue" }];
    expect(v26('color != "red"', rows)).toEqual([true, false, true]);
    expect(v30('color != "red"', rows)).toEqual([null, false, true]);
  });
});

describe("arithmetic on a missing JSON operand", () => {
  // 2.6: BinaryArithOpEvalRangeExpr.cpp ~157-180 (an error gives FALSE); master: 933ce30344 makes it UNKNOWN.
  it("is FALSE on 2.6 and UNKNOWN on master", () => {
    const rows = [{ id: 1, doc: {} }, { id: 2, doc: { k: 1 } }];
    expect(v26('not (doc["k"] + 1 == 2)', rows)).toEqual([true, false]);
    expect(v30('not (doc["k"] + 1 == 2)', rows)).toEqual([null, false]);
  });
});

describe("array_length / json_contains on a missing or non-array value", () => {
  // 2.6: BinaryArithOpEvalRangeExpr.cpp ~221-227 (array_length stays 0); master ~256-260 (valid_res = false).
  it("array_length: 0 on 2.6, UNKNOWN on master", () => {
    const rows = [{ id: 1, doc: {} }, { id: 2, doc: { k: 5 } }, { id: 3, doc: { k: [1, 2] } }];
    expect(v26('array_length(doc["k"]) == 0', rows)).toEqual([true, true, false]);
    expect(v30('array_length(doc["k"]) == 0', rows)).toEqual([null, null, false]);
  });

  // 2.6: JsonContainsExpr.cpp ~359-361 (return false); master ~489-491 (pair(false, false): UNKNOWN).
  it("json_contains: FALSE on 2.6, UNKNOWN on master", () => {
    const rows = [{ id: 1, doc: {} }, { id: 2, doc: { k: 1 } }, { id: 3, doc: { k: [1] } }];
    expect(v26('not json_contains(doc["k"], 1)', rows)).toEqual([true, true, false]);
    expect(v30('not json_contains(doc["k"], 1)', rows)).toEqual([null, null, false]);
    expect(v30('json_contains_any(doc["k"], [1, 2])', rows)).toEqual([null, null, true]);
  });
});

describe("exists / is null on JSON paths (the same on both lines)", () => {
  // common/Json.h `exist` + `isObjectEmpty` (master lines 248-256 and 383-407; 2.6 lines 221-229 and 344-).
  for (const target of ["2.6", "3.0"]) {
    it(`${target}: exists is FALSE on {}, [], all-null members and JSON null`, () => {
      const rows = [row('{"id":1,"doc":{"k":{}}}'), row('{"id":2,"doc":{"k":[]}}'), row('{"id":3,"doc":{"k":[null,{"a":null}]}}'), row('{"id":4,"doc":{"k":null}}'), row('{"id":5,"doc":{"k":0}}'), row('{"id":6,"doc":{"k":[[],1]}}')];
      expect(ev('exists doc["k"]', rows, { target })).toEqual([false, false, false, false, true, true]);
      // parser_visitor.go ~2243 / ~2290: is not null → exists, is null → not exists.
      expect(ev('doc["k"] is null', rows, { target })).toEqual([true, true, true, true, false, false]);
    });

    // ExistsExpr.cpp (master ~183, 2.6 ~171): a NULL JSON column gives res=false and stays valid.
    it(`${target}: exists is FALSE on a NULL JSON column, so is null is TRUE there`, () => {
      expect(ev('exists meta["k"]', [{ id: 1 }, { id: 2, meta: null }], { target })).toEqual([false, false]);
      expect(ev('meta["k"] is null', [{ id: 1 }], { target })).toEqual([true]);
    });
  }
});

describe("a NULL JSON column under !=", () => {
  // 2.6 UnaryExpr.cpp ~867-877 sets res=true, valid=false; FilterBitsNode.cpp ~122 flips data bits only (medium confidence).
  it("2.6: selected", () => {
    expect(v26('meta["k"] != 1', [{ id: 1 }, { id: 2, meta: null }])).toEqual([true, true]);
  });
  // master: exec/operator/FilterBitsNode.cpp ~60-74 excludes invalid rows (#50701, f0bab30fb3).
  it("master: UNKNOWN", () => {
    expect(v30('meta["k"] != 1', [{ id: 1 }, { id: 2, meta: null }])).toEqual([null, null]);
  });
});

describe("JSON numbers beyond 2^53", () => {
  // UnaryExpr.cpp: master ~768 (at_numeric: int64 exact, else double), 2.6 ~708 (at<int64>, then at<double>).
  for (const target of ["2.6", "3.0"]) {
    it(`${target}: a JSON double is compared as a double with an integer constant`, () => {
      const rows = [row('{"id":1,"doc":{"k":9007199254740993}}'), row('{"id":2,"doc":{"k":9007199254740992.0}}'), row('{"id":3,"doc":{"k":9007199254740992}}')];
      expect(ev('doc["k"] == 9007199254740993', rows, { target })).toEqual([true, true, false]);
      expect(ev('doc["k"] == 9007199254740992', rows, { target })).toEqual([false, true, true]);
    });
  }
});

describe("regex", () => {
  // common/RegexQuery.h line 94 (master): set_dot_nl(true). Regex exists only on master (no PartialRegexMatcher on 2.6).
  it("master: . matches a newline", () => {
    expect(v30('name =~ "a.b"', [{ id: 1, name: "a\nb" }])).toEqual([true]);
  });
});

describe("whole-array in", () => {
  // TermExpr.cpp: master ~146-165, 2.6 ~105-130: no branch for array values ("unknown data type").
  it("is refused on both lines: the server fails at run time", () => {
    expect(problems("nums in [[1, 2, 3]]")).toEqual(["eval/unsupported"]);
  });
});

describe("choosing a profile", () => {
  it("maps lines, exact releases and latest", () => {
    expect(semanticsFor("2.6").profile.id).toBe("2.6");
    expect(semanticsFor("2.6.17").profile.id).toBe("2.6");
    expect(semanticsFor("2.6.17").note).toBeUndefined();
    expect(semanticsFor("3.0").profile.id).toBe("master");
    expect(semanticsFor("3.0.1").profile.id).toBe("master");
    expect(semanticsFor("latest").profile.id).toBe("master");
    expect(semanticsFor("2.5.3").profile.id).toBe("2.6");
  });

  it("says what is not established", () => {
    // The 2.6 port of #50701 (7ee85ba28e, 2026-06-30) came after the 2.6.18 snapshot.
    expect(semanticsFor("2.6").note).toMatch(/not established/);
    expect(semanticsFor("2.6.19").note).toMatch(/not established/);
    expect(semanticsFor("2.5").note).toMatch(/not read/);
    expect(describeSemantics(semanticsFor("3.0"))).toBe("semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type mismatches are UNKNOWN");
  });

  it("defaults to the checker's default target (master)", () => {
    const c = compileFilterText('doc["k"] != 1', { schema: S });
    expect(c.evaluate({ id: 1, doc: {} })).toBe(null);
  });
});

describe("compiling a CheckResult", () => {
  it("uses the checker's folded constants and refuses what the checker refuses", async () => {
    const { check } = await import("../../../src/check/index.js");
    const { parse } = await import("../../../src/syntax/parse.js");
    const ok = compileFilter(check(parse("age > 2 * 3 + -1"), { schema: S, purpose: "delete", target: "3.0" }), { schema: S });
    expect(ok.ok).toBe(true);
    expect([{ id: 1, age: 5 }, { id: 2, age: 6 }].map((r) => ok.evaluate(r))).toEqual([false, true]);
    const bad = compileFilter(check(parse("age > 'x'"), { schema: S, purpose: "query", target: "3.0" }), { schema: S });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.every((d) => d.code.startsWith("type/"))).toBe(true);
    expect(() => bad.evaluate({ id: 1 })).toThrow();
  });
});
