/**
 * `runCli(argv, io) → exit code`: the whole CLI as a pure async function. It never calls
 * process.exit and never touches `process`; bin/milvus-filter.mjs does that.
 *
 * Subcommand implementations are loaded on demand, so `--help`, `--version` and usage errors cost
 * no parser start-up, and `parse` never loads the schema loader or the lint formatters.
 */
import { closest, parseArgs } from "./args.js";
import type { AnalysisPlugins } from "./analyze.js";
import type { Printer } from "./fmt-engine.js";
import { COMMANDS, commandHelp, globalHelp } from "./command-specs.js";
import { CliUsageError, type CliIO } from "./io.js";
import { VERSION } from "./version.js";

export interface CliDeps {
  /** Overrides the checker/printer plug-ins of `lint` (see analyze.ts); for tests. */
  plugins?: AnalysisPlugins;
  /** Overrides the canonical printer of `fmt`; for tests. */
  printer?: Printer;
  /** The fetch used to reach Milvus (delete, partitions, collection, lint/eval --uri); tests inject one. */
  fetch?: typeof fetch;
}

export async function runCli(argv: readonly string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  let usage: string | undefined;
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.stderr.write(globalHelp());
      return 2;
    }
    if (first === "--help" || first === "-h") {
      io.stdout.write(globalHelp());
      return 0;
    }
    if (first === "--version" || first === "-v") {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (first === "help") {
      const name = rest[0];
      // `help`, `help --help`, `help -h`, `help help`: the overview.
      if (name === undefined || name === "--help" || name === "-h" || name === "help") {
        io.stdout.write(globalHelp());
        return 0;
      }
      const spec = COMMANDS.find((c) => c.name === name);
      if (!spec) throw unknownCommand(name);
      io.stdout.write(commandHelp(spec));
      return 0;
    }
    if (first.startsWith("-")) {
      const near = closest(first, ["--help", "--version"]);
      throw new CliUsageError(`unknown option '${first}'${near ? `. Did you mean '${near}'?` : ""}`, {
        details: ["Options go after the command, e.g. 'milvus-filter lint --format json FILE'."],
      });
    }
    const spec = COMMANDS.find((c) => c.name === first);
    if (!spec) throw unknownCommand(first);
    usage = `Usage: milvus-filter ${spec.usage}`;
    // --help wins over any other mistake on the line (as in ESLint).
    const end = rest.indexOf("--");
    if ((end < 0 ? rest : rest.slice(0, end)).some((a) => a === "--help" || a === "-h")) {
      io.stdout.write(commandHelp(spec));
      return 0;
    }
    const args = parseArgs(rest, spec);
    if (args.flags.help === true) {
      io.stdout.write(commandHelp(spec));
      return 0;
    }
    switch (spec.name) {
      case "parse":
        return await (await import("./commands/parse.js")).runParse(args, io);
      case "lint":
        return await (await import("./commands/lint.js")).runLint(args, io, {
          ...(deps.plugins ? { plugins: deps.plugins } : {}),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        });
      case "fmt":
        return await (await import("./commands/fmt.js")).runFmt(args, io, deps.printer ? { printer: deps.printer } : {});
      case "eval":
        return await (await import("./commands/eval.js")).runEval(args, io, deps.fetch ? { fetch: deps.fetch } : {});
      case "repl":
        return await (await import("./commands/repl.js")).runRepl(args, io);
      case "delete":
        return await (await import("./commands/milvus.js")).runDelete(args, io, milvusDeps(deps));
      case "partitions":
        return await (await import("./commands/milvus.js")).runPartitions(args, io, milvusDeps(deps));
      case "collection":
        return await (await import("./commands/milvus.js")).runCollection(args, io, milvusDeps(deps));
      case "rules":
        return await (await import("./commands/rules.js")).runRules(args, io);
      default:
        throw unknownCommand(spec.name);
    }
  } catch (e) {
    if (e instanceof CliUsageError) {
      const lines = [`milvus-filter: ${e.message}`, ...e.details];
      if (e.showUsage && usage) lines.push(usage);
      io.stderr.write(`${lines.join("\n")}\n`);
      return 2;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr.write(`milvus-filter: internal error (please report it): ${detail}\n`);
    return 2;
  }
}

function milvusDeps(deps: CliDeps): { fetch?: typeof fetch } {
  return deps.fetch ? { fetch: deps.fetch } : {};
}

function unknownCommand(name: string): CliUsageError {
  const near = closest(name, [...COMMANDS.map((c) => c.name), "help"]);
  return new CliUsageError(`unknown command '${name}'${near ? `. Did you mean '${near}'?` : ""}`, {
    details: [`Commands: ${COMMANDS.map((c) => c.name).join(", ")}. Run 'milvus-filter --help' for more.`],
  });
}
