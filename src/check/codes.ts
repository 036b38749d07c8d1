/**
 * Every diagnostic code the checker emits, with its default severity and a one-line description.
 * This is the single registry the CLI's `rules` command and the README use. Codes are stable:
 * rename nothing, only add. Namespaces: `type/` (Milvus type rules), `schema/` (names against the
 * collection schema), `template/` (placeholder values), `version/` (target release), `purpose/`
 * (delete safety), `lint/` (advice beyond Milvus), `server-bug/` (known Milvus bugs on the target
 * release; see server-bugs.ts), `limit/`, `internal/`.
 */
import type { Severity } from "../diag/diagnostic.js";

interface CodeDef {
  readonly severity: Severity;
  readonly description: string;
}

const DEFS = {
  // ---------------------------------------------------------------- type rules (Milvus rejects)
  "type/not-boolean": { severity: "error", description: "the whole filter is not a boolean predicate (Milvus: predicate is not a boolean expression)" },
  "type/int-overflow": { severity: "error", description: "an integer literal is outside the int64 range" },
  "type/float-overflow": { severity: "error", description: "a float literal is too large for a 64-bit float" },
  "type/invalid-string": { severity: "error", description: "a string literal has an escape Go's unquote rejects" },
  "type/unary": { severity: "error", description: "unary + - ~ applied to something other than a number constant" },
  "type/not-operand": { severity: "error", description: "'not' applied to something that is not a predicate (includes the `not a == b` precedence trap)" },
  "type/logical-operand": { severity: "error", description: "an operand of and/or is not a predicate" },
  "type/constant-comparison": { severity: "error", description: "two constants of incompatible types compared" },
  "type/constant-arith": { severity: "error", description: "constant arithmetic on values that do not support it" },
  "type/incomparable": { severity: "error", description: "comparison between data types Milvus cannot compare" },
  "type/cast": { severity: "error", description: "a constant does not fit the column it is compared with (e.g. float vs integer field)" },
  "type/array-compare": { severity: "error", description: "a whole Array field used where a single value is needed" },
  "type/column-comparison": { severity: "error", description: "comparison of non-column expressions (only field vs constant or field vs field)" },
  "type/json-column-comparison": { severity: "error", description: "two-column comparison involving a JSON value" },
  "type/arith": { severity: "error", description: "arithmetic between incompatible types" },
  "type/modulo": { severity: "error", description: "'%' on non-integer types" },
  "type/bitwise": { severity: "error", description: "bitwise or shift operator on a non-integer field or operand" },
  "type/shift": { severity: "error", description: "shift on constants, or a shift amount outside [0, 64)" },
  "type/division-by-zero": { severity: "error", description: "division or modulus by zero" },
  "type/arith-fields": { severity: "error", description: "arithmetic between two fields" },
  "type/complicated-arith": { severity: "error", description: "arithmetic deeper than `field op constant`" },
  "type/reversed-arith": { severity: "error", description: "constant on the left of - / % & | ^ << >> with a field" },
  "type/power": { severity: "error", description: "'**' with a field or template operand" },
  "type/list-element": { severity: "error", description: "a list element is not a constant" },
  "type/term-target": { severity: "error", description: "the left side of 'in' is not a single supported column" },
  "type/term-list": { severity: "error", description: "the right side of 'in' is not a list" },
  "type/term-cast": { severity: "error", description: "an 'in' list value does not fit the column" },
  "type/range-bound": { severity: "error", description: "a range bound is not a constant" },
  "type/range-cast": { severity: "error", description: "a range bound does not fit the column" },
  "type/range-order": { severity: "error", description: "range lower bound above upper bound" },
  "type/like-target": { severity: "error", description: "LIKE on a non-string column" },
  "type/regex-target": { severity: "error", description: "=~ / !~ on a non-string column" },
  "type/regex-pattern": { severity: "error", description: "regex pattern not a string, or not valid RE2" },
  "type/string-argument": { severity: "error", description: "a pattern, query or WKT argument that must be a string or template" },
  "type/exists": { severity: "error", description: "EXISTS on something other than a JSON key" },
  "type/is-null": { severity: "error", description: "IS [NOT] NULL on a vector field or an array element" },
  "type/contains-target": { severity: "error", description: "json_contains / array_contains on a non-JSON, non-array column" },
  "type/contains-value": { severity: "error", description: "json_contains / array_contains value of the wrong shape or type" },
  "type/array-length": { severity: "error", description: "array_length on a field that is not JSON, Array or ArrayOfVector" },
  "type/not-indexable": { severity: "error", description: "[] access on a field that is neither JSON nor Array" },
  "type/array-index": { severity: "error", description: "an Array field accessed with a string key" },
  "type/element-ref": { severity: "error", description: "$ or $[sub] outside element_filter / MATCH_*, or the wrong one of the two" },
  "type/element-filter": { severity: "error", description: "element_filter / MATCH_* target or nesting" },
  "type/element-filter-position": { severity: "error", description: "element_filter not the last operand of the top-level AND chain" },
  "type/match-threshold": { severity: "error", description: "MATCH_LEAST / MATCH_MOST / MATCH_EXACT threshold out of range" },
  "type/random-sample": { severity: "error", description: "random_sample factor not a float constant strictly between 0 and 1" },
  "type/random-sample-position": { severity: "error", description: "random_sample not the last operand of the top-level AND chain" },
  "type/text-match": { severity: "error", description: "text_match / phrase_match on a non-string field" },
  "type/text-match-option": { severity: "error", description: "minimum_should_match / max_edit_distance out of range" },
  "type/phrase-match-slop": { severity: "error", description: "phrase_match slop not a constant uint32" },
  "type/spatial": { severity: "error", description: "ST_* function on a non-Geometry field" },
  "type/spatial-distance": { severity: "error", description: "ST_DWITHIN distance not a non-negative number constant" },
  "type/wkt": { severity: "error", description: "geometry text is not valid WKT (or not a POINT for ST_DWITHIN)" },
  "type/timestamptz": { severity: "error", description: "ISO / INTERVAL comparison on a non-Timestamptz field, or a bad timestamp or duration" },
  // ---------------------------------------------------------------- schema
  "schema/unknown-field": { severity: "error", description: "a name that is not a field, in a collection without a dynamic field" },
  "schema/no-dynamic-field": { severity: "error", description: "$meta used in a collection without a dynamic field" },
  "schema/unknown-struct-field": { severity: "error", description: "a struct-array sub-field that does not exist" },
  "schema/invalid-json-key": { severity: "error", description: "a JSON path key Milvus rejects (empty key, key containing '][')" },
  "schema/text-field": { severity: "error", description: "a Text field used outside text_match / phrase_match" },
  "schema/match-not-enabled": { severity: "error", description: "text_match / phrase_match on a field without enable_match" },
  // ---------------------------------------------------------------- templates
  "template/invalid-params": { severity: "error", description: "exprParams is not an object of template values Milvus can take" },
  "template/missing": { severity: "error", description: "a {placeholder} has no value in the given params" },
  "template/type": { severity: "error", description: "a template value does not fit where the placeholder stands" },
  "template/not-list": { severity: "error", description: "the template after 'in' is not an array" },
  "template/range-order": { severity: "error", description: "template range bounds in the wrong order" },
  "template/between-constants": { severity: "error", description: "a placeholder combined with a constant (it must face a field)" },
  "template/unused": { severity: "info", description: "a given template value is not used by the filter" },
  // ---------------------------------------------------------------- versions and purpose
  "version/unsupported": { severity: "error", description: "a construct newer than the target Milvus release" },
  "version/delete-semantics-differ": {
    severity: "warning",
    description: "a delete filter selects different rows on Milvus 2.6 and 3.0 (master): a negated JSON / dynamic-key predicate on rows lacking the key",
  },
  "purpose/delete-empty": { severity: "error", description: "an empty delete filter (Milvus: delete plan can't be empty or always true)" },
  "purpose/delete-always-true": { severity: "error", description: "a delete filter that folds to always-true" },
  "purpose/delete-unknown-field": { severity: "error", description: "a delete filter names a non-field close to a schema field (read as a dynamic JSON key)" },
  // ---------------------------------------------------------------- lint (beyond Milvus)
  "lint/dynamic-key-typo": { severity: "warning", description: "an unknown name read as a dynamic JSON key looks like a schema field" },
  "lint/octal-literal": { severity: "warning", description: "an integer literal with a leading zero is octal (010 is 8)" },
  "lint/or-chain": { severity: "warning", description: "a long `a == 1 or a == 2 …` chain that reads better as `a in [...]`" },
  "lint/delete-primary-key": { severity: "info", description: "delete filter takes the primary-key fast path" },
  "lint/delete-query-first": { severity: "info", description: "delete filter queries first (the collection must be loaded)" },
  "lint/delete-matches-all": { severity: "warning", description: "a delete filter that likely matches every row" },
  "lint/delete-always-false": { severity: "warning", description: "a delete filter that can match no row" },
  "lint/template-under-not": { severity: "warning", description: "no longer reported: superseded by server-bug/template-under-not (kept so configurations naming it still load)" },
  "lint/invalid-utf8": { severity: "warning", description: "a string whose \\x / octal escapes are not valid UTF-8" },
  "lint/constant-filter": { severity: "warning", description: "a filter or operand that folds to a constant" },
  "lint/empty-in": { severity: "warning", description: "`x in []` matches nothing; `x not in []` matches everything" },
  "lint/float-equality": { severity: "info", description: "exact == / != on a Float/Double field" },
  "lint/nan-constant": { severity: "warning", description: "a constant folds to NaN or infinity" },
  "lint/unknown-function": { severity: "warning", description: "a generic call Milvus checks only at execution (name and arity unchecked)" },
  "lint/like-no-wildcard": { severity: "info", description: "a LIKE pattern without % or _ is an equality test" },
  "lint/nullable-negation": { severity: "info", description: "`!=` / `not in` on a nullable field does not match NULL rows" },
  "lint/encoding-prefix": { severity: "warning", description: "a u8/u/U/L string prefix becomes part of the value" },
  // ---------------------------------------------------------------- known server bugs (by target release)
  "server-bug/template-under-not": { severity: "warning", description: "a template under 'not' is not filled on 2.5.x and 2.6.0–2.6.15 (milvus#49141)" },
  "server-bug/nested-random-sample": { severity: "warning", description: "`a and (b and random_sample(f))` drops b on 2.6 and 3.0 (VisitLogicalAnd)" },
  "server-bug/in-or-not-equal": { severity: "warning", description: "`x in [...] or x != v` on a nullable field or JSON path returns NULL rows on 2.6.8–2.6.18 (milvus#49891)" },
  "server-bug/null-pk-filter": { severity: "warning", description: "a comparison on a nullable field next to a primary-key filter matches NULL rows on 2.6 (milvus#46861; fix unknown)" },
  "server-bug/empty-list-template": { severity: "warning", description: "an empty list as a template value is rejected (milvus#51617; fix unknown)" },
  "server-bug/json-range-mixed-numeric": { severity: "warning", description: "a range on a JSON value with one integer and one float bound misreads the upper bound before 2.6.8 (milvus#46588)" },
  "server-bug/json-in-empty": { severity: "warning", description: "`json[\"k\"] in []` can run the query node out of memory on 2.4 (milvus#36718)" },
  // ---------------------------------------------------------------- limits / internal
  "limit/too-deep": { severity: "error", description: "nesting deeper than the configured limit (Milvus: nesting depth)" },
  "internal/error": { severity: "error", description: "an unexpected checker failure (please report)" },
} as const satisfies Record<string, CodeDef>;

export type CheckCode = keyof typeof DEFS;

export const CODES: Readonly<Record<CheckCode, CodeDef>> = DEFS;

/** The registry as a list, sorted by code. */
export const CHECK_CODES: readonly { code: CheckCode; defaultSeverity: Severity; description: string }[] = Object.freeze(
  (Object.keys(DEFS) as CheckCode[]).sort().map((code) => ({ code, defaultSeverity: DEFS[code].severity, description: DEFS[code].description })),
);
