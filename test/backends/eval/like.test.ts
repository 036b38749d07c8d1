/**
 * LIKE: the segment search (indexOf, occurrence search, bit-parallel Shift-And for segments wider
 * than 32 code points) agrees with the dynamic-programming reference on random patterns, and a
 * wide `_` segment on a 1 MB string finishes (issue 11, item 13: 0.1.0 took seconds per row).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileLike } from "../../../src/backends/eval/index.js";
import { likeMatch } from "./reference.js";

const CHARS = ["a", "a", "a", "b", "😀", "_", "_", "\\%", "\\_"];
/** Segments up to 80 characters, so both the narrow (≤ 32) and the wide (Shift-And) search run. */
const segment = fc.array(fc.constantFrom(...CHARS), { maxLength: 80 }).map((cs) => cs.join(""));
const pattern = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => segs.join("%"));
/** Texts made of the same few characters, with a wide run of `a` often enough that long segments match. */
const text = fc
  .tuple(fc.array(fc.constantFrom("a", "b", "😀", "%", "_", "\uD800"), { maxLength: 120 }), fc.nat({ max: 150 }), fc.nat({ max: 120 }))
  .map(([cs, run, at]) => {
    const s = cs.join("");
    return s.slice(0, at) + "a".repeat(run) + s.slice(at);
  });

function matches(p: string, s: string): boolean {
  const m = compileLike(p);
  if (!m.ok) throw new Error(m.error);
  return m.match(s);
}

describe("LIKE", () => {
  it("agrees with the reference matcher on random patterns and texts", () => {
    fc.assert(
      fc.property(pattern, text, (p, s) => {
        expect(matches(p, s)).toBe(likeMatch(s, p));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees on wide segments that occur at a known place", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "😀"), { minLength: 33, maxLength: 100 }), fc.nat(), fc.string({ maxLength: 40 }), (cs, seed, pre) => {
        const s = `${pre}${cs.join("")}${pre}`;
        // Replace every third character of the occurrence with `_` (it still occurs in s).
        const seg = cs.map((c, i) => ((i + seed) % 3 === 0 ? "_" : c)).join("");
        const p = `%${seg}%`;
        expect(matches(p, s)).toBe(true);
        expect(matches(p, s)).toBe(likeMatch(s, p));
        expect(matches(`%${seg}b%`, s)).toBe(likeMatch(s, `%${seg}b%`));
      }),
      { numRuns: 500 },
    );
  });

  it("searches a 1000-character `_` segment in a 1 MB string in one pass", () => {
    // 0.1.0 tried every occurrence of the segment's first literal: about 5 s per row here.
    const hostile = compileLike(`%${"a_".repeat(500)}b%`);
    const text = "a".repeat(1_000_000);
    expect(hostile.ok && hostile.match(text)).toBe(false);
    expect(hostile.ok && hostile.match(`${text}b`)).toBe(true);
    const mixed = compileLike(`%${Array.from({ length: 1000 }, (_, i) => (i % 7 === 3 ? "_" : "ab"[i % 2])).join("")}%x`);
    expect(mixed.ok && mixed.match(`${"ab".repeat(500_000)}x`)).toBe(true);
    expect(mixed.ok && mixed.match("ab".repeat(500_000))).toBe(false);
  }, 10_000);
});
