/** Runs one conformance case (all its parameter sets) through parse + check. */
import { parse } from "../../src/syntax/parse.js";
import { check, type CheckResult } from "../../src/check/index.js";
import { expected, maxDepthOf, paramsOf, schemaFor, type Case, type ParamSet } from "./corpus.js";

export interface Run {
  case: Case;
  set: number;
  expect: "ok" | "error";
  got: "ok" | "error";
  result: CheckResult;
  errorText: string;
}

export function runCase(c: Case, target: CheckResultTarget = "3.0"): Run[] {
  const sets: ParamSet[] = [c, ...(c.altParams ?? [])];
  const depth = maxDepthOf(c);
  const schema = schemaFor(c.schema);
  return sets.map((set, i) => {
    const parsed = parse(c.expr, depth !== undefined ? { maxDepth: depth } : {});
    const result = check(parsed, { schema, target, purpose: "query", params: paramsOf(set) });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    return {
      case: c,
      set: i,
      expect: expected(c),
      got: result.ok ? "ok" : "error",
      result,
      errorText: errors.map((d) => `${d.code}: ${d.message}`).join(" | "),
    };
  });
}

type CheckResultTarget = "2.3" | "2.4" | "2.5" | "2.6" | "3.0";

/** Whether an error run's text carries the phrase Milvus's test asserts. */
export function errorTextMatches(r: Run): boolean | undefined {
  const c = r.case;
  if (r.got !== "error") return undefined;
  if (c.errorContains) return r.errorText.includes(c.errorContains);
  if (c.errorContainsAny) return c.errorContainsAny.some((s) => r.errorText.includes(s));
  return undefined;
}
