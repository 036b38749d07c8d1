/** Milvus versions the CLI can target, and what a filter is for (issue 3 §4–5, issue 13). */
import { DEFAULT_TARGET, TARGETS, type Target } from "../check/types.js";
import { resolveTarget, formatRelease } from "../util/releases.js";
import { CliUsageError } from "./io.js";

export { DEFAULT_TARGET, TARGETS, type Target };

export const PURPOSES = ["delete", "query"] as const;
export type Purpose = (typeof PURPOSES)[number];
/** The CLI's default: delete is the dangerous case. */
export const DEFAULT_PURPOSE: Purpose = "delete";

/** Help text of `--target`. */
export const TARGET_HELP =
  `Milvus version to check against: a release line (${TARGETS.join(", ")}; a line means every release of it, so its oldest decides), ` +
  `a release (2.5.3, v2.6.17) or latest (default: ${DEFAULT_TARGET}, the newest)`;

/** A `--target` value or the config's `target`, validated; a usage error lists the known releases. */
export function checkTarget(value: string, where = ""): Target {
  const r = resolveTarget(value);
  if (!r.ok) throw new CliUsageError(`target: ${r.message}${where}`);
  return value.trim();
}

/**
 * What a target stands for, for live commands (the REST v2 API reports no server version, so the
 * client cannot learn it): `2.5 (assumed: every 2.5 release, 2.5.0–2.5.26)`.
 */
export function describeAssumedTarget(value: string | undefined): string {
  const spec = value ?? DEFAULT_TARGET;
  const r = resolveTarget(spec);
  const given = value === undefined ? ", the default: pass --target with your server's version" : "";
  if (!r.ok) return spec;
  const t = r.target;
  if (t.exact) return `${spec} (assumed${given})`;
  return `${spec} (assumed: every ${t.line} release, ${formatRelease({ line: t.line, patch: t.first })}–${formatRelease({ line: t.line, patch: t.last })}${given})`;
}

