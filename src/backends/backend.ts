/**
 * The backend interface: how a parsed (and optionally type-checked) filter leaves the core.
 *
 * A backend is any object with a `name` and a `run(input, options?)` method. It receives the AST
 * plus whatever the earlier stages know about it, and returns its own output: the canonical
 * printer returns a string, the evaluator a predicate, a linter a list of findings. The core
 * never needs to know a backend exists, so a third party adds one by writing such an object
 * (`defineBackend` only helps type inference) and calling it with a parse result:
 *
 * ```ts
 * import { parse, walk, defineBackend } from "milvus-filter";
 *
 * const fieldsRead = defineBackend({
 *   name: "fields",
 *   run({ ast }) {
 *     const names = new Set<string>();
 *     for (const n of walk(ast)) if (n.kind === "Identifier") names.add(n.name);
 *     return [...names].sort();
 *   },
 * });
 *
 * const { ast } = parse('age > 18 and city in ["Oslo", "Bergen"]');
 * if (ast) fieldsRead.run({ ast }); // ["age", "city"]
 * ```
 *
 * Contract for implementers:
 * - Treat the input as read-only: ASTs are shared (the same tree may go to several backends).
 * - Do not rely on `id` values beyond looking them up in `types`; do not rely on spans unless
 *   `source` is given (trees built by the builder have synthetic spans).
 * - Report problems in the output or by throwing an Error subclass of your own; a backend that
 *   cannot handle a node kind should say which one.
 */
import type { Root } from "../syntax/ast.js";
import type { Source } from "../diag/source.js";
import { requireCall } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";

/** What a backend receives. */
export interface BackendInput<Type = unknown> {
  /** The filter's tree (`parse(text).ast`, a builder's `Filter.ast`, or any tree a rewrite produced). */
  readonly ast: Root;
  /** The text the tree was parsed from, when there is one: lets a backend point at spans. */
  readonly source?: Source;
  /**
   * The checker's result, when the filter was type-checked: node id → that node's type. Absent
   * for an unchecked tree; backends that need types should say so rather than guess.
   */
  readonly types?: ReadonlyMap<number, Type>;
}

/** A pluggable output stage: AST in, `Out` out. */
export interface Backend<Out, Options = void, Type = unknown> {
  /** Short, unique, lower-case name (`"print"`, `"eval"`, `"fields"`), e.g. for a CLI switch. */
  readonly name: string;
  /** One line for help texts. */
  readonly description?: string;
  run(input: BackendInput<Type>, options?: Options): Out;
}

/** Identity helper: returns `backend` unchanged, with `Out` and `Options` inferred. */
export function defineBackend<Out, Options = void, Type = unknown>(backend: Backend<Out, Options, Type>): Backend<Out, Options, Type> {
  requireCall("defineBackend", SPECS.defineBackend, [backend]);
  return backend;
}
