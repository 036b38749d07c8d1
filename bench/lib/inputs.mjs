// The bench's inputs: the shared corpora, and deterministic generators for the big filters of the
// scaling tables and the 10 MB rows. Same seed, same text, on every machine.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export function corpus(name) {
  return readFileSync(here(`../corpus/${name}.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** The bench schema (bench/bench-schema.json): every identifier the corpus uses has a field. */
export function benchSchemaJson() {
  return JSON.parse(readFileSync(here("../bench-schema.json"), "utf8"));
}

/** Schema of the `id in [...]` rows: one Int64 primary key. */
export const IN_SCHEMA = { name: "in_bench", fields: { id: "Int64 primary" } };

/** Values for the corpus's template variables, so filters with `{p}` compile. */
export const TEMPLATE_PARAMS = { p: 1.5, lo: 10, hi: 5000, v1: 42 };

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Joins parts produced by `next()` with `sep` until the text reaches `bytes` (ASCII, so chars = bytes). */
function fill(bytes, sep, next, prefix = "", suffix = "") {
  const parts = [];
  let n = prefix.length + suffix.length;
  while (n < bytes) {
    const p = next(parts.length);
    parts.push(p);
    n += p.length + (parts.length > 1 ? sep.length : 0);
  }
  return prefix + parts.join(sep) + suffix;
}

/** `id in [n ints]`: non-negative ints below 10^9, like corpus-large's id lists. */
export function inListFilter(n, seed = 11) {
  const r = rng(seed);
  const xs = new Array(n);
  for (let i = 0; i < n; i++) xs[i] = Math.floor(r() * 1e9);
  return `id in [${xs.join(", ")}]`;
}

/**
 * One big filter of about `bytes` bytes in one of the shapes of issue 15's 10 MB row:
 * - "or":     a flat `or` chain of simple comparisons;
 * - "in":     one `id in [...]` list of ints;
 * - "nested": groups nested four deep (`((a or b) and (c or (d and e)))`) joined with `or`;
 * - "mixed":  the given corpus filters, each in parentheses, joined with `or` (the scaling table's shape).
 */
export function bigFilter(shape, bytes, mixedParts = []) {
  const r = rng(7);
  const int = (hi) => Math.floor(r() * hi);
  switch (shape) {
    case "or": {
      const preds = [
        () => `id == ${int(1e9)}`,
        () => `age > ${int(100)}`,
        () => `name == "w${int(1e5)}"`,
        () => `price <= ${int(1e4)}.5`,
      ];
      return fill(bytes, " or ", (i) => preds[i % preds.length]());
    }
    case "in":
      return fill(bytes, ", ", () => String(int(1e9)), "id in [", "]");
    case "nested":
      return fill(
        bytes,
        " or ",
        () => `((id == ${int(1e9)} or age > ${int(100)}) and (name == "w${int(1e5)}" or (price < ${int(1e4)}.5 and color != "c${int(100)}")))`,
      );
    case "mixed": {
      if (mixedParts.length === 0) throw new Error("bigFilter('mixed') needs the corpus filters");
      return fill(bytes, " or ", (i) => `(${mixedParts[i % mixedParts.length]})`);
    }
    default:
      throw new Error(`unknown shape ${shape}`);
  }
}
