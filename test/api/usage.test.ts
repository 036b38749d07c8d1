/**
 * Misuse from plain JavaScript (issue 11, item 16): every public export, called with hostile
 * arguments, answers with a `usage/*` code naming the argument, in the way its contract says
 * (README "Misuse from plain JavaScript"), and never lets an internal error escape.
 *
 * The table is keyed by export name and compared with `Object.keys` of src/index.ts, so a new
 * export without a case fails here.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as lib from "../../src/index.js";
import { UsageError, USAGE_CODES } from "../../src/diag/usage.js";

const { parse, check, loadSchema, Source } = lib;
const USAGE = new Set<string>(USAGE_CODES.map((c) => c.code));

// ---------------------------------------------------------------- fixtures (valid arguments)

const schema = loadSchema({ name: "books", fields: { id: "Int64 primary", title: "VarChar", price: "Double" } }).schema!;
const parsed = parse("id in [1, 2]");
const ast = parsed.ast!;
const diagnostic = parse("id ==").diagnostics[0]!;

/** Calls reaching a Milvus client double: a refused call must make none. */
const clientCalls: string[] = [];

/** What the double answers: the call got through the argument checks (fine for valid arguments). */
class ClientReached extends Error {}

function recordingClient(): { client: Record<string, (...a: unknown[]) => Promise<never>> } {
  const method = (name: string) => async () => {
    clientCalls.push(name);
    throw new ClientReached(name);
  };
  const names = ["describeCollection", "hasPartition", "getLoadState", "deleteEntities", "dropPartition", "releasePartitions", "releaseCollection", "delete", "queryEntities", "count"];
  return { client: Object.fromEntries(names.map((n) => [n, method(n)])) };
}

// ---------------------------------------------------------------- hostile values

/** What a parameter accepts; a hostile value that fits is not a misuse there. */
type Kind = "string" | "object" | "options" | "array" | "iterable" | "json" | "node" | "boolean" | "function";

const throwingProxy = (): object =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error("get trap");
      },
      has: () => {
        throw new Error("has trap");
      },
      ownKeys: () => {
        throw new Error("ownKeys trap");
      },
      getOwnPropertyDescriptor: () => {
        throw new Error("descriptor trap");
      },
      getPrototypeOf: () => {
        throw new Error("prototype trap");
      },
    },
  );

const HOSTILE: readonly { label: string; make: () => unknown; fits: readonly Kind[] }[] = [
  { label: "undefined", make: () => undefined, fits: [] },
  { label: "null", make: () => null, fits: ["json"] },
  { label: "a number", make: () => 42, fits: ["json"] },
  { label: "NaN", make: () => NaN, fits: ["json"] },
  { label: "a string", make: () => "x", fits: ["string", "json"] },
  { label: "an array", make: () => [], fits: ["array", "iterable", "json"] },
  { label: "a null-prototype object", make: () => Object.create(null), fits: ["object", "options", "json"] },
  { label: "a Proxy that throws", make: throwingProxy, fits: [] },
  { label: "a function", make: () => () => 1, fits: ["function"] },
];

// ---------------------------------------------------------------- the table

/** How a function answers misuse (README). */
type Answer =
  | { by: "diagnostics" } // result.diagnostics holds the usage error; result.ok is false when present
  | { by: "issues" } // result.issues
  | { by: "rows" } // the first yielded row error carries the code
  | { by: "result" } // { ok: false, code }
  // `values`: the documented error for a well-typed value that no Milvus literal can hold
  | { by: "throws"; error: abstract new (...a: never[]) => Error; values?: abstract new (...a: never[]) => Error }
  | { by: "rejects" }; // a PreflightError, and the client was never called

interface Param {
  name: string;
  kind: Kind;
  optional?: boolean;
}

interface Case {
  params: Param[];
  /** Valid arguments; each hostile run replaces one of them. */
  valid: () => unknown[];
  answer: Answer;
  /** The function to call (defaults to the export itself). */
  fn?: (...a: unknown[]) => unknown;
  /** A valid options object with one key misspelt, and the key it should suggest. */
  typo?: { index: number; options: object; suggests: string };
}

type Row = { kind: "entry"; cases: Record<string, Case> } | { kind: "error-class" } | { kind: "data" } | { kind: "predicate" };

const diagnostics: Answer = { by: "diagnostics" };
const usageError: Answer = { by: "throws", error: UsageError };
/** Quote helpers: wrong types are UsageErrors; a string no literal can hold is a coded RangeError (documented). */
const unwritable: Answer = { by: "throws", error: UsageError, values: RangeError };
const text = (name = "text"): Param => ({ name, kind: "string" });
const opts = (optional = true, name = "options"): Param => ({ name, kind: "options", optional });
const clientParam: Param = { name: "client", kind: "object" };
const one = (c: Case): Row => ({ kind: "entry", cases: { "": c } });
const deleteOptions = () => ({ collectionName: "books", filter: "id in [1]", purpose: "delete" });

const TABLE: Record<string, Row> = {
  parse: one({ params: [text(), opts()], valid: () => ["id == 1", {}], answer: diagnostics, typo: { index: 1, options: { maxDeph: 3 }, suggests: "maxDepth" } }),
  check: one({
    params: [{ name: "parsed", kind: "node" }, opts(false)],
    valid: () => [parsed, { purpose: "query" }],
    answer: diagnostics,
    typo: { index: 1, options: { purpose: "query", shema: schema }, suggests: "schema" },
  }),
  checkText: one({ params: [text(), opts(false)], valid: () => ["id == 1", { purpose: "delete" }], answer: diagnostics, typo: { index: 1, options: { purpose: "delete", targt: "2.6" }, suggests: "target" } }),
  compileFilter: one({ params: [{ name: "ast", kind: "node" }, opts(false)], valid: () => [ast, { schema }], answer: diagnostics, typo: { index: 1, options: { schema, parms: {} }, suggests: "params" } }),
  compileFilterText: one({ params: [text(), opts(false)], valid: () => ["id == 1", { schema }], answer: diagnostics, typo: { index: 1, options: { schema, radnom: Math.random }, suggests: "random" } }),
  print: one({ params: [{ name: "ast", kind: "node" }, opts()], valid: () => [ast, {}], answer: { by: "throws", error: lib.PrintError }, typo: { index: 1, options: { flaten: true }, suggests: "flatten" } }),
  normalize: one({ params: [{ name: "ast", kind: "node" }, opts()], valid: () => [ast, {}], answer: { by: "throws", error: lib.PrintError }, typo: { index: 1, options: { sortList: true }, suggests: "sortLists" } }),
  loadSchema: one({ params: [{ name: "input", kind: "json" }], valid: () => ["{}"], answer: { by: "issues" } }),
  parseSchemaJson: one({ params: [text()], valid: () => ["{}"], answer: { by: "issues" } }),
  readRows: one({ params: [text(), opts()], valid: () => ['{"id": 1}', {}], answer: { by: "rows" }, typo: { index: 1, options: { maxDept: 3 }, suggests: "maxDepth" } }),
  semanticsFor: one({ params: [text("target")], valid: () => ["2.6.17"], answer: { by: "throws", error: UsageError } }),
  describeSemantics: one({ params: [{ name: "chosen", kind: "node" }], valid: () => [lib.semanticsFor("3.0")], answer: { by: "throws", error: UsageError } }),
  resolveTarget: one({ params: [text("spec")], valid: () => ["2.6.17"], answer: { by: "result" } }),
  loadRows: one({ params: [text(), opts()], valid: () => ['{"id": 1}', {}], answer: { by: "result" }, fn: (...a) => (lib.loadRows as (...x: unknown[]) => { errors: unknown[] })(...a).errors[0] }),
  readRowStream: one({ params: [{ name: "chunks", kind: "iterable" }, opts()], valid: () => [['{"id": 1}'], {}], answer: { by: "rows" } }),
  // JSON that is not an object is template/invalid-params (what Milvus says), not misuse: kind "json".
  templateValuesFromJson: one({ params: [{ name: "exprParams", kind: "json" }], valid: () => [{ a: 1 }], answer: { by: "result" } }),
  templateValuesFromCase: one({
    params: [{ name: "params", kind: "object" }, { name: "paramTypes", kind: "object" }, { name: "paramElementTypes", kind: "object", optional: true }],
    valid: () => [{ a: 1 }, { a: "int64" }, {}],
    answer: { by: "result" },
  }),
  compileLike: one({ params: [text("pattern")], valid: () => ["a%"], answer: { by: "result" } }),
  compileRegex: one({ params: [text("pattern")], valid: () => ["a.*"], answer: { by: "result" } }),
  // No arguments to misuse; resolves once the RE2 engine is loaded.
  loadRegexEngine: one({ params: [], valid: () => [], answer: { by: "result" } }),
  renderDiagnostic: one({
    params: [{ name: "diagnostic", kind: "node" }, { name: "source", kind: "node" }, opts()],
    valid: () => [diagnostic, new Source("id =="), {}],
    answer: usageError,
    typo: { index: 2, options: { colour: true }, suggests: "color" },
  }),
  quoteString: one({ params: [text("value")], valid: () => ["a"], answer: unwritable }),
  quoteJsonKey: one({ params: [text("value"), { name: "allowRaw", kind: "boolean", optional: true }], valid: () => ["a", false], answer: unwritable }),
  escapeLikePattern: one({ params: [text("value")], valid: () => ["a_b"], answer: usageError }),
  children: one({ params: [{ name: "node", kind: "node" }], valid: () => [ast], answer: usageError }),
  walk: one({ params: [{ name: "root", kind: "node" }], valid: () => [ast], answer: usageError, fn: (root) => [...lib.walk(root as never)] }),
  hasError: one({ params: [{ name: "diagnostics", kind: "array" }], valid: () => [[diagnostic]], answer: usageError }),
  sortDiagnostics: one({ params: [{ name: "diagnostics", kind: "array" }], valid: () => [[diagnostic]], answer: usageError }),
  formatFieldType: one({ params: [{ name: "field", kind: "node" }], valid: () => [schema.fields[0]], answer: usageError }),
  primaryKeyText: one({ params: [{ name: "row", kind: "object" }, { name: "schema", kind: "node", optional: true }], valid: () => [{ id: 1 }, schema], answer: usageError }),
  defineBackend: one({ params: [{ name: "backend", kind: "node" }], valid: () => [{ name: "x", run: () => 1 }], answer: usageError }),
  Source: one({ params: [text()], valid: () => ["a"], answer: usageError, fn: (t) => new Source(t as string) }),
  CollectionSchema: one({
    params: [{ name: "init", kind: "node" }],
    valid: () => [{ enableDynamicField: false, fields: [...schema.fields] }],
    answer: usageError,
    fn: (init) => new lib.CollectionSchema(init as never),
  }),
  createMilvusClient: one({
    params: [opts(false)],
    valid: () => [{ endpoint: "http://127.0.0.1:19530" }],
    answer: usageError,
    typo: { index: 0, options: { endpoint: "http://127.0.0.1:19530", tokn: "root:Milvus" }, suggests: "token" },
  }),
  printBackend: {
    kind: "entry",
    cases: { run: { params: [{ name: "input", kind: "node" }, opts()], valid: () => [{ ast }, {}], answer: { by: "throws", error: lib.PrintError }, fn: (i, o) => lib.printBackend.run(i as never, o as never) } },
  },
  evalBackend: {
    kind: "entry",
    cases: { run: { params: [{ name: "input", kind: "node" }, opts()], valid: () => [{ ast }, { schema }], answer: diagnostics, fn: (i, o) => lib.evalBackend.run(i as never, o as never) } },
  },
  // The builder: every refusal is a FilterBuildError with a code.
  filter: {
    kind: "entry",
    cases: {
      tag: { params: [{ name: "filter", kind: "node" }], valid: () => [Object.assign(["id == 1"], { raw: ["id == 1"] })], answer: { by: "throws", error: lib.FilterBuildError } },
      not: { params: [{ name: "filter", kind: "node" }], valid: () => [lib.filter`id == 1`], answer: { by: "throws", error: lib.FilterBuildError }, fn: (f) => lib.filter.not(f as never) },
      and: { params: [{ name: "filter", kind: "node" }], valid: () => [lib.filter`id == 1`], answer: { by: "throws", error: lib.FilterBuildError }, fn: (f) => lib.filter.and(f as never) },
    },
  },
  field: one({ params: [text("name")], valid: () => ["title"], answer: { by: "throws", error: lib.FilterBuildError } }),
  ident: one({ params: [text("name")], valid: () => ["title"], answer: { by: "throws", error: lib.FilterBuildError } }),
  jsonPath: one({ params: [text("base")], valid: () => ["meta"], answer: { by: "throws", error: lib.FilterBuildError }, fn: (b) => lib.jsonPath(b as string, "k") }),
  double: one({ params: [{ name: "number", kind: "json" }], valid: () => [2], answer: { by: "throws", error: lib.FilterBuildError } }),
  like: {
    kind: "entry",
    cases: Object.fromEntries(
      Object.keys(lib.like).map((k) => [k, { params: [text(k)], valid: () => ["a"], answer: { by: "throws", error: lib.FilterBuildError }, fn: (t: unknown) => (lib.like as Record<string, (t: unknown) => unknown>)[k]!(t) }]),
    ),
  },
  regex: {
    kind: "entry",
    cases: Object.fromEntries(
      Object.keys(lib.regex).map((k) => [k, { params: [text(k)], valid: () => ["a"], answer: { by: "throws", error: lib.FilterBuildError }, fn: (t: unknown) => (lib.regex as Record<string, (t: unknown) => unknown>)[k]!(t) }]),
    ),
  },
  // The Milvus layer: a PreflightError with the usage code, and nothing reaches the client.
  safeDelete: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, deleteOptions()], answer: { by: "rejects" }, typo: { index: 1, options: { ...deleteOptions(), dbNme: "x" }, suggests: "dbName" } }),
  planDelete: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, deleteOptions()], answer: { by: "rejects" } }),
  executeDeletePlan: one({ params: [clientParam, { name: "plan", kind: "node" }, opts(true, "opts")], valid: () => [recordingClient().client, { collectionName: "books", filter: "id == 1" }, {}], answer: { by: "rejects" } }),
  previewOnServer: one({ params: [clientParam, { name: "plan", kind: "node" }, opts()], valid: () => [recordingClient().client, { collectionName: "books", filter: "id == 1", schema }, {}], answer: { by: "rejects" } }),
  describeServerPreview: one({ params: [{ name: "plan", kind: "node" }, { name: "preview", kind: "node" }], valid: () => [{ collectionName: "books", filter: "id == 1" }, { count: 1n, sampleKeys: [] }], answer: { by: "throws", error: lib.PreflightError } }),
  fileCheckpoint: one({ params: [text("path")], valid: () => ["/tmp/x.checkpoint"], answer: { by: "throws", error: lib.PreflightError } }),
  safeDropPartition: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, { collectionName: "books", partitionName: "p" }], answer: { by: "rejects" } }),
  planDropPartition: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, { collectionName: "books", partitionName: "p" }], answer: { by: "rejects" } }),
  executeDropPartitionPlan: one({ params: [clientParam, { name: "plan", kind: "node" }, opts(true, "opts")], valid: () => [recordingClient().client, { collectionName: "books", partitionName: "p" }, {}], answer: { by: "rejects" } }),
  safeReleasePartitions: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, { collectionName: "books", partitionNames: ["p"] }], answer: { by: "rejects" } }),
  safeReleaseCollection: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, { collectionName: "books" }], answer: { by: "rejects" } }),
  planRelease: one({ params: [clientParam, opts(false)], valid: () => [recordingClient().client, { collectionName: "books" }], answer: { by: "rejects" } }),
  executeReleasePlan: one({ params: [clientParam, { name: "plan", kind: "node" }, opts(true, "opts")], valid: () => [recordingClient().client, { collectionName: "books" }, {}], answer: { by: "rejects" } }),
  checkedDelete: one({
    params: [clientParam, { name: "params", kind: "node" }, opts()],
    valid: () => [recordingClient().client, { collection_name: "books", filter: "id in [1]" }, {}],
    answer: { by: "rejects" },
    typo: { index: 2, options: { requireLoad: true }, suggests: "requireLoaded" },
  }),
  preflightFilter: one({
    params: [{ name: "input", kind: "options" }, { name: "toolkit", kind: "object", optional: true }],
    valid: () => [{ schema, filter: "id in [1]", purpose: "delete" }, undefined],
    answer: { by: "throws", error: lib.PreflightError },
    typo: { index: 0, options: { schema, filter: "id in [1]", purpose: "delete", templats: "send" }, suggests: "templates" },
  }),
  dryRun: one({
    params: [{ name: "plan", kind: "node" }, { name: "schema", kind: "node" }, { name: "rows", kind: "iterable" }, opts()],
    valid: () => [{ ast }, schema, [], {}],
    answer: { by: "throws", error: lib.PreflightError },
    typo: { index: 3, options: { limt: 3 }, suggests: "limit" },
  }),
  // Predicates answer false for anything that is not theirs, whatever it is.
  isFilter: { kind: "predicate" },
  isPartitionLoadedError: { kind: "predicate" },
  // Error classes are exported for instanceof; the library constructs them.
  PrintError: { kind: "error-class" },
  FilterBuildError: { kind: "error-class" },
  FilterNotEvaluableError: { kind: "error-class" },
  MilvusError: { kind: "error-class" },
  PreflightError: { kind: "error-class" },
  UsageError: { kind: "error-class" },
  // Data.
  DEFAULT_LIMITS: { kind: "data" },
  CHECK_CODES: { kind: "data" },
  FEATURES: { kind: "data" },
  SERVER_BUGS: { kind: "data" },
  PROFILES: { kind: "data" },
  TARGETS: { kind: "data" },
  DEFAULT_TARGET: { kind: "data" },
  RETRIABLE_CODES: { kind: "data" },
};

// ---------------------------------------------------------------- running one call

interface Outcome {
  /** The usage code and message the answer carries, if any. */
  usage?: { code: string; message: string; hint?: string };
  /** A thrown error that is not the documented answer. */
  escaped?: unknown;
  /** Client calls made by a Milvus-layer function. */
  calls?: string[];
}

async function run(c: Case, exportFn: unknown, args: unknown[]): Promise<Outcome> {
  const fn = c.fn ?? (exportFn as (...a: unknown[]) => unknown);
  clientCalls.length = 0;
  const calls = clientCalls;
  let result: unknown;
  try {
    result = fn(...args);
    if (c.answer.by === "rows") {
      const it = result as AsyncIterator<unknown> | Iterator<unknown>;
      result = (await it.next()).value;
    }
    if (c.answer.by === "rejects") result = await result;
  } catch (e) {
    const documented = c.answer.by === "throws" ? c.answer.error : c.answer.by === "rejects" ? lib.PreflightError : undefined;
    const forValues = c.answer.by === "throws" ? c.answer.values : undefined;
    if (e instanceof ClientReached) return { calls: [...calls] };
    if (forValues && e instanceof forValues && typeof (e as { code?: unknown }).code === "string") return { calls: [...calls] };
    if (documented && e instanceof documented && typeof (e as { code?: unknown }).code === "string") {
      const err = e as Error & { code: string; hint?: string };
      return { usage: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) }, calls: [...calls] };
    }
    return { escaped: e, calls: [...calls] };
  }
  return { usage: usageIn(c.answer, result), calls: [...calls] };
}

function usageIn(answer: Answer, result: unknown): Outcome["usage"] {
  const r = result as Record<string, unknown> | undefined;
  switch (answer.by) {
    case "diagnostics": {
      const d = (r?.diagnostics as { code: string; message: string; hint?: string }[] | undefined)?.find((x) => USAGE.has(x.code));
      if (d && "ok" in r! && r.ok !== false) return undefined; // a usage error with ok: true is a bug
      return d;
    }
    case "issues":
      return (r?.issues as { code: string; message: string }[] | undefined)?.find((x) => USAGE.has(x.code));
    case "rows":
    case "result":
      return r && r.ok === false && typeof r.code === "string" ? { code: r.code, message: String(r.message ?? r.error) } : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- the tests

const exported = Object.keys(lib).sort();
const entries = Object.entries(TABLE).flatMap(([name, row]) =>
  row.kind === "entry" ? Object.entries(row.cases).map(([sub, c]) => ({ label: sub ? `${name}.${sub}` : name, name, c })) : [],
);

describe("every public export has a misuse case", () => {
  it("the table covers exactly the exports of src/index.ts", () => {
    const table = Object.keys(TABLE).sort();
    expect(table.filter((k) => !exported.includes(k)), "cases for exports that do not exist").toEqual([]);
    expect(exported.filter((k) => !table.includes(k)), "exports without a case").toEqual([]);
  });

  it("error classes are Error subclasses, data exports are not functions, predicates are functions", () => {
    for (const [name, row] of Object.entries(TABLE)) {
      const v = (lib as Record<string, unknown>)[name];
      if (row.kind === "error-class") expect((v as { prototype: unknown }).prototype instanceof Error, name).toBe(true);
      if (row.kind === "data") expect(typeof v, name).not.toBe("function");
      if (row.kind === "predicate") expect(typeof v, name).toBe("function");
    }
  });

  it("the valid call of each case is accepted (so the hostile runs below test one argument each)", async () => {
    for (const { label, name, c } of entries) {
      const out = await run(c, (lib as Record<string, unknown>)[name], c.valid());
      expect(out.usage, label).toBeUndefined();
      expect(out.escaped, label).toBeUndefined();
    }
  });
});

describe("hostile arguments get a usage/* answer naming the argument, never an internal error", () => {
  for (const { label, name, c } of entries) {
    it(label, async () => {
      for (let i = 0; i < c.params.length; i++) {
        const p = c.params[i]!;
        for (const h of HOSTILE) {
          if (h.label === "undefined" && p.optional) continue;
          const args = c.valid();
          args[i] = h.make();
          const out = await run(c, (lib as Record<string, unknown>)[name], args);
          const what = `${label}: ${p.name} = ${h.label}`;
          expect(out.escaped, `${what} escaped: ${String(out.escaped)}`).toBeUndefined();
          if (h.fits.includes(p.kind)) continue;
          expect(out.usage, `${what} has no usage answer`).toBeDefined();
          expect(USAGE.has(out.usage!.code), `${what}: ${out.usage!.code}`).toBe(true);
          expect(out.usage!.message, what).toContain(p.name);
          if (c.answer.by === "rejects") expect(out.calls, `${what}: the client was called`).toEqual([]);
        }
      }
    });
  }

  it("a misspelt option key is usage/unknown-option with a did-you-mean", async () => {
    for (const { label, name, c } of entries) {
      if (!c.typo) continue;
      const args = c.valid();
      args[c.typo.index] = c.typo.options;
      const out = await run(c, (lib as Record<string, unknown>)[name], args);
      expect(out.escaped, label).toBeUndefined();
      expect(out.usage?.code, label).toBe("usage/unknown-option");
      expect(out.usage?.message, label).toContain(`did you mean "${c.typo.suggests}"`);
    }
  });

  it("predicates answer false for anything hostile", () => {
    for (const name of ["isFilter", "isPartitionLoadedError"] as const) {
      for (const h of HOSTILE) expect(lib[name](h.make()), `${name}(${h.label})`).toBe(false);
    }
  });
});

describe("wrong enum values are usage/bad-option naming the option, with a did-you-mean when one is near", () => {
  const client = () => recordingClient().client as never;
  const rejects: Answer = { by: "rejects" };
  const cases: [string, Answer, () => unknown, string, string | undefined][] = [
    ["check target", diagnostics, () => check(parsed, { purpose: "query", target: "2.7" } as never), "options.target", undefined],
    ["checkText purpose", diagnostics, () => lib.checkText("id == 1", { purpose: "querry" } as never), "options.purpose", "query"],
    ["safeDelete purpose", rejects, () => lib.safeDelete(client(), { ...deleteOptions(), purpose: "query" } as never), "options.purpose", undefined],
    ["safeDelete templates", rejects, () => lib.safeDelete(client(), { ...deleteOptions(), templates: "sendd" } as never), "options.templates", "send"],
    ["preflightFilter templates", { by: "throws", error: lib.PreflightError }, () => lib.preflightFilter({ schema, filter: "id in [1]", purpose: "delete", templates: "inlin" } as never), "input.templates", "inline"],
    ["checkedDelete target", rejects, () => lib.checkedDelete(client(), { collection_name: "books", filter: "id in [1]" }, { target: "3.1" } as never), "options.target", undefined],
  ];
  it.each(cases)("%s", async (_label, answer, call, option, suggestion) => {
    const out = await run({ params: [], valid: () => [], answer, fn: call }, undefined, []);
    expect(out.escaped).toBeUndefined();
    expect(out.usage?.code).toBe("usage/bad-option");
    expect(out.usage?.message).toContain(option);
    if (suggestion) expect(`${out.usage?.message} ${out.usage?.hint ?? ""}`).toContain(`did you mean "${suggestion}"?`);
    expect(clientCalls).toEqual([]);
  });
});

describe("the examples of issue 11, item 16", () => {
  it('check(parse("1 == 1"), {purpose: "dlete"}) is refused, not ok with the always-true guard skipped', () => {
    const r = check(parse("1 == 1"), { purpose: "dlete" } as never);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["usage/bad-option"]);
    expect(r.diagnostics[0]!.message).toContain("options.purpose");
    expect(r.diagnostics[0]!.hint).toBe('did you mean "delete"?');
    // With the right spelling the guard fires.
    expect(check(parse("1 == 1"), { purpose: "delete" }).diagnostics.map((d) => d.code)).toContain("purpose/delete-always-true");
  });

  it("check(parsed) without options says purpose is required", () => {
    const r = (check as (p: unknown) => lib.CheckResult)(parse("id == 1"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: "usage/missing-option" });
    expect(r.diagnostics[0]!.message).toContain("purpose");
  });

  it("parse(undefined) is a usage error, not the identifier `undefined`", () => {
    const r = parse(undefined as never);
    expect(r.ast).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: "usage/bad-argument", message: "parse: text must be a string, got undefined" });
  });

  it("check(..., {params: {}}) names options.params and points at templateValuesFromJson", () => {
    const r = check(parse("id == {x}"), { purpose: "query", params: {} } as never);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.code).toBe("usage/bad-option");
    expect(r.diagnostics[0]!.message).toContain("options.params");
    expect(r.diagnostics[0]!.message).toContain("templateValuesFromJson");
    expect(r.diagnostics[0]!.message).not.toContain("is not a function");
  });

  it("an unknown target is refused against the exported target list", () => {
    const r = check(parsed, { purpose: "query", target: "9.9" } as never);
    expect(r.diagnostics[0]!.code).toBe("usage/bad-option");
    for (const t of lib.TARGETS) expect(r.diagnostics[0]!.message).toContain(t);
    expect(r.diagnostics[0]!.message).toContain("latest");
  });

  it("a Proxy interpolated into the builder is a FilterBuildError with a usage code, not the trap's error", () => {
    let thrown: unknown;
    try {
      lib.filter`id == ${throwingProxy() as never}`;
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(lib.FilterBuildError);
    expect((thrown as lib.FilterBuildError).code).toBe("usage/bad-argument");
  });

  it("readRowStream: a chunk that is neither a string nor bytes ends the stream with a usage row error", async () => {
    const out: unknown[] = [];
    for await (const r of lib.readRowStream(['{"id": 1}\n', 42, '{"id": 2}\n'] as never)) out.push(r);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ ok: true, line: 1 });
    expect(out[1]).toMatchObject({ ok: false, code: "usage/bad-argument" });
    expect((out[1] as { message: string }).message).toContain("chunk");
  });

  it("a string no Milvus literal can hold is a documented RangeError that carries a usage code", () => {
    for (const f of [() => lib.quoteJsonKey(""), () => lib.quoteString("\ud800"), () => lib.quoteJsonKey("a\udc00b", true)]) {
      let thrown: unknown;
      try {
        f();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RangeError);
      expect((thrown as { code?: unknown }).code).toBe("usage/bad-argument");
    }
  });

  it("options are read once, own keys only: a polluted prototype does not set purpose", () => {
    const proto = { purpose: "delete" };
    const r = check(parse("1 == 1"), Object.create(proto));
    expect(r.diagnostics[0]!.code).toBe("usage/missing-option");
  });
});

describe("fast-check: fc.anything() for every argument of every entry point", () => {
  for (const { label, name, c } of entries) {
    it(label, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.anything(), { minLength: c.params.length, maxLength: c.params.length }), async (args) => {
          const out = await run(c, (lib as Record<string, unknown>)[name], args);
          // Anything may be valid by chance; what may never happen is an undocumented throw.
          if (out.escaped !== undefined) {
            const e = out.escaped as { name?: string; code?: unknown; message?: string };
            expect.fail(`${label}(${fc.stringify(args)}) threw ${e?.name}: ${e?.message}`);
          }
          if (c.answer.by === "rejects" && out.usage && USAGE.has(out.usage.code)) expect(out.calls).toEqual([]);
        }),
        { numRuns: 60 },
      );
    });
  }
});
