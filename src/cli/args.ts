/**
 * A small, strict command-line parser. Per subcommand, a spec lists the flags; anything else
 * starting with `-` is a usage error that names the closest valid flag.
 *
 * Accepted forms: `--flag value`, `--flag=value`, `-f value` (declared short names), booleans as
 * `--flag` / `--flag=true|false` / `--no-flag` (when negatable), repeated flags (collected when
 * `multiple`, otherwise the last one wins), `-` as a positional (standard input), and `--`, after
 * which everything is positional.
 */
import { CliUsageError } from "./io.js";
import { closest, editDistance } from "../util/suggest.js";

export type FlagType = "boolean" | "string" | "number";

export interface FlagSpec {
  /** Long name without the leading `--`. */
  readonly name: string;
  readonly type: FlagType;
  /** One-letter alias, without the `-`. */
  readonly short?: string;
  /** Collect every occurrence into an array. */
  readonly multiple?: boolean;
  /** Also accept `--no-<name>` (booleans only). */
  readonly negatable?: boolean;
  readonly choices?: readonly string[];
  /** Placeholder shown in help, e.g. `FILE`. */
  readonly value?: string;
  /** Smallest accepted number (numbers are integers). */
  readonly min?: number;
  readonly description: string;
}

export interface CommandExample {
  readonly command: string;
  readonly comment: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Usage line after `milvus-filter `, e.g. `lint [options] FILE…|-`. */
  readonly usage: string;
  /** Paragraphs shown under the usage line. */
  readonly description?: readonly string[];
  readonly flags: readonly FlagSpec[];
  readonly examples: readonly CommandExample[];
  /** Whether file arguments are accepted. */
  readonly positionals: boolean;
}

export type FlagValue = boolean | string | number | string[] | number[];

export interface ParsedArgs {
  /** Flags that were given, by long name. */
  readonly flags: Readonly<Record<string, FlagValue | undefined>>;
  readonly positionals: readonly string[];
}

/** `--help` is accepted by every subcommand. */
export const HELP_FLAG: FlagSpec = { name: "help", short: "h", type: "boolean", description: "Show this help and exit" };

export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const flags: Record<string, FlagValue | undefined> = Object.create(null);
  const positionals: string[] = [];
  const all = [...spec.flags, HELP_FLAG];
  const byName = new Map(all.map((f) => [f.name, f]));
  const byShort = new Map(all.filter((f) => f.short).map((f) => [f.short!, f]));
  let rest = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (rest || arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      rest = true;
      continue;
    }
    let flag: FlagSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    let negated = false;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      shown = `--${name}`;
      flag = byName.get(name);
      if (!flag && name.startsWith("no-")) {
        const positive = byName.get(name.slice(3));
        if (positive?.negatable) {
          flag = positive;
          negated = true;
        }
      }
    } else {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(1) : arg.slice(1, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      shown = `-${name}`;
      flag = name.length === 1 ? byShort.get(name) : undefined;
    }
    if (!flag) throw unknownFlag(shown, all, spec);

    if (flag.type === "boolean") {
      let value = !negated;
      if (inline !== undefined) {
        if (negated) throw new CliUsageError(`option '${shown}' does not take a value`, { showUsage: true });
        if (/^(true|1|yes)$/i.test(inline)) value = true;
        else if (/^(false|0|no)$/i.test(inline)) value = false;
        else throw new CliUsageError(`option '${shown}' is a switch: give it no value, or 'true' / 'false'`, { showUsage: true });
      }
      flags[flag.name] = value;
      continue;
    }

    let raw = inline;
    if (raw === undefined) {
      const next = argv[i + 1];
      const looksLikeFlag = next !== undefined && next.startsWith("--") && next.length > 2;
      if (next === undefined || looksLikeFlag) {
        throw new CliUsageError(`option '${shown}' needs a value${flag.value ? ` (${flag.value})` : ""}`, { showUsage: true });
      }
      raw = next;
      i++;
    }
    let value: string | number = raw;
    if (flag.type === "number") {
      if (!/^-?\d+$/.test(raw.trim())) throw new CliUsageError(`option '${shown}' needs a whole number, found '${raw}'`);
      value = Number(raw.trim());
      if (flag.min !== undefined && value < flag.min) {
        throw new CliUsageError(`option '${shown}' must be at least ${flag.min}, found ${value}`);
      }
    } else if (flag.choices && !flag.choices.includes(raw)) {
      const near = closest(raw, flag.choices);
      throw new CliUsageError(
        `option '${shown}' must be one of ${flag.choices.join(", ")}; found '${raw}'${near ? `. Did you mean '${near}'?` : ""}`,
      );
    }
    if (flag.multiple) {
      const list = (flags[flag.name] as (string | number)[] | undefined) ?? [];
      list.push(value);
      flags[flag.name] = list as FlagValue;
    } else {
      flags[flag.name] = value;
    }
  }

  if (!spec.positionals && positionals.length > 0) {
    throw new CliUsageError(`'${spec.name}' takes no file arguments; found '${positionals[0]}'`, { showUsage: true });
  }
  return { flags, positionals };
}

function unknownFlag(shown: string, all: readonly FlagSpec[], spec: CommandSpec): CliUsageError {
  const candidates: string[] = [];
  for (const f of all) {
    candidates.push(`--${f.name}`);
    if (f.negatable) candidates.push(`--no-${f.name}`);
  }
  // `-format` is a common slip for `--format`.
  const probe = shown.startsWith("--") ? shown : `-${shown}`;
  const near = closest(probe, candidates);
  return new CliUsageError(`unknown option '${shown}' for '${spec.name}'${near ? `. Did you mean '${near}'?` : ""}`, {
    details: [`Run 'milvus-filter ${spec.name} --help' for the list of options.`],
  });
}

export { closest, editDistance };

/** Typed accessors for ParsedArgs. */
export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === "string" ? v : undefined;
}

export function flagNumber(args: ParsedArgs, name: string): number | undefined {
  const v = args.flags[name];
  return typeof v === "number" ? v : undefined;
}

export function flagBoolean(args: ParsedArgs, name: string): boolean | undefined {
  const v = args.flags[name];
  return typeof v === "boolean" ? v : undefined;
}

export function flagList(args: ParsedArgs, name: string): string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v.map(String) : [];
}
