/**
 * `milvus-filter eval --schema FILE --rows FILE.jsonl|- [--params FILE] [--target V]
 *  [--purpose query|delete] [--format jsonl|ids|count|json] [--explain] FILTER`
 *
 * Pipeline: schema (file, config or live) and template values → the filter is checked exactly as
 * `lint` checks it (same configuration and rule severities) → compiled by the evaluator backend →
 * only then are the rows read, one line at a time, and evaluated.
 *
 * Contract:
 * - An invalid filter (any error after severities) is reported on stderr in lint's stylish layout
 *   and the exit status is 1; no row is read. So is a filter the evaluator will not guess at
 *   (`eval/not-evaluable`: text_match, GIS, …; `eval/missing-param`; …). Warnings go to stderr too
 *   and do not change the exit status.
 * - Purpose: `query` by default (a delete selects exactly the same rows); `--purpose delete` adds
 *   the delete checks (empty and always-true filters are errors). A configured purpose is lint's
 *   and is not used.
 * - A row is selected when the filter is TRUE. `jsonl` (default) prints each selected line exactly
 *   as read, followed by "\n"; `ids` the primary key of each selected row, one per line, with the
 *   digits exactly as in the input (a string key as its value); `count` one number; `json` one line,
 *   `{"filter","canonical","rows","matched","null","skipped","ids"}`, ids as strings (null when the
 *   schema has no primary key). Output is written as rows are read, so `| head` works on huge input.
 * - `--explain` replaces that output (it cannot be combined with --format): for every row, a header
 *   with its verdict and the tree of the filter's nodes with their values, then a summary line.
 * - A row line that cannot be read (not JSON, or not an object) is reported on stderr
 *   (file:line:column) and skipped; the rest is evaluated and printed, and the exit status is 1,
 *   because the result may be missing rows.
 *   In the same way, with `ids` or `json`, a selected row whose primary key is missing (or, with
 *   `ids`, is a string with a line break) is reported and makes the exit status 1.
 * - Progress (stderr, a terminal only, past 5000 rows) is shown when it cannot mix with output on
 *   the same terminal.
 * Exit status: 0 evaluated (even with no match); 1 as above; 2 usage error (including an unreadable
 * rows, schema or params file).
 */
import { resolve } from "node:path";
import type { CompiledFilter, ExplainNode, TemplateParams, Truth } from "../../backends/eval/index.js";
import type { Diagnostic } from "../../diag/diagnostic.js";
import { readRowStream, readRows, type RowError, type RowRecord } from "../../rows/index.js";
import type { CollectionSchema } from "../../schema/types.js";
import { flagBoolean, flagString, type ParsedArgs } from "../args.js";
import { createAnalyzer, loadPlugins } from "../analyze.js";
import { resolveConfig } from "../config.js";
import { ANSI, PLAIN, wantColor } from "../format/color.js";
import { plural } from "../format/common.js";
import { explainLines, tvText } from "../format/explain.js";
import { FilterInput, InputFile } from "../inputs.js";
import { describeFsError, errorCode, CliUsageError, type CliIO, type TextSink } from "../io.js";
import { effectiveSeverity, type Counts, type FileResult, type LintReport } from "../lint-engine.js";
import { createCounter, createProgress } from "../progress.js";
import type { Purpose } from "../targets.js";
import { loadParams, loadSchema } from "../settings.js";
import { VERSION } from "../version.js";

export type EvalFormat = "jsonl" | "ids" | "count" | "json";

export interface EvalDeps {
  /** The fetch used for --uri/--collection (tests inject one). */
  fetch?: typeof fetch;
}

/** eval previews the rows a filter selects; a delete selects the same ones, so query is the default. */
export const EVAL_DEFAULT_PURPOSE: Purpose = "query";
/**
 * Rows files larger than this (bytes) are read as a stream; smaller ones as one string, which
 * parses faster. Far below V8's longest string (2^29 UTF-16 units).
 */
const STREAM_FILES_FROM = 64 * 1024 * 1024;
/** Row problems reported one by one on stderr; past this, only counted. */
const MAX_ROW_MESSAGES = 20;

export async function runEval(args: ParsedArgs, io: CliIO, deps: EvalDeps = {}): Promise<number> {
  // ---- arguments (all usage errors come before anything is read)
  const explain = flagBoolean(args, "explain") === true;
  const formatFlag = flagString(args, "format") as EvalFormat | undefined;
  if (explain && formatFlag !== undefined) {
    throw new CliUsageError("--explain prints its own report instead of --format's output: give one of them", { showUsage: true });
  }
  const format: EvalFormat = formatFlag ?? "jsonl";
  const rowsArg = flagString(args, "rows");
  if (rowsArg === undefined || rowsArg === "") {
    throw new CliUsageError("--rows FILE.jsonl is required (or --rows - to read the rows from standard input)", { showUsage: true });
  }
  if (args.positionals.length !== 1) {
    throw new CliUsageError(args.positionals.length === 0 ? "the filter to evaluate is missing" : `give exactly one filter (quote it); found ${args.positionals.length} arguments`, {
      showUsage: true,
    });
  }
  const filterArg = args.positionals[0]!;
  if (filterArg === "-" && rowsArg === "-") {
    throw new CliUsageError("standard input can hold the rows or the filter, not both: give the filter as an argument", { showUsage: true });
  }

  const config = await resolveConfig(io, {
    schema: flagString(args, "schema"),
    params: flagString(args, "params"),
    target: flagString(args, "target"),
    purpose: flagString(args, "purpose") ?? EVAL_DEFAULT_PURPOSE,
  });
  const schema = await loadSchema(args, io, config, deps.fetch ? { fetch: deps.fetch } : {});
  if (!schema) {
    throw new CliUsageError("eval needs the collection's schema: --schema FILE, or --uri URL --collection NAME for a live one", { showUsage: true });
  }
  const pk = schema.primaryKey;
  if (format === "ids" && !pk) throw new CliUsageError("the schema has no primary key, so there are no ids to print: use --format jsonl or count");
  const params = await loadParams(io, config);
  const text = filterArg === "-" ? (await io.stdin()).replace(/\r?\n$/, "") : filterArg;

  // ---- check, then compile: nothing is evaluated unless both succeed
  const stderrColor = wantColor(io, "stderr", flagBoolean(args, "color"));
  const file = new InputFile({ file: filterArg === "-" ? "<stdin>" : "<filter>", path: null, stdin: filterArg === "-", format: "text", text });
  const input = new FilterInput(file, 0, file.text, { start: 0, end: file.text.length, encoding: "plain" }, params !== undefined ? { value: params } : undefined);
  file.filters.push(input);
  const analysis = createAnalyzer({ schema, target: config.target, purpose: config.purpose, ...(params !== undefined ? { params } : {}) }, await loadPlugins())(input);
  const checked: Diagnostic[] = [];
  for (const d of analysis.diagnostics) {
    // A filter typed on the command line has no file for --fix to rewrite.
    if (d.code === "style/non-canonical") continue;
    const severity = effectiveSeverity(d.code, d.severity, config.rules);
    if (severity !== "off") checked.push(severity === d.severity ? d : { ...d, severity });
  }
  if (checked.some((d) => d.severity === "error")) {
    await reportDiagnostics(io, input, checked, analysis.canonical, stderrColor);
    io.stderr.write("milvus-filter: the filter is not valid: nothing was evaluated\n");
    return 1;
  }

  const compiled = await compile(file.text, schema, params, config.target);
  if (!compiled.ok) {
    await reportDiagnostics(io, input, [...checked, ...compiled.diagnostics], analysis.canonical, stderrColor);
    const notEvaluable = compiled.diagnostics.some((d) => d.code === "eval/not-evaluable");
    io.stderr.write(`milvus-filter: the filter ${notEvaluable ? "cannot be evaluated here (only the server can)" : "cannot be evaluated"}: nothing was evaluated\n`);
    return 1;
  }
  if (checked.length > 0) await reportDiagnostics(io, input, checked, analysis.canonical, stderrColor);
  // The preview names its assumption: in --explain always, elsewhere when the answer depends on it.
  if (!explain && format !== "json" && compiled.filter.readsJson) io.stderr.write(`milvus-filter: ${compiled.filter.semanticsNote}\n`);

  // ---- rows
  const rowsName = rowsArg === "-" ? "<stdin>" : rowsArg;
  const out = new LineWriter(io.stdout);
  const c = wantColor(io, "stdout", flagBoolean(args, "color")) ? ANSI : PLAIN;
  const stringKey = (row: RowRecord): boolean => pk !== undefined && typeof row.row[pk.name] === "string";
  let rows = 0;
  let matched = 0;
  let nulls = 0;
  let skipped = 0;
  let missingIds = 0;
  let messages = 0;
  const ids: string[] | null = format === "json" && pk ? [] : null;
  if (explain) out.line(compiled.filter.semanticsNote);
  const rowMessage = (line: string): void => {
    if (++messages <= MAX_ROW_MESSAGES) io.stderr.write(`${line}\n`);
  };

  const onRow = (r: RowRecord | RowError): void => {
    if (!r.ok) {
      skipped++;
      rowMessage(`${rowsName}:${r.line}:${r.column}: ${r.message}; line skipped`);
      return;
    }
    rows++;
    for (const w of r.warnings ?? []) rowMessage(`${rowsName}:${r.line}: ${w}`);
    let value: Truth;
    if (explain) {
      const tree: ExplainNode = compiled.filter.explain(r.row);
      value = tree.value;
      const who = r.id !== undefined && pk ? `, ${pk.name} ${stringKey(r) ? JSON.stringify(r.id) : r.id}` : "";
      if (rows > 1) out.line("");
      out.line(`row ${rows} (line ${r.line}${who}): ${tvText(value, c)}, ${value === true ? "matched" : "not matched"}`);
      for (const l of explainLines(tree, c)) out.line(l);
    } else value = compiled.filter.evaluate(r.row);
    if (value !== true) {
      if (value === null) nulls++;
      return;
    }
    matched++;
    if (explain) return;
    switch (format) {
      case "jsonl":
        out.line(r.text);
        return;
      case "count":
        return;
      case "ids":
      case "json": {
        if (!pk) return;
        // One id per line: a string key with a line break cannot be printed as one (JSON can).
        if (r.id === undefined || (format === "ids" && /[\r\n]/.test(r.id))) {
          missingIds++;
          const why = r.id === undefined ? `has no usable primary key "${pk.name}"` : `has a primary key with a line break`;
          rowMessage(`${rowsName}:${r.line}: the row matched but ${why}; it is not in the ids`);
          return;
        }
        if (ids) ids.push(r.id);
        else out.line(r.id);
        return;
      }
    }
  };

  // A progress line on the terminal must not mix with output on the same terminal.
  const quietOutput = format === "count" || format === "json";
  const mayShowProgress = quietOutput || !io.isTTY.stdout;
  const readOptions = { schema };
  const rowsSource = await openRows(io, rowsArg);
  if ("text" in rowsSource) {
    const progress = mayShowProgress ? createProgress(io, countLines(rowsSource.text), "lines") : null;
    for (const r of readRows(rowsSource.text, readOptions)) {
      onRow(r);
      if (progress && (r.line & 1023) === 0) progress.update(r.line);
    }
    progress?.finish();
  } else {
    // Read as it arrives: the size is not limited by the longest string V8 can hold.
    const size = rowsSource.size;
    const progress = !mayShowProgress ? null : size === undefined ? createCounter(io) : createProgress(io, Math.ceil(size / 1024), "KiB");
    let rowCount = 0;
    let bytes = 0;
    const chunks = rowsSource.chunks;
    const counted = async function* (): AsyncGenerator<string | Uint8Array> {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    try {
      for await (const r of readRowStream(size === undefined ? chunks : counted(), readOptions)) {
        onRow(r);
        if (progress && (++rowCount & 1023) === 0) progress.update(size === undefined ? rowCount : Math.floor(bytes / 1024));
      }
    } catch (e) {
      if (errorCode(e) === undefined) throw e;
      out.flush();
      throw new CliUsageError(`cannot read ${rowsArg === "-" ? "standard input" : `the rows file ${rowsArg}`}: ${describeFsError(e)}`);
    } finally {
      progress?.finish();
    }
  }

  // ---- results
  if (explain) {
    if (rows > 0) out.line("");
    out.line(`${matched} of ${plural(rows, "row")} matched${nulls > 0 ? `, ${nulls} NULL (not matched)` : ""}${skipped > 0 ? `; ${plural(skipped, "line")} skipped` : ""}`);
  } else if (format === "count") out.line(String(matched));
  else if (format === "json") {
    out.line(JSON.stringify({ filter: text, canonical: analysis.canonical, semantics: compiled.filter.semanticsNote, rows, matched, null: nulls, skipped, ids }));
  }
  out.flush();
  if (messages > MAX_ROW_MESSAGES) io.stderr.write(`... ${plural(messages - MAX_ROW_MESSAGES, "more problem")} with rows not shown\n`);
  if (skipped > 0) {
    const what = skipped === 1 ? "could not be read as a row and was" : "could not be read as rows and were";
    io.stderr.write(`milvus-filter: ${plural(skipped, "line")} of ${rowsName} ${what} skipped; the results cover the other ${plural(rows, "row")}\n`);
  }
  // A delete that would take every row given is worth one line, whatever the output format.
  if (config.purpose === "delete" && rows > 1 && matched === rows) {
    io.stderr.write(`milvus-filter: warning: this delete filter selects every one of the ${plural(rows, "row")} given; a delete cannot be undone\n`);
  }
  if (missingIds > 0) {
    io.stderr.write(`milvus-filter: ${plural(missingIds, "matching row")} ${missingIds === 1 ? "has" : "have"} no usable primary key and ${missingIds === 1 ? "is" : "are"} missing from the ids\n`);
  }
  return skipped > 0 || missingIds > 0 ? 1 : 0;
}

async function compile(text: string, schema: CollectionSchema, params: unknown, target: string): Promise<{ ok: true; filter: CompiledFilter } | { ok: false; diagnostics: readonly Diagnostic[] }> {
  const [{ parse }, { compileFilter, loadRegexEngine }] = await Promise.all([import("../../syntax/parse.js"), import("../../backends/eval/index.js")]);
  const parsed = parse(text);
  const ast = parsed.ast;
  if (ast === null) return { ok: false, diagnostics: parsed.diagnostics };
  const run = () => compileFilter(ast, { schema, source: parsed.source, target, ...(params !== undefined ? { params: params as TemplateParams } : {}) });
  let filter = run();
  // Node before 20.16 cannot load the RE2 engine synchronously (src/backends/eval/regex-engine.ts).
  if (!filter.ok && filter.diagnostics.some((d) => d.code === "eval/regex-engine-not-loaded")) {
    await loadRegexEngine();
    filter = run();
  }
  return filter.ok ? { ok: true, filter } : { ok: false, diagnostics: filter.diagnostics };
}

type RowsSource = { readonly text: string } | { readonly chunks: AsyncIterable<string | Uint8Array>; readonly size?: number };

/**
 * Where the rows come from. Standard input is streamed when the process's own stream is there
 * (else read whole through io.stdin()). A file is streamed when it is larger than
 * STREAM_FILES_FROM and the file system can open it for streaming; otherwise read as one string.
 */
async function openRows(io: CliIO, name: string): Promise<RowsSource> {
  if (name === "-") return io.streams ? { chunks: io.streams.stdin } : { text: await io.stdin() };
  const path = resolve(io.cwd, name);
  try {
    if (!io.fs.openRead) return { text: await io.fs.readFile(path) };
    const opened = await io.fs.openRead(path);
    if (opened.size > STREAM_FILES_FROM) return opened;
    const parts: Uint8Array[] = [];
    for await (const chunk of opened.chunks) parts.push(chunk);
    return { text: Buffer.concat(parts).toString("utf8") };
  } catch (e) {
    throw new CliUsageError(`cannot read the rows file ${name}: ${describeFsError(e)}`);
  }
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The filter's diagnostics on stderr, laid out exactly as lint's stylish report. */
async function reportDiagnostics(io: CliIO, input: FilterInput, diagnostics: readonly Diagnostic[], canonical: string | null, color: boolean): Promise<void> {
  const counts: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const d of diagnostics) {
    if (d.severity === "error") counts.errorCount++;
    else if (d.severity === "warning") counts.warningCount++;
    else counts.infoCount++;
  }
  const fileResult: FileResult = {
    file: input.source,
    problems: [],
    filters: [{ input, diagnostics, canonical, ok: counts.errorCount === 0, fix: null }],
    ...counts,
  };
  const report: LintReport = { cwd: io.cwd, version: VERSION, severities: new Map(), files: [fileResult], totalWarningCount: counts.warningCount, filterCount: 1, ...counts };
  const { stylish } = await import("../format/stylish.js");
  const text = stylish(report, { color });
  if (text !== "") io.stderr.write(text);
}

/** Output lines, written in chunks of about 64 KiB. */
class LineWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: TextSink) {}

  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 1;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.sink.write(`${this.parts.join("\n")}\n`);
    this.parts = [];
    this.size = 0;
  }
}

