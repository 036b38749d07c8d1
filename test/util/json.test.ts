import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Source } from "../../src/diag/source.js";
import { lineColumn } from "../../src/util/json-core.js";
import {
  JsonFloat,
  applyJsonEdits,
  encodeJsonString,
  findMember,
  isJsonFloat,
  jsonTreeToValue,
  parseJson,
  parseJsonLines,
  parseJsonTree,
  stringOffsetMap,
  stringifyJson,
  walkJsonTree,
  type JsonNode,
  type JsonObject,
  type JsonResult,
  type JsonStringNode,
} from "../../src/util/json.js";

// ---------------------------------------------------------------- helpers

/** A representation-independent view of a value: bigint/JsonFloat → number, objects → entry lists. */
function norm(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof JsonFloat) return v.value;
  if (Array.isArray(v)) return v.map(norm);
  if (v !== null && typeof v === "object") {
    return Object.keys(v).map((k) => [k, norm((v as Record<string, unknown>)[k])]);
  }
  return v;
}

function ok<V>(r: JsonResult<V>): V {
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message} at ${r.error.offset}`);
  return r.value;
}

function err<V>(r: JsonResult<V>) {
  if (r.ok) throw new Error("expected a parse error");
  return r.error;
}

function nativeParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Deterministic PRNG for emitting varied-but-reproducible encodings. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const SHORT: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\", 47: "\\/" };

/** Encodes a string as a JSON literal choosing randomly among the valid spellings of each code unit. */
function encodeVariant(s: string, rnd: () => number): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hex = c.toString(16).padStart(4, "0");
    const r = rnd();
    const mustEscape = c < 0x20 || c === 34 || c === 92;
    if (r < 0.15) out += `\\u${hex}`;
    else if (r < 0.25) out += `\\u${hex.toUpperCase()}`;
    else if (r < 0.5 && SHORT[c] !== undefined) out += SHORT[c];
    else if (mustEscape) out += SHORT[c] ?? `\\u${hex}`;
    else out += s[i];
  }
  return `${out}"`;
}

const WS = ["", "", "", " ", "\n", "\r\n", "\t", "  ", "\r", " \n\t "];

/** Writes `v` as JSON text with random whitespace and escape spellings; records every string literal emitted. */
function emit(v: unknown, rnd: () => number, literals: string[]): string {
  const ws = () => WS[Math.floor(rnd() * WS.length)];
  if (typeof v === "string") {
    const lit = encodeVariant(v, rnd);
    literals.push(lit);
    return lit;
  }
  if (typeof v === "bigint") return v.toString();
  if (v instanceof JsonFloat) return v.raw;
  if (Array.isArray(v)) {
    if (v.length === 0) return `[${ws()}]`;
    return `[${v.map((x) => ws() + emit(x, rnd, literals) + ws()).join(",")}]`;
  }
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 0) return `{${ws()}}`;
    return `{${keys
      .map((k) => {
        const key = ws() + emit(k, rnd, literals) + ws();
        return `${key}:${ws()}${emit((v as Record<string, unknown>)[k], rnd, literals)}${ws()}`;
      })
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

const trickyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom("a", '"', "\\", "/", "\n", "\u0000", "\u001f", "é", "\u2028", "😀", "\ud800", "\udc00", "\ufeff"), maxLength: 12 }),
  fc.constantFrom("__proto__", "constructor", "toString", "filter", ""),
);

/** JSON-ish values including bigints and tagged floats, with keys and strings full of escapable characters. */
const richValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    trickyString,
    fc.integer(),
    fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JsonFloat.from(d)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(trickyString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

// ---------------------------------------------------------------- parseJson vs JSON.parse

describe("parseJson agrees with JSON.parse", () => {
  it("on the fc.json() corpus", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(norm(ok(parseJson(text)))).toEqual(norm(JSON.parse(text)));
      }),
      { numRuns: 1000 },
    );
  });

  it("on indented fc.jsonValue() texts", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, "\t", "\r\n"), (value, indent) => {
        const text = JSON.stringify(value, null, indent as number | string);
        if (text === undefined) return;
        expect(norm(ok(parseJson(text)))).toEqual(norm(JSON.parse(text)));
      }),
      { numRuns: 500 },
    );
  });

  it("on acceptance of random and mutated texts (never throwing)", () => {
    const unit = fc.constantFrom(..."[]{},:\"\\u0123456789abcdefABCDEF-+.eEtrunlfsx /*'\n\r\t\u0000\u001f\u00e9".split(""));
    const garbage = fc.string({ unit, maxLength: 30 });
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.nat(3), fc.string({ unit, minLength: 1, maxLength: 2 }))
      .map(([t, at, len, ins]) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + ins + t.slice(i + len);
      });
    fc.assert(
      fc.property(fc.oneof(garbage, mutated), (text) => {
        const ours = parseJson(text);
        const theirs = nativeParse(text);
        expect(ours.ok).toBe(theirs.ok);
        if (ours.ok && theirs.ok) expect(norm(ours.value)).toEqual(norm(theirs.value));
        if (!ours.ok) {
          expect(ours.error.offset).toBeGreaterThanOrEqual(0);
          expect(ours.error.offset).toBeLessThanOrEqual(text.length);
          expect({ line: ours.error.line, column: ours.error.column }).toEqual(new Source(text).position(ours.error.offset));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const r = parseJson(text);
        expect(typeof r.ok).toBe("boolean");
        expect(parseJsonTree(text).ok).toBe(r.ok);
      }),
    );
    expect(err(parseJson(undefined as unknown as string)).message).toMatch(/string/);
    expect(err(parseJsonTree(42 as unknown as string)).message).toMatch(/string/);
  });

  it("accepts lone surrogates and raw U+2028 like JSON.parse", () => {
    expect(ok(parseJson('"\\ud800"'))).toBe("\ud800");
    expect(ok(parseJson('"\\uDC00x"'))).toBe("\udc00x");
    expect(ok(parseJson('"\\ud83d\\ude00"'))).toBe("😀");
    expect(ok(parseJson('"\ud800"'))).toBe("\ud800");
    expect(ok(parseJson('"\u2028\u2029\u007f"'))).toBe("\u2028\u2029\u007f");
  });

  it("skips one leading BOM (offsets still count it)", () => {
    expect(ok(parseJson("\ufeff[1]"))).toEqual([1]);
    expect(err(parseJson("\ufeff\ufeff[1]")).offset).toBe(1);
    expect(err(parseJson("\ufeff[1,]"))).toMatchObject({ offset: 3, line: 1, column: 4 });
  });

  it("reads repeated keys of every length correctly across documents", () => {
    const keys = ["a", "id", "collectionID", "a_rather_long_key_name", "a_rather_long_key_namf", "é", "k\u00e9y", "x".repeat(40)];
    for (let round = 0; round < 3; round++) {
      for (const k of keys) {
        const text = `[{"${k}": 1, "${k}x": 2}, {"${k}": 3}]`;
        expect(norm(ok(parseJson(text)))).toEqual(norm(JSON.parse(text)));
      }
    }
  });

  it("keeps the last of duplicate keys", () => {
    const v = ok(parseJson('{"a":1,"b":2,"a":3}')) as JsonObject;
    expect(v.a).toBe(3);
    expect(Object.keys(v)).toEqual(Object.keys(JSON.parse('{"a":1,"b":2,"a":3}')));
  });
});

// ---------------------------------------------------------------- numbers

describe("numbers", () => {
  it("keeps int64 and uint64 integers exact", () => {
    const v = ok(parseJson("[9007199254740993, -9223372036854775808, 18446744073709551615, 9223372036854775807]"));
    expect(v).toEqual([9007199254740993n, -9223372036854775808n, 18446744073709551615n, 9223372036854775807n]);
    const row = ok(parseJson('{"collectionID": 454184356813849633, "pk": 9007199254740993}')) as JsonObject;
    expect(row.collectionID).toBe(454184356813849633n);
    expect(row.pk).toBe(9007199254740993n);
  });

  it("returns safe integers as numbers and the rest as bigints by default", () => {
    expect(ok(parseJson("9007199254740991"))).toBe(9007199254740991);
    expect(ok(parseJson("-9007199254740991"))).toBe(-9007199254740991);
    expect(ok(parseJson("9007199254740992"))).toBe(9007199254740992n);
    expect(ok(parseJson("-9007199254740992"))).toBe(-9007199254740992n);
    expect(ok(parseJson("0000".slice(3)))).toBe(0);
    expect(Object.is(ok(parseJson("-0")), -0)).toBe(true);
    expect(ok(parseJson("100000000000000000000000000000"))).toBe(10n ** 29n);
  });

  it("agrees with BigInt on random integer literals", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (n) => {
        const v = ok(parseJson(n.toString()));
        const safe = n >= -(2n ** 53n - 1n) && n <= 2n ** 53n - 1n;
        expect(v).toBe(safe ? Number(n) : n);
        expect(ok(parseJson(n.toString(), { integers: "bigint" }))).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns every integer as bigint with { integers: "bigint" }, floats stay doubles', () => {
    expect(ok(parseJson('[1, -0, 2.5, 1e2, {"a": 7}]', { integers: "bigint" }))).toEqual([1n, 0n, 2.5, 100, { a: 7n }]);
  });

  it("parses floats exactly as Number() does", () => {
    const literal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^(0|[1-9][0-9]{0,20})$/),
        fc.option(fc.stringMatching(/^[0-9]{1,20}$/)),
        fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.stringMatching(/^[0-9]{1,3}$/))),
      )
      .filter(([, , frac, exp]) => frac !== null || exp !== null)
      .map(([neg, int, frac, exp]) => `${neg ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}${exp === null ? "" : exp.join("")}`);
    fc.assert(
      fc.property(fc.oneof(literal, fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JsonFloat.from(d).raw)), (raw) => {
        const v = ok(parseJson(raw));
        expect(Object.is(v, Number(raw))).toBe(true);
        expect(Object.is(v, JSON.parse(raw))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    for (const raw of ["1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308", "0.1", "123456789012345.6", "1e22", "1e23", "-0.0", "0e0"]) {
      expect(Object.is(ok(parseJson(raw)), JSON.parse(raw)), raw).toBe(true);
    }
  });

  it('tags floats with { floats: "tagged" } and keeps integers plain', () => {
    const v = ok(parseJson('{"i": 1, "f": 1.0, "e": 2e3, "n": -0.50, "big": 9007199254740993}', { floats: "tagged" })) as Record<string, unknown>;
    expect(v.i).toBe(1);
    expect(v.f).toBeInstanceOf(JsonFloat);
    expect(v.f).toMatchObject({ kind: "float", value: 1, raw: "1.0" });
    expect(v.e).toMatchObject({ kind: "float", value: 2000, raw: "2e3" });
    expect(v.n).toMatchObject({ kind: "float", value: -0.5, raw: "-0.50" });
    expect(v.big).toBe(9007199254740993n);
    expect(isJsonFloat(v.f)).toBe(true);
    expect(isJsonFloat(v)).toBe(false);
    expect(stringifyJson(v)).toBe('{"i":1,"f":1.0,"e":2e3,"n":-0.50,"big":9007199254740993}');
  });

  it("JsonFloat.from keeps integral doubles recognisably float", () => {
    expect(JsonFloat.from(1).raw).toBe("1.0");
    expect(JsonFloat.from(-0).raw).toBe("-0.0");
    expect(JsonFloat.from(1e21).raw).toBe("1e+21");
    expect(JsonFloat.from(0.5).raw).toBe("0.5");
    expect(() => JsonFloat.from(NaN)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- prototype safety

describe("objects have a null prototype", () => {
  it("treats __proto__, constructor and toString as own data", () => {
    const text = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "toString": 1, "hasOwnProperty": 2, "a": {"__proto__": []}}';
    const v = ok(parseJson(text)) as JsonObject;
    expect(Object.getPrototypeOf(v)).toBe(null);
    expect(Object.hasOwn(v, "__proto__")).toBe(true);
    expect(Object.keys(v)).toEqual(["__proto__", "constructor", "toString", "hasOwnProperty", "a"]);
    expect(Object.getPrototypeOf(v.__proto__)).toBe(null);
    expect((v.__proto__ as JsonObject).polluted).toBe(true);
    expect(v.toString).toBe(1);
    expect(Object.hasOwn(v.a as JsonObject, "__proto__")).toBe(true);
    expect(Array.isArray((v.a as JsonObject).__proto__)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const tree = ok(parseJsonTree(text));
    const fromTree = jsonTreeToValue(tree) as JsonObject;
    expect(Object.getPrototypeOf(fromTree)).toBe(null);
    expect(norm(fromTree)).toEqual(norm(v));
  });

  it("gives every object, empty or not, a null prototype", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const check = (x: unknown): void => {
          if (Array.isArray(x)) x.forEach(check);
          else if (x !== null && typeof x === "object") {
            expect(Object.getPrototypeOf(x)).toBe(null);
            Object.values(x).forEach(check);
          }
        };
        check(ok(parseJson(text)));
        check(jsonTreeToValue(ok(parseJsonTree(text))));
      }),
      { numRuns: 300 },
    );
    expect(Object.getPrototypeOf(ok(parseJson("{}")))).toBe(null);
  });
});

// ---------------------------------------------------------------- errors

describe("errors", () => {
  const cases: [string, string | RegExp, number, number, number][] = [
    // text, message, offset, line, column
    ["", /end of input/, 0, 1, 1],
    ["[1,]", /Trailing comma/, 2, 1, 3],
    ['{\n  "a": 1,\n  "b": 2,\n}', /Trailing comma/, 20, 3, 9],
    ["[1,\r\n 2,\r\n x]", /character "x"/, 11, 3, 2],
    ['{"a":\n"b\n"}', /control character/, 8, 2, 3],
    ["[1 2]", /expected ',' or ']'/, 3, 1, 4],
    ['{"a" 1}', /expected ':'/, 5, 1, 6],
    ['{"a":1 "b":2}', /expected ',' or '}'/, 7, 1, 8],
    ["{a:1}", /expected a string key or '}'/, 1, 1, 2],
    ["{'a':1}", /double quotes/, 1, 1, 2],
    ["[01]", /Leading zeros/, 1, 1, 2],
    ["-01", /Leading zeros/, 1, 1, 2],
    ["[-]", /digit after '-'/, 2, 1, 3],
    ["1.", /decimal point/, 2, 1, 3],
    ["1.e5", /decimal point/, 2, 1, 3],
    ["1e+", /exponent/, 3, 1, 4],
    ["+1", /expected '-' or a digit/, 0, 1, 1],
    [".5", /expected '-' or a digit/, 0, 1, 1],
    ["[NaN]", /NaN is not/, 1, 1, 2],
    ["-Infinity", /digit after '-'/, 1, 1, 2],
    ["Infinity", /Infinity is not/, 0, 1, 1],
    ["[1] // c", /after the JSON value/, 4, 1, 5],
    ["/* c */ 1", /Comments/, 0, 1, 1],
    ['"abc', /Unterminated string/, 0, 1, 1],
    ['"abc\\', /Unterminated string/, 0, 1, 1],
    ['"\\x"', /Invalid escape/, 1, 1, 2],
    ['"\\u12g4"', /four hex digits/, 1, 1, 2],
    ['"\\u12"', /four hex digits/, 1, 1, 2],
    ["tru", /end of input in 'true'/, 3, 1, 4],
    ["trUe", /expected 'true'/, 0, 1, 1],
    ["nul", /end of input in 'null'/, 3, 1, 4],
    ["{", /expected a string key/, 1, 1, 2],
    ['{"a":', /end of input/, 5, 1, 6],
    ["[[[", /end of input/, 3, 1, 4],
    ["[1]]", /after the JSON value/, 3, 1, 4],
    ["\r\r\n\n  }", /character "}"/, 6, 4, 3],
    ["[\u00a0]", /U\+00A0|character/, 1, 1, 2],
    ["[\u0000]", /U\+0000/, 1, 1, 2],
    ['"a\u001f"', /control character/, 2, 1, 3],
    ['"\t"', /control character/, 1, 1, 2],
  ];
  it("computes line/column exactly as Source does (LF, CRLF, lone CR)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("\r", "\n", "a", "é"), maxLength: 20 }), (text) => {
        const src = new Source(text);
        for (let o = 0; o <= text.length; o++) expect(lineColumn(text, o)).toEqual(src.position(o));
      }),
    );
  });

  it.each(cases)("%j", (text, message, offset, line, column) => {
    const e = err(parseJson(text));
    expect(e.message).toMatch(message);
    expect({ offset: e.offset, line: e.line, column: e.column }).toEqual({ offset, line, column });
    const t = err(parseJsonTree(text));
    expect(t).toEqual(e);
  });
});

// ---------------------------------------------------------------- depth

describe("nesting depth", () => {
  it("reports a 1,000,000-deep input as an error, not a RangeError", () => {
    const deep = "[".repeat(1_000_000);
    expect(err(parseJson(deep))).toMatchObject({ message: expect.stringMatching(/maximum depth of 1000/), offset: 1000 });
    expect(err(parseJsonTree(deep)).offset).toBe(1000);
    const deepObj = '{"a":'.repeat(200_000);
    expect(err(parseJson(deepObj)).message).toMatch(/maximum depth/);
    expect([...parseJsonLines(deep)][0].ok).toBe(false);
  });

  it("accepts exactly maxDepth levels and rejects one more", () => {
    const nest = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(parseJson(nest(1000)).ok).toBe(true);
    expect(err(parseJson(nest(1001))).offset).toBe(1000);
    expect(parseJson(nest(3), { maxDepth: 3 }).ok).toBe(true);
    expect(parseJson(nest(4), { maxDepth: 3 }).ok).toBe(false);
    expect(parseJson("1", { maxDepth: 0 }).ok).toBe(true);
    expect(parseJson("[]", { maxDepth: 0 }).ok).toBe(false);
    expect(parseJsonTree(nest(4), { maxDepth: 3 }).ok).toBe(false);
  });

  it("parses very deep input without recursion when the limit is lifted", () => {
    const n = 200_000;
    const v = ok(parseJson("[".repeat(n) + "7" + "]".repeat(n), { maxDepth: Infinity }));
    let d = 0;
    let x: unknown = v;
    while (Array.isArray(x)) {
      x = x[0];
      d++;
    }
    expect([d, x]).toEqual([n, 7]);
    const text = '{"a":'.repeat(n) + "null" + "}".repeat(n);
    const tree = ok(parseJsonTree(text, { maxDepth: Infinity }));
    let count = 0;
    walkJsonTree(tree, () => void count++);
    expect(count).toBe(n + 1);
    const back = jsonTreeToValue(tree);
    expect(back).not.toBeNull();
  });
});

// ---------------------------------------------------------------- tree, spans, offset map

describe("parseJsonTree", () => {
  it("records exact spans, key spans and raw numbers", () => {
    const text = '\ufeff { "filter" : "age > 5",\n "n": [1.50, -2, 9007199254740993], "t": true, "z": null }';
    const root = ok(parseJsonTree(text));
    expect(root.type).toBe("object");
    if (root.type !== "object") return;
    expect([root.start, root.end]).toEqual([2, text.length]);
    const filter = findMember(root, "filter")!;
    expect(text.slice(filter.key.start, filter.key.end)).toBe('"filter"');
    expect(filter.value).toMatchObject({ type: "string", value: "age > 5" });
    expect(text.slice(filter.value.start, filter.value.end)).toBe('"age > 5"');
    const n = findMember(root, "n")!.value;
    expect(n.type === "array" && n.elements.map((e) => (e.type === "number" ? [e.raw, e.integer, e.value] : null))).toEqual([
      ["1.50", false, 1.5],
      ["-2", true, -2],
      ["9007199254740993", true, 9007199254740993n],
    ]);
    expect(findMember(root, "t")!.value).toMatchObject({ type: "boolean", value: true });
    expect(findMember(root, "z")!.value).toMatchObject({ type: "null", value: null });
    expect(findMember(root, "missing")).toBeUndefined();
  });

  it("findMember returns the effective (last) duplicate", () => {
    const root = ok(parseJsonTree('{"filter":"a","filter":"b"}'));
    expect(root.type === "object" && findMember(root, "filter")!.value).toMatchObject({ value: "b" });
  });

  it("maps decoded indices back to source offsets across escapes", () => {
    const text = '{"filter": "name == \\"caf\\u00e9\\" \\/ \\ud83d\\ude00 😀\\n"}';
    const root = ok(parseJsonTree(text));
    const node = (root.type === "object" && root.members[0].value) as JsonStringNode;
    expect(node.value).toBe('name == "café" / 😀 😀\n');
    const map = stringOffsetMap(text, node);
    expect(map.length).toBe(node.value.length + 1);
    const at = (i: number) => text.slice(map[i], map[i + 1]);
    expect(at(node.value.indexOf('"'))).toBe('\\"');
    expect(at(node.value.indexOf("é"))).toBe("\\u00e9");
    expect(at(node.value.indexOf("/"))).toBe("\\/");
    expect(at(node.value.indexOf("😀"))).toBe("\\ud83d");
    expect(at(node.value.indexOf("😀") + 1)).toBe("\\ude00");
    expect(at(node.value.lastIndexOf("😀"))).toBe("\ud83d");
    expect(at(node.value.length - 1)).toBe("\\n");
    expect(map[node.value.length]).toBe(node.end - 1);
    // a decoded range maps to the source range that spells it
    const from = node.value.indexOf("caf");
    const to = from + 4;
    expect(text.slice(map[from], map[to])).toBe("caf\\u00e9");
    expect(() => stringOffsetMap(text, { start: 0, end: 5 })).toThrow(RangeError);
    expect(stringOffsetMap('""', { start: 0, end: 2 })).toEqual([1]);
  });

  it("spans, literals and offset maps are exact on random documents (property)", () => {
    fc.assert(
      fc.property(richValue, fc.integer(), (value, seed) => {
        const rnd = prng(seed);
        const literals: string[] = [];
        const text = WS[seed & 7] + emit(value, rnd, literals) + WS[(seed >>> 3) & 7];
        const root = ok(parseJsonTree(text));
        // whole tree agrees with parseJson and with the generating value
        const direct = ok(parseJson(text, { floats: "tagged" }));
        expect(norm(jsonTreeToValue(root, { floats: "tagged" }))).toEqual(norm(direct));
        expect(norm(direct)).toEqual(norm(value));
        expect(stringifyJson(jsonTreeToValue(root, { floats: "tagged" }))).toBe(stringifyJson(value));
        // every node's span re-parses to the node's own value
        const seen: string[] = [];
        const strings: JsonStringNode[] = [];
        walkJsonTree(root, (node, path, member) => {
          if (member) {
            seen.push(text.slice(member.key.start, member.key.end));
            strings.push(member.key);
            expect(path[path.length - 1]).toBe(member.key.value);
          }
          if (node.type === "string") {
            seen.push(text.slice(node.start, node.end));
            strings.push(node);
          }
          expect(norm(ok(parseJson(text.slice(node.start, node.end), { floats: "tagged" })))).toEqual(
            norm(jsonTreeToValue(node, { floats: "tagged" })),
          );
        });
        // string spans are exactly the literals emitted, in document order
        expect(seen).toEqual(literals);
        // and each decoded code unit maps to the source text that spells it
        for (const s of strings) {
          const map = stringOffsetMap(text, s);
          expect(map.length).toBe(s.value.length + 1);
          expect(map[0]).toBe(s.start + 1);
          expect(map[s.value.length]).toBe(s.end - 1);
          for (let i = 0; i < s.value.length; i++) {
            expect(map[i + 1]).toBeGreaterThan(map[i]);
            expect(JSON.parse(`"${text.slice(map[i], map[i + 1])}"`)).toBe(s.value[i]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("walks in document order with paths and can skip subtrees", () => {
    const root = ok(parseJsonTree('{"a": [1, {"b": "x"}], "c": {"d": 2}}'));
    const paths: string[] = [];
    walkJsonTree(root, (node, path) => {
      paths.push(`${path.join(".")}:${node.type}`);
      if (path[0] === "c") return false;
    });
    expect(paths).toEqual([":object", "a:array", "a.0:number", "a.1:object", "a.1.b:string", "c:object"]);
  });
});

// ---------------------------------------------------------------- in-place rewriting

describe("rewriting filter strings in place", () => {
  it("replaces every filter literal and preserves everything else byte for byte", () => {
    fc.assert(
      fc.property(richValue, trickyString, fc.integer(), (value, replacement, seed) => {
        const doc = { before: value, filter: "x", nested: [{ filter: "y\u00e9" }, value] };
        const literals: string[] = [];
        const text = emit(doc, prng(seed), literals);
        const root = ok(parseJsonTree(text));
        const targets: JsonNode[] = [];
        walkJsonTree(root, (node, _path, member) => {
          if (member?.key.value === "filter" && node.type === "string") targets.push(node);
        });
        expect(targets.length).toBeGreaterThanOrEqual(2);
        const edits = targets.map((t) => ({ start: t.start, end: t.end, text: encodeJsonString(replacement) }));
        const out = applyJsonEdits(text, edits);
        // outside the edited spans nothing changed
        let pos = 0;
        let outPos = 0;
        for (const e of [...edits].sort((a, b) => a.start - b.start)) {
          const same = text.slice(pos, e.start);
          expect(out.slice(outPos, outPos + same.length)).toBe(same);
          outPos += same.length + e.text.length;
          pos = e.end;
        }
        expect(out.slice(outPos)).toBe(text.slice(pos));
        // and the filters now read back as the replacement
        const reparsed = ok(parseJsonTree(out));
        walkJsonTree(reparsed, (node, _path, member) => {
          if (member?.key.value === "filter" && node.type === "string") expect(node.value).toBe(replacement);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("rewrites a decoded sub-range via the offset map", () => {
    const text = '[{"filter": "name == \\"caf\\u00e9\\" and age > 5"}]\n';
    const root = ok(parseJsonTree(text));
    let node: JsonStringNode | undefined;
    walkJsonTree(root, (n, _p, m) => {
      if (m?.key.value === "filter" && n.type === "string") node = n;
    });
    const map = stringOffsetMap(text, node!);
    const from = node!.value.indexOf('"café"');
    const to = from + '"café"'.length;
    const out = applyJsonEdits(text, [{ start: map[from], end: map[to], text: encodeJsonString('"thé"').slice(1, -1) }]);
    expect(out).toBe('[{"filter": "name == \\"thé\\" and age > 5"}]\n');
  });

  it("rejects overlapping or out-of-range edits and keeps insertion order", () => {
    expect(() => applyJsonEdits("abcdef", [{ start: 1, end: 3, text: "" }, { start: 2, end: 4, text: "" }])).toThrow(RangeError);
    expect(() => applyJsonEdits("abc", [{ start: 2, end: 9, text: "" }])).toThrow(RangeError);
    expect(applyJsonEdits("abc", [{ start: 1, end: 1, text: "X" }, { start: 1, end: 1, text: "Y" }, { start: 0, end: 1, text: "_" }])).toBe("_XYbc");
    expect(applyJsonEdits("abc", [])).toBe("abc");
  });
});

// ---------------------------------------------------------------- JSON Lines

describe("parseJsonLines", () => {
  it("handles CRLF, a BOM and blank lines, returning raw line text", () => {
    const text = '\ufeff{"id": 9007199254740993, "a": 1}\r\n\r\n   \t\r\n[1, 2]\n{"bad": }\r\n\n"last"';
    const lines = [...parseJsonLines(text)];
    expect(lines.map((l) => [l.line, l.ok, l.text])).toEqual([
      [1, true, '{"id": 9007199254740993, "a": 1}'],
      [4, true, "[1, 2]"],
      [5, false, '{"bad": }'],
      [7, true, '"last"'],
    ]);
    expect(lines[0].ok && (lines[0].value as JsonObject).id).toBe(9007199254740993n);
    expect(lines.map((l) => l.offset)).toEqual([1, 43, 50, 62]);
    for (const l of lines) expect(text.slice(l.offset, l.offset + l.text.length)).toBe(l.text);
    const bad = lines[2];
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatchObject({ offset: 58, line: 5, column: 9 });
      expect(new Source(text).position(bad.error.offset)).toEqual({ line: 5, column: 9 });
    }
  });

  it("reports errors with whole-file positions, columns counting a BOM on line 1", () => {
    const [first] = [...parseJsonLines("\ufeff[1,]\n")];
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error).toMatchObject({ offset: 3, line: 1, column: 4 });
  });

  it("passes options through and handles empty input", () => {
    const [a] = [...parseJsonLines("[1, 1.0]", { floats: "tagged", integers: "bigint" })];
    expect(a.ok && a.value).toEqual([1n, new JsonFloat(1, "1.0")]);
    expect([...parseJsonLines("")]).toEqual([]);
    expect([...parseJsonLines("\ufeff")]).toEqual([]);
    expect([...parseJsonLines("\n\r\n  \n")]).toEqual([]);
    expect([...parseJsonLines("[1]\r[2]\r\n")].map((l) => [l.line, l.text])).toEqual([[1, "[1]"], [2, "[2]"]]);
    expect([...parseJsonLines(null as unknown as string)][0].ok).toBe(false);
  });

  it("round-trips random records joined with mixed terminators (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.json(), fc.constantFrom("\n", "\r\n", "\n\n", "\r\n  \r\n")), { maxLength: 8 }),
        fc.boolean(),
        (records, bom) => {
          const text = (bom ? "\ufeff" : "") + records.map(([r, t]) => r + t).join("");
          const lines = [...parseJsonLines(text)];
          expect(lines.map((l) => l.text)).toEqual(records.map(([r]) => r));
          expect(lines.map((l) => (l.ok ? norm(l.value) : "error"))).toEqual(records.map(([r]) => norm(JSON.parse(r))));
          const src = new Source(text);
          for (const l of lines) expect(src.lineText(l.line).replace(/^\ufeff/, "")).toBe(l.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- output

describe("stringifyJson and encodeJsonString", () => {
  it("matches JSON.stringify on plain JSON values for every indent", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, 4, 20, "\t", "", "--"), (value, indent) => {
        expect(stringifyJson(value, indent)).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 500 },
    );
  });

  it("writes bigints as digits and tagged floats as written, so parse∘stringify is lossless", () => {
    expect(stringifyJson({ id: 9007199254740993n, x: [new JsonFloat(1, "1.0"), 2, -0] }, 1)).toBe(
      '{\n "id": 9007199254740993,\n "x": [\n  1.0,\n  2,\n  0\n ]\n}',
    );
    fc.assert(
      fc.property(richValue, (value) => {
        const text = stringifyJson(value);
        const back = ok(parseJson(text, { floats: "tagged" }));
        expect(stringifyJson(back)).toBe(text);
        expect(norm(back)).toEqual(norm(value));
      }),
      { numRuns: 300 },
    );
  });

  it("follows JSON.stringify for values outside the model", () => {
    const obj = { u: undefined, f: () => 1, n: NaN, i: -Infinity, d: new Date(0), arr: [undefined, Symbol("s")] };
    expect(stringifyJson(obj)).toBe(JSON.stringify(obj));
    expect(stringifyJson(undefined)).toBe("null");
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => stringifyJson(cyc)).toThrow(TypeError);
    const shared = { a: 1 };
    expect(stringifyJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });

  it("encodeJsonString is JSON.stringify for strings and round-trips through parseJson", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), trickyString, (a, b) => {
        const s = a + b;
        expect(encodeJsonString(s)).toBe(JSON.stringify(s));
        expect(ok(parseJson(encodeJsonString(s)))).toBe(s);
      }),
    );
    expect(encodeJsonString("\ud800")).toBe('"\\ud800"');
  });
});

// ---------------------------------------------------------------- scale (no timing assertions)

describe("scale", () => {
  it("parses a multi-megabyte array of numbers in one pass", () => {
    const parts: string[] = [];
    for (let i = 0; i < 200_000; i++) parts.push(i % 3 === 0 ? String(i * 7919) : i % 3 === 1 ? (i / 7).toFixed(4) : `${i}e-3`);
    const text = `[${parts.join(",")}]`;
    const v = ok(parseJson(text)) as number[];
    expect(v.length).toBe(200_000);
    expect(v).toEqual(JSON.parse(text));
  });
});
