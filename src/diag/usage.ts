/**
 * Run-time argument checks for the public API. Plain JavaScript callers have no types to stop
 * `parse(undefined)` or `check(parsed, { purpose: "dlete" })`, so every exported function that
 * takes input describes its parameters here (`SPECS`) and checks them first.
 *
 * A check answers with a `UsageProblem` (code `usage/*`, a message naming the function and the
 * argument, a did-you-mean hint for misspelt keys and enum values). How the problem reaches the
 * caller is the function's contract, stated once in the README ("Misuse from plain JavaScript"):
 * functions whose result carries diagnostics return it as an error diagnostic; the others throw
 * their documented error class with the usage code (or `UsageError` when they have none).
 *
 * Options objects are read once, own enumerable keys only (an inherited or prototype-polluted
 * `purpose` is never seen), each read guarded (a Proxy or getter that throws is a usage problem,
 * not a crash); the checked function works on the returned copy.
 */
import { closest } from "../util/suggest.js";
import { describeValue } from "../util/describe-value.js";
import { codesOf, type CodeOf } from "./codes.js";
import { CODE_DOCS } from "./code-docs.js";

/** The usage codes (their texts live with every other code's in src/diag/code-docs.ts). */
export const USAGE_CODES: readonly { readonly code: UsageCode; readonly description: string }[] = /* @__PURE__ */ usageCodes();

// A function called with a pure annotation: a bundle that never reads USAGE_CODES drops it, and the docs text with it.
function usageCodes(): readonly { readonly code: UsageCode; readonly description: string }[] {
  return Object.freeze(codesOf("api").map((c) => ({ code: c.code, description: CODE_DOCS[c.code] })));
}

export type UsageCode = CodeOf<"api">;

export interface UsageProblem {
  readonly code: UsageCode;
  /** `fn: what is wrong`, naming the argument (`options.purpose`) and what was given. */
  readonly message: string;
  /** The argument at fault: a parameter name, or `options.key`. */
  readonly argument: string;
  readonly hint?: string;
}

/**
 * Thrown by functions that have no error class of their own (quoteString, renderDiagnostic, …).
 * A TypeError, as JavaScript's own argument errors are (and as createMilvusClient threw before).
 */
export class UsageError extends TypeError {
  override readonly name = "UsageError";
  readonly code: UsageCode;
  readonly argument: string;
  readonly hint?: string;

  constructor(problem: UsageProblem) {
    super(usageMessage(problem));
    this.code = problem.code;
    this.argument = problem.argument;
    if (problem.hint !== undefined) this.hint = problem.hint;
  }
}

/** The message with its hint, for errors that have no hint field. */
export function usageMessage(problem: UsageProblem): string {
  return problem.hint === undefined ? problem.message : `${problem.message} (${problem.hint})`;
}

/** A `{ ok: false, error, code }` result for a call that failed its check (for result-returning helpers). */
export function usageFailure(c: CheckedCall): { ok: false; error: string; code: UsageCode } {
  const p: UsageProblem = c.ok ? { code: "usage/bad-argument", message: "invalid arguments", argument: "" } : c.problem;
  return { ok: false, error: usageMessage(p), code: p.code };
}

/** What one argument must be: the words for messages, and the test. */
export interface Rule {
  readonly expected: string;
  readonly test: (v: unknown) => boolean;
  /** For an enum: the allowed strings (gives did-you-mean on a misspelt value). */
  readonly values?: readonly string[];
}

const rule = (expected: string, test: (v: unknown) => boolean): Rule => ({ expected, test });
function isObjectLike(v: unknown): v is object {
  if (typeof v !== "object" || v === null) return false;
  try {
    return !Array.isArray(v);
  } catch {
    return false; // a revoked Proxy
  }
}

/** The rules the specs are written with. */
export const is = {
  any: rule("anything", () => true),
  string: rule("a string", (v) => typeof v === "string"),
  boolean: rule("true or false", (v) => typeof v === "boolean"),
  function: rule("a function", (v) => typeof v === "function"),
  object: rule("an object", isObjectLike),
  array: rule("an array", (v) => Array.isArray(v)),
  /** Not a string: no function here wants one character at a time. */
  iterable: rule("an iterable (an array, a generator, …)", (v) => typeof v === "object" && v !== null && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"),
  /** An object whose own keys and values can all be read (a throwing Proxy or getter is reported as unreadable). */
  record: rule("an object", (v) => isObjectLike(v) && readAll(v)),
  positiveNumber: rule("a positive number", (v) => typeof v === "number" && Number.isFinite(v) && v > 0),
  /** A whole number at least `min` (a safe integer: counts and limits). */
  integer: (min: number): Rule => rule(`an integer >= ${min}`, (v) => Number.isSafeInteger(v) && (v as number) >= min),
  oneOf: (values: readonly string[]): Rule => ({
    expected: `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`,
    test: (v) => typeof v === "string" && values.includes(v),
    values,
  }),
  instance: (cls: abstract new (...args: never[]) => unknown, label: string): Rule => rule(label, (v) => v instanceof cls),
  either: (a: Rule, b: Rule): Rule => rule(`${a.expected} or ${b.expected}`, (v) => a.test(v) || b.test(v)),
  arrayOf: (item: Rule, label: string): Rule => rule(label, (v) => Array.isArray(v) && v.every((x) => item.test(x))),
  /**
   * An object whose `keys` are all present with values passing their rules (shallow shape check).
   * A key in `unread` may instead be an own getter, which is not called here: its value is made
   * when it is used (a parse result's `tokens`, lexed again on first read, are not made by a check
   * of the arguments).
   */
  shaped: (label: string, keys: Readonly<Record<string, Rule>>, unread: readonly string[] = []): Rule => {
    const entries = Object.entries(keys);
    return rule(label, (v) => {
      if (!isObjectLike(v)) return false;
      for (const [k, r] of entries) {
        if (unread.includes(k) && typeof Object.getOwnPropertyDescriptor(v, k)?.get === "function") continue;
        if (!r.test((v as Record<string, unknown>)[k])) return false;
      }
      return true;
    });
  },
};

/** An options object: each key's rule, `required` ones must be present. */
export type OptionsSpec = Readonly<Record<string, Rule | { readonly rule: Rule; readonly required: true }>>;

/** One positional parameter: a value checked by `rule`, or an options object checked by `options`. */
export type Param =
  | { readonly name: string; readonly rule: Rule; readonly optional?: boolean }
  | { readonly name: string; readonly options: OptionsSpec; readonly optional?: boolean };

export type CheckedCall = { readonly ok: true; readonly args: unknown[] } | { readonly ok: false; readonly problem: UsageProblem };

/**
 * Checks `args` against `params`. On success `args` holds the arguments to use: values as given,
 * options objects as fresh copies of their known own keys (undefined when omitted).
 */
export function checkCall(fn: string, params: readonly Param[], args: ArrayLike<unknown>): CheckedCall {
  const out: unknown[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const value = args[i];
    if (value === undefined && p.optional) {
      out.push(undefined);
      continue;
    }
    if ("rule" in p) {
      const problem = checkValue(fn, p.name, undefined, value, p.rule, "usage/bad-argument");
      if (problem) return { ok: false, problem };
      out.push(value);
    } else {
      const read = readOptions(fn, p.name, value, p.options);
      if (!read.ok) return read;
      out.push(read.copy);
    }
  }
  return { ok: true, args: out };
}

/** Checks `args` and throws what `toError` makes of a problem; returns the arguments to use. */
export function requireCall(fn: string, params: readonly Param[], args: ArrayLike<unknown>, toError: (p: UsageProblem) => Error = (p) => new UsageError(p)): unknown[] {
  const c = checkCall(fn, params, args);
  if (!c.ok) throw toError(c.problem);
  return c.args;
}

type OptionsRead = { ok: true; copy: Record<string, unknown> } | { ok: false; problem: UsageProblem };

function optionsProblem(fn: string, code: UsageCode, message: string, argument: string, hint?: string): OptionsRead {
  return { ok: false, problem: { code, message: `${fn}: ${message}`, argument, ...(hint !== undefined ? { hint } : {}) } };
}

// (Checked on every call of the API: no closure or spread on the way of a valid options object.)
function readOptions(fn: string, name: string, value: unknown, spec: OptionsSpec): OptionsRead {
  if (value === undefined) {
    const required = keysOf(spec).required.map(([k, r]) => `${k}: ${r.expected}`);
    return optionsProblem(fn, "usage/missing-option", `${name} is required${required.length > 0 ? ` (with ${required.join("; ")})` : ""}`, name);
  }
  if (!isObjectLike(value)) return optionsProblem(fn, "usage/bad-argument", `${name} must be an object of options, got ${describe(value)}`, name);
  const { known, required } = keysOf(spec);
  const copy: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch (e) {
    return optionsProblem(fn, "usage/bad-argument", `${name} could not be read (${errorText(e)})`, name);
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const entry = Object.prototype.hasOwnProperty.call(spec, key) ? spec[key] : undefined;
    if (entry === undefined) {
      const near = key.length <= 64 ? closest(key, known) : undefined;
      return optionsProblem(
        fn,
        "usage/unknown-option",
        `unknown option ${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key)} in ${name}${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`,
        `${name}.${key}`,
        `known options: ${known.join(", ")}`,
      );
    }
    let v: unknown;
    try {
      v = (value as Record<string, unknown>)[key];
    } catch (e) {
      return optionsProblem(fn, "usage/bad-option", `${name}.${key} could not be read (${errorText(e)})`, `${name}.${key}`);
    }
    if (v === undefined) continue;
    const problem = checkValue(fn, name, key, v, "rule" in entry ? entry.rule : entry, "usage/bad-option");
    if (problem) return { ok: false, problem };
    copy[key] = v;
  }
  for (let i = 0; i < required.length; i++) {
    const [key, r] = required[i]!;
    if (copy[key] === undefined) return optionsProblem(fn, "usage/missing-option", `${name}.${key} is required: ${r.expected}`, `${name}.${key}`);
  }
  return { ok: true, copy };
}

const specKeys = new WeakMap<OptionsSpec, { known: string[]; required: [string, Rule][] }>();

/** An options spec's key list and required keys, worked out once per spec (checks run on every call). */
function keysOf(spec: OptionsSpec): { known: string[]; required: [string, Rule][] } {
  let k = specKeys.get(spec);
  if (!k) {
    k = { known: Object.keys(spec), required: Object.entries(spec).flatMap(([key, e]): [string, Rule][] => ("required" in e ? [[key, e.rule]] : [])) };
    specKeys.set(spec, k);
  }
  return k;
}

/** `name` and `key` make the argument's name (`options.purpose`), written only when there is a problem. */
function checkValue(fn: string, name: string, key: string | undefined, value: unknown, r: Rule, code: UsageCode): UsageProblem | undefined {
  let passed: boolean;
  try {
    passed = r.test(value);
  } catch (e) {
    name = key === undefined ? name : `${name}.${key}`;
    return { code, message: `${fn}: ${name} could not be read (${errorText(e)})`, argument: name };
  }
  if (passed) return undefined;
  name = key === undefined ? name : `${name}.${key}`;
  // Short values ("2.7") are near everything: no suggestion for them.
  const near = r.values && typeof value === "string" && value.length >= 4 && value.length <= 64 ? closest(value, r.values) : undefined;
  return {
    code,
    message: `${fn}: ${name} must be ${r.expected}, got ${describe(value)}`,
    argument: name,
    ...(near ? { hint: `did you mean ${JSON.stringify(near)}?` } : {}),
  };
}

/** Reads every own key and value once; a throw propagates to checkValue, which reports it. */
function readAll(v: object): boolean {
  for (const k of Object.keys(v)) void (v as Record<string, unknown>)[k];
  return true;
}

/** describeValue, safe on revoked Proxies (Array.isArray throws on those). */
function describe(v: unknown): string {
  try {
    return describeValue(v);
  } catch {
    return "an unreadable value";
  }
}

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : "it threw";
  } catch {
    return "it threw";
  }
}
