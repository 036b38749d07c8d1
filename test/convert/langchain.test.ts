/** fromLangChain: every Comparator and Operator of langchain-core's structured query, and the refusals. */
import { describe, expect, it } from "vitest";
import { fromLangChain, LANGCHAIN_COMPARATORS, LANGCHAIN_OPERATORS } from "../../src/convert/index.js";
import { books, refusal, selected, textOf } from "./helpers.js";

const cmp = (comparator: string, attribute: string, value: unknown) => ({ comparator, attribute, value, exprName: "Comparison" });
const op = (operator: string, ...args: unknown[]) => ({ operator, args, exprName: "Operation" });
const opts = { schema: books } as const;

describe("fromLangChain", () => {
  const table: [string, unknown, string][] = [
    ["eq", cmp("eq", "title", "Dune"), 'title == "Dune"'],
    ["ne", cmp("ne", "year", 1965), "year != 1965"],
    ["gt", cmp("gt", "year", 2000), "year > 2000"],
    ["gte", cmp("gte", "price", 9.5), "price >= 9.5"],
    ["lt", cmp("lt", "genre", "m"), '$meta["genre"] < "m"'],
    ["lte", cmp("lte", "year", 2000), "year <= 2000"],
    ["contain on an Array field", cmp("contain", "tags", "sf"), 'array_contains(tags, "sf")'],
    ["contain on a VarChar field (substring)", cmp("contain", "title", "50%"), 'title like "%50\\\\%%"'],
    ["contain on a dynamic key (array membership)", cmp("contain", "genres", "sf"), 'json_contains($meta["genres"], "sf")'],
    ["like (a LIKE pattern)", cmp("like", "title", "Du%"), 'title like "Du%"'],
    ["in", cmp("in", "year", [1965, 1984]), "year in [1965, 1984]"],
    ["in on an Array field", cmp("in", "tags", ["a", "b"]), 'array_contains_any(tags, ["a", "b"])'],
    ["nin", cmp("nin", "title", ["x"]), 'title not in ["x"]'],
    ["nin on an Array field", cmp("nin", "tags", ["a"]), 'not array_contains_any(tags, ["a"])'],
    ["and", op("and", cmp("eq", "year", 1), cmp("eq", "year", 2)), "year == 1 and year == 2"],
    ["or", op("or", cmp("eq", "year", 1), cmp("eq", "year", 2)), "year == 1 or year == 2"],
    ["not", op("not", op("or", cmp("eq", "year", 1), cmp("eq", "year", 2))), "not (year == 1 or year == 2)"],
    ["a StructuredQuery", { query: "books about sand", filter: cmp("eq", "year", 1965) }, "year == 1965"],
    ["nested precedence", op("and", op("or", cmp("eq", "year", 1), cmp("eq", "year", 2)), cmp("gt", "price", 1)), "(year == 1 or year == 2) and price > 1"],
  ];
  it.each(table)("%s", (_, input, text) => {
    expect(textOf(fromLangChain(input as never, opts))).toBe(text);
  });

  it("covers every comparator and operator of the enums", () => {
    const seen = new Set(table.map(([name]) => name.split(" ")[0]));
    for (const c of LANGCHAIN_COMPARATORS) expect(seen.has(c), c).toBe(true);
    for (const o of LANGCHAIN_OPERATORS) expect(seen.has(o), o).toBe(true);
  });

  it("with jsonField, attributes are keys of that field and are never split or injected", () => {
    expect(textOf(fromLangChain(cmp("eq", "a.b", 1), { schema: books, jsonField: "metadata" }))).toBe('metadata["a.b"] == 1');
    const f = fromLangChain(cmp("eq", 'x"] or 1 == 1 or metadata["y', "v"), { jsonField: "metadata" });
    expect(f.ast.kind).toBe("Equality");
  });

  const refused: [string, unknown, string, string][] = [
    ["unknown comparator", cmp("regex", "title", "x"), "convert/unknown-operator", "comparator"],
    ["unknown operator", op("xor", cmp("eq", "year", 1)), "convert/unknown-operator", "operator"],
    ["not with two arguments", op("not", cmp("eq", "year", 1), cmp("eq", "year", 2)), "convert/bad-shape", "args"],
    ["and with no arguments", op("and"), "convert/bad-shape", ""],
    ["in without a list", cmp("in", "year", 1), "convert/bad-value", "value"],
    ["gt on a boolean", cmp("gt", "year", true), "convert/unsupported", "value"],
    ["eq null", cmp("eq", "year", null), "convert/bad-value", "value"],
    ["type error from the schema", op("and", cmp("eq", "year", 1), cmp("eq", "year", "x")), "convert/refused", "args[1].value"],
    ["contain on a VarChar with a number", cmp("contain", "title", 3), "convert/bad-value", "value"],
    ["like with a number", cmp("like", "title", 3), "convert/bad-value", "value"],
    ["attribute not a string", cmp("eq", 3 as never, 1), "convert/bad-key", "attribute"],
    ["a StructuredQuery without a filter", { query: "x" }, "convert/bad-shape", "filter"],
    ["not an object", "year == 1", "convert/bad-shape", ""],
    ["neither shape", { foo: 1 }, "convert/bad-shape", ""],
  ];
  it.each(refused)("refuses %s", (_, input, code, path) => {
    const e = refusal(() => fromLangChain(input as never, opts));
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
  });
});

describe("fromLangChain: negative comparators on a key some rows lack, per target", () => {
  // On a row lacking the key, `ne` / `nin` / `not` select it (as Mongo's $ne, $nin, $not, which the
  // IR's comparators mirror, and as 2.6 does). On master such a predicate is UNKNOWN, also under
  // not, so the master text guards it with exists. [name, input, text on master, text on 2.6.18, rows selected]
  const table: [string, unknown, string, string, number[]][] = [
    ["ne", cmp("ne", "genre", "sf"), '$meta["genre"] != "sf" or not (exists $meta["genre"])', '$meta["genre"] != "sf"', [0, 1, 3]],
    ["nin", cmp("nin", "genre", ["sf", "f"]), '$meta["genre"] not in ["sf", "f"] or not (exists $meta["genre"])', '$meta["genre"] not in ["sf", "f"]', [0, 1, 3]],
    ["not", op("not", cmp("eq", "genre", "sf")), 'not (exists $meta["genre"] and $meta["genre"] == "sf")', 'not ($meta["genre"] == "sf")', [0, 1, 3]],
    ["not like", op("not", cmp("like", "genre", "s%")), 'not (exists $meta["genre"] and $meta["genre"] like "s%")', 'not ($meta["genre"] like "s%")', [0, 1, 3]],
    [
      "not over two keys",
      op("not", op("or", cmp("eq", "genre", "sf"), cmp("gt", "rank", 3))),
      'not (exists $meta["genre"] and $meta["genre"] == "sf" or exists $meta["rank"] and $meta["rank"] > 3)',
      'not ($meta["genre"] == "sf" or $meta["rank"] > 3)',
      [0, 1, 3],
    ],
    ["not contain", op("not", cmp("contain", "genres", "sf")), 'not (exists $meta["genres"] and json_contains($meta["genres"], "sf"))', 'not json_contains($meta["genres"], "sf")', [0, 1, 2, 3]],
  ];
  it.each(table)("%s", (_, input, onMaster, on26, rows) => {
    expect(textOf(fromLangChain(input as never, opts))).toBe(onMaster);
    expect(textOf(fromLangChain(input as never, { ...opts, target: "2.6.18" }))).toBe(on26);
    expect(selected(fromLangChain(input as never, opts), "3.0")).toEqual(rows);
    expect(selected(fromLangChain(input as never, { ...opts, target: "2.6.18" }), "2.6.18")).toEqual(rows);
    // the 2.6 line may carry master's rule (not established): it gets the master text, right on either
    expect(textOf(fromLangChain(input as never, { ...opts, target: "2.6" }))).toBe(onMaster);
    expect(selected(fromLangChain(input as never, { ...opts, target: "2.6" }), "2.6")).toEqual(rows);
  });

  it("a scalar field is the same on both lines (NULL is three-valued everywhere)", () => {
    expect(textOf(fromLangChain(cmp("ne", "year", 1965), { ...opts, target: "2.6.18" }))).toBe("year != 1965");
    expect(textOf(fromLangChain(cmp("ne", "year", 1965), opts))).toBe("year != 1965");
  });
});
