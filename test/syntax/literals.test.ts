import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  INT64_MAX,
  INT64_MIN,
  decodeJsonKey,
  decodeRawString,
  decodeStringLiteral,
  escapeLikePattern,
  fitsInt64,
  parseFloatLiteral,
  parseIntegerLiteral,
  quoteJsonKey,
  quoteRawString,
  quoteRegexPattern,
  quoteString,
  regexPatternValue,
} from "../../src/syntax/literals.js";

// Tokens are written with String.raw so that they read exactly as in a filter expression.
const r = String.raw;

/** The value of a token Milvus accepts, failing the test with Milvus's reason otherwise. */
function valueOf(token: string): string {
  const res = decodeStringLiteral(token);
  if (!res.ok) throw new Error(`${token}: ${res.error}`);
  return res.value;
}

/** Strings with UTF-16 units drawn one by one, so lone surrogates occur. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 });
const hasLoneSurrogate = (s: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
/** Strings built from the characters that make quoting hard, to hit their combinations often. */
const tricky = (extra: string[] = []): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom("\\", "u", "0", "4", "1", "a", "[", "]", '"', "'", "\n", "\r", "%", "_", "中", "😀", "\u0085", ...extra), maxLength: 24 });
const astralHan = /\p{Script=Han}/u;
const hasAstralHan = (s: string): boolean => Array.from(s).some((ch) => ch.length === 2 && astralHan.test(ch));

describe("decodeStringLiteral: values Milvus accepts", () => {
  it.each([
    // conformance corpus cases (id in milvus-cases.json)
    [r`"abcd\"defg"`, 'abcd"defg'], // Test_handleExpr_17126_26662/1
    [r`'ab\"c'`, 'ab"c'], // Test_exprWithSingleQuotes/3
    [r`"d\'ef"`, "d'ef"], // ib.: Milvus turns \' into ' before Go unquoting, even in double quotes
    [r`'ab\'c'`, "ab'c"], // Test_exprWithSingleQuotes/4
    [r`"\""`, '"'], // Test_EscapeString/1
    [r`'\"'`, '"'],
    [r`"\n"`, "\n"], // Test_EscapeString/2
    [r`"ab'c\'d"`, "ab'c'd"], // Test_EscapeString/5
    [r`'abc"de\"'`, 'abc"de"'],
    [r`"\\'"`, "\\'"], // Test_EscapeString/8
    [r`'\\"'`, '\\"'],
    [r`"\\\'"`, "\\'"], // Test_EscapeString/9
    [r`'\\\"'`, '\\"'],
    [r`'\\\\\''`, "\\\\'"], // Test_EscapeString/11
    [r`"中国"`, "中国"], // Test_EscapeString/16
    [r`"8\\_0%"`, "8\\_0%"], // TestExpr_Like/1: the LIKE pattern keeps one backslash
    [r`"abc\\"`, "abc\\"], // TestExpr_RawString_LikeEscapeModel/12
    // every escape family
    [r`"\a\b\f\n\r\t\v"`, "\x07\b\f\n\r\t\v"],
    [r`"\\"`, "\\"],
    [r`"\x41\x7e"`, "A~"],
    [r`"\101\176\000"`, "A~\0"],
    [r`"\u4e2d\u00E9"`, "中é"],
    [r`"\U0001F600\U0010FFFF"`, "😀\u{10ffff}"],
    [r`"\xe4\xb8\xad"`, "中"], // bytes forming valid UTF-8 are that text
    [r`"\344\270\255"`, "中"],
    [r`"\xef\xbb\xbfx"`, "\ufeffx"], // a byte-order mark is content, not stripped
    ["''", ""],
    ['""', ""],
  ])("%s decodes to the Go value", (token, expected) => {
    expect(decodeStringLiteral(token)).toEqual({ ok: true, value: expected });
  });

  it("reads an encoding prefix as content, as Milvus does (first prefix character dropped)", () => {
    expect(valueOf(r`u8"ab"`)).toBe('8"ab');
    expect(valueOf(r`u"ab"`)).toBe('"ab');
    expect(valueOf(r`U'ab'`)).toBe("'ab");
    expect(valueOf(r`L"a\tb"`)).toBe('"a\tb');
    expect(decodeStringLiteral(r`u8"\q"`)).toMatchObject({ ok: false, offset: 3 });
  });

  it("turns bytes that are not UTF-8 into one U+FFFD per byte, like Go, and flags them", () => {
    // Test_EscapeString/3 and /4: accepted by Milvus, but \367 alone is not UTF-8
    expect(decodeStringLiteral(r`"\367"`)).toEqual({ ok: true, value: "\uFFFD", invalidUtf8: true });
    expect(decodeStringLiteral(r`"\3678"`)).toEqual({ ok: true, value: "\uFFFD8", invalidUtf8: true });
    expect(decodeStringLiteral(r`"abc\367-%"`)).toEqual({ ok: true, value: "abc\uFFFD-%", invalidUtf8: true }); // Test_EscapeString/15
    expect(valueOf(r`"\xe4\xb8"`)).toBe("\uFFFD\uFFFD"); // truncated sequence: per byte, not per sequence
    expect(valueOf(r`"\xed\xa0\x80"`)).toBe("\uFFFD".repeat(3)); // an encoded surrogate
    expect(valueOf(r`"\xc0\x80"`)).toBe("\uFFFD\uFFFD"); // overlong NUL
    expect(valueOf(r`"\xf4\x90\x80\x80"`)).toBe("\uFFFD".repeat(4)); // above U+10FFFF
    expect(valueOf(r`"\xffA\u00e9"`)).toBe("\uFFFDAé");
  });

  it("replaces a lone surrogate written literally in the source with U+FFFD", () => {
    expect(valueOf('"a\uD800b"')).toBe("a\uFFFDb");
    expect(valueOf('"\\n\uDC00"')).toBe("\n\uFFFD");
  });
});

describe("decodeStringLiteral: escapes Go's strconv.Unquote rejects", () => {
  it.each([
    [r`"\?"`, "\\?"],
    [r`"\q"`, "\\q"],
    [r`"\中国"`, "\\中"], // Test_EscapeString/20, TestExpr_TextMatch_MinShouldMatch/9
    [r`"\8"`, "\\8"],
    [r`"a\ b"`, "\\ "],
  ])("%s is an invalid escape", (token, shown) => {
    const res = decodeStringLiteral(token);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error).toContain(`'${shown}'`);
      expect(res.error).toContain("Milvus accepts \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\' \\ooo \\xhh \\uhhhh \\Uhhhhhhhh");
    }
  });

  it.each([
    [r`"\0"`, "3 octal digits"],
    [r`"\01"`, "3 octal digits"],
    [r`"\423"`, "\\377"], // Test_EscapeString/19
    [r`'\378'`, "3 octal digits"], // ib.
    [r`"\x4"`, "exactly 2 hex digits"],
    [r`"\xg0"`, "exactly 2 hex digits"],
    [r`"\u12"`, "exactly 4 hex digits"],
    [r`"\u123g"`, "exactly 4 hex digits"],
    [r`"\ud800"`, "surrogate"],
    [r`"\uDFFF"`, "surrogate"],
    [r`"\U0000d800"`, "surrogate"],
    [r`"\U00110000"`, "\\U0010ffff"],
    [r`"\U1234567"`, "exactly 8 hex digits"],
    ['"a\\\nb"', "line continuation"],
    ['"a\\\r\nb"', "line continuation"],
  ])("%s is rejected (%s)", (token, reason) => {
    const res = decodeStringLiteral(token);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain(reason);
  });

  it("reports the offset of the offending backslash in the token", () => {
    expect(decodeStringLiteral(r`"ab\q"`)).toMatchObject({ ok: false, offset: 3 });
    expect(decodeStringLiteral(r`'\n\x4z'`)).toMatchObject({ ok: false, offset: 3 });
  });

  it("rejects text that is not a string token", () => {
    expect(decodeStringLiteral("abc").ok).toBe(false);
    expect(decodeStringLiteral(`"abc'`).ok).toBe(false);
    expect(decodeStringLiteral(`"a"b"`).ok).toBe(false);
    expect(decodeStringLiteral('"a\nb"').ok).toBe(false);
  });
});

describe("decodeRawString", () => {
  it.each([
    [r`r"a\b"`, r`a\b`], // TestExpr_RawString/1
    [r`r"a\nb"`, r`a\nb`], // /2
    [r`r"a\\b"`, r`a\\b`], // /3
    [r`r"\u0041"`, r`\u0041`], // /25
    [r`r"中文"`, "中文"], // /20
    [r`R'a"b'`, 'a"b'],
    [r`r"a'b"`, "a'b"],
    [r`r"a\"b"`, r`a\"b`], // the backslash only stops termination: both characters stay
    ['r""', ""],
  ])("%s is %s verbatim", (token, expected) => {
    expect(decodeRawString(token)).toBe(expected);
  });

  it("throws on a token that is not a raw string", () => {
    expect(() => decodeRawString(`"x"`)).toThrow(SyntaxError);
    expect(() => decodeRawString(`r"x'`)).toThrow(SyntaxError);
  });
});

describe("decodeJsonKey", () => {
  it.each([
    [r`"a\b"`, "string", r`a\b`], // TestExpr_RawString/17: keys are not unescaped
    [r`"\"\"B\"\""`, "string", r`\"\"B\"\"`], // Test_JSONExpr/36
    [r`"[\"B\"]"`, "string", r`[\"B\"]`], // Test_JSONExpr/37
    [r`'B'`, "string", "B"], // Test_JSONExpr/38
    [r`'a\'b'`, "string", r`a\'b`],
    [r`"姓名"`, "string", "姓名"], // TestNestedPathWithChinese/1
    [r`"\u0041\u4e2d"`, "string", "A中"], // \uXXXX is the one thing decoded
    [r`"\\u0041"`, "string", r`\A`], // ... even right after another backslash (Milvus quirk)
    [r`"\ud83d\ude00"`, "string", "\uFFFD\uFFFD"], // surrogate codes decode one by one to U+FFFD
    [r`"\u005d\u005b"`, "string", "]["], // decoded after the path is split, so this is fine
    [r`"\n\x41"`, "string", r`\n\x41`],
    [r`r"a\b"`, "raw", r`a\b`], // TestExpr_RawString/16
    [r`r"\u0041"`, "raw", r`\u0041`], // /23: raw keys are not decoded
    [r`r'\u0041'`, "raw", r`\u0041`], // /28
    [r`r"中"`, "raw", "中"], // /24
  ] as const)("%s (%s) is the key %s", (token, kind, expected) => {
    expect(decodeJsonKey(token, kind)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['""', "string", "invalid identifier"],
    ["''", "string", "invalid identifier"],
    ['r""', "raw", "invalid identifier"],
    ['u8"k"', "string", "double quotes or single quotes"],
    ['L"k"', "string", "double quotes or single quotes"],
    ['"a][b"', "string", "]["],
    ['r"a][b"', "raw", "]["],
  ] as const)("%s (%s) is rejected", (token, kind, reason) => {
    const res = decodeJsonKey(token, kind);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain(reason);
  });
});

describe("regexPatternValue", () => {
  it.each([
    [r`"file\\.txt"`, "string", r`file\.txt`], // TestExpr_RegexMatch/5
    [r`"\\d{3}-\\d{4}"`, "string", r`\d{3}-\d{4}`], // /12
    [r`"back\\\\slash"`, "string", r`back\\slash`], // /26
    [r`"\\x41"`, "string", r`\x41`], // /40
    [r`"\\p{Han}+"`, "string", r`\p{Han}+`], // /9
    [r`"\d+"`, "string", r`\d+`], // other escapes are kept: "\d+" and "\\d+" are the same pattern
    [r`"\n"`, "string", r`\n`],
    [r`"a\"b"`, "string", 'a"b'],
    [r`'a\'b'`, "string", "a'b"],
    [r`"a\'b"`, "string", r`a\'b`], // only the delimiter's escape is removed
    [r`r"\d+"`, "raw", r`\d+`], // TestExpr_RawString/19
    [r`r"中文"`, "raw", "中文"], // /22
  ] as const)("%s (%s) is the pattern %s", (token, kind, expected) => {
    expect(regexPatternValue(token, kind)).toEqual({ ok: true, value: expected });
  });

  it("rejects an encoding prefix, as Milvus does", () => {
    const res = regexPatternValue('u8"x"', "string");
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain("invalid string literal");
  });
});

describe("parseIntegerLiteral", () => {
  it.each([
    ["0", 0n],
    ["42", 42n],
    ["017", 15n],
    ["001", 1n], // TestExpr_TextMatch_MinShouldMatch_LeadingZerosAndOctal/1
    ["00", 0n],
    ["0x1F", 31n],
    ["0Xff", 255n],
    ["0b101", 5n],
    ["0B1", 1n],
    ["9223372036854775807", INT64_MAX],
    ["9223372036854775808", 2n ** 63n], // TestExpr_TextMatch_MinShouldMatch/8: exact, the checker reports overflow
    ["0xFFFFFFFFFFFFFFFFFF", 2n ** 72n - 1n],
  ])("%s is %s", (raw, expected) => {
    expect(parseIntegerLiteral(raw)).toBe(expected);
  });

  it.each(["08", "0x", "0b2", "1_000", "-1", "", "1.0"])("%s is not an integer literal", (raw) => {
    expect(() => parseIntegerLiteral(raw)).toThrow(SyntaxError);
  });

  it("fitsInt64 accepts exactly the int64 range", () => {
    expect([INT64_MIN, INT64_MAX, 0n].every(fitsInt64)).toBe(true);
    expect([INT64_MIN - 1n, INT64_MAX + 1n].some(fitsInt64)).toBe(false);
    expect(INT64_MIN).toBe(-9223372036854775808n);
  });

  it("reads every base back to the same number", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 70n }), (n) => {
        for (const text of [n.toString(), `0x${n.toString(16)}`, `0b${n.toString(2)}`, `0${n.toString(8)}`]) {
          expect(parseIntegerLiteral(text)).toBe(n);
        }
      }),
    );
  });
});

/** The exact value m·2^e as a decimal string, which V8 parses with correct rounding. */
function exactDecimal(m: bigint, e: number): string {
  return e >= 0 ? (m << BigInt(e)).toString() : `${m * 5n ** BigInt(-e)}e-${-e}`;
}

/** A double written as a Go hex float (normalised mantissa, or subnormal with exponent -1022). */
function toHexFloat(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, "0");
  return exp === 0 ? `0x0.${frac}p-1022` : `0x1.${frac}p${exp - 1023}`;
}

describe("parseFloatLiteral", () => {
  it.each([
    ["1.", 1],
    [".5", 0.5],
    ["08.5", 8.5], // leading zero is not octal for floats
    ["1e10", 1e10],
    ["1.5E-3", 0.0015],
    ["1.e2", 100],
    ["0x1p-2", 0.25],
    ["0x1.8p1", 3],
    ["0x.8p0", 0.5],
    ["0X1P+3", 8],
    ["0x1.p1", 2],
    ["0x0p99999", 0],
    ["0x1.fffffffffffffp1023", Number.MAX_VALUE],
    ["1.7976931348623157e308", Number.MAX_VALUE],
    ["0x1p-1074", 5e-324],
    ["0x1p-1075", 0], // exactly half the smallest subnormal: ties to even
    ["0x1.8p-1075", 5e-324],
    ["0x3p-1076", 5e-324],
    ["1e-400", 0], // Go's ParseFloat underflows to 0 without an error
    ["0x1.00000000000008p0", 1], // halfway between 1 and the next double: even wins
    ["0x1.00000000000018p0", 1 + 2 * Number.EPSILON],
  ])("%s is %s", (raw, expected) => {
    expect(parseFloatLiteral(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["1e400", "1.7976931348623159e308", "0x1p1024", "0x1.fffffffffffff8p1023"])("%s overflows (Go's ErrRange)", (raw) => {
    const res = parseFloatLiteral(raw);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain("out of range");
  });

  it.each(["1e", "abc", "0x1.8", "0xp1", "Infinity", " 1", "1e+"])("%s is not a float literal", (raw) => {
    expect(parseFloatLiteral(raw).ok).toBe(false);
  });

  it("reads back every double printed in decimal or as a hex float", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseFloatLiteral(String(x))).toEqual({ ok: true, value: x });
        expect(parseFloatLiteral(toHexFloat(x))).toEqual({ ok: true, value: x });
      }),
      { numRuns: 500 },
    );
  });

  it("rounds long hex mantissas correctly, checked against an exact decimal expansion", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 90n }), fc.integer({ min: -1200, max: 1000 }), (m, e) => {
        const expected = Number(exactDecimal(m, e));
        const res = parseFloatLiteral(`0x${m.toString(16)}p${e}`);
        expect(res).toEqual(Number.isFinite(expected) ? { ok: true, value: expected } : expect.objectContaining({ ok: false }));
      }),
      { numRuns: 500 },
    );
  });
});

describe("quoteString", () => {
  it.each([
    ["plain", '"plain"'],
    ['a"b\\c', r`"a\"b\\c"`],
    ["it's", `"it's"`],
    ["\x07\b\t\n\v\f\r", r`"\a\b\t\n\v\f\r"`],
    ["\0\x1b\x7f", r`"\x00\x1b\x7f"`],
    ["\u0085\u2028\u2029", r`"\u0085\u2028\u2029"`],
    ["中文é😀", '"中文é😀"'], // printable non-ASCII stays as is
    ["𠀀", r`"\U00020000"`], // Milvus would rewrite a literal one to \u0000 before lexing
  ])("%j is written %s", (value, token) => {
    expect(quoteString(value)).toBe(token);
  });

  it("round-trips every well-formed string", () => {
    for (const unit of ["binary", "grapheme"] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (s) => {
          expect(decodeStringLiteral(quoteString(s))).toEqual({ ok: true, value: s });
        }),
      );
    }
  });

  it("writes one double-quoted token with no raw line break and no bare quote", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(quoteString(s)).toMatch(/^"(?:[^"\\\r\n]|\\[^\r\n])*"$/su);
      }),
    );
  });

  it("throws a RangeError for a lone surrogate, and only then", () => {
    expect(() => quoteString("a\uD800")).toThrow(/lone UTF-16 surrogate/);
    fc.assert(
      fc.property(anyUnits, (s) => {
        if (hasLoneSurrogate(s)) expect(() => quoteString(s)).toThrow(RangeError);
        else expect(valueOf(quoteString(s))).toBe(s);
      }),
    );
  });
});

describe("quoteJsonKey", () => {
  it.each([
    ["a\\b", r`"a\b"`], // the TestExpr_RawString/17 key, written back the same way
    ["k", '"k"'],
    ['a"b', `'a"b'`],
    [`a"b'c`, r`"a\u0022b'c"`],
    ["a][b", r`"a]\u005bb"`],
    ["\\u0041", r`"\u005cu0041"`],
    ["x\\", r`"x\u005c"`],
    ["\\d", r`"\u005cd"`],
    ["a\nb", r`"a\u000ab"`],
    ["中😀", '"中😀"'],
  ])("%j is written %s", (key, token) => {
    expect(quoteJsonKey(key)).toBe(token);
  });

  it("refuses keys no normal key token can express, saying why", () => {
    expect(() => quoteJsonKey("")).toThrow(/empty JSON key/);
    expect(() => quoteJsonKey("a\uDC00")).toThrow(/surrogate/);
    expect(() => quoteJsonKey("𠀀")).toThrow(/above U\+FFFF/);
    expect(quoteJsonKey("𠀀", true)).toBe('r"𠀀"');
    expect(() => quoteJsonKey("𠀀][", true)).toThrow(RangeError);
  });

  it("round-trips every other key through decodeJsonKey", () => {
    for (const keys of [fc.string({ unit: "binary", minLength: 1, maxLength: 30 }), tricky(["𠀀"])]) {
      fc.assert(
        fc.property(keys, (k) => {
          fc.pre(k !== "" && !hasAstralHan(k));
          const token = quoteJsonKey(k);
          expect(token).not.toContain("][");
          expect(token).toMatch(/^(?:"(?:[^"\\\r\n]|\\[^\r\n])*"|'(?:[^'\\\r\n]|\\[^\r\n])*')$/su);
          expect(decodeJsonKey(token, "string")).toEqual({ ok: true, value: k });
        }),
      );
    }
  });

  it("with allowRaw, writes astral Han keys that a raw key can hold", () => {
    fc.assert(
      fc.property(tricky(["𠀀"]), (k) => {
        fc.pre(hasAstralHan(k));
        let token: string;
        try {
          token = quoteJsonKey(k, true);
        } catch {
          return; // e.g. a line break or "][": no token at all
        }
        expect(decodeJsonKey(token, "raw")).toEqual({ ok: true, value: k });
      }),
    );
  });
});

describe("quoteRawString", () => {
  it.each([
    ["a\\b", r`r"a\b"`],
    ['a"b', `r'a"b'`],
    ['a\\"b\'c', r`r"a\"b'c"`],
    ["", 'r""'],
  ])("%j is written %s", (value, token) => {
    expect(quoteRawString(value)).toBe(token);
    expect(decodeRawString(token)).toBe(value);
  });

  it.each(["x\\", "a\nb", "a\rb", `a"b'c`])("%j cannot be a raw string", (value) => {
    expect(() => quoteRawString(value)).toThrow(RangeError);
  });

  it("round-trips whatever it accepts", () => {
    fc.assert(
      fc.property(tricky(), (s) => {
        let token: string;
        try {
          token = quoteRawString(s);
        } catch {
          return;
        }
        expect(decodeRawString(token)).toBe(s);
      }),
    );
  });
});

describe("quoteRegexPattern", () => {
  it.each([
    [r`\d+`, r`r"\d+"`],
    [`a"b`, `r'a"b'`],
    [`a"b'c`, r`"a\"b'c"`],
    [r`back\\slash`, r`r"back\\slash"`],
  ])("%s is written %s", (pattern, token) => {
    expect(quoteRegexPattern(pattern)).toBe(token);
  });

  it("gives a token whose pattern is exactly the input", () => {
    fc.assert(
      fc.property(tricky(["d", "."]), (p) => {
        fc.pre(!/[\r\n]/.test(p));
        const token = quoteRegexPattern(p);
        const kind = token.startsWith("r") ? "raw" : "string";
        expect(regexPatternValue(token, kind)).toEqual({ ok: true, value: p });
      }),
    );
  });

  it("refuses a raw line break, which no literal can carry", () => {
    expect(() => quoteRegexPattern("a\nb")).toThrow(/\\n/);
  });
});

/** Milvus LIKE: % any run, _ one character, \ makes the next character literal. */
function likeMatches(pattern: string, text: string): boolean {
  let re = "";
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\" && i + 1 < chars.length) re += chars[++i].replace(/[.*+?^${}()|[\]\\/-]/gu, "\\$&");
    else if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else re += c.replace(/[.*+?^${}()|[\]\\/-]/gu, "\\$&");
  }
  return new RegExp(`^${re}$`, "u").test(text);
}

describe("escapeLikePattern", () => {
  it("escapes exactly %, _ and backslash", () => {
    expect(escapeLikePattern(r`50%_off\x`)).toBe(r`50\%\_off\\x`);
    expect(escapeLikePattern("plain 中")).toBe("plain 中");
  });

  it("gives a pattern that matches the value and nothing else", () => {
    fc.assert(
      fc.property(tricky(), fc.string({ unit: "binary", maxLength: 6 }), (v, other) => {
        const pattern = escapeLikePattern(v);
        expect(likeMatches(pattern, v)).toBe(true);
        expect(likeMatches(pattern, other)).toBe(other === v);
        expect(likeMatches(pattern, `${v}x`)).toBe(false);
      }),
    );
  });

  it("survives quoting: the decoded literal is the escaped pattern", () => {
    fc.assert(
      fc.property(tricky(), (v) => {
        expect(valueOf(quoteString(escapeLikePattern(v)))).toBe(escapeLikePattern(v));
      }),
    );
  });
});
