import { describe, expect, it } from "vitest";
import { closest, editDistance, parseArgs, type CommandSpec } from "../../src/cli/args.js";
import { CliUsageError } from "../../src/cli/io.js";
import { COMMANDS, LINT_SPEC, commandHelp, globalHelp } from "../../src/cli/command-specs.js";

const spec: CommandSpec = {
  name: "demo",
  summary: "demo",
  usage: "demo [options] FILE…",
  flags: [
    { name: "format", short: "f", type: "string", choices: ["a", "bb", "stylish"], description: "" },
    { name: "output-file", short: "o", type: "string", description: "" },
    { name: "max-warnings", type: "number", min: -1, description: "" },
    { name: "quiet", type: "boolean", description: "" },
    { name: "color", type: "boolean", negatable: true, description: "" },
    { name: "rule", type: "string", multiple: true, description: "" },
  ],
  examples: [],
  positionals: true,
};

function usageError(fn: () => unknown): CliUsageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliUsageError) return e;
    throw e;
  }
  throw new Error("expected a CliUsageError");
}

describe("parseArgs", () => {
  it("reads --flag value, --flag=value, short flags and positionals in order", () => {
    const a = parseArgs(["x.txt", "--format", "a", "-o", "out.json", "y.txt", "--max-warnings=3"], spec);
    expect(a.flags).toMatchObject({ format: "a", "output-file": "out.json", "max-warnings": 3 });
    expect(a.positionals).toEqual(["x.txt", "y.txt"]);
    expect(parseArgs(["-f=bb"], spec).flags.format).toBe("bb");
  });

  it("treats - as a positional (stdin) and everything after -- as positional", () => {
    const a = parseArgs(["-", "--", "--quiet", "-f"], spec);
    expect(a.positionals).toEqual(["-", "--quiet", "-f"]);
    expect(a.flags.quiet).toBeUndefined();
  });

  it("reads booleans, --flag=true|false and --no-flag", () => {
    expect(parseArgs(["--quiet"], spec).flags.quiet).toBe(true);
    expect(parseArgs(["--quiet=false"], spec).flags.quiet).toBe(false);
    expect(parseArgs(["--no-color"], spec).flags.color).toBe(false);
    expect(parseArgs(["--color"], spec).flags.color).toBe(true);
    expect(usageError(() => parseArgs(["--no-quiet"], spec)).message).toMatch(/unknown option '--no-quiet'.*'--quiet'/);
    expect(usageError(() => parseArgs(["--quiet=maybe"], spec)).message).toMatch(/switch/);
    expect(usageError(() => parseArgs(["--no-color=1"], spec)).message).toMatch(/does not take a value/);
  });

  it("collects repeated multiple flags; the last one wins otherwise", () => {
    const a = parseArgs(["--rule", "a=off", "--rule=b=warn", "-f", "a", "-f", "bb"], spec);
    expect(a.flags.rule).toEqual(["a=off", "b=warn"]);
    expect(a.flags.format).toBe("bb");
  });

  it("accepts negative numbers as values and checks the minimum", () => {
    expect(parseArgs(["--max-warnings", "-1"], spec).flags["max-warnings"]).toBe(-1);
    expect(usageError(() => parseArgs(["--max-warnings", "-2"], spec)).message).toMatch(/at least -1/);
    expect(usageError(() => parseArgs(["--max-warnings", "x"], spec)).message).toMatch(/whole number/);
  });

  it("refuses a missing value, including another flag in its place", () => {
    expect(usageError(() => parseArgs(["--format"], spec)).message).toMatch(/needs a value/);
    expect(usageError(() => parseArgs(["--output-file", "--quiet"], spec)).message).toMatch(/needs a value/);
  });

  it("checks choices and suggests the closest one", () => {
    const e = usageError(() => parseArgs(["--format", "stylsh"], spec));
    expect(e.message).toMatch(/must be one of a, bb, stylish; found 'stylsh'\. Did you mean 'stylish'\?/);
  });

  it("names the closest valid flag for an unknown one", () => {
    expect(usageError(() => parseArgs(["--fromat", "x"], spec)).message).toMatch(/unknown option '--fromat' for 'demo'\. Did you mean '--format'\?/);
    expect(usageError(() => parseArgs(["--max-warning", "1"], spec)).message).toMatch(/Did you mean '--max-warnings'/);
    expect(usageError(() => parseArgs(["-format"], spec)).message).toMatch(/unknown option '-format'.*Did you mean '--format'/);
    expect(usageError(() => parseArgs(["--outp"], spec)).message).toMatch(/Did you mean '--output-file'/);
    expect(usageError(() => parseArgs(["--zzzzzzzz"], spec)).message).not.toMatch(/Did you mean/);
    expect(usageError(() => parseArgs(["-x"], spec)).message).toMatch(/unknown option '-x'/);
  });

  it("--help is accepted by every command", () => {
    for (const c of COMMANDS) expect(parseArgs(["--help"], c).flags.help).toBe(true);
    expect(parseArgs(["-h"], LINT_SPEC).flags.help).toBe(true);
  });

  it("refuses file arguments for commands without them", () => {
    const none = { ...spec, positionals: false };
    expect(usageError(() => parseArgs(["x"], none)).message).toMatch(/takes no file arguments/);
  });
});

describe("edit distance", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("fromat", "format")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closest("lnit", ["lint", "parse", "rules"])).toBe("lint");
    expect(closest("qqqq", ["lint", "parse"])).toBeUndefined();
  });
});

describe("help", () => {
  it("has usage, every option and examples for every command", () => {
    for (const c of COMMANDS) {
      const text = commandHelp(c);
      expect(text).toContain(`Usage: milvus-filter ${c.usage}`);
      for (const f of c.flags) expect(text).toContain(`--${f.negatable ? "[no-]" : ""}${f.name}`);
      expect(text).toContain("--help");
      expect(text).toContain("Examples:");
      expect(c.examples.length).toBeGreaterThan(0);
    }
    expect(globalHelp()).toMatch(/Commands:[\s\S]*parse[\s\S]*lint[\s\S]*rules/);
  });
});
