/**
 * Every diagnostic code milvus-filter reports, in one table: its default severity, its docs text,
 * which stage emits it, whether configuration may change its severity, and whether `--fix`
 * resolves it. `DiagnosticCode` is derived from this table, so a code that is not here cannot be
 * reported; `milvus-filter rules`, docs/rules.md, the SARIF rule list, configuration checks, the
 * checker's lint rules (src/check/rules/) and the reporter all read it.
 *
 * Codes are stable: rename nothing, only add (configurations and scripts name them). The order
 * here is the order `milvus-filter rules` lists them in: the parser's and the CLI's first, then
 * library misuse, the evaluator's, and the checker's sorted by code.
 *
 * The category of a code is its namespace, the part before the slash (`type/cast` is in `type`).
 */
import type { Severity } from "./diagnostic.js";

/** Who reports a code. `api`: any library function called with the wrong arguments. */
export type Stage = "parse" | "check" | "lint" | "eval" | "cli" | "api";

export type DefaultSeverity = Severity | "off";

interface CodeDef {
  readonly severity: DefaultSeverity;
  /** One line for `milvus-filter rules` and docs/rules.md. */
  readonly docs: string;
  readonly stages: readonly Stage[];
  /** The filter (or file) cannot be analysed at all when this is reported: its severity cannot be configured. */
  readonly fatal?: true;
  /** `--fix` resolves it. */
  readonly fixable?: true;
  /** No longer reported; kept so that configurations naming it still load. */
  readonly supersededBy?: string;
}

const DEFS = {
  // ---------------------------------------------------------------- parser (src/syntax)
  "syntax/unexpected-token": { severity: "error", fatal: true, stages: ["parse"], docs: "a token that does not fit where it stands" },
  "syntax/unexpected-end": { severity: "error", fatal: true, stages: ["parse"], docs: "the filter ends where something more is needed" },
  "syntax/unterminated-string": { severity: "error", fatal: true, stages: ["parse"], docs: "a string literal without its closing quote" },
  "syntax/invalid-character": { severity: "error", fatal: true, stages: ["parse"], docs: "a character that is not part of the filter language outside a string" },
  "syntax/keyword-case": { severity: "error", fatal: true, stages: ["parse"], docs: "a keyword in mixed case such as 'And' or 'Like', which Milvus reads as a field name" },
  "syntax/is-null-spelling": { severity: "error", fatal: true, stages: ["parse"], docs: "'is null' / 'is not null' written with extra spaces or in mixed case" },
  "syntax/assign-instead-of-equals": { severity: "error", fatal: true, stages: ["parse"], docs: "'=' used as a comparison; Milvus needs '=='" },
  "limit/too-deep": { severity: "error", fatal: true, stages: ["parse", "check", "eval"], docs: "nesting deeper than the parser's depth limit" },
  "limit/too-long": { severity: "error", fatal: true, stages: ["parse"], docs: "a filter longer than the parser's length limit" },
  "limit/too-many-diagnostics": { severity: "error", fatal: true, stages: ["parse", "check", "eval"], docs: "more problems in one filter than are reported one by one" },
  // ---------------------------------------------------------------- command line (src/cli, src/guard)
  "io/unreadable": { severity: "error", fatal: true, stages: ["cli"], docs: "an input file that cannot be read" },
  "io/invalid-json": { severity: "error", fatal: true, stages: ["cli"], docs: "a .json file or a JSONL line that is not valid JSON" },
  "io/no-filter": { severity: "error", stages: ["cli"], docs: "a JSONL line or JSON input without a filter string (a named .json file with none is a warning)" },
  "io/invalid-utf8": { severity: "warning", stages: ["cli"], docs: "an input file with bytes that are not valid UTF-8 (read as U+FFFD; rewrites keep them)" },
  "style/non-canonical": { severity: "off", fixable: true, stages: ["cli"], docs: "a filter that differs from its canonical form, which is what --fix writes" },
  "guard/missing-required": { severity: "error", stages: ["cli"], docs: "with lint --require: a filter whose top-level 'and' lacks the required condition as a direct conjunct" },
  "internal/error": { severity: "error", fatal: true, stages: ["check", "cli"], docs: "the analysis failed on this filter (a bug: please report it)" },
  // ---------------------------------------------------------------- library misuse (src/diag/usage.ts)
  "usage/bad-argument": { severity: "error", fatal: true, stages: ["api"], docs: "a library function got an argument of the wrong kind, e.g. parse(undefined) (the message names the argument)" },
  "usage/bad-option": { severity: "error", fatal: true, stages: ["api"], docs: "a library option has the wrong type or a value outside its allowed set, e.g. purpose: \"dlete\"" },
  "usage/unknown-option": { severity: "error", fatal: true, stages: ["api"], docs: "a library options object has a key the function does not know (a misspelling is named)" },
  "usage/missing-option": { severity: "error", fatal: true, stages: ["api"], docs: "a required library option is absent, e.g. check(parsed) without purpose" },
  // ---------------------------------------------------------------- evaluator (src/backends/eval)
  "eval/unsupported": { severity: "error", fatal: true, stages: ["eval"], docs: "a shape Milvus (or the checker) rejects, or that the evaluator does not model" },
  "eval/not-evaluable": { severity: "error", fatal: true, stages: ["eval"], docs: "a construct with no local meaning (analyzers, geometry, server time zones): evaluate it on the server" },
  "eval/missing-param": { severity: "error", fatal: true, stages: ["eval"], docs: "a {placeholder} without a value in the evaluator's params" },
  "eval/regex-engine-not-loaded": {
    severity: "error",
    fatal: true,
    stages: ["eval"],
    docs: "=~ / !~ where the RE2 engine cannot load synchronously (a browser) and loadRegexEngine() has not resolved",
  },
  // ---------------------------------------------------------------- checker (src/check), sorted by code
  // lint: advice beyond Milvus (src/check/rules/)
  "lint/constant-filter": { severity: "warning", stages: ["lint"], docs: "a filter or operand that folds to a constant" },
  "lint/delete-always-false": { severity: "warning", stages: ["lint"], docs: "a delete filter that can match no row" },
  "lint/delete-matches-all": { severity: "warning", stages: ["lint"], docs: "a delete filter that likely matches every row" },
  "lint/delete-primary-key": { severity: "info", stages: ["lint"], docs: "delete filter takes the primary-key fast path" },
  "lint/delete-query-first": { severity: "info", stages: ["lint"], docs: "delete filter queries first (the collection must be loaded)" },
  "lint/dynamic-key-typo": { severity: "warning", stages: ["lint"], docs: "an unknown name read as a dynamic JSON key looks like a schema field" },
  "lint/empty-in": { severity: "warning", stages: ["lint"], docs: "`x in []` matches nothing; `x not in []` matches everything" },
  "lint/encoding-prefix": { severity: "warning", stages: ["lint"], docs: "a u8/u/U/L string prefix becomes part of the value" },
  "lint/float-equality": { severity: "info", stages: ["lint"], docs: "exact == / != on a Float/Double field" },
  "lint/invalid-utf8": { severity: "warning", stages: ["lint"], docs: "a string whose \\x / octal escapes are not valid UTF-8" },
  "lint/like-no-wildcard": { severity: "info", stages: ["lint"], docs: "a LIKE pattern without % or _ is an equality test" },
  "lint/nan-constant": { severity: "warning", stages: ["lint"], docs: "a constant folds to NaN or infinity" },
  "lint/nullable-negation": { severity: "info", stages: ["lint"], docs: "`!=` / `not in` on a nullable field does not match NULL rows" },
  "lint/octal-literal": { severity: "warning", stages: ["lint"], docs: "an integer literal with a leading zero is octal (010 is 8)" },
  "lint/or-chain": { severity: "warning", stages: ["lint"], docs: "a long `a == 1 or a == 2 …` chain that reads better as `a in [...]`" },
  "lint/template-under-not": {
    severity: "warning",
    stages: ["lint"],
    supersededBy: "server-bug/template-under-not",
    docs: "no longer reported: superseded by server-bug/template-under-not (kept so configurations naming it still load)",
  },
  "lint/unknown-function": { severity: "warning", stages: ["lint"], docs: "a generic call Milvus checks only at execution (name and arity unchecked)" },
  // purpose: delete safety
  "purpose/delete-always-true": { severity: "error", stages: ["check"], docs: "a delete filter that folds to always-true" },
  "purpose/delete-empty": { severity: "error", stages: ["check"], docs: "an empty delete filter (Milvus: delete plan can't be empty or always true)" },
  "purpose/delete-unknown-field": { severity: "error", stages: ["lint"], docs: "a delete filter names a non-field close to a schema field (read as a dynamic JSON key)" },
  // schema: names against the collection schema
  "schema/invalid-json-key": { severity: "error", stages: ["check"], docs: "a JSON path key Milvus rejects (empty key, key containing '][')" },
  "schema/match-not-enabled": { severity: "error", stages: ["check"], docs: "text_match / phrase_match on a field without enable_match" },
  "schema/no-dynamic-field": { severity: "error", stages: ["check"], docs: "$meta used in a collection without a dynamic field" },
  "schema/text-field": { severity: "error", stages: ["check"], docs: "a Text field used outside text_match / phrase_match" },
  "schema/unknown-field": { severity: "error", stages: ["check"], docs: "a name that is not a field, in a collection without a dynamic field" },
  "schema/unknown-struct-field": { severity: "error", stages: ["check"], docs: "a struct-array sub-field that does not exist" },
  // server-bug: known Milvus bugs on the target release (src/check/server-bugs.ts)
  "server-bug/empty-list-template": { severity: "warning", stages: ["lint"], docs: "an empty list as a template value is rejected (milvus#51617; fix unknown)" },
  "server-bug/in-or-not-equal": { severity: "warning", stages: ["lint"], docs: "`x in [...] or x != v` on a nullable field or JSON path returns NULL rows on 2.6.8–2.6.18 (milvus#49891)" },
  "server-bug/json-in-empty": { severity: "warning", stages: ["lint"], docs: "`json[\"k\"] in []` can run the query node out of memory on 2.4 (milvus#36718)" },
  "server-bug/json-range-mixed-numeric": {
    severity: "warning",
    stages: ["lint"],
    docs: "a range on a JSON value with one integer and one float bound misreads the upper bound before 2.6.8 (milvus#46588)",
  },
  "server-bug/nested-random-sample": { severity: "warning", stages: ["lint"], docs: "`a and (b and random_sample(f))` drops b on 2.6 and 3.0 (VisitLogicalAnd)" },
  "server-bug/null-pk-filter": {
    severity: "warning",
    stages: ["lint"],
    docs: "a comparison on a nullable field next to a primary-key filter matches NULL rows on 2.6 (milvus#46861; fix unknown)",
  },
  "server-bug/template-under-not": { severity: "warning", stages: ["lint"], docs: "a template under 'not' is not filled on 2.5.x and 2.6.0–2.6.15 (milvus#49141)" },
  // template: placeholder values
  "template/between-constants": { severity: "error", stages: ["check"], docs: "a placeholder combined with a constant (it must face a field)" },
  "template/invalid-params": { severity: "error", stages: ["check"], docs: "exprParams is not an object of template values Milvus can take" },
  "template/missing": { severity: "error", stages: ["check"], docs: "a {placeholder} has no value in the given params" },
  "template/not-list": { severity: "error", stages: ["check"], docs: "the template after 'in' is not an array" },
  "template/range-order": { severity: "error", stages: ["check"], docs: "template range bounds in the wrong order" },
  "template/type": { severity: "error", stages: ["check"], docs: "a template value does not fit where the placeholder stands" },
  "template/unused": { severity: "info", stages: ["check"], docs: "a given template value is not used by the filter" },
  // type: Milvus's type rules (Milvus rejects the filter)
  "type/arith": { severity: "error", stages: ["check"], docs: "arithmetic between incompatible types" },
  "type/arith-fields": { severity: "error", stages: ["check"], docs: "arithmetic between two fields" },
  "type/array-compare": { severity: "error", stages: ["check"], docs: "a whole Array field used where a single value is needed" },
  "type/array-index": { severity: "error", stages: ["check"], docs: "an Array field accessed with a string key" },
  "type/array-length": { severity: "error", stages: ["check"], docs: "array_length on a field that is not JSON, Array or ArrayOfVector" },
  "type/bitwise": { severity: "error", stages: ["check"], docs: "bitwise or shift operator on a non-integer field or operand" },
  "type/cast": { severity: "error", stages: ["check"], docs: "a constant does not fit the column it is compared with (e.g. float vs integer field)" },
  "type/column-comparison": { severity: "error", stages: ["check"], docs: "comparison of non-column expressions (only field vs constant or field vs field)" },
  "type/complicated-arith": { severity: "error", stages: ["check"], docs: "arithmetic deeper than `field op constant`" },
  "type/constant-arith": { severity: "error", stages: ["check"], docs: "constant arithmetic on values that do not support it" },
  "type/constant-comparison": { severity: "error", stages: ["check"], docs: "two constants of incompatible types compared" },
  "type/contains-target": { severity: "error", stages: ["check"], docs: "json_contains / array_contains on a non-JSON, non-array column" },
  "type/contains-value": { severity: "error", stages: ["check"], docs: "json_contains / array_contains value of the wrong shape or type" },
  "type/division-by-zero": { severity: "error", stages: ["check"], docs: "division or modulus by zero" },
  "type/element-filter": { severity: "error", stages: ["check"], docs: "element_filter / MATCH_* target or nesting" },
  "type/element-filter-position": { severity: "error", stages: ["check"], docs: "element_filter not the last operand of the top-level AND chain" },
  "type/element-ref": { severity: "error", stages: ["check"], docs: "$ or $[sub] outside element_filter / MATCH_*, or the wrong one of the two" },
  "type/exists": { severity: "error", stages: ["check"], docs: "EXISTS on something other than a JSON key" },
  "type/float-overflow": { severity: "error", stages: ["check"], docs: "a float literal is too large for a 64-bit float" },
  "type/incomparable": { severity: "error", stages: ["check"], docs: "comparison between data types Milvus cannot compare" },
  "type/int-overflow": { severity: "error", stages: ["check"], docs: "an integer literal is outside the int64 range" },
  "type/invalid-string": { severity: "error", stages: ["check"], docs: "a string literal has an escape Go's unquote rejects" },
  "type/is-null": { severity: "error", stages: ["check"], docs: "IS [NOT] NULL on a vector field or an array element" },
  "type/json-column-comparison": { severity: "error", stages: ["check"], docs: "two-column comparison involving a JSON value" },
  "type/like-target": { severity: "error", stages: ["check"], docs: "LIKE on a non-string column" },
  "type/list-element": { severity: "error", stages: ["check"], docs: "a list element is not a constant" },
  "type/logical-operand": { severity: "error", stages: ["check"], docs: "an operand of and/or is not a predicate" },
  "type/match-threshold": { severity: "error", stages: ["check"], docs: "MATCH_LEAST / MATCH_MOST / MATCH_EXACT threshold out of range" },
  "type/modulo": { severity: "error", stages: ["check"], docs: "'%' on non-integer types" },
  "type/not-boolean": { severity: "error", stages: ["check"], docs: "the whole filter is not a boolean predicate (Milvus: predicate is not a boolean expression)" },
  "type/not-indexable": { severity: "error", stages: ["check"], docs: "[] access on a field that is neither JSON nor Array" },
  "type/not-operand": { severity: "error", stages: ["check"], docs: "'not' applied to something that is not a predicate (includes the `not a == b` precedence trap)" },
  "type/phrase-match-slop": { severity: "error", stages: ["check"], docs: "phrase_match slop not a constant uint32" },
  "type/power": { severity: "error", stages: ["check"], docs: "'**' with a field or template operand" },
  "type/random-sample": { severity: "error", stages: ["check"], docs: "random_sample factor not a float constant strictly between 0 and 1" },
  "type/random-sample-position": { severity: "error", stages: ["check"], docs: "random_sample not the last operand of the top-level AND chain" },
  "type/range-bound": { severity: "error", stages: ["check"], docs: "a range bound is not a constant" },
  "type/range-cast": { severity: "error", stages: ["check"], docs: "a range bound does not fit the column" },
  "type/range-order": { severity: "error", stages: ["check"], docs: "range lower bound above upper bound" },
  "type/regex-pattern": { severity: "error", stages: ["check"], docs: "regex pattern not a string, or not valid RE2" },
  "type/regex-target": { severity: "error", stages: ["check"], docs: "=~ / !~ on a non-string column" },
  "type/reversed-arith": { severity: "error", stages: ["check"], docs: "constant on the left of - / % & | ^ << >> with a field" },
  "type/shift": { severity: "error", stages: ["check"], docs: "shift on constants, or a shift amount outside [0, 64)" },
  "type/spatial": { severity: "error", stages: ["check"], docs: "ST_* function on a non-Geometry field" },
  "type/spatial-distance": { severity: "error", stages: ["check"], docs: "ST_DWITHIN distance not a non-negative number constant" },
  "type/string-argument": { severity: "error", stages: ["check"], docs: "a pattern, query or WKT argument that must be a string or template" },
  "type/term-cast": { severity: "error", stages: ["check"], docs: "an 'in' list value does not fit the column" },
  "type/term-list": { severity: "error", stages: ["check"], docs: "the right side of 'in' is not a list" },
  "type/term-target": { severity: "error", stages: ["check"], docs: "the left side of 'in' is not a single supported column" },
  "type/text-match": { severity: "error", stages: ["check"], docs: "text_match / phrase_match on a non-string field" },
  "type/text-match-option": { severity: "error", stages: ["check"], docs: "minimum_should_match / max_edit_distance out of range" },
  "type/timestamptz": { severity: "error", stages: ["check"], docs: "ISO / INTERVAL comparison on a non-Timestamptz field, or a bad timestamp or duration" },
  "type/unary": { severity: "error", stages: ["check"], docs: "unary + - ~ applied to something other than a number constant" },
  "type/wkt": { severity: "error", stages: ["check"], docs: "geometry text is not valid WKT (or not a POINT for ST_DWITHIN)" },
  // version: the target release
  "version/delete-semantics-differ": {
    severity: "warning",
    stages: ["lint"],
    docs: "a delete filter selects different rows on Milvus 2.6 and 3.0 (master): a negated JSON / dynamic-key predicate on rows lacking the key",
  },
  "version/unsupported": { severity: "error", stages: ["check"], docs: "a construct newer than the target Milvus release" },
} as const satisfies Record<`${string}/${string}`, CodeDef>;

type Defs = typeof DEFS;

/** Every code a diagnostic can carry. */
export type DiagnosticCode = keyof Defs;

/** The namespace of a code: `type` for `type/cast`. */
export type CategoryOf<C extends string> = C extends `${infer Namespace}/${string}` ? Namespace : never;
export type Category = CategoryOf<DiagnosticCode>;

/** The codes a stage may report. */
export type CodeOf<S extends Stage> = { [C in DiagnosticCode]: S extends Defs[C]["stages"][number] ? C : never }[DiagnosticCode];

/** Codes no longer reported (kept so that configurations naming them still load). */
export type SupersededCode = { [C in DiagnosticCode]: Defs[C] extends { readonly supersededBy: string } ? C : never }[DiagnosticCode];

/** The codes in a category. */
export type CodeIn<K extends Category> = Extract<DiagnosticCode, `${K}/${string}`>;

export interface CodeInfo<C extends DiagnosticCode = DiagnosticCode> {
  readonly code: C;
  readonly category: CategoryOf<C>;
  readonly severity: DefaultSeverity;
  readonly docs: string;
  readonly stages: readonly Stage[];
  readonly fatal: boolean;
  readonly fixable: boolean;
  readonly supersededBy?: DiagnosticCode;
}

function info<C extends DiagnosticCode>(code: C): CodeInfo<C> {
  const d: CodeDef = DEFS[code];
  return Object.freeze({
    code,
    category: code.slice(0, code.indexOf("/")) as CategoryOf<C>,
    severity: d.severity,
    docs: d.docs,
    stages: d.stages,
    fatal: d.fatal === true,
    fixable: d.fixable === true,
    ...(d.supersededBy !== undefined ? { supersededBy: d.supersededBy as DiagnosticCode } : {}),
  });
}

/** Every code with its facts, in listing order. */
export const CODE_LIST: readonly CodeInfo[] = Object.freeze((Object.keys(DEFS) as DiagnosticCode[]).map(info));

/** The same facts by code. */
export const DIAGNOSTIC_CODES: { readonly [C in DiagnosticCode]: CodeInfo<C> } = Object.freeze(
  Object.fromEntries(CODE_LIST.map((c) => [c.code, c])) as { [C in DiagnosticCode]: CodeInfo<C> },
);

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code);
}

/** The severity a code is reported with unless the reporter is told otherwise (`off` codes report as warnings). */
export function reportedSeverity(code: DiagnosticCode): Severity {
  const s = DEFS[code].severity;
  return s === "off" ? "warning" : s;
}

/** The codes one stage reports, in listing order. */
export function codesOf<S extends Stage>(stage: S): readonly CodeInfo<CodeOf<S>>[] {
  return CODE_LIST.filter((c) => c.stages.includes(stage)) as readonly CodeInfo[] as readonly CodeInfo<CodeOf<S>>[];
}
