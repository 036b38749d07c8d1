/**
 * `print(ast, options?)`: the canonical filter text of an AST. The canonical form itself is
 * decided in emit.ts (and explained in docs/printer.md); the optional, off-by-default
 * semantics-preserving rewrites are in rewrite.ts.
 */
import type * as A from "../../syntax/ast.js";
import { printTree } from "./emit.js";
import { PrintError, printUsageError } from "./literals.js";
import { requireCall } from "../../diag/usage.js";
import { SPECS } from "../../diag/api-specs.js";
import { normalize, type RewriteOptions } from "./rewrite.js";

export { PrintError };

/** Printing options. Every rewrite is off by default; rewrite.ts explains why each one is safe. */
export interface PrintOptions extends RewriteOptions {}

/**
 * The canonical filter text of `ast`: one string per tree (ids and spans ignored), such that
 * `parse(print(ast)).ast` equals `ast` up to ids, spans and literal spelling (`raw`), and
 * `print(parse(print(ast)).ast) === print(ast)`. With rewrite options the tree is first
 * normalised (rewrite.ts), then printed.
 *
 * Throws PrintError for a tree that no filter text expresses (a name that is not an identifier,
 * a negative integer literal, a range whose middle is not a field token, …). Trees from `parse`
 * always print.
 */
export function print(ast: A.Root, options?: PrintOptions): string {
  [ast, options] = requireCall("print", SPECS.print, [ast, options], printUsageError) as [A.Root, PrintOptions | undefined];
  const rewrite = options !== undefined && (options.sortLists === true || options.flatten === true || (options.orToIn !== undefined && options.orToIn !== false));
  return printTree(rewrite ? normalize(ast, options) : ast);
}
