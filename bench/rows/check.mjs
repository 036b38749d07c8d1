// Check throughput on corpus-mixed against a schema that gives every identifier in it a field
// (numeric fields are Double because the corpus compares them with floats, arrays are JSON).
import { readFileSync } from "node:fs";

export async function run({ lib, corpus, median, report }) {
  const { schema, issues } = lib.loadSchema(JSON.parse(readFileSync(new URL("../bench-schema.json", import.meta.url), "utf8")));
  if (!schema || issues.length) throw new Error(`bench schema: ${JSON.stringify(issues)}`);
  const mixed = corpus("corpus-mixed");
  const parsed = mixed.map((f) => lib.parse(f));
  const options = { schema, purpose: "query" };
  let rejected = 0;
  for (const p of parsed) if (!lib.check(p, options).ok) rejected++;
  const checkOnly = median(() => {
    for (const p of parsed) lib.check(p, options);
  });
  report("check", "corpus-mixed expressions/s (check only)", (mixed.length / checkOnly) * 1000, "expr/s", `${rejected} of ${mixed.length} rejected by Milvus's rules`);
  const both = median(() => {
    for (const f of mixed) lib.check(lib.parse(f), options);
  });
  report("check", "corpus-mixed expressions/s (parse + check)", (mixed.length / both) * 1000, "expr/s");
}
