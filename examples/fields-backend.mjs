// A third-party backend, written outside the core: it lists the fields a filter reads.
// Run: npm run build && node examples/fields-backend.mjs 'age > 30 and meta["tags"][0] == "x"'
import { defineBackend, parse, walk } from "../dist/index.js";

export const fieldsRead = defineBackend({
  name: "fields",
  description: "the schema fields and dynamic keys a filter reads",
  run({ ast }) {
    const names = new Set();
    for (const n of walk(ast)) {
      if (n.kind === "Identifier" && n.name !== "$meta") names.add(n.name);
      else if (n.kind === "JSONIdentifier") {
        const first = n.keys[0];
        names.add(n.base === "$meta" && first?.kind === "key" ? first.value : n.base);
      } else if (n.kind === "StructField" || n.kind === "StructIndexField") names.add(`${n.struct}[${n.sub}]`);
    }
    return [...names].sort();
  },
});

const text = process.argv[2] ?? 'age > 30 and meta["tags"][0] == "x" or $meta["color"] in ["red"]';
const { ast, diagnostics } = parse(text);
if (!ast) {
  for (const d of diagnostics) console.error(`${d.line}:${d.column} ${d.code}: ${d.message}`);
  process.exitCode = 1;
} else {
  console.log(fieldsRead.run({ ast }).join("\n"));
}
