/**
 * `fromRuleGroup(group, options)`: a react-querybuilder query (`RuleGroupType`
 * `{ combinator, not?, rules }`, or `RuleGroupTypeIC` with combinators between the rules) as a
 * checked Milvus filter.
 *
 * Operators: react-querybuilder's default list (= != < > <= >= contains beginsWith endsWith
 * doesNotContain doesNotBeginWith doesNotEndWith null notNull in notIn between notBetween).
 * Form inputs give strings, so values are typed from the schema: "42" is the integer 42 for an
 * Int field (never for a VarChar one). `valueSource: "field"` compares two fields.
 */
import type { Filter } from "../builder/filter.js";
import { like, type LikePattern } from "../builder/values.js";
import { ConvertError, Emitter, at, isPlainObject, show, type Comparison, type ConvertOptions, type Pred } from "./core.js";

export const RULEGROUP_OPERATORS = [
  "=", "!=", "<", ">", "<=", ">=", "contains", "beginsWith", "endsWith", "doesNotContain", "doesNotBeginWith", "doesNotEndWith",
  "null", "notNull", "in", "notIn", "between", "notBetween",
] as const;

export interface RuleType {
  field: string;
  operator: string;
  value?: unknown;
  valueSource?: "value" | "field";
  disabled?: boolean;
}
export interface RuleGroupType {
  combinator?: string;
  not?: boolean;
  rules: readonly (RuleType | RuleGroupType | string)[];
  disabled?: boolean;
}

const ORDER: Readonly<Record<string, Comparison>> = { "=": "==", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">=" };
const TEXT: Readonly<Record<string, { make: (s: string) => LikePattern; negate: boolean }>> = {
  contains: { make: like.contains, negate: false },
  beginsWith: { make: like.prefix, negate: false },
  endsWith: { make: like.suffix, negate: false },
  doesNotContain: { make: like.contains, negate: true },
  doesNotBeginWith: { make: like.prefix, negate: true },
  doesNotEndWith: { make: like.suffix, negate: true },
};

export function fromRuleGroup(group: RuleGroupType, options?: ConvertOptions): Filter {
  const e = new Emitter(options);
  const f = ruleGroup(e, group, "");
  if (f === undefined) throw new ConvertError("convert/bad-shape", "", "the query has no enabled rule; an empty filter would match every row");
  return e.finish(f);
}

/** The group's filter, or undefined when every rule in it is disabled or it has none. */
function ruleGroup(e: Emitter, g: unknown, path: string): Pred | undefined {
  if (!isPlainObject(g) || !Array.isArray(g.rules)) throw new ConvertError("convert/bad-shape", path, `expected a rule group { combinator, rules }, got ${show(g)}`);
  if (g.disabled === true) return undefined;
  const here = at.key(path, "rules");
  let f: Pred | undefined;
  if (g.rules.some((r) => typeof r === "string")) f = independent(e, g.rules, here);
  else {
    const parts = g.rules.map((r, i) => item(e, r, at.index(here, i))).filter((x): x is Pred => x !== undefined);
    const c = typeof g.combinator === "string" ? g.combinator.toLowerCase() : g.combinator ?? "and";
    if (c !== "and" && c !== "or") {
      throw new ConvertError(c === "xor" ? "convert/unsupported" : "convert/unknown-operator", at.key(path, "combinator"), `the combinator ${show(g.combinator)} is refused (and, or)`);
    }
    f = parts.length === 0 ? undefined : c === "and" ? e.and(parts, path) : e.or(parts, path);
  }
  if (f !== undefined && g.not === true) f = e.not(f, path);
  return f;
}

/** `RuleGroupTypeIC`: rule, combinator, rule, …; `and` binds tighter than `or`, as in SQL. */
function independent(e: Emitter, rules: readonly unknown[], path: string): Pred | undefined {
  const ors: Pred[][] = [[]];
  rules.forEach((r, i) => {
    const p = at.index(path, i);
    if (i % 2 === 1) {
      const c = typeof r === "string" ? r.toLowerCase() : r;
      if (c === "or") ors.push([]);
      else if (c !== "and") throw new ConvertError(c === "xor" ? "convert/unsupported" : "convert/bad-shape", p, `expected the combinator and / or between rules, got ${show(r)}`);
      return;
    }
    const f = item(e, r, p);
    if (f !== undefined) ors[ors.length - 1]!.push(f);
  });
  if (rules.length % 2 === 0) throw new ConvertError("convert/bad-shape", path, "an independent-combinator rule list must start and end with a rule");
  const terms = ors.filter((a) => a.length > 0).map((a) => e.and(a, path));
  return terms.length === 0 ? undefined : e.or(terms, path);
}

function item(e: Emitter, r: unknown, path: string): Pred | undefined {
  if (isPlainObject(r) && "rules" in r) return e.nested(path, () => ruleGroup(e, r, path));
  if (!isPlainObject(r)) throw new ConvertError("convert/bad-shape", path, `expected a rule or a rule group, got ${show(r)}`);
  if (r.disabled === true) return undefined;
  if (typeof r.field !== "string") throw new ConvertError("convert/bad-key", at.key(path, "field"), `the field must be a string, got ${show(r.field)}`);
  const col = e.column([r.field], at.key(path, "field"));
  const op = r.operator;
  const vpath = at.key(path, "value");
  const byField = r.valueSource === "field";
  const one = (v: unknown, p: string): unknown => e.value(col, v, p, true);
  const many = (min: number, max = Infinity): unknown[] => {
    // react-querybuilder lists are arrays, or strings separated by commas
    const raw = Array.isArray(r.value) ? r.value : typeof r.value === "string" ? r.value.split(",").map((s) => s.trim()) : undefined;
    if (raw === undefined || raw.length < min || raw.length > max) {
      throw new ConvertError("convert/bad-value", vpath, `${String(op)} takes ${max === min ? `${min} values` : "a list"} (an array or "a, b"), got ${show(r.value)}`);
    }
    return raw.map((v, i) => one(v, at.index(vpath, i)));
  };
  if (byField && typeof op === "string" && !(op in ORDER)) {
    throw new ConvertError("convert/unsupported", at.key(path, "valueSource"), `valueSource "field" is supported with = != < > <= >= only, not ${op}`);
  }
  switch (op) {
    case "=":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=": {
      if (byField) {
        if (typeof r.value !== "string") throw new ConvertError("convert/bad-key", vpath, "with valueSource \"field\" the value names a field");
        return e.compareColumns(col, ORDER[op]!, e.column([r.value], vpath), vpath);
      }
      const v = one(r.value, vpath);
      if (op === "=" || op === "!=") return e.equals(col, op === "!=", v, vpath);
      return e.compare(col, ORDER[op]!, v, vpath);
    }
    case "null":
    case "notNull":
      return e.present(col, op === "notNull", path);
    case "in":
    case "notIn": {
      const values = many(0);
      if (e.isArrayField(col)) {
        const any = e.contains(col, "any", values, vpath);
        return op === "in" ? any : e.not(any, vpath);
      }
      return e.inList(col, values, op === "notIn", vpath);
    }
    case "between":
    case "notBetween": {
      const [lo, hi] = many(2, 2);
      const inside = e.and([e.compare(col, ">=", lo, vpath), e.compare(col, "<=", hi, vpath)], vpath);
      return op === "between" ? inside : e.not(inside, vpath);
    }
  }
  if (typeof op === "string" && op in TEXT) {
    if (typeof r.value !== "string") throw new ConvertError("convert/bad-value", vpath, `${op} takes a string, got ${show(r.value)}`);
    const t = TEXT[op]!;
    return e.like(col, t.make(r.value), t.negate, vpath);
  }
  throw new ConvertError("convert/unknown-operator", at.key(path, "operator"), `${show(op)} is not a react-querybuilder operator (${RULEGROUP_OPERATORS.join(" ")})`);
}
