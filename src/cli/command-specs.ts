/**
 * The subcommands' flags, help and examples. Kept apart from their implementations so that
 * `--help` and argument errors never load the parser.
 */
import type { CommandSpec, FlagSpec } from "./args.js";
import { HELP_FLAG } from "./args.js";
import { DEFAULT_LIMITS } from "../syntax/limits.js";
import { PURPOSES, TARGET_HELP } from "./targets.js";
import { COLLECTION_SPEC, DELETE_SPEC, LIVE_SCHEMA_FLAGS, PARTITIONS_SPEC } from "./milvus-command-specs.js";

const INPUT_FORMAT: FlagSpec = {
  name: "input-format",
  type: "string",
  value: "FORMAT",
  choices: ["text", "jsonl", "json"],
  description:
    "How to read every input: text (one filter per line), jsonl (a JSON string or request body per line) or json (request bodies). Default: by extension (.json, .jsonl/.ndjson, else text); stdin is text",
};
const STDIN_FILENAME: FlagSpec = {
  name: "stdin-filename",
  type: "string",
  value: "FILE",
  description: "Name to report for standard input (-); its extension also picks the input format",
};
const OUTPUT_FILE: FlagSpec = { name: "output-file", short: "o", type: "string", value: "FILE", description: "Write the report to FILE instead of standard output" };
const COLOR: FlagSpec = {
  name: "color",
  type: "boolean",
  negatable: true,
  description: "Force colour on (--color) or off (--no-color). Default: on for a terminal, honouring NO_COLOR and FORCE_COLOR",
};

export const PARSE_SPEC: CommandSpec = {
  name: "parse",
  summary: "Parse filters and print their syntax trees",
  usage: "parse [options] FILE…|-",
  description: [
    "Reads one or more filters and prints, for each, whether it parses, its AST and its syntax diagnostics. No schema is involved.",
    "Exit status: 0 when every filter parses, 1 when any has a syntax error, 2 for a usage error.",
  ],
  flags: [
    {
      name: "format",
      short: "f",
      type: "string",
      value: "FORMAT",
      choices: ["jsonl", "tree", "json"],
      description:
        'jsonl (default): one object per filter, {"index","file","line","column","filter","ok","ast","diagnostics"}, bigints as strings; json: the same objects as one array; tree: an indented tree per filter',
    },
    INPUT_FORMAT,
    STDIN_FILENAME,
    OUTPUT_FILE,
    { name: "max-depth", type: "number", value: "N", min: 1, description: `Deepest nesting accepted (default ${DEFAULT_LIMITS.maxDepth})` },
    { name: "max-length", type: "number", value: "N", min: 1, description: "Longest filter accepted, in UTF-16 code units (default 16 MiB)" },
    COLOR,
  ],
  examples: [
    { command: `milvus-filter parse -f tree - <<< 'age > 18 and tags is null'`, comment: "Show the tree of one filter" },
    { command: "milvus-filter parse examples/filters.txt", comment: "One JSON object per filter of a text file" },
    { command: "milvus-filter parse --input-format jsonl requests.log", comment: "Filters from request bodies, one per line" },
  ],
  positionals: true,
};

export const LINT_SPEC: CommandSpec = {
  name: "lint",
  summary: "Check filters: syntax, and types against a collection schema",
  usage: "lint [options] FILE…|DIR…|GLOB…|-",
  description: [
    "Inputs are text files (one filter per line, # comments), JSONL and JSON request bodies ({\"filter\", \"exprParams\"} as sent to entities/delete, query or search), directories (searched for .filter, .filters, .jsonl, .ndjson and .json files) and globs (* and **).",
    "Settings come from .milvusfilterrc.json or the \"milvusFilter\" key of package.json (searched upward from the working directory), overridden by these options.",
    "With --collection (and --uri or MILVUS_URI; --token or MILVUS_TOKEN), the filters are checked against the live schema of that collection, fetched from Milvus, instead of a --schema file.",
    "Exit status: 0 when there is no error (and no more warnings than --max-warnings), 1 when there is, 2 for a usage or configuration error.",
  ],
  flags: [
    { name: "schema", type: "string", value: "FILE", description: "Collection schema: a collections/describe response, its data, an SDK describeCollection result or the compact form" },
    // --uri --token --db --collection --timeout: the live schema of a collection instead of --schema.
    ...LIVE_SCHEMA_FLAGS,
    { name: "params", type: "string", value: "FILE", description: "Template values (exprParams) for filters whose request body has none" },
    { name: "target", type: "string", value: "VERSION", description: TARGET_HELP },
    { name: "purpose", type: "string", value: "PURPOSE", choices: PURPOSES, description: "What the filters are for: delete (default) refuses empty and always-true filters" },
    {
      name: "format",
      short: "f",
      type: "string",
      value: "FORMAT",
      choices: ["stylish", "json", "jsonl", "sarif", "github"],
      description: "stylish (default, for people), json (ESLint's shape), jsonl (one object per filter), sarif (GitHub code scanning), github (workflow annotations)",
    },
    INPUT_FORMAT,
    OUTPUT_FILE,
    { name: "max-warnings", type: "number", value: "N", min: -1, description: "Exit with 1 when there are more than N warnings (default -1: no limit)" },
    { name: "quiet", type: "boolean", description: "Report errors only" },
    { name: "verbose", short: "v", type: "boolean", description: "Also show info notes in stylish output (delete path, unused params)" },
    COLOR,
    { name: "fix", type: "boolean", description: "Rewrite each error-free filter to its canonical form, in place in its file" },
    { name: "fix-dry-run", type: "boolean", description: "Compute the fixes without writing them (the fixed text is in the json format's \"output\")" },
    STDIN_FILENAME,
    { name: "config", short: "c", type: "string", value: "FILE", description: "Use this configuration file instead of searching for one" },
    { name: "rule", type: "string", multiple: true, value: "CODE=SEVERITY", description: "Set a rule's severity (off, info, warn, error); repeatable" },
    { name: "print-config", type: "boolean", description: "Print the resolved configuration and exit" },
    { name: "require", type: "string", value: "FILTER", description: "Every filter must be FILTER and (…), e.g. \"tenant == {tenant}\" (guard/missing-required)" },
  ],
  examples: [
    { command: "milvus-filter lint --schema schema.json filters.txt", comment: "Lint a file of filters against a schema" },
    { command: "milvus-filter lint --schema schema.json 'requests/**/*.json'", comment: "Lint the filters of every request body under requests/" },
    { command: "echo 'id in [1, 2, 3]' | milvus-filter lint --schema schema.json -", comment: "Lint standard input" },
    { command: "milvus-filter lint -f sarif -o filters.sarif .", comment: "Write a SARIF report for GitHub code scanning" },
    { command: "milvus-filter lint -f github --max-warnings 0 filters/", comment: "Annotate a pull request; fail on any warning" },
    { command: "milvus-filter lint --fix filters.txt", comment: "Rewrite the filters to their canonical form" },
    { command: "MILVUS_URI=http://localhost:19530 milvus-filter lint --collection books filters.txt", comment: "Lint against the live schema of a collection" },
  ],
  positionals: true,
};

export const FMT_SPEC: CommandSpec = {
  name: "fmt",
  summary: "Print filters in canonical form, check that they are, or rewrite them in place",
  usage: "fmt [--check | --write] [options] FILE…|DIR…|GLOB…|-",
  description: [
    "Inputs are read as by lint: text files (one filter per line, # comments), JSONL and JSON request bodies, directories and globs, or - for standard input.",
    "By default the canonical form of every filter is printed, one per line, in input order. A filter that does not parse is not printed: its diagnostics go to standard error and the exit status is 1.",
    "--check prints nothing for canonical filters and lists each other one as FILE:LINE:COLUMN with its canonical form. --write rewrites the files in place and prints the names of those it changed: text, JSON and JSONL files alike, changing only the filters (in JSON, only the filter's string literal), keeping comments, other members, line endings and a BOM. Filters that do not parse are left as they are.",
    "A canonical form is printed or written only after it re-parses and prints back to itself. The rewrites --sort-lists and --flatten keep the filter's meaning under Milvus's three-valued logic (see docs/printer.md); they are off by default.",
    "Exit status: 0 when every filter parses (and, with --check, is canonical), 1 otherwise, 2 for a usage error or a file that cannot be written.",
  ],
  flags: [
    { name: "check", type: "boolean", description: "List the filters that are not in canonical form; exit with 1 if there is any" },
    { name: "write", short: "w", type: "boolean", description: "Rewrite the files in place (text, JSON and JSONL); print the names of the files changed" },
    { name: "sort-lists", type: "boolean", description: "Also sort and deduplicate constant 'in' / 'not in' lists and json|array_contains_all|any lists" },
    { name: "flatten", type: "boolean", description: "Also flatten nested 'and' / 'or': (a and b) and c becomes a and b and c" },
    INPUT_FORMAT,
    STDIN_FILENAME,
    COLOR,
  ],
  examples: [
    { command: "milvus-filter fmt - <<< 'age>18 AND tags IS NULL'", comment: "Canonical form of one filter" },
    { command: "milvus-filter fmt --check filters/", comment: "In CI: fail when a filter file is not canonical" },
    { command: "milvus-filter fmt --write filters.txt requests.jsonl query.json", comment: "Rewrite the filters in place" },
    { command: "milvus-filter fmt --sort-lists --flatten filters.txt", comment: "Canonical forms with sorted lists and flat and/or chains" },
  ],
  positionals: true,
};

const SCHEMA_FILE: FlagSpec = {
  name: "schema",
  type: "string",
  value: "FILE",
  description: "Collection schema: a collections/describe response, its data, an SDK describeCollection result or the compact form",
};
const TARGET: FlagSpec = {
  name: "target",
  type: "string",
  value: "VERSION",
  description: TARGET_HELP,
};

export const EVAL_SPEC: CommandSpec = {
  name: "eval",
  summary: "Evaluate a filter on rows with Milvus's semantics: which rows it selects, and why",
  usage: "eval --schema FILE --rows FILE.jsonl|- [options] FILTER",
  description: [
    "Checks the filter as lint does and, only when it is valid and can be evaluated here, runs it over the rows: JSONL, one row per line as Milvus query output shows it (dynamic fields as top-level keys or under $meta), read losslessly (9007199254740993 stays 9007199254740993). A row is selected when the filter is TRUE; rows where it is NULL are not.",
    'Output: jsonl (default) prints each matching line exactly as read; ids prints the primary key of each matching row, one per line, digits exactly as in the input; count prints the number of matching rows; json prints {"filter", "canonical", "rows", "matched", "null", "skipped", "ids"} on one line, ids as strings. --explain prints instead, for every row, why it matched or not, node by node, then a summary line.',
    "The filter is checked for a query by default (a delete selects the same rows); --purpose delete adds the delete checks, which refuse empty and always-true filters. An invalid filter, or one with a construct that has no honest local meaning (text_match, phrase_match, GIS functions, …: eval/not-evaluable), is reported on standard error and nothing is evaluated. Schema, params and target can also come from .milvusfilterrc.json, as for lint (its purpose is lint's and is not used here).",
    "A row line that cannot be read (not JSON, or not an object) is reported on standard error with its line number and skipped; the other rows are still evaluated and printed, and the exit status is 1. FILTER may be - to read it from standard input when the rows come from a file.",
    "Exit status: 0 when the rows were evaluated (even if none matched); 1 when the filter is invalid or cannot be evaluated here, a row line was skipped, or (ids, json) a matching row has no usable primary key; 2 for a usage error.",
  ],
  flags: [
    SCHEMA_FILE,
    // --uri --token --db --collection --timeout: the live schema of a collection instead of --schema.
    ...LIVE_SCHEMA_FLAGS,
    { name: "rows", type: "string", value: "FILE", description: "The rows: a JSONL file, one JSON object per line, or - for standard input (required)" },
    { name: "params", type: "string", value: "FILE", description: "Template values (exprParams) for {name} placeholders, as a JSON object" },
    TARGET,
    { name: "purpose", type: "string", value: "PURPOSE", choices: PURPOSES, description: "What the filter is for: query (default) or delete, which also refuses empty and always-true filters" },
    {
      name: "format",
      short: "f",
      type: "string",
      value: "FORMAT",
      choices: ["jsonl", "ids", "count", "json"],
      description: "jsonl (default): the matching lines unchanged; ids: their primary keys, one per line; count: how many; json: one summary object",
    },
    { name: "explain", type: "boolean", description: "Instead of --format's output, show for every row why it matched or not, node by node, and a summary" },
    COLOR,
  ],
  examples: [
    { command: "milvus-filter eval --schema schema.json --rows rows.jsonl 'pages > 300 and price < 10'", comment: "The rows a filter selects, as they are in the file" },
    { command: `milvus-filter eval --schema schema.json --rows rows.jsonl -f ids --purpose delete 'meta["year"] < 1950'`, comment: "The primary keys a delete would remove, exactly as written" },
    { command: "milvus-filter eval --schema schema.json --rows rows.jsonl --explain 'price < 10 or tags is null'", comment: "Why each row matched or not" },
    { command: "zcat rows.jsonl.gz | milvus-filter eval --schema schema.json --rows - -f count 'id in {ids}' --params params.json", comment: "Count the matches in rows read from standard input" },
    { command: "milvus-filter eval --uri http://localhost:19530 --collection books --rows rows.jsonl -f json 'pages > 1'", comment: "Against the live schema of a collection; a summary with the ids" },
  ],
  positionals: true,
};

export const REPL_SPEC: CommandSpec = {
  name: "repl",
  summary: "Try filters interactively: problems, canonical form, and the rows they select",
  usage: "repl [--schema FILE | --uri URL --collection C] [--rows FILE.jsonl] [--params FILE] [--target V] [--purpose P]",
  description: [
    "Each line is a filter: the REPL shows its problems with the caret snippet, or its canonical form with the reviewer's notes (primary-key fast path or query first, warnings) and, with rows loaded, which rows it matches. Input continues over several lines while a bracket or parenthesis is open. .help lists the commands (.schema, .rows, .params, .target, .purpose, .ast, .tokens, .fmt, .explain, .exit); Tab completes field names, JSON keys seen in the rows, keywords, functions and operators.",
    "History is kept in ~/.milvus_filter_history; MILVUS_FILTER_HISTORY moves it, and MILVUS_FILTER_HISTORY=0 disables it.",
    "Piped (non-terminal) input prints results only, without prompts, banner or echo, so a session can be scripted.",
  ],
  flags: [
    { name: "schema", type: "string", value: "FILE", description: "Collection schema to check filters against (also: .schema FILE)" },
    { name: "rows", type: "string", value: "FILE", description: "JSONL rows to evaluate each filter on (also: .rows FILE)" },
    { name: "params", type: "string", value: "FILE", description: "Template values (exprParams): a JSON file, or inline JSON starting with { (also: .params)" },
    TARGET,
    { name: "purpose", type: "string", value: "PURPOSE", choices: PURPOSES, description: "What the filters are for: delete (default) refuses empty and always-true filters; query (also: .purpose)" },
    COLOR,
    ...LIVE_SCHEMA_FLAGS,
  ],
  examples: [
    { command: "milvus-filter repl --schema schema.json --rows rows.jsonl", comment: "Explore a collection's rows before a delete" },
    { command: "milvus-filter repl --uri http://localhost:19530 --collection books", comment: "Check filters against the live schema of a collection" },
    { command: "printf 'pages > 1\\n.exit\\n' | milvus-filter repl --schema schema.json", comment: "Scripted: results only, no prompts" },
  ],
  positionals: false,
};

export const RULES_SPEC: CommandSpec = {
  name: "rules",
  summary: "List every diagnostic code with its default severity",
  usage: "rules [options]",
  flags: [
    { name: "format", short: "f", type: "string", value: "FORMAT", choices: ["text", "json", "markdown"], description: "text (default), json, or a markdown table for documentation" },
  ],
  examples: [
    { command: "milvus-filter rules", comment: "The list, for reading" },
    { command: "milvus-filter rules -f markdown", comment: "A table for a README" },
  ],
  positionals: false,
};

/**
 * Every subcommand, in the order `--help` lists them; run.ts dispatches on the name and loads each
 * implementation on demand.
 */
export const COMMANDS: readonly CommandSpec[] = [PARSE_SPEC, LINT_SPEC, FMT_SPEC, EVAL_SPEC, REPL_SPEC, DELETE_SPEC, PARTITIONS_SPEC, COLLECTION_SPEC, RULES_SPEC];

function flagLabel(f: FlagSpec): string {
  const long = f.negatable ? `--[no-]${f.name}` : `--${f.name}`;
  const names = f.short ? `-${f.short}, ${long}` : `    ${long}`;
  return f.type === "boolean" ? names : `${names} ${f.value ?? "VALUE"}`;
}

/** Wraps `text` to `width` columns, continuation lines indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line !== "" && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line === "" ? w : `${line} ${w}`;
  }
  if (line !== "") lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

export function commandHelp(spec: CommandSpec): string {
  const flags = [...spec.flags, HELP_FLAG];
  const labels = flags.map(flagLabel);
  const width = Math.min(30, Math.max(...labels.map((l) => l.length)) + 2);
  const out = [`Usage: milvus-filter ${spec.usage}`, "", spec.summary + "."];
  for (const p of spec.description ?? []) out.push("", wrap(p, 96, 0));
  out.push("", "Options:");
  flags.forEach((f, i) => {
    const label = labels[i]!;
    const pad = label.length + 2 > width ? `\n  ${" ".repeat(width)}` : " ".repeat(width - label.length);
    out.push(`  ${label}${pad}${wrap(f.description, 96 - width, width + 2)}`);
  });
  out.push("", "Examples:");
  for (const e of spec.examples) out.push(`  # ${e.comment}`, `  ${e.command}`);
  return `${out.join("\n")}\n`;
}

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 4;
  return [
    "Usage: milvus-filter <command> [options]",
    "",
    "Parse, check, lint and evaluate Milvus boolean filter expressions before they reach the server.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${"help".padEnd(width)}Show help for a command`,
    "",
    "Options:",
    "  -h, --help       Show this help (or a command's, after the command)",
    "  -v, --version    Print the version",
    "",
    "Examples:",
    "  milvus-filter lint --schema schema.json filters.txt",
    "  milvus-filter parse -f tree - <<< 'price > 10 and tags is null'",
    "  milvus-filter fmt --check filters/",
    "  milvus-filter eval --schema schema.json --rows rows.jsonl -f ids 'pages > 300'",
    "  milvus-filter repl --schema schema.json --rows rows.jsonl",
    "  milvus-filter lint --help",
    "",
  ].join("\n");
}
