/**
 * Keys given twice (issue 11, item 9): configuration and template-values files are refused with
 * config/duplicate-key, a row with a repeated key is a row error naming it, and both JSON parsers
 * find them in linear time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRows, readRowStream } from "../../src/rows/index.js";
import { parseJson, parseJsonTree, type JsonObject } from "../../src/util/json.js";
import { ROOT } from "./build-cli.js";
import { run } from "./memory-io.js";

const FILTERS = { "/work/f.filter": "a == 1\n" };

describe("configuration files", () => {
  it("a key twice in .milvusfilterrc.json is a usage error with a code, at the second key", async () => {
    const rc = '{\n  "target": "2.5",\n  "rules": {"lint/or-chain": "off", "lint/or-chain": "error"}\n}\n';
    const r = await run(["lint", "f.filter"], { ...FILTERS, "/work/.milvusfilterrc.json": rc });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/work/.milvusfilterrc.json:3:37: duplicate key "lint/or-chain" [config/duplicate-key]');

    const top = await run(["lint", "f.filter"], { ...FILTERS, "/work/.milvusfilterrc.json": '{"target": "2.5", "target": "2.6"}' });
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('1:19: duplicate key "target" [config/duplicate-key]');
  });

  it("package.json: milvusFilter twice, or a key twice inside it, is refused; other repeated keys are not ours", async () => {
    const twice = '{"name": "x", "milvusFilter": {"target": "2.5"}, "milvusFilter": {"target": "2.6"}}';
    const r1 = await run(["lint", "f.filter"], { ...FILTERS, "/work/package.json": twice });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('/work/package.json:1:50: duplicate key "milvusFilter" [config/duplicate-key]');

    const inside = '{\n"milvusFilter": {"purpose": "query",\n "purpose": "delete"}}';
    const r2 = await run(["lint", "f.filter"], { ...FILTERS, "/work/package.json": inside });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('/work/package.json:3:2: duplicate key "purpose" [config/duplicate-key]');

    const elsewhere = '{"scripts": {"a": "x", "a": "y"}, "milvusFilter": {"target": "2.5"}}';
    const r3 = await run(["lint", "f.filter"], { ...FILTERS, "/work/package.json": elsewhere });
    expect(r3.code).toBe(0);
  });

  it("a template-values (--params) file with a key twice is refused", async () => {
    const r = await run(["lint", "--params", "p.json", "f.filter"], { ...FILTERS, "/work/p.json": '{"ids": [1], "ids": [2]}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/work/p.json:1:14: duplicate key "ids" [config/duplicate-key]');
  });
});

describe("rows", () => {
  it("a row with a key twice is a row error naming the key; other rows are read", () => {
    const text = '{"id": 1, "a": 2}\n{"id": 2, "a": 3, "a": 4}\n{"id": 3, "m": {"k": 1, "k": 2}}\n{"id": 4, "m": [{"k": 1}, {"k": 2}]}\n';
    const out = [...readRows(text)];
    expect(out.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(out[1]).toMatchObject({ ok: false, line: 2, column: 19 });
    expect(!out[1]!.ok && out[1]!.message).toMatch(/^Duplicate key "a"/);
    expect(!out[2]!.ok && out[2]!.message).toMatch(/^Duplicate key "k"/);
  });

  it("the same from a stream", async () => {
    async function* chunks() {
      yield '{"a": 1, "b": 2, "b": 3}\n';
    }
    const out = [];
    for await (const r of readRowStream(chunks())) out.push(r);
    expect(out).toMatchObject([{ ok: false, line: 1, column: 18, message: expect.stringMatching(/^Duplicate key "b"/) }]);
  });

  it("eval reports the row and goes on", async () => {
    const schema = readFileSync(join(ROOT, "examples", "schema.json"), "utf8");
    const rows = '{"id": 1, "title": "a"}\n{"id": 2, "title": "b", "title": "a"}\n{"id": 3, "title": "a"}\n';
    const r = await run(["eval", "--schema", "schema.json", "--rows", "rows.jsonl", '-f', "ids", 'title == "a"'], { "/work/schema.json": schema, "/work/rows.jsonl": rows });
    expect(r.stderr).toContain('rows.jsonl:2:25: Duplicate key "title"');
    expect(r.stdout).toBe("1\n3\n");
  });
});

describe("the parsers", () => {
  const both = (text: string) => [parseJson(text, { duplicateKeys: "error" }), parseJsonTree(text, { duplicateKeys: "error" })];

  it("find a repeated key at any depth, after escapes are decoded, and name it", () => {
    for (const r of both('[{"x": {"a": 1, "b": {}, "\\u0061": 2}}]')) {
      expect(r).toMatchObject({ ok: false, error: { offset: 25, duplicateKey: "a", message: expect.stringContaining('Duplicate key "a"') } });
    }
    for (const r of both('{"__proto__": 1, "__proto__": 2}')) expect(r).toMatchObject({ ok: false, error: { duplicateKey: "__proto__" } });
  });

  it("accept the same key in different objects, and keep the last by default", () => {
    for (const r of both('{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": {"a": {"a": 3}}}')) expect(r.ok).toBe(true);
    expect((parseJson('{"a": 1, "a": 2}') as { value: JsonObject }).value.a).toBe(2);
    expect(parseJsonTree('{"a": 1, "a": 2}').ok).toBe(true);
  });

  it("stay linear: 200k keys in one object, and 100k objects of the same keys", () => {
    const wide = `{${Array.from({ length: 200_000 }, (_, i) => `"k${i}": ${i}`).join(",")}}`;
    const many = `[${Array.from({ length: 100_000 }, (_, i) => `{"a": ${i}, "b": 1, "c": 2}`).join(",")}]`;
    const start = performance.now();
    for (const text of [wide, many]) for (const r of both(text)) expect(r.ok).toBe(true);
    for (const r of both(`${wide.slice(0, -1)}, "k199999": 0}`)) expect(r).toMatchObject({ ok: false, error: { duplicateKey: "k199999" } });
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});
