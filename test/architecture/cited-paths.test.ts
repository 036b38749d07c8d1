/**
 * Comments in src/ that point at a file point at one that exists: a repository path (`src/…`,
 * `docs/…`, `test/…`, …), a Markdown file by name, or a section of the shared spec
 * (`../shared/spec/<file>.md §4.2`, which must be a numbered heading of that file). The shared spec
 * sits next to the repository in the workspace; a clone without it skips those citations.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, comments, sourceFiles } from "./source-files.js";

/** Top-level folders of the repository a comment may cite. */
const REPO_DIRS = ["src", "docs", "test", "bench", "scripts", "examples", "grammar", "playground", "bin"];
const SHARED_SPEC = "../shared/spec/";

/** A path-like word: a repo folder followed by a path, a shared-spec file, or a bare `name.md`. */
const CITED = new RegExp(String.raw`(?<![\w./-])((?:\.\./shared/spec/|(?:${REPO_DIRS.join("|")})/)[\w./-]*|[\w-]+\.md)(\s+§\s*(\d+(?:\.\d+)*))?`, "g");

interface Citation {
  readonly at: string;
  readonly path: string;
  readonly section?: string;
}

function citations(): Citation[] {
  const out: Citation[] = [];
  for (const file of sourceFiles()) {
    for (const c of comments(file)) {
      for (const m of c.text.matchAll(CITED)) {
        // Trailing sentence punctuation is not part of the path; `src/**` and `test/<dir>` are patterns.
        const path = m[1]!.replace(/[.,:;]+$/, "");
        const rest = c.text.slice(m.index! + m[1]!.length, m.index! + m[1]!.length + 1);
        if (rest === "*" || rest === "<" || rest === "{" || rest === "…") continue;
        out.push({ at: `${file.path}:${c.line}`, path, ...(m[3] !== undefined ? { section: m[3] } : {}) });
      }
    }
  }
  return out;
}

/** The numbers of a Markdown file's numbered headings: `## 5. …` → 5, `### 5.4 …` → 5.4. */
function sectionNumbers(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) out.add(m[1]!);
  return out;
}

const HAVE_SHARED = existsSync(join(ROOT, SHARED_SPEC));

describe("paths cited in src/ comments", () => {
  const all = citations().filter((c) => HAVE_SHARED || !c.path.startsWith(SHARED_SPEC));

  it("finds the citations it checks", () => {
    const paths = new Set(all.map((c) => c.path));
    expect(paths.has("docs/semantics.md")).toBe(true);
    if (HAVE_SHARED) expect(all.some((c) => c.path === "../shared/spec/milvus-filter-language.md" && c.section === "5.4")).toBe(true);
    expect(paths.has("src/util/json.ts")).toBe(true);
  });

  it("every cited file or folder exists", () => {
    const missing = all.filter((c) => !existsSync(join(ROOT, c.path))).map((c) => `${c.at}: ${c.path}`);
    expect(missing).toEqual([]);
  });

  it.skipIf(!HAVE_SHARED)("every cited section of the shared spec is a numbered heading of that file", () => {
    const headings = new Map<string, Set<string>>();
    const bad: string[] = [];
    for (const c of all) {
      if (c.section === undefined || !c.path.startsWith(SHARED_SPEC)) continue;
      const file = join(ROOT, c.path);
      if (!existsSync(file)) continue; // reported by the test above
      if (!headings.has(file)) headings.set(file, sectionNumbers(readFileSync(file, "utf8")));
      if (!headings.get(file)!.has(c.section)) bad.push(`${c.at}: ${c.path} §${c.section}`);
    }
    expect(bad).toEqual([]);
  });
});
