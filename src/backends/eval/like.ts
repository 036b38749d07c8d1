/**
 * LIKE without backtracking.
 *
 * Pattern language (Milvus segcore's LikePatternMatcher): the whole string must match; `%` matches
 * any run of characters (including none); `_` matches exactly one character, i.e. one Unicode code
 * point (one UTF-8 character on the server; here one code point, a surrogate pair counting once);
 * `\` makes the next character literal; everything else matches itself, case-sensitively.
 *
 * Algorithm: the pattern splits at unescaped `%` into segments of fixed width (in code points).
 * The first segment is matched at the start, the last one backwards from the end, and each middle
 * segment at its leftmost occurrence after the previous one. Leftmost is always the best choice
 * for a fixed-width segment (a later start can only end later), so no choice is ever revisited:
 * each middle segment is one left-to-right search. A segment without `_` is an `indexOf`. A
 * segment with `_` of width m ≤ 32 is searched by trying each occurrence of its first literal
 * run, O(|s| · m) ≤ O(32 · |s|); a wider one by bit-parallel Shift-And over the code points,
 * O(|s| · ⌈m/32⌉) word operations. So a row costs O(|s| · (1 + m/32)) summed over the segments,
 * never more (docs/semantics.md states this bound). The Shift-And tables take (distinct code
 * points of the segment + 1) · ⌈m/32⌉ words; beyond BIT_TABLE_LIMIT words (a segment of tens of
 * thousands of distinct characters) the segment falls back to the occurrence search, O(|s| · m).
 */
import { checkCall, usageFailure, type UsageCode } from "../../diag/usage.js";
import { SPECS } from "../../diag/api-specs.js";

/** A run of literal text (string), or that many single-character wildcards (number). */
type Item = string | number;

interface Segment {
  readonly items: readonly Item[];
  /** Literal-only segment text (no `_`), for indexOf. */
  readonly plain?: string;
  /** Shift-And tables, for a segment with `_` wider than one machine word. */
  readonly bits?: ShiftAnd;
}

/** Bit j of a mask is set when pattern position j accepts the code point. */
interface ShiftAnd {
  /** Width of the segment in code points. */
  readonly width: number;
  /** Words per mask: ⌈width / 32⌉. */
  readonly words: number;
  /** The positions of `_` only: the mask of a code point the segment does not contain. */
  readonly wild: Uint32Array;
  readonly masks: ReadonlyMap<number, Uint32Array>;
}

/** Most words the Shift-And tables of one segment may take (16 MiB). */
const BIT_TABLE_LIMIT = 1 << 22;

export type LikeResult = { ok: true; match: (s: string) => boolean; kind: string } | { ok: false; error: string; code?: UsageCode };


/** Compile a LIKE pattern (the value after string-literal unquoting). */
export function compileLike(pattern: string): LikeResult {
  if (typeof pattern !== "string") return usageFailure(checkCall("compileLike", SPECS.compileLike, [pattern]));
  const segments: Segment[] = [];
  let items: Item[] = [];
  let lit = "";
  let skip = 0;
  const flushLit = (): void => {
    if (lit) items.push(lit);
    lit = "";
  };
  const flushSkip = (): void => {
    if (skip) items.push(skip);
    skip = 0;
  };
  const endSegment = (): void => {
    flushLit();
    flushSkip();
    const plain = items.every((it) => typeof it === "string") ? items.join("") : undefined;
    const bits = plain === undefined ? shiftAnd(items) : undefined;
    segments.push(plain !== undefined ? { items, plain } : bits !== undefined ? { items, bits } : { items });
    items = [];
  };
  const p = wellFormed(pattern);
  for (let i = 0; i < p.length; ) {
    const cp = p.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const ch = p.slice(i, i + w);
    i += w;
    if (ch === "\\") {
      if (i >= p.length) return { ok: false, error: "the LIKE pattern ends with a lone backslash (Milvus fails the query at execution: trailing backslash with nothing to escape)" };
      const w2 = p.codePointAt(i)! > 0xffff ? 2 : 1;
      flushSkip();
      lit += p.slice(i, i + w2);
      i += w2;
    } else if (ch === "%") {
      endSegment();
    } else if (ch === "_") {
      flushLit();
      skip++;
    } else {
      flushSkip();
      lit += ch;
    }
  }
  endSegment();
  return build(segments);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates become U+FFFD, as the client's UTF-8 encoder sends them to the server. */
export const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, "\uFFFD");

/** Advance `n` code points from `i`; -1 if the string ends first. */
function forward(s: string, i: number, n: number): number {
  for (let k = 0; k < n; k++) {
    if (i >= s.length) return -1;
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** Step back `n` code points from `i`; -1 if the start comes first. */
function backward(s: string, i: number, n: number): number {
  for (let k = 0; k < n; k++) {
    if (i <= 0) return -1;
    const c = s.charCodeAt(i - 1);
    i -= isLow(c) && i - 2 >= 0 && isHigh(s.charCodeAt(i - 2)) ? 2 : 1;
  }
  return i;
}

const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** Match `seg` starting at `i`; returns the end index or -1. */
function matchAt(s: string, seg: Segment, i: number): number {
  const items = seg.items;
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    if (typeof it === "string") {
      if (!s.startsWith(it, i)) return -1;
      i += it.length;
    } else {
      i = forward(s, i, it);
      if (i < 0) return -1;
    }
  }
  return i;
}

/** Match `seg` ending at `end`; returns the start index or -1. */
function matchBefore(s: string, seg: Segment, end: number): number {
  let i = end;
  for (let k = seg.items.length - 1; k >= 0; k--) {
    const it = seg.items[k]!;
    if (typeof it === "string") {
      if (i < it.length || !s.startsWith(it, i - it.length)) return -1;
      i -= it.length;
    } else {
      i = backward(s, i, it);
      if (i < 0) return -1;
    }
  }
  return i;
}

/** Shift-And tables for a segment wider than 32 code points (undefined when narrower or too large). */
function shiftAnd(items: readonly Item[]): ShiftAnd | undefined {
  const pattern: number[] = []; // code points; -1 for `_`
  for (const it of items) {
    if (typeof it === "number") for (let k = 0; k < it; k++) pattern.push(-1);
    else for (const ch of it) pattern.push(ch.codePointAt(0)!);
  }
  const width = pattern.length;
  if (width <= 32) return undefined;
  const words = (width + 31) >>> 5;
  const distinct = new Set(pattern).size;
  if (distinct * words > BIT_TABLE_LIMIT) return undefined;
  const wild = new Uint32Array(words);
  pattern.forEach((cp, j) => {
    if (cp < 0) wild[j >>> 5]! |= 1 << (j & 31);
  });
  const masks = new Map<number, Uint32Array>();
  pattern.forEach((cp, j) => {
    if (cp < 0) return;
    let m = masks.get(cp);
    if (m === undefined) masks.set(cp, (m = wild.slice()));
    m[j >>> 5]! |= 1 << (j & 31);
  });
  return { width, words, wild, masks };
}

/**
 * Leftmost occurrence by Shift-And: after each code point of `s`, bit j of `state` says whether
 * the segment's first j + 1 positions match the text ending there. The first time bit width-1 is
 * set, the segment ends here, and it is the leftmost occurrence (every occurrence has the same width).
 */
function findBits(s: string, t: ShiftAnd, from: number): [number, number] | undefined {
  const { words, wild, masks, width } = t;
  const state = new Uint32Array(words);
  const lastWord = words - 1;
  const lastBit = 1 << ((width - 1) & 31);
  for (let i = from; i < s.length; ) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    const mask = masks.get(c) ?? wild;
    let carry = 1; // a match may start at every position
    for (let k = 0; k < words; k++) {
      const d = state[k]!;
      state[k] = ((d << 1) | carry) & mask[k]!;
      carry = d >>> 31;
    }
    if ((state[lastWord]! & lastBit) !== 0) return [backward(s, i, width), i];
  }
  return undefined;
}

/** Leftmost occurrence of `seg` at or after `from` (a code-point boundary): [start, end] or undefined. */
function find(s: string, seg: Segment, from: number): [number, number] | undefined {
  if (seg.plain !== undefined) {
    const at = s.indexOf(seg.plain, from);
    return at < 0 ? undefined : [at, at + seg.plain.length];
  }
  if (seg.bits !== undefined) return findBits(s, seg.bits, from);
  // Anchor the search on the first literal run, if any: candidates are its occurrences.
  const first = seg.items.findIndex((it) => typeof it === "string");
  if (first < 0) {
    const end = matchAt(s, seg, from);
    return end < 0 ? undefined : [from, end];
  }
  const lead = first === 0 ? 0 : (seg.items[0] as number);
  const anchor = seg.items[first] as string;
  let searchFrom = forward(s, from, lead);
  while (searchFrom >= 0 && searchFrom <= s.length) {
    const at = s.indexOf(anchor, searchFrom);
    if (at < 0) return undefined;
    const start = backward(s, at, lead);
    if (start >= from) {
      const end = matchAt(s, seg, start);
      if (end >= 0) return [start, end];
    }
    searchFrom = forward(s, at, 1);
  }
  return undefined;
}

function build(segments: Segment[]): LikeResult {
  if (segments.length === 1) {
    const only = segments[0]!;
    if (only.plain !== undefined) {
      const text = only.plain;
      return { ok: true, kind: "equal", match: (s) => s === text };
    }
    return { ok: true, kind: "match", match: (s) => matchAt(s, only, 0) === s.length };
  }
  const head = segments[0]!;
  const tail = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((seg) => seg.items.length > 0);
  if (middle.length === 0) {
    // Fast forms (Milvus plans the plain ones as prefix / postfix matches too).
    if (tail.items.length === 0) {
      if (head.plain !== undefined) {
        const a = head.plain;
        return { ok: true, kind: "prefix", match: (s) => s.startsWith(a) };
      }
      return { ok: true, kind: "prefix", match: (s) => matchAt(s, head, 0) >= 0 };
    }
    if (head.items.length === 0) {
      if (tail.plain !== undefined) {
        const b = tail.plain;
        return { ok: true, kind: "postfix", match: (s) => s.endsWith(b) };
      }
      return { ok: true, kind: "postfix", match: (s) => matchBefore(s, tail, s.length) >= 0 };
    }
    return {
      ok: true,
      kind: "match",
      match: (s) => {
        const start = matchAt(s, head, 0);
        return start >= 0 && matchBefore(s, tail, s.length) >= start;
      },
    };
  }
  if (middle.length === 1 && head.items.length === 0 && tail.items.length === 0 && middle[0]!.plain !== undefined) {
    const inner = middle[0]!.plain;
    return { ok: true, kind: "inner", match: (s) => s.includes(inner) };
  }
  return {
    ok: true,
    kind: "match",
    match: (s) => {
      const start = matchAt(s, head, 0);
      if (start < 0) return false;
      const stop = matchBefore(s, tail, s.length);
      if (stop < start) return false;
      let pos = start;
      for (const seg of middle) {
        const hit = find(s, seg, pos);
        if (hit === undefined || hit[1] > stop) return false;
        pos = hit[1];
      }
      return true;
    },
  };
}
