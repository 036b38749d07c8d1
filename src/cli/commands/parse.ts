/**
 * `milvus-filter parse [--format jsonl|tree|json] [--input-format text|jsonl|json] FILE…|-`
 *
 * jsonl contract (issue 2 §6): one object per filter, in input order,
 *   {"index","file","line","column","filter","ok","ast","diagnostics"}
 * with the AST from astToJson (bigints as strings, spans kept) and diagnostics in the lint jsonl
 * shape (positions relative to the filter). `file` and `column` are additions to the issue's key
 * list. Problems of a file itself are records with `"index": null, "filter": null, "ast": null`.
 */
import { parse, type ParseOptions } from "../../syntax/parse.js";
import { renderDiagnostic } from "../../diag/render.js";
import type { Diagnostic } from "../../diag/diagnostic.js";
import { Source } from "../../diag/source.js";
import { flagBoolean, flagNumber, flagString, type ParsedArgs } from "../args.js";
import { astToJson, astTree } from "../ast-json.js";
import { collectInputs, type FilterInput, type InputFile, type InputFormat } from "../inputs.js";
import type { CliIO } from "../io.js";
import { writeReport } from "../output.js";
import { createProgress } from "../progress.js";
import { ANSI, PLAIN, wantColor } from "../format/color.js";
import { contractDiagnostic } from "../format/common.js";
import { problemRecord } from "../format/jsonl.js";

type ParseFormat = "jsonl" | "json" | "tree";

export async function runParse(args: ParsedArgs, io: CliIO): Promise<number> {
  const format = (flagString(args, "format") ?? "jsonl") as ParseFormat;
  const outputFile = flagString(args, "output-file");
  const options: ParseOptions = {};
  const maxDepth = flagNumber(args, "max-depth");
  const maxLength = flagNumber(args, "max-length");
  if (maxDepth !== undefined) options.maxDepth = maxDepth;
  if (maxLength !== undefined) options.maxLength = maxLength;
  const color = wantColor(io, "stdout", flagBoolean(args, "color"), outputFile !== undefined);

  const files = await collectInputs(args.positionals, io, {
    inputFormat: flagString(args, "input-format") as InputFormat | undefined,
    stdinFilename: flagString(args, "stdin-filename"),
  });
  const total = files.reduce((n, f) => n + f.filters.length, 0);
  const progress = createProgress(io, total);
  let done = 0;
  let failed = false;
  const chunks: string[] = [];

  for (const file of files) {
    for (const item of ordered(file)) {
      if ("problem" in item) {
        const d = item.problem;
        if (d.severity === "error") failed = true;
        if (format === "tree") chunks.push(renderProblem(file, d, color));
        else chunks.push(serialize(problemRecord(file.file, d, { ast: null }), format));
        continue;
      }
      const input = item.filter;
      const result = parse(input.text, options);
      const ok = !result.diagnostics.some((d) => d.severity === "error");
      if (!ok) failed = true;
      if (format === "tree") chunks.push(renderTree(input, result.ast, result.diagnostics, result.source, color));
      else chunks.push(record(input, ok, result.ast, result.diagnostics, format));
      progress?.update(++done);
    }
  }
  progress?.finish();

  let text: string;
  if (format === "json") text = chunks.length === 0 ? "[]\n" : `[\n${chunks.join(",\n")}\n]\n`;
  else text = chunks.length === 0 ? "" : `${chunks.join("\n")}\n`;
  await writeReport(io, text, outputFile);
  return failed ? 1 : 0;
}

function ordered(file: InputFile): ({ problem: Diagnostic } | { filter: FilterInput })[] {
  if (file.problems.length === 0) return file.filters.map((filter) => ({ filter }));
  const items: { at: number; item: { problem: Diagnostic } | { filter: FilterInput } }[] = [];
  for (const problem of file.problems) items.push({ at: problem.span.start, item: { problem } });
  for (const filter of file.filters) items.push({ at: filter.literal.start, item: { filter } });
  return items.sort((a, b) => a.at - b.at).map((x) => x.item);
}

function serialize(value: Record<string, unknown>, format: ParseFormat): string {
  return format === "json" ? `  ${JSON.stringify(value)}` : JSON.stringify(value);
}

function record(input: FilterInput, ok: boolean, ast: Parameters<typeof astToJson>[0], diagnostics: readonly Diagnostic[], format: ParseFormat): string {
  let astText: string;
  try {
    astText = astToJson(ast);
  } catch {
    astText = "null"; // deeper than the JSON writer's stack: only possible with a raised --max-depth
  }
  // The AST is spliced in as text: it holds bigints (as strings) that JSON.stringify cannot produce.
  const head = JSON.stringify({ index: input.index, file: input.file, line: input.line, column: input.column, filter: input.text, ok });
  const diags = JSON.stringify(diagnostics.map(contractDiagnostic));
  const line = `${head.slice(0, -1)},"ast":${astText},"diagnostics":${diags}}`;
  return format === "json" ? `  ${line}` : line;
}

function renderTree(input: FilterInput, ast: Parameters<typeof astTree>[0] | null, diagnostics: readonly Diagnostic[], source: Source, color: boolean): string {
  const lines = [`${input.file}:${input.line}:${input.column}: ${oneLine(input.text)}`];
  if (ast) for (const l of astTree(ast)) lines.push(`  ${l}`);
  const c = color ? ANSI : PLAIN;
  for (const d of diagnostics) {
    const at = input.toFileDiagnostic(d);
    const sev = d.severity === "error" ? c.red(d.severity) : d.severity === "warning" ? c.yellow(d.severity) : c.cyan(d.severity);
    lines.push(`  ${c.bold(`${input.file}:${at.line}:${at.column}`)}: ${sev} ${c.dim(d.code)}: ${d.message}`);
    // renderDiagnostic's own header has filter-relative positions; the line above replaces it.
    for (const l of renderDiagnostic(d, source, { color }).split("\n").slice(1)) lines.push(`  ${l}`);
  }
  return lines.join("\n");
}

function renderProblem(file: InputFile, d: Diagnostic, color: boolean): string {
  if (file.text === "") return `${file.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
  return renderDiagnostic(d, file.lines, { color, fileName: file.file });
}

function oneLine(s: string): string {
  const flat = s.replace(/\r\n|\r|\n/g, "\u21b5");
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}
