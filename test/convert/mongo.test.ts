/** fromMongo: one row per operator, the refusals, key resolution, and the regressions from the issue. */
import { describe, expect, it } from "vitest";
import { fromMongo } from "../../src/convert/index.js";
import { compileFilter } from "../../src/backends/eval/compile.js";
import { parse } from "../../src/syntax/parse.js";
import { books, refusal, strict, textOf } from "./helpers.js";

const meta = { schema: books, jsonField: "metadata" } as const;

describe("fromMongo: every operator", () => {
  // [name, query, text on master (the default target), text on 2.6.18 when it differs (null: refused on 2.6)]
  // On master a predicate on a missing JSON key is UNKNOWN, also under not: negative operators get
  // an `exists` guard so that rows lacking the key are selected as Mongo selects them. 2.6.0–2.6.18
  // answer like Mongo on a missing key, so their text has no guard. The 2.6 line (and later
  // patches) may carry master's rule (the #50722 port, not established): it gets the master text.
  const table: [string, unknown, string, (string | null)?][] = [
    ["implicit $eq", { a: 1 }, 'metadata["a"] == 1'],
    ["$eq", { a: { $eq: "x" } }, 'metadata["a"] == "x"'],
    ["$eq null (null or missing)", { a: null }, 'not (exists metadata["a"])'],
    ["$eq with an array value", { a: [1, 2] }, 'metadata["a"] == [1, 2]'],
    ["$ne", { a: { $ne: 1.5 } }, 'metadata["a"] != 1.5 or not (exists metadata["a"])', 'metadata["a"] != 1.5'],
    ["$ne with an array value (2.6 reads != [..] as FALSE on a missing key)", { a: { $ne: [1, 2] } }, 'not (exists metadata["a"] and metadata["a"] == [1, 2])', 'not (metadata["a"] == [1, 2])'],
    ["$ne null", { a: { $ne: null } }, 'exists metadata["a"]'],
    ["$gt", { a: { $gt: 1 } }, 'metadata["a"] > 1'],
    ["$gte", { a: { $gte: "m" } }, 'metadata["a"] >= "m"'],
    ["$lt", { a: { $lt: -2 } }, 'metadata["a"] < -2'],
    ["$lte", { a: { $lte: 10n } }, 'metadata["a"] <= 10'],
    ["two operators on one key", { a: { $gt: 1, $lt: 5 } }, 'metadata["a"] > 1 and metadata["a"] < 5'],
    ["a negative and a positive operator on one key (FALSE on a missing key either way)", { a: { $gt: 1, $ne: 3 } }, 'metadata["a"] > 1 and metadata["a"] != 3'],
    ["two negative operators on one key: one guard", { a: { $ne: 1, $nin: [2] } }, 'metadata["a"] != 1 and metadata["a"] not in [2] or not (exists metadata["a"])', 'metadata["a"] != 1 and metadata["a"] not in [2]'],
    ["$in", { a: { $in: [1, "x", true] } }, 'metadata["a"] in [1, "x", true]'],
    ["$in with null", { a: { $in: [1, null] } }, 'metadata["a"] in [1] or not (exists metadata["a"])'],
    ["$in empty (matches nothing)", { a: { $in: [] } }, 'metadata["a"] in []'],
    ["$nin", { a: { $nin: ["x", "y"] } }, 'metadata["a"] not in ["x", "y"] or not (exists metadata["a"])', 'metadata["a"] not in ["x", "y"]'],
    ["$nin with null", { a: { $nin: [1, null] } }, 'metadata["a"] not in [1] and exists metadata["a"]'],
    ["$nin with only null", { a: { $nin: [null] } }, 'exists metadata["a"]'],
    ["$exists true", { a: { $exists: true } }, 'exists metadata["a"]'],
    ["$exists false", { a: { $exists: false } }, 'not (exists metadata["a"])'],
    ["$all", { tags: { $all: ["a", "b"] } }, 'json_contains_all(metadata["tags"], ["a", "b"])'],
    ["$size", { tags: { $size: 2 } }, 'array_length(metadata["tags"]) == 2'],
    ["$size 0 (an empty array, not a missing key)", { tags: { $size: 0 } }, 'metadata["tags"] == []'],
    ["$regex string", { a: { $regex: "^ab+" } }, 'metadata["a"] =~ r"^ab+"', null],
    ["$regex with $options", { a: { $regex: "x", $options: "is" } }, 'metadata["a"] =~ r"(?is)x"', null],
    ["RegExp value", { a: /x.y/i }, 'metadata["a"] =~ r"(?i)x.y"', null],
    ["$like", { a: { $like: "ab%" } }, 'metadata["a"] like "ab%"'],
    ["$not", { a: { $not: { $gt: 3 } } }, 'not (exists metadata["a"] and metadata["a"] > 3)', 'not (metadata["a"] > 3)'],
    ["$not of a negative operator (FALSE on a missing key either way)", { a: { $not: { $ne: 1 } } }, 'not (metadata["a"] != 1)'],
    ["$not RegExp", { a: { $not: /^x/ } }, 'not (exists metadata["a"] and metadata["a"] =~ r"^x")', null],
    ["$not $like", { a: { $not: { $like: "x%" } } }, 'not (exists metadata["a"] and metadata["a"] like "x%")', 'not (metadata["a"] like "x%")'],
    ["$and", { $and: [{ a: 1 }, { b: 2 }] }, 'metadata["a"] == 1 and metadata["b"] == 2'],
    ["$or", { $or: [{ a: 1 }, { b: 2 }] }, 'metadata["a"] == 1 or metadata["b"] == 2'],
    ["$or with a negative operator", { $or: [{ a: { $ne: 1 } }, { b: 2 }] }, 'metadata["a"] != 1 or not (exists metadata["a"]) or metadata["b"] == 2', 'metadata["a"] != 1 or metadata["b"] == 2'],
    ["$nor", { $nor: [{ a: 1 }, { b: 2 }] }, 'not (exists metadata["a"] and metadata["a"] == 1 or exists metadata["b"] and metadata["b"] == 2)', 'not (metadata["a"] == 1 or metadata["b"] == 2)'],
    ["$nor on one key: one guard", { $nor: [{ a: 1 }, { a: 2 }] }, 'not (exists metadata["a"] and (metadata["a"] == 1 or metadata["a"] == 2))', 'not (metadata["a"] == 1 or metadata["a"] == 2)'],
    ["$nor of a negative operator", { $nor: [{ a: { $ne: 1 } }] }, 'not (metadata["a"] != 1)'],
    ["$or inside $and keeps precedence", { $and: [{ $or: [{ a: 1 }, { a: 2 }] }, { b: 3 }] }, '(metadata["a"] == 1 or metadata["a"] == 2) and metadata["b"] == 3'],
    ["dotted key", { "a.b.c": 1 }, 'metadata["a"]["b"]["c"] == 1'],
  ];
  it.each(table)("%s", (_, q, onMaster, on26) => {
    expect(textOf(fromMongo(q, meta))).toBe(onMaster);
    expect(textOf(fromMongo(q, { ...meta, target: "3.0" }))).toBe(onMaster);
    if (on26 === null) {
      for (const target of ["2.6.18", "2.6"]) expect(refusal(() => fromMongo(q, { ...meta, target })).diagnostics[0]?.code).toBe("version/unsupported");
      return;
    }
    expect(textOf(fromMongo(q, { ...meta, target: "2.6.18" }))).toBe(on26 ?? onMaster);
    expect(textOf(fromMongo(q, { ...meta, target: "2.6.0" }))).toBe(on26 ?? onMaster);
    expect(textOf(fromMongo(q, { ...meta, target: "2.6" }))).toBe(onMaster);
  });

  it("selects the rows lacking the key on both lines, where Mongo does", () => {
    const rows = [{}, { a: null }, { a: 1 }, { a: 2 }].map((metadata, id) => ({ id, metadata }));
    const cases: [unknown, number[]][] = [
      [{ a: { $ne: 1 } }, [0, 1, 3]],
      [{ a: { $nin: [1] } }, [0, 1, 3]],
      [{ a: { $not: { $gt: 1 } } }, [0, 1, 2]],
      [{ $nor: [{ a: 2 }] }, [0, 1, 2]],
      [{ a: { $nin: [1, null] } }, [3]],
    ];
    // [the converter's target, the server's line]: the 2.6 line's text must be right on a 2.6
    // server with or without master's rule
    const runs = [["2.6.18", "2.6.18"], ["2.6", "2.6"], ["2.6", "3.0"], ["3.0", "3.0"]] as const;
    for (const [target, server] of runs) {
      for (const [q, want] of cases) {
        const f = fromMongo(q, { ...meta, target });
        const run = compileFilter(f.ast, { schema: books, target: server });
        expect(rows.filter((r) => run.test(r)).map((r) => r.id), `${target} on ${server}: ${f.text}`).toEqual(want);
      }
    }
  });
});

describe("fromMongo: schema fields, dynamic keys, no schema", () => {
  it("types keys from the schema: scalar fields, Array fields (membership), JSON fields, dynamic keys", () => {
    expect(textOf(fromMongo({ year: { $gte: 2000 }, title: "Dune" }, { schema: books }))).toBe('year >= 2000 and title == "Dune"');
    expect(textOf(fromMongo({ tags: "sf" }, { schema: books }))).toBe('array_contains(tags, "sf")');
    expect(textOf(fromMongo({ tags: { $ne: "sf" } }, { schema: books }))).toBe('not array_contains(tags, "sf")');
    expect(textOf(fromMongo({ tags: { $in: ["a", "b"] } }, { schema: books }))).toBe('array_contains_any(tags, ["a", "b"])');
    expect(textOf(fromMongo({ tags: { $nin: ["a"] } }, { schema: books }))).toBe('not array_contains_any(tags, ["a"])');
    expect(textOf(fromMongo({ ratings: { $all: [5, 4] } }, { schema: books }))).toBe("array_contains_all(ratings, [5, 4])");
    expect(textOf(fromMongo({ ratings: { $size: 0 } }, { schema: books }))).toBe("array_length(ratings) == 0");
    expect(textOf(fromMongo({ "metadata.a": 1 }, { schema: books }))).toBe('metadata["a"] == 1');
    expect(textOf(fromMongo({ price: { $exists: true } }, { schema: books }))).toBe("price is not null");
    expect(textOf(fromMongo({ price: null }, { schema: books }))).toBe("price is null");
    expect(textOf(fromMongo({ color: "red", "a b": 1 }, { schema: books }))).toBe('$meta["color"] == "red" and $meta["a b"] == 1');
    expect(textOf(fromMongo({ "$meta.k": 1 }, { schema: books }))).toBe('$meta["k"] == 1');
  });

  it("without a schema: plain names stay names, other keys are dynamic keys", () => {
    expect(textOf(fromMongo({ age: { $gt: 3 }, "a-b": 1, "x.y": 2 }))).toBe('age > 3 and $meta["a-b"] == 1 and $meta["x"]["y"] == 2');
  });

  it("values are checked against the schema, and the refusal names the place in the input", () => {
    const e = refusal(() => fromMongo({ $and: [{ year: 1 }, { year: 2 }, { price: { $gt: "cheap" } }] }, { schema: books }));
    expect(e.code).toBe("convert/refused");
    expect(e.path).toBe("$and[2].price.$gt");
    expect(e.diagnostics.some((d) => d.code === "type/incomparable")).toBe(true);
    expect(refusal(() => fromMongo({ year: 1.5 }, { schema: books })).path).toBe("year.$eq");
    expect(refusal(() => fromMongo({ nope: 1 }, { schema: strict })).code).toBe("convert/bad-key");
    expect(refusal(() => fromMongo({ "title.x": 1 }, { schema: books })).code).toBe("convert/bad-key");
    expect(refusal(() => fromMongo({ "a..b": 1 }, meta)).code).toBe("convert/bad-key");
  });

  it("checks the target version and the purpose", () => {
    expect(refusal(() => fromMongo({ a: { $regex: "x" } }, { ...meta, target: "2.6" })).diagnostics[0]?.code).toBe("version/unsupported");
    // `is null` arrived in 2.5; a missing JSON key is written with exists, which 2.4 has
    expect(refusal(() => fromMongo({ price: null }, { schema: books, target: "2.4" })).code).toBe("convert/refused");
    expect(textOf(fromMongo({ a: null }, { ...meta, target: "2.4" }))).toBe('not (exists metadata["a"])');
    expect(textOf(fromMongo({ id: { $in: [1, 2] } }, { schema: books, purpose: "delete" }))).toBe("id in [1, 2]");
  });
});

describe("fromMongo: refused, never approximated", () => {
  const table: [string, unknown, string, string][] = [
    ["$elemMatch", { a: { $elemMatch: { x: 1 } } }, "convert/unsupported", "a.$elemMatch"],
    ["$type", { a: { $type: "string" } }, "convert/unsupported", "a.$type"],
    ["$mod", { a: { $mod: [2, 0] } }, "convert/unsupported", "a.$mod"],
    ["$where", { $where: "this.a > 1" }, "convert/unsupported", "$where"],
    ["$expr", { $expr: { $gt: ["$a", "$b"] } }, "convert/unsupported", "$expr"],
    ["$text", { $text: { $search: "x" } }, "convert/unsupported", "$text"],
    ["$near", { loc: { $near: [0, 0] } }, "convert/unsupported", "loc.$near"],
    ["$all with $elemMatch", { a: { $all: [{ $elemMatch: { x: 1 } }] } }, "convert/unsupported", "a.$all"],
    ["$gt on a boolean", { a: { $gt: true } }, "convert/unsupported", "a.$gt"],
    ["$lt on an array", { a: { $lt: [1] } }, "convert/unsupported", "a.$lt"],
    ["embedded-document equality", { a: { x: 1 } }, "convert/unsupported", "a"],
    ["mixed operator object", { a: { $gt: 1, x: 2 } }, "convert/bad-shape", "a"],
    ["unknown operator", { a: { $foo: 1 } }, "convert/unknown-operator", "a.$foo"],
    ["unknown top-level operator", { $foo: [] }, "convert/unknown-operator", "$foo"],
    ["empty query", {}, "convert/bad-shape", ""],
    ["empty $or", { $or: [] }, "convert/bad-shape", "$or"],
    ["$and not an array", { $and: { a: 1 } }, "convert/bad-shape", "$and"],
    ["$in not an array", { a: { $in: 1 } }, "convert/bad-value", "a.$in"],
    ["$exists not a boolean", { a: { $exists: 1 } }, "convert/bad-value", "a.$exists"],
    ["$size negative", { a: { $size: -1 } }, "convert/bad-value", "a.$size"],
    ["$size fraction", { a: { $size: 1.5 } }, "convert/bad-value", "a.$size"],
    ["$all empty", { a: { $all: [] } }, "convert/bad-value", "a.$all"],
    ["$options without $regex", { a: { $options: "i" } }, "convert/bad-shape", "a.$options"],
    ["regex flag without an RE2 form", { a: { $regex: "x", $options: "x" } }, "convert/unsupported", "a.$regex"],
    ["an invalid RE2 pattern (backreference)", { a: { $regex: "(a)\\1" } }, "convert/refused", "a.$regex"],
    ["NaN", { a: Number.NaN }, "convert/bad-value", "a.$eq"],
    ["a Date", { a: new Date(0) }, "convert/bad-value", "a.$eq"],
    ["an unsafe integer", { a: 2 ** 60 }, "convert/bad-value", "a.$eq"],
    ["a lone surrogate", { a: "x\uD800" }, "convert/bad-value", "a.$eq"],
    ["$not with a value", { a: { $not: 3 } }, "convert/bad-value", "a.$not"],
    ["not an object", "a == 1", "convert/bad-shape", ""],
    ["an array", [{ a: 1 }], "convert/bad-shape", ""],
    ["in $in, a nested element", { $or: [{ a: 1 }, { b: { $in: [1, {}] } }] }, "convert/bad-value", "$or[1].b.$in[1]"],
  ];
  it.each(table)("%s", (_, q, code, path) => {
    const e = refusal(() => fromMongo(q, meta));
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
    expect(e.message.startsWith(path === "" ? "" : `${path}: `)).toBe(true);
  });

  it("refuses bad options", () => {
    expect(refusal(() => fromMongo({ a: 1 }, { jsonField: "no such" })).code).toBe("convert/bad-options");
    expect(refusal(() => fromMongo({ a: 1 }, { schema: books, jsonField: "title" })).code).toBe("convert/bad-options");
    expect(refusal(() => fromMongo({ a: 1 }, { schema: { fields: 3 } })).code).toBe("convert/bad-options");
    expect(refusal(() => fromMongo({ a: 1 }, { purpose: "drop" as never })).code).toBe("convert/bad-options");
  });
});

describe("fromMongo: regressions from other translators", () => {
  it("mem0#5744: a value cannot leave its string (tenant isolation holds)", () => {
    const f = fromMongo({ user_id: 'u1") or true or ("', tenant: "acme" }, { schema: books });
    const root = f.ast;
    expect(root.kind).toBe("And");
    const eq = (root as unknown as { operands: { kind: string; right: { value: string } }[] }).operands[0]!;
    expect(eq.kind).toBe("Equality");
    expect(eq.right.value).toBe('u1") or true or ("');
    const run = compileFilter(f.ast, { schema: books });
    expect(run.test({ id: 1, tenant: "other", $meta: { user_id: "u2" } })).toBe(false);
  });

  it("Mastra: backslashes and quotes escaped, $gt values are literals, nested keys are JSON paths, $all and $exists are real", () => {
    const f = fromMongo({ path: 'C:\\tmp\\"x"', price: { $gt: "10 or 1 == 1" }, "a.b": 1, tags: { $all: ["x"] }, c: { $exists: true } }, meta);
    expect(textOf(f)).toBe(
      'metadata["path"] == "C:\\\\tmp\\\\\\"x\\"" and metadata["price"] > "10 or 1 == 1" and metadata["a"]["b"] == 1 and json_contains_all(metadata["tags"], ["x"]) and exists metadata["c"]',
    );
    const run = compileFilter(f.ast, { schema: books });
    expect(run.test({ id: 1, metadata: { path: 'C:\\tmp\\"x"', price: "2", a: { b: 1 }, tags: ["x"], c: 0 } })).toBe(true);
  });

  it("langchain4j PR#6333: a key cannot inject (it is one JSON key, whatever it holds)", () => {
    const key = 'tenant"] != "" or metadata["x';
    const f = fromMongo({ [key]: "v" }, meta);
    expect(f.ast.kind).toBe("Equality");
    const left = (f.ast as unknown as { left: { kind: string; keys: { value: string }[] } }).left;
    expect(left.kind).toBe("JSONIdentifier");
    expect(left.keys.map((k) => k.value)).toEqual([key]);
  });

  it("langchain4j #5576: a backslash in a value is escaped", () => {
    const f = fromMongo({ dir: "a\\b" }, meta);
    expect(textOf(f)).toBe('metadata["dir"] == "a\\\\b"');
    expect((parse(f.text).ast as unknown as { right: { value: string } }).right.value).toBe("a\\b");
  });

  it("dify#17256: $in is a Milvus list, not a SQL tuple", () => {
    expect(textOf(fromMongo({ doc_id: { $in: ["a", "b"] } }, meta))).toBe('metadata["doc_id"] in ["a", "b"]');
  });

  it("agno#5536: json_contains_any takes two arguments", () => {
    const f = fromMongo({ tags: { $in: ["a", "b"] } }, { schema: books });
    expect(f.ast.kind).toBe("JSONContainsAny");
    expect(textOf(f)).toBe('array_contains_any(tags, ["a", "b"])');
  });

  it("int64 values stay exact", () => {
    expect(textOf(fromMongo({ id: 9007199254740993n }, { schema: books }))).toBe("id == 9007199254740993");
  });
});

describe("fromMongo: limits", () => {
  it("refuses nesting past the limit, and a cyclic input, with a ConvertError", () => {
    let q: Record<string, unknown> = { a: 1 };
    for (let i = 0; i < 10_000; i++) q = { $and: [q] };
    expect(refusal(() => fromMongo(q, meta)).code).toBe("convert/too-deep");
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.$or = [cyclic];
    expect(refusal(() => fromMongo(cyclic, meta)).code).toBe("convert/too-deep");
    const not: Record<string, unknown> = { $gt: 1 };
    not.$not = not;
    expect(refusal(() => fromMongo({ a: not }, meta)).code).toBe("convert/too-deep");
  });

  it("converts the deepest nesting it accepts", () => {
    let q: Record<string, unknown> = { a: 1 };
    for (let i = 0; i < 89; i++) q = { $nor: [q, { b: i }] };
    expect(parse(fromMongo(q, meta).text).ast).not.toBeNull();
  });

  it("handles long lists and wide groups in reasonable time", () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => i);
    expect(fromMongo({ id: { $in: ids } }, { schema: books }).text.length).toBeGreaterThan(1_000_000);
    const wide = { $or: Array.from({ length: 5_000 }, (_, i) => ({ year: i })) };
    expect(fromMongo(wide, { schema: books }).ast.kind).toBe("Or");
  });
});

describe("fromMongo: a value too large to read back", () => {
  it("is a ConvertError past the 16 MiB filter limit; 8 MiB converts", () => {
    expect(fromMongo({ a: "x".repeat(8 * 1024 * 1024) }, meta).text.length).toBeGreaterThan(8 * 1024 * 1024);
    const e = refusal(() => fromMongo({ a: "x".repeat(17 * 1024 * 1024) }, meta));
    expect(e.code).toBe("convert/too-large");
    expect(e.path).toBe("a.$eq");
    expect(e.message.length).toBeLessThan(300);
  });
});
