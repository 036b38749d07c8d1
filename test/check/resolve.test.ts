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

  it("in a delete, a name close to a field is an error, and the hint names the kind of slip", () => {
    const typo = run('titel != "Dune"', { purpose: "delete" });
    const d = typo.diagnostics.find((x) => x.code === "purpose/delete-unknown-field")!;
    expect(d.severity).toBe("error");
    expect(d.message).toBe('`titel` is not a field: this delete reads the dynamic JSON key $meta["titel"]; did you mean `title`?');
    expect(d.hint).toBe("the schema has `title`; a name that is no field is a key of the dynamic field");
    expect(codes(typo)).not.toContain("lint/dynamic-key-typo");
    expect(typo.ok).toBe(false);
    const kase = run("Title == 'x'", { purpose: "delete" }).diagnostics.find((x) => x.code === "purpose/delete-unknown-field")!;
    expect(kase.hint).toBe("field names are case-sensitive; the schema has `title`");
    // A real dynamic key, far from every field, stays allowed.
    expect(run("completely_different > 1", { purpose: "delete" }).ok).toBe(true);
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
