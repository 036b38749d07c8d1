/**
 * `--fix`: each filter is replaced by its canonical form where it is written, and nothing else in
 * the file changes. In a text file the filter's own characters are replaced (indentation and
 * trailing blanks stay); in JSON and JSONL the whole string literal is replaced by a freshly encoded
 * one, so escapes are always right and the surrounding formatting is kept byte for byte.
 *
 * The file is written from its original bytes (fixedBytes), so bytes that are not valid UTF-8
 * outside the fixed filters stay as they were; a filter that itself holds such bytes is not fixed
 * (its canonical form would replace them with U+FFFD).
 */
import { applyJsonEdits, encodeJsonString } from "../util/json.js";
import { spliceUtf8 } from "./file-bytes.js";
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
  if (holdsUndecodableBytes(input)) return null;
  if (encoding === "plain") {
    // One filter per line: the replacement must stay one line, non-blank, and not read as a comment.
    if (/[\r\n]/.test(canonical) || canonical.trim() === "" || canonical.trimStart().startsWith("#")) return null;
    if (canonical !== canonical.trim()) return null;
    return { range: [start, end], text: canonical };
  }
  return { range: [start, end], text: encodeJsonString(canonical) };
}

/** Whether the filter is written with bytes that are not valid UTF-8 (read as U+FFFD): a rewrite would lose them. */
export function holdsUndecodableBytes(input: FilterInput): boolean {
  return input.source.undecodable && input.source.text.slice(input.literal.start, input.literal.end).includes("\ufffd");
}

/** The file text (without BOM) with the fixes applied. */
export function applyFixes(file: InputFile, fixes: readonly Fix[]): string {
  if (fixes.length === 0) return file.text;
  return applyJsonEdits(
    file.text,
    fixes.map((f) => ({ start: f.range[0], end: f.range[1], text: f.text })),
  );
}

/**
 * The bytes to write for `file` with `fixes` applied, whose text (BOM restored) is `output`: the
 * original bytes with only the fixed spans replaced. Null when they would not read back as
 * `output` (nothing must be written then).
 */
export function fixedBytes(file: InputFile, fixes: readonly Fix[], output: string): Uint8Array | null {
  const bytes = file.bytes ?? new TextEncoder().encode(file.withBom(file.text));
  const shift = file.bom ? 1 : 0;
  const edits = [...fixes]
    .sort((a, b) => a.range[0] - b.range[0])
    .map((f) => ({ start: f.range[0] + shift, end: f.range[1] + shift, text: f.text }));
  return spliceUtf8(bytes, edits, output);
}
