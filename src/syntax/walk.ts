/**
 * Generic traversal, read from the slot table in nodes.ts: the direct children of a node, a
 * pre-order walk, a copy with other children, and a bottom-up map. None recurses, so deep trees
 * cannot overflow the stack.
 */
import type * as A from "./ast.js";
import { NODES, slotsOf, type Slot } from "./nodes.js";
import { requireCall, UsageError } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";

type Fields = Readonly<Record<string, unknown>>;
type Reader = (n: Fields) => A.Expr[];

/**
 * A children reader per kind, made once from its slots: the common layouts (no child, one to
 * three required children, one list) read their properties directly, as a hand-written switch would.
 */
function reader(slots: readonly Slot[]): Reader {
  const names = slots.map((s) => s.name);
  if (slots.every((s) => s.arity === "one")) {
    const [a, b, c] = names as [string, string, string];
    switch (slots.length) {
      case 0:
        return () => [];
      case 1:
        return (n) => [n[a] as A.Expr];
      case 2:
        return (n) => [n[a] as A.Expr, n[b] as A.Expr];
      case 3:
        return (n) => [n[a] as A.Expr, n[b] as A.Expr, n[c] as A.Expr];
    }
  }
  if (slots.length === 1 && slots[0]!.arity === "list") {
    const list = names[0]!;
    return (n) => (n[list] as A.Expr[]).slice();
  }
  return (n) => {
    const out: A.Expr[] = [];
    for (const s of slots) {
      const v = n[s.name];
      if (s.arity === "list") out.push(...(v as A.Expr[]));
      else if (s.arity === "one" || v !== undefined) out.push((s.via === undefined ? v : (v as Fields)[s.via]) as A.Expr);
    }
    return out;
  };
}

interface KindInfo {
  readonly slots: readonly Slot[];
  readonly read: Reader;
  readonly list: Slot | undefined;
}

const INFO = new Map<string, KindInfo>(
  Object.keys(NODES).map((kind) => {
    const slots = slotsOf(kind)!;
    return [kind, { slots, read: reader(slots), list: slots.find((s) => s.arity === "list") }];
  }),
);

/** What the traversals need about `n`'s kind; a UsageError for anything that is not a node of a known kind. */
function infoOf(n: A.Root, fn: string): KindInfo {
  const kind = kindOf(n);
  if (typeof kind !== "string") requireCall(fn, SPECS.children, [n]);
  const info = INFO.get(kind as string);
  if (info === undefined) throw new UsageError({ code: "usage/bad-argument", message: `${fn}: node has the unknown kind ${JSON.stringify(kind)}`, argument: "node" });
  return info;
}

/** `n.kind`, or undefined when `n` is not an object or reading it throws (a Proxy). */
function kindOf(n: unknown): unknown {
  try {
    return typeof n === "object" && n !== null ? (n as { kind?: unknown }).kind : undefined;
  } catch {
    return undefined;
  }
}

/** The direct children of a node, in source order. */
export function children(n: A.Root): A.Expr[] {
  return infoOf(n, "children").read(n as unknown as Fields);
}

/** The slot holding child number `i` (in `children` order) of `n`. */
function slotAt(n: Fields, slots: readonly Slot[], i: number): Slot {
  for (const s of slots) {
    if (s.arity === "list") {
      const length = (n[s.name] as readonly unknown[]).length;
      if (i < length) return s;
      i -= length;
    } else if (s.arity === "one" || n[s.name] !== undefined) {
      if (i === 0) return s;
      i--;
    }
  }
  throw new RangeError("slotAt: no such child");
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
  const info = infoOf(n, "withChildren");
  return rebuild(n, info, info.read(n as unknown as Fields), kids);
}

function rebuild(n: A.Root, info: KindInfo, old: readonly A.Expr[], kids: readonly A.Expr[]): A.Root {
  if (old.length === kids.length) {
    let same = true;
    for (let i = 0; i < kids.length && same; i++) same = old[i] === kids[i];
    if (same) return n;
  }
  const o = n as unknown as Fields;
  const list = info.list;
  const listLength = list === undefined ? 0 : kids.length - (old.length - (o[list.name] as readonly A.Expr[]).length);
  if (list === undefined ? kids.length !== old.length : listLength < 0) {
    throw new RangeError(`withChildren: ${n.kind} has ${old.length} children, got ${kids.length}`);
  }
  const copy: Record<string, unknown> = { ...o };
  let i = 0;
  for (const s of info.slots) {
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
    readonly info: KindInfo;
    readonly parent: A.Root | undefined;
    readonly slot: Slot | undefined;
    readonly kids: readonly A.Expr[];
    readonly done: A.Expr[];
  }
  const frame = (node: A.Root, parent: A.Root | undefined, slot: Slot | undefined): Frame => {
    const info = infoOf(node, "mapTree");
    return { node, info, parent, slot, kids: info.read(node as unknown as Fields), done: [] };
  };
  const frames: Frame[] = [frame(root, undefined, undefined)];
  let result: A.Root = root;
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    const next = top.done.length;
    if (next < top.kids.length) {
      frames.push(frame(top.kids[next]!, top.node, slotAt(top.node as unknown as Fields, top.info.slots, next)));
      continue;
    }
    frames.pop();
    const mapped = f(rebuild(top.node, top.info, top.kids, top.done), top.parent, top.slot);
    if (frames.length === 0) result = mapped;
    else frames[frames.length - 1]!.done.push(mapped as A.Expr);
  }
  return result;
}
