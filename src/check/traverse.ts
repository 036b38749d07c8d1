/**
 * Pre-order traversal for the checker's passes that look at a few node kinds: without recursion
 * (trees nest deeply), and without a step per literal element of a list when the pass has nothing
 * to say about literals (a 10^6-element `in` list is then one pass over the elements, not 10^6
 * walk steps).
 */
import type * as A from "../syntax/ast.js";
import { children } from "../syntax/walk.js";

/** Call `fn` on every node of `root` in pre-order, except the list elements `skip` says to pass over. */
export function preorder(root: A.Root, fn: (n: A.Root) => void, skip: (element: A.Expr) => boolean): void {
  const stack: A.Root[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    fn(n);
    if (n.kind === "Array") {
      const els = n.elements;
      for (let i = els.length - 1; i >= 0; i--) if (!skip(els[i]!)) stack.push(els[i]!);
      continue;
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}
