/**
 * The TypeScript files of src/, parsed with the TypeScript compiler API (no type checking), for
 * the architecture tests: their module specifiers and their comments.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface SourceFile {
  /** Relative to the repository root, with forward slashes: `src/cli/run.ts`. */
  readonly path: string;
  readonly text: string;
  readonly ast: ts.SourceFile;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTs(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

export function sourceFiles(): SourceFile[] {
  return listTs(join(ROOT, "src"))
    .sort()
    .map((abs) => {
      const text = readFileSync(abs, "utf8");
      return { path: relative(ROOT, abs).split(sep).join("/"), text, ast: ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true) };
    });
}

export interface ModuleReference {
  readonly specifier: string;
  /** 1-based line of the reference, for messages. */
  readonly line: number;
  /** `import type`, `export type … from` or an `import("…")` type: erased from the JavaScript. */
  readonly typeOnly: boolean;
}

/**
 * Every module the file refers to: static imports and re-exports, `import x = require()`, dynamic
 * `import("…")` (lazy loading is still a dependency), and `import("…").T` in type positions.
 */
export function moduleReferences(file: SourceFile): ModuleReference[] {
  const out: ModuleReference[] = [];
  const add = (lit: ts.Node | undefined, typeOnly: boolean) => {
    if (lit && ts.isStringLiteralLike(lit)) out.push({ specifier: lit.text, line: file.ast.getLineAndCharacterOfPosition(lit.getStart()).line + 1, typeOnly });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) add(n.moduleSpecifier, n.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(n)) add(n.moduleSpecifier, n.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) add(n.moduleReference.expression, n.isTypeOnly);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) add(n.arguments[0], false);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal, true);
    ts.forEachChild(n, visit);
  };
  visit(file.ast);
  return out;
}

/** The text of every comment in the file (each once), with the line it starts on. */
export function comments(file: SourceFile): { text: string; line: number }[] {
  const seen = new Set<number>();
  const out: { text: string; line: number }[] = [];
  const take = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      out.push({ text: file.text.slice(r.pos, r.end), line: file.ast.getLineAndCharacterOfPosition(r.pos).line + 1 });
    }
  };
  // getChildren, unlike forEachChild, includes the tokens, so a comment before a closing brace or
  // at the end of the file (leading trivia of a token) is found too.
  const visit = (n: ts.Node): void => {
    take(ts.getLeadingCommentRanges(file.text, n.getFullStart()));
    take(ts.getTrailingCommentRanges(file.text, n.getEnd()));
    for (const c of n.getChildren(file.ast)) visit(c);
  };
  visit(file.ast);
  return out.sort((a, b) => a.line - b.line);
}
