/**
 * Golden typed trees: the checker's type for every node, pinned one filter per line in
 * typed-trees.txt (`filter ==> typed tree`). A change to the type table shows up as a diff here.
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/check/typed-tree.test.ts`
 * and review the diff line by line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "./helpers.js";
import { typedTree } from "./typed-tree.js";

const FILE = fileURLToPath(new URL("./typed-trees.txt", import.meta.url));
const SEP = " ==> ";
const lines = readFileSync(FILE, "utf8").split("\n");
const cases = lines.filter((l) => l.trim() !== "" && !l.startsWith("#")).map((l) => {
  const at = l.indexOf(SEP);
  return at < 0 ? { filter: l, expected: undefined } : { filter: l.slice(0, at), expected: l.slice(at + SEP.length) };
});

describe("golden typed trees (BOOKS schema, target 3.0, query)", () => {
  if (process.env.UPDATE_GOLDEN) {
    it("rewrites typed-trees.txt", () => {
      const typed = new Map(cases.map((c) => [c.filter, typedTree(run(c.filter))]));
      const out = lines.map((l) => (l.trim() === "" || l.startsWith("#") ? l : `${l.split(SEP)[0]}${SEP}${typed.get(l.split(SEP)[0])}`));
      writeFileSync(FILE, out.join("\n"));
    });
    return;
  }
  it("has cases", () => expect(cases.length).toBeGreaterThan(30));
  it.each(cases)("$filter", ({ filter, expected }) => {
    const r = run(filter);
    expect(r.diagnostics.filter((d) => d.severity === "error"), "every golden filter is accepted").toEqual([]);
    expect(typedTree(r)).toBe(expected);
  });
});
