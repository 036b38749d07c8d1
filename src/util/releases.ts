/**
 * Milvus releases a check can target: release lines, their known patch releases, and how a
 * `--target` string names them.
 *
 * A target is a release line (`2.5`), an exact release (`2.5.3`, `v2.6.17`) or `latest`. A bare
 * line stands for every patch of that line, so a filter accepted for `2.5` runs on every 2.5
 * server: for the features that only ever arrive, that is the answer at the line's oldest patch.
 *
 * Known patch ranges (the newest patch per line is the newest release we have evidence for):
 * 2.3.20 (release notes, 2024-07-25) and 2.4.24 (release notes, 2025-11-11); 2.5.26 from the
 * milvus.io 2.5 release notes (2026-01-27; the fork zhengbuqian/milvus branch `2.5` ends at the
 * v2.5.24 version bump 9e85eb4d04); 2.6.18 from the fork's branch `2.6` (bump 5aee61bff0). `3.0` is
 * the fork's master (2026-07-10, v3.0-beta) and has no patches yet.
 */

export const LINES = ["2.3", "2.4", "2.5", "2.6", "3.0"] as const;
export type Line = (typeof LINES)[number];

/** Newest known patch of each line. */
export const NEWEST_PATCH: Readonly<Record<Line, number>> = { "2.3": 20, "2.4": 24, "2.5": 26, "2.6": 18, "3.0": 0 };

/** One release: a line and a patch number (3.0 = master, patch 0). */
export interface Release {
  readonly line: Line;
  readonly patch: number;
}

/** A target resolved to the releases it stands for: one line, patches `first`..`last`. */
export interface ResolvedTarget {
  /** As the user wrote it (trimmed). */
  readonly spec: string;
  readonly line: Line;
  readonly first: number;
  readonly last: number;
  /** A single release (`2.5.3`) rather than a whole line (`2.5`). */
  readonly exact: boolean;
}

export const lineIndex = (line: Line): number => LINES.indexOf(line);

/** `2.5.3`; master prints as `3.0`. */
export function formatRelease(r: Release): string {
  return r.line === "3.0" ? "3.0" : `${r.line}.${r.patch}`;
}

/** Parses `2.5.3` / `3.0` (no `v`, no range check) into a release; undefined when malformed. */
export function parseRelease(text: string): Release | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const line = `${Number(m[1])}.${Number(m[2])}`;
  if (!(LINES as readonly string[]).includes(line)) return undefined;
  return { line: line as Line, patch: m[3] === undefined ? 0 : Number(m[3]) };
}

/** -1, 0, 1 as a is older, equal, newer than b. */
export function compareReleases(a: Release, b: Release): number {
  const l = lineIndex(a.line) - lineIndex(b.line);
  if (l !== 0) return Math.sign(l);
  return Math.sign(a.patch - b.patch);
}

/** The known releases, for messages: `2.3.0–2.3.20, 2.4.0–2.4.24, …, 3.0`. */
export function knownRange(): string {
  return LINES.map((l) => (NEWEST_PATCH[l] === 0 ? `${l} (master)` : `${l}.0–${l}.${NEWEST_PATCH[l]}`)).join(", ");
}

export type TargetParse =
  | { readonly ok: true; readonly target: ResolvedTarget }
  | { readonly ok: false; readonly message: string; readonly code: "version/unknown" | "usage/bad-argument" };

/**
 * `2.5` | `2.5.3` | `v2.6.17` | `3.0` | `latest` → the releases it stands for. Anything else,
 * or a patch outside the known range, is an error whose message lists the known range.
 */
export function resolveTarget(spec: string): TargetParse {
  if (typeof spec !== "string" || spec.length > 64) return parseTarget(spec);
  // Every check resolves its target (and the option check resolves it once more): the answer for a
  // string is worked out once. Answers are frozen, as they are shared; the cache holds the few
  // targets a program uses and is emptied if a caller sends many different strings.
  let r = RESOLVED.get(spec);
  if (r === undefined) {
    r = freezeParse(parseTarget(spec));
    if (RESOLVED.size >= MAX_RESOLVED) RESOLVED.clear();
    RESOLVED.set(spec, r);
  }
  return r;
}

const RESOLVED = new Map<string, TargetParse>();
const MAX_RESOLVED = 64;

function freezeParse(r: TargetParse): TargetParse {
  if (r.ok) Object.freeze(r.target);
  return Object.freeze(r);
}

function parseTarget(spec: string): TargetParse {
  if (typeof spec !== "string") {
    return { ok: false, code: "usage/bad-argument", message: `resolveTarget: spec must be a string such as "2.6" or "2.6.17", got ${spec === null ? "null" : typeof spec}` };
  }
  const text = spec.trim();
  const bad = (why: string): TargetParse => ({
    ok: false,
    code: "version/unknown",
    message: `${why}; known Milvus versions: ${knownRange()} — write a release line (2.5), a release (2.5.3 or v2.5.3) or latest`,
  });
  if (text.toLowerCase() === "latest") return { ok: true, target: { spec: text, line: "3.0", first: 0, last: 0, exact: true } };
  const m = /^[vV]?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return bad(`"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a Milvus version`);
  const line = `${Number(m[1])}.${Number(m[2])}`;
  if (!(LINES as readonly string[]).includes(line)) return bad(`Milvus ${line} is not a known release line`);
  const l = line as Line;
  if (m[3] === undefined) return { ok: true, target: { spec: text, line: l, first: 0, last: NEWEST_PATCH[l], exact: NEWEST_PATCH[l] === 0 } };
  const patch = Number(m[3]);
  if (patch > NEWEST_PATCH[l]) return bad(`Milvus ${line}.${patch} is not a known release`);
  return { ok: true, target: { spec: text, line: l, first: patch, last: patch, exact: true } };
}
