/** Milvus versions the checker can target, and what a filter is for (issue 3 §4–5). */

// ─── MERGE POINT: targets ────────────────────────────────────────────────────────────────
// Keep in step with the checker's own target list (or import it from src/check when it exports
// one); the default is the newest.
export const TARGETS = ["2.3", "2.4", "2.5", "2.6", "3.0"] as const;
export type Target = (typeof TARGETS)[number];
export const DEFAULT_TARGET: Target = "3.0";

export const PURPOSES = ["delete", "query"] as const;
export type Purpose = (typeof PURPOSES)[number];
/** The CLI's default: delete is the dangerous case. */
export const DEFAULT_PURPOSE: Purpose = "delete";
