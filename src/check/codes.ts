/**
 * The checker's view of the diagnostic code registry (src/diag/codes.ts): the codes the type
 * checker and its lint rules report.
 */
import type { Severity } from "../diag/diagnostic.js";
import { CODE_LIST, reportedSeverity, type CodeInfo, type CodeOf } from "../diag/codes.js";
import { CODE_DOCS } from "../diag/code-docs.js";

/** A code the checker (`check`) or one of its lint rules (src/check/rules/) reports. */
export type CheckCode = CodeOf<"check"> | CodeOf<"lint">;

const isCheckCode = (c: CodeInfo): c is CodeInfo<CheckCode> => c.stages.includes("check") || c.stages.includes("lint");

const OWN: readonly CodeInfo<CheckCode>[] = CODE_LIST.filter(isCheckCode);

/** The checker's codes with their facts, by code. */
export const CODES: Readonly<Record<CheckCode, CodeInfo<CheckCode>>> = Object.freeze(
  Object.fromEntries(OWN.map((c) => [c.code, c])) as Record<CheckCode, CodeInfo<CheckCode>>,
);

/** The checker's codes, sorted by code. */
export const CHECK_CODES: readonly { code: CheckCode; defaultSeverity: Severity; description: string }[] = /* @__PURE__ */ checkCodes();

// Called with a pure annotation: a bundle that never reads CHECK_CODES drops it and the docs text (src/diag/code-docs.ts).
function checkCodes(): readonly { code: CheckCode; defaultSeverity: Severity; description: string }[] {
  return Object.freeze(
    OWN.map((c) => ({ code: c.code, defaultSeverity: reportedSeverity(c.code), description: CODE_DOCS[c.code] })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  );
}
