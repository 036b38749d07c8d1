/**
 * Bottom-up tree rebuilding without recursion: `mapTree(root, f)` calls `f` on every node after
 * its children were mapped, handing it a copy of the node that holds the mapped children.
 * Nodes whose children did not change are passed through as the same object.
 *
 * (Generic; a candidate for src/syntax/ once a second stage needs it.)
 */
import type * as A from "../../syntax/ast.js";
import { children } from "../../syntax/walk.js";

/** A copy of `n` with its direct children (in `children(n)` order) replaced by `kids`. */
export function withChildren(n: A.Root, kids: readonly A.Expr[]): A.Root {
  const old = children(n);
  if (old.length === kids.length && old.every((c, i) => c === kids[i])) return n;
  const k = kids as A.Expr[];
  switch (n.kind) {
    case "Array":
      return { ...n, elements: k };
    case "Unary":
    case "Exists":
      return { ...n, operand: k[0]! } as A.Root;
    case "IsNull":
    case "IsNotNull":
      return { ...n, operand: k[0] as A.Identifier | A.JSONIdentifier };
    case "Like":
    case "RegexMatch":
      return { ...n, left: k[0]!, pattern: k[1]! };
    case "Power":
    case "MulDivMod":
    case "AddSub":
    case "Shift":
    case "BitAnd":
    case "BitXor":
    case "BitOr":
    case "Relational":
    case "Equality":
    case "Term":
      return { ...n, left: k[0]!, right: k[1]! } as A.Root;
    case "Range":
      return { ...n, lower: k[0]!, field: k[1] as A.RangeField, upper: k[2]! };
    case "ReverseRange":
      return { ...n, upper: k[0]!, field: k[1] as A.RangeField, lower: k[2]! };
    case "And":
    case "Or":
      return { ...n, operands: k };
    case "Call":
      return { ...n, args: k };
    case "TextMatch":
    case "TextMatchFuzzy":
      return { ...n, field: k[0] as A.Identifier, query: k[1]! } as A.Root;
    case "PhraseMatch":
      return k.length > 2 ? { ...n, field: k[0] as A.Identifier, query: k[1]!, slop: k[2]! } : { ...n, field: k[0] as A.Identifier, query: k[1]! };
    case "RandomSample":
      return { ...n, factor: k[0]! };
    case "ElementFilter":
      return { ...n, field: k[0] as A.Identifier, predicate: k[1]! };
    case "MatchSimple":
    case "MatchThreshold":
      return { ...n, field: k[0] as A.Identifier | A.JSONIdentifier, predicate: k[1]! } as A.Root;
    case "JSONContains":
    case "JSONContainsAll":
    case "JSONContainsAny":
      return { ...n, target: k[0]!, value: k[1]! } as A.Root;
    case "SpatialBinary":
      return { ...n, field: k[0] as A.Identifier, wkt: k[1]! };
    case "STDWithin":
      return { ...n, field: k[0] as A.Identifier, wkt: k[1]!, distance: k[2]! };
    case "STIsValid":
      return { ...n, field: k[0] as A.Identifier };
    case "ArrayLength":
      return { ...n, target: k[0] as A.ArrayLength["target"] };
    case "TimestamptzCompareForward":
      return n.interval
        ? { ...n, field: k[0] as A.Identifier, interval: { op: n.interval.op, value: k[1] as A.String }, iso: k[2] as A.String }
        : { ...n, field: k[0] as A.Identifier, iso: k[1] as A.String };
    case "TimestamptzCompareReverse":
      return n.interval
        ? { ...n, iso: k[0] as A.String, field: k[1] as A.Identifier, interval: { op: n.interval.op, value: k[2] as A.String } }
        : { ...n, iso: k[0] as A.String, field: k[1] as A.Identifier };
    default:
      return n;
  }
}

/**
 * Post-order map. `f(node, parent)` receives the node with mapped children and returns its
 * replacement (the same object to keep it). `parent` is the original parent, undefined at the root.
 */
export function mapTree(root: A.Root, f: (n: A.Root, parent: A.Root | undefined, index: number) => A.Root): A.Root {
  interface Frame {
    readonly node: A.Root;
    readonly parent: A.Root | undefined;
    readonly index: number;
    readonly kids: readonly A.Expr[];
    readonly done: A.Expr[];
  }
  const frames: Frame[] = [{ node: root, parent: undefined, index: 0, kids: children(root), done: [] }];
  let result: A.Root = root;
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    if (top.done.length < top.kids.length) {
      const child = top.kids[top.done.length]!;
      frames.push({ node: child, parent: top.node, index: top.done.length, kids: children(child), done: [] });
      continue;
    }
    frames.pop();
    const mapped = f(withChildren(top.node, top.done), top.parent, top.index);
    if (frames.length === 0) result = mapped;
    else frames[frames.length - 1]!.done.push(mapped as A.Expr);
  }
  return result;
}
