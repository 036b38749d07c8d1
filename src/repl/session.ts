/**
 * The REPL's state and what one input does to it. Pure: no streams, no files, no clock. Loaders
 * take text (the caller reads the file), and every answer is a value that render.ts turns into
 * text, so the whole behaviour is testable without node:repl.
 */
import { parse, type ParseResult } from "../syntax/parse.js";
import { check, DEFAULT_TARGET, TARGETS, resolveTarget, templateValuesFromJson, type CheckResult, type Target, type TemplateValues } from "../check/index.js";
import { print } from "../backends/print/index.js";
import { compileFilter, type CompiledFilter, type ExplainNode, type Truth } from "../backends/eval/index.js";
import { primaryKeyText, readRows, type Row } from "../rows/index.js";
import { isStringType, parseSchemaJson, type CollectionSchema } from "../schema/index.js";
import { parseJson } from "../util/json.js";
import { buildRowIndex, type RowIndex } from "./complete.js";

export const PURPOSES = ["delete", "query"] as const;
export type Purpose = (typeof PURPOSES)[number];
export { TARGETS, DEFAULT_TARGET, type Target };

/** How many matching rows are listed by key after "matches K of N rows". */
export const LISTED_MATCHES = 10;

/** A loaded row, with where it came from. */
export interface RowEntry {
  /** 1-based position among the loaded rows (what `.explain N` takes). */
  readonly index: number;
  /** 1-based line in the file. */
  readonly line: number;
  readonly row: Row;
}

/** A row as the output names it: by primary key when it has one, else by number. */
export interface RowRef {
  readonly index: number;
  readonly line: number;
  /** The primary key's exact text (digits as written; a string key's value). */
  readonly id?: string;
  /** The primary key is a string (shown quoted). */
  readonly stringId?: boolean;
}

export interface RowSummary {
  readonly total: number;
  /** Rows for which the filter is TRUE (what Milvus selects). */
  readonly matched: number;
  /** Rows for which the filter is NULL (not selected, and not selected under `not` either). */
  readonly unknown: number;
  /** The first LISTED_MATCHES matching rows. */
  readonly first: readonly RowRef[];
  /** Set when the rows could not be evaluated (then the counts are 0). */
  readonly error?: string;
  /** The server semantics assumed, when the answer depends on them (the filter reads JSON or a dynamic key). */
  readonly semanticsNote?: string;
}

export interface FilterResult {
  readonly text: string;
  readonly parsed: ParseResult;
  readonly checked: CheckResult;
  /** The canonical form, whenever the filter parses. */
  readonly canonical?: string;
  readonly printError?: string;
  /** The purpose the filter was checked for (the delete notes depend on it). */
  readonly purpose: Purpose;
  /** Present when rows are loaded and the filter checked without errors. */
  readonly rows?: RowSummary;
}

export type LoadResult = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly error: string };

export type ExplainResult =
  | { readonly ok: true; readonly row: RowRef; readonly total: number; readonly value: Truth; readonly tree: ExplainNode; readonly text: string }
  | { readonly ok: false; readonly error: string };

export interface SessionOptions {
  target?: Target;
  purpose?: Purpose;
  /** Seed for random_sample, so output stays reproducible. */
  seed?: number;
}

export interface LoadedRows {
  readonly name: string;
  readonly entries: readonly RowEntry[];
  /** Lines that were not JSON objects. */
  readonly skipped: number;
}

export interface LoadedParams {
  readonly name: string;
  readonly values: TemplateValues;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A small deterministic PRNG (mulberry32), reseeded for every evaluation. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Session {
  schema: CollectionSchema | undefined;
  schemaName: string | undefined;
  rows: LoadedRows | undefined;
  params: LoadedParams | undefined;
  target: Target;
  purpose: Purpose;
  /** The last filter entered (for .ast, .tokens, .fmt, .explain). */
  last: FilterResult | undefined;
  private readonly seed: number;
  private index: RowIndex | undefined;

  constructor(options: SessionOptions = {}) {
    this.target = options.target ?? DEFAULT_TARGET;
    this.purpose = options.purpose ?? "delete";
    this.seed = options.seed ?? 0x5eed;
  }

  // ------------------------------------------------------------------ settings

  loadSchema(text: string, name: string): LoadResult {
    const { schema, issues } = parseSchemaJson(text);
    if (!schema || issues.length > 0) {
      const first = issues[0];
      const where = first?.path ? `${first.path}: ` : "";
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
      return { ok: false, error: `schema ${name} not loaded: ${where}${first?.message ?? "not a collection schema"}${more}` };
    }
    this.schema = schema;
    this.schemaName = name;
    this.index = undefined;
    const fields = schema.columns.length;
    return { ok: true, message: `schema ${schema.name ?? name}: ${fields} field${fields === 1 ? "" : "s"}, dynamic field ${schema.enableDynamicField ? "on" : "off"}` };
  }

  /** Use a schema that is already loaded (e.g. fetched live from a Milvus server). */
  useSchema(schema: CollectionSchema, name: string): LoadResult {
    this.schema = schema;
    this.schemaName = name;
    this.index = undefined;
    const fields = schema.columns.length;
    return { ok: true, message: `schema ${schema.name ?? name}: ${fields} field${fields === 1 ? "" : "s"}, dynamic field ${schema.enableDynamicField ? "on" : "off"}` };
  }

  loadRows(text: string, name: string): LoadResult {
    const entries: RowEntry[] = [];
    const problems: string[] = [];
    let skipped = 0;
    for (const r of readRows(text)) {
      if (r.ok) entries.push({ index: entries.length + 1, line: r.line, row: r.row });
      else {
        skipped++;
        if (problems.length < 1) problems.push(`line ${r.line}: ${r.message}`);
      }
    }
    if (entries.length === 0 && skipped > 0) {
      return { ok: false, error: `rows ${name} not loaded: no line is a JSON object (${problems[0]})` };
    }
    this.rows = { name, entries, skipped };
    this.index = undefined;
    const skippedNote = skipped > 0 ? `; skipped ${skipped} bad line${skipped === 1 ? "" : "s"} (${problems[0]})` : "";
    return { ok: true, message: `${entries.length} row${entries.length === 1 ? "" : "s"} from ${name}${skippedNote}` };
  }

  /** `exprParams` as a JSON object (read losslessly: 1.0 stays a double, big integers stay exact). */
  setParams(text: string, name: string): LoadResult {
    const json = parseJson(text, { floats: "tagged" });
    if (!json.ok) {
      return { ok: false, error: `params ${name} not set: invalid JSON at line ${json.error.line}, column ${json.error.column}: ${json.error.message}` };
    }
    const values = templateValuesFromJson(json.value);
    if (!values.ok) return { ok: false, error: `params ${name} not set: ${values.path ? `${values.path}: ` : ""}${values.error}` };
    this.params = { name, values: values.values };
    const names = [...values.values.keys()];
    return { ok: true, message: names.length === 0 ? "params: none (every {placeholder} will be reported missing)" : `params: ${names.map((n) => `{${n}}`).join(", ")}` };
  }

  clearParams(): LoadResult {
    this.params = undefined;
    return { ok: true, message: "params cleared: placeholders are checked for position only" };
  }

  setTarget(value: string): LoadResult {
    const r = resolveTarget(value);
    if (!r.ok) return { ok: false, error: r.message };
    this.target = value.trim();
    return { ok: true, message: `target: Milvus ${value}` };
  }

  setPurpose(value: string): LoadResult {
    if (!(PURPOSES as readonly string[]).includes(value)) {
      return { ok: false, error: `unknown purpose ${JSON.stringify(value)}; use delete or query` };
    }
    this.purpose = value as Purpose;
    return { ok: true, message: `purpose: ${value}` };
  }

  /** Keys and values seen in the loaded rows, for completion (built on first use). */
  rowIndex(): RowIndex | undefined {
    if (!this.rows) return undefined;
    this.index ??= buildRowIndex(this.rows.entries.map((e) => e.row));
    return this.index;
  }

  // ------------------------------------------------------------------ filters

  /** Parse, check, print and (with rows) evaluate one filter; remembers it as the last filter. */
  run(text: string): FilterResult {
    const parsed = parse(text);
    const checked = this.check(parsed);
    let canonical: string | undefined;
    let printError: string | undefined;
    if (parsed.ast) {
      try {
        canonical = print(parsed.ast);
      } catch (e) {
        printError = message(e);
      }
    }
    const rows = checked.ok && this.rows ? this.evaluateRows(parsed) : undefined;
    const result: FilterResult = {
      text,
      parsed,
      checked,
      purpose: this.purpose,
      ...(canonical !== undefined ? { canonical } : {}),
      ...(printError !== undefined ? { printError } : {}),
      ...(rows ? { rows } : {}),
    };
    this.last = result;
    return result;
  }

  /** Checks `text` with the session's settings, without rows and without becoming the last filter (live hints). */
  diagnose(text: string): CheckResult {
    return this.check(parse(text));
  }

  private check(parsed: ParseResult): CheckResult {
    return check(parsed, {
      ...(this.schema ? { schema: this.schema } : {}),
      target: this.target,
      purpose: this.purpose,
      ...(this.params ? { params: this.params.values } : {}),
    });
  }

  private compile(parsed: ParseResult): { ok: true; filter: CompiledFilter } | { ok: false; error: string } {
    if (!this.schema) return { ok: false, error: "load a schema (.schema FILE) to evaluate rows" };
    if (!parsed.ast) return { ok: false, error: "the filter does not parse" };
    try {
      const filter = compileFilter(parsed.ast, {
        schema: this.schema,
        source: parsed.source,
        random: seeded(this.seed),
        target: this.target,
        ...(this.params ? { params: this.params.values } : {}),
      });
      if (!filter.ok) {
        const d = filter.diagnostics.find((x) => x.severity === "error") ?? filter.diagnostics[0];
        return { ok: false, error: `cannot evaluate locally: ${d?.message ?? "unknown reason"}${d?.hint ? ` (${d.hint})` : ""}` };
      }
      return { ok: true, filter };
    } catch (e) {
      return { ok: false, error: `cannot evaluate locally: ${message(e)}` };
    }
  }

  private ref(entry: RowEntry): RowRef {
    const id = primaryKeyText(entry.row, this.schema);
    if (id === undefined) return { index: entry.index, line: entry.line };
    const stringId = isStringType(this.schema?.primaryKey?.dataType) && typeof entry.row[this.schema!.primaryKey!.name] === "string";
    return { index: entry.index, line: entry.line, id, ...(stringId ? { stringId } : {}) };
  }

  private evaluateRows(parsed: ParseResult): RowSummary {
    const entries = this.rows!.entries;
    const total = entries.length;
    const compiled = this.compile(parsed);
    if (!compiled.ok) return { total, matched: 0, unknown: 0, first: [], error: compiled.error };
    let matched = 0;
    let unknown = 0;
    const first: RowRef[] = [];
    for (const entry of entries) {
      let v: Truth;
      try {
        v = compiled.filter.evaluate(entry.row);
      } catch (e) {
        return { total, matched: 0, unknown: 0, first: [], error: `evaluation failed on row ${entry.index}: ${message(e)}` };
      }
      if (v === true) {
        matched++;
        if (first.length < LISTED_MATCHES) first.push(this.ref(entry));
      } else if (v === null) unknown++;
    }
    return { total, matched, unknown, first, ...(compiled.filter.readsJson ? { semanticsNote: compiled.filter.semanticsNote } : {}) };
  }

  /**
   * Why row `selector` matched the last filter or not. `selector`: "" (row 1), a row number, or
   * `pk=VALUE` (the first row whose primary key is VALUE).
   */
  explain(selector: string): ExplainResult {
    const last = this.last;
    if (!last) return { ok: false, error: "no filter yet: type one first" };
    if (!last.checked.ok) return { ok: false, error: "the last filter has errors; fix it first" };
    if (!this.rows || this.rows.entries.length === 0) return { ok: false, error: "no rows loaded: use .rows FILE.jsonl" };
    const entries = this.rows.entries;
    const arg = selector.trim();
    let entry: RowEntry | undefined;
    if (arg === "") entry = entries[0];
    else if (/^[0-9]+$/.test(arg)) {
      const n = Number(arg);
      entry = entries[n - 1];
      if (!entry || n < 1) return { ok: false, error: `there is no row ${arg}: rows are numbered 1 to ${entries.length}` };
    } else if (arg.startsWith("pk=")) {
      let key = arg.slice(3);
      if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key[key.length - 1] === key[0]) key = key.slice(1, -1);
      if (!this.schema?.primaryKey) return { ok: false, error: "the schema has no primary key: use a row number" };
      entry = entries.find((e) => primaryKeyText(e.row, this.schema) === key);
      if (!entry) return { ok: false, error: `no loaded row has primary key ${key}` };
    } else {
      return { ok: false, error: `expected a row number or pk=VALUE, found ${JSON.stringify(arg)}` };
    }
    const compiled = this.compile(last.parsed);
    if (!compiled.ok) return { ok: false, error: compiled.error };
    try {
      const tree = compiled.filter.explain(entry!.row);
      const value = compiled.filter.evaluate(entry!.row);
      return { ok: true, row: this.ref(entry!), total: entries.length, value, tree, text: last.text };
    } catch (e) {
      return { ok: false, error: `explain failed: ${message(e)}` };
    }
  }
}
