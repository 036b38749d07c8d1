/**
 * What a lint rule is, and how the checker runs them.
 *
 * A lint rule gives advice beyond Milvus's own type rules: it never changes whether Milvus
 * accepts the filter. Each rule is one file, `src/check/rules/<code>.ts`, exporting
 *
 *   { meta: ruleMeta("lint/or-chain"), create(ctx) { return { Or(node) { … ctx.report(…) } } } }
 *
 * `meta` is read from the code registry (src/diag/codes.ts), where the code's severity lives (its
 * docs text is in src/diag/code-docs.ts, which the checker does not load); `create` is called once per check and returns a visitor: a handler per node kind,
 * `"*"` for every node, `begin` before the walk and `end` after it. Every rule of a pass shares
 * one pre-order walk of the tree. At each node the kind's handlers run in the order the rules are
 * registered (src/check/rules/index.ts), then the `"*"` handlers in that order; so do `begin` and
 * `end`. Diagnostics therefore come out in a fixed order.
 */
import type * as A from "../../syntax/ast.js";
import type { Span } from "../../diag/diagnostic.js";
import { DIAGNOSTIC_CODES, type CodeOf, type DefaultSeverity, type SupersededCode } from "../../diag/codes.js";
import { problem, type Ctx, type TypedExpr } from "../context.js";
import { deleteClassOf, type DeleteClass } from "../delete-class.js";
import { preorder } from "../traverse.js";
import type { ExprType } from "../types.js";

/** A code a lint rule reports: one rule per code, one code per rule. */
export type RuleCode = Exclude<CodeOf<"lint">, SupersededCode>;

export interface RuleMeta<C extends RuleCode = RuleCode> {
  readonly code: C;
  readonly severity: DefaultSeverity;
  readonly fixable: boolean;
}

/** The checker's facts a rule may read. */
export type CheckFacts = Pick<Ctx, "schema" | "target" | "purpose" | "params" | "text" | "types" | "dynamicRefs">;

/** What a rule sees: the checked filter and its setting, and `report` for the rule's code. */
export interface RuleContext extends CheckFacts {
  /** The whole filter (never `Empty`: rules do not run on an empty filter). */
  readonly root: A.Expr;
  /** The root's type, or undefined when type checking failed at the root. */
  readonly rootType: TypedExpr | undefined;
  /** true / false when the whole filter folds to a constant. */
  readonly constant: boolean | undefined;
  readonly typeOf: (n: A.Root) => ExprType | undefined;
  /** Reports this rule's code, with its default severity (call it as `ctx.report(…)`). */
  report(message: string, at: A.Root | Span, hint?: string): void;
  /** Whether an error was reported so far (by the type checker or an earlier rule). */
  readonly hasError: () => boolean;
  /** How Milvus would run the filter as a delete (undefined without a schema); computed once per check. */
  readonly deleteClass: () => DeleteClass | undefined;
}

type NodeHandlers = { readonly [K in A.NodeKind]?: (node: Extract<A.Root, { kind: K }>) => void };

export type Visitor = NodeHandlers & {
  /** Every node, after every rule's handler for the node's kind. */
  readonly "*"?: (node: A.Root) => void;
  /** Before the walk. */
  readonly begin?: () => void;
  /** After the walk. */
  readonly end?: () => void;
};

export interface Rule<C extends RuleCode = RuleCode> {
  readonly meta: RuleMeta<C>;
  create(ctx: RuleContext): Visitor;
}

/** A rule's meta, from the code registry. */
export function ruleMeta<C extends RuleCode>(code: C): RuleMeta<C> {
  const c = DIAGNOSTIC_CODES[code];
  return { code, severity: c.severity, fixable: c.fixable };
}

export interface RuleRun {
  readonly root: A.Root;
  readonly rootType: TypedExpr | undefined;
  readonly constant: boolean | undefined;
}

type Handler = (node: A.Root) => void;

/** Runs one pass of rules over a checked filter: every `begin`, one walk, every `end`. */
export function runRules(checker: Ctx, run: RuleRun, rules: readonly Rule[]): void {
  const root = run.root;
  if (root.kind === "Empty") return;
  const state = new RunState(checker, root, run);
  const begins: (() => void)[] = [];
  const ends: (() => void)[] = [];
  // Node handlers by kind, in rule order, from each visitor's own keys (looking every kind up in
  // every visitor was most of the cost of a small filter's check); "*" handlers run after them.
  const byKind = new Map<string, Handler[]>();
  const everyNode: Handler[] = [];
  for (const rule of rules) {
    const v = rule.create(new Context(state, rule.meta.code)) as Record<string, Handler | (() => void)>;
    for (const key in v) {
      const h = v[key]!;
      if (key === "begin") begins.push(h as () => void);
      else if (key === "end") ends.push(h as () => void);
      else if (key === "*") everyNode.push(h);
      else {
        const list = byKind.get(key);
        if (list) list.push(h);
        else byKind.set(key, [h]);
      }
    }
  }
  for (const b of begins) b();
  if (byKind.size > 0 || everyNode.length > 0) {
    // The shared non-recursive pre-order (no generator: a 10^6-element list is 10^6 steps here).
    // Every list element is visited: rules such as lint/octal-literal look at literals.
    preorder(
      root,
      (n) => {
        const handlers = byKind.get(n.kind);
        if (handlers !== undefined) for (const h of handlers) h(n);
        for (const h of everyNode) h(n);
      },
      () => false,
    );
  }
  for (const e of ends) e();
}

/** What every rule of a run shares. */
class RunState {
  readonly typeOf: (n: A.Root) => ExprType | undefined;
  readonly hasError: () => boolean;
  readonly deleteClass: () => DeleteClass | undefined;

  constructor(
    readonly checker: Ctx,
    readonly root: A.Expr,
    readonly run: RuleRun,
  ) {
    const types = checker.types;
    this.typeOf = (n) => types.get(n.id);
    this.hasError = () => checker.reporter.hasError();
    let deleteClass: { value: DeleteClass | undefined } | undefined;
    this.deleteClass = () => (deleteClass ??= { value: deleteClassOf(checker, root) }).value;
  }
}

/**
 * One rule's context. Two fields and getters, not a copy of the checker's state: a check of a
 * small filter takes microseconds, and building a full object per rule per check doubled it.
 */
class Context implements RuleContext {
  constructor(
    private readonly state: RunState,
    private readonly code: RuleCode,
  ) {}

  get schema(): RuleContext["schema"] {
    return this.state.checker.schema;
  }
  get target(): RuleContext["target"] {
    return this.state.checker.target;
  }
  get purpose(): RuleContext["purpose"] {
    return this.state.checker.purpose;
  }
  get params(): RuleContext["params"] {
    return this.state.checker.params;
  }
  get text(): string {
    return this.state.checker.text;
  }
  get types(): RuleContext["types"] {
    return this.state.checker.types;
  }
  get dynamicRefs(): RuleContext["dynamicRefs"] {
    return this.state.checker.dynamicRefs;
  }
  get root(): A.Expr {
    return this.state.root;
  }
  get rootType(): TypedExpr | undefined {
    return this.state.run.rootType;
  }
  get constant(): boolean | undefined {
    return this.state.run.constant;
  }
  get typeOf(): RunState["typeOf"] {
    return this.state.typeOf;
  }
  get hasError(): RunState["hasError"] {
    return this.state.hasError;
  }
  get deleteClass(): RunState["deleteClass"] {
    return this.state.deleteClass;
  }

  report(message: string, at: A.Root | Span, hint?: string): void {
    this.state.checker.reporter.report(problem(this.code, message, "span" in at ? at.span : at, hint));
  }
}
