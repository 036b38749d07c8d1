/** RuleTester cases of `canonical-filter` ("doc:" cases are the examples in docs/eslint.md). */
import type { RuleTester } from "eslint";

const err = (canonical: string): RuleTester.TestCaseError => ({ messageId: "nonCanonical", data: { canonical } });

export const valid: RuleTester.ValidTestCase[] = [
  { name: "doc: already canonical", code: 'client.query({ filter: "age > 1 and id in [1, 2]" });' },
  { code: "client.query({ filter: `tenant == \"a\"` });" },
  // Filters that do not parse are valid-filter's business.
  { code: 'client.query({ filter: "age >" });' },
  { code: 'client.query({ filter: "title == \\"a\\\\nb\\"" });' },
];

export const invalid: RuleTester.InvalidTestCase[] = [
  {
    name: "doc: spacing and keyword case",
    code: 'client.query({ filter: "age>1 AND id in [1,2]" });',
    output: 'client.query({ filter: "age > 1 and id in [1, 2]" });',
    errors: [{ ...err("age > 1 and id in [1, 2]"), line: 1, column: 24, endLine: 1, endColumn: 47 }],
  },
  {
    name: "single quotes are kept for the JavaScript literal",
    code: "client.delete({ filter: 'tenant==\\'a\\'' });",
    output: "client.delete({ filter: 'tenant == \"a\"' });",
    errors: [err('tenant == "a"')],
  },
  {
    name: "a template literal stays one; backslashes in the filter are escaped for JavaScript",
    code: "client.query({ filter: `title==\"a\\\\\\\\b\"` });",
    output: "client.query({ filter: `title == \"a\\\\\\\\b\"` });",
    errors: [err('title == "a\\\\b"')],
  },
  {
    name: "unicode survives the fix",
    code: 'client.query({ filter: "title==\\"😀\\u{1F600}\\"" });',
    output: 'client.query({ filter: "title == \\"😀😀\\"" });',
    errors: [err('title == "😀😀"')],
  },
  {
    name: "a concatenation is reported without a fix",
    code: 'client.query({ filter: "age>1 " + "and id<2" });',
    output: null,
    errors: [err("age > 1 and id < 2")],
  },
];
