/** fromLlamaIndex: every FilterOperator and FilterCondition (TS, plus Python's extras), regressions, refusals. */
import { describe, expect, it } from "vitest";
import { fromLlamaIndex, LLAMAINDEX_CONDITIONS, LLAMAINDEX_OPERATORS } from "../../src/convert/index.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { books, refusal, selected, textOf } from "./helpers.js";

const one = (key: string, operator: string | undefined, value?: unknown) => ({ filters: [{ key, value, operator }] });
const opts = { schema: books } as const;

describe("fromLlamaIndex", () => {
  const table: [string, unknown, string][] = [
    ["==", one("year", "==", 1965), "year == 1965"],
    ["== (default operator)", one("title", undefined, "Dune"), 'title == "Dune"'],
    ["!=", one("title", "!=", "Dune"), 'title != "Dune"'],
    [">", one("year", ">", 1), "year > 1"],
    ["<", one("year", "<", 1), "year < 1"],
    [">=", one("price", ">=", 2.5), "price >= 2.5"],
    ["<=", one("price", "<=", 2), "price <= 2"],
    ["in", one("year", "in", [1, 2]), "year in [1, 2]"],
    ["nin", one("year", "nin", [1, 2]), "year not in [1, 2]"],
    ["any", one("tags", "any", ["a", "b"]), 'array_contains_any(tags, ["a", "b"])'],
    ["all", one("genres", "all", ["a", "b"]), 'json_contains_all($meta["genres"], ["a", "b"])'],
    ["contains", one("tags", "contains", "a"), 'array_contains(tags, "a")'],
    ["text_match", one("title", "text_match", "dune_"), 'title like "%dune\\\\_%"'],
    ["text_match_insensitive", one("title", "text_match_insensitive", "a.b"), 'title =~ r"(?i)a\\.b"'],
    ["is_empty on a scalar field", one("price", "is_empty"), "price is null"],
    ["is_empty on an Array field", one("tags", "is_empty"), "tags is null or array_length(tags) == 0"],
    ["is_empty on a dynamic key (exists is FALSE on null and [])", one("genres", "is_empty"), 'not (exists $meta["genres"])'],
    ["and", { filters: [{ key: "year", value: 1, operator: "==" }, { key: "year", value: 2, operator: "==" }], condition: "and" }, "year == 1 and year == 2"],
    ["or", { filters: [{ key: "year", value: 1, operator: "==" }, { key: "year", value: 2, operator: "==" }], condition: "or" }, "year == 1 or year == 2"],
    ["not", { filters: [{ key: "year", value: 1, operator: "==" }, { key: "year", value: 2, operator: ">" }], condition: "not" }, "not (year == 1 and year > 2)"],
    [
      "nested groups keep precedence",
      { filters: [{ filters: [{ key: "year", value: 1 }, { key: "year", value: 2 }], condition: "or" }, { key: "price", value: 3, operator: "<" }], condition: "and" },
      "(year == 1 or year == 2) and price < 3",
    ],
  ];
  it.each(table)("%s", (_, input, text) => {
    expect(textOf(fromLlamaIndex(input as never, opts))).toBe(text);
  });

  it("covers every operator and condition", () => {
    const seen = new Set(table.map(([name]) => name.split(" ")[0]));
    for (const o of LLAMAINDEX_OPERATORS) expect(seen.has(o), o).toBe(true);
    for (const c of LLAMAINDEX_CONDITIONS) expect(seen.has(c), c).toBe(true);
  });

  it("llama_index#13742: several filters make one well-formed conjunction", () => {
    const f = fromLlamaIndex(
      {
        filters: [
          { key: "file_name", value: "report.pdf", operator: "==" },
          { key: "topic_id", value: ["XYZ"], operator: "in" },
          { key: "page", value: 3, operator: ">=" },
        ],
      },
      { jsonField: "metadata", schema: books },
    );
    expect(textOf(f)).toBe('metadata["file_name"] == "report.pdf" and metadata["topic_id"] in ["XYZ"] and metadata["page"] >= 3');
    expect(f.ast.kind).toBe("And");
  });

  it("LlamaIndex.TS quoted numbers: a numeric value compares as a number and matches numeric metadata", () => {
    const f = fromLlamaIndex(one("page", "==", 3), { jsonField: "metadata", schema: books });
    expect(textOf(f)).toBe('metadata["page"] == 3');
    expect(compileFilter(f.ast, { schema: books }).test({ id: 1, metadata: { page: 3 } })).toBe(true);
    const inList = fromLlamaIndex(one("page", "in", [3, 4]), { jsonField: "metadata", schema: books });
    expect(compileFilter(inList.ast, { schema: books }).test({ id: 1, metadata: { page: 4 } })).toBe(true);
  });

  it("escapes keys and values (LlamaIndex.TS escaped neither)", () => {
    const f = fromLlamaIndex(one('k"] == 1 or metadata["k', "==", '") or ("'), { jsonField: "metadata" });
    expect(f.ast.kind).toBe("Equality");
  });

  const refused: [string, unknown, string, string][] = [
    ["unknown operator", one("year", "~="), "convert/unknown-operator", "filters[0].operator"],
    ["unknown condition", { filters: [{ key: "year", value: 1 }], condition: "xor" }, "convert/unknown-operator", "condition"],
    ["empty filters", { filters: [] }, "convert/bad-shape", ""],
    ["in without a list", one("year", "in", 1), "convert/bad-value", "filters[0].value"],
    ["any with an empty list", one("tags", "any", []), "convert/bad-value", "filters[0].value"],
    ["text_match with a number", one("title", "text_match", 3), "convert/bad-value", "filters[0].value"],
    [">= on a boolean", one("year", ">=", true), "convert/unsupported", "filters[0].value"],
    ["a value of the wrong type", one("year", "==", "1965"), "convert/refused", "filters[0].value"],
    ["a null value", one("year", "==", null), "convert/bad-value", "filters[0].value"],
    ["a key that is not a string", { filters: [{ key: 3, value: 1 }] }, "convert/bad-key", "filters[0].key"],
    ["$meta alone as a key", { filters: [{ key: "$meta", value: 1 }] }, "convert/bad-key", "filters[0].key"],
    ["not MetadataFilters", [1], "convert/bad-shape", ""],
    ["a filter that is not an object", { filters: ["year == 1"] }, "convert/bad-shape", "filters[0]"],
  ];
  it.each(refused)("refuses %s", (_, input, code, path) => {
    const e = refusal(() => fromLlamaIndex(input as never, opts));
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
  });

  it("text_match_insensitive needs Milvus 3.0 (regex)", () => {
    expect(refusal(() => fromLlamaIndex(one("title", "text_match_insensitive", "a"), { schema: books, target: "2.6" })).code).toBe("convert/refused");
  });
});

describe("fromLlamaIndex without a schema", () => {
  it("keeps plain keys as names, and refuses $meta alone", () => {
    expect(textOf(fromLlamaIndex(one("page", ">", 2)))).toBe("page > 2");
    expect(refusal(() => fromLlamaIndex(one("$meta", "==", 1))).code).toBe("convert/bad-key");
  });
});

describe("fromLlamaIndex: negative operators on a key some rows lack, per target", () => {
  // LlamaIndex's in-memory filter (llama-index-core vector_stores/utils.py, build_metadata_filter_fn)
  // counts a missing or None value as matching `!=` and `nin` and nothing else, and `not` negates
  // that: rows lacking the key are selected. 2.6 does the same on a JSON key; on master such a
  // predicate is UNKNOWN, also under not, so the master text guards it with exists.
  // [name, input, text on master, text on 2.6.18, rows selected]
  const table: [string, unknown, string, string, number[]][] = [
    ["!=", one("genre", "!=", "sf"), '$meta["genre"] != "sf" or not (exists $meta["genre"])', '$meta["genre"] != "sf"', [0, 1, 3]],
    ["nin", one("genre", "nin", ["sf"]), '$meta["genre"] not in ["sf"] or not (exists $meta["genre"])', '$meta["genre"] not in ["sf"]', [0, 1, 3]],
    ["not", { filters: [{ key: "genre", value: "sf" }], condition: "not" }, 'not (exists $meta["genre"] and $meta["genre"] == "sf")', 'not ($meta["genre"] == "sf")', [0, 1, 3]],
    [
      "not over two keys",
      { filters: [{ key: "genre", value: "sf" }, { key: "rank", value: 3, operator: ">" }], condition: "not" },
      'not (exists $meta["genre"] and $meta["genre"] == "sf" and exists $meta["rank"] and $meta["rank"] > 3)',
      'not ($meta["genre"] == "sf" and $meta["rank"] > 3)',
      [0, 1, 2, 3],
    ],
    ["not any", { filters: [{ key: "genres", value: ["a"], operator: "any" }], condition: "not" }, 'not (exists $meta["genres"] and json_contains_any($meta["genres"], ["a"]))', 'not json_contains_any($meta["genres"], ["a"])', [0, 1, 2, 3]],
    // is_empty is TRUE or FALSE on every line: no guard
    ["not is_empty", { filters: [{ key: "genre", operator: "is_empty" }], condition: "not" }, 'not (not (exists $meta["genre"]))', 'not (not (exists $meta["genre"]))', [2, 3]],
  ];
  it.each(table)("%s", (_, input, onMaster, on26, rows) => {
    expect(textOf(fromLlamaIndex(input as never, opts))).toBe(onMaster);
    expect(textOf(fromLlamaIndex(input as never, { ...opts, target: "2.6.18" }))).toBe(on26);
    expect(selected(fromLlamaIndex(input as never, opts), "3.0")).toEqual(rows);
    expect(selected(fromLlamaIndex(input as never, { ...opts, target: "2.6.18" }), "2.6.18")).toEqual(rows);
    // the 2.6 line may carry master's rule (not established): it gets the master text, right on either
    expect(textOf(fromLlamaIndex(input as never, { ...opts, target: "2.6" }))).toBe(onMaster);
    expect(selected(fromLlamaIndex(input as never, { ...opts, target: "2.6" }), "2.6")).toEqual(rows);
  });

  it("is_empty: missing, null and [] on both lines, and its negation the rest", () => {
    const rows = [{ id: 0 }, { id: 1, genre: null }, { id: 2, genre: [] }, { id: 3, genre: ["a"] }, { id: 4, genre: "" }, { id: 5, genre: 0 }];
    for (const target of ["2.6.18", "2.6", "3.0"]) {
      expect(selected(fromLlamaIndex(one("genre", "is_empty"), { ...opts, target }), target, rows)).toEqual([0, 1, 2]);
      expect(selected(fromLlamaIndex({ filters: [{ key: "genre", operator: "is_empty" }], condition: "not" }, { ...opts, target }), target, rows)).toEqual([3, 4, 5]);
    }
  });
});
