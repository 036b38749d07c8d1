/**
 * Input handling shared by `parse` and `lint` (and later `fmt` and `eval`): turns file arguments
 * (files, directories, globs, `-`) into files of filters, each filter knowing exactly where it is
 * written, so diagnostics point into the file and `--fix` can splice a rewrite in place.
 *
 * Formats:
 * - text (`.filter`, `.filters`, `.txt`, anything unrecognised, and stdin by default): one filter per
 *   line. Blank lines and lines whose first non-blank character is `#` are skipped. LF, CRLF and a
 *   lone CR end lines; a leading BOM is ignored; spaces and tabs around a filter are not part of it.
 * - jsonl (`.jsonl`, `.ndjson`): each non-blank line is a JSON string (the filter) or a request body
 *   (an object with `filter`, or `expr`, and optional `exprParams`), or an array of those.
 * - json (`.json`): a request body, an array of them, or any document holding them (e.g. a
 *   hybrid_search body whose sub-searches carry `filter`). Every object with a `filter` (or `expr`)
 *   member is one filter; its sibling `exprParams` are that filter's template values.
 *
 * Directories are walked recursively (sorted, skipping dot entries and node_modules) for the
 * extensions in RECURSE_EXTENSIONS; symbolic links are followed only inside the walked directory,
 * and each real file is read once (see Walker). A file that cannot be read becomes one
 * `io/unreadable` diagnostic and the run goes on. Files are read as bytes and decoded as UTF-8;
 * invalid bytes read as U+FFFD with one `io/invalid-utf8` warning, and rewrites keep them (fix.ts).
 */
import { extname, basename, join, relative, resolve, sep } from "node:path";
import { Source, type Position } from "../diag/source.js";
import type { Diagnostic, DiagnosticCode, Severity } from "../diag/diagnostic.js";
import {
  findMember,
  jsonTreeToValue,
  parseJsonTree,
  stringOffsetMap,
  walkJsonTree,
  type JsonNode,
  type JsonStringNode,
} from "../util/json.js";
import { describeFsError, type CliIO, CliUsageError } from "./io.js";
import { decodeUtf8, utf8Layout } from "./file-bytes.js";
import { globIsDeep, globToRegExp, hasGlob, splitGlob } from "./glob.js";

export type InputFormat = "text" | "jsonl" | "json";
export const INPUT_FORMATS: readonly InputFormat[] = ["text", "jsonl", "json"];

/** Extensions picked up when walking a directory. `.txt` is read when named, never by a walk. */
export const RECURSE_EXTENSIONS: readonly string[] = [".txt", ".filter", ".filters", ".jsonl", ".ndjson", ".json"];
/** Text files a directory walk passes over: they are never filter lists. */
const SKIPPED_TEXT = /^(requirements.*|constraints.*|licen[cs]e.*|notice.*|readme.*|changelog.*|authors.*|robots|cmakelists)\.txt$/i;
/** JSON files a directory walk leaves alone: they are never request bodies. */
const SKIPPED_JSON = /^(package(-lock)?\.json|npm-shrinkwrap\.json|[tj]sconfig(\..*)?\.json)$/;
const MAX_WALK_DEPTH = 64;

export function formatForPath(name: string): InputFormat {
  const ext = extname(name).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  return "text";
}

/** How a filter is written in its file. */
export interface FilterLiteral {
  /** File offsets [start, end): the filter's own characters (plain) or the JSON string literal, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly encoding: "plain" | "json";
}

/** One filter read from an input, with the mapping of its offsets back into the file. */
export class FilterInput {
  /** The decoded filter text, as Milvus would receive it. */
  readonly text: string;
  /** Position of this filter among all filters of the run (0-based, input order). */
  readonly index: number;
  readonly literal: FilterLiteral;
  /** Template values (`exprParams` of the request body), when the body had them. */
  readonly params: unknown;
  readonly hasParams: boolean;
  readonly source: InputFile;
  #map: number[] | undefined;
  #start: Position | undefined;

  constructor(source: InputFile, index: number, text: string, literal: FilterLiteral, params?: { value: unknown }) {
    this.source = source;
    this.index = index;
    this.text = text;
    this.literal = literal;
    this.hasParams = params !== undefined;
    this.params = params?.value;
  }

  /** Display name of the file (relative to the working directory, or the stdin name). */
  get file(): string {
    return this.source.file;
  }

  /** 1-based line of the filter's first character in the file. */
  get line(): number {
    return this.start.line;
  }

  /** 1-based column (UTF-16 code units) of the filter's first character in the file. */
  get column(): number {
    return this.start.column;
  }

  private get start(): Position {
    this.#start ??= this.positionInFile(0);
    return this.#start;
  }

  /** File offset where filter offset `i` (0 ≤ i ≤ text.length) is written. */
  offsetInFile(i: number): number {
    const k = Math.max(0, Math.min(i, this.text.length));
    if (this.literal.encoding === "plain") return this.literal.start + k;
    this.#map ??= stringOffsetMap(this.source.text, this.literal);
    return this.#map[k]!;
  }

  positionInFile(i: number): Position {
    return this.source.lines.position(this.offsetInFile(i));
  }

  /** A filter-relative diagnostic moved into the file: line/column/span refer to the file text. */
  toFileDiagnostic(d: Diagnostic): Diagnostic {
    const start = this.offsetInFile(d.span.start);
    const end = Math.max(start, this.offsetInFile(d.span.end));
    const a = this.source.lines.position(start);
    const b = this.source.lines.position(end);
    return { ...d, span: { start, end }, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** One input (a file or stdin) and what was read from it. */
export class InputFile {
  /** Display name: relative to the working directory with `/` separators, or the stdin name. */
  readonly file: string;
  /** Absolute path; null for stdin without --stdin-filename. */
  readonly path: string | null;
  readonly stdin: boolean;
  readonly format: InputFormat;
  /** Named on the command line (or stdin, or matched by a glob) rather than found by walking a directory. */
  readonly explicit: boolean;
  /** The text without its BOM (all offsets refer to this). */
  readonly text: string;
  readonly bom: boolean;
  /** The bytes the text was decoded from (BOM included), when read as bytes; rewrites edit these. */
  readonly bytes: Uint8Array | null;
  /** Some bytes were not valid UTF-8 and read as U+FFFD. */
  readonly undecodable: boolean;
  readonly filters: FilterInput[] = [];
  /** Problems of the file itself (unreadable, bad JSON, …), positioned in the file. */
  readonly problems: Diagnostic[] = [];
  #lines: Source | undefined;

  constructor(init: {
    file: string;
    path: string | null;
    stdin: boolean;
    format: InputFormat;
    text: string;
    explicit?: boolean;
    bytes?: Uint8Array;
    undecodable?: boolean;
  }) {
    this.file = init.file;
    this.explicit = init.explicit ?? true;
    this.path = init.path;
    this.stdin = init.stdin;
    this.format = init.format;
    this.bom = init.text.charCodeAt(0) === 0xfeff;
    this.text = this.bom ? init.text.slice(1) : init.text;
    this.bytes = init.bytes ?? null;
    this.undecodable = init.undecodable ?? false;
  }

  get lines(): Source {
    this.#lines ??= new Source(this.text);
    return this.#lines;
  }

  /** The file as it would be written back (BOM restored). */
  withBom(text: string): string {
    return this.bom ? `\ufeff${text}` : text;
  }

  addProblem(code: DiagnosticCode, message: string, start: number, end = start, severity: Severity = "error", hint?: string): void {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    const a = this.lines.position(s);
    const b = this.lines.position(e);
    this.problems.push({
      code,
      severity,
      message,
      span: { start: s, end: e },
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      ...(hint !== undefined ? { hint } : {}),
    });
  }
}

// ---------------------------------------------------------------- extraction

/** Where the next filter's index starts; shared across the files of one run. */
export interface IndexCounter {
  next: number;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 11 || c === 12;

/** Reads the filters of `file.text` according to `file.format`. */
export function extractFilters(file: InputFile, counter: IndexCounter): void {
  if (file.format === "text") extractText(file, counter);
  else if (file.format === "jsonl") extractJsonLines(file, counter);
  else extractJson(file, counter, file.explicit);
}

function extractText(file: InputFile, counter: IndexCounter): void {
  const text = file.text;
  const len = text.length;
  let pos = 0;
  while (pos < len) {
    const lineStart = pos;
    let c = 0;
    while (pos < len) {
      c = text.charCodeAt(pos);
      if (c === 10 || c === 13) break;
      pos++;
    }
    let lineEnd = pos;
    if (pos < len) pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    let start = lineStart;
    while (start < lineEnd && isBlank(text.charCodeAt(start))) start++;
    while (lineEnd > start && isBlank(text.charCodeAt(lineEnd - 1))) lineEnd--;
    if (start === lineEnd || text.charCodeAt(start) === 35 /* # */) continue;
    file.filters.push(
      new FilterInput(file, counter.next++, text.slice(start, lineEnd), { start, end: lineEnd, encoding: "plain" }),
    );
  }
}

function extractJsonLines(file: InputFile, counter: IndexCounter): void {
  const text = file.text;
  const len = text.length;
  let pos = 0;
  let filters = 0;
  const problemsBefore = file.problems.length;
  while (pos < len) {
    const lineStart = pos;
    let c = 0;
    let blank = true;
    while (pos < len) {
      c = text.charCodeAt(pos);
      if (c === 10 || c === 13) break;
      if (blank && !isBlank(c)) blank = false;
      pos++;
    }
    const lineEnd = pos;
    if (pos < len) pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    if (blank) continue;
    const lineText = text.slice(lineStart, lineEnd);
    const parsed = parseJsonTree(lineText);
    if (!parsed.ok) {
      const at = lineStart + parsed.error.offset;
      file.addProblem("io/invalid-json", `invalid JSON: ${parsed.error.message}`, at, Math.min(at + 1, lineEnd));
      continue;
    }
    const { found, bad } = collectFromTree(file, parsed.value, lineStart, counter);
    filters += found + bad;
    if (found === 0 && bad === 0) {
      file.addProblem(
        "io/no-filter",
        "this line holds no filter: expected a JSON string or a request body with a \"filter\" string",
        lineStart + parsed.value.start,
        lineStart + parsed.value.end,
      );
    }
  }
  // A file found by a directory walk with no filter on any line (rows exported as JSONL, say) is
  // not a filter file: one note instead of an error per line.
  const added = file.problems.slice(problemsBefore);
  if (filters === 0 && added.length > 0 && !file.explicit && added.every((d) => d.code === "io/no-filter")) {
    file.problems.length = problemsBefore;
    file.addProblem("io/no-filter", "skipped: no line of this file holds a filter (name it explicitly to lint it anyway)", 0, 0, "info");
  }
}

function extractJson(file: InputFile, counter: IndexCounter, explicit: boolean): void {
  if (file.text.trim() === "") {
    if (explicit) file.addProblem("io/no-filter", "the file is empty: expected a request body or an array of them", 0, 0, "warning");
    return;
  }
  const parsed = parseJsonTree(file.text);
  if (!parsed.ok) {
    const at = parsed.error.offset;
    file.addProblem("io/invalid-json", `invalid JSON: ${parsed.error.message}`, at, Math.min(at + 1, file.text.length));
    return;
  }
  const { found, bad } = collectFromTree(file, parsed.value, 0, counter);
  if (found === 0 && bad === 0 && explicit) {
    file.addProblem(
      "io/no-filter",
      "no filter found: expected request bodies with a \"filter\" string (as sent to entities/delete, query or search)",
      parsed.value.start,
      parsed.value.start,
      "warning",
    );
  }
}

/**
 * Finds the filters in one JSON document; `base` is the document's offset in the file. Returns how
 * many were found, and how many `filter` members were reported for not being strings.
 */
function collectFromTree(file: InputFile, root: JsonNode, base: number, counter: IndexCounter): { found: number; bad: number } {
  let found = 0;
  let bad = 0;
  const add = (node: JsonStringNode, params: JsonNode | undefined): void => {
    const literal: FilterLiteral = { start: base + node.start, end: base + node.end, encoding: "json" };
    const value = params ? { value: jsonTreeToValue(params, { floats: "tagged" }) } : undefined;
    file.filters.push(new FilterInput(file, counter.next++, node.value, literal, value));
    found++;
  };
  walkJsonTree(root, (node, path, member) => {
    if (member && member.key.value === "exprParams") return false;
    if (node.type === "string") {
      if (path.length === 0) add(node, undefined);
      return false;
    }
    if (node.type !== "object") return node.type === "array";
    const entry = findMember(node, "filter") ?? findMember(node, "expr");
    if (!entry) return true;
    if (entry.value.type === "string") add(entry.value, findMember(node, "exprParams")?.value);
    else {
      bad++;
      file.addProblem(
        "io/no-filter",
        `"${entry.key.value}" must be a string, found ${entry.value.type === "null" ? "null" : `a JSON ${entry.value.type}`}`,
        base + entry.value.start,
        base + entry.value.end,
      );
    }
    return false;
  });
  return { found, bad };
}

// ---------------------------------------------------------------- collecting files

export interface CollectOptions {
  /** Forces the format of every input (otherwise: by extension; stdin is text). */
  inputFormat?: InputFormat;
  /** Name used for stdin in reports (and to pick its format and config). */
  stdinFilename?: string;
  /**
   * Files a directory or glob walk passes over (the configuration's `ignore` globs), by absolute
   * path. A file named on the command line is read all the same, as ESLint does.
   */
  ignored?: (abs: string) => boolean;
}

/** Display name of an absolute path: relative to cwd, `/`-separated. */
export function displayName(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  const shown = rel === "" ? basename(abs) : rel;
  return sep === "/" ? shown : shown.split(sep).join("/");
}

interface Candidate {
  /** The path as named or found (symbolic links not resolved): what is shown, read and written through. */
  abs: string;
  /** The canonical path: a file reached by several paths is read once. */
  real: string;
  /** Named on the command line (or matched by a glob) rather than found by walking a directory. */
  explicit: boolean;
}

/**
 * Expands the file arguments and reads every input, in argument order (directory and glob matches
 * sorted). A file reached twice (repeated, or through a symbolic link) is read once. Throws
 * CliUsageError when there is nothing to read or `-` is repeated.
 */
export async function collectInputs(patterns: readonly string[], io: CliIO, options: CollectOptions = {}): Promise<InputFile[]> {
  if (patterns.length === 0) {
    throw new CliUsageError("no input: give one or more files, directories or globs, or - for standard input", { showUsage: true });
  }
  if (patterns.filter((p) => p === "-").length > 1) throw new CliUsageError("'-' (standard input) can be given only once");
  const counter: IndexCounter = { next: 0 };
  const out: InputFile[] = [];
  const seen = new Set<string>();

  for (const pattern of patterns) {
    if (pattern === "-") {
      const text = await io.stdin();
      const name = options.stdinFilename;
      const file = new InputFile({
        file: name ? displayName(io.cwd, resolve(io.cwd, name)) : "<stdin>",
        path: name ? resolve(io.cwd, name) : null,
        stdin: true,
        format: options.inputFormat ?? (name ? formatForPath(name) : "text"),
        text,
      });
      extractFilters(file, counter);
      out.push(file);
      continue;
    }
    const candidates = await expand(pattern, io);
    if (candidates === "no-match") throw noMatch(pattern, hasGlob(pattern) ? "glob" : "path");
    if (candidates.length === 0) throw noMatch(pattern, "directory");
    const kept = candidates.filter((c) => c.explicit && !hasGlob(pattern) ? true : !options.ignored?.(c.abs));
    if (kept.length === 0) throw noMatch(pattern, "ignored");
    for (const c of kept) {
      if (seen.has(c.real)) continue;
      seen.add(c.real);
      out.push(await readInput(c, io, counter, options));
    }
  }
  return out;
}

/**
 * Nothing to read for one argument: a usage error (exit 2), as in ESLint, so that a CI step with a
 * mistyped path or an empty directory fails instead of passing without having looked at anything.
 */
function noMatch(pattern: string, why: "glob" | "path" | "directory" | "ignored"): CliUsageError {
  const reason = {
    glob: "",
    path: ": there is no such file or directory",
    directory: `: a directory is searched for ${RECURSE_EXTENSIONS.join(", ")} files, and it has none`,
    ignored: ": every file it matches is ignored by the configuration's \"ignore\" patterns",
  }[why];
  return new CliUsageError(`no files matching '${pattern}' were found${reason}`, { details: ["Check the path for typing mistakes; '-' reads standard input."] });
}

async function readInput(c: Candidate, io: CliIO, counter: IndexCounter, options: CollectOptions): Promise<InputFile> {
  const name = displayName(io.cwd, c.abs);
  const format = options.inputFormat ?? formatForPath(c.abs);
  const init = { file: name, path: c.abs, stdin: false, format, explicit: c.explicit };
  let file: InputFile;
  try {
    if (io.fs.readBytes) file = fileFromBytes(init, await io.fs.readBytes(c.abs));
    else file = new InputFile({ ...init, text: await io.fs.readFile(c.abs) });
  } catch (e) {
    file = new InputFile({ ...init, text: "" });
    file.addProblem("io/unreadable", `cannot read ${name}: ${describeFsError(e)}`, 0);
    return file;
  }
  extractFilters(file, counter);
  return file;
}

/**
 * An input file decoded from its bytes. Bytes that are not valid UTF-8 are read as U+FFFD and
 * reported once (a warning at the first of them); rewrites keep them (fix.ts).
 */
export function fileFromBytes(init: { file: string; path: string | null; stdin: boolean; format: InputFormat; explicit?: boolean }, bytes: Uint8Array): InputFile {
  const { text, valid } = decodeUtf8(bytes);
  const file = new InputFile({ ...init, text, bytes, undecodable: !valid });
  if (!valid) {
    const at = utf8Layout(bytes, []).firstInvalid - (file.bom ? 1 : 0);
    file.addProblem(
      "io/invalid-utf8",
      "this file is not valid UTF-8: these bytes (and any others like them) read as U+FFFD",
      at,
      at + 1,
      "warning",
      "a rewrite (--fix, fmt --write) keeps such bytes as they are, and leaves alone a filter that contains them",
    );
  }
  return file;
}

/**
 * The canonical path of `path`; `path` itself when the file system has no links, null when it
 * cannot be resolved (a dangling link, a loop; a read then reports why).
 */
async function realPath(io: CliIO, path: string): Promise<string | null> {
  if (!io.fs.realpath) return path;
  try {
    return await io.fs.realpath(path);
  } catch {
    return null;
  }
}

async function expand(pattern: string, io: CliIO): Promise<Candidate[] | "no-match"> {
  if (hasGlob(pattern)) {
    const { base, segments } = splitGlob(pattern);
    const root = resolve(io.cwd, base === "" ? "." : base);
    const re = globToRegExp(segments);
    const found: Candidate[] = [];
    const walker = new Walker(io, (await realPath(io, root)) ?? root, (rel, c) => {
      if (re.test(rel)) found.push({ ...c, explicit: true });
    });
    await walker.walk(root, walker.rootReal, "", globIsDeep(segments) ? MAX_WALK_DEPTH : segments.length);
    return found.length === 0 ? "no-match" : found;
  }
  const abs = resolve(io.cwd, pattern);
  const real = (await realPath(io, abs)) ?? abs;
  let isDirectory = false;
  try {
    isDirectory = (await io.fs.stat(abs)).isDirectory;
  } catch (e) {
    // Nothing there at all is "no files matching"; other failures are reported when the read fails.
    if ((e as { code?: unknown } | null)?.code === "ENOENT") return "no-match";
  }
  // Named explicitly: followed wherever it points.
  if (!isDirectory) return [{ abs, real, explicit: true }];
  const found: Candidate[] = [];
  const walker = new Walker(io, real, (rel, c) => {
    const name = basename(rel);
    if (!RECURSE_EXTENSIONS.includes(extname(name).toLowerCase())) return;
    if (SKIPPED_JSON.test(name) || SKIPPED_TEXT.test(name)) return;
    found.push({ ...c, explicit: false });
  });
  await walker.walk(abs, real, "", MAX_WALK_DEPTH);
  return found;
}

/**
 * Depth-first walk of one root in sorted order, skipping dot entries and node_modules. Symbolic
 * links are followed only to places inside the root (by real path), and every real directory is
 * entered once, so link cycles (`ln -s . loop`) end at once and nothing outside the root is read.
 */
class Walker {
  readonly #visited = new Set<string>();
  readonly #rootPrefix: string;

  constructor(
    readonly io: CliIO,
    readonly rootReal: string,
    readonly onFile: (rel: string, c: { abs: string; real: string }) => void,
  ) {
    this.#rootPrefix = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  }

  #inside(real: string): boolean {
    return real === this.rootReal || real.startsWith(this.#rootPrefix);
  }

  async walk(dir: string, dirReal: string, rel: string, depth: number): Promise<void> {
    if (depth <= 0 || this.#visited.has(dirReal)) return;
    this.#visited.add(dirReal);
    let entries;
    try {
      entries = await this.io.fs.readdir(dir);
    } catch {
      return;
    }
    entries = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      const childAbs = resolve(dir, e.name);
      let childReal = join(dirReal, e.name);
      if (e.isSymbolicLink) {
        const target = await realPath(this.io, childAbs);
        if (target === null || !this.#inside(target)) continue;
        childReal = target;
      }
      if (e.isDirectory) await this.walk(childAbs, childReal, childRel, depth - 1);
      else if (e.isFile) this.onFile(childRel, { abs: childAbs, real: childReal });
    }
  }
}
