/**
 * Constants: literal values, constant folding (../shared/spec/milvus-filter-language.md §3.2) and template values
 * (`exprParams`, §5.18). Folding follows Milvus's Go planner: int∘int arithmetic wraps at 64 bits
 * and divides truncating; anything with a float is float64; comparisons of an int with a float
 * compare as float64.
 */
import type { Span } from "../../diag/diagnostic.js";
import { isJsonFloat, type JsonFloat } from "../../util/json.js";
import { EvalProblem, unsupported } from "./problems.js";
import { cmpUtf8, INT64_MAX, INT64_MIN, rel, wrap64, type CV, type Op } from "./values.js";

/** A value for a `{name}` placeholder: a plain JSON-like value, or the checker's tagged TemplateValue. */
export type TemplateLike =
  | boolean
  | number
  | bigint
  | string
  | JsonFloat
  | readonly TemplateLike[]
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "int64"; readonly value: bigint }
  | { readonly kind: "double"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "bytes"; readonly value: Uint8Array }
  | { readonly kind: "array"; readonly values: readonly TemplateLike[]; readonly elementType?: string };

export type TemplateParams = Readonly<Record<string, TemplateLike>> | ReadonlyMap<string, TemplateLike>;

/** Look up a placeholder's value (own keys only). */
export function paramValue(params: TemplateParams | undefined, name: string): TemplateLike | undefined {
  if (params === undefined) return undefined;
  if (params instanceof Map) return params.get(name);
  const rec = params as Readonly<Record<string, TemplateLike>>;
  return Object.hasOwn(rec, name) ? rec[name] : undefined;
}

/** What Milvus's planner sees for a template value. Throws EvalProblem for values it cannot hold. */
export function templateToCV(v: TemplateLike, name: string, span: Span): CV {
  const bad = (why: string): never => {
    throw new EvalProblem("eval/unsupported", `the value of template {${name}} ${why}`, span);
  };
  switch (typeof v) {
    case "boolean":
      return { t: "bool", v };
    case "string":
      return { t: "string", v };
    case "bigint":
      if (v < INT64_MIN || v > INT64_MAX) bad(`(${v}) does not fit in int64`);
      return { t: "int", v };
    case "number":
      if (Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63) return { t: "int", v: BigInt(v) };
      return { t: "float", v };
    case "object": {
      if (v === null) return bad("is null");
      if (isJsonFloat(v)) return { t: "float", v: v.value };
      if (Array.isArray(v)) return { t: "array", items: (v as readonly TemplateLike[]).map((x) => templateToCV(x, name, span)) };
      const tagged = v as { kind?: unknown; value?: unknown; values?: unknown };
      switch (tagged.kind) {
        case "bool":
          return { t: "bool", v: tagged.value as boolean };
        case "int64":
          return { t: "int", v: tagged.value as bigint };
        case "double":
          return { t: "float", v: tagged.value as number };
        case "string":
          return { t: "string", v: tagged.value as string };
        case "array":
          return { t: "array", items: (tagged.values as readonly TemplateLike[]).map((x) => templateToCV(x, name, span)) };
        case "bytes":
          return bad("is bytes, which only membership functions take");
        default:
          return bad("is an object; use a number, string, boolean or array");
      }
    }
    default:
      return bad(`has an unusable type (${typeof v})`);
  }
}

const isNum = (cv: CV): cv is Extract<CV, { t: "int" | "float" }> => cv.t === "int" || cv.t === "float";
const asFloat = (cv: Extract<CV, { t: "int" | "float" }>): number => (cv.t === "int" ? Number(cv.v) : cv.v);

/** Fold a binary arithmetic operator over two constants. */
export function foldArith(op: string, a: CV, b: CV, span: Span): CV {
  if (!isNum(a) || !isNum(b)) unsupported(`'${op}' needs numbers on both sides`, span);
  const ints = a.t === "int" && b.t === "int";
  switch (op) {
    case "+":
      return ints ? { t: "int", v: wrap64(a.v + (b.v as bigint)) } : { t: "float", v: asFloat(a) + asFloat(b) };
    case "-":
      return ints ? { t: "int", v: wrap64(a.v - (b.v as bigint)) } : { t: "float", v: asFloat(a) - asFloat(b) };
    case "*":
      return ints ? { t: "int", v: wrap64(a.v * (b.v as bigint)) } : { t: "float", v: asFloat(a) * asFloat(b) };
    case "/":
      if (asFloat(b) === 0) unsupported("division by zero", span);
      return ints ? { t: "int", v: wrap64(a.v / (b.v as bigint)) } : { t: "float", v: asFloat(a) / asFloat(b) };
    case "%":
      if (!ints) unsupported("modulo can only apply on integer types", span);
      if (b.v === 0n) unsupported("modulus by zero", span);
      return { t: "int", v: wrap64((a.v as bigint) % (b.v as bigint)) };
    case "**": {
      if (ints && (b.v as bigint) >= 0n) {
        const r = (a.v as bigint) ** (b.v as bigint);
        if (r < INT64_MIN || r > INT64_MAX) unsupported("the power overflows int64", span);
        return { t: "int", v: r };
      }
      return { t: "float", v: Math.pow(asFloat(a), asFloat(b)) };
    }
    case "&":
    case "|":
    case "^": {
      if (!ints) unsupported(`'${op}' needs integers`, span);
      const x = a.v as bigint;
      const y = b.v as bigint;
      return { t: "int", v: wrap64(op === "&" ? x & y : op === "|" ? x | y : x ^ y) };
    }
    default:
      return unsupported(`'${op}' between two constants is not supported`, span);
  }
}

/** Fold a comparison between two constants; undefined when Milvus rejects the pair. */
export function foldCompare(op: string, a: CV, b: CV): boolean | undefined {
  let c: number;
  if (isNum(a) && isNum(b)) {
    if (a.t === "int" && b.t === "int") c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    else {
      const x = asFloat(a);
      const y = asFloat(b);
      c = x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    }
  } else if (a.t === "string" && b.t === "string") c = cmpUtf8(a.v, b.v);
  else if (a.t === "bool" && b.t === "bool") {
    if (op !== "==" && op !== "!=") return undefined;
    c = a.v === b.v ? 0 : 1;
  } else return undefined;
  return rel(op as Op, c);
}


/** `a op b` ⇔ `b mirror(op) a`. */
export function mirror(op: string): "==" | "!=" | "<" | "<=" | ">" | ">=" {
  switch (op) {
    case "<":
      return ">";
    case "<=":
      return ">=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return op as "==" | "!=";
  }
}
