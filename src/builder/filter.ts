/**
 * Injection-proof filter construction.
 *
 * ```ts
 * const f = filter`tenant == ${tenant} and book_id in ${ids} and title like ${like.prefix(q)}`;
 * client.delete({ collection_name, filter: f.text });          // or String(f)
 * const p = filter.params`tenant == ${tenant} and book_id in ${ids}`;
 * client.query({ collection_name, filter: p.text, exprParams: p.exprParams }); // Milvus 2.5+
 * ```
 *
 * How it works: the template text (taken as written, like String.raw) is joined with placeholder
 * tokens — a unique string literal for each value, a unique identifier for each field()/jsonPath()
 * name — and parsed once. Each placeholder node is then replaced by a node built from the value
 * (values.ts): values become literal nodes, never text. The tree is printed canonically and the
 * text is parsed again and compared with the tree, so `Filter.text` provably means `Filter.ast`.
 * No interpolated value can add an operator, close a string, or change the tree's shape.
 *
 * The result is a Filter object, not a string. `filter.text` (or `String(filter)`, `toJSON()`,
 * which return the same) is the only sanctioned way out: send it as it is. Do not glue Filter
 * texts together with other strings; compose Filters by interpolating them into `filter` or with
 * `filter.and / or / not`, which keep precedence right.
 */
import type * as A from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";
import { mapTree, walk } from "../syntax/walk.js";
import { isReference, type Slot } from "../syntax/nodes.js";
import { print, PrintError } from "../backends/print/print.js";
import { nameFits } from "../backends/print/names.js";
import {
  FilterBuildError,
  NOWHERE,
  describe,
  guarded,
  jsonKey,
  regexNode,
  stringNode,
  valueNode,
  wrapperKind,
  type DoubleValue,
  type FieldRef,
  type JsonPathRef,
  type LikePattern,
  type RegexPattern,
} from "./values.js";
import { sameTree } from "./same.js";

/** A template value as `exprParams` carries it (JSON-compatible). */
export type ParamValue = string | number | boolean | readonly ParamValue[];

/** A filter built safely. Immutable. */
export interface Filter {
  /** The canonical filter text: what to send to Milvus, as it is. */
  readonly text: string;
  /** The tree of `text` (`parse(text).ast`): ids and spans refer to `text`. Deeply frozen. */
  readonly ast: A.Root;
  /** With `filter.params`: the values of the `{pN}` placeholders in `text` (Milvus 2.5+ `exprParams`). */
  readonly exprParams?: Readonly<Record<string, ParamValue>>;
  /** Same as `text`. */
  toString(): string;
  /** Same as `text`, so `JSON.stringify({ filter })` sends the text. */
  toJSON(): string;
}

/** Anything that may appear in `${…}`. */
export type Interpolation =
  | string
  | number
  | bigint
  | boolean
  | readonly Interpolation[]
  | Filter
  | FieldRef
  | JsonPathRef
  | LikePattern
  | RegexPattern
  | DoubleValue;

// ------------------------------------------------------------------ the Filter object

/** The tree a Filter was built from, before `{pN}` parametrisation: what composition embeds. */
const inlineTrees = new WeakMap<object, A.Expr>();

class BuiltFilter implements Filter {
  readonly text: string;
  readonly ast: A.Root;
  readonly exprParams?: Readonly<Record<string, ParamValue>>;
  constructor(text: string, ast: A.Root, exprParams: Record<string, ParamValue> | undefined) {
    this.text = text;
    this.ast = ast;
    if (exprParams !== undefined) this.exprParams = Object.freeze(exprParams);
    Object.freeze(this);
  }
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

/** True for Filters made by this module (a look-alike object is not one). */
export function isFilter(x: unknown): x is Filter {
  return typeof x === "object" && x !== null && inlineTrees.has(x as Filter); // no instanceof: a Proxy's getPrototypeOf may throw
}

function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const o = stack.pop();
    if (typeof o !== "object" || o === null || Object.isFrozen(o)) continue;
    Object.freeze(o);
    for (const v of Object.values(o)) stack.push(v);
  }
  return root;
}

/** Print, re-parse, verify, wrap. */
function finish(tree: A.Root, inline: A.Root, exprParams?: Record<string, ParamValue>): Filter {
  if (tree.kind === "Empty") throw new FilterBuildError("the filter is empty; Milvus reads an empty filter as 'match every row'");
  let text: string;
  try {
    text = print(tree);
  } catch (e) {
    if (e instanceof PrintError) throw new FilterBuildError(`the filter cannot be written as text: ${e.message}`);
    throw e;
  }
  const reparsed = parse(text);
  const limit = reparsed.diagnostics.find((d) => d.code.startsWith("limit/"));
  if (limit) throw new FilterBuildError(`the filter is too large: ${limit.message}`);
  if (!reparsed.ast || !sameTree(reparsed.ast, tree)) {
    // Only reachable through a printer or parser bug; refuse rather than send something else.
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new FilterBuildError(`internal error: the canonical text ${JSON.stringify(shown)} does not read back as the built filter`, undefined, undefined, "internal/error");
  }
  const f = new BuiltFilter(text, deepFreeze(reparsed.ast), exprParams);
  inlineTrees.set(f, inline as A.Expr);
  return f;
}

// ------------------------------------------------------------------ splicing

// Which placeholder a slot can take is read from the slot table (src/syntax/nodes.ts).

/** A slot the grammar fills with one field token (a name, or with some a JSON path): no `$meta`. */
const fieldToken = (slot: Slot | undefined): boolean => slot !== undefined && slot.accepts !== "expr" && slot.accepts !== "string";

type ValueSlot = "value" | "like" | "regex" | "string";

function valueSlot(parent: A.Root | undefined, slot: Slot | undefined): ValueSlot {
  if (!parent || !slot) return "value";
  if (slot.accepts === "string") return "string";
  if (parent.kind === "Like" && slot.name === "pattern") return "like";
  if (parent.kind === "RegexMatch" && slot.name === "pattern") return "regex";
  return "value";
}

function nonce(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

interface Spliced {
  /** Value interpolations substituted as literal nodes, for parametrisation. */
  readonly values: Map<A.Expr, number>;
  readonly tree: A.Root;
}

function splice(strings: TemplateStringsArray, args: readonly unknown[]): Spliced {
  if (!strings || !Array.isArray(strings.raw)) throw new FilterBuildError("filter must be used as a tagged template: filter`a == ${x}`");
  const id = nonce();
  const valueToken = (i: number): string => `"__mfv${id}_${i}"`;
  const nameToken = (i: number): string => `__mfn${id}_${i}`;
  const isName = (v: unknown): boolean => {
    const k = wrapperKind(v);
    return k === "field" || k === "jsonPath";
  };
  let text = strings.raw[0]!;
  const where: { start: number; end: number }[] = [];
  args.forEach((v, i) => {
    const tok = isName(v) ? nameToken(i) : valueToken(i);
    where.push({ start: text.length, end: text.length + tok.length });
    text += tok + strings.raw[i + 1]!;
  });

  const parsed = parse(text);
  if (!parsed.ast) {
    const d = parsed.diagnostics.find((x) => x.severity === "error") ?? parsed.diagnostics[0]!;
    const at = where.findIndex((w) => d.span.start < w.end && d.span.end > w.start);
    const shown = display(text, where);
    // Show placeholders as ${#i}, never as the internal tokens.
    const message = d.message.replace(new RegExp(`"?__mf[vn]${id}_(\\d+)"?`, "g"), (_, i: string) => `\${#${i}}`);
    throw new FilterBuildError(
      at >= 0
        ? `interpolation #${at} is in a place the filter grammar does not accept a ${isName(args[at]) ? "name" : "value"} (${message}): ${shown}`
        : `the filter template does not parse: ${message}: ${shown}`,
      at >= 0 ? at : undefined,
    );
  }

  const used = new Array<number>(args.length).fill(0);
  const values = new Map<A.Expr, number>();
  const valueIndex = (raw: string): number | undefined => {
    const m = new RegExp(`^"__mfv${id}_(\\d+)"$`).exec(raw);
    return m ? Number(m[1]) : undefined;
  };
  const nameIndex = (s: string): number | undefined => {
    const m = new RegExp(`^__mfn${id}_(\\d+)$`).exec(s);
    return m ? Number(m[1]) : undefined;
  };
  /** The validated name behind a name placeholder (`field()` only), for token-internal names. */
  const plainName = (i: number, slot: "token" | "call" | "field"): string => {
    used[i]!++;
    const v = args[i];
    if (wrapperKind(v) !== "field") throw new FilterBuildError(`interpolation #${i}: a JSON path cannot be used here`, i);
    const n = (v as FieldRef).name;
    if (!nameFits(n, slot)) throw new FilterBuildError(`interpolation #${i}: ${JSON.stringify(n)} cannot be used as a ${slot === "call" ? "function" : "field"} name here`, i);
    return n;
  };

  const tree = mapTree(parsed.ast, (n, parent, slot) => {
    switch (n.kind) {
      case "String": {
        const i = valueIndex(n.raw);
        if (i === undefined) return n;
        used[i]!++;
        const v = args[i];
        if (isFilter(v)) {
          if (valueSlot(parent, slot) !== "value") throw new FilterBuildError(`interpolation #${i}: a Filter cannot be used as a pattern or timestamp`, i);
          return inlineTrees.get(v)!;
        }
        const wanted = valueSlot(parent, slot);
        const kind = wrapperKind(v);
        if (wanted === "like") {
          if (kind !== "like") {
            throw new FilterBuildError(
              `interpolation #${i} is a LIKE pattern but got ${describe(v)}: wrap it with like.exact/prefix/suffix/contains(text), ` +
                "which escape % and _, or like.pattern(p) for a trusted pattern",
              i,
            );
          }
          return stringNode((v as LikePattern).pattern, i);
        }
        if (wanted === "regex") {
          if (kind !== "regex") {
            throw new FilterBuildError(
              `interpolation #${i} is a regex pattern but got ${describe(v)}: wrap it with regex.literal(text) or regex.pattern(p) for a trusted pattern`,
              i,
            );
          }
          return regexNode((v as RegexPattern).pattern, i);
        }
        if (wanted === "string") {
          if (typeof v !== "string") throw new FilterBuildError(`interpolation #${i}: a timestamp or interval must be a string, got ${describe(v)}`, i);
          return stringNode(v, i);
        }
        const node = valueNode(v, i);
        values.set(node, i);
        return node;
      }
      case "Identifier": {
        const i = nameIndex(n.name);
        if (i === undefined) return n;
        used[i]!++;
        const v = args[i];
        if (wrapperKind(v) === "jsonPath") {
          const p = v as JsonPathRef;
          if (slot?.accepts === "name") throw new FilterBuildError(`interpolation #${i}: ${parent!.kind} needs a bare field name, not a JSON path`, i);
          return { id: 0, span: NOWHERE, kind: "JSONIdentifier", base: p.base, keys: p.keys } satisfies A.JSONIdentifier;
        }
        const name = (v as FieldRef).name;
        if (fieldToken(slot) && !nameFits(name, "field")) throw new FilterBuildError(`interpolation #${i}: ${name} cannot be used as ${parent!.kind}'s ${slot!.name}`, i);
        return { ...n, name };
      }
      case "JSONIdentifier": {
        let base = n.base;
        let keys: A.JsonKey[] = [];
        const bi = nameIndex(base);
        if (bi !== undefined) {
          used[bi]!++;
          const v = args[bi];
          if (wrapperKind(v) === "jsonPath") {
            base = (v as JsonPathRef).base;
            keys = [...(v as JsonPathRef).keys];
          } else base = (v as FieldRef).name;
        }
        let changed = bi !== undefined;
        for (const k of n.keys) {
          const ki = k.kind === "key" ? valueIndex(k.raw) : undefined;
          if (ki === undefined) keys.push(k);
          else {
            used[ki]!++;
            changed = true;
            keys.push(jsonKey(args[ki], `interpolation #${ki} (a JSON key)`, ki));
          }
        }
        return changed ? { ...n, base, keys } : n;
      }
      case "StructField": {
        const si = nameIndex(n.struct);
        const ui = nameIndex(n.sub);
        return si === undefined && ui === undefined
          ? n
          : { ...n, struct: si === undefined ? n.struct : plainName(si, "token"), sub: ui === undefined ? n.sub : plainName(ui, "token") };
      }
      case "StructIndexField": {
        const si = nameIndex(n.struct);
        const ui = nameIndex(n.sub);
        return si === undefined && ui === undefined
          ? n
          : { ...n, struct: si === undefined ? n.struct : plainName(si, "token"), sub: ui === undefined ? n.sub : plainName(ui, "token") };
      }
      case "StructSubField": {
        const ui = nameIndex(n.sub);
        return ui === undefined ? n : { ...n, sub: plainName(ui, "token") };
      }
      case "Call": {
        const ci = nameIndex(n.name);
        return ci === undefined ? n : { ...n, name: plainName(ci, "call") };
      }
      default:
        return n;
    }
  });

  // Every placeholder must have been found exactly once, as a whole token. One that ended up
  // inside another token (a string the template opened, `u${x}`, `a[${x}`…) is not a value.
  const total = text.split(`${id}_`).length - 1;
  const found = used.reduce((a, b) => a + b, 0);
  const missing = used.findIndex((u) => u !== 1);
  if (missing >= 0 || total !== found) {
    const at = missing >= 0 ? missing : 0;
    throw new FilterBuildError(
      `interpolation #${at} is not a whole value or name in the filter (inside a string, a name or another token?): ` +
        "interpolate complete values only, e.g. title == ${t}, not title == \"${t}\"",
      at,
    );
  }
  return { tree, values };
}

/** The template with `${#i}` where the interpolations are, for error messages. */
function display(text: string, where: readonly { start: number; end: number }[]): string {
  let out = "";
  let pos = 0;
  where.forEach((w, i) => {
    out += `${text.slice(pos, w.start)}\${#${i}}`;
    pos = w.end;
  });
  return out + text.slice(pos);
}

// ------------------------------------------------------------------ exprParams

function hasColumn(e: A.Expr): boolean {
  for (const n of walk(e)) if (isReference(n) || n.kind === "ArrayLength") return true;
  return false;
}

const ARITH = new Set<A.NodeKind>(["AddSub", "MulDivMod", "Shift", "BitAnd", "BitXor", "BitOr"]);

/**
 * Positions where Milvus 2.5+ accepts a `{name}` template: a comparison, arithmetic operand or
 * range bound facing a column, the right side of `in`, and json/array_contains values. Elsewhere
 * (lists, `**`, LIKE/regex patterns, text queries, slop, distance, random_sample…) older releases
 * or the grammar refuse templates, so the value stays inline.
 */
function paramAllowed(parent: A.Root | undefined, slot: Slot | undefined): boolean {
  if (!parent || !slot) return false;
  if (parent.kind === "Equality" || parent.kind === "Relational" || ARITH.has(parent.kind)) {
    const p = parent as A.Equality;
    return hasColumn(slot.name === "left" ? p.right : p.left);
  }
  if (parent.kind === "Range" || parent.kind === "ReverseRange") return slot.name !== "field";
  if (parent.kind === "Term") return slot.name === "right" && hasColumn(parent.left);
  if (parent.kind === "JSONContains" || parent.kind === "JSONContainsAll" || parent.kind === "JSONContainsAny") return slot.name === "value";
  return false;
}

/**
 * The exprParams form of a value, or undefined to keep it inline: integers past 2^53 (REST
 * decodes params as float64) and integral double() values (JSON would make them integers).
 */
function paramValue(v: unknown): ParamValue | undefined {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return v;
    case "bigint":
      return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : undefined;
  }
  if (Array.isArray(v)) {
    const out: ParamValue[] = [];
    for (const x of v) {
      const p = paramValue(x);
      if (p === undefined) return undefined;
      out.push(p);
    }
    return out;
  }
  if (wrapperKind(v) === "double") {
    const d = (v as DoubleValue).value;
    return Number.isInteger(d) ? undefined : d;
  }
  return undefined;
}

function parametrise(s: Spliced, args: readonly unknown[]): { tree: A.Root; exprParams: Record<string, ParamValue> } {
  const exprParams: Record<string, ParamValue> = {};
  for (const n of walk(s.tree)) {
    if (n.kind === "TemplateVariable" && /^p\d+$/.test(n.name)) {
      throw new FilterBuildError(`the template already uses {${n.name}}, a name filter.params generates; rename it`);
    }
  }
  const tree = mapTree(s.tree, (n, parent, slot) => {
    const i = s.values.get(n as A.Expr);
    if (i === undefined || !paramAllowed(parent, slot)) return n;
    const p = paramValue(args[i]);
    if (p === undefined) return n;
    const name = `p${i}`;
    exprParams[name] = p;
    return { id: 0, span: NOWHERE, kind: "TemplateVariable", name } satisfies A.TemplateVariable;
  });
  return { tree, exprParams };
}

// ------------------------------------------------------------------ public API

function build(strings: TemplateStringsArray, args: readonly unknown[]): Filter {
  const s = splice(strings, args);
  return finish(s.tree, s.tree);
}

function buildParams(strings: TemplateStringsArray, args: readonly unknown[]): Filter {
  const s = splice(strings, args);
  const p = parametrise(s, args);
  return finish(p.tree, s.tree, p.exprParams);
}

function combine(kind: "And" | "Or", filters: readonly Filter[]): Filter {
  if (filters.length === 0) throw new FilterBuildError(`filter.${kind.toLowerCase()}() needs at least one filter`);
  const operands: A.Expr[] = [];
  filters.forEach((f, i) => {
    if (!isFilter(f)) throw new FilterBuildError(`filter.${kind.toLowerCase()}(): argument ${i} is ${describe(f)}, not a Filter`, i);
    const t = inlineTrees.get(f)!;
    if (t.kind === kind) operands.push(...(t as A.And | A.Or).operands);
    else operands.push(t);
  });
  const tree: A.Expr = operands.length === 1 ? operands[0]! : ({ id: 0, span: NOWHERE, kind, operands } as A.And | A.Or);
  return finish(tree, tree);
}

/**
 * A Filter for a tree that came from parsing text the caller does not control (guard() wraps an
 * end user's filter this way). The tree is printed, re-read and compared like any built filter;
 * a tree with `{name}` placeholders is refused (their values could not travel with it).
 */
export function filterFromTree(tree: A.Expr): Filter {
  for (const n of walk(tree)) {
    if (n.kind === "TemplateVariable") throw new FilterBuildError(`the filter uses the template {${n.name}}; give values inline`);
  }
  return finish(tree, tree);
}

export interface FilterTag {
  /** Build a filter; every `${value}` becomes a literal. */
  (strings: TemplateStringsArray, ...values: readonly Interpolation[]): Filter;
  /**
   * Like `filter`, but values in positions Milvus 2.5+ templates accept become `{pN}` (N = the
   * interpolation's index) with the value in `exprParams`; other values stay inline literals.
   * Filters interpolated into it are embedded with their values inline.
   */
  params(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Filter;
  /** `a and b and …` (nested `and`s merged). */
  and(...filters: readonly Filter[]): Filter;
  /** `a or b or …` (nested `or`s merged). */
  or(...filters: readonly Filter[]): Filter;
  /** `not (a)`. */
  not(f: Filter): Filter;
}

/** The tagged template. See the module comment. */
export const filter: FilterTag = Object.freeze(
  Object.assign(guarded("filter", (strings: TemplateStringsArray, ...values: readonly Interpolation[]) => build(strings, values)), {
    params: guarded("filter.params", (strings: TemplateStringsArray, ...values: readonly Interpolation[]) => buildParams(strings, values)),
    and: guarded("filter.and", (...filters: readonly Filter[]) => combine("And", filters)),
    or: guarded("filter.or", (...filters: readonly Filter[]) => combine("Or", filters)),
    not: guarded("filter.not", (f: Filter) => {
      if (!isFilter(f)) throw new FilterBuildError(`filter.not(): expected a Filter, got ${describe(f)}`);
      const tree: A.Unary = { id: 0, span: NOWHERE, kind: "Unary", op: "not", operand: inlineTrees.get(f)! };
      return finish(tree, tree);
    }),
  }),
);
