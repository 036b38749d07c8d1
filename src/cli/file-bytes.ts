/**
 * Input files as bytes. A file is decoded as UTF-8 for reading filters, but a rewrite (`--fix`,
 * `fmt --write`) is done on the original bytes, so that bytes which are not valid UTF-8 (a Latin-1
 * `é` in a comment, a stray byte in another JSON field) survive unchanged instead of becoming
 * U+FFFD. Text offsets are UTF-16 indices into the decoded text, as everywhere else.
 */
import type { JsonEdit } from "../util/json.js";

const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/** The decoded text (a BOM is kept as U+FEFF) and whether every byte was valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: strictDecoder.decode(bytes), valid: true };
  } catch {
    return { text: lenientDecoder.decode(bytes), valid: false };
  }
}

/**
 * Byte offsets of the sorted text `offsets` in `bytes`, decoding exactly as TextDecoder does (the
 * WHATWG UTF-8 decoder: each maximal invalid subsequence becomes one U+FFFD), and the text offset
 * of the first U+FFFD that stands for invalid bytes (-1 when there is none). One pass.
 */
export function utf8Layout(bytes: Uint8Array, offsets: readonly number[]): { byteOffsets: number[]; firstInvalid: number } {
  const byteOffsets: number[] = [];
  let next = 0; // index into offsets
  let units = 0; // UTF-16 units decoded so far
  let firstInvalid = -1;
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let charStart = 0; // byte where the character being decoded began
  // Called before a character of `width` units is appended; it began at byte `at`.
  const emit = (at: number, width: number, invalid: boolean): void => {
    while (next < offsets.length && offsets[next]! <= units) {
      byteOffsets.push(offsets[next] === units ? at : -1);
      next++;
    }
    if (invalid && firstInvalid < 0) firstInvalid = units;
    units += width;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      charStart = i;
      if (b <= 0x7f) emit(i, 1, false);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = b & 0x7;
      } else emit(i, 1, true);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one U+FFFD; this byte starts afresh.
      needed = seen = codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      emit(charStart, 1, true);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (b & 0x3f);
    if (++seen === needed) {
      emit(charStart, codePoint > 0xffff ? 2 : 1, false);
      needed = seen = codePoint = 0;
    }
  }
  if (needed !== 0) emit(charStart, 1, true);
  while (next < offsets.length) {
    byteOffsets.push(offsets[next] === units ? bytes.length : -1);
    next++;
  }
  return { byteOffsets, firstInvalid };
}

/**
 * `bytes` with the (sorted, non-overlapping) edits applied: every byte outside the edited spans
 * is copied as it is, each replacement is encoded as UTF-8. `expected` is the decoded text with
 * the same edits; the result must decode to it, else null is returned (an edit boundary that
 * does not fall between two characters, or replacement text that UTF-8 cannot hold exactly).
 */
export function spliceUtf8(bytes: Uint8Array, edits: readonly JsonEdit[], expected: string): Uint8Array | null {
  const { byteOffsets } = utf8Layout(bytes, edits.flatMap((e) => [e.start, e.end]));
  if (byteOffsets.some((o) => o < 0)) return null;
  const parts: Uint8Array[] = [];
  let from = 0;
  edits.forEach((e, k) => {
    parts.push(bytes.subarray(from, byteOffsets[2 * k]!), encoder.encode(e.text));
    from = byteOffsets[2 * k + 1]!;
  });
  parts.push(bytes.subarray(from));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return lenientDecoder.decode(out) === expected ? out : null;
}
