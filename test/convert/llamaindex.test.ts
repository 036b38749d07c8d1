/** fromLlamaIndex: every FilterOperator and FilterCondition (TS, plus Python's extras), regressions, refusals. */
import { describe, expect, it } from "vitest";
import { fromLlamaIndex, LLAMAINDEX_CONDITIONS, LLAMAINDEX_OPERATORS } from "../../src/convert/index.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { books, refusal, textOf } from "./helpers.js";

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
    ["is_empty on a dynamic key", one("genres", "is_empty"), 'not (exists $meta["genres"]) or $meta["genres"] == []'],
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
