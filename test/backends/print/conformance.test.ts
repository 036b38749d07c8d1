/**
 * Every case of the Milvus conformance corpus whose text parses: the canonical text parses, is a
 * fixed point of the printer, and means the same tree (ignoring positions and literal spelling).
 * The `ok` cases are the acceptance criterion; the other parseable cases (type errors etc.) add coverage.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../../src/syntax/parse.js";
import { print } from "../../../src/backends/print/print.js";
import { parseOk, stripPositions } from "./helpers.js";

interface Case {
  readonly id: string;
  readonly expr: string;
  readonly expect: "ok" | "error";
}
const cases = JSON.parse(readFileSync(new URL("../../data/conformance/milvus-cases.json", import.meta.url), "utf8")) as Case[];
const parseable = cases.map((c) => ({ ...c, ast: parse(c.expr).ast })).filter((c) => c.ast !== null);

function check(c: (typeof parseable)[number]): void {
  const text = print(c.ast!);
  const back = parseOk(text);
  expect(print(back), "fixed point").toBe(text);
  expect(stripPositions(back, { spelling: false }), text).toEqual(stripPositions(c.ast, { spelling: false }));
}

describe("conformance corpus: ok cases", () => {
  const ok = parseable.filter((c) => c.expect === "ok");
  it("most ok cases parse", () => {
    expect(ok.length).toBeGreaterThan(1000);
  });
  it.each(ok.map((c) => [c.id, c] as const))("%s", (_, c) => check(c));
});

describe("conformance corpus: parseable error cases", () => {
  it.each(parseable.filter((c) => c.expect === "error").map((c) => [c.id, c] as const))("%s", (_, c) => check(c));
});
