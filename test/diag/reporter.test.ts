/** The one reporter every stage hands its problems to: the cap, the summary, and what survives the cap. */
import { describe, expect, it } from "vitest";
import { Reporter } from "../../src/diag/reporter.js";
import { Source } from "../../src/diag/source.js";
import type { DiagnosticInput } from "../../src/diag/diagnostic.js";

const at = (start: number): DiagnosticInput["span"] => ({ start, end: start + 1 });
const octal = (start: number): DiagnosticInput => ({ code: "lint/octal-literal", message: `octal at ${start}`, span: at(start) });
const unknown = (start: number): DiagnosticInput => ({ code: "schema/unknown-field", message: `unknown at ${start}`, span: at(start) });

describe("Reporter", () => {
  it("keeps the first `max` problems and sums up the rest at the last one's place", () => {
    const r = new Reporter(3);
    for (let i = 0; i < 7; i++) r.report(unknown(i));
    const out = r.inputs();
    expect(out.map((d) => d.message)).toEqual(["unknown at 0", "unknown at 1", "unknown at 2", "4 more problems not shown (limit 3)"]);
    expect(out[3]).toMatchObject({ code: "limit/too-many-diagnostics", severity: "error", span: at(6) });
    expect(r.hasError()).toBe(true);
    expect(r.full).toBe(true);
  });

  it("reports nothing more when nothing was dropped", () => {
    const r = new Reporter(3);
    r.report(unknown(0));
    expect(r.inputs()).toHaveLength(1);
    expect(r.full).toBe(false);
    expect(new Reporter(3).empty).toBe(true);
  });

  it("gives each code the registry's severity unless told otherwise", () => {
    const r = new Reporter(5);
    r.report({ code: "lint/float-equality", message: "m", span: at(0) });
    r.report({ code: "lint/float-equality", message: "m", span: at(1), severity: "error" });
    r.report({ code: "style/non-canonical", message: "m", span: at(2) });
    expect(r.inputs().map((d) => d.severity)).toEqual(["info", "error", "warning"]);
  });

  it("sums up dropped advice as advice: a filter whose errors were all shown stays free of errors", () => {
    const r = new Reporter(2);
    for (let i = 0; i < 5; i++) r.report(octal(i));
    expect(r.hasError()).toBe(false);
    expect(r.inputs().at(-1)).toMatchObject({ code: "limit/too-many-diagnostics", severity: "warning", message: "3 more problems not shown (limit 2)" });
  });

  it("never hides an error behind advice: it takes the place of the latest less severe problem", () => {
    const r = new Reporter(3);
    for (let i = 0; i < 5; i++) r.report(octal(i));
    r.report(unknown(10));
    r.report(unknown(11));
    const out = r.inputs();
    expect(out.map((d) => d.message)).toEqual(["octal at 0", "unknown at 10", "unknown at 11", "4 more problems not shown (limit 3)"]);
    // Only advice was left out.
    expect(out.at(-1)!.severity).toBe("warning");
    expect(r.hasError()).toBe(true);
  });

  it("counts an error it could not keep, and says so with the summary's severity", () => {
    const r = new Reporter(1);
    r.report(unknown(0));
    r.report(unknown(1));
    expect(r.inputs().at(-1)).toMatchObject({ severity: "error", message: "1 more problems not shown (limit 1)" });
  });

  it("counts problems it is told about only by number", () => {
    const r = new Reporter(1);
    r.report(unknown(0));
    r.countDropped(1, "error", at(5));
    r.countDropped(1_000_000);
    expect(r.inputs().at(-1)).toMatchObject({ message: "1000001 more problems not shown (limit 1)", span: at(5) });
  });

  it("positions diagnostics in the source, or on line 1 without one", () => {
    const r = new Reporter(5);
    r.report({ code: "eval/unsupported", message: "m", span: { start: 5, end: 7 } });
    expect(r.diagnostics(new Source("a\nbc\ndef"))[0]).toMatchObject({ line: 3, column: 1, endLine: 3, endColumn: 3 });
    expect(r.diagnostics(undefined)[0]).toMatchObject({ line: 1, column: 6, endLine: 1, endColumn: 8 });
  });
});
