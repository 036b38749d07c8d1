/**
 * The code blocks of the Markdown docs, with the directive that may precede each one:
 *
 *   <!-- docs-test: skip: why -->            not run (say why: a live server, another package)
 *   <!-- docs-test: compile-only: why -->    type-checked under --strict, not run
 *   <!-- docs-test: prelude
 *   const rows = loadRows(...).rows;         hidden lines put before the block (rustdoc's `# ` lines)
 *   -->
 *
 * The directive must stand on the lines right before the opening fence.
 */
import { readFileSync } from "node:fs";

export interface DocBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly body: string;
  readonly mode: "run" | "compile-only" | "skip";
  readonly reason?: string;
  readonly prelude: string;
}

const FENCE = /^```([\w-]*)\s*$/;
const DIRECTIVE = /<!--\s*docs-test:\s*(skip|compile-only|prelude)\b:?([\s\S]*?)-->\s*$/;

export function docBlocks(file: string, root: string): DocBlock[] {
  const lines = readFileSync(`${root}/${file}`, "utf8").split("\n");
  const out: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    // Directives: HTML comments ending on the line(s) just above the fence, nearest last.
    let mode: DocBlock["mode"] = "run";
    let reason: string | undefined;
    let prelude = "";
    let k = i - 1;
    while (k >= 0 && lines[k]!.trimEnd().endsWith("-->")) {
      let start = k;
      while (start > 0 && !lines[start]!.includes("<!--")) start--;
      const m = DIRECTIVE.exec(lines.slice(start, k + 1).join("\n"));
      if (!m) break;
      if (m[1] === "prelude") prelude = `${m[2]!.replace(/^\s*\n/, "")}\n${prelude}`;
      else {
        mode = m[1] as DocBlock["mode"];
        reason = m[2]!.trim();
      }
      k = start - 1;
    }
    out.push({ file, line: i + 1, lang: open[1]!, body: lines.slice(i + 1, end).join("\n"), mode, ...(reason ? { reason } : {}), prelude });
    i = end;
  }
  return out;
}

/** One `$ command` of a console block and the output shown under it. */
export interface ConsoleStep {
  readonly command: string;
  readonly expected: readonly string[];
}

export function consoleSteps(body: string): ConsoleStep[] {
  const steps: { command: string; expected: string[] }[] = [];
  for (const line of body.split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), expected: [] });
    else if (steps.length > 0) steps[steps.length - 1]!.expected.push(line);
  }
  return steps;
}

/** A line that stands for any number of lines of output. */
export const isElision = (line: string): boolean => line.trim() === "..." || line.trim() === "…";

/**
 * Whether `actual` shows the `expected` lines in order, where an elision line matches any run of
 * lines. Trailing blanks and blank lines are ignored on both sides (terminals and editors differ).
 * Returns undefined on a match, or the first expected line that was not found.
 */
export function matchTranscript(expected: readonly string[], actual: readonly string[]): string | undefined {
  const exp = expected.map((l) => l.trimEnd()).filter((l) => l !== "");
  const act = actual.map((l) => l.trimEnd()).filter((l) => l !== "");
  const go = (i: number, j: number): boolean => {
    if (i === exp.length) return j === act.length;
    if (isElision(exp[i]!)) {
      for (let k = j; k <= act.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    return j < act.length && act[j] === exp[i] && go(i + 1, j + 1);
  };
  if (go(0, 0)) return undefined;
  // For the message: the first expected line with no equal in the output.
  return exp.find((l) => !isElision(l) && !act.includes(l)) ?? "(the lines are all there, but not in this order or with extra lines)";
}
