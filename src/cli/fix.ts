/**
 * `--fix`: each filter is replaced by its canonical form where it is written, and nothing else in
 * the file changes. In a text file the filter's own characters are replaced (indentation and
 * trailing blanks stay); in JSON and JSONL the whole string literal is replaced by a freshly encoded
 * one, so escapes are always right and the surrounding formatting is kept byte for byte.
 */
import { applyJsonEdits, encodeJsonString } from "../util/json.js";
import type { FilterInput, InputFile } from "./inputs.js";

/** ESLint's fix shape: replace file offsets [range[0], range[1]) by `text`. */
export interface Fix {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * The edit that rewrites `input` to `canonical`, or null when there is nothing to do or it would
 * be unsafe: the filter has an error, there is no canonical form, it is already canonical, or the
 * canonical text cannot be written on one line of a text file.
 */
export function fixFor(input: FilterInput, canonical: string | null, hasError: boolean): Fix | null {
  if (hasError || canonical === null || canonical === input.text) return null;
  const { start, end, encoding } = input.literal;
  if (encoding === "plain") {
    // One filter per line: the replacement must stay one line, non-blank, and not read as a comment.
    if (/[\r\n]/.test(canonical) || canonical.trim() === "" || canonical.trimStart().startsWith("#")) return null;
    if (canonical !== canonical.trim()) return null;
    return { range: [start, end], text: canonical };
  }
  return { range: [start, end], text: encodeJsonString(canonical) };
}

/** The file text (without BOM) with the fixes applied. */
export function applyFixes(file: InputFile, fixes: readonly Fix[]): string {
  if (fixes.length === 0) return file.text;
  return applyJsonEdits(
    file.text,
    fixes.map((f) => ({ start: f.range[0], end: f.range[1], text: f.text })),
  );
}
