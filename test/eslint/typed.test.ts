/**
 * With type information (parserOptions.project), a method call counts as a filter site only when
 * its receiver has a Milvus type (or a type that cannot be seen: any, unresolved). Uses the
 * example project's tsconfig and its type stubs of the SDK and the stores.
 */
import { join } from "node:path";
import tseslint from "typescript-eslint";
import { RuleTester, SETTINGS, at } from "./helpers.js";
import { validFilter } from "../../src/eslint/rules/valid-filter.js";
import { noInterpolatedFilter } from "../../src/eslint/rules/no-interpolated-filter.js";
import { ROOT } from "../cli/build-cli.js";

// A project of its own (the SDK and store type stubs, one file per case). With CI=true,
// typescript-eslint infers a "single run" and builds its program from the files on disk, ignoring
// the text RuleTester passes; disallowAutomaticSingleRunInference keeps these cases honest there.
const EXAMPLE = join(ROOT, "test", "eslint", "fixtures", "typed");
const code = [
  'import { MilvusClient } from "@zilliz/milvus2-sdk-node";',
  'import { Milvus } from "@langchain/community/vectorstores/milvus";',
  "class Notes { delete(o: { filter: string }) { return o.filter; } }",
  "declare const loose: any;",
  "declare const store: Milvus;",
  'const client = new MilvusClient("localhost:19530");',
  'client.delete({ collection_name: "b", filter: "aaa > 1" });',
  'new Notes().delete({ filter: "bbb > 1" });',
  'loose.delete({ filter: "ccc > 1" });',
  'store.similaritySearch("q", 4, "ddd > 1");',
].join("\n");
const unknown = (name: string) => ({ message: /\[schema\/unknown-field\]$/ as unknown as string, ...at(code, name) });

new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { project: "./tsconfig.json", tsconfigRootDir: EXAMPLE, disallowAutomaticSingleRunInference: true } },
}).run("valid-filter (type-aware)", validFilter, {
  valid: [],
  invalid: [{ name: "the receiver of Notes.delete is not a Milvus client", code, filename: join(EXAMPLE, "src", "receiver.ts"), settings: SETTINGS, errors: [unknown("aaa"), unknown("ccc"), unknown("ddd")] }],
});

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run("valid-filter (syntactic)", validFilter, {
  valid: [],
  invalid: [{ name: "without types every delete({ filter }) counts", code, settings: SETTINGS, errors: [unknown("aaa"), unknown("bbb"), unknown("ccc"), unknown("ddd")] }],
});

// With types, a string-typed value fills a quoted string as it is; anything else goes through String().
const fixCode = [
  'import { filter } from "milvus-filter";',
  'import { MilvusClient } from "@zilliz/milvus2-sdk-node";',
  'declare const client: MilvusClient;',
  'declare const tenant: string;',
  'declare const year: number;',
  'client.query({ collection_name: "b", filter: `tenant == "${tenant}" and title == "${year}"` });',
].join("\n");
new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { project: "./tsconfig.json", tsconfigRootDir: EXAMPLE, disallowAutomaticSingleRunInference: true } },
}).run("no-interpolated-filter (type-aware)", noInterpolatedFilter, {
  valid: [],
  invalid: [
    {
      name: "String() only where the value is not a string",
      code: fixCode,
      filename: join(EXAMPLE, "src", "fix.ts"),
      output: fixCode.replace('`tenant == "${tenant}" and title == "${year}"`', "filter`tenant == ${tenant} and title == ${String(year)}`.text"),
      errors: [{ messageId: "interpolated" }],
    },
  ],
});
