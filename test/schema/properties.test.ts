import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSchema, parseSchemaJson, SCHEMA_ISSUE_CODES, type LoadSchemaResult } from "../../src/schema/index.js";
import { USAGE_CODES } from "../../src/diag/usage.js";
import { locateJsonError } from "../../src/schema/json.js";
import { COMPACT_BOOKS, REST_DESCRIBE_TEXT, sdkFormattedResult, sdkRawResult } from "./fixtures.js";

const conformance = JSON.parse(readFileSync(new URL("../data/conformance/schemas.json", import.meta.url), "utf8")) as Record<string, unknown>;
const BASES: unknown[] = [
  ...Object.values(conformance).slice(0, 6),
  JSON.parse(REST_DESCRIBE_TEXT),
  JSON.parse(JSON.stringify(sdkRawResult())),
  JSON.parse(JSON.stringify(sdkFormattedResult())),
  { ...COMPACT_BOOKS, structs: { clips: { nullable: true, fields: { label: "VarChar(8)", emb: "FloatVector(4)" } } } },
];
// loadSchema(undefined) and other non-JSON arguments are a misused call (README: misuse from plain JavaScript).
const CODES = new Set([...Object.keys(SCHEMA_ISSUE_CODES), ...USAGE_CODES.map((c) => c.code)]);

type Seg = string | number;

/** Parses `a.b[3]["x y"]` back into segments; undefined when the path is not well-formed. */
function parsePath(path: string): Seg[] | undefined {
  const out: Seg[] = [];
  let rest = path;
  const re = /^(?:\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  while (rest !== "") {
    const m = re.exec(rest);
    if (!m || (out.length > 0 && m[1] !== undefined && !m[0].startsWith("."))) return undefined;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
    rest = rest.slice(m[0].length);
  }
  return out;
}

function resolve(doc: unknown, segs: Seg[]): { found: boolean } {
  let cur = doc;
  for (const s of segs) {
    if (typeof cur !== "object" || cur === null || !Object.prototype.hasOwnProperty.call(cur, s)) return { found: false };
    cur = (cur as Record<string, unknown>)[s as string];
  }
  return { found: true };
}

/** Invariants every load result satisfies. */
function checkResult(r: LoadSchemaResult, doc?: unknown): void {
  expect(Array.isArray(r.issues)).toBe(true);
  if (!r.schema) expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(CODES.has(i.code), i.code).toBe(true);
    expect(i.code).not.toBe("schema/internal-error");
    expect(typeof i.message).toBe("string");
    const segs = parsePath(i.path);
    expect(segs, i.path).toBeDefined();
    // The issue points at an existing part, or at a missing key of an existing object.
    if (doc !== undefined && segs && segs.length > 0) expect(resolve(doc, segs.slice(0, -1)).found, i.path).toBe(true);
  }
  if (r.schema) {
    const names = r.schema.columns.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(r.schema.columns.filter((f) => f.primaryKey).length).toBeLessThanOrEqual(1);
    for (const n of names) expect(r.schema.field(n)?.name).toBe(n);
  }
}

const anything = fc.anything({
  withBoxedValues: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

function paths(doc: unknown, prefix: Seg[] = [], out: Seg[][] = []): Seg[][] {
  const proto = typeof doc === "object" && doc !== null ? Object.getPrototypeOf(doc) : undefined;
  if (Array.isArray(doc) || proto === Object.prototype || proto === null) {
    for (const k of Object.keys(doc as object)) {
      const p = [...prefix, Array.isArray(doc) ? Number(k) : k];
      out.push(p);
      paths((doc as Record<string, unknown>)[k], p, out);
    }
  }
  return out;
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant("replace" as const), value: anything }),
  fc.record({ op: fc.constant("replace" as const), value: fc.constantFrom<unknown>("Array", "Int65", "FloatVector", "", "id", 5, -1, true, null, [], {}, "Array<Array<Int8>>", "VarChar(x)") }),
  fc.record({ op: fc.constant("delete" as const), value: fc.constant(undefined) }),
  fc.record({ op: fc.constant("duplicate" as const), value: fc.constant(undefined) }),
);

function mutate(base: unknown, pick: number, m: { op: "replace" | "delete" | "duplicate"; value: unknown }): unknown {
  const doc = structuredClone(base);
  const all = paths(doc);
  if (all.length === 0) return doc;
  const path = all[pick % all.length]!;
  let parent = doc as Record<string, unknown>;
  for (const s of path.slice(0, -1)) parent = parent[s as string] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (m.op === "replace") parent[last as string] = m.value;
  else if (m.op === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last as string];
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
  else parent[`${String(last)}_copy`] = parent[last as string];
  return doc;
}

describe("loader robustness (property-based)", () => {
  it("never throws on fc.anything()", () => {
    fc.assert(fc.property(anything, (v) => checkResult(loadSchema(v))), { numRuns: 1000 });
  });

  it("never throws on arbitrary values placed where schema parts go", () => {
    const shaped = anything.chain((v) =>
      fc.constantFrom<unknown>(
        { code: 0, data: v },
        { code: 0, data: { fields: v } },
        { code: 0, data: { fields: [v, { name: "x", type: "Int64" }], structFields: v } },
        { data: { fields: [{ name: "s", type: "Array", elementType: v, params: v }] } },
        { schema: v, status: v },
        { schema: { fields: [v], struct_array_fields: [v] } },
        { fields: v },
        { fields: { a: v }, structs: { s: v } },
        { fields: { a: "Int64" }, structs: { s: { fields: v, nullable: v } } },
        { structFields: [{ name: "s", fields: [v] }], fields: [] },
      ),
    );
    fc.assert(fc.property(shaped, (doc) => checkResult(loadSchema(doc), doc)), { numRuns: 1000 });
  });

  it("never throws on mutated valid schemas, and issue paths point into the document", () => {
    const arb = fc.tuple(fc.nat(BASES.length - 1), fc.nat(), mutation, fc.nat(), mutation);
    fc.assert(
      fc.property(arb, ([b, p1, m1, p2, m2]) => {
        const doc = mutate(mutate(BASES[b], p1, m1), p2, m2);
        checkResult(loadSchema(doc), doc);
      }),
      { numRuns: 1500 },
    );
  });

  it("the unmutated bases load cleanly", () => {
    for (const b of BASES) expect(loadSchema(b).issues).toEqual([]);
  });
});

describe("compact form (property-based)", () => {
  const typeSpec = fc.oneof(
    fc.constantFrom("Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "JSON", "Geometry", "Timestamptz", "Text", "Date", "Time", "SparseFloatVector").map((t) => ({ spec: t, type: t, elem: undefined as string | undefined })),
    fc.integer({ min: 1, max: 65535 }).map((n) => ({ spec: `VarChar(${n})`, type: "VarChar", elem: undefined })),
    fc.tuple(fc.constantFrom("FloatVector", "BinaryVector", "Int8Vector", "BFloat16Vector"), fc.integer({ min: 1, max: 32768 })).map(([t, n]) => ({ spec: `${t}(${n})`, type: t, elem: undefined })),
    fc.tuple(fc.constantFrom("Bool", "Int64", "Double", "VarChar(16)"), fc.option(fc.integer({ min: 1, max: 4096 }), { nil: undefined })).map(([e, cap]) => ({
      spec: cap === undefined ? `Array<${e}>` : `Array<${e}, ${cap}>`,
      type: "Array",
      elem: e.replace(/\(.*/, ""),
    })),
  );
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);
  const mods = fc.subarray(["nullable", "partition", "match"]);

  it("random compact schemas load without issues and keep their types", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, typeSpec, mods), { selector: (t) => t[0], maxLength: 12 }), fc.boolean(), (cols, dynamic) => {
        const fields: Record<string, string> = {};
        cols.forEach(([n, t, m], i) => (fields[n] = [t.spec, ...(i === 0 ? ["primary"] : []), ...m].join(" ")));
        const r = loadSchema({ dynamic, fields });
        expect(r.issues).toEqual([]);
        const s = r.schema!;
        expect(s.enableDynamicField).toBe(dynamic);
        for (const [n, t, m] of cols) {
          const f = s.field(n)!;
          expect(f.dataType).toBe(t.type);
          expect(f.elementType).toBe(t.elem);
          expect(f.nullable).toBe(m.includes("nullable"));
          expect(f.enableMatch).toBe(m.includes("match"));
        }
        expect(s.primaryKey?.name).toBe(cols[0]?.[0]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("JSON text (property-based)", () => {
  const corrupted = fc
    .tuple(fc.constantFrom(...BASES.map((b) => JSON.stringify(b, null, 1))), fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }))
    .map(([t, at, del, ins]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + ins + t.slice(i + del);
    });

  it("locateJsonError agrees with JSON.parse, and failures carry line and column", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), corrupted, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonError(text) === undefined).toBe(valid);
        const r = parseSchemaJson(text);
        const syntax = r.issues.filter((i) => i.code === "schema/json-syntax");
        if (text.charCodeAt(0) !== 0xfeff) expect(syntax.length).toBe(valid ? 0 : 1);
        if (!valid) expect(syntax[0]?.message ?? "").toMatch(/line \d+, column \d+/);
      }),
      { numRuns: 2000 },
    );
  });
});
