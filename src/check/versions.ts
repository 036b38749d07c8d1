/**
 * Feature → first Milvus release, and the walk that finds the features a filter uses.
 *
 * The table is the one place version knowledge lives. Sources: spec §8–§9 (grammar and visitor
 * generations read from milvus-io/milvus, docs pages), and the conformance corpus's `since`
 * labels. Rows marked UNCERTAIN are best effort: the release is inferred (docs wording, test-file
 * dates), not read from a tagged grammar. Targets are release lines: "2.6" means any 2.6.x, so a
 * feature introduced in a 2.6 patch release (GIS in 2.6.4, Timestamptz in 2.6.6) is allowed for
 * target "2.6" — check the exact patch release yourself.
 *
 * Keyword spellings (decision): upper-case AND/OR/NOT/IN/LIKE/EXISTS are allowed from 2.4 (spec
 * §9: "2.3/2.4", low confidence — older grammars were lower-case only). `not in` / `NOT IN` with
 * exactly one space is one token in old grammars and allowed everywhere (upper case from 2.4); any
 * other spelling of not-in (`!in`, `not  in`, `NOT in`, `not\nin`) needs the 3.0 grammar, where
 * NOT and IN are separate tokens.
 */
import type * as A from "../syntax/ast.js";
import type { IToken } from "chevrotain";
import { walk } from "../syntax/walk.js";
import type { Span } from "../diag/diagnostic.js";
import { TARGETS, type Target } from "./types.js";

export interface FeatureDef {
  readonly since: Target;
  readonly what: string;
  /** Why the release is a guess, when it is one. */
  readonly uncertain?: string;
}

export const FEATURES = {
  "uppercase-keywords": { since: "2.4", what: "upper-case AND/OR/NOT/IN/LIKE/EXISTS keywords", uncertain: "spec §9 says 2.3 or 2.4 (low confidence)" },
  "generic-call": { since: "2.4", what: "generic function calls such as empty(x) / starts_with(x, 'a')", uncertain: "first seen in 2.4-era tests (low confidence)" },
  template: { since: "2.5", what: "{name} template placeholders", uncertain: "docs 'filtering templating' appear with 2.5 (medium confidence)" },
  "is-null": { since: "2.5", what: "IS NULL / IS NOT NULL (nullable fields)" },
  "text-match": { since: "2.5", what: "text_match" },
  "phrase-match": { since: "2.5", what: "phrase_match", uncertain: "a 2.5.x patch release (low confidence)" },
  "random-sample": { since: "2.6", what: "random_sample" },
  "min-should-match": { since: "2.6", what: "text_match(..., minimum_should_match=N)", uncertain: "2.6.x (low confidence)" },
  geometry: { since: "2.6", what: "ST_* geometry functions (Milvus 2.6.4)" },
  timestamptz: { since: "2.6", what: "ISO '…' / INTERVAL '…' Timestamptz comparisons (Milvus 2.6.6)" },
  "raw-string": { since: "3.0", what: "raw strings r\"…\"" },
  regex: { since: "3.0", what: "regex match =~ / !~" },
  "bitwise-field": { since: "3.0", what: "bitwise & | ^ on fields" },
  "bitwise-constant": { since: "3.0", what: "constant folding of & | ^", uncertain: "newest master" },
  "shift-field": { since: "3.0", what: "<< / >> on fields", uncertain: "master after 0621a8cf (3.0.x or later)" },
  "nested-arith": { since: "3.0", what: "chained integer arithmetic such as (x + 2) + 3", uncertain: "master after 0621a8cf" },
  "struct-array": { since: "3.0", what: "struct-array references (s[sub], s[0][sub], $[sub], $)", uncertain: "docs mark 3.0.x; struct arrays appeared late in 2.6" },
  "element-filter": { since: "3.0", what: "element_filter / MATCH_ALL / MATCH_ANY / MATCH_LEAST / MATCH_MOST / MATCH_EXACT", uncertain: "docs mark 3.0.x" },
  "text-match-fuzzy": { since: "3.0", what: "text_match_fuzzy", uncertain: "newest master" },
  "standalone-bool": { since: "3.0", what: "a bare true / false as the whole filter", uncertain: "newest master" },
  "bool-literal-fold": { since: "3.0", what: "a boolean literal combined with a predicate (true or x, false and x)", uncertain: "newest master" },
  "string-expression-argument": { since: "3.0", what: "a template or raw string where older grammars required a string literal (LIKE pattern, text_match query, WKT)" },
  "not-in-spelling": { since: "3.0", what: "not-in written other than `not in` / `NOT IN` (e.g. `!in`, `not  in`)" },
  "temporal-types": { since: "3.0", what: "Date / Time / Decimal fields", uncertain: "newest master" },
  "int64-min-literal": { since: "2.4", what: "the literal -9223372036854775808", uncertain: "spec infers older releases rejected it, but TestCreateRetrievePlan (2.x era) accepts it" },
  "text-type": { since: "2.6", what: "Text fields (text_match / phrase_match on a Text field)", uncertain: "the Text data type arrived with 2.6 (medium confidence)" },
  "contextual-keyword-name": { since: "3.0", what: "a field, template or path named like a contextual keyword (iso, interval, threshold, st_*, match_*, …)", uncertain: "newest master" },
} as const satisfies Record<string, FeatureDef>;

export type Feature = keyof typeof FEATURES;

export interface FeatureUse {
  readonly feature: Feature;
  readonly span: Span;
}

export const targetIndex = (t: Target): number => TARGETS.indexOf(t);

export function isNewer(since: Target, target: Target): boolean {
  return targetIndex(since) > targetIndex(target);
}

const UPPER = new Set(["AND", "OR", "NOT", "IN", "LIKE", "EXISTS", "IS NULL", "IS NOT NULL"]);
const CONTEXTUAL = new Set(
  [
    "text_match_fuzzy",
    "element_filter",
    "match_all",
    "match_any",
    "match_least",
    "match_most",
    "match_exact",
    "st_equals",
    "st_touches",
    "st_overlaps",
    "st_crosses",
    "st_contains",
    "st_intersects",
    "st_within",
    "st_dwithin",
    "st_isvalid",
    "iso",
    "interval",
    "minimum_should_match",
    "threshold",
  ].flatMap((k) => [k, k.toUpperCase()]),
);

/** Features visible in the tree and tokens alone (the type-checking walk adds the others). */
export function syntacticFeatures(root: A.Root, tokens: readonly IToken[], text: string): FeatureUse[] {
  const out: FeatureUse[] = [];
  const add = (feature: Feature, span: Span): void => void out.push({ feature, span });
  for (const t of tokens) {
    if (UPPER.has(t.image)) add("uppercase-keywords", { start: t.startOffset, end: t.startOffset + t.image.length });
  }
  for (const n of walk(root)) {
    switch (n.kind) {
      case "RawString":
        add("raw-string", n.span);
        break;
      case "JSONIdentifier":
        if (n.keys.some((k) => k.kind === "key" && k.quote === "raw")) add("raw-string", n.span);
        if (CONTEXTUAL.has(n.base)) add("contextual-keyword-name", n.span);
        break;
      case "Identifier":
        if (CONTEXTUAL.has(n.name)) add("contextual-keyword-name", n.span);
        break;
      case "RegexMatch":
        add("regex", n.span);
        break;
      case "TemplateVariable":
        add("template", n.span);
        if (CONTEXTUAL.has(n.name)) add("contextual-keyword-name", n.span);
        break;
      case "IsNull":
      case "IsNotNull":
        add("is-null", n.span);
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
        add("geometry", n.span);
        break;
      case "TimestamptzCompareForward":
      case "TimestamptzCompareReverse":
        add("timestamptz", n.span);
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
          if (between !== "not in" && between !== "NOT IN") add("not-in-spelling", { start: n.left.span.end, end: n.right.span.start });
        }
        break;
      case "Unary":
        if (n.op === "-" && n.operand.kind === "Integer" && n.operand.value === 9223372036854775808n) add("int64-min-literal", n.span);
        break;
      default:
        break;
    }
  }
  return out;
}
