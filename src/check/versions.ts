/**
 * Feature → the first Milvus release that accepts it, per release line, and the walk that finds
 * the features a filter uses.
 *
 * The table is the one place version knowledge lives. Each row names the commit that introduced
 * the construct in the fork zhengbuqian/milvus (branches `2.5`, `2.6`, `master`; "first in vX" =
 * an ancestor of the branch's `Bump milvus & proto version to vX` commit, or listed in the vX
 * release notes) and the grammar at eight release points (Plan.g4 at 2.3.0, 2.4, 2.5.0, 2.5.24,
 * 2.6.0, 2.6.3, 2.6.18, master) rebuilt with antlr-ng. `../shared/spec/versions-audit.md` was the
 * starting point; where the source reads differently the row says so (`note`).
 *
 * Reading a row: `since` gives the first accepting release on each line where the construct
 * arrived (or was backported); every later line accepts it from its `.0` unless listed. `until`
 * gives the last accepting release on a line whose grammar later reserved the word (names such
 * as `iso` become keywords). 2.3 and 2.4 have no branch in the fork: they are master by date
 * (2.3.0 = 2023-08-24, 2.4 = 2024-05-16; Plan.g4 did not change on master between 2023-09-19 and
 * 2024-09-10), so 2.4 patch backports are invisible and a 2.4 row says "2.4.0".
 */
import type * as A from "../syntax/ast.js";
import type { FilterToken } from "../syntax/parse.js";
import { isLiteral } from "../syntax/nodes.js";
import { preorder } from "./traverse.js";
import { runHasKind, type LiteralKind } from "./literal-runs.js";
import type { Span } from "../diag/diagnostic.js";
import { LINES, formatRelease, lineIndex, parseRelease, resolveTarget, type Line, type Release, type ResolvedTarget } from "../util/releases.js";

export interface FeatureDef {
  readonly what: string;
  /** First accepting release on each line where it arrived; later lines accept from `.0`. */
  readonly since: Readonly<Partial<Record<Line, string>>>;
  /** Last accepting release on a line whose grammar later reserves the name. */
  readonly until?: Readonly<Partial<Record<Line, string>>>;
  /** The commit(s) that introduced it (fork zhengbuqian/milvus). */
  readonly commit: string;
  readonly confidence: "high" | "medium" | "low";
  /** Why the row reads as it does where that is not obvious (disagreements with the audit included). */
  readonly note?: string;
}

export const FEATURES = {
  "uppercase-in": { what: "the upper-case keyword IN", since: { "2.5": "2.5.0" }, commit: "d1060c0e05 (master 2024-10-11, IN: 'in'|'IN')", confidence: "high" },
  "uppercase-logic": {
    what: "the upper-case keywords AND / OR / NOT",
    since: { "2.5": "2.5.2", "2.6": "2.6.0" },
    commit: "4533fc8f9c (2.5, #38928), bd280d6f98 (master)",
    confidence: "high",
    note: "the audit says 2.5.3, but 4533fc8f9c precedes the automated v2.5.2 bump d62d59eaf1 and the 2.5.2 release notes list #38928; on 2.5.0–2.5.1 `NOT (x)` parses as a call of an unknown function NOT",
  },
  "not-in-spelling": {
    what: "not-in written other than `not in` (e.g. `!in`, `not  in`, `not IN`)",
    since: { "2.5": "2.5.0" },
    commit: "d1060c0e05 (Term: expr op=NOT? IN expr; older grammars had the single token NIN: 'not in')",
    confidence: "high",
  },
  "array-type": {
    what: "Array fields and array_contains / array_length",
    since: { "2.3": "2.3.2" },
    commit: "a362bb1457 (master 2023-09-19, before the v2.3.2 bump)",
    confidence: "medium",
    note: "2.3.0 and 2.3.1 are read from master by date; no 2.3 branch in the fork",
  },
  "arith-relational": {
    what: "arithmetic compared with < <= > >= (x + 1 > 2)",
    since: { "2.4": "2.4.0" },
    commit: "1aa97a5c21 (master 2024-03-01; 2.3 visitor: \"is not supported in execution backend\")",
    confidence: "high",
  },
  "generic-call": { what: "generic function calls such as empty(x) / starts_with(x, 'a')", since: { "2.5": "2.5.0" }, commit: "3628593d20 (master 2024-10-25, Call rule)", confidence: "high" },
  template: {
    what: "{name} template placeholders",
    since: { "2.5": "2.5.0" },
    commit: "2ef6cbbf59 (LBRACE rule in the 2.5.0 grammar)",
    confidence: "medium",
    note: "templates were backported to 2.4 (milvus#37485 `[2.4] Update the template expression proto`, 2024-11; the 2.4.19 release notes list #38624), but the fork has no 2.4 branch to show the first 2.4 patch, so every 2.4 release is treated as without them",
  },
  "is-null": { what: "IS NULL / IS NOT NULL", since: { "2.5": "2.5.4", "2.6": "2.6.0" }, commit: "1602390734 (2.5), 907fc24f85 (master 2025-01-02)", confidence: "high" },
  "is-null-json-path": {
    what: "IS NULL / IS NOT NULL on a JSON path (json[\"k\"] is null)",
    since: { "2.5": "2.5.8", "2.6": "2.6.0" },
    commit: "9108cee958 (2.5), fcb03b5bd1 (master 2025-04-03): the IsNull rule took (Identifier | JSONIdentifier)",
    confidence: "high",
  },
  "text-match": { what: "text_match", since: { "2.5": "2.5.0" }, commit: "89bf226f0b (master 2024-09-10)", confidence: "high" },
  "phrase-match": { what: "phrase_match", since: { "2.5": "2.5.17", "2.6": "2.6.0" }, commit: "a3c5e2e3c3 (2.5), 032292a432 (master 2025-01-12)", confidence: "high" },
  "random-sample": { what: "random_sample", since: { "2.6": "2.6.0" }, commit: "0dc21f0aeb (master 2025-02-18)", confidence: "high" },
  "min-should-match": { what: "text_match(..., minimum_should_match=N)", since: { "2.6": "2.6.8" }, commit: "553a3f07b9 (2.6), 388d56fdc7 (master)", confidence: "high" },
  geometry: {
    what: "ST_* geometry functions and Geometry fields",
    since: { "2.5": "2.5.18", "2.6": "2.6.3" },
    commit: "cd931a0388, 7ef76058d5 (2.5), 19346fa389 (2.6)",
    confidence: "high",
  },
  "st-isvalid": { what: "st_isvalid", since: { "3.0": "3.0" }, commit: "a0e2fe78f3 (master 2025-11-18; not in the 2.6.18 grammar)", confidence: "high" },
  timestamptz: { what: "ISO '…' / INTERVAL '…' Timestamptz comparisons", since: { "2.6": "2.6.3" }, commit: "2c0c5ef41e (2.6)", confidence: "high" },
  "timestamptz-reverse": { what: "a Timestamptz comparison written ISO '…' op field", since: { "2.6": "2.6.6" }, commit: "a42d3248e1 (2.6)", confidence: "high" },
  "text-type": { what: "Text fields", since: { "2.6": "2.6.0" }, commit: "04fff74a56 (master 2025-02-19; not on the 2.5 branch)", confidence: "high" },
  "string-expression-argument": {
    what: "a template where older grammars required a string literal (LIKE pattern, text_match / phrase_match query, WKT)",
    since: { "2.6": "2.6.17" },
    commit: "53459a5ef7 (2.6, #49703), c3a479cd99 (master)",
    confidence: "high",
    note: "53459a5ef7 lands after the v2.6.16 version bump adf8243f85, so it is read as 2.6.17",
  },
  "int64-min-literal": {
    what: "the literal -9223372036854775808",
    since: { "2.5": "2.5.10", "2.6": "2.6.0" },
    commit: "64255e229a (2.5), a7713df18d (master 2025-04-08, #40729)",
    confidence: "high",
    note: "older planners parse 9223372036854775808 with ParseInt before negating and overflow",
  },
  "raw-string": { what: "raw strings r\"…\"", since: { "3.0": "3.0" }, commit: "678ebf3e00 (master 2026-06-30)", confidence: "high" },
  regex: { what: "regex match =~ / !~", since: { "3.0": "3.0" }, commit: "89ad6371ad (master 2026-05-14)", confidence: "high" },
  "bitwise-field": { what: "bitwise & | ^ on fields", since: { "3.0": "3.0" }, commit: "453a6f5193 (master 2026-07-01)", confidence: "high" },
  "bitwise-constant": { what: "constant folding of & | ^", since: { "3.0": "3.0" }, commit: "453a6f5193 (master; ≤2.6 VisitBitAnd errors even for constants)", confidence: "high" },
  "shift-field": { what: "<< / >> on fields", since: { "3.0": "3.0" }, commit: "upstream after the fork's master", confidence: "low", note: "not in the fork's master; 3.0 stands for the newest" },
  "nested-arith": { what: "chained integer arithmetic such as (x + 2) + 3", since: { "3.0": "3.0" }, commit: "upstream after the fork's master", confidence: "low", note: "not in the fork's master; 3.0 stands for the newest" },
  "struct-array": { what: "struct-array references (s[sub], s[0][sub], $[sub], $)", since: { "3.0": "3.0" }, commit: "f6f716bcfd, 0114bd1dc9 (master 2025-12)", confidence: "high" },
  "element-filter": { what: "element_filter / MATCH_ALL / MATCH_ANY / MATCH_LEAST / MATCH_MOST / MATCH_EXACT", since: { "3.0": "3.0" }, commit: "ce9ea20342, 7d0b8df0c3 (master)", confidence: "high" },
  "text-match-fuzzy": { what: "text_match_fuzzy", since: { "3.0": "3.0" }, commit: "3f2ce12895, 58ca68ce96 (master 2026-07-06)", confidence: "high" },
  "standalone-bool": { what: "a bare true / false as the whole filter", since: { "3.0": "3.0" }, commit: "36f4dd5a7f (master 2026-05-07)", confidence: "high" },
  "bool-literal-fold": { what: "a boolean literal combined with a predicate (true or x, false and x)", since: { "3.0": "3.0" }, commit: "36f4dd5a7f (master 2026-05-07)", confidence: "high" },
  "temporal-types": { what: "Date / Time / Decimal fields", since: { "3.0": "3.0" }, commit: "upstream after the fork's master", confidence: "low", note: "not in the fork's master; 3.0 stands for the newest" },
  "name-st": {
    what: "a field, template or key named st_equals … st_within / st_dwithin",
    since: { "2.3": "2.3.0" },
    until: { "2.5": "2.5.17", "2.6": "2.6.2" },
    commit: "cd931a0388 (2.5), 19346fa389 (2.6) made them keywords",
    confidence: "high",
    note: "3.0 accepts them as names again (contextual keywords, upstream tests newer than the fork)",
  },
  "name-iso-interval": {
    what: "a field, template or key named iso / interval",
    since: { "2.3": "2.3.0" },
    until: { "2.6": "2.6.2" },
    commit: "2c0c5ef41e (2.6) made them keywords",
    confidence: "high",
    note: "3.0 accepts them as names again (contextual keywords)",
  },
  "name-minimum-should-match": {
    what: "a field, template or key named minimum_should_match",
    since: { "2.3": "2.3.0" },
    until: { "2.6": "2.6.7" },
    commit: "553a3f07b9 (2.6) made it a keyword",
    confidence: "high",
    note: "3.0 accepts it as a name again (contextual keywords)",
  },
} as const satisfies Record<string, FeatureDef>;

export type Feature = keyof typeof FEATURES;

export interface FeatureUse {
  readonly feature: Feature;
  readonly span: Span;
}

/** The patches of `line` that accept the feature: `[from, to]` (from > to when none). */
export function acceptedPatches(def: FeatureDef, line: Line): { from: number; to: number } {
  const s = def.since[line];
  const from = s !== undefined ? parseRelease(s)!.patch : LINES.slice(0, lineIndex(line)).some((l) => def.since[l] !== undefined) ? 0 : Infinity;
  const u = def.until?.[line];
  return { from, to: u !== undefined ? parseRelease(u)!.patch : Infinity };
}

export function acceptsRelease(def: FeatureDef, r: Release): boolean {
  const { from, to } = acceptedPatches(def, r.line);
  return r.patch >= from && r.patch <= to;
}

/** Whether every release the target stands for accepts the feature (an unknown target accepts nothing new). */
export function featureAccepted(feature: Feature, target: string | ResolvedTarget): boolean {
  const t = typeof target === "string" ? resolveTarget(target) : { ok: true as const, target };
  if (!t.ok) return false;
  const { from, to } = acceptedPatches(FEATURES[feature], t.target.line);
  return from <= t.target.first && t.target.last <= to;
}

/** "2.6.3", or "2.5.18 on the 2.5 line, 2.6.3 on 2.6": where a feature is first accepted. */
export function describeSince(def: FeatureDef): string {
  const entries = LINES.filter((l) => def.since[l] !== undefined).map((l) => formatRelease(parseRelease(def.since[l]!)!));
  return entries.length === 1 ? entries[0]! : entries.map((e, i) => (i === 0 ? `${e} on the ${e.split(".").slice(0, 2).join(".")} line` : e)).join(", ");
}

/**
 * The version diagnostic for a feature the target does not accept everywhere, or undefined when
 * every release of the target accepts it.
 */
export function versionProblem(def: FeatureDef, t: ResolvedTarget): { message: string; hint: string } | undefined {
  const { from, to } = acceptedPatches(def, t.line);
  if (from <= t.first && t.last <= to) return undefined;
  const rel = (p: number): string => formatRelease({ line: t.line, patch: p });
  // Where the first release is not established, say so in plain words; the evidence (commits,
  // what the fork lacks) is for docs/versions.md, not for a user's terminal.
  const note = def.confidence !== "high" ? "; that release is not certain (docs/versions.md says why)" : "";
  const none = from > t.last || to < t.first || from > to;
  if (none) {
    const where = to < Infinity && from <= to ? `accepted ${rel(from)}–${rel(to)}; a keyword from ${rel(to + 1)}` : `accepted from ${describeSince(def)}`;
    const by = t.exact ? `Milvus ${rel(t.first)}` : `any Milvus ${t.line} release`;
    return { message: `${def.what}: not accepted by ${by} (${where})${note}`, hint: to < Infinity ? "a keyword there: rename the field (a dynamic key can be written $meta[\"name\"])" : `raise the target if your server runs a release that accepts it (${describeSince(def)})` };
  }
  const span = (a: number, b: number): string => (a === b ? rel(a) : `${rel(a)}–${rel(b)}`);
  if (from > t.first) {
    return {
      message: `${def.what}: accepted from ${rel(from)}; your target ${t.spec} includes ${span(t.first, from - 1)}${note}`,
      hint: `if every server runs ${rel(from)} or later, say so: --target ${rel(from)}`,
    };
  }
  return {
    message: `${def.what}: accepted up to ${rel(to)} only (a keyword from ${rel(to + 1)}); your target ${t.spec} includes ${span(to + 1, t.last)}`,
    hint: `a keyword from ${rel(to + 1)}: rename the field (a dynamic key can be written $meta["name"]), or if every server runs ${rel(to)} or older, say so: --target ${rel(to)}`,
  };
}

const UNACCEPTED = new WeakMap<ResolvedTarget, ReadonlySet<Feature>>();

/**
 * The features some release of the target does not accept (those `versionProblem` has a problem
 * for), worked out once per resolved target: for the newest line the set is empty, and a check need
 * not look for features at all.
 */
export function unacceptedFeatures(t: ResolvedTarget): ReadonlySet<Feature> {
  if (lastUnaccepted?.target === t) return lastUnaccepted.set;
  let set = UNACCEPTED.get(t);
  if (set === undefined) {
    set = new Set((Object.keys(FEATURES) as Feature[]).filter((f) => versionProblem(FEATURES[f], t) !== undefined));
    UNACCEPTED.set(t, set);
  }
  lastUnaccepted = { target: t, set };
  return set;
}

let lastUnaccepted: { target: ResolvedTarget; set: ReadonlySet<Feature> } | undefined;

/** Upper-case keyword spellings that older grammars lack (LIKE / EXISTS were upper-case from 2.3.0). */
const UPPER: ReadonlyMap<string, Feature> = new Map([
  ["AND", "uppercase-logic"],
  ["OR", "uppercase-logic"],
  ["NOT", "uppercase-logic"],
  ["IN", "uppercase-in"],
]);

/** Names that some releases reserve as keywords (the other contextual keywords are names everywhere but master, where they are contextual). */
const RESERVED_NAME: ReadonlyMap<string, Feature> = new Map(
  [
    ...["st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within", "st_dwithin"].map((k) => [k, "name-st"] as const),
    ["iso", "name-iso-interval"] as const,
    ["interval", "name-iso-interval"] as const,
    ["minimum_should_match", "name-minimum-should-match"] as const,
  ].flatMap(([k, f]) => [[k, f] as const, [k.toUpperCase(), f] as const]),
);

const RAW_STRING: ReadonlySet<LiteralKind> = new Set(["RawString"]);

/** Features visible in the tree and tokens alone (the type-checking walk adds the others). */
export function syntacticFeatures(root: A.Root, tokens: readonly FilterToken[], text: string): FeatureUse[] {
  const out: FeatureUse[] = [];
  const add = (feature: Feature, span: Span): void => void out.push({ feature, span });
  for (const t of tokens) {
    const f = UPPER.get(t.image);
    if (f) add(f, { start: t.startOffset, end: t.startOffset + t.image.length });
  }
  const name = (n: string, span: Span): void => {
    const f = RESERVED_NAME.get(n);
    if (f) add(f, span);
  };
  // Of the literals only a raw string is a feature: the other literal elements of lists are passed over.
  preorder(root, (n) => {
    switch (n.kind) {
      case "RawString":
        add("raw-string", n.span);
        break;
      case "JSONIdentifier":
        if (n.keys.some((k) => k.kind === "key" && k.quote === "raw")) add("raw-string", n.span);
        name(n.base, n.span);
        break;
      case "Identifier":
        name(n.name, n.span);
        break;
      case "RegexMatch":
        add("regex", n.span);
        break;
      case "TemplateVariable":
        add("template", n.span);
        name(n.name, n.span);
        break;
      case "IsNull":
      case "IsNotNull":
        add("is-null", n.span);
        if (n.operand.kind === "JSONIdentifier") add("is-null-json-path", n.span);
        break;
      case "TextMatch":
        add("text-match", n.span);
        if (n.minimumShouldMatch) add("min-should-match", n.minimumShouldMatch.span);
        if (n.query.kind !== "String") add("string-expression-argument", n.query.span);
        break;
      case "TextMatchFuzzy":
        add("text-match-fuzzy", n.span);
        break;
      case "PhraseMatch":
        add("phrase-match", n.span);
        if (n.query.kind !== "String") add("string-expression-argument", n.query.span);
        break;
      case "RandomSample":
        add("random-sample", n.span);
        break;
      case "SpatialBinary":
      case "STDWithin":
        add("geometry", n.span);
        if (n.wkt.kind !== "String") add("string-expression-argument", n.wkt.span);
        break;
      case "STIsValid":
        add("st-isvalid", n.span);
        break;
      case "TimestamptzCompareForward":
        add("timestamptz", n.span);
        break;
      case "TimestamptzCompareReverse":
        add("timestamptz", n.span);
        add("timestamptz-reverse", n.span);
        break;
      case "JSONContains":
      case "JSONContainsAll":
      case "JSONContainsAny":
        if (n.family === "array") add("array-type", n.span);
        break;
      case "ArrayLength":
        add("array-type", n.span);
        break;
      case "StructField":
      case "StructIndexField":
      case "StructSubField":
      case "ElementSelf":
        add("struct-array", n.span);
        break;
      case "ElementFilter":
      case "MatchSimple":
      case "MatchThreshold":
        add("element-filter", n.span);
        break;
      case "Like":
        if (n.pattern.kind !== "String") add("string-expression-argument", n.pattern.span);
        break;
      case "Call":
        add("generic-call", n.nameSpan);
        break;
      case "Term":
        if (n.negated) {
          const between = text.slice(n.left.span.end, n.right.span.start).trim();
          if (between !== "not in") add("not-in-spelling", { start: n.left.span.end, end: n.right.span.start });
        }
        break;
      case "Unary":
        if (n.op === "-" && n.operand.kind === "Integer" && n.operand.value === 9223372036854775808n) add("int64-min-literal", n.span);
        break;
      // No feature visible in the tree alone (the type-checking walk adds the arithmetic and bitwise ones).
      case "Integer":
      case "Float":
      case "Boolean":
      case "String":
      case "Array":
      case "EmptyArray":
      case "Exists":
      case "Power":
      case "MulDivMod":
      case "AddSub":
      case "Shift":
      case "BitAnd":
      case "BitXor":
      case "BitOr":
      case "Relational":
      case "Equality":
      case "Range":
      case "ReverseRange":
      case "And":
      case "Or":
      case "Empty":
        break;
      default: {
        // A new node kind: name the feature row (FEATURES above) it needs, or list it with the kinds every release accepts.
        const unhandled: never = n;
        void unhandled;
      }
    }
  }, (e) => isLiteral(e) && e.kind !== "RawString", (literals) => !runHasKind(literals, RAW_STRING));
  return out;
}
