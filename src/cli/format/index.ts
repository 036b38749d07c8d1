/** Lint formatters by name, loaded on demand so a run pays only for the one it prints. */
import type { Formatter } from "./common.js";

export const LINT_FORMATS = ["stylish", "json", "jsonl", "sarif", "github"] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export async function loadFormatter(name: LintFormat): Promise<Formatter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).stylish;
    case "json":
      return (await import("./json.js")).json;
    case "jsonl":
      return (await import("./jsonl.js")).jsonl;
    case "sarif":
      return (await import("./sarif.js")).sarif;
    case "github":
      return (await import("./github.js")).github;
  }
}
