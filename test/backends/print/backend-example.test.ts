/**
 * The README's example of a third-party backend, defined here exactly as a user would: it
 * imports only public pieces (the Backend interface, parse, walk) and touches nothing in the core.
 */
import { describe, expect, it } from "vitest";
import { defineBackend, type Backend, type BackendInput } from "../../../src/backends/backend.js";
import { printBackend } from "../../../src/backends/print/index.js";
import { parse } from "../../../src/syntax/parse.js";
import { walk } from "../../../src/syntax/walk.js";
import type { Root } from "../../../src/syntax/ast.js";

/** The fields a filter reads: bare names, JSON-path bases (`$meta` keys by name), struct fields. */
const fieldsRead = defineBackend<string[]>({
  name: "fields",
  description: "the fields a filter reads",
  run({ ast }) {
    const names = new Set<string>();
    for (const n of walk(ast)) {
      switch (n.kind) {
        case "Identifier":
          names.add(n.name);
          break;
        case "JSONIdentifier": {
          const first = n.keys[0];
          names.add(n.base === "$meta" && first?.kind === "key" ? first.value : n.base);
          break;
        }
        case "StructField":
        case "StructIndexField":
          names.add(`${n.struct}[${n.sub}]`);
          break;
      }
    }
    return [...names].sort();
  },
});

const ast = (text: string): Root => {
  const r = parse(text);
  if (!r.ast) throw new Error(r.diagnostics[0]!.message);
  return r.ast;
};

describe("a third-party backend", () => {
  it("lists the fields a filter reads", () => {
    expect(fieldsRead.run({ ast: ast('age > 18 and city in ["Oslo", "Bergen"] and meta["tags"][0] == "x"') })).toEqual(["age", "city", "meta"]);
    expect(fieldsRead.run({ ast: ast('$meta["color"] == "red" or text_match(body, "q")') })).toEqual(["body", "color"]);
    expect(fieldsRead.run({ ast: ast("array_length(s[sub]) > 0 and element_filter(s, $[sub] > 1)") })).toEqual(["s", "s[sub]"]);
    expect(fieldsRead.run({ ast: ast("") })).toEqual([]);
  });

  it("runs side by side with the printer on the same input", () => {
    const r = parse("AGE>18&&!(city IN ['Oslo'])");
    const input: BackendInput = { ast: r.ast!, source: r.source };
    const backends: Backend<unknown, never>[] = [fieldsRead, printBackend];
    expect(backends.map((b) => [b.name, b.run(input)])).toEqual([
      ["fields", ["AGE", "city"]],
      ["print", 'AGE > 18 and not (city in ["Oslo"])'],
    ]);
  });

  it("may use the checker's type map when it is given", () => {
    const typed = defineBackend<string[], void, string>({
      name: "typed-fields",
      run({ ast, types }) {
        if (!types) throw new Error("typed-fields needs a checked filter");
        return [...walk(ast)].filter((n) => n.kind === "Identifier").map((n) => `${(n as { name: string }).name}: ${types.get(n.id) ?? "?"}`);
      },
    });
    const tree = ast("a > 1");
    const a = [...walk(tree)].find((n) => n.kind === "Identifier")!;
    expect(typed.run({ ast: tree, types: new Map([[a.id, "Int64"]]) })).toEqual(["a: Int64"]);
    expect(() => typed.run({ ast: tree })).toThrow(/needs a checked filter/);
  });
});
