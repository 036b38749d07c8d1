/**
 * Generic traversal, read from the slot table in nodes.ts: the direct children of a node, a
 * pre-order walk, a copy with other children, and a bottom-up map. None recurses, so deep trees
 * cannot overflow the stack.
 */
import type * as A from "./ast.js";
import { slotsOf, type Slot } from "./nodes.js";
import { requireCall, UsageError } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";

/** The slots of `n`'s kind; a UsageError for anything that is not a node of a known kind. */
function slotsFor(n: A.Root, fn: string): readonly Slot[] {
  const kind = kindOf(n);
  if (typeof kind !== "string") requireCall(fn, SPECS.children, [n]);
  const slots = slotsOf(kind as string);
  if (slots === undefined) throw new UsageError({ code: "usage/bad-argument", message: `${fn}: node has the unknown kind ${JSON.stringify(kind)}`, argument: "node" });
  return slots;
}

/** `n.kind`, or undefined when `n` is not an object or reading it throws (a Proxy). */
function kindOf(n: unknown): unknown {
  try {
    return typeof n === "object" && n !== null ? (n as { kind?: unknown }).kind : undefined;
  } catch {
    return undefined;
  }
}

/** Appends the children of `n` to `out`, and with `at`, the slot each one sits in. */
function collect(n: A.Root, slots: readonly Slot[], out: A.Expr[], at?: Slot[]): void {
  const o = n as unknown as Record<string, unknown>;
  for (const s of slots) {
    const v = o[s.name];
    if (s.arity === "list") {
      for (const c of v as readonly A.Expr[]) {
        out.push(c);
        at?.push(s);
      }
      continue;
    }
    if (s.arity === "optional" && v === undefined) continue;
    out.push((s.via === undefined ? v : (v as Record<string, unknown>)[s.via]) as A.Expr);
    at?.push(s);
  }
}

/** The direct children of a node, in source order. */
export function children(n: A.Root): A.Expr[] {
  const slots = slotsFor(n, "children");
  const out: A.Expr[] = [];
  collect(n, slots, out);
  return out;
}

/** Pre-order walk without recursion. */
export function* walk(root: A.Root): Generator<A.Root> {
  requireCall("walk", SPECS.walk, [root]);
  const stack: A.Root[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    yield n;
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/**
 * A copy of `n` with its direct children (in `children(n)` order) replaced by `kids`, or `n`
 * itself when they are the same. `kids` has as many entries as `children(n)`, except that a list
 * slot takes any number.
 */
export function withChildren(n: A.Root, kids: readonly A.Expr[]): A.Root {
  const slots = slotsFor(n, "withChildren");
  const old: A.Expr[] = [];
  collect(n, slots, old);
  if (old.length === kids.length && old.every((c, i) => c === kids[i])) return n;
  const o = n as unknown as Record<string, unknown>;
  const list = slots.find((s) => s.arity === "list");
  const listLength = list === undefined ? 0 : kids.length - (old.length - (o[list.name] as readonly A.Expr[]).length);
  if (list === undefined ? kids.length !== old.length : listLength < 0) {
    throw new RangeError(`withChildren: ${n.kind} has ${old.length} children, got ${kids.length}`);
  }
  const copy: Record<string, unknown> = { ...o };
  let i = 0;
  for (const s of slots) {
    if (s.arity === "list") {
      copy[s.name] = kids.slice(i, i + listLength);
      i += listLength;
    } else if (s.arity === "one" || o[s.name] !== undefined) {
      copy[s.name] = s.via === undefined ? kids[i] : { ...(o[s.name] as object), [s.via]: kids[i] };
      i++;
    }
  }
  return copy as unknown as A.Root;
}

/**
 * Post-order map without recursion. `f(node, parent, slot)` receives the node with its children
 * already mapped and returns its replacement (the same object to keep it); `parent` is the
 * original parent and `slot` the parent's slot holding the node, both undefined at the root.
 * Nodes whose children did not change are passed through as the same object.
 */
export function mapTree(root: A.Root, f: (n: A.Root, parent: A.Root | undefined, slot: Slot | undefined) => A.Root): A.Root {
  interface Frame {
    readonly node: A.Root;
    readonly parent: A.Root | undefined;
    readonly slot: Slot | undefined;
    readonly kids: A.Expr[];
    readonly slots: Slot[];
    readonly done: A.Expr[];
  }
  const frame = (node: A.Root, parent: A.Root | undefined, slot: Slot | undefined): Frame => {
    const kids: A.Expr[] = [];
    const slots: Slot[] = [];
    collect(node, slotsFor(node, "mapTree"), kids, slots);
    return { node, parent, slot, kids, slots, done: [] };
  };
  const frames: Frame[] = [frame(root, undefined, undefined)];
  let result: A.Root = root;
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    const next = top.done.length;
    if (next < top.kids.length) {
      frames.push(frame(top.kids[next]!, top.node, top.slots[next]));
      continue;
    }
    frames.pop();
    const mapped = f(withChildren(top.node, top.done), top.parent, top.slot);
    if (frames.length === 0) result = mapped;
    else frames[frames.length - 1]!.done.push(mapped as A.Expr);
  }
  return result;
}
