/**
 * Every diagnostic code milvus-filter reports, in one table: its default severity, which stage
 * emits it, whether configuration may change its severity, and whether `--fix` resolves it. Each
 * code's docs text is in code-docs.ts (CODE_DOCS), which the core does not import.
 * `DiagnosticCode` is derived from this table, so a code that is not here cannot be reported; `milvus-filter rules`, docs/rules.md, the SARIF rule list, configuration checks, the
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
  "syntax/unexpected-token": { severity: "error", fatal: true, stages: ["parse"] },
  "syntax/unexpected-end": { severity: "error", fatal: true, stages: ["parse"] },
  "syntax/unterminated-string": { severity: "error", fatal: true, stages: ["parse"] },
  "syntax/invalid-character": { severity: "error", fatal: true, stages: ["parse"] },
  "syntax/keyword-case": { severity: "error", fatal: true, stages: ["parse"] },
  "syntax/is-null-spelling": { severity: "error", fatal: true, stages: ["parse"] },
  "syntax/assign-instead-of-equals": { severity: "error", fatal: true, stages: ["parse"] },
  "limit/too-deep": { severity: "error", fatal: true, stages: ["parse", "check", "eval"] },
  "limit/too-long": { severity: "error", fatal: true, stages: ["parse"] },
  "limit/too-many-diagnostics": { severity: "error", fatal: true, stages: ["parse", "check", "eval"] },
  // ---------------------------------------------------------------- command line (src/cli, src/guard)
  "io/unreadable": { severity: "error", fatal: true, stages: ["cli"] },
  "io/invalid-json": { severity: "error", fatal: true, stages: ["cli"] },
  "io/no-filter": { severity: "error", stages: ["cli"] },
  "io/invalid-utf8": { severity: "warning", stages: ["cli"] },
  "style/non-canonical": { severity: "off", fixable: true, stages: ["cli"] },
  "guard/missing-required": { severity: "error", stages: ["cli"] },
  "internal/error": { severity: "error", fatal: true, stages: ["check", "cli"] },
  // ---------------------------------------------------------------- library misuse (src/diag/usage.ts)
  "usage/bad-argument": { severity: "error", fatal: true, stages: ["api"] },
  "usage/bad-option": { severity: "error", fatal: true, stages: ["api"] },
  "usage/unknown-option": { severity: "error", fatal: true, stages: ["api"] },
  "usage/missing-option": { severity: "error", fatal: true, stages: ["api"] },
  // ---------------------------------------------------------------- evaluator (src/backends/eval)
  "eval/unsupported": { severity: "error", fatal: true, stages: ["eval"] },
  "eval/not-evaluable": { severity: "error", fatal: true, stages: ["eval"] },
  "eval/missing-param": { severity: "error", fatal: true, stages: ["eval"] },
  "eval/regex-engine-not-loaded": {
    severity: "error",
    fatal: true,
    stages: ["eval"],
  },
  // ---------------------------------------------------------------- checker (src/check), sorted by code
  // lint: advice beyond Milvus (src/check/rules/)
  "lint/constant-filter": { severity: "warning", stages: ["lint"] },
  "lint/delete-always-false": { severity: "warning", stages: ["lint"] },
  "lint/delete-matches-all": { severity: "warning", stages: ["lint"] },
  "lint/delete-primary-key": { severity: "info", stages: ["lint"] },
  "lint/delete-query-first": { severity: "info", stages: ["lint"] },
  "lint/dynamic-key-typo": { severity: "warning", stages: ["lint"] },
  "lint/empty-in": { severity: "warning", stages: ["lint"] },
  "lint/encoding-prefix": { severity: "warning", stages: ["lint"] },
  "lint/float-equality": { severity: "info", stages: ["lint"] },
  "lint/invalid-utf8": { severity: "warning", stages: ["lint"] },
  "lint/like-no-wildcard": { severity: "info", stages: ["lint"] },
  "lint/nan-constant": { severity: "warning", stages: ["lint"] },
  "lint/nullable-negation": { severity: "info", stages: ["lint"] },
  "lint/octal-literal": { severity: "warning", stages: ["lint"] },
  "lint/or-chain": { severity: "warning", stages: ["lint"] },
  "lint/template-under-not": {
    severity: "warning",
    stages: ["lint"],
    supersededBy: "server-bug/template-under-not",
  },
  "lint/unknown-function": { severity: "warning", stages: ["lint"] },
  // purpose: delete safety
  "purpose/delete-always-true": { severity: "error", stages: ["check"] },
  "purpose/delete-empty": { severity: "error", stages: ["check"] },
  "purpose/delete-unknown-field": { severity: "error", stages: ["lint"] },
  // schema: names against the collection schema
  "schema/invalid-json-key": { severity: "error", stages: ["check"] },
  "schema/match-not-enabled": { severity: "error", stages: ["check"] },
  "schema/no-dynamic-field": { severity: "error", stages: ["check"] },
  "schema/text-field": { severity: "error", stages: ["check"] },
  "schema/unknown-field": { severity: "error", stages: ["check"] },
  "schema/unknown-struct-field": { severity: "error", stages: ["check"] },
  // server-bug: known Milvus bugs on the target release (src/check/server-bugs.ts)
  "server-bug/empty-list-template": { severity: "warning", stages: ["lint"] },
  "server-bug/in-or-not-equal": { severity: "warning", stages: ["lint"] },
  "server-bug/json-in-empty": { severity: "warning", stages: ["lint"] },
  "server-bug/json-range-mixed-numeric": {
    severity: "warning",
    stages: ["lint"],
  },
  "server-bug/nested-random-sample": { severity: "warning", stages: ["lint"] },
  "server-bug/null-pk-filter": {
    severity: "warning",
    stages: ["lint"],
  },
  "server-bug/template-under-not": { severity: "warning", stages: ["lint"] },
  // template: placeholder values
  "template/between-constants": { severity: "error", stages: ["check"] },
  "template/invalid-params": { severity: "error", stages: ["check"] },
  "template/missing": { severity: "error", stages: ["check"] },
  "template/not-list": { severity: "error", stages: ["check"] },
  "template/range-order": { severity: "error", stages: ["check"] },
  "template/type": { severity: "error", stages: ["check"] },
  "template/unused": { severity: "info", stages: ["check"] },
  // type: Milvus's type rules (Milvus rejects the filter)
  "type/arith": { severity: "error", stages: ["check"] },
  "type/arith-fields": { severity: "error", stages: ["check"] },
  "type/array-compare": { severity: "error", stages: ["check"] },
  "type/array-index": { severity: "error", stages: ["check"] },
  "type/array-length": { severity: "error", stages: ["check"] },
  "type/bitwise": { severity: "error", stages: ["check"] },
  "type/cast": { severity: "error", stages: ["check"] },
  "type/column-comparison": { severity: "error", stages: ["check"] },
  "type/complicated-arith": { severity: "error", stages: ["check"] },
  "type/constant-arith": { severity: "error", stages: ["check"] },
  "type/constant-comparison": { severity: "error", stages: ["check"] },
  "type/contains-target": { severity: "error", stages: ["check"] },
  "type/contains-value": { severity: "error", stages: ["check"] },
  "type/division-by-zero": { severity: "error", stages: ["check"] },
  "type/element-filter": { severity: "error", stages: ["check"] },
  "type/element-filter-position": { severity: "error", stages: ["check"] },
  "type/element-ref": { severity: "error", stages: ["check"] },
  "type/exists": { severity: "error", stages: ["check"] },
  "type/float-overflow": { severity: "error", stages: ["check"] },
  "type/incomparable": { severity: "error", stages: ["check"] },
  "type/int-overflow": { severity: "error", stages: ["check"] },
  "type/invalid-string": { severity: "error", stages: ["check"] },
  "type/is-null": { severity: "error", stages: ["check"] },
  "type/json-column-comparison": { severity: "error", stages: ["check"] },
  "type/like-target": { severity: "error", stages: ["check"] },
  "type/list-element": { severity: "error", stages: ["check"] },
  "type/logical-operand": { severity: "error", stages: ["check"] },
  "type/match-threshold": { severity: "error", stages: ["check"] },
  "type/modulo": { severity: "error", stages: ["check"] },
  "type/not-boolean": { severity: "error", stages: ["check"] },
  "type/not-indexable": { severity: "error", stages: ["check"] },
  "type/not-operand": { severity: "error", stages: ["check"] },
  "type/phrase-match-slop": { severity: "error", stages: ["check"] },
  "type/power": { severity: "error", stages: ["check"] },
  "type/random-sample": { severity: "error", stages: ["check"] },
  "type/random-sample-position": { severity: "error", stages: ["check"] },
  "type/range-bound": { severity: "error", stages: ["check"] },
  "type/range-cast": { severity: "error", stages: ["check"] },
  "type/range-order": { severity: "error", stages: ["check"] },
  "type/regex-pattern": { severity: "error", stages: ["check"] },
  "type/regex-target": { severity: "error", stages: ["check"] },
  "type/reversed-arith": { severity: "error", stages: ["check"] },
  "type/shift": { severity: "error", stages: ["check"] },
  "type/spatial": { severity: "error", stages: ["check"] },
  "type/spatial-distance": { severity: "error", stages: ["check"] },
  "type/string-argument": { severity: "error", stages: ["check"] },
  "type/term-cast": { severity: "error", stages: ["check"] },
  "type/term-list": { severity: "error", stages: ["check"] },
  "type/term-target": { severity: "error", stages: ["check"] },
  "type/text-match": { severity: "error", stages: ["check"] },
  "type/text-match-option": { severity: "error", stages: ["check"] },
  "type/timestamptz": { severity: "error", stages: ["check"] },
  "type/unary": { severity: "error", stages: ["check"] },
  "type/wkt": { severity: "error", stages: ["check"] },
  // version: the target release
  "version/delete-semantics-differ": {
    severity: "warning",
    stages: ["lint"],
  },
  "version/unsupported": { severity: "error", stages: ["check"] },
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
