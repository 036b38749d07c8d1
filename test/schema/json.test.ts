import { describe, expect, it } from "vitest";
import { parseSchemaJson } from "../../src/schema/index.js";
import { locateJsonError } from "../../src/schema/json.js";

function syntaxMessage(text: string): string {
  const r = parseSchemaJson(text);
  expect(r.schema).toBeUndefined();
  expect(r.issues).toHaveLength(1);
  expect(r.issues[0]).toMatchObject({ code: "schema/json-syntax", path: "" });
  return r.issues[0]!.message;
}

describe("parseSchemaJson syntax errors", () => {
  const cases: [string, string, RegExp][] = [
    ["missing value", '{\n  "a": 1,\n  "b": }', /line 3, column 8: unexpected '}', expected a value/],
    ["trailing comma in array", '{"fields": [1, 2,]}', /line 1, column 18: .*trailing commas/],
    ["trailing comma in object", '{"fields": [],\n}', /line 2, column 1: expected a double-quoted property name.*trailing commas/],
    ["unclosed object", '{"fields": []', /line 1, column 14: unexpected end of input \(an unclosed object\)/],
    ["empty text", "", /line 1, column 1: unexpected end of input \(no value\)/],
    ["single quotes", "{'a': 1}", /line 1, column 2: expected a double-quoted property name, found '''/],
    ["missing colon", '{"a" 1}', /line 1, column 6: expected ':'/],
    ["missing comma", '[1 2]', /line 1, column 4: expected ',' or '\]'/],
    ["garbage after value", '{"a": 1} x', /line 1, column 10: unexpected 'x' after the end/],
    ["unterminated string", '{"a": "abc', /line 1, column 7: unterminated string/],
    ["raw newline in string", '{"a": "x\ny"}', /line 1, column 9: unescaped control character U\+000A/],
    ["bad escape", '{"a": "\\q"}', /line 1, column 8: invalid escape/],
    ["bad unicode escape", '{"a": "\\u12G4"}', /invalid escape/],
    ["leading zero", "[01]", /line 1, column 3: expected ','/],
    ["NaN literal", "[NaN]", /line 1, column 2: unexpected 'N', expected a value/],
    ["lone minus", "[-]", /line 1, column 2: unexpected '-'/],
    ["CRLF lines", '{\r\n"a":\r\n}', /line 3, column 1/],
    ["comment", '{"a": 1 // c\n}', /line 1, column 9/],
  ];
  it.each(cases)("%s", (_label, text, expected) => {
    expect(syntaxMessage(text)).toMatch(expected);
  });

  it("tolerates a UTF-8 byte order mark and counts columns after it", () => {
    expect(parseSchemaJson('\uFEFF{"fields": {"a": "Int64"}}').issues).toEqual([]);
    expect(syntaxMessage('\uFEFF{"a" 1}')).toMatch(/line 1, column 7/);
  });

  it("keeps integers beyond 2^53 from breaking anything", () => {
    const r = parseSchemaJson('{"code":0,"data":{"collectionID":18446744073709551615,"fields":[{"name":"id","id":448707763883002014,"type":"Int64"}]}}');
    expect(r.issues).toEqual([]);
    expect(r.schema!.field("id")?.dataType).toBe("Int64");
  });

  it("reports deep nesting without crashing", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const r = parseSchemaJson(deep);
    expect(r.schema).toBeUndefined();
    expect(r.issues).toHaveLength(1);
  });
});

describe("locateJsonError", () => {
  it("accepts every valid JSON form", () => {
    for (const t of ["0", "-0.5e+3", '"\\u00e9\\n"', "true", "null", " [ ] ", "{}", '{"a":[{"b":null}],"c":"d"}']) {
      expect(locateJsonError(t), t).toBeUndefined();
    }
  });
});
