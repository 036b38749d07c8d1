/**
 * Pre-order traversal for the checker's passes that look at a few node kinds: without recursion
 * (trees nest deeply), without an array per node (the children are pushed straight onto the walk's
 * stack, by a pusher made once per kind from the slot table in nodes.ts), and without a step per
 * literal element of a list when the pass has nothing to say about literals (a 10^6-element `in`
 * list is then one pass over the elements, or none, not 10^6 walk steps).
 *
 * A long list of literals that the parser kept in its compact form (`literalListOf`) is passed over
 * without reading `elements` at all when `skipsRun` says every element would be skipped: reading
 * `elements` makes a node per element.
 */
import type * as A from "../syntax/ast.js";
import { literalListOf } from "../syntax/factory.js";
import type { LiteralRun } from "../syntax/lexer.js";
import { NODES, slotsOf } from "../syntax/nodes.js";
import { children } from "../syntax/walk.js";

type Stack = A.Root[];
type Pusher = (n: A.Root, stack: Stack) => void;
type Fields = Readonly<Record<string, unknown>>;

/** Pushes a node's children in reverse source order, so that they are popped in source order. */
function pusher(kind: string): Pusher {
  const slots = slotsOf(kind)!;
  if (slots.length === 0) return () => {};
  if (slots.every((s) => s.arity === "one")) {
    const names = slots.map((s) => s.name).reverse();
    if (names.length === 1) {
      const [a] = names as [string];
      return (n, stack) => void stack.push((n as unknown as Fields)[a] as A.Expr);
    }
    if (names.length === 2) {
      const [a, b] = names as [string, string];
      return (n, stack) => void stack.push((n as unknown as Fields)[a] as A.Expr, (n as unknown as Fields)[b] as A.Expr);
    }
  }
  const reversed = [...slots].reverse();
  return (n, stack) => {
    const o = n as unknown as Fields;
    for (const s of reversed) {
      const v = o[s.name];
      if (s.arity === "list") {
        const list = v as readonly A.Expr[];
        for (let i = list.length - 1; i >= 0; i--) stack.push(list[i]!);
      } else if (s.arity === "one" || v !== undefined) stack.push((s.via === undefined ? v : (v as Fields)[s.via]) as A.Expr);
    }
  };
}

const PUSHERS: ReadonlyMap<string, Pusher> = new Map(Object.keys(NODES).map((kind) => [kind, pusher(kind)]));

/** A node of no known kind: `children` throws the traversals' UsageError for it. */
const unknownKind: Pusher = (n, stack) => void stack.push(...children(n).reverse());

const never = (): boolean => false;

/**
 * Pushes the children of `n` onto `stack` in reverse source order (so that popping gives them in
 * source order); the elements of a compact literal list are not pushed. For a walk written out at
 * its call site.
 */
export function pushChildren(n: A.Root, stack: A.Root[]): void {
  if (n.kind === "Array") {
    if (literalListOf(n) !== undefined) return;
    const els = n.elements;
    for (let i = els.length - 1; i >= 0; i--) stack.push(els[i]!);
    return;
  }
  (PUSHERS.get(n.kind) ?? unknownKind)(n, stack);
}

/**
 * Call `fn` on every node of `root` in pre-order, except the list elements `skip` says to pass over;
 * `skipsRun(run)` true means `skip` is true for every element of a compact literal list.
 */
export function preorder(root: A.Root, fn: (n: A.Root) => void, skip: (element: A.Expr) => boolean, skipsRun: (run: LiteralRun) => boolean = never): void {
  const stack: Stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    fn(n);
    if (n.kind === "Array") {
      const run = literalListOf(n);
      if (run !== undefined && skipsRun(run)) continue;
      const els = n.elements;
      for (let i = els.length - 1; i >= 0; i--) if (!skip(els[i]!)) stack.push(els[i]!);
      continue;
    }
    (PUSHERS.get(n.kind) ?? unknownKind)(n, stack);
  }
}
