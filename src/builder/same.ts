/**
 * Structural equality of two trees, ignoring what printing does not keep: ids, spans, `nameSpan`,
 * and spelling (`raw`, a JSON key's `quote`, the case of the keyword options `threshold=` and
 * `minimum_should_match=`, whose `IntOption.name` holds the token as written). Values are
 * compared exactly (`Object.is`, so NaN equals NaN and bigints compare by value). Iterative.
 */
const IGNORED = new Set(["id", "span", "nameSpan", "raw", "quote"]);
const KEYWORD_OPTIONS = new Set(["threshold", "minimum_should_match"]);

/** `THRESHOLD` → `threshold`; any other string unchanged. */
function optionName(v: unknown): unknown {
  return typeof v === "string" && KEYWORD_OPTIONS.has(v.toLowerCase()) ? v.toLowerCase() : v;
}

export function sameTree(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (Object.is(x, y)) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ya[i]]);
      continue;
    }
    const xk = Object.keys(x).filter((k) => !IGNORED.has(k) && (x as Record<string, unknown>)[k] !== undefined);
    const yk = Object.keys(y).filter((k) => !IGNORED.has(k) && (y as Record<string, unknown>)[k] !== undefined);
    if (xk.length !== yk.length) return false;
    const isOption = !("kind" in x) && "raw" in x && "value" in x;
    for (const k of xk) {
      if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
      const xv = (x as Record<string, unknown>)[k];
      const yv = (y as Record<string, unknown>)[k];
      if (isOption && k === "name") {
        if (optionName(xv) !== optionName(yv)) return false;
      } else stack.push([xv, yv]);
    }
  }
  return true;
}
