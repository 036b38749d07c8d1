/**
 * Canonical spellings of literal tokens. Quoting itself lives in src/syntax/literals.ts; this
 * module decides which spelling the printer uses, and when it must keep the source token instead
 * (whenever no respelling is provably read back the same way by Milvus).
 */
import { usageMessage, type UsageCode, type UsageProblem } from "../../diag/usage.js";
import type * as A from "../../syntax/ast.js";
import {
  decodeJsonKey,
  decodeStringLiteral,
  parseFloatLiteral,
  quoteJsonKey,
  quoteRawString,
  quoteString,
  regexPatternValue,
} from "../../syntax/literals.js";
import { rawStringEnd, stringEnd } from "../../syntax/scan.js";

/** Thrown when a tree cannot be written as filter text that reads back as the same tree. */
export class PrintError extends Error {
  override readonly name = "PrintError";
  constructor(
    message: string,
    /** The node that could not be printed. */
    readonly node?: A.Root,
    /** `usage/*` when print or normalize was called with arguments of the wrong kind. */
    readonly code?: UsageCode,
  ) {
    super(message);
  }
}

/** How print and normalize report a usage problem. */
export const printUsageError = (p: UsageProblem): PrintError => new PrintError(usageMessage(p), undefined, p.code);

// Token shapes, mirroring src/syntax/tokens.ts. Used to validate any source spelling printed verbatim.
/** The whole of `raw` is one string token (optional prefix), or one JSON key token (no prefix), as the lexer reads them (scan.ts: no regex, so a 16 MiB token cannot overflow the stack). */
const isStringToken = (raw: string): boolean => stringEnd(raw, 0) === raw.length;
const isKeyToken = (raw: string): boolean => ((raw[0] === '"' || raw[0] === "'") && isStringToken(raw)) || rawStringEnd(raw, 0) === raw.length;
const FLOAT_TOKEN =
  /^(?:0[xX](?:[0-9a-fA-F]*\.[0-9a-fA-F]+|[0-9a-fA-F]+\.?)[pP][+-]?[0-9]+|(?:[0-9]*\.[0-9]+|[0-9]+\.)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)$/;
const DEC_FLOAT = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;
/** IntegerConstant as the lexer reads it. */
export const INTEGER_TOKEN = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|[1-9][0-9]*|0[0-7]*)$/;

// ------------------------------------------------------------------ numbers

/** Decimal digits of a non-negative bigint. */
export function formatInteger(n: A.Integer): string {
  if (typeof n.value !== "bigint" || n.value < 0n) {
    throw new PrintError(`an integer literal must hold a non-negative bigint (negative numbers are unary minus), got ${String(n.value)}`, n);
  }
  return n.value.toString();
}

/**
 * Exact decimal `digits × 10^exp` written in one of two notations. Plain: `123.45`, `0.001`,
 * `100.0` (always a point and a digit on each side). Exponent: `1.2345e2`, `1e-3` (one digit before
 * the point). Leading and trailing zeros are dropped, so each value has one spelling per notation.
 */
export function decimalText(digits: string, exp: bigint, exponent: boolean): string {
  let d = digits.replace(/^0+/, "");
  if (d === "") return exponent ? "0e0" : "0.0";
  const trimmed = d.replace(/0+$/, "");
  exp += BigInt(d.length - trimmed.length);
  d = trimmed;
  if (exponent) {
    const e = exp + BigInt(d.length - 1);
    return `${d[0]}${d.length > 1 ? `.${d.slice(1)}` : ""}e${e}`;
  }
  if (exp >= 0n) return `${d}${"0".repeat(Number(exp))}.0`;
  const point = d.length + Number(exp);
  return point > 0 ? `${d.slice(0, point)}.${d.slice(point)}` : `0.${"0".repeat(-point)}${d}`;
}

/** The canonical spelling of a finite, non-negative double: shortest round-trip digits, JS's choice of notation. */
export function floatFromNumber(v: number): string {
  if (!Number.isFinite(v) || v < 0 || Object.is(v, -0)) throw new PrintError(`cannot write ${v} as a float literal`);
  const s = String(v);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s)!;
  const frac = m[2] ?? "";
  return decimalText(m[1]! + frac, BigInt(m[3] ?? "0") - BigInt(frac.length), m[3] !== undefined);
}

/**
 * Floats keep their exact decimal value and their notation: a decimal token is re-spelled exactly
 * (`.5` → `0.5`, `1.` → `1.0`, `1.50E+3` → `1.5e3`), never rounded through a double, because
 * Milvus reads Decimal fields from the token text. Hex floats become the shortest decimal that
 * reads back as the same double. A token Milvus rejects (`1e999`, value NaN) is kept verbatim.
 */
export function formatFloat(n: A.Float): string {
  const parsed = typeof n.raw === "string" && FLOAT_TOKEN.test(n.raw) ? parseFloatLiteral(n.raw) : undefined;
  if (parsed && parsed.ok && Object.is(parsed.value, n.value)) {
    const m = DEC_FLOAT.exec(n.raw);
    if (m) {
      const frac = m[2] ?? "";
      return decimalText((m[1] ?? "") + frac, BigInt(m[3] ?? "0") - BigInt(frac.length), m[3] !== undefined);
    }
    return floatFromNumber(n.value);
  }
  if (parsed && !parsed.ok && Number.isNaN(n.value)) return n.raw;
  if (typeof n.value === "number" && Number.isFinite(n.value) && n.value >= 0 && !Object.is(n.value, -0)) return floatFromNumber(n.value);
  throw new PrintError(`a float literal must hold a finite non-negative number (negative numbers are unary minus), got ${n.value}`, n);
}

/** Option integers (`threshold=`, `minimum_should_match=`) are printed as written: each option reads them in its own base. */
export function formatIntOption(o: A.IntOption): string {
  if (typeof o.raw === "string" && INTEGER_TOKEN.test(o.raw)) return o.raw;
  throw new PrintError(`option ${o.name}= needs an integer token, got ${JSON.stringify(o.raw)}`);
}

// ------------------------------------------------------------------ strings

function verbatim(n: A.String): string {
  if (typeof n.raw === "string" && isStringToken(n.raw)) return n.raw;
  throw new PrintError(`not a string token: ${JSON.stringify(n.raw)}`, n);
}

/**
 * A string in value position (comparisons, lists, LIKE patterns, text queries, WKT, timestamps):
 * double-quoted with the minimal escapes of quoteString when its Go-decoded value is known;
 * the source token verbatim when Milvus would reject it (`error`) or when it holds bytes that are
 * not UTF-8 (`"\xff"`), where no respelling keeps the same bytes.
 */
/** Text that quoteString writes unchanged between double quotes (no quote, backslash, control, separator or surrogate). */
const PLAIN = /^[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]*$/;
/** Likewise for a JSON key (quoteJsonKey): also no `'` and no brackets. */
const PLAIN_KEY = /^[^"'\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff[\]]+$/;
/** Only byte escapes (`\xhh`, octal) can produce bytes that are not UTF-8. */
const BYTE_ESCAPE = /\\[xX0-7]/;

export function formatString(n: A.String): string {
  if (n.error !== undefined || n.value === null || typeof n.value !== "string") return verbatim(n);
  if (typeof n.raw === "string" && BYTE_ESCAPE.test(n.raw)) {
    const d = decodeStringLiteral(n.raw);
    if (d.ok && d.invalidUtf8) return verbatim(n);
  }
  if (PLAIN.test(n.value)) return `"${n.value}"`;
  try {
    return quoteString(n.value);
  } catch (e) {
    throw new PrintError(`cannot quote the string value: ${(e as Error).message}`, n);
  }
}

/**
 * A normal string as the right side of `=~` / `!~`. Milvus reads regex patterns with its own
 * minimal unescaping (regexPatternValue), not Go's, so the canonical double-quoted form is used
 * only when it gives the same pattern and the same value; otherwise the token stays as written
 * (`"\d+"` stays `"\d+"`).
 */
export function formatRegexString(n: A.String): string {
  if (n.error !== undefined || n.value === null) return verbatim(n);
  const canonical = formatString(n);
  if (canonical === n.raw) return canonical;
  const before = regexPatternValue(n.raw, "string");
  const after = regexPatternValue(canonical, "string");
  return before.ok && after.ok && before.value === after.value ? canonical : verbatim(n);
}

/** Raw strings stay raw (`r"…"`, or `r'…'` when the content needs it): the author chose them to avoid escapes. */
export function formatRawString(n: A.RawString): string {
  try {
    return quoteRawString(n.value);
  } catch (e) {
    throw new PrintError(`cannot write the raw string: ${(e as Error).message}`, n);
  }
}

/**
 * One JSON-path key token. Keys are re-quoted canonically (quoteJsonKey: `"k"`, or `'k'` when the
 * key holds `"`), so `r"k"` becomes `"k"` and works before Milvus 3.0; a raw key is kept raw only
 * when nothing else can hold it. A key Milvus rejects, or one no canonical token holds, is kept verbatim.
 */
export function formatJsonKey(k: A.JsonKey): string {
  if (k.kind === "index") {
    if (/^(?:0|[1-9][0-9]*)$/.test(k.value)) return `[${k.value}]`;
    throw new PrintError(`a JSON index key must be a decimal without leading zeros, got ${JSON.stringify(k.value)}`);
  }
  const keepRaw = (): string => {
    if (typeof k.raw === "string" && isKeyToken(k.raw)) {
      const d = decodeJsonKey(k.raw, /^[rR]/.test(k.raw) ? "raw" : "string");
      if (k.error !== undefined ? !d.ok : d.ok && d.value === k.value) return `[${k.raw}]`;
    }
    throw new PrintError(`cannot write the JSON key ${JSON.stringify(k.value)}`);
  };
  if (k.error !== undefined) return keepRaw();
  if (PLAIN_KEY.test(k.value)) return `["${k.value}"]`;
  try {
    return `[${quoteJsonKey(k.value, k.quote === "raw")}]`;
  } catch {
    return keepRaw();
  }
}
