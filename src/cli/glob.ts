/**
 * Minimal glob support for file arguments (no dependencies): `*` and `?` match within one path
 * segment, `**` matches any number of whole segments. Braces and character classes are not
 * supported; a pattern without `*` or `?` is an ordinary path.
 */

export function hasGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export interface GlobParts {
  /** Leading segments without wildcards, joined with `/` (may be "" or start with `/`). */
  readonly base: string;
  /** The remaining segments, containing at least one wildcard. */
  readonly segments: readonly string[];
}

/** Splits `src/**\/*.json` into base `src` and segments `["**", "*.json"]`. */
export function splitGlob(pattern: string): GlobParts {
  const normalized = pattern.replace(/\\/g, "/");
  const parts = normalized.split("/");
  let i = 0;
  while (i < parts.length - 1 && !hasGlob(parts[i]!)) i++;
  const baseParts = parts.slice(0, i);
  let base = baseParts.join("/");
  if (base === "" && normalized.startsWith("/")) base = "/";
  return { base, segments: parts.slice(i).filter((s, k, all) => s !== "" || k === all.length - 1) };
}

function segmentSource(segment: string): string {
  let out = "";
  for (const ch of segment) {
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}

/** A RegExp matching `/`-separated paths relative to the glob's base. */
export function globToRegExp(segments: readonly string[]): RegExp {
  let source = "^";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") source += last ? ".*" : "(?:.*/)?";
    else source += segmentSource(segment) + (last ? "" : "/");
  });
  return new RegExp(`${source}$`);
}

/** Whether a walk needs to descend deeper than `depth` segments to find matches. */
export function globIsDeep(segments: readonly string[]): boolean {
  return segments.includes("**");
}
