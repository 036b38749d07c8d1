/** The rules at the documented limits: long filters, empty ones, odd call shapes. Never a crash. */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/eslint/index.js";
import { SETTINGS } from "./helpers.js";

const linter = new Linter({ configType: "flat" });
const config: Linter.Config[] = [
  { ...plugin.configs.strict, languageOptions: { ecmaVersion: "latest", sourceType: "module" } },
  { settings: SETTINGS },
];

describe("limits", () => {
  it("a position after 200k escapes (a 1.2 MB literal) is mapped exactly", () => {
    const escapes = "\\u0041\\x42\\u00e9".repeat(70_000);
    const code = `client.query({ filter: "title == \\"${escapes}\\u{1F600}\\" and agee > 1" });`;
    const started = Date.now();
    const messages = linter.verify(code, config);
    expect(Date.now() - started).toBeLessThan(60_000);
    const unknown = messages.filter((m) => m.message.endsWith("[schema/unknown-field]"));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.column).toBe(code.indexOf("agee") + 1);
    expect(unknown[0]!.endColumn).toBe(code.indexOf("agee") + 5);
  }, 120_000);

  it("odd shapes get an answer, never an exception", () => {
    const code = [
      'client.delete({ filter: "" });',
      "client.delete();",
      "client.delete(...args);",
      "client.delete({ ...rest });",
      "client?.query({ filter: `age > ${n}` });",
      '(0, client.delete)({ filter: "id > 0 or true" });',
      'client["query"]({ [key]: "x", filter: "age >" });',
      "client.query({ filter: `\\u{1F600}` });",
      'client.query({ filter: "age > 1" + 2 });',
    ].join("\n");
    const messages = linter.verify(code, config);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    const lines = messages.map((m) => `${m.line}:${m.ruleId}`);
    expect(lines).toContain("1:milvus-filter/valid-filter"); // the empty filter
    expect(lines).toContain("5:milvus-filter/no-interpolated-filter");
    expect(lines).toContain("7:milvus-filter/valid-filter"); // syntax error
    expect(lines).toContain("8:milvus-filter/valid-filter");
    expect(lines).toContain("9:milvus-filter/no-interpolated-filter");
  });
});
