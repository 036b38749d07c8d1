/**
 * The node table (src/syntax/nodes.ts) against real trees: one parsed example of every kind, whose
 * node-valued properties must be exactly the declared slots, in source order, and which the
 * generic traversals (children, withChildren, mapTree) take apart and put back together.
 */
import { describe, expect, it } from "vitest";
import type * as A from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { children, mapTree, walk, withChildren } from "../../src/syntax/walk.js";
import { NODES, isLiteral, isNodeKind, isReference, slotsOf, type NodeKind } from "../../src/syntax/nodes.js";
import { astTree } from "../../src/cli/ast-json.js";

/** A filter holding each kind; typed per kind, so a new kind needs an example before this compiles. */
const EXAMPLES: { readonly [K in NodeKind]: string } = {
  Integer: "a == 1",
  Float: "a == 1.5",
  Boolean: "a == true",
  String: 'a == "x"',
  RawString: 'a == r"x\\d"',
  Identifier: "a == 1",
  JSONIdentifier: 'm["k"][0] == 1',
  StructField: "s[sub] == 1",
  StructIndexField: "s[0][sub] == 1",
  StructSubField: "element_filter(s, $[sub] > 1)",
  ElementSelf: "element_filter(arr, $ > 1)",
  TemplateVariable: "a == {x}",
  Array: "a in [1, b, 3]",
  EmptyArray: "a in []",
  Unary: "not (a > 1)",
  Exists: 'exists m["k"]',
  Like: 'a like "x%"',
  RegexMatch: 'a !~ "x+"',
  Power: "a ** 2 > 1",
  MulDivMod: "a * 2 > 1",
  AddSub: "a + 1 > 2",
  Shift: "a << 1 > 2",
  BitAnd: "a & 1 == 1",
  BitXor: "a ^ 1 == 1",
  BitOr: "a | 1 == 1",
  Relational: "a < b",
  Equality: "a != b",
  Range: "1 < a <= 3",
  ReverseRange: "3 >= a > 1",
  Term: "a not in [1, 2]",
  And: "a > 1 and b > 2 and c > 3",
  Or: "a > 1 or b > 2",
  IsNull: "a is null",
  IsNotNull: 'm["k"] is not null',
  Call: "f(a, 1, b)",
  TextMatch: 'text_match(t, "x y", minimum_should_match=1)',
  TextMatchFuzzy: 'text_match_fuzzy(t, "x", max_edit_distance=1)',
  PhraseMatch: 'phrase_match(t, "x y", 2)',
  RandomSample: "a > 1 and random_sample(0.1)",
  ElementFilter: "element_filter(s, $[x] > 1)",
  MatchSimple: "match_all(s, $[x] > 1)",
  MatchThreshold: "match_least(s, $[x] > 1, threshold=2)",
  JSONContains: "json_contains(m, 1)",
  JSONContainsAll: "array_contains_all(arr, [1, 2])",
  JSONContainsAny: "json_contains_any(m, [1, 2])",
  SpatialBinary: 'st_contains(g, "POINT (1 1)")',
  STDWithin: 'st_dwithin(g, "POINT (1 1)", 5)',
  STIsValid: "st_isvalid(g)",
  ArrayLength: "array_length(arr) > 1",
  TimestamptzCompareForward: 't + interval "P1D" > iso "2025-01-01T00:00:00Z"',
  TimestamptzCompareReverse: 'iso "2025-01-01T00:00:00Z" < t - interval "P1D"',
  Empty: "  ",
};

/** The same kinds with their optional slots left out. */
const WITHOUT_OPTIONAL: readonly [NodeKind, string][] = [
  ["PhraseMatch", 'phrase_match(t, "x y")'],
  ["TimestamptzCompareForward", 't > iso "2025-01-01T00:00:00Z"'],
  ["TimestamptzCompareReverse", 'iso "2025-01-01T00:00:00Z" < t'],
];

function tree(text: string): A.Root {
  const r = parse(text);
  if (!r.ast) throw new Error(`does not parse: ${text}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.ast;
}

function firstOfKind(text: string, kind: NodeKind): A.Root {
  const found = [...walk(tree(text))].find((n) => n.kind === kind);
  if (!found) throw new Error(`${JSON.stringify(text)} has no ${kind} node`);
  return found;
}

const isNode = (v: unknown): v is A.Expr =>
  typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string" && typeof (v as { id?: unknown }).id === "number";

/** Every node held by a property, a list property or an object property, in property order: no table involved. */
function heldNodes(n: A.Root): A.Expr[] {
  const out: A.Expr[] = [];
  for (const v of Object.values(n)) {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) out.push(...v.filter(isNode));
    else if (typeof v === "object" && v !== null) out.push(...Object.values(v).filter(isNode));
  }
  return out;
}

const CASES: [string, NodeKind, string][] = [
  ...(Object.entries(EXAMPLES) as [NodeKind, string][]).map(([k, t]): [string, NodeKind, string] => [k, k, t]),
  ...WITHOUT_OPTIONAL.map(([k, t]): [string, NodeKind, string] => [`${k} without its optional slot`, k, t]),
];

describe("the node table", () => {
  it("has an entry for exactly the kinds the parser produces", () => {
    const produced = new Set<string>();
    for (const text of Object.values(EXAMPLES)) for (const n of walk(tree(text))) produced.add(n.kind);
    expect([...produced].sort()).toEqual(Object.keys(NODES).sort());
    for (const k of Object.keys(NODES)) expect(isNodeKind(k)).toBe(true);
    for (const k of ["toString", "__proto__", "constructor", "Parens", ""]) expect(isNodeKind(k)).toBe(false);
  });

  it("declares at most one list slot per kind, and slot names once", () => {
    for (const k of Object.keys(NODES)) {
      const slots = slotsOf(k)!;
      expect(slots.filter((s) => s.arity === "list").length, k).toBeLessThanOrEqual(1);
      expect(new Set(slots.map((s) => s.name)).size, k).toBe(slots.length);
    }
  });

  it.each(CASES)("%s: children are the node-valued properties, in source order", (_, kind, text) => {
    const n = firstOfKind(text, kind);
    const kids = children(n);
    expect(kids).toEqual(heldNodes(n));
    for (let i = 1; i < kids.length; i++) expect(kids[i - 1]!.span.end, `${kind} child ${i}`).toBeLessThanOrEqual(kids[i]!.span.start);
    for (const c of kids) {
      expect(c.span.start).toBeGreaterThanOrEqual(n.span.start);
      expect(c.span.end).toBeLessThanOrEqual(n.span.end);
    }
  });

  it.each(CASES)("%s: withChildren puts new children where children() found the old ones", (_, kind, text) => {
    const n = firstOfKind(text, kind);
    const kids = children(n);
    expect(withChildren(n, kids)).toBe(n);
    if (kids.length === 0) return;
    const before = JSON.stringify(n, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
    const fresh = kids.map((c) => ({ ...c, id: -c.id }) as A.Expr);
    const copy = withChildren(n, fresh);
    expect(copy).not.toBe(n);
    expect(Object.keys(copy)).toEqual(Object.keys(n));
    expect(children(copy)).toHaveLength(fresh.length);
    children(copy).forEach((c, i) => expect(c).toBe(fresh[i]));
    // Everything but the children is kept; the original is untouched.
    const strip = (x: A.Root): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : typeof v === "number" && v < 0 ? -v : v)));
    expect(strip(copy)).toEqual(strip(n));
    expect(JSON.stringify(n, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))).toBe(before);
  });

  it.each(CASES)("%s: mapTree hands each node its parent and the slot that holds it", (_, kind, text) => {
    const root = tree(text);
    let calls = 0;
    const out = mapTree(root, (n, parent, slot) => {
      calls++;
      if (parent === undefined || slot === undefined) {
        expect(n).toBe(root);
        expect(slot).toBeUndefined();
        return n;
      }
      const held = (parent as unknown as Record<string, unknown>)[slot.name];
      const value = slot.via === undefined ? held : (held as Record<string, unknown>)[slot.via];
      if (slot.arity === "list") expect(value as unknown[]).toContain(n);
      else expect(value).toBe(n);
      return n;
    });
    expect(out).toBe(root);
    expect(calls).toBe([...walk(root)].length);
  });

  it("mapTree rebuilds only the path to a replaced node", () => {
    const root = tree('a > 1 and phrase_match(t, "x", 2) and b in [1, 2]') as A.And;
    const out = mapTree(root, (n) => (n.kind === "Integer" && n.value === 2n && n.span.start > 40 ? { ...n, value: 5n, raw: "5" } : n)) as A.And;
    expect(out).not.toBe(root);
    expect(out.operands[0]).toBe(root.operands[0]);
    expect(out.operands[1]).toBe(root.operands[1]);
    const term = out.operands[2] as A.Term;
    expect(((term.right as A.Array).elements[1] as A.Integer).value).toBe(5n);
    expect(term.left).toBe((root.operands[2] as A.Term).left);
  });

  it("withChildren lets a list slot change length and refuses a wrong count elsewhere", () => {
    const and = firstOfKind(EXAMPLES.And, "And") as A.And;
    const two = withChildren(and, and.operands.slice(0, 2)) as A.And;
    expect(two.operands).toEqual(and.operands.slice(0, 2));
    const range = firstOfKind(EXAMPLES.Range, "Range");
    expect(() => withChildren(range, children(range).slice(0, 2))).toThrow(RangeError);
  });

  it("isLiteral and isReference pick the literal and reference groups", () => {
    for (const [kind, text] of Object.entries(EXAMPLES) as [NodeKind, string][]) {
      const n = firstOfKind(text, kind);
      expect(isLiteral(n), kind).toBe(NODES[kind].group === "literal");
      expect(isReference(n), kind).toBe(NODES[kind].group === "reference");
      // A literal or a reference is one token: no children, and its span is its text.
      if (isLiteral(n) || isReference(n)) expect(children(n), kind).toEqual([]);
    }
  });

  it("the parse --format tree view (src/cli/ast-json.ts) shows the same nodes as walk", () => {
    for (const [text] of CASES.map(([, , t]) => [t])) {
      const root = tree(text!);
      const lines = astTree(root);
      const kinds = lines.map((l) => /^\s*(?:[\w()=" +-]+: )?([A-Za-z]+)/.exec(l)![1]);
      expect(kinds, text).toEqual([...walk(root)].map((n) => n.kind));
    }
  });
});
