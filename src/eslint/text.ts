/**
 * The filter text that a piece of JavaScript source evaluates to, with the way back from every
 * offset in that text to the source: diagnostics are reported at their exact place inside the
 * literal, through escape sequences, line continuations and surrogate pairs.
 *
 * A text is a list of segments. Each segment is the content of one string literal, one template
 * quasi, or (in a `filter` tagged template) one interpolation replaced by a stand-in token.
 */

/** How the source characters of a segment become filter text. */
export type SegmentKind =
  /** A quoted string literal: escapes are decoded (the value JavaScript computes). */
  | "string"
  /** An untagged template quasi: escapes decoded, CR LF and lone CR read as LF. */
  | "template"
  /** A tagged template quasi read raw (`String.raw`, what the builder reads): only CR LF / CR become LF. */
  | "raw"
  /** A stand-in for an interpolation: every offset maps to the whole `${…}`. */
  | "opaque";

export interface Segment {
  readonly kind: SegmentKind;
  /** Offset of the segment in the filter text. */
  readonly at: number;
  /** Length in the filter text (UTF-16 code units). */
  readonly length: number;
  /** Source range [start, end) of the segment's characters (without the quotes). */
  readonly start: number;
  readonly end: number;
}

export interface StaticText {
  readonly text: string;
  readonly segments: readonly Segment[];
  /** The whole source file the segments point into. */
  readonly source: string;
}

/** Builds a StaticText from pieces given in order. */
export class TextBuilder {
  private text = "";
  private readonly segments: Segment[] = [];

  constructor(private readonly source: string) {}

  add(kind: SegmentKind, value: string, start: number, end: number): this {
    this.segments.push({ kind, at: this.text.length, length: value.length, start, end });
    this.text += value;
    return this;
  }

  build(): StaticText {
    return { text: this.text, segments: this.segments, source: this.source };
  }
}

/** Source range [start, end) of the text span [from, to); a span inside one escape covers the whole escape. */
export function sourceRange(t: StaticText, from: number, to: number): { start: number; end: number } {
  if (t.segments.length === 0) return { start: 0, end: 0 };
  const first = segmentAt(t, from);
  const last = to > from ? segmentAt(t, to - 1) : first;
  const start = unitRange(t, first, from, "start");
  const end = to > from ? unitRange(t, last, to - 1, "end") : start;
  return { start, end: Math.max(start, end) };
}

/** The segment holding text offset i (the last one for the end of the text). */
function segmentAt(t: StaticText, i: number): Segment {
  let lo = 0;
  let hi = t.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.segments[mid]!.at <= i) lo = mid;
    else hi = mid - 1;
  }
  // The last segment starting at or before i: empty segments before it are passed over.
  return t.segments[lo]!;
}

/** Source offset of the start (or end) of the character holding text offset i. */
function unitRange(t: StaticText, seg: Segment, i: number, which: "start" | "end"): number {
  if (seg.kind === "opaque") return which === "start" ? seg.start : seg.end;
  const unit = i - seg.at;
  if (unit >= seg.length) return seg.end;
  if (unit < 0) return seg.start;
  const found = locateUnit(t.source, seg, unit);
  return which === "start" ? found.start : found.end;
}

const HEX = /^[0-9a-fA-F]$/;

/**
 * Source range of the character that produces code unit `unit` of the segment. One pass from the
 * segment's start: linear in the distance scanned.
 */
export function locateUnit(src: string, seg: Segment, unit: number): { start: number; end: number } {
  let pos = seg.start;
  let produced = 0;
  while (pos < seg.end) {
    const step = decodeStep(src, pos, seg.end, seg.kind);
    if (unit < produced + step.units) return { start: pos, end: step.next };
    produced += step.units;
    pos = step.next;
  }
  return { start: seg.end, end: seg.end };
}

/** One source character or escape: how many code units it yields and where the next one starts. */
function decodeStep(src: string, pos: number, end: number, kind: SegmentKind): { units: number; next: number } {
  const c = src.charCodeAt(pos);
  // CR LF in a template is one LF (raw or cooked); a string literal cannot hold a bare CR.
  if (c === 0x0d) return { units: 1, next: src.charCodeAt(pos + 1) === 0x0a && pos + 1 < end ? pos + 2 : pos + 1 };
  if (c !== 0x5c || kind === "raw" || kind === "opaque") return { units: 1, next: pos + 1 };
  // A backslash escape (string literal or untagged template).
  const e = src.charCodeAt(pos + 1);
  const ch = src[pos + 1] ?? "";
  switch (ch) {
    case "\r":
      return { units: 0, next: src.charCodeAt(pos + 2) === 0x0a ? pos + 3 : pos + 2 };
    case "\n":
    case "\u2028":
    case "\u2029":
      return { units: 0, next: pos + 2 };
    case "x":
      return { units: 1, next: pos + 4 };
    case "u": {
      if (src[pos + 2] === "{") {
        let q = pos + 3;
        let cp = 0;
        while (q < end && HEX.test(src[q]!)) cp = cp * 16 + parseInt(src[q++]!, 16);
        return { units: cp > 0xffff ? 2 : 1, next: q + 1 };
      }
      return { units: 1, next: pos + 6 };
    }
    default:
      break;
  }
  if (e >= 0x30 && e <= 0x37 && kind === "string") {
    // Legacy octal escape (sloppy-mode strings): up to three digits, value at most 0o377.
    let q = pos + 2;
    const max = e <= 0x33 ? 3 : 2;
    while (q < pos + 1 + max && q < end && src.charCodeAt(q) >= 0x30 && src.charCodeAt(q) <= 0x37) q++;
    return { units: 1, next: q };
  }
  // Single-character escapes (\n, \", \\ …) and identity escapes; a surrogate pair after the backslash is one character.
  const pair = e >= 0xd800 && e <= 0xdbff && pos + 2 < end;
  return { units: pair ? 2 : 1, next: pos + (pair ? 3 : 2) };
}
