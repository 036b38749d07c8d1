/**
 * The one-line docs text of every diagnostic code, for `milvus-filter rules`, docs/rules.md, SARIF
 * rule descriptions and the public CHECK_CODES list. Kept apart from the registry (codes.ts),
 * which the parser and checker import, so that a bundle of the core carries none of this text;
 * the type makes a code without docs a compile error.
 */
import type { DiagnosticCode } from "./codes.js";

export const CODE_DOCS: { readonly [C in DiagnosticCode]: string } = {
  "syntax/unexpected-token":
    "a token that does not fit where it stands",
  "syntax/unexpected-end":
    "the filter ends where something more is needed",
  "syntax/unterminated-string":
    "a string literal without its closing quote",
  "syntax/invalid-character":
    "a character that is not part of the filter language outside a string",
  "syntax/keyword-case":
    "a keyword in mixed case such as 'And' or 'Like', which Milvus reads as a field name",
  "syntax/is-null-spelling":
    "'is null' / 'is not null' written with extra spaces or in mixed case",
  "syntax/assign-instead-of-equals":
    "'=' used as a comparison; Milvus needs '=='",
  "limit/too-deep":
    "nesting deeper than the parser's depth limit",
  "limit/too-long":
    "a filter longer than the parser's length limit",
  "limit/too-many-diagnostics":
    "more problems in one filter than are reported one by one",
  "io/unreadable":
    "an input file that cannot be read",
  "io/invalid-json":
    "a .json file or a JSONL line that is not valid JSON",
  "io/no-filter":
    "a JSONL line or JSON input without a filter string (a named .json file with none is a warning)",
  "io/invalid-utf8":
    "an input file with bytes that are not valid UTF-8 (read as U+FFFD; rewrites keep them)",
  "style/non-canonical":
    "a filter that differs from its canonical form, which is what --fix writes",
  "guard/missing-required":
    "with lint --require: a filter whose top-level 'and' lacks the required condition as a direct conjunct",
  "internal/error":
    "the analysis failed on this filter (a bug: please report it)",
  "usage/bad-argument":
    "a library function got an argument of the wrong kind, e.g. parse(undefined) (the message names the argument)",
  "usage/bad-option":
    "a library option has the wrong type or a value outside its allowed set, e.g. purpose: \"dlete\"",
  "usage/unknown-option":
    "a library options object has a key the function does not know (a misspelling is named)",
  "usage/missing-option":
    "a required library option is absent, e.g. check(parsed) without purpose",
  "eval/unsupported":
    "a shape Milvus (or the checker) rejects, or that the evaluator does not model",
  "eval/not-evaluable":
    "a construct with no local meaning (analyzers, geometry, server time zones): evaluate it on the server",
  "eval/missing-param":
    "a {placeholder} without a value in the evaluator's params",
  "eval/regex-engine-not-loaded":
    "=~ / !~ where the RE2 engine cannot load synchronously (a browser) and loadRegexEngine() has not resolved",
  "lint/constant-filter":
    "a filter or operand that folds to a constant",
  "lint/delete-always-false":
    "a delete filter that can match no row",
  "lint/delete-matches-all":
    "a delete filter that likely matches every row",
  "lint/delete-primary-key":
    "delete filter takes the primary-key fast path",
  "lint/delete-query-first":
    "delete filter queries first (the collection must be loaded)",
  "lint/dynamic-key-typo":
    "an unknown name read as a dynamic JSON key looks like a schema field",
  "lint/empty-in":
    "`x in []` matches nothing; `x not in []` matches everything",
  "lint/encoding-prefix":
    "a u8/u/U/L string prefix becomes part of the value",
  "lint/float-equality":
    "exact == / != on a Float/Double field",
  "lint/invalid-utf8":
    "a string whose \\x / octal escapes are not valid UTF-8",
  "lint/like-no-wildcard":
    "a LIKE pattern without % or _ is an equality test",
  "lint/nan-constant":
    "a constant folds to NaN or infinity",
  "lint/nullable-negation":
    "`!=` / `not in` on a nullable field does not match NULL rows",
  "lint/octal-literal":
    "an integer literal with a leading zero is octal (010 is 8)",
  "lint/or-chain":
    "a long `a == 1 or a == 2 …` chain that reads better as `a in [...]`",
  "lint/template-under-not":
    "no longer reported: superseded by server-bug/template-under-not (kept so configurations naming it still load)",
  "lint/unknown-function":
    "a generic call Milvus checks only at execution (name and arity unchecked)",
  "purpose/delete-always-true":
    "a delete filter that folds to always-true",
  "purpose/delete-empty":
    "an empty delete filter (Milvus: delete plan can't be empty or always true)",
  "purpose/delete-unknown-field":
    "a delete filter names a non-field close to a schema field (read as a dynamic JSON key)",
  "schema/invalid-json-key":
    "a JSON path key Milvus rejects (empty key, key containing '][')",
  "schema/match-not-enabled":
    "text_match / phrase_match on a field without enable_match",
  "schema/no-dynamic-field":
    "$meta used in a collection without a dynamic field",
  "schema/text-field":
    "a Text field used outside text_match / phrase_match",
  "schema/unknown-field":
    "a name that is not a field, in a collection without a dynamic field",
  "schema/unknown-struct-field":
    "a struct-array sub-field that does not exist",
  "server-bug/empty-list-template":
    "an empty list as a template value is rejected (milvus#51617; fix unknown)",
  "server-bug/in-or-not-equal":
    "`x in [...] or x != v` on a nullable field or JSON path returns NULL rows on 2.6.8–2.6.18 (milvus#49891)",
  "server-bug/json-in-empty":
    "`json[\"k\"] in []` can run the query node out of memory on 2.4 (milvus#36718)",
  "server-bug/json-range-mixed-numeric":
    "a range on a JSON value with one integer and one float bound misreads the upper bound before 2.6.8 (milvus#46588)",
  "server-bug/nested-random-sample":
    "`a and (b and random_sample(f))` drops b on 2.6 and 3.0 (VisitLogicalAnd)",
  "server-bug/null-pk-filter":
    "a comparison on a nullable field next to a primary-key filter matches NULL rows on 2.6 (milvus#46861; fix unknown)",
  "server-bug/template-under-not":
    "a template under 'not' is not filled on 2.5.x and 2.6.0–2.6.15 (milvus#49141)",
  "template/between-constants":
    "a placeholder combined with a constant (it must face a field)",
  "template/invalid-params":
    "exprParams is not an object of template values Milvus can take",
  "template/missing":
    "a {placeholder} has no value in the given params",
  "template/not-list":
    "the template after 'in' is not an array",
  "template/range-order":
    "template range bounds in the wrong order",
  "template/type":
    "a template value does not fit where the placeholder stands",
  "template/unused":
    "a given template value is not used by the filter",
  "type/arith":
    "arithmetic between incompatible types",
  "type/arith-fields":
    "arithmetic between two fields",
  "type/array-compare":
    "a whole Array field used where a single value is needed",
  "type/array-index":
    "an Array field accessed with a string key",
  "type/array-length":
    "array_length on a field that is not JSON, Array or ArrayOfVector",
  "type/bitwise":
    "bitwise or shift operator on a non-integer field or operand",
  "type/cast":
    "a constant does not fit the column it is compared with (e.g. float vs integer field)",
  "type/column-comparison":
    "comparison of non-column expressions (only field vs constant or field vs field)",
  "type/complicated-arith":
    "arithmetic deeper than `field op constant`",
  "type/constant-arith":
    "constant arithmetic on values that do not support it",
  "type/constant-comparison":
    "two constants of incompatible types compared",
  "type/contains-target":
    "json_contains / array_contains on a non-JSON, non-array column",
  "type/contains-value":
    "json_contains / array_contains value of the wrong shape or type",
  "type/division-by-zero":
    "division or modulus by zero",
  "type/element-filter":
    "element_filter / MATCH_* target or nesting",
  "type/element-filter-position":
    "element_filter not the last operand of the top-level AND chain",
  "type/element-ref":
    "$ or $[sub] outside element_filter / MATCH_*, or the wrong one of the two",
  "type/exists":
    "EXISTS on something other than a JSON key",
  "type/float-overflow":
    "a float literal is too large for a 64-bit float",
  "type/incomparable":
    "comparison between data types Milvus cannot compare",
  "type/int-overflow":
    "an integer literal is outside the int64 range",
  "type/invalid-string":
    "a string literal has an escape Go's unquote rejects",
  "type/is-null":
    "IS [NOT] NULL on a vector field or an array element",
  "type/json-column-comparison":
    "two-column comparison involving a JSON value",
  "type/like-target":
    "LIKE on a non-string column",
  "type/list-element":
    "a list element is not a constant",
  "type/logical-operand":
    "an operand of and/or is not a predicate",
  "type/match-threshold":
    "MATCH_LEAST / MATCH_MOST / MATCH_EXACT threshold out of range",
  "type/modulo":
    "'%' on non-integer types",
  "type/not-boolean":
    "the whole filter is not a boolean predicate (Milvus: predicate is not a boolean expression)",
  "type/not-indexable":
    "[] access on a field that is neither JSON nor Array",
  "type/not-operand":
    "'not' applied to something that is not a predicate (includes the `not a == b` precedence trap)",
  "type/phrase-match-slop":
    "phrase_match slop not a constant uint32",
  "type/power":
    "'**' with a field or template operand",
  "type/random-sample":
    "random_sample factor not a float constant strictly between 0 and 1",
  "type/random-sample-position":
    "random_sample not the last operand of the top-level AND chain",
  "type/range-bound":
    "a range bound is not a constant",
  "type/range-cast":
    "a range bound does not fit the column",
  "type/range-order":
    "range lower bound above upper bound",
  "type/regex-pattern":
    "regex pattern not a string, or not valid RE2",
  "type/regex-target":
    "=~ / !~ on a non-string column",
  "type/reversed-arith":
    "constant on the left of - / % & | ^ << >> with a field",
  "type/shift":
    "shift on constants, or a shift amount outside [0, 64)",
  "type/spatial":
    "ST_* function on a non-Geometry field",
  "type/spatial-distance":
    "ST_DWITHIN distance not a non-negative number constant",
  "type/string-argument":
    "a pattern, query or WKT argument that must be a string or template",
  "type/term-cast":
    "an 'in' list value does not fit the column",
  "type/term-list":
    "the right side of 'in' is not a list",
  "type/term-target":
    "the left side of 'in' is not a single supported column",
  "type/text-match":
    "text_match / phrase_match on a non-string field",
  "type/text-match-option":
    "minimum_should_match / max_edit_distance out of range",
  "type/timestamptz":
    "ISO / INTERVAL comparison on a non-Timestamptz field, or a bad timestamp or duration",
  "type/unary":
    "unary + - ~ applied to something other than a number constant",
  "type/wkt":
    "geometry text is not valid WKT (or not a POINT for ST_DWITHIN)",
  "version/delete-semantics-differ":
    "a delete filter selects different rows on Milvus 2.6 and 3.0 (master): a negated JSON / dynamic-key predicate on rows lacking the key",
  "version/unsupported":
    "a construct newer than the target Milvus release",
};
