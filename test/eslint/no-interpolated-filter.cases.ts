/** RuleTester cases of `no-interpolated-filter` ("doc:" cases are the examples in docs/eslint.md). */
import type { RuleTester } from "eslint";
import { at } from "./helpers.js";

const QUOTED = 'import { MilvusClient } from "@zilliz/milvus2-sdk-node";\nawait client.delete({ collection_name: "books", filter: `tenant == "${tenant}" and age > ${minAge}` });';
const CONCAT = 'client.query({ filter: "tenant == \\"" + tenant + "\\" and age > " + n });';

const err = (count: number): RuleTester.TestCaseError => ({ messageId: "interpolated", data: { count: String(count) } });

export const valid: RuleTester.ValidTestCase[] = [
  { name: "doc: the filter tagged template", code: 'import { filter } from "milvus-filter";\nawait client.delete({ collection_name: "books", filter: filter`tenant == ${tenant}`.text });' },
  { code: 'client.query({ filter: "age > 1" });' },
  { code: "client.query({ filter: `age > 1` });" },
  { code: 'client.query({ filter: "age > 1 " + "and id < 5" });' },
  { code: "client.query({ filter: someFilter });" },
  { code: "log(`tenant == ${t}`);" },
];

export const invalid: RuleTester.InvalidTestCase[] = [
  {
    name: "doc: a quoted value becomes an interpolation (an import is added)",
    code: QUOTED,
    output:
      'import { MilvusClient } from "@zilliz/milvus2-sdk-node";\nimport { filter } from "milvus-filter";\nawait client.delete({ collection_name: "books", filter: filter`tenant == ${String(tenant)} and age > ${minAge}`.text });',
    errors: [{ ...err(2), ...at(QUOTED, '`tenant == "${tenant}" and age > ${minAge}`') }],
  },
  {
    name: "an existing import is reused; single quotes",
    code: "import { filter } from \"milvus-filter\";\nclient.query({ filter: `title == '${t}'` });",
    output: "import { filter } from \"milvus-filter\";\nclient.query({ filter: filter`title == ${String(t)}`.text });",
    errors: [err(1)],
  },
  {
    name: "a specifier is added to an import from the package",
    code: 'import { field } from "milvus-filter";\nclient.query({ filter: "age > " + n });',
    output: 'import { field, filter } from "milvus-filter";\nclient.query({ filter: filter`age > ${n}`.text });',
    errors: [err(1)],
  },
  {
    name: "doc: concatenation",
    code: CONCAT,
    output: 'import { filter } from "milvus-filter";\nclient.query({ filter: filter`tenant == ${String(tenant)} and age > ${n}`.text });',
    errors: [{ ...err(2), ...at(CONCAT, 'tenant == \\"" + tenant + "\\" and age > " + n', 0), column: 24 }],
  },
  {
    name: "a string literal interpolation needs no String()",
    code: 'client.query({ filter: `tenant == "${"acme"}"` });',
    output: 'import { filter } from "milvus-filter";\nclient.query({ filter: filter`tenant == ${"acme"}`.text });',
    errors: [err(1)],
  },
  {
    name: "doc: with exprValues, filter.params and the SDK's exprValues",
    options: [{ exprValues: true }],
    code: 'import { filter } from "milvus-filter";\nasync function purge(tenant) {\n  await client.delete({ collection_name: "books", filter: `tenant == "${tenant}"` });\n}',
    output:
      'import { filter } from "milvus-filter";\nasync function purge(tenant) {\n  const milvusFilter = filter.params`tenant == ${String(tenant)}`;\n  await client.delete({ collection_name: "books", filter: milvusFilter.text, exprValues: milvusFilter.exprParams });\n}',
    errors: [err(1)],
  },
  // Reported without a fix: a name, part of a string, a LIKE pattern, a backtick, a shadowed `filter`, CommonJS.
  { name: "doc: an interpolated field name has no fix", code: "client.query({ filter: `${column} > 1` });", output: null, errors: [err(1)] },
  { code: 'client.query({ filter: `title == "book-${n}"` });', output: null, errors: [err(1)] },
  { code: 'client.query({ filter: `title like "${q}%"` });', output: null, errors: [err(1)] },
  { code: 'client.query({ filter: `title like "${q}"` });', output: null, errors: [err(1)] },
  { code: 'client.query({ filter: "title == \\"`\\" and age > " + n });', output: null, errors: [err(1)] },
  { code: "function f(filter) { client.query({ filter: `age > ${n}` }); }", output: null, errors: [err(1)] },
  { code: "client.query({ filter: `age > ${n}` });", languageOptions: { sourceType: "commonjs" }, output: null, errors: [err(1)] },
  {
    name: "exprValues: no fix when exprValues is already there",
    options: [{ exprValues: true }],
    code: "client.query({ filter: `age > ${n}`, exprValues: {} });",
    output: null,
    errors: [err(1)],
  },
  {
    name: "a const initializer, LangChain's filter argument",
    code: "const f = `age > ${n}`;\nawait store.similaritySearch(q, 4, f);",
    output: 'import { filter } from "milvus-filter";\nconst f = filter`age > ${n}`.text;\nawait store.similaritySearch(q, 4, f);',
    errors: [{ ...err(1), line: 1, column: 11 }],
  },
];
