/**
 * Sample rows for a schema, so a pasted schema can be tried at once. Deterministic (row i's values
 * depend only on i), JSONL text; nullable columns are null in every fourth row. Vector, struct and
 * other types a filter cannot read in a row are left out.
 */
import type { CollectionSchema, DataType } from "../../src/schema/index.js";

const WORDS = ["red", "green", "blue", "amber", "violet"];

function scalar(type: DataType | undefined, i: number): unknown {
  switch (type) {
    case "Bool":
      return i % 2 === 0;
    case "Int8":
    case "Int16":
    case "Int32":
    case "Int64":
      return i * 7 - 10;
    case "Float":
    case "Double":
      return Math.round((i * 1.25 - 2) * 100) / 100;
    case "String":
    case "VarChar":
      return `${WORDS[i % WORDS.length]}-${i}`;
    case "JSON":
      return { n: i, tag: WORDS[i % WORDS.length], nested: { even: i % 2 === 0 } };
    default:
      return undefined;
  }
}

export function sampleRows(schema: CollectionSchema, count = 10): string {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) {
    const row: Record<string, unknown> = {};
    for (const f of schema.columns) {
      if (f.name.includes("[")) continue; // struct sub-fields
      let v: unknown;
      if (f.primaryKey) v = f.dataType === "VarChar" ? `key-${i}` : i;
      else if (f.nullable && i % 4 === 0) v = null;
      else if (f.dataType === "Array") v = [scalar(f.elementType, i), scalar(f.elementType, i + 1)].filter((x) => x !== undefined);
      else v = scalar(f.dataType, i);
      if (v !== undefined) row[f.name] = v;
    }
    if (schema.enableDynamicField) row["extra"] = WORDS[i % WORDS.length];
    lines.push(JSON.stringify(row));
  }
  return lines.join("\n") + "\n";
}
