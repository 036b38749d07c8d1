/**
 * Long literal lists: the parser keeps them in a compact form (one LiteralRun, element nodes made
 * on first access), and the checker reads that form directly, with one type record for the list
 * (src/check/type-map.ts). With the parser's threshold lowered so that every literal list takes
 * that path, everything a caller sees of a check must be exactly what the plain path gives; and a
 * check of a long list makes no element node.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { LEXER_TUNING } from "../../src/syntax/lexer.js";
import { literalListOf } from "../../src/syntax/factory.js";
import type { Array as ArrayNode, Term } from "../../src/syntax/ast.js";
import { check, templateValuesFromJson, type CheckOptions, type CheckResult } from "../../src/check/index.js";
import { compileFilter } from "../../src/backends/eval/index.js";
import { BOOKS, STRICT } from "./helpers.js";

const lines = (name: string): string[] =>
  readFileSync(new URL(`../../bench/corpus/${name}.jsonl`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);
const conformance = (JSON.parse(readFileSync(new URL("../data/conformance/milvus-cases.json", import.meta.url), "utf8")) as { expr: string }[]).map(
  (c) => c.expr,
);

const defaultRunMin = LEXER_TUNING.literalRunMin;
afterEach(() => {
  LEXER_TUNING.literalRunMin = defaultRunMin;
});

const json = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (typeof x === "bigint" ? `${x}n` : x));

/** Everything a caller can see of a check, the type map's entries in order included. */
function seen(r: CheckResult): string {
  const types = r.types;
  const ids = [...types.keys()];
  return json({
    ok: r.ok,
    diagnostics: r.diagnostics,
    deleteClass: r.deleteClass,
    size: types.size,
    entries: [...types.entries()],
    forEach: (() => {
      const out: unknown[] = [];
      types.forEach((v, k) => out.push([k, v]));
      return out;
    })(),
    values: [...types.values()],
    got: ids.map((id) => [types.has(id), types.get(id)]),
    tree: r.tree && {
      references: [...r.tree.references],
      casts: [...r.tree.casts],
      templateValues: [...r.tree.templateValues],
      arithmetic: [...r.tree.arithmetic],
      rejected: [...r.tree.rejected],
      semantics: r.tree.semantics,
      target: r.tree.target,
    },
  });
}

const params = templateValuesFromJson({ p: 1, v: "x", l: [1, 2] });
if (!params.ok) throw new Error(params.error);

const OPTIONS: CheckOptions[] = [
  { purpose: "query" },
  { purpose: "query", schema: BOOKS },
  { purpose: "delete", schema: BOOKS },
  { purpose: "query", schema: STRICT, target: "2.5" },
  { purpose: "delete", schema: BOOKS, target: "2.6.3", params: params.values },
];

function sameChecks(text: string): void {
  const plain = OPTIONS.map((o) => seen(check(parse(text), o)));
  LEXER_TUNING.literalRunMin = 1;
  const compact = OPTIONS.map((o) => seen(check(parse(text), o)));
  LEXER_TUNING.literalRunMin = defaultRunMin;
  expect(compact, text).toEqual(plain);
}

describe("checking a compact literal list gives the plain path's results", () => {
  it("on the benchmark corpora and the conformance cases", () => {
    for (const text of [...lines("corpus-mixed"), ...conformance]) if (text.includes("[")) sameChecks(text);
  });

  const literal = fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
    fc.constantFrom("0", "017", "08", "0x1F", "0b101", "1.5", "1e400", "true", "False", "9223372036854775807", "9223372036854775808", "123456789012345678"),
    fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('"a\\"b"', 'u8"x"', "L'y'", 'r"\\d+"', '"\\q"', '"\\x41\\xff"', "'\\101'"),
  );
  it("on lists of literals of every kind, as in-lists, comparisons and json_contains values", () => {
    fc.assert(
      fc.property(
        fc.array(literal, { minLength: 1, maxLength: 10 }),
        fc.constantFrom("id in ", "year not in ", "meta[\"k\"] in ", "tags == ", "json_contains_any(meta, ", "x in "),
        (items, before) => {
          const list = `[${items.join(", ")}]`;
          sameChecks(`${before}${list}${before.endsWith("(meta, ") ? ")" : ""} and year > 1`);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("a long literal list", () => {
  const text = `id in [${Array.from({ length: 2000 }, (_, i) => String(i * 7)).join(", ")}] or title in [${Array.from({ length: 500 }, (_, i) => `"t${i}"`).join(", ")}]`;

  /** The lists of the parse, with a count of the reads of their `elements`. */
  function watched(): { parsed: ReturnType<typeof parse>; lists: ArrayNode[]; reads: () => number } {
    const parsed = parse(text);
    const lists = (parsed.ast as unknown as { operands: Term[] }).operands.map((t) => t.right as ArrayNode);
    let reads = 0;
    for (const list of lists) {
      expect(literalListOf(list)).toBeDefined();
      const get = Object.getOwnPropertyDescriptor(list, "elements")!.get!;
      Object.defineProperty(list, "elements", {
        get() {
          reads++;
          return get.call(list);
        },
      });
    }
    return { parsed, lists, reads: () => reads };
  }

  it("is checked and compiled without making its element nodes", () => {
    const { parsed, reads } = watched();
    const r = check(parsed, { schema: BOOKS, purpose: "delete" });
    expect(r.ok).toBe(true);
    expect(reads()).toBe(0);
    const f = compileFilter(r, { schema: BOOKS });
    expect(f.ok).toBe(true);
    expect(f.ok && f.evaluate({ id: 14n, title: null })).toBe(true);
    expect(f.ok && f.evaluate({ id: 15n, title: "t499" })).toBe(true);
  });

  it("answers for each element as a literal of its value, ids just below the list's", () => {
    const { parsed, lists } = watched();
    const r = check(parsed, { schema: BOOKS, purpose: "query" });
    const [ints, strings] = lists as [ArrayNode, ArrayNode];
    expect(r.types.get(ints.id - 2000)).toEqual({ category: "value", dataType: "Int64", nodeDependent: true, containsTemplate: false, value: { t: "int", v: 0n } });
    expect(r.types.get(ints.id - 1)?.value).toEqual({ t: "int", v: 1999n * 7n });
    expect(r.types.get(strings.id - 500)?.value).toEqual({ t: "string", v: "t0" });
    // The same records the element nodes would be given, at the nodes' ids.
    ints.elements.forEach((e, i) => expect(r.types.get(e.id)?.value).toEqual({ t: "int", v: BigInt(i * 7) }));
    expect(r.types.has(ints.id - 2001)).toBe(r.types.has(ints.id - 2001));
    expect(r.types.get(ints.id)?.value).toMatchObject({ t: "array", sameType: true, elementType: "Int64" });
  });

  it("keeps its place when an element's entry is changed", () => {
    const r = check(parse(text), { schema: BOOKS, purpose: "query" });
    const types = r.types as Map<number, unknown>;
    const before = [...types.keys()];
    const id = before[5]!;
    types.set(id, "changed");
    expect([...types.keys()]).toEqual(before);
    expect(types.get(id)).toBe("changed");
    types.delete(before[6]!);
    expect([...types.keys()]).toEqual([...before.slice(0, 6), ...before.slice(7)]);
    expect(types.size).toBe(before.length - 1);
  });
});
