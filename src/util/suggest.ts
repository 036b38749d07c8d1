/**
 * "Did you mean …?" for every place that meets an unknown name: CLI flags and commands, config
 * keys, schema type names, template parameters, REPL commands, field names. One distance and one
 * notion of "close enough", so the suggestions agree wherever they appear.
 */

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so `--fromat` is
 * one edit away from `--format`. With `limit`, any distance above it is reported as `limit + 1`,
 * and the work stops as soon as no row can come back under it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * The candidate nearest to `word`: a unique candidate it is a prefix of (for words of three or
 * more characters), or the one with the smallest edit distance when that distance is small for
 * the word's length. Case-insensitive; leading dashes do not count towards the length.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const list = [...candidates];
  if (w.replace(/^-+/, "").length >= 3) {
    const prefixed = list.filter((c) => c.toLowerCase().startsWith(w));
    if (prefixed.length === 1) return prefixed[0];
  }
  const core = w.replace(/^-+/, "").length;
  // One edit for short words (two would turn `foo` into `fmt`), up to three for long ones.
  const limit = core <= 3 ? 1 : core <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of list) {
    const d = editDistance(w, c.toLowerCase(), limit);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
