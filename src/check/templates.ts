/**
 * Template values: the `exprParams` of a request, modelled on Milvus's `schemapb.TemplateValue`
 * oneof (bool / int64 / double / string / array / bytes; arrays typed by element: bool, int64,
 * double, string, nested arrays, JSON-encoded values, or untyped when empty).
 *
 * - templateValuesFromJson: the REST `exprParams` object, read losslessly (src/util/json.ts with
 *   `floats: "tagged"`): integral numbers → int64, numbers with a fraction/exponent → double,
 *   arrays → typed arrays when every element has one kind, else JSON arrays.
 * - templateValuesFromCase: the conformance corpus form (params + paramTypes + paramElementTypes).
 * - toConst: what Milvus's UnmarshalExpressionValues turns a TemplateValue into (a GenericValue).
 */
import { checkCall, usageMessage, type UsageCode, type UsageProblem } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";
import { isJsonFloat, type JsonFloat } from "../util/json.js";
import { INT64_MAX, INT64_MIN } from "../syntax/literals.js";
import { arrayValue } from "./values.js";
import type { ConstValue } from "./types.js";

export type ArrayElementKind = "bool" | "int64" | "double" | "string" | "json" | "array" | "none";

export type TemplateValue =
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "int64"; readonly value: bigint }
  | { readonly kind: "double"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "bytes"; readonly value: Uint8Array }
  | { readonly kind: "array"; readonly elementType: ArrayElementKind; readonly values: readonly TemplateValue[] };

export type TemplateValues = ReadonlyMap<string, TemplateValue>;

/** A refusal names its code: `template/invalid-params` for a value Milvus cannot take, `usage/*` for a misused call. */
export type TemplateResult = { ok: true; values: TemplateValues } | { ok: false; code: "template/invalid-params" | UsageCode; error: string; path: string };

class Bad extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

function fromJsonValue(v: unknown, path: string): TemplateValue {
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "string") return { kind: "string", value: v };
  if (typeof v === "bigint") {
    if (v < INT64_MIN || v > INT64_MAX) throw new Bad(`integer ${v} does not fit in int64`, path);
    return { kind: "int64", value: v };
  }
  if (typeof v === "number") {
    if (Number.isInteger(v)) return { kind: "int64", value: BigInt(v) };
    return { kind: "double", value: v };
  }
  if (isJsonFloat(v)) return { kind: "double", value: (v as JsonFloat).value };
  if (Array.isArray(v)) {
    const values = v.map((e, i) => fromJsonValue(e, `${path}[${i}]`));
    return { kind: "array", elementType: inferElementKind(values), values };
  }
  if (v === null) throw new Bad("null is not a template value", path);
  throw new Bad("a JSON object is not a template value (use an array, number, string or boolean)", path);
}

function inferElementKind(values: readonly TemplateValue[]): ArrayElementKind {
  if (values.length === 0) return "none";
  const kinds = new Set(values.map((x) => x.kind));
  if (kinds.size !== 1) return "json";
  const k = values[0]!.kind;
  return k === "bytes" ? "json" : k;
}

/**
 * `exprParams` as parsed by `parseJson(text, { floats: "tagged" })` (or plain JSON.parse, which
 * loses the int/float distinction for values like `1.0` and precision beyond 2^53).
 */
export function templateValuesFromJson(exprParams: unknown): TemplateResult {
  const usage = checkCall("templateValuesFromJson", SPECS.templateValuesFromJson, [exprParams]);
  if (!usage.ok) return usageFailure(usage.problem);
  if (typeof exprParams !== "object" || exprParams === null || Array.isArray(exprParams)) {
    return { ok: false, code: "template/invalid-params", error: "exprParams must be a JSON object mapping names to values", path: "" };
  }
  const out = new Map<string, TemplateValue>();
  try {
    for (const key of Object.keys(exprParams)) {
      out.set(key, fromJsonValue((exprParams as Record<string, unknown>)[key], key));
    }
  } catch (e) {
    return refusal(e, "exprParams");
  }
  return { ok: true, values: out };
}

const usageFailure = (p: UsageProblem): TemplateResult => ({ ok: false, code: p.code, error: usageMessage(p), path: "" });

/** A Bad value, or (from a throwing getter or Proxy in the caller's object) an unreadable argument. */
function refusal(e: unknown, argument: string): TemplateResult {
  if (e instanceof Bad) return { ok: false, code: "template/invalid-params", error: e.message, path: e.path };
  if (e instanceof RangeError) return { ok: false, code: "template/invalid-params", error: "the values nest too deeply", path: "" };
  return { ok: false, code: "usage/bad-argument", error: `${argument} could not be read (${e instanceof Error ? e.message : "it threw"})`, path: "" };
}

function scalarFromCase(v: unknown, type: string, path: string): TemplateValue {
  switch (type) {
    case "bool":
      if (typeof v !== "boolean") throw new Bad(`expected a boolean`, path);
      return { kind: "bool", value: v };
    case "int64":
      if (typeof v === "bigint") return fromJsonValue(v, path);
      if (typeof v === "number" && Number.isInteger(v)) return { kind: "int64", value: BigInt(v) };
      throw new Bad("expected an integer", path);
    case "double":
      if (v === "NaN") return { kind: "double", value: NaN };
      if (v === "Infinity") return { kind: "double", value: Infinity };
      if (v === "-Infinity") return { kind: "double", value: -Infinity };
      if (isJsonFloat(v)) return { kind: "double", value: (v as JsonFloat).value };
      if (typeof v === "number") return { kind: "double", value: v };
      if (typeof v === "bigint") return { kind: "double", value: Number(v) };
      throw new Bad("expected a number", path);
    case "string":
      if (typeof v !== "string") throw new Bad("expected a string", path);
      return { kind: "string", value: v };
    case "bytes":
      if (typeof v !== "string") throw new Bad("bytes must be a base64 string", path);
      return { kind: "bytes", value: Uint8Array.from(Buffer.from(v, "base64")) };
    case "json":
      return fromJsonValue(v, path);
    default:
      if (type.startsWith("array<") && type.endsWith(">")) return arrayFromCase(v, type.slice(6, -1), path);
      if (type === "none") return arrayFromCase(v, "none", path);
      throw new Bad(`unknown element type ${type}`, path);
  }
}

function arrayFromCase(v: unknown, elem: string, path: string): TemplateValue {
  if (!Array.isArray(v)) throw new Bad("expected an array", path);
  // `none|int64`: the array's element typing is one of these; `none` only fits an empty array.
  const alts = splitTop(elem).filter((a) => a !== "none" || v.length === 0);
  if (v.length === 0) return { kind: "array", elementType: alts.includes("none") || alts.length === 0 ? "none" : kindOf(alts[0]!), values: [] };
  const type = alts[0];
  if (type === undefined) throw new Bad(`no element type of ${elem} fits a non-empty array`, path);
  const values = v.map((e, i) => scalarFromCase(e, type, `${path}[${i}]`));
  return { kind: "array", elementType: kindOf(type), values };
}

function kindOf(type: string): ArrayElementKind {
  return type.startsWith("array<") ? "array" : (type as ArrayElementKind);
}

/** Splits `a|array<b|c>` at the top-level bars only. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "<") depth++;
    else if (s[i] === ">") depth--;
    else if (s[i] === "|" && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** The conformance corpus's `params` / `paramTypes` / `paramElementTypes` triple. */
export function templateValuesFromCase(
  params: Record<string, unknown>,
  paramTypes: Record<string, string>,
  paramElementTypes: Record<string, string> = {},
): TemplateResult {
  const usage = checkCall("templateValuesFromCase", SPECS.templateValuesFromCase, [params, paramTypes, paramElementTypes]);
  if (!usage.ok) return usageFailure(usage.problem);
  const out = new Map<string, TemplateValue>();
  try {
    for (const key of Object.keys(params)) {
      const type = paramTypes[key] ?? "json";
      const v = params[key];
      if (type === "array") out.set(key, arrayFromCase(v, paramElementTypes[key] ?? "json", key));
      else out.set(key, scalarFromCase(v, type, key));
    }
  } catch (e) {
    return refusal(e, "params");
  }
  return { ok: true, values: out };
}

/**
 * A placeholder value as a library caller passes it (the evaluator's `params`): a plain JS value —
 * an integral number within int64 is an int64, any other number a double, a JsonFloat a double —
 * or a tagged TemplateValue.
 */
export type TemplateInput =
  | boolean
  | number
  | bigint
  | string
  | JsonFloat
  | readonly TemplateInput[]
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "int64"; readonly value: bigint }
  | { readonly kind: "double"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "bytes"; readonly value: Uint8Array }
  | { readonly kind: "array"; readonly values: readonly TemplateInput[]; readonly elementType?: string };

export type TemplateInputs = Readonly<Record<string, TemplateInput>> | ReadonlyMap<string, TemplateInput>;

/** The template values of `inputs`, and for each name whose value Milvus cannot take, why. */
export function templateValuesFromInputs(inputs: TemplateInputs | undefined): { values: TemplateValues; refused: ReadonlyMap<string, string> } {
  const values = new Map<string, TemplateValue>();
  const refused = new Map<string, string>();
  if (inputs === undefined) return { values, refused };
  const entries: Iterable<[string, TemplateInput]> = inputs instanceof Map ? inputs : Object.entries(inputs as Readonly<Record<string, TemplateInput>>);
  for (const [name, v] of entries) {
    try {
      values.set(name, fromInput(v));
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      refused.set(name, e.message);
    }
  }
  return { values, refused };
}

function fromInput(v: TemplateInput): TemplateValue {
  switch (typeof v) {
    case "boolean":
      return { kind: "bool", value: v };
    case "string":
      return { kind: "string", value: v };
    case "bigint":
      if (v < INT64_MIN || v > INT64_MAX) throw new Bad(`(${v}) does not fit in int64`, "");
      return { kind: "int64", value: v };
    case "number":
      if (Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63) return { kind: "int64", value: BigInt(v) };
      return { kind: "double", value: v };
    case "object": {
      if (v === null) throw new Bad("is null", "");
      if (isJsonFloat(v)) return { kind: "double", value: v.value };
      if (Array.isArray(v)) {
        const values = (v as readonly TemplateInput[]).map(fromInput);
        return { kind: "array", elementType: inferElementKind(values), values };
      }
      const tagged = v as { kind?: unknown; value?: unknown; values?: unknown };
      switch (tagged.kind) {
        case "bool":
        case "int64":
        case "double":
        case "string":
          return v as TemplateValue;
        case "array": {
          const values = (tagged.values as readonly TemplateInput[]).map(fromInput);
          return { kind: "array", elementType: inferElementKind(values), values };
        }
        case "bytes":
          throw new Bad("is bytes, which only membership functions take", "");
        default:
          throw new Bad("is an object; use a number, string, boolean or array", "");
      }
    }
    default:
      throw new Bad(`has an unusable type (${typeof v})`, "");
  }
}

/** What Milvus's planner sees for a template value (UnmarshalExpressionValues). */
export function toConst(v: TemplateValue): ConstValue {
  switch (v.kind) {
    case "bool":
      return { t: "bool", v: v.value };
    case "int64":
      return { t: "int", v: v.value };
    case "double":
      return { t: "float", v: v.value };
    case "string":
      return { t: "string", v: v.value };
    case "bytes":
      return { t: "bytes", v: v.value };
    case "array":
      return arrayValue(v.values.map(toConst));
  }
}

/** Plain description for messages. */
export function describeTemplateValue(v: TemplateValue): string {
  switch (v.kind) {
    case "bool":
      return `boolean ${v.value}`;
    case "int64":
      return `integer ${v.value}`;
    case "double":
      return `double ${v.value}`;
    case "string":
      return `string ${JSON.stringify(v.value)}`;
    case "bytes":
      return `${v.value.length} bytes`;
    case "array":
      return `array of ${v.values.length} (${v.elementType})`;
  }
}
