/**
 * src/rows: JSONL rows read losslessly (issue §Rows: 9007199254740993 stays 9007199254740993),
 * original line text kept (for `--format jsonl`), primary-key digits exact (for `--format ids`).
 */
import { describe, expect, it } from "vitest";
import { loadRows, primaryKeyText, readRows, readRowStream, type RowError, type RowRecord } from "../../../src/rows/index.js";
import { isJsonFloat } from "../../../src/util/json.js";
import { compile, schemaOf } from "./helpers.js";

const SCH = schemaOf({ id: "Int64 primary", age: "Int64 nullable", meta: "JSON" });
const VSCH = schemaOf({ pk: "VarChar(64) primary" });

async function collect(chunks: (string | Uint8Array)[]): Promise<(RowRecord | RowError)[]> {
  async function* gen(): AsyncGenerator<string | Uint8Array> {
    for (const c of chunks) yield c;
  }
  const out: (RowRecord | RowError)[] = [];
  for await (const r of readRowStream(gen(), { schema: SCH })) out.push(r);
  return out;
}

describe("readRows", () => {
  it("keeps int64 exact and lines unchanged", () => {
    const text = '{"id": 9007199254740993, "age": 1}\r\n\n  \n{"id":-9223372036854775808,"meta":{"x":1.0}}\n';
    const rows = [...readRows(text, { schema: SCH })];
    expect(rows.map((r) => r.ok)).toEqual([true, true]);
    const [a, b] = rows as RowRecord[];
    expect(a!.row.id).toBe(9007199254740993n);
    expect(a!.text).toBe('{"id": 9007199254740993, "age": 1}');
    expect(a!.id).toBe("9007199254740993");
    expect(a!.line).toBe(1);
    expect(b!.line).toBe(4);
    expect(b!.id).toBe("-9223372036854775808");
    expect(isJsonFloat((b!.row.meta as Record<string, unknown>).x)).toBe(true);
  });

  it("gives the primary key's exact text", () => {
    expect(primaryKeyText({ id: 12 }, SCH)).toBe("12");
    expect(primaryKeyText({ id: -0 }, SCH)).toBe("-0");
    expect(primaryKeyText({ id: 2n ** 63n - 1n }, SCH)).toBe("9223372036854775807");
    expect(primaryKeyText({ id: "0012" }, SCH)).toBe("0012");
    expect(primaryKeyText({}, SCH)).toBeUndefined();
    expect([...readRows('{"pk":"a\\"b"}', { schema: VSCH })].map((r) => r.ok && r.id)).toEqual(['a"b']);
  });

  it("reports bad lines with positions and keeps going", () => {
    const rows = [...readRows('{"id":1}\n[1,2]\n{"id":\n{"id":3}', { schema: SCH })];
    expect(rows.map((r) => r.ok)).toEqual([true, false, false, true]);
    const bad = rows[1] as RowError;
    expect(bad.message).toBe("a row must be a JSON object");
    expect((rows[2] as RowError).line).toBe(3);
  });

  it("reads prototype-named keys as data", () => {
    const [r] = [...readRows('{"id":1,"__proto__":{"x":1},"constructor":2}', { schema: schemaOf({ id: "Int64 primary" }) })] as RowRecord[];
    expect(Object.getPrototypeOf(r!.row)).toBe(null);
    expect(compile('__proto__["x"] == 1 and constructor == 2').evaluate(r!.row)).toBe(true);
  });

  it("feeds the evaluator exactly", () => {
    const c = compile("age == 9007199254740993");
    const rows = [...readRows('{"id":1,"age":9007199254740993}\n{"id":2,"age":9007199254740992}')] as RowRecord[];
    expect(rows.map((r) => c.test(r.row))).toEqual([true, false]);
  });
});

describe("int64 range (issue 11, item 14)", () => {
  const OUTSIDE: [string, unknown][] = [
    ["2^63 as a bigint", 2n ** 63n],
    ["-2^63 - 1 as a bigint", -(2n ** 63n) - 1n],
    ["2^63 as a double", 2 ** 63],
    ["1e300", 1e300],
    ["the text 9223372036854775808", "9223372036854775808"],
    ["a 30-digit text", "123456789012345678901234567890"],
  ];
  for (const [what, value] of OUTSIDE) {
    it(`reads ${what} in an Int64 column as NULL, never as a number`, () => {
      const row = { id: 1, age: value };
      for (const f of ["age > 0", "age < 0", "age == 9223372036854775807", "age != 0", "age > 0 and age < 10", "age + 1 > 0", "age in [1]"]) {
        expect(compile(f).evaluate(row), f).toBe(null);
      }
      expect(compile("age is null").evaluate(row)).toBe(true);
      expect(compile("nums[0] > 0").evaluate({ id: 1, nums: [value] })).toBe(null);
    });
  }

  it("still reads the int64 extremes exactly", () => {
    expect(compile("age == 9223372036854775807").evaluate({ id: 1, age: "9223372036854775807" })).toBe(true);
    expect(compile("age == -9223372036854775808").evaluate({ id: 1, age: -(2n ** 63n) })).toBe(true);
    expect(compile("age < 0").evaluate({ id: 1, age: -(2 ** 63) })).toBe(true);
  });

  it("names the out-of-range value in a row warning", () => {
    const text = '{"id":1,"age":9223372036854775808}\n{"id":2,"age":1e300}\n{"id":3,"age":5}\n{"id":4,"age":"9223372036854775808"}';
    const rows = [...readRows(text, { schema: SCH })] as RowRecord[];
    expect(rows.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(rows[0]!.warnings).toEqual(['field "age" (Int64): 9223372036854775808 is outside the int64 range; the value is read as NULL']);
    expect(rows[1]!.warnings).toEqual(['field "age" (Int64): 1e300 is outside the int64 range; the value is read as NULL']);
    expect(rows[2]!.warnings).toBeUndefined();
    expect(rows[3]!.warnings?.length).toBe(1);
    const nums = [...readRows('{"id":1,"nums":[1,18446744073709551616]}', { schema: schemaOf({ id: "Int64 primary", nums: "Array<Int64>" }) })] as RowRecord[];
    expect(nums[0]!.warnings).toEqual(['field "nums" (Array<Int64>): element 1: 18446744073709551616 is outside the int64 range; the value is read as NULL']);
  });
});

describe("readRowStream", () => {
  it("splits lines across chunks, including a CRLF cut in two", async () => {
    const rows = await collect(['\uFEFF{"id":1}\r', '\n{"id"', ':9007199254740993}\r{"id":3}', "\n\n", '{"id":4}']);
    expect(rows.map((r) => (r.ok ? r.id : r.message))).toEqual(["1", "9007199254740993", "3", "4"]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it("decodes UTF-8 split inside a character", async () => {
    const bytes = new TextEncoder().encode('{"id":1,"name":"😀é"}\n');
    const rows = await collect([bytes.slice(0, 18), bytes.slice(18)]);
    expect(rows.length).toBe(1);
    expect((rows[0] as RowRecord).row.name).toBe("😀é");
    expect((rows[0] as RowRecord).text).toBe('{"id":1,"name":"😀é"}');
  });
});

describe("loadRows: every row at once, as arrays", () => {
  it("rows, their records and the unreadable lines, in order", () => {
    const r = loadRows('{"id": 9007199254740993}\nnot json\n\n{"id": 2}\n');
    expect(r.rows).toEqual([{ id: 9007199254740993n }, { id: 2 }]);
    expect(r.records.map((x) => x.line)).toEqual([1, 4]);
    expect(r.records[0]!.row).toBe(r.rows[0]);
    expect(r.errors.map((e) => e.line)).toEqual([2]);
    expect(r.rows.filter((row) => row.id === 2)).toHaveLength(1);
  });
});
