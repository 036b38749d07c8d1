/**
 * `milvus-filter lint`: configuration, schema and template values, inputs, the lint engine,
 * fixes written back, one report, and ESLint's exit codes (0 clean, 1 problems, 2 usage/config).
 */
import { stringifyJson } from "../../util/json.js";
import { flagBoolean, flagList, flagNumber, flagString, type ParsedArgs } from "../args.js";
import { createAnalyzer, loadPlugins, type AnalysisContext, type AnalysisPlugins } from "../analyze.js";
import { effectiveSeverities, printableConfig, resolveConfig } from "../config.js";
import { loadFormatter, type LintFormat } from "../format/index.js";
import { wantColor } from "../format/color.js";
import { collectInputs, type InputFormat } from "../inputs.js";
import { describeFsError, CliUsageError, type CliIO } from "../io.js";
import { lintFiles } from "../lint-engine.js";
import { writeReport } from "../output.js";
import { createProgress } from "../progress.js";
import { loadParams, loadSchema } from "../settings.js";
import { VERSION } from "../version.js";
import { requireAnalyzer } from "../lint-require.js";

export interface LintDeps {
  /** Replaces the checker/printer that loadPlugins() provides (tests use a fake canonicaliser). */
  plugins?: AnalysisPlugins;
  /** The fetch used for --uri/--collection (tests inject one). */
  fetch?: typeof fetch;
}

export async function runLint(args: ParsedArgs, io: CliIO, deps: LintDeps = {}): Promise<number> {
  const fix = flagBoolean(args, "fix") === true;
  const dryRun = flagBoolean(args, "fix-dry-run") === true;
  if (fix && dryRun) throw new CliUsageError("--fix and --fix-dry-run cannot be used together");
  if (fix && args.positionals.includes("-")) {
    throw new CliUsageError("--fix cannot rewrite standard input; use --fix-dry-run to get the fixed text");
  }

  const config = await resolveConfig(io, {
    config: flagString(args, "config"),
    schema: flagString(args, "schema"),
    params: flagString(args, "params"),
    target: flagString(args, "target"),
    purpose: flagString(args, "purpose"),
    rules: flagList(args, "rule"),
  });
  if (flagBoolean(args, "print-config")) {
    io.stdout.write(`${stringifyJson(printableConfig(config, io.cwd), 2)}\n`);
    return 0;
  }

  const ctx: AnalysisContext = { target: config.target, purpose: config.purpose };
  // --uri/--collection: the live schema replaces --schema (and a configured schema file). The Milvus
  // client loads only then, so a plain lint starts without it.
  const schema = await loadSchema(args, io, config, deps.fetch ? { fetch: deps.fetch } : {});
  if (schema) ctx.schema = schema;
  const params = await loadParams(io, config);
  if (params !== undefined) ctx.params = params;

  const format = (flagString(args, "format") ?? "stylish") as LintFormat;
  const outputFile = flagString(args, "output-file");
  const files = await collectInputs(args.positionals, io, {
    inputFormat: flagString(args, "input-format") as InputFormat | undefined,
    stdinFilename: flagString(args, "stdin-filename"),
    ignored: config.ignored,
  });
  const plugins = deps.plugins ?? (await loadPlugins());
  const required = flagString(args, "require");
  const analyzer = required === undefined ? createAnalyzer(ctx, plugins) : requireAnalyzer(createAnalyzer(ctx, plugins), required);
  const total = files.reduce((n, f) => n + f.filters.length, 0);
  const progress = createProgress(io, total);
  const report = lintFiles(
    files,
    analyzer,
    {
      overrides: config.rules,
      quiet: flagBoolean(args, "quiet") === true,
      fix: fix ? "fix" : dryRun ? "dry-run" : "none",
      ...(progress ? { onProgress: (n: number) => progress.update(n) } : {}),
    },
    { cwd: io.cwd, version: VERSION, severities: effectiveSeverities(config) },
  );
  progress?.finish();

  let writeFailed = false;
  if (fix) {
    for (const fr of report.files) {
      if (fr.outputBytes === undefined || fr.file.path === null || fr.file.stdin) continue;
      try {
        await io.fs.writeFile(fr.file.path, fr.outputBytes);
      } catch (e) {
        writeFailed = true;
        io.stderr.write(`milvus-filter: cannot write the fixes to ${fr.file.file}: ${describeFsError(e)}\n`);
      }
    }
  }

  const formatter = await loadFormatter(format);
  const color = wantColor(io, "stdout", flagBoolean(args, "color"), outputFile !== undefined);
  await writeReport(io, formatter(report, { color, verbose: flagBoolean(args, "verbose") === true, cleanSummary: flagBoolean(args, "quiet") !== true }), outputFile);

  if (writeFailed) return 2;
  if (report.errorCount > 0) return 1;
  const maxWarnings = flagNumber(args, "max-warnings") ?? -1;
  if (maxWarnings >= 0 && report.totalWarningCount > maxWarnings) {
    io.stderr.write(`milvus-filter found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
