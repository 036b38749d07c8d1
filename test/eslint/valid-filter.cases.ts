/**
 * RuleTester cases of `valid-filter`. Cases whose name starts with "doc:" are also the rule's
 * examples in docs/eslint.md (test/eslint/docs.test.ts keeps the page in step).
 */
import type { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { SETTINGS, at } from "./helpers.js";

const IMPORT = 'import { filter, field, like } from "milvus-filter";\n';

// RuleTester matches `message` exactly; the library's messages are long, so tests compare the
// code (the `[area/kind]` suffix) through a regular expression on the message.
function diag(code: string, marker: string, diagCode: string, nth = 0): RuleTester.TestCaseError {
  return { message: new RegExp(`\\[${diagCode.replace("/", "\\/")}\\]$`) as unknown as string, ...at(code, marker, nth) };
}

const c = {
  unknownField: 'await client.delete({ collection_name: "books", filter: "tenant == \\"a\\" and agee > 1" });',
  escapeInside: 'await client.query({ collection_name: "books", filter: "a\\u0067ee > 1" });',
  escapesBefore: 'client.query({ filter: "\\u0074enant\\x20== \\"\\u{1F600}\\" and agee > 1" });',
  surrogates: 'client.query({ filter: "tenant == \\"😀😀\\" and agee > 1" });',
  continuation: 'client.query({ filter: "tenant == \\"a\\" and \\\n  agee > 1" });',
  octalish: 'client.query({ expr: "tenant == \\"\\t\\" and agee > 1" });',
  template: "client.query({ filter: `tenant == \"a\"\n   and agee > 1` });",
  concat: 'client.search({ filter: "tenant == \\"a\\" " +\n  "and agee > 1" });',
  emptyParts: 'client.query({ filter: "" + "agee > 1" + `` + "" });',
  deleteAllTrue: 'client.delete({ collection_name: "books", filter: "id > 0 or true" });',
  syntax: 'client.query({ filter: "age > " });',
  constInit: 'const f = "agee > 1";\nclient.query({ filter: f });\nclient.count({ expr: f });',
  marker: 'const q = /* milvus-filter */ "agee > 1";',
  langchain: 'await store.similaritySearch("space", 4, "agee > 1");',
  langchainDelete: 'await store.delete({ filter: "id > 0 or true" });',
  llamaindex: 'await vectorStore.delete("doc-1", { filter: "agee > 1" });',
  hybrid: 'client.hybridSearch({ collection_name: "books", data: [{ anns_field: "v", data: [1], expr: "agee > 1" }] });',
  safeDelete: 'await safeDelete(client, { collectionName: "books", filter: "id > 0 or true", purpose: "delete" });',
  custom: 'repo.removeWhere("id > 0 or true");',
  builder: IMPORT + "const f = filter`tenant == ${t} and agee > 1`;",
  builderName: IMPORT + 'const f = filter`${field("tenant")} == ${t} and agee > ${n}`;',
  builderQuoted: IMPORT + 'const f = filter`title == "${t}"`;',
  builderInDelete: IMPORT + "client.delete({ filter: filter`id > 0 or true`.text });",
  tsCast: 'client.query({ filter: "agee > 1" as string });',
};

export const valid: RuleTester.ValidTestCase[] = [
  { name: "doc: a filter that fits the schema", code: 'await client.delete({ collection_name: "books", filter: "tenant == \\"acme\\" and id in [1, 2]" });', settings: SETTINGS },
  { code: 'client.query({ filter: "id > 0" });', settings: SETTINGS },
  { code: "client.query({ filter: someVariable });", settings: SETTINGS },
  { code: 'items.filter("agee > 1"); map.delete("agee > 1"); db.find({ where: "agee > 1" });', settings: SETTINGS },
  { code: 'const s = "agee > 1";', settings: SETTINGS },
  // Without a schema, field names are not checked.
  { code: 'client.query({ filter: "agee > 1" });' },
  // Severity overrides from settings (as in .milvusfilterrc.json).
  { code: 'client.query({ filter: "agee > 1" });', settings: { milvusFilter: { ...SETTINGS.milvusFilter, rules: { "schema/unknown-field": "off" } } } },
  // Interpolated filters are no-interpolated-filter's business.
  { code: "client.query({ filter: `agee > ${n}` });", settings: SETTINGS },
  // A `filter` that is not this package's builder.
  { code: "const f = filter`agee > 1`;", settings: SETTINGS },
  // Information-level findings are only reported with report: "all".
  { code: 'client.delete({ filter: "age > 1" });', settings: SETTINGS },
  // A builder interpolation's value is unknown: checker findings about it are left to run time.
  { code: IMPORT + "const f = filter`age > ${x}`;", settings: SETTINGS },
  { code: IMPORT + "const f = filter`title like ${like.prefix(q)}`;", settings: SETTINGS },
];

export const invalid: RuleTester.InvalidTestCase[] = [
  { name: "doc: an unknown field, reported where it is written", code: c.unknownField, settings: SETTINGS, errors: [diag(c.unknownField, "agee", "schema/unknown-field")] },
  { name: "an escape inside the reported token", code: c.escapeInside, settings: SETTINGS, errors: [diag(c.escapeInside, "a\\u0067ee", "schema/unknown-field")] },
  { name: "escapes before the reported token (\\u, \\x, \\u{…} as a surrogate pair)", code: c.escapesBefore, settings: SETTINGS, errors: [diag(c.escapesBefore, "agee", "schema/unknown-field")] },
  { name: "surrogate pairs written as is", code: c.surrogates, settings: SETTINGS, errors: [diag(c.surrogates, "agee", "schema/unknown-field")] },
  { name: "a line continuation", code: c.continuation, settings: SETTINGS, errors: [diag(c.continuation, "agee", "schema/unknown-field")] },
  { name: "expr and a tab escape", code: c.octalish, settings: SETTINGS, errors: [diag(c.octalish, "agee", "schema/unknown-field")] },
  { name: "a template literal over two lines", code: c.template, settings: SETTINGS, errors: [diag(c.template, "agee", "schema/unknown-field")] },
  { name: "a concatenation of literals", code: c.concat, settings: SETTINGS, errors: [diag(c.concat, "agee", "schema/unknown-field")] },
  { name: "empty literals in a concatenation", code: c.emptyParts, settings: SETTINGS, errors: [diag(c.emptyParts, "agee", "schema/unknown-field")] },
  {
    name: "doc: delete calls are checked as deletes",
    code: c.deleteAllTrue,
    settings: SETTINGS,
    errors: [diag(c.deleteAllTrue, "id > 0 or true", "purpose/delete-always-true")],
  },
  { name: "doc: a syntax error", code: c.syntax, settings: SETTINGS, errors: [{ message: /\[syntax\/unexpected-end\]$/ as unknown as string, line: 1, column: 30, endLine: 1, endColumn: 30 }] },
  { name: "a const used by two calls is reported once, at its initializer", code: c.constInit, settings: SETTINGS, errors: [diag(c.constInit, "agee", "schema/unknown-field")] },
  { name: "doc: any string marked with /* milvus-filter */", code: c.marker, settings: SETTINGS, errors: [diag(c.marker, "agee", "schema/unknown-field")] },
  { name: "LangChain similaritySearch(query, k, filter)", code: c.langchain, settings: SETTINGS, errors: [diag(c.langchain, "agee", "schema/unknown-field")] },
  { name: "LangChain delete({ filter })", code: c.langchainDelete, settings: SETTINGS, errors: [diag(c.langchainDelete, "id > 0 or true", "purpose/delete-always-true")] },
  { name: "LlamaIndex.TS delete(refDocId, { filter })", code: c.llamaindex, settings: SETTINGS, errors: [diag(c.llamaindex, "agee", "schema/unknown-field")] },
  { name: "hybridSearch sub-requests", code: c.hybrid, settings: SETTINGS, errors: [diag(c.hybrid, "agee", "schema/unknown-field")] },
  { name: "safeDelete", code: c.safeDelete, settings: SETTINGS, errors: [diag(c.safeDelete, "id > 0 or true", "purpose/delete-always-true")] },
  {
    name: "doc: a configured call pattern",
    code: c.custom,
    settings: { milvusFilter: { ...SETTINGS.milvusFilter, calls: [{ callee: "repo.removeWhere", argument: 0, purpose: "delete" }] } },
    errors: [diag(c.custom, "id > 0 or true", "purpose/delete-always-true")],
  },
  { name: "doc: the filter tagged template", code: c.builder, settings: SETTINGS, errors: [diag(c.builder, "agee", "schema/unknown-field")] },
  { name: "builder: a field() name is checked, values are not", code: c.builderName, settings: SETTINGS, errors: [diag(c.builderName, "agee", "schema/unknown-field")] },
  {
    name: "doc: builder: an interpolation inside a string",
    code: c.builderQuoted,
    settings: SETTINGS,
    errors: [{ messageId: "brokenInterpolation", data: { index: "0" }, ...at(c.builderQuoted, "t}", 0), endColumn: at(c.builderQuoted, "t}").column + 1 }],
  },
  { name: "builder text sent to delete", code: c.builderInDelete, settings: SETTINGS, errors: [diag(c.builderInDelete, "id > 0 or true", "purpose/delete-always-true")] },
  { name: "a TypeScript cast", code: c.tsCast, languageOptions: { parser: tseslint.parser }, settings: SETTINGS, errors: [diag(c.tsCast, "agee", "schema/unknown-field")] },
  {
    name: "options: target and report",
    code: 'client.delete({ filter: "age > 1" });',
    options: [{ target: "2.4", report: "all" }],
    settings: SETTINGS,
    errors: [diag('client.delete({ filter: "age > 1" });', "age > 1", "lint/delete-query-first")],
  },
  {
    name: "an unreadable schema file is reported",
    code: 'client.query({ filter: "age > 1" });',
    options: [{ schema: "no/such/schema.json" }],
    errors: [{ messageId: "badConfig" }],
  },
  {
    name: "a bad target in settings is reported",
    code: 'client.query({ filter: "age > 1" });',
    settings: { milvusFilter: { target: "9.9" } },
    errors: [{ messageId: "badConfig", data: { problem: 'target must be one of 2.3, 2.4, 2.5, 2.6, 3.0; found "9.9"' } }],
  },
];
