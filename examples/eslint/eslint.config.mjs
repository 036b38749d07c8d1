// Lints the Milvus filters written in this example project (see docs/eslint.md).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";
import milvusFilter, { readMilvusFilterConfig } from "milvus-filter/eslint";

const here = dirname(fileURLToPath(import.meta.url));

export default [
  {
    files: ["**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      // With type information, method calls count only when the receiver is a Milvus client or store.
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: here },
    },
  },
  milvusFilter.configs.recommended,
  {
    settings: {
      milvusFilter: {
        // schema, target and purpose from .milvusfilterrc.json, as the CLI reads them
        ...(await readMilvusFilterConfig({ cwd: here })),
        calls: [{ callee: "repo.removeWhere", argument: 0, purpose: "delete" }],
      },
    },
  },
];
