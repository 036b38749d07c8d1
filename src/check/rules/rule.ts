/**
 * What a lint rule is, and how the checker runs them.
 *
 * A lint rule gives advice beyond Milvus's own type rules: it never changes whether Milvus
 * accepts the filter. Each rule is one file, `src/check/rules/<code>.ts`, exporting
 *
 *   defineRule({ meta: ruleMeta("lint/or-chain"), on: ["Or"], create(ctx) { return { Or(node) { … ctx.report(…) } } } })
 *
 * `meta` is read from the code registry (src/diag/codes.ts), where the code's severity lives (its
 * docs text is in src/diag/code-docs.ts, which the checker does not load); `create` is called at
 * most once per check, when the walk first needs the rule, and returns a visitor: a handler per
 * node kind, `"*"` for every node, `begin` before the walk and `end` after it; `on` lists the keys
 * it may have. Every rule of a pass shares
 * one pre-order walk of the tree. At each node the kind's handlers run in the order the rules are
 * registered (src/check/rules/index.ts), then the `"*"` handlers in that order; so do `begin` and
 * `end`. Diagnostics therefore come out in a fixed order.
 */
import type * as A from "../../syntax/ast.js";
import type { Span } from "../../diag/diagnostic.js";
import { DIAGNOSTIC_CODES, type CodeOf, type DefaultSeverity, type SupersededCode } from "../../diag/codes.js";
import { problem, type Ctx, type TypedExpr } from "../context.js";
import { deleteClassOf, type DeleteClass } from "../delete-class.js";
import { preorder, pushChildren } from "../traverse.js";
import { literalListOf } from "../../syntax/factory.js";
import { NODES } from "../../syntax/nodes.js";
import type { ExprType } from "../types.js";
import type { ResolvedTarget } from "../../util/releases.js";
import { runElementKind, type LiteralKind, type LiteralRun } from "../literal-runs.js";

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

/** A key of a visitor: a node kind, `"*"`, `begin` or `end`. */
export type VisitorKey = keyof Visitor;

/** A visitor with keys `K` only (any other key must be absent). */
type OnlyKeys<K extends VisitorKey> = { readonly [X in VisitorKey]?: X extends K ? Visitor[X] : never };

/**
 * For a literal kind a rule handles: false when the rule's handler would do nothing for a literal
 * written as `text.slice(start, end)` (true when it might). The runner then skips the handler (and
 * does not make the rule for it); with one for each literal kind it handles, a rule lets the runner
 * pass over a long literal list without a node per element.
 */
export type LiteralTextTest = (text: string, start: number, end: number) => boolean;

export interface Rule<C extends RuleCode = RuleCode, K extends VisitorKey = VisitorKey> {
  readonly meta: RuleMeta<C>;
  /**
   * The keys `create`'s visitor may have. The runner creates the rule only when it needs it: for
   * `begin` / `end`, or at the first node of a kind listed here, so a rule whose kinds a filter
   * lacks costs nothing. A rule without `on` is created on every run and read by its visitor's keys.
   */
  readonly on?: readonly K[];
  /** The rule only applies to checks for this purpose (the runner does not make it for the other). */
  readonly purpose?: "query" | "delete";
  /** Whether the rule can report anything for this target (the runner does not make it when not). */
  readonly appliesTo?: (target: ResolvedTarget) => boolean;
  /** See LiteralTextTest: one per literal kind in `on` (a kind without one makes a long list's nodes). */
  readonly literalText?: { readonly [L in LiteralKind & K]?: LiteralTextTest };
  create(ctx: RuleContext): Pick<Visitor, K>;
}

/**
 * A rule whose visitor keys are declared in `on`: `create` may return only those (a handler for a
 * kind not in `on` does not compile, as the runner would never call it).
 */
export function defineRule<C extends RuleCode, const K extends readonly VisitorKey[]>(rule: {
  readonly meta: RuleMeta<C>;
  readonly on: K;
  readonly purpose?: "query" | "delete";
  readonly appliesTo?: (target: ResolvedTarget) => boolean;
  readonly literalText?: { readonly [L in LiteralKind & K[number]]?: LiteralTextTest };
  create(ctx: RuleContext): OnlyKeys<K[number]>;
}): Rule<C, K[number]> {
  // OnlyKeys<K> has K's handlers and nothing else: a Pick of the visitor (TypeScript cannot see it through the conditional).
  return rule as Rule<C, K[number]>;
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
type AnyVisitor = Readonly<Record<string, Handler | undefined>>;

/** A rule to call at a node: its index in the pass, where its handler is among its keys, its literal test. */
interface Call {
  readonly rule: number;
  readonly slot: number;
  readonly literalText: LiteralTextTest | undefined;
}

/**
 * Which rule (by index in the pass) to call for what: worked out once per pass and purpose from
 * the rules' `on` and `purpose`, and per run for rules without `on`. A rule's handlers are read
 * once, when it is made, into an array in the order of its keys: at a node the runner indexes that
 * array (reading a handler by the node's kind from visitors of many shapes was slow, and slowed
 * every other lookup of a property by a name many object shapes share).
 */
interface Plan {
  readonly keys: readonly (readonly string[])[];
  readonly begin: readonly Call[];
  readonly end: readonly Call[];
  readonly star: readonly Call[];
  readonly byKind: ReadonlyMap<string, readonly Call[]>;
}

/** Plans by pass (or list of passes), purpose and (resolved, so shared) target. */
const PLANS = { query: new WeakMap<object, WeakMap<ResolvedTarget, unknown>>(), delete: new WeakMap<object, WeakMap<ResolvedTarget, unknown>>() };

/** The last answer of `cached`: most programs check with one purpose and target over and over. */
let last: { key: object; purpose: string; target: ResolvedTarget; value: unknown } | undefined;

function cached<T>(key: object, checker: Ctx, make: () => T): T {
  const { purpose, target } = checker;
  if (last !== undefined && last.key === key && last.purpose === purpose && last.target === target) return last.value as T;
  const value = cachedIn(key, purpose, target, make);
  last = { key, purpose, target, value };
  return value;
}

function cachedIn<T>(key: object, purpose: "query" | "delete", target: ResolvedTarget, make: () => T): T {
  let byTarget = PLANS[purpose].get(key);
  if (byTarget === undefined) PLANS[purpose].set(key, (byTarget = new WeakMap()));
  let value = byTarget.get(target) as T | undefined;
  if (value === undefined) byTarget.set(target, (value = make()));
  return value;
}

function makePlan(rules: readonly Rule[], purpose: "query" | "delete", target: ResolvedTarget, keysOf: (i: number) => readonly string[]): Plan {
  const keys: (readonly string[])[] = [];
  const begin: Call[] = [];
  const end: Call[] = [];
  const star: Call[] = [];
  const byKind = new Map<string, Call[]>();
  for (let i = 0; i < rules.length; i++) {
    const { purpose: only, appliesTo } = rules[i]!;
    const ruleKeys = (only !== undefined && only !== purpose) || (appliesTo !== undefined && !appliesTo(target)) ? [] : keysOf(i);
    keys.push(ruleKeys);
    const tests = rules[i]!.literalText as Readonly<Record<string, LiteralTextTest | undefined>> | undefined;
    ruleKeys.forEach((key, slot) => {
      const call: Call = { rule: i, slot, literalText: tests?.[key] };
      if (key === "begin") begin.push(call);
      else if (key === "end") end.push(call);
      else if (key === "*") star.push(call);
      else {
        const list = byKind.get(key);
        if (list) list.push(call);
        else byKind.set(key, [call]);
      }
    });
  }
  return { keys, begin, end, star, byKind };
}

/** Runs one pass of rules over a checked filter: every `begin`, one walk, every `end`. */
export function runRules(checker: Ctx, run: RuleRun, rules: readonly Rule[]): void {
  runPasses(checker, run, [rules]);
}

/**
 * Passes whose rules all declare `on`, planned together: each pass's plan, and for each node kind
 * the passes (a bit each) with a handler for it.
 */
interface PassesPlan {
  readonly plans: readonly Plan[];
  readonly interest: ReadonlyMap<string, number>;
}

function passesPlan(passes: readonly (readonly Rule[])[], purpose: "query" | "delete", target: ResolvedTarget): PassesPlan {
  const plans = passes.map((rules) => makePlan(rules, purpose, target, (i) => rules[i]!.on!));
  const interest = new Map<string, number>();
  plans.forEach((plan, p) => {
    // Lists too: a pass may read the elements of a compact one.
    const kinds = plan.star.length > 0 ? Object.keys(NODES) : [...plan.byKind.keys(), "Array"];
    for (const kind of kinds) interest.set(kind, (interest.get(kind) ?? 0) | (1 << p));
  });
  return { plans, interest };
}

/**
 * Runs passes of rules over a checked filter, one after the other: one walk of the tree gives each
 * pass the nodes it has handlers for, in pre-order (most filters give a pass few or none).
 */
export function runPasses(checker: Ctx, run: RuleRun, passes: readonly (readonly Rule[])[]): void {
  const root = run.root;
  if (root.kind === "Empty") return;
  const state = new RunState(checker, root, run);
  if (!DECLARED.has(passes) && !(passes.every((rules) => rules.every((r) => r.on !== undefined)) && DECLARED.add(passes))) {
    // Rules without `on` (tests): each pass planned for this run, over every node.
    const nodes: A.Root[] = [];
    preorder(root, (n) => void nodes.push(n), () => false, () => true);
    for (const rules of passes) new Pass(state, rules, undefined).run(nodes);
    return;
  }
  const { plans, interest } = cached(passes, checker, () => passesPlan(passes, checker.purpose, checker.target));
  const lists = plans.map((): A.Root[] => []);
  // The shared pre-order, written out here (this runs for every check).
  const stack: A.Root[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const mask = interest.get(n.kind);
    if (mask !== undefined) for (let p = 0; p < lists.length; p++) if ((mask & (1 << p)) !== 0) lists[p]!.push(n);
    pushChildren(n, stack);
  }
  for (let p = 0; p < passes.length; p++) {
    const plan = plans[p]!;
    if (lists[p]!.length > 0 || plan.begin.length > 0 || plan.end.length > 0) new Pass(state, passes[p]!, plan).run(lists[p]!);
  }
}

/** Lists of passes whose every rule declares `on`. */
const DECLARED = new WeakSet<readonly (readonly Rule[])[]>();

const NO_HANDLERS: readonly (Handler | undefined)[] = [];

/** One pass of rules over a check: the rules are made when first needed, as `create` only reads the check's facts. */
class Pass {
  /** Per rule, once made: its handlers in the order of its keys. (filled: a hole would read through to Array.prototype) */
  readonly #handlers: (readonly (Handler | undefined)[] | undefined)[];
  readonly #plan: Plan;

  /** `plan` undefined: some rule has no `on`, and is made now to read its visitor's keys. */
  constructor(
    private readonly state: RunState,
    private readonly rules: readonly Rule[],
    plan: Plan | undefined,
  ) {
    this.#handlers = new Array<readonly (Handler | undefined)[] | undefined>(rules.length).fill(undefined);
    if (plan === undefined) {
      const made = new Map<number, AnyVisitor>();
      plan = makePlan(rules, state.checker.purpose, state.checker.target, (i) => {
        if (rules[i]!.on !== undefined) return rules[i]!.on!;
        const v = this.#create(i);
        made.set(i, v);
        return Object.keys(v);
      });
      for (const [i, v] of made) this.#handlers[i] = plan.keys[i]!.map((k) => v[k]);
    }
    this.#plan = plan;
  }

  #create(i: number): AnyVisitor {
    return this.rules[i]!.create(new Context(this.state, this.rules[i]!.meta.code)) as AnyVisitor;
  }

  #handler(call: Call): Handler | undefined {
    let hs = this.#handlers[call.rule];
    if (hs === undefined) {
      const v = this.#create(call.rule);
      const keys = this.#plan.keys[call.rule]!;
      hs = keys.length === 0 ? NO_HANDLERS : keys.map((k) => v[k]);
      this.#handlers[call.rule] = hs;
    }
    return hs[call.slot];
  }

  /** Every `begin`, the handlers at each node (the kind's in rule order, then the "*" ones), every `end`. */
  run(nodes: readonly A.Root[]): void {
    const { begin, end, byKind, star } = this.#plan;
    for (const call of begin) (this.#handler(call) as (() => void) | undefined)?.();
    if (byKind.size > 0 || star.length > 0) {
      for (const n of nodes) {
        this.#at(n);
        if (n.kind === "Array") {
          const literals = literalListOf(n);
          // The elements of a compact list come right after it in pre-order (they have no children).
          if (literals !== undefined && (star.length > 0 || this.#runNeedsNodes(literals))) for (const e of n.elements) this.#at(e);
        }
      }
    }
    for (const call of end) (this.#handler(call) as (() => void) | undefined)?.();
  }

  #at(n: A.Root): void {
    const calls = this.#plan.byKind.get(n.kind);
    if (calls !== undefined) {
      for (const call of calls) {
        const test = call.literalText;
        if (test !== undefined) {
          // The literal as written (a Boolean has no `raw`: its handlers always run).
          const raw = (n as { raw?: unknown }).raw;
          if (typeof raw === "string" && !test(raw, 0, raw.length)) continue;
        }
        const h = this.#handler(call);
        if (h !== undefined) h(n);
      }
    }
    for (const call of this.#plan.star) this.#handler(call)?.(n);
  }

  /**
   * Whether some rule may report on an element of a compact literal list: one that handles the
   * element's kind, applies to this check, and whose literalText test does not rule the element out.
   */
  #runNeedsNodes(literals: LiteralRun): boolean {
    const byKind = this.#plan.byKind;
    // The tests for each kind code (filled: a hole would read through to Array.prototype).
    const tests = new Array<LiteralTextTest[] | undefined>(8).fill(undefined);
    for (let e = 0; e < literals.kinds.length; e++) {
      const code = literals.kinds[e]!;
      let kindTests = code < tests.length ? tests[code] : undefined;
      if (kindTests === undefined) {
        const kind = runElementKind(literals, e);
        if (kind === undefined) return true;
        kindTests = [];
        for (const call of byKind.get(kind) ?? []) {
          if (call.literalText !== undefined) kindTests.push(call.literalText);
          else if (this.#handler(call) !== undefined) return true;
          // else: the rule does not apply to this check
        }
        if (code < tests.length) tests[code] = kindTests;
      }
      for (const test of kindTests) if (test(literals.text, literals.starts[e]!, literals.ends[e]!)) return true;
    }
    return false;
  }
}

/** What every rule of a run shares. */
class RunState {
  #typeOfNode: ((n: A.Root) => ExprType | undefined) | undefined;
  #hasErrorOf: (() => boolean) | undefined;
  #deleteClassOnce: (() => DeleteClass | undefined) | undefined;

  constructor(
    readonly checker: Ctx,
    readonly root: A.Expr,
    readonly run: RuleRun,
  ) {}

  // Made on first use: most checks have no rule that asks. (Written as plain assignments: esbuild's
  // CommonJS output turned `this.#hasError ??= …` into an assignment to the exported hasError; hence, too, private names unlike any exported name.)
  get typeOf(): (n: A.Root) => ExprType | undefined {
    if (this.#typeOfNode === undefined) {
      const types = this.checker.types;
      this.#typeOfNode = (n) => types.get(n.id);
    }
    return this.#typeOfNode;
  }
  get hasError(): () => boolean {
    if (this.#hasErrorOf === undefined) {
      const checker = this.checker;
      this.#hasErrorOf = () => checker.reporter.hasError();
    }
    return this.#hasErrorOf;
  }
  get deleteClass(): () => DeleteClass | undefined {
    if (this.#deleteClassOnce === undefined) {
      const { checker, root } = this;
      let deleteClass: { value: DeleteClass | undefined } | undefined;
      this.#deleteClassOnce = () => (deleteClass ??= { value: deleteClassOf(checker, root) }).value;
    }
    return this.#deleteClassOnce;
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
