/**
 * The parameters of every public function that takes input, as usage.ts checks them. One table,
 * so the README rule ("Misuse from plain JavaScript") and test/api/usage.test.ts have one place
 * to look. Class rules take a thunk: source.ts imports this module. Every import here is
 * of src/diag or src/util: every layer checks its arguments with this table (test/architecture/layers.test.ts).
 */
import { knownRange, resolveTarget } from "../util/releases.js";
import { makeDiagnostic, type Diagnostic } from "./diagnostic.js";
import { Source } from "./source.js";
import { is, type OptionsSpec, type Param, type Rule, type UsageProblem } from "./usage.js";

/**
 * CollectionSchema is defined in src/schema, a layer above this table (its constructor checks its
 * argument here), so the table knows a schema by the brand the class sets on its prototype: the
 * same test as `instanceof`, without importing upward.
 */
export const COLLECTION_SCHEMA_BRAND: unique symbol = Symbol("milvus-filter CollectionSchema");
const schema: Rule = {
  expected: "a CollectionSchema (from loadSchema)",
  test: (v) => typeof v === "object" && v !== null && (v as { [COLLECTION_SCHEMA_BRAND]?: unknown })[COLLECTION_SCHEMA_BRAND] === true,
};
const source: Rule = lazyInstance(() => Source, "a Source");
const node: Rule = is.shaped("an AST node (from parse or the builder)", { kind: is.string });
const text = (name = "text"): Param => ({ name, rule: is.string });
/** A Milvus release as check() takes it: a line (2.5), a release (2.5.3, v2.6.17), 3.0 or latest. */
const target: Rule = {
  get expected() {
    return `a Milvus version: a release line (2.5), a release (2.5.3 or v2.5.3) or latest; known: ${knownRange()}`;
  },
  test: (v) => typeof v === "string" && resolveTarget(v).ok,
};
const positive = is.integer(1);
/** A parsed JSON value (bigint: an exact int64 from the lossless reader), every own key readable. */
const json: Rule = { expected: "a parsed JSON value", test: (v) => v === null || ["string", "number", "bigint", "boolean"].includes(typeof v) || is.array.test(v) || is.record.test(v) };

function lazyInstance(cls: () => abstract new (...args: never[]) => unknown, label: string): Rule {
  return { expected: label, test: (v) => v instanceof cls() };
}

const PARSE_OPTIONS: OptionsSpec = { maxDepth: positive, maxLength: is.integer(0), maxDiagnostics: positive };

const CHECK_OPTIONS: OptionsSpec = {
  schema,
  target,
  purpose: { rule: is.oneOf(["delete", "query"]), required: true },
  params: {
    expected: "a Map of template values (convert exprParams with templateValuesFromJson)",
    test: (v) => v instanceof Map,
  },
  maxExpressionDepth: positive,
};

const REWRITE_OPTIONS: OptionsSpec = {
  sortLists: is.boolean,
  flatten: is.boolean,
  orToIn: is.either(is.boolean, is.either(is.instance(Set, "a Set of field names"), is.either(is.array, is.function))),
  schema,
};

const COMPILE_OPTIONS = {
  schema: { rule: schema, required: true },
  params: is.either(is.instance(Map, "a Map"), is.object),
  random: is.function,
  // The server release whose semantics profile the evaluator follows (src/semantics/profiles.ts).
  target,
} as const satisfies OptionsSpec;
/** compileFilter takes a tree, or check()'s result (whose diagnostics decide whether it compiles). */
const CHECKED = is.shaped("a CheckResult (from check)", { diagnostics: is.array, types: is.instance(Map, "a Map") });

const backendInput: Param = { name: "input", rule: is.shaped("a BackendInput ({ ast })", { ast: node }) };

const ROWS_OPTIONS: OptionsSpec = { schema, maxDepth: positive };

const PARSE_RESULT = is.shaped(
  "a ParseResult (from parse)",
  {
    source,
    diagnostics: is.array,
    tokens: is.array,
    ast: { expected: "", test: (v) => v === null || node.test(v) },
  },
  ["tokens"],
);

const DIAGNOSTIC = is.shaped("a Diagnostic (from parse or check)", {
  code: is.string,
  message: is.string,
  severity: is.oneOf(["error", "warning", "info"]),
  line: positive,
  column: positive,
  span: is.shaped("a span", { start: is.integer(0), end: is.integer(0) }),
});

const FIELD = is.shaped("a FieldSchema", { name: is.string, dataType: is.string });

const client = (...methods: string[]): Param => ({
  name: "client",
  rule: is.shaped(`a client${methods.length > 0 ? ` with ${methods.join(", ")}` : ""} (from createMilvusClient)`, Object.fromEntries(methods.map((m) => [m, is.function]))),
});
const name = is.string;
const signal: Rule = { expected: "an AbortSignal", test: (v) => typeof AbortSignal !== "undefined" && v instanceof AbortSignal };
const confirm = is.function;
const toolkit = is.shaped("a FilterToolkit ({ parse, check, print, compileFilter })", { parse: is.function, check: is.function, print: is.function, compileFilter: is.function });
const FILTER_FIELDS = { filter: is.string, builtFilter: is.shaped("a Filter from the builder", { text: is.string }), exprParams: is.object };

export const SPECS = {
  Source: [text()],
  CollectionSchema: [
    { name: "init", rule: is.shaped("a CollectionSchemaInit (or use loadSchema)", { enableDynamicField: is.boolean, fields: is.arrayOf(FIELD, "an array of FieldSchema") }) },
  ],
  children: [{ name: "node", rule: node }],
  walk: [{ name: "root", rule: node }],
  quoteString: [text("value")],
  quoteJsonKey: [text("value"), { name: "allowRaw", rule: is.boolean, optional: true }],
  escapeLikePattern: [text("value")],
  hasError: [{ name: "diagnostics", rule: is.arrayOf(DIAGNOSTIC, "an array of Diagnostics") }],
  sortDiagnostics: [{ name: "diagnostics", rule: is.arrayOf(DIAGNOSTIC, "an array of Diagnostics") }],
  formatFieldType: [{ name: "field", rule: is.shaped("a FieldSchema (or its dataType)", { dataType: is.string }) }],
  compileLike: [text("pattern")],
  compileRegex: [text("pattern")],
  primaryKeyText: [{ name: "row", rule: is.record }, { name: "schema", rule: schema, optional: true }],
  defineBackend: [{ name: "backend", rule: is.shaped("a Backend ({ name, run })", { name: is.string, run: is.function }) }],
  printBackendRun: [backendInput, { name: "options", options: REWRITE_OPTIONS, optional: true }],
  // Without a schema the evaluator answers eval/unsupported itself.
  evalBackendRun: [backendInput, { name: "options", options: { schema, params: COMPILE_OPTIONS.params, random: is.function, target }, optional: true }],
  parse: [text(), { name: "options", options: PARSE_OPTIONS, optional: true }],
  check: [{ name: "parsed", rule: PARSE_RESULT }, { name: "options", options: CHECK_OPTIONS }],
  checkText: [text(), { name: "options", options: CHECK_OPTIONS }],
  print: [{ name: "ast", rule: node }, { name: "options", options: REWRITE_OPTIONS, optional: true }],
  normalize: [{ name: "ast", rule: node }, { name: "options", options: REWRITE_OPTIONS, optional: true }],
  compileFilter: [{ name: "ast", rule: is.either(node, CHECKED) }, { name: "options", options: { ...COMPILE_OPTIONS, source: is.either(source, is.string) } }],
  compileFilterText: [text(), { name: "options", options: { ...COMPILE_OPTIONS, parse: is.object } }],
  parseSchemaJson: [text()],
  // Any JSON value is a document (a number being an unrecognised shape); undefined, functions, … are not.
  loadSchema: [{ name: "input", rule: { ...json, expected: "JSON text or a parsed JSON value" } }],
  readRows: [text(), { name: "options", options: ROWS_OPTIONS, optional: true }],
  readRowStream: [
    {
      name: "chunks",
      // A whole text is readRows' job: a string here would be read one character per chunk.
      rule: { expected: "an (async) iterable of strings or Uint8Arrays, not a string", test: (v) => typeof v !== "string" && (isIterable(v, Symbol.asyncIterator) || isIterable(v, Symbol.iterator)) },
    },
    { name: "options", options: ROWS_OPTIONS, optional: true },
  ],
  renderDiagnostic: [
    { name: "diagnostic", rule: DIAGNOSTIC },
    { name: "source", rule: source },
    { name: "options", options: { fileName: is.string, lineOffset: positive, columnOffset: positive, color: is.boolean }, optional: true },
  ],
  // A JSON array or number is exprParams Milvus refuses (template/invalid-params), not a misused call.
  templateValuesFromJson: [{ name: "exprParams", rule: json }],
  templateValuesFromCase: [
    { name: "params", rule: is.record },
    { name: "paramTypes", rule: is.record },
    { name: "paramElementTypes", rule: is.record, optional: true },
  ],
  createMilvusClient: [
    {
      name: "options",
      options: {
        endpoint: { rule: is.string, required: true },
        token: is.string,
        dbName: is.string,
        timeoutMs: is.positiveNumber,
        retries: is.object,
        fetch: is.function,
        logger: is.function,
        random: is.function,
        maxResponseBytes: positive,
      },
    },
  ],
  planDelete: [
    client("describeCollection"),
    {
      name: "options",
      options: {
        collectionName: { rule: name, required: true },
        dbName: name,
        partitionName: name,
        ...FILTER_FIELDS,
        purpose: { rule: is.oneOf(["delete"]), required: true },
        target,
        templates: is.oneOf(["send", "inline"]),
        dryRunRows: is.iterable,
        dryRunLimit: positive,
        confirm,
        allowSchemaIssues: is.boolean,
        signal,
        toolkit,
        // Server preview and batches (preview.ts, batch-delete.ts validate the values themselves).
        preview: is.oneOf(["local", "server", "none"]),
        previewOptions: is.object,
        expect: is.any,
        max: is.any,
        batch: is.any,
        keyBatches: is.any,
      },
    },
  ],
  previewOnServer: [
    client("count", "queryEntities"),
    { name: "plan", rule: is.shaped("a DeletePlan (from planDelete)", { collectionName: is.string, filter: is.string, schema }) },
    { name: "options", options: { sampleSize: is.integer(0), outputFields: is.array, consistencyLevel: is.string }, optional: true },
    { name: "signal", rule: signal, optional: true },
  ],
  describeServerPreview: [
    { name: "plan", rule: is.shaped("a DeletePlan (from planDelete)", { collectionName: is.string, filter: is.string }) },
    { name: "preview", rule: is.shaped("a ServerPreview (from previewOnServer)", { count: is.any, sampleKeys: is.array }) },
  ],
  fileCheckpoint: [text("path")],
  executeDeletePlan: [
    client("deleteEntities"),
    { name: "plan", rule: is.shaped("a DeletePlan (from planDelete)", { collectionName: is.string, filter: is.string }) },
    { name: "opts", options: { signal, batch: is.any, keyBatches: is.any, max: is.any }, optional: true },
  ],
  planDropPartition: [
    client("hasPartition"),
    {
      name: "options",
      options: {
        collectionName: { rule: name, required: true },
        partitionName: { rule: name, required: true },
        dbName: name,
        releaseFirst: is.boolean,
        confirm,
        settle: is.object,
        signal,
      },
    },
  ],
  executeDropPartitionPlan: [
    client("dropPartition", "releasePartitions", "getLoadState"),
    { name: "plan", rule: is.shaped("a DropPartitionPlan (from planDropPartition)", { collectionName: is.string, partitionName: is.string }) },
    { name: "opts", options: { settle: is.object, signal }, optional: true },
  ],
  planRelease: [
    client("describeCollection"),
    { name: "options", options: { collectionName: { rule: name, required: true }, dbName: name, partitionNames: is.array, confirm, signal } },
  ],
  executeReleasePlan: [
    client("releaseCollection", "releasePartitions"),
    { name: "plan", rule: is.shaped("a ReleasePlan (from planRelease)", { collectionName: is.string }) },
    { name: "opts", options: { signal }, optional: true },
  ],
  preflightFilter: [
    {
      name: "input",
      options: {
        schema: { rule: schema, required: true },
        filter: { rule: is.string, required: true },
        exprParams: is.object,
        purpose: { rule: is.oneOf(["delete", "query"]), required: true },
        target,
        templates: is.oneOf(["send", "inline"]),
      },
    },
    { name: "toolkit", rule: toolkit, optional: true },
  ],
  dryRun: [
    { name: "plan", rule: is.shaped("a FilterPreflight (from preflightFilter)", { ast: node }) },
    { name: "schema", rule: schema },
    { name: "rows", rule: is.iterable },
    { name: "options", options: { limit: positive, toolkit, target }, optional: true },
  ],
  checkedDelete: [
    { name: "client", rule: is.shaped("a Milvus Node SDK client", { describeCollection: is.function, delete: is.function }) },
    // SDK delete parameters pass through to the SDK: only the keys read here are checked.
    { name: "params", rule: is.shaped("SDK delete parameters with collection_name", { collection_name: is.string }) },
    {
      name: "options",
      options: { target, requireLoaded: is.boolean, dryRunRows: is.iterable, confirm, allowSchemaIssues: is.boolean, toolkit },
      optional: true,
    },
  ],
} as const satisfies Record<string, readonly Param[]>;

/** The release and drop variants take the same parameters as their plan functions. */
export const SAFE_SPECS = {
  safeDelete: SPECS.planDelete,
  safeDropPartition: SPECS.planDropPartition,
  safeReleasePartitions: SPECS.planRelease,
  safeReleaseCollection: SPECS.planRelease,
} as const;

function isIterable(v: unknown, key: symbol): boolean {
  return v !== null && v !== undefined && typeof (v as Record<symbol, unknown>)[key] === "function";
}

/** A usage problem as an error diagnostic at the start of `source` (for functions that return diagnostics). */
export function usageDiagnostic(problem: UsageProblem, source: Source = new Source("")): Diagnostic {
  return makeDiagnostic(source, {
    code: problem.code,
    message: problem.message,
    span: { start: 0, end: 0 },
    ...(problem.hint !== undefined ? { hint: problem.hint } : {}),
  });
}
