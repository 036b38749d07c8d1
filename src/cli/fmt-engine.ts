/**
 * The `fmt` engine: the canonical form of every filter of an input file, and the file rewritten
 * with them in place. Synchronous and free of I/O (commands/fmt.ts reads, prints and writes).
 *
 * Safety rules, all enforced here so that every caller gets them:
 * - a filter that does not parse has no canonical form: its diagnostics are returned and it is
 *   neither printed nor touched in its file;
 * - a canonical form is used only when it is one line, re-parses without error and prints back to
 *   itself (a fixed point), so a printer bug can never put a broken or unstable filter into a file;
 * - a rewritten file is read back before it is handed out: it must hold the same number of
 *   filters, each canonical (or, for one that did not parse, byte for byte what it was).
 *
 * Rewriting uses the same splicing as `lint --fix` (fix.ts): in a text file only the filter's own
 * characters change; in JSON and JSONL the string literal is replaced by a freshly encoded one and
 * everything around it (other members, spacing, line endings, the BOM) is kept byte for byte.
 */
import { makeDiagnostic, type Diagnostic } from "../diag/diagnostic.js";
import { Source } from "../diag/source.js";
import type { PrintOptions } from "../backends/print/print.js";
import type { Root } from "../syntax/ast.js";
import { parse, type ParseOptions } from "../syntax/parse.js";
import { applyFixes, fixedBytes, fixFor, holdsUndecodableBytes, type Fix } from "./fix.js";
import { extractFilters, fileFromBytes, type FilterInput, type InputFile } from "./inputs.js";

/** The canonical printer's signature (src/backends/print: `print(ast, options)`). */
export type Printer = (ast: Root, options: PrintOptions) => string;

export interface FmtOptions {
  /** The printer's optional rewrites (docs/printer.md); only these two are exposed by the CLI. */
  readonly print: Pick<PrintOptions, "sortLists" | "flatten">;
  readonly parse?: ParseOptions;
}

export interface FormattedFilter {
  readonly input: FilterInput;
  /** The canonical form; null when the filter does not parse or the printer failed on it. */
  readonly canonical: string | null;
  /** Filter-relative diagnostics: the parse errors, or the printer's failure. Empty when canonical is set. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface FormattedFile {
  readonly file: InputFile;
  readonly filters: readonly FormattedFilter[];
  /** Problems of the file itself (unreadable, invalid JSON, no filter, a rewrite refused), in file positions. */
  readonly problems: readonly Diagnostic[];
  /** With `write`: the new file text (BOM restored), only when it differs from the old one. */
  readonly output?: string;
  /** With `output`: what is written, the original bytes with only the rewritten filters replaced. */
  readonly outputBytes?: Uint8Array;
}

export function isCanonical(f: FormattedFilter): boolean {
  return f.canonical !== null && f.canonical === f.input.text;
}

/** The canonical form of one filter, verified (see the module comment). */
export function formatFilter(input: FilterInput, printer: Printer, options: FmtOptions): FormattedFilter {
  const parsed = parse(input.text, options.parse);
  if (parsed.ast === null) return { input, canonical: null, diagnostics: parsed.diagnostics };
  const fail = (why: string): FormattedFilter => ({
    input,
    canonical: null,
    diagnostics: [
      makeDiagnostic(parsed.source, {
        code: "internal/error",
        message: `the printer failed on this filter: ${why}`,
        span: { start: 0, end: input.text.length },
        hint: "this is a bug in milvus-filter; please report it with the filter. The filter was left as it is",
      }),
    ],
  });
  let canonical: string;
  try {
    canonical = printer(parsed.ast, options.print);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (typeof canonical !== "string") return fail("it returned no text");
  // The printer's contract is one line; everything downstream (stdout, text files) relies on it.
  if (/[\r\n]/.test(canonical)) return fail(`its output spans several lines: ${preview(canonical)}`);
  // Unchanged text is trivially a fixed point: it is the text that was just parsed.
  if (canonical === input.text) return { input, canonical, diagnostics: [] };
  const again = parse(canonical, options.parse);
  if (again.ast === null) return fail(`its output does not parse: ${preview(canonical)}`);
  let reprinted: string;
  try {
    reprinted = printer(again.ast, options.print);
  } catch (e) {
    return fail(`its output cannot be printed again: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (reprinted !== canonical) return fail(`its output is not stable: ${preview(canonical)} prints as ${preview(reprinted)}`);
  return { input, canonical, diagnostics: [] };
}

/**
 * Formats every filter of `file`. With `write`, also computes the rewritten file (only when
 * something changes) and verifies it; a filter whose canonical form cannot be written where it
 * stands gets an error instead.
 */
export function formatFile(file: InputFile, printer: Printer, options: FmtOptions, write: boolean): FormattedFile {
  let filters = file.filters.map((input) => formatFilter(input, printer, options));
  const problems = [...file.problems];
  if (!write) return { file, filters, problems };

  const fixes: Fix[] = [];
  const fixed = new Set<FilterInput>();
  filters = filters.map((f) => {
    if (f.canonical === null || isCanonical(f)) return f;
    const fix = fixFor(f.input, f.canonical, false);
    if (fix) {
      fixes.push(fix);
      fixed.add(f.input);
      return f;
    }
    const d = makeDiagnostic(new Source(f.input.text), {
      code: "style/non-canonical",
      message: holdsUndecodableBytes(f.input)
        ? "not in canonical form, and left as it is: it holds bytes that are not valid UTF-8, which a rewrite would lose"
        : `not in canonical form, and the canonical form cannot be written on this line: ${preview(f.canonical)}`,
      span: { start: 0, end: f.input.text.length },
    });
    return { input: f.input, canonical: f.canonical, diagnostics: [d] };
  });
  if (fixes.length === 0) return { file, filters, problems };

  const output = file.withBom(applyFixes(file, fixes));
  const outputBytes = fixedBytes(file, fixes, output);
  const expected = filters.map((f) => (fixed.has(f.input) ? f.canonical! : f.input.text));
  const why = outputBytes === null ? "bytes outside the filters would change" : verifyRewrite(file, expected, outputBytes);
  if (why !== null || outputBytes === null) {
    const at = filters[0]?.input.literal.start ?? 0;
    problems.push(
      makeDiagnostic(file.lines, {
        code: "internal/error",
        message: `the rewritten file would not read back as expected (${why}); it was left as it is`,
        span: { start: at, end: at },
        hint: "this is a bug in milvus-filter; please report it with the file",
      }),
    );
    return { file, filters, problems };
  }
  return { file, filters, problems, output, outputBytes };
}

/**
 * Null when the bytes to write read back as exactly the `expected` filter texts (every fixed one
 * being a verified canonical form, so canonical again) and no new problem; otherwise what is wrong.
 */
function verifyRewrite(file: InputFile, expected: readonly string[], output: Uint8Array): string | null {
  const reread = fileFromBytes({ file: file.file, path: file.path, stdin: file.stdin, format: file.format, explicit: file.explicit }, output);
  extractFilters(reread, { next: 0 });
  if (reread.filters.length !== expected.length) return `${reread.filters.length} filters instead of ${expected.length}`;
  if (reread.problems.length !== file.problems.length) return "it has new problems";
  for (let i = 0; i < expected.length; i++) {
    const now = reread.filters[i]!.text;
    if (now !== expected[i]) return `filter ${i + 1} reads back as ${preview(now)}`;
  }
  return null;
}

function preview(s: string): string {
  const flat = JSON.stringify(s);
  return flat.length > 122 ? `${flat.slice(0, 118)}..."` : flat;
}
