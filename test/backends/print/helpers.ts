/** Shared test helpers for the printer and the builder. */
import { expect } from "vitest";
import type { Root } from "../../../src/syntax/ast.js";
import { parse } from "../../../src/syntax/parse.js";

const POSITIONS = new Set(["id", "span", "nameSpan"]);
const SPELLING = new Set(["raw", "quote"]);

/**
 * A plain copy of a tree without ids and positions (`id`, `span`, `nameSpan`), bigints kept.
 * With `spelling: false`, literal spellings (`raw`, a JSON key's `quote`) are dropped and the
 * keyword option names `threshold` / `minimum_should_match` lower-cased (the parser keeps the
 * token as written in `IntOption.name`), for comparing a source tree with its canonical reprint.
 * Iterative: deep trees are fine.
 */
export function stripPositions(tree: unknown, opts: { spelling?: boolean } = {}): unknown {
  const drop = (k: string): boolean => POSITIONS.has(k) || (opts.spelling === false && SPELLING.has(k));
  const copy = (v: unknown): unknown => (Array.isArray(v) ? new Array(v.length) : typeof v === "object" && v !== null ? {} : v);
  const root = copy(tree);
  const stack: [unknown, unknown][] = [[tree, root]];
  while (stack.length > 0) {
    const [src, dst] = stack.pop()!;
    if (typeof src !== "object" || src === null) continue;
    const isOption = !Array.isArray(src) && !("kind" in src) && "raw" in src && "value" in src;
    for (const [k, v] of Object.entries(src)) {
      if (!Array.isArray(src) && drop(k)) continue;
      if (v === undefined) continue;
      if (isOption && k === "name" && opts.spelling === false && typeof v === "string" && /^(threshold|minimum_should_match)$/i.test(v)) {
        (dst as Record<string, unknown>)[k] = v.toLowerCase();
        continue;
      }
      const c = copy(v);
      (dst as Record<string, unknown>)[k] = c;
      stack.push([v, c]);
    }
  }
  return root;
}

/** The AST of `text`, failing the test with the diagnostics when it does not parse. */
export function parseOk(text: string): Root {
  const r = parse(text);
  if (!r.ast) expect.fail(`does not parse: ${JSON.stringify(text)}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.ast;
}

/** Lines of a fixture file, without comments (`#…`) and blank lines. */
export function fixtureLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l !== "" && !l.startsWith("#"));
}
