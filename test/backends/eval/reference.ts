/**
 * Reference interpreter for the differential tests: a plain tree walk over the AST, evaluating
 * every node afresh for every row. Written independently of src/backends/eval (it shares only
 * the row accessors in src/rows): numbers compare as exact rationals, strings by code points,
 * LIKE by dynamic programming, int64 arithmetic always in BigInt. Slow and simple on purpose.
 *
 * Throws RefUnsupported for anything outside what it models.
 */
import type * as A from "../../../src/syntax/ast.js";
import type { CollectionSchema, DataType } from "../../../src/schema/index.js";
import { isJsonFloat } from "../../../src/util/json.js";
import { dynamicObject, dynamicValue, isJsonObject, jsonPathValue, structSubValues, type Row } from "../../../src/rows/access.js";
import { coerceScalar } from "../../../src/rows/coerce.js";
import { regexPatternValue } from "../../../src/syntax/literals.js";

export class RefUnsupported extends Error {}

type B3 = boolean | null;
/** Constant values: int → bigint, float → number (tagged to keep int/float apart). */
type K = { i: bigint } | { f: number } | { s: string } | { b: boolean } | { a: K[] };

type ColV =
  | { c: "typed"; type: DataType; v: unknown /* coerced or null */ }
  | { c: "json"; nullCol: boolean; v: unknown /* undefined = missing */; hasPath: boolean }
  | { c: "array"; elem: DataType; v: unknown[] | null }
  | { c: "other"; type: DataType; v: unknown };

type V =
  | { k: "b3"; v: B3 }
  | { k: "const"; v: K }
  | { k: "col"; v: ColV; indexed?: boolean }
  | { k: "arith"; col: ColV; op: string; rhs: K }
  | { k: "alen"; col: ColV };

export interface RefContext {
  schema: CollectionSchema;
  params?: Record<string, unknown>;
  random?: () => number;
  /**
   * Which server's JSON rules (written here independently of src/semantics/profiles.ts):
   * "2.6": a missing / null / other-typed JSON value is FALSE, TRUE under `!=`, array_length 0;
   * "master": all of those are UNKNOWN. Default master.
   */
  profile?: "2.6" | "master";
}

/** Json.h isObjectEmpty: null, or a container whose members are all (recursively) empty. */
function emptyJson(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.every(emptyJson);
  if (typeof v === "object" && !isJsonFloat(v)) return Object.values(v).every(emptyJson);
  return false;
}

interface Scope {
  kind: "struct" | "scalar" | "json";
  struct?: string;
  elem?: DataType;
  cur: unknown;
}

const INTS = new Set(["Int8", "Int16", "Int32", "Int64"]);
const SCALARS = new Set(["Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "VarChar", "String"]);
const no = (why: string): never => {
  throw new RefUnsupported(why);
};

// ---------------------------------------------------------------- exact numbers

/** A finite number as an exact fraction n / 2^e (e ≥ 0). */
function frac(x: number | bigint): [bigint, bigint] {
  if (typeof x === "bigint") return [x, 0n];
  if (Number.isInteger(x)) return [BigInt(x), 0n];
  let e = 0n;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return [BigInt(m), e];
}

function numCmp(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && Number.isNaN(a)) return NaN;
  if (typeof b === "number" && Number.isNaN(b)) return NaN;
  if (a === Infinity || b === -Infinity) return a === b ? 0 : 1;
  if (a === -Infinity || b === Infinity) return a === b ? 0 : -1;
  const [an, ae] = frac(a);
  const [bn, be] = frac(b);
  const l = an << be;
  const r = bn << ae;
  return l < r ? -1 : l > r ? 1 : 0;
}

function strCmp(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

function holds(op: string, c: number): boolean {
  if (Number.isNaN(c)) return op === "!=";
  return op === "==" ? c === 0 : op === "!=" ? c !== 0 : op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

const flip = (op: string): string => ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" })[op] ?? op;

function f32OfInt(b: bigint): number {
  // Round-to-nearest-even straight to float32, by exact comparison with the two neighbours.
  const d = Number(b);
  let lo = Math.fround(d);
  if (numCmp(lo, b) > 0) lo = nextDown32(lo);
  const hi = numCmp(lo, b) === 0 ? lo : nextUp32(lo);
  if (numCmp(lo, b) === 0) return lo;
  const [ln, le] = frac(lo);
  const [hn, he] = frac(hi);
  // distance comparison: (b - lo) vs (hi - b)
  const e = le > he ? le : he;
  const L = (b << e) - (ln << (e - le));
  const H = (hn << (e - he)) - (b << e);
  if (L < H) return lo;
  if (H < L) return hi;
  const bits = new Uint32Array(new Float32Array([lo]).buffer)[0]!;
  return (bits & 1) === 0 ? lo : hi;
}
function nextUp32(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  if (x >= 0) u[0]! += 1;
  else u[0]! -= 1;
  return f[0]!;
}
function nextDown32(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  if (x > 0) u[0]! -= 1;
  else u[0]! += 1;
  return f[0]!;
}

// ---------------------------------------------------------------- constants

function kNum(k: K): number | bigint | undefined {
  return "i" in k ? k.i : "f" in k ? k.f : undefined;
}

function paramToK(v: unknown, name: string): K {
  if (typeof v === "boolean") return { b: v };
  if (typeof v === "string") return { s: v };
  if (typeof v === "bigint") return { i: v };
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? { i: BigInt(v) } : { f: v };
  if (isJsonFloat(v)) return { f: v.value };
  if (Array.isArray(v)) return { a: v.map((x) => paramToK(x, name)) };
  return no(`template ${name}`);
}

/** The runtime value of a constant as a typed scalar of `type` (Milvus cast), or throw. */
function castTo(type: DataType, k: K): unknown {
  if (INTS.has(type)) return "i" in k ? k.i : no("cast int");
  if (type === "Float") return "i" in k ? Math.fround(Number(k.i)) : "f" in k ? Math.fround(k.f) : no("cast float");
  if (type === "Double") return "i" in k ? Number(k.i) : "f" in k ? k.f : no("cast double");
  if (type === "VarChar" || type === "String") return "s" in k ? k.s : no("cast string");
  if (type === "Bool") return "b" in k ? k.b : no("cast bool");
  return no(`cast to ${type}`);
}

function typedCmp(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return strCmp(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return (a ? 1 : 0) - (b ? 1 : 0);
  return numCmp(a as number | bigint, b as number | bigint);
}

/** JSON value vs constant: three-way, or undefined when the kinds differ. */
function jsonVsK(v: unknown, k: K): number | undefined {
  if ("i" in k || "f" in k) {
    const n = typeof v === "number" || typeof v === "bigint" ? v : isJsonFloat(v) ? v.value : undefined;
    return n === undefined ? undefined : numCmp(n, kNum(k)!);
  }
  if ("s" in k) return typeof v === "string" ? strCmp(v, k.s) : undefined;
  if ("b" in k) return typeof v === "boolean" ? (v ? 1 : 0) - (k.b ? 1 : 0) : undefined;
  return undefined;
}

/**
 * JSON value vs constant for comparisons and ranges: an int64 JSON value against an integer
 * constant compares exactly, any other pair of numbers as doubles (UnaryExpr.cpp on both lines).
 */
function jsonOrderK(v: unknown, k: K): number | undefined {
  if ("i" in k || "f" in k) {
    const int64 = (typeof v === "bigint" && v >= -(2n ** 63n) && v < 2n ** 63n) || (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 63);
    if ("i" in k && int64) return numCmp(v as number | bigint, k.i);
    const d = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : isJsonFloat(v) ? v.value : undefined;
    return d === undefined ? undefined : numCmp(d, Number(kNum(k)!));
  }
  return jsonVsK(v, k);
}

function jsonEqK(v: unknown, k: K): boolean {
  if ("a" in k) return Array.isArray(v) && v.length === k.a.length && v.every((x, i) => jsonEqK(x, k.a[i]!));
  return jsonVsK(v, k) === 0;
}

// ---------------------------------------------------------------- LIKE by DP

export function likeMatch(s: string, pattern: string): boolean {
  type Tok = { any: true } | { one: true } | { ch: string };
  const toks: Tok[] = [];
  const p = Array.from(pattern);
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") {
      if (i + 1 >= p.length) no("trailing backslash");
      toks.push({ ch: p[++i]! });
    } else if (p[i] === "%") toks.push({ any: true });
    else if (p[i] === "_") toks.push({ one: true });
    else toks.push({ ch: p[i]! });
  }
  const t = Array.from(s);
  // dp[j] = pattern prefix of length j matches text prefix consumed so far
  let dp = new Array<boolean>(toks.length + 1).fill(false);
  dp[0] = true;
  for (let j = 1; j <= toks.length; j++) dp[j] = dp[j - 1]! && "any" in toks[j - 1]!;
  for (const c of t) {
    const next = new Array<boolean>(toks.length + 1).fill(false);
    for (let j = 1; j <= toks.length; j++) {
      const tk = toks[j - 1]!;
      if ("any" in tk) next[j] = next[j - 1]! || dp[j]!;
      else if ("one" in tk) next[j] = dp[j - 1]!;
      else next[j] = dp[j - 1]! && tk.ch === c;
    }
    dp = next;
  }
  return dp[toks.length]!;
}

// ---------------------------------------------------------------- regex via JS RegExp

/**
 * The simple RE2 subset the generators use, as a JS RegExp with the same meaning: `u` mode (code
 * points), a leading `(?i)` as the `i` flag, and `.` as `[^\n]` (RE2's dot excludes only newline;
 * JS's also excludes \r, U+2028, U+2029).
 */
function toJsRegExp(p: string): RegExp {
  let flags = "u";
  if (p.startsWith("(?i)")) {
    flags += "i";
    p = p.slice(4);
  }
  if (p.includes("(?")) no("regex flags");
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\") {
      out += c + (p[i + 1] ?? "");
      i++;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "]") {
      inClass = false;
      out += c;
    } else if (c === "." && !inClass) out += "[^\\n]";
    else out += c;
  }
  return new RegExp(out, flags);
}

// ---------------------------------------------------------------- the interpreter

export class Reference {
  private scope: Scope | undefined;
  private readonly master: boolean;
  constructor(
    private readonly ctx: RefContext,
    private readonly ast: A.Root,
  ) {
    this.master = (ctx.profile ?? "master") === "master";
  }

  /** A JSON value that is missing, null or of another kind than the operator takes. */
  private mismatch(op: string): B3 {
    return this.master ? null : op === "!=";
  }

  evaluate(row: Row): B3 {
    const n = this.ast;
    if (n.kind === "Empty") return true;
    if (n.kind === "RandomSample") return this.sample(n);
    if (n.kind === "And" && n.operands[n.operands.length - 1]!.kind === "RandomSample") {
      const rest = n.operands.slice(0, -1).map((o) => this.pred(o, row));
      const r = rest.includes(false) ? false : rest.includes(null) ? null : true;
      return r !== true ? r : this.sample(n.operands[n.operands.length - 1] as A.RandomSample);
    }
    return this.pred(n, row);
  }

  private sample(n: A.RandomSample): boolean {
    const f = n.factor.kind === "Float" ? n.factor.value : no("sample factor");
    return (this.ctx.random ?? Math.random)() < f;
  }

  private pred(n: A.Expr, row: Row): B3 {
    const v = this.ev(n, row);
    if (v.k === "b3") return v.v;
    if (v.k === "const" && "b" in v.v) return v.v.b;
    return no(`not a predicate: ${n.kind}`);
  }

  private ev(n: A.Expr, row: Row): V {
    switch (n.kind) {
      case "Integer":
        return { k: "const", v: { i: n.value } };
      case "Float":
        return { k: "const", v: { f: n.value } };
      case "Boolean":
        return { k: "const", v: { b: n.value } };
      case "String":
        return n.value === null ? no("bad string") : { k: "const", v: { s: n.value } };
      case "RawString":
        return { k: "const", v: { s: n.value } };
      case "TemplateVariable": {
        const p = this.ctx.params;
        if (!p || !Object.hasOwn(p, n.name)) return no("missing param");
        return { k: "const", v: paramToK(p[n.name], n.name) };
      }
      case "Array":
        return { k: "const", v: { a: n.elements.map((e) => this.constOf(e, row)) } };
      case "EmptyArray":
        return { k: "const", v: { a: [] } };
      case "Identifier":
      case "JSONIdentifier":
      case "StructField":
      case "StructIndexField":
      case "StructSubField":
      case "ElementSelf":
        return this.column(n, row);
      case "Unary":
        return this.unary(n, row);
      case "AddSub":
      case "MulDivMod":
      case "BitAnd":
      case "BitOr":
      case "BitXor":
      case "Power":
      case "Shift":
        return this.arith(n, row);
      case "And": {
        const vs = n.operands.map((o) => this.pred(o, row));
        return { k: "b3", v: vs.includes(false) ? false : vs.includes(null) ? null : true };
      }
      case "Or": {
        const vs = n.operands.map((o) => this.pred(o, row));
        return { k: "b3", v: vs.includes(true) ? true : vs.includes(null) ? null : false };
      }
      case "Relational":
      case "Equality":
        return { k: "b3", v: this.compare(n.op, this.ev(n.left, row), this.ev(n.right, row)) };
      case "Range":
      case "ReverseRange":
        return { k: "b3", v: this.range(n, row) };
      case "Term":
        return { k: "b3", v: this.term(n, row) };
      case "Like":
        return { k: "b3", v: this.stringOp(n.left, row, (s) => likeMatch(s, this.patternOf(n.pattern, false))) };
      case "RegexMatch": {
        const pat = this.patternOf(n.pattern, true);
        const re = toJsRegExp(pat);
        const r = this.stringOp(n.left, row, (s) => re.test(s));
        return { k: "b3", v: n.negated && r !== null ? !r : r };
      }
      case "Exists": {
        const c = this.colOf(n.operand, row);
        if (c.c !== "json" || !c.hasPath) return no("exists");
        return { k: "b3", v: !c.nullCol && !emptyJson(c.v) };
      }
      case "IsNull":
      case "IsNotNull":
        return { k: "b3", v: this.isNull(n, row) };
      case "JSONContains":
      case "JSONContainsAll":
      case "JSONContainsAny":
        return { k: "b3", v: this.contains(n, row) };
      case "ArrayLength":
        return { k: "alen", col: this.colOf(n.target, row) };
      case "MatchSimple":
      case "MatchThreshold":
      case "ElementFilter":
        return { k: "b3", v: this.match(n, row) };
      default:
        return no(n.kind);
    }
  }

  private constOf(e: A.Expr, row: Row): K {
    const v = this.ev(e, row);
    return v.k === "const" ? v.v : no("non-constant");
  }

  private colOf(e: A.Expr, row: Row): ColV {
    const v = this.ev(e, row);
    return v.k === "col" ? v.v : no("not a column");
  }

  private patternOf(p: A.Expr, regex: boolean): string {
    if (p.kind === "RawString") return p.value;
    if (p.kind === "String") {
      if (!regex) return p.value ?? no("bad pattern");
      const r = regexPatternValue(p.raw, "string");
      return r.ok ? r.value : no("bad regex literal");
    }
    return no("pattern kind");
  }

  private unary(n: A.Unary, row: Row): V {
    if (n.op === "not") {
      const v = this.pred(n.operand, row);
      return { k: "b3", v: v === null ? null : !v };
    }
    if (n.op === "-" && n.operand.kind === "Integer" && n.operand.value === 2n ** 63n) return { k: "const", v: { i: -(2n ** 63n) } };
    const k = this.constOf(n.operand, row);
    if (n.op === "+") return { k: "const", v: k };
    if (n.op === "-") return { k: "const", v: "i" in k ? { i: BigInt.asIntN(64, -k.i) } : "f" in k ? { f: -k.f } : no("neg") };
    return no("~");
  }

  private arith(n: A.ArithNode, row: Row): V {
    const l = this.ev(n.left, row);
    const r = this.ev(n.right, row);
    if (l.k === "const" && r.k === "const") {
      const a = l.v;
      const b = r.v;
      if ("i" in a && "i" in b) {
        const x = a.i;
        const y = b.i;
        switch (n.op) {
          case "+":
            return { k: "const", v: { i: BigInt.asIntN(64, x + y) } };
          case "-":
            return { k: "const", v: { i: BigInt.asIntN(64, x - y) } };
          case "*":
            return { k: "const", v: { i: BigInt.asIntN(64, x * y) } };
          case "/":
            return y === 0n ? no("div0") : { k: "const", v: { i: BigInt.asIntN(64, x / y) } };
          case "%":
            return y === 0n ? no("mod0") : { k: "const", v: { i: x % y } };
          case "**":
            if (y >= 0n) {
              const p = x ** y;
              return p >= -(2n ** 63n) && p < 2n ** 63n ? { k: "const", v: { i: p } } : no("pow overflow");
            }
            return { k: "const", v: { f: Number(x) ** Number(y) } };
          default:
            return no(`fold ${n.op}`);
        }
      }
      const x = Number(kNum(a) ?? no("fold"));
      const y = Number(kNum(b) ?? no("fold"));
      switch (n.op) {
        case "+":
          return { k: "const", v: { f: x + y } };
        case "-":
          return { k: "const", v: { f: x - y } };
        case "*":
          return { k: "const", v: { f: x * y } };
        case "/":
          return y === 0 ? no("div0") : { k: "const", v: { f: x / y } };
        case "**":
          return { k: "const", v: { f: x ** y } };
        default:
          return no(`fold ${n.op}`);
      }
    }
    if (l.k === "col" && r.k === "const") return { k: "arith", col: l.v, op: n.op, rhs: r.v };
    if (l.k === "const" && r.k === "col" && (n.op === "+" || n.op === "*")) return { k: "arith", col: r.v, op: n.op, rhs: l.v };
    return no("arith shape");
  }

  private column(n: A.Expr, row: Row): V {
    const { schema } = this.ctx;
    const dyn = (keys: string[]): ColV => {
      if (!schema.enableDynamicField) no("no dynamic");
      if (keys.length === 0) return { c: "json", nullCol: false, v: dynamicObject(row, schema), hasPath: false };
      const first = dynamicValue(row, schema, keys[0]!);
      return { c: "json", nullCol: false, v: first === undefined ? undefined : jsonPathValue(first, keys.slice(1)), hasPath: true };
    };
    const raw = (name: string): unknown => (Object.hasOwn(row, name) ? row[name] : undefined);
    switch (n.kind) {
      case "Identifier": {
        if (n.name === "$meta") return { k: "col", v: dyn([]) };
        const f = schema.field(n.name);
        if (!f) return { k: "col", v: dyn([n.name]) };
        const v = raw(f.name);
        if (f.dataType === "JSON") return { k: "col", v: { c: "json", nullCol: v === undefined || v === null, v, hasPath: false } };
        if (SCALARS.has(f.dataType)) return { k: "col", v: { c: "typed", type: f.dataType, v: coerceScalar(f.dataType, v) } };
        if (f.dataType === "Array") return { k: "col", v: { c: "array", elem: f.elementType!, v: Array.isArray(v) ? v : null } };
        return { k: "col", v: { c: "other", type: f.dataType, v: v ?? null } };
      }
      case "JSONIdentifier": {
        const keys = n.keys.map((k) => k.value);
        if (n.base === "$meta") return { k: "col", v: dyn(keys) };
        const f = schema.field(n.base);
        if (!f) return { k: "col", v: dyn([n.base, ...keys]) };
        const v = raw(f.name);
        if (f.dataType === "JSON") {
          const nullCol = v === undefined || v === null;
          return { k: "col", v: { c: "json", nullCol, v: nullCol ? undefined : jsonPathValue(v, keys), hasPath: true } };
        }
        if (f.dataType === "Array") {
          const idx = Number(keys[0]);
          const el = Array.isArray(v) && idx < v.length ? coerceScalar(f.elementType!, v[idx]) : null;
          return { k: "col", v: { c: "typed", type: f.elementType!, v: el }, indexed: true };
        }
        return no("[] on typed field");
      }
      case "StructField": {
        const f = schema.field(`${n.struct}[${n.sub}]`) ?? no("struct field");
        return { k: "col", v: { c: "array", elem: f.elementType!, v: structSubValues(row, n.struct, n.sub) } };
      }
      case "StructIndexField": {
        const f = schema.field(`${n.struct}[${n.sub}]`) ?? no("struct field");
        const vals = structSubValues(row, n.struct, n.sub);
        const idx = Number(n.index);
        return { k: "col", v: { c: "typed", type: f.elementType!, v: vals && idx < vals.length ? coerceScalar(f.elementType!, vals[idx]) : null }, indexed: true };
      }
      case "StructSubField": {
        const s = this.scope ?? no("$[] outside");
        const f = schema.field(`${s.struct}[${n.sub}]`) ?? no("sub");
        const e = s.cur;
        return { k: "col", v: { c: "typed", type: f.elementType!, v: coerceScalar(f.elementType!, isJsonObject(e) && Object.hasOwn(e, n.sub) ? e[n.sub] : undefined) } };
      }
      case "ElementSelf": {
        const s = this.scope ?? no("$ outside");
        if (s.kind === "json") return { k: "col", v: { c: "json", nullCol: false, v: s.cur, hasPath: true } };
        return { k: "col", v: { c: "typed", type: s.elem!, v: coerceScalar(s.elem!, s.cur) } };
      }
      default:
        return no("column");
    }
  }

  private compare(op0: string, l0: V, r0: V): B3 {
    let l = l0;
    let r = r0;
    let op = op0;
    if (l.k === "const" && r.k === "const") {
      const a = l.v;
      const b = r.v;
      if ("i" in a && "i" in b) return holds(op, numCmp(a.i, b.i));
      if (kNum(a) !== undefined && kNum(b) !== undefined) return holds(op, numCmp(Number(kNum(a)), Number(kNum(b))));
      if ("s" in a && "s" in b) return holds(op, strCmp(a.s, b.s));
      if ("b" in a && "b" in b && (op === "==" || op === "!=")) return holds(op, a.b === b.b ? 0 : 1);
      return no("const compare");
    }
    if (l.k === "const") {
      [l, r] = [r, l];
      op = flip(op);
    }
    if (l.k === "col" && r.k === "col") return this.twoColumns(op, l.v, r.v);
    if (r.k !== "const") return no("compare shape");
    const k = r.v;
    if (l.k === "col") return this.colVsConst(op, l.v, k);
    if (l.k === "arith") return this.arithCompare(op, l, k);
    if (l.k === "alen") {
      const c = l.col;
      if (!("i" in k)) return no("alen value");
      if (c.c === "json") {
        if (c.nullCol) return null;
        if (!Array.isArray(c.v) && this.master) return null;
        return holds(op, numCmp(Array.isArray(c.v) ? c.v.length : 0, k.i));
      }
      if (c.c === "array") return c.v === null ? null : holds(op, numCmp(c.v.length, k.i));
      return no("alen target");
    }
    return no("compare");
  }

  private colVsConst(op: string, c: ColV, k: K): B3 {
    switch (c.c) {
      case "typed": {
        const want = castTo(c.type, k);
        return c.v === null ? null : holds(op, typedCmp(c.v, want));
      }
      case "json": {
        if (c.nullCol) return op === "!=" && !this.master ? true : null;
        if ("a" in k) {
          if (op !== "==" && op !== "!=") return this.master ? null : false;
          if (!Array.isArray(c.v)) return this.master ? null : false;
          const eq = jsonEqK(c.v, k);
          return op === "==" ? eq : !eq;
        }
        const r = jsonOrderK(c.v, k);
        return r === undefined ? this.mismatch(op) : holds(op, r);
      }
      case "array": {
        if (op !== "==" && op !== "!=") return no("array order");
        if (!("a" in k)) return no("array vs scalar");
        const want = k.a.map((x) => castTo(c.elem, x));
        if (c.v === null) return null;
        const got = c.v.map((x) => coerceScalar(c.elem, x));
        const eq = got.length === want.length && got.every((x, i) => x !== null && typedCmp(x, want[i]) === 0);
        return op === "==" ? eq : !eq;
      }
      default:
        return no("compare other");
    }
  }

  private twoColumns(op: string, a: ColV, b: ColV): B3 {
    if (a.c !== "typed" || b.c !== "typed") return no("two columns");
    if (a.v === null || b.v === null) return null;
    const num = (t: DataType): boolean => INTS.has(t) || t === "Float" || t === "Double";
    if (num(a.type) && num(b.type)) {
      const conv = (v: unknown, self: DataType, other: DataType): number | bigint => {
        if (INTS.has(self) && other === "Float") return f32OfInt(BigInt(v as number | bigint));
        if (INTS.has(self) && other === "Double") return Number(v);
        return v as number | bigint;
      };
      return holds(op, numCmp(conv(a.v, a.type, b.type), conv(b.v, b.type, a.type)));
    }
    if (typeof a.v === typeof b.v && (typeof a.v === "string" || typeof a.v === "boolean")) return holds(op, typedCmp(a.v, b.v));
    return no("two columns kinds");
  }

  private arithCompare(op: string, l: Extract<V, { k: "arith" }>, k: K): B3 {
    const c = l.col;
    const kv = l.rhs;
    if (c.c === "typed" && INTS.has(c.type)) {
      if (!("i" in kv) || !("i" in k)) return no("int arith consts");
      if (c.v === null) return null;
      const x = BigInt(c.v as number | bigint);
      const r = intOp(l.op, x, kv.i);
      return holds(op, numCmp(r, k.i));
    }
    if (c.c === "typed" && (c.type === "Float" || c.type === "Double")) {
      if (c.v === null) return null;
      const f32 = c.type === "Float";
      const cast = (q: K): number => {
        const d = Number(kNum(q) ?? no("float arith const"));
        return f32 ? Math.fround(d) : d;
      };
      let r = dblOp(l.op, c.v as number, cast(kv));
      if (f32) r = Math.fround(r);
      return holds(op, numCmp(r, cast(k)));
    }
    if (c.c === "json") {
      if (c.nullCol) return null;
      const v = c.v;
      const isNum = typeof v === "number" || typeof v === "bigint" || isJsonFloat(v);
      if (!isNum) return this.mismatch(op);
      const intLike =
        (typeof v === "bigint" && v >= -(2n ** 63n) && v < 2n ** 63n) ||
        (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 63) ||
        (typeof v === "number" && v === -(2 ** 63));
      if ("i" in kv && "i" in k && intLike) {
        return holds(op, numCmp(intOp(l.op, BigInt(v as number | bigint), kv.i), k.i));
      }
      const x = typeof v === "bigint" ? Number(v) : isJsonFloat(v) ? v.value : (v as number);
      return holds(op, numCmp(dblOp(l.op, x, Number(kNum(kv))), Number(kNum(k))));
    }
    return no("arith column");
  }

  private range(n: A.Range | A.ReverseRange, row: Row): B3 {
    const c = this.colOf(n.field, row);
    const lo = this.constOf(n.lower, row);
    const hi = this.constOf(n.upper, row);
    if (c.c === "typed") {
      if (c.type === "Bool") return no("bool range");
      const l = castTo(c.type, lo);
      const h = castTo(c.type, hi);
      const o = typedCmp(l, h);
      if (o > 0 || (o === 0 && !(n.lowerInclusive && n.upperInclusive))) return no("empty range");
      if (c.v === null) return null;
      return holds(n.lowerInclusive ? ">=" : ">", typedCmp(c.v, l)) && holds(n.upperInclusive ? "<=" : "<", typedCmp(c.v, h));
    }
    if (c.c === "json") {
      if (c.nullCol) return null;
      const a = jsonOrderK(c.v, lo);
      const b = jsonOrderK(c.v, hi);
      if (a === undefined || b === undefined) return this.mismatch("<");
      return holds(n.lowerInclusive ? ">=" : ">", a) && holds(n.upperInclusive ? "<=" : "<", b);
    }
    return no("range column");
  }

  private term(n: A.Term, row: Row): B3 {
    const c = this.colOf(n.left, row);
    const list = this.constOf(n.right, row);
    if (!("a" in list)) return no("in rhs");
    let r: B3;
    if (c.c === "typed") {
      const want = list.a.map((k) => castTo(c.type, k));
      r = c.v === null ? null : want.some((w) => typedCmp(c.v, w) === 0);
    } else if (c.c === "json") {
      if (c.nullCol) r = null;
      else if (list.a.length > 0 && !list.a.some((k) => sameKind(c.v, k))) r = this.mismatch("in");
      else r = c.v !== undefined && list.a.some((k) => jsonEqK(c.v, k));
    } else if (c.c === "array") {
      const want = list.a.map((k) => ("a" in k ? k.a.map((x) => castTo(c.elem, x)) : no("array in scalars")));
      if (c.v === null) r = null;
      else {
        const got = c.v.map((x) => coerceScalar(c.elem, x));
        r = want.some((w) => w.length === got.length && got.every((g, i) => g !== null && typedCmp(g, w[i]) === 0));
      }
    } else return no("term column");
    return n.negated && r !== null ? !r : r;
  }

  private stringOp(left: A.Expr, row: Row, test: (s: string) => boolean): B3 {
    const c = this.colOf(left, row);
    if (c.c === "typed" && (c.type === "VarChar" || c.type === "String")) return c.v === null ? null : test(c.v as string);
    if (c.c === "json") return c.nullCol ? null : typeof c.v === "string" ? test(c.v) : this.mismatch("like");
    return no("string op column");
  }

  private isNull(n: A.IsNull | A.IsNotNull, row: Row): B3 {
    const want = n.kind === "IsNull";
    const o = n.operand;
    if (o.kind === "Identifier" && !this.ctx.schema.field(o.name) && this.ctx.schema.struct(o.name)) {
      return !Array.isArray(Object.hasOwn(row, o.name) ? row[o.name] : undefined) === want;
    }
    const v = this.ev(o, row);
    if (v.k !== "col") return no("is null operand");
    const c = v.v;
    if (v.indexed) return no("is null on element");
    if (c.c === "json" && c.hasPath) {
      const exists = !c.nullCol && !emptyJson(c.v);
      return want ? !exists : exists;
    }
    const isNull = c.c === "json" ? c.nullCol : c.v === null;
    return isNull === want;
  }

  private contains(n: A.JSONContains | A.JSONContainsAll | A.JSONContainsAny, row: Row): B3 {
    const c = this.colOf(n.target, row);
    const val = this.constOf(n.value, row);
    const wanted = n.kind === "JSONContains" ? [val] : "a" in val ? val.a : no("contains all/any scalar");
    const mode = n.kind === "JSONContains" ? "any" : n.kind === "JSONContainsAll" ? "all" : "any";
    let has: (w: K) => boolean;
    if (c.c === "array") {
      if (c.v === null) return null;
      const els = c.v.map((x) => coerceScalar(c.elem, x));
      const ws = wanted.map((w) => castTo(c.elem, w));
      has = (_w: K) => false;
      const idx = new Map(wanted.map((w, i) => [w, ws[i]]));
      has = (w) => els.some((e) => e !== null && typedCmp(e, idx.get(w)) === 0);
    } else if (c.c === "json") {
      if (c.nullCol) return null;
      if (!Array.isArray(c.v)) return this.mismatch("contains");
      const arr = c.v;
      has = (w) => arr.some((e) => ("a" in w ? Array.isArray(e) && jsonEqK(e, w) : !Array.isArray(e) && jsonVsK(e, w) === 0));
    } else return no("contains target");
    return mode === "all" ? wanted.every(has) : wanted.some(has);
  }

  private match(n: A.MatchSimple | A.MatchThreshold | A.ElementFilter, row: Row): B3 {
    const { schema } = this.ctx;
    let scope: Scope;
    let raw: unknown;
    if (n.field.kind === "JSONIdentifier") {
      const c = this.colOf(n.field, row);
      if (c.c !== "json") return no("match path");
      scope = { kind: "json", cur: undefined };
      raw = c.nullCol ? undefined : c.v;
    } else {
      const name = n.field.name;
      const f = schema.field(name);
      if (!f && schema.struct(name)) scope = { kind: "struct", struct: name, cur: undefined };
      else if (f && f.dataType === "Array") scope = { kind: "scalar", elem: f.elementType!, cur: undefined };
      else if (f && f.dataType === "JSON") scope = { kind: "json", cur: undefined };
      else return no("match target");
      raw = Object.hasOwn(row, name) ? row[name] : undefined;
    }
    const els = Array.isArray(raw) ? raw : [];
    let hits = 0;
    let valid = 0;
    for (const e of els) {
      scope.cur = e;
      this.scope = scope;
      const r = this.pred(n.predicate, row);
      this.scope = undefined;
      if (r === null) continue;
      valid++;
      if (r) hits++;
    }
    if (n.kind === "ElementFilter") return hits > 0;
    if (n.kind === "MatchSimple") return n.fn === "match_any" ? hits > 0 : valid > 0 && hits === valid;
    const k = Number(n.threshold.value);
    return n.fn === "match_least" ? hits >= k : n.fn === "match_most" ? hits <= k : hits === k;
  }
}

function intOp(op: string, x: bigint, k: bigint): bigint {
  switch (op) {
    case "+":
      return BigInt.asIntN(64, x + k);
    case "-":
      return BigInt.asIntN(64, x - k);
    case "*":
      return BigInt.asIntN(64, x * k);
    case "/":
      return BigInt.asIntN(64, x / k);
    case "%":
      return x % k;
    case "&":
      return BigInt.asIntN(64, x & k);
    case "|":
      return BigInt.asIntN(64, x | k);
    case "^":
      return BigInt.asIntN(64, x ^ k);
    default:
      return no(`int op ${op}`);
  }
}

function dblOp(op: string, x: number, k: number): number {
  switch (op) {
    case "+":
      return x + k;
    case "-":
      return x - k;
    case "*":
      return x * k;
    case "/":
      return x / k;
    case "%":
      return x % k;
    default:
      return no(`float op ${op}`);
  }
}

/** Convenience: evaluate `ast` on `row`. */
export function referenceEvaluate(ast: A.Root, ctx: RefContext, row: Row): B3 {
  return new Reference(ctx, ast).evaluate(row);
}

/** Whether a JSON value has the kind of a constant (number, string, bool, array). */
function sameKind(v: unknown, k: K): boolean {
  if ("a" in k) return Array.isArray(v);
  if ("s" in k) return typeof v === "string";
  if ("b" in k) return typeof v === "boolean";
  return typeof v === "number" || typeof v === "bigint" || isJsonFloat(v);
}
