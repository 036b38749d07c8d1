/** Shared by the ESLint plugin tests: a RuleTester wired to vitest, the test schema, positions. */
import { describe, it } from "vitest";
import { RuleTester } from "eslint";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export { RuleTester };

/** The collection the rule tests check against (compact schema form). */
export const SCHEMA = {
  name: "books",
  fields: { id: "Int64 primary", tenant: "VarChar(64)", age: "Int32", title: "VarChar(256)", meta: "JSON", tags: "Array<VarChar(32), 16>" },
};

export const SETTINGS = { milvusFilter: { schema: SCHEMA } };

/**
 * 1-based line/column of the `nth` occurrence of `marker` in `code` (UTF-16 units, as ESLint
 * reports them), and of the end of that occurrence: the expected place of a diagnostic.
 */
export function at(code: string, marker: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = code.indexOf(marker, i + 1);
    if (i < 0) throw new Error(`marker ${JSON.stringify(marker)} not in the test code`);
  }
  const pos = (o: number) => {
    const before = code.slice(0, o);
    const line = before.split("\n").length;
    return { line, column: o - before.lastIndexOf("\n") };
  };
  const a = pos(i);
  const b = pos(i + marker.length);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
