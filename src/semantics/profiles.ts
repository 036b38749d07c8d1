/**
 * Execution semantics per Milvus release line: the few behaviours where the same filter selects
 * different rows on different servers. The evaluator (the delete dry-run) follows the profile of
 * its target, so a preview shows what *that* server would delete.
 *
 * Read from the Milvus source, fork zhengbuqian/milvus: master at 88f357a345 (2026-07-10, the 3.0
 * line) and branch 2.6 at f15a99625b (2026-06-04, 2.6.18). docs/semantics.md cites each rule's file.
 *
 * `semanticsFor(target)` is the one place that maps a target to a profile. It takes a release line
 * ("2.6", "3.0"), an exact release ("2.6.17", "3.0.0"), or "latest" / "master".
 */

import { isJsonFloat } from "../util/json.js";
import { is, requireCall } from "../diag/usage.js";

export type ProfileId = "2.6" | "master";

export interface SemanticsProfile {
  readonly id: ProfileId;
  /** For output: "Milvus 3.0 (master 2026-07)". */
  readonly label: string;
  /**
   * A JSON / dynamic-key value that is missing, JSON null, or of a type the operator does not take:
   * "false" = `== < <= > >=`, `in`, LIKE, regex and json_contains are FALSE, `!=` is TRUE (2.6);
   * "unknown" = the predicate is UNKNOWN, also under not / != / not in (master, #50702).
   */
  readonly jsonMismatch: "false" | "unknown";
  /** `j["k"] != v` on a row whose JSON column is NULL: TRUE (2.6, medium confidence) or UNKNOWN. */
  readonly nullJsonColumnNotEqual: true | null;
  /** `array_length(j["k"])` on a missing or non-array value: 0 (2.6) or UNKNOWN (master). */
  readonly jsonArrayLengthNonArray: 0 | null;
  /** One line for preview output. */
  readonly summary: string;
}

export const PROFILES: Readonly<Record<ProfileId, SemanticsProfile>> = {
  "2.6": {
    id: "2.6",
    label: "Milvus 2.6 (branch 2.6, 2.6.18)",
    jsonMismatch: "false",
    nullJsonColumnNotEqual: true,
    jsonArrayLengthNonArray: 0,
    summary: "missing JSON keys and type mismatches are FALSE (TRUE under !=)",
  },
  master: {
    id: "master",
    label: "Milvus 3.0 (master 2026-07)",
    jsonMismatch: "unknown",
    nullJsonColumnNotEqual: null,
    jsonArrayLengthNonArray: null,
    summary: "missing JSON keys and type mismatches are UNKNOWN",
  },
};

export interface ChosenSemantics {
  readonly profile: SemanticsProfile;
  /** What is assumed and not established for this target, when something is. */
  readonly note?: string;
}

/** The fix that made JSON missing keys UNKNOWN was ported to 2.6 after the snapshot read here. */
const PORT_NOTE =
  "the JSON UNKNOWN rules (#50701/#50702) were ported to 2.6 as 7ee85ba28e (#50722, 2026-06-30); " +
  "which 2.6 patch release carries them is not established: this preview assumes the 2.6.18 behaviour";

/**
 * The profile for a target: a line ("2.6", "3.0"), an exact release ("2.6.17"), or "latest" /
 * "master". Lines before 2.6 were not read: they get the 2.6 profile with a note.
 */
export function semanticsFor(target: string): ChosenSemantics {
  // Every check asks (the CheckedTree carries the answer): a short target's answer is worked out
  // once and shared, frozen; the cache is emptied if a caller sends many different strings.
  if (typeof target === "string" && target.length <= 64) {
    let chosen = CHOSEN.get(target);
    if (chosen === undefined) {
      chosen = Object.freeze(choose(target));
      if (CHOSEN.size >= 64) CHOSEN.clear();
      CHOSEN.set(target, chosen);
    }
    return chosen;
  }
  [target] = requireCall("semanticsFor", [{ name: "target", rule: is.string }], [target]) as [string];
  return choose(target);
}

const CHOSEN = new Map<string, ChosenSemantics>();

function choose(target: string): ChosenSemantics {
  const t = target.trim().toLowerCase();
  if (t === "latest" || t === "master") return { profile: PROFILES.master };
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(t);
  if (m === null) return { profile: PROFILES.master, note: `unknown target '${target}': assuming newest master` };
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major >= 3) return { profile: PROFILES.master };
  if (major === 2 && minor === 6) {
    const patch = m[3] === undefined ? undefined : Number(m[3]);
    // 2.6.0–2.6.18 were read; a later patch may or may not carry the port.
    if (patch !== undefined && patch <= 18) return { profile: PROFILES["2.6"] };
    return { profile: PROFILES["2.6"], note: PORT_NOTE };
  }
  return {
    profile: PROFILES["2.6"],
    note: `the execution rules of Milvus ${m[1]}.${m[2]} were not read: this preview assumes the 2.6 line's`,
  };
}

/** "semantics: Milvus 3.0 (master 2026-07): missing JSON keys are UNKNOWN" (+ the note). */
export function describeSemantics(s: ChosenSemantics): string {
  [s] = requireCall("describeSemantics", [{ name: "chosen", rule: is.shaped("a ChosenSemantics (from semanticsFor)", { profile: is.object }) }], [s]) as [ChosenSemantics];
  return `semantics: ${s.profile.label}: ${s.profile.summary}${s.note !== undefined ? ` (${s.note})` : ""}`;
}

/**
 * The kind of a JSON value as the server's typed readers see it: "number" (int or double),
 * "string", "boolean", "array", or "none" (missing, JSON null, an object).
 */
export function jsonKind(v: unknown): "number" | "string" | "boolean" | "array" | "none" {
  switch (typeof v) {
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "object":
      if (Array.isArray(v)) return "array";
      return v !== null && isJsonFloat(v) ? "number" : "none";
    default:
      return "none";
  }
}
