/** Safe reads from untrusted JSON-like values: own properties only, null treated as absent. */
import { describeValue, issue, joinPath, type SchemaIssue } from "./issues.js";

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Own property only (never inherited `constructor`, `toString`, …); null counts as absent. */
export function own(o: Record<string, unknown>, key: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, key)) return undefined;
  const v = o[key];
  return v === null ? undefined : v;
}

/** The first of `keys` present on `o`, with its value. */
export function pick(o: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  for (const k of keys) {
    const v = own(o, k);
    if (v !== undefined) return [k, v];
  }
  return undefined;
}

/** The first of `keys` present, which must be a boolean (else an issue and undefined). */
export function readBoolean(
  o: Record<string, unknown>,
  keys: readonly string[],
  path: string,
  issues: SchemaIssue[],
): boolean | undefined {
  const hit = pick(o, keys);
  if (!hit) return undefined;
  if (typeof hit[1] === "boolean") return hit[1];
  const msg = `"${hit[0]}" must be true or false, found ${describeValue(hit[1])}`;
  issues.push(issue("schema/invalid-value", msg, joinPath(path, hit[0])));
  return undefined;
}
