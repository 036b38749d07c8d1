import { describe, expect, it } from "vitest";
import { codes, run, STRICT, verdict } from "./helpers.js";

describe("identifier resolution", () => {
  it.each([
    ["unknown_key > 1", {}, "ok"],
    ["$meta['x'] > 1", {}, "ok"],
    ["unknown_key > 1", { schema: STRICT }, "schema/unknown-field"],
    ["$meta['x'] > 1", { schema: STRICT }, "schema/no-dynamic-field"],
    ["body == 'x'", {}, "schema/text-field"],
    ["year['a'] > 1", {}, "type/not-indexable"],
    ["tags['a'] == 'x'", {}, "type/array-index"],
    ["meta[''] == 1", {}, "schema/invalid-json-key"],
    ["clips[label] == ['a']", {}, "ok"],
    ["clips[nope] == ['a']", {}, "schema/unknown-struct-field"],
    ["clips[0][n] > 1", {}, "ok"],
  ] as const)("%s → %s", (text, o, want) => {
    expect(verdict(text, o)).toBe(want);
  });

  it("warns when an unknown name looks like a field (case or typo)", () => {
    const r = run("Title == 'x'");
    const d = r.diagnostics.find((x) => x.code === "lint/dynamic-key-typo");
    expect(d?.message).toBe('`Title` is read as the dynamic JSON key $meta["Title"]; did you mean `title`?');
    expect(codes(run("yaer > 1"))).toContain("lint/dynamic-key-typo");
    expect(codes(run("completely_different > 1"))).not.toContain("lint/dynamic-key-typo");
  });

  it("suggests the field when there is no dynamic field", () => {
    const r = run("N > 1", { schema: STRICT });
    expect(r.diagnostics[0]?.hint).toBe("did you mean `n`?");
  });

  it("records resolved columns by node id", () => {
    const r = run("meta['a'][0] > 1 and Title == 'x'");
    const cols = [...r.types.values()].filter((t) => t.category === "column").map((t) => [t.column!.field.name, t.column!.nestedPath, t.column!.isDynamic]);
    expect(cols).toContainEqual(["meta", ["a", "0"], false]);
    expect(cols).toContainEqual(["$meta", ["Title"], true]);
  });
});
