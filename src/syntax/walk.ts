/** Generic traversal: the direct children of a node, in source order. */
import type * as A from "./ast.js";
import { requireCall, UsageError } from "../diag/usage.js";
import { SPECS } from "../diag/api-specs.js";

export function children(n: A.Root): A.Expr[] {
  if (typeof kindOf(n) !== "string") requireCall("children", SPECS.children, [n]);
  switch (n.kind) {
    case "Integer":
    case "Float":
    case "Boolean":
    case "String":
    case "RawString":
    case "Identifier":
    case "JSONIdentifier":
    case "StructField":
    case "StructIndexField":
    case "StructSubField":
    case "ElementSelf":
    case "TemplateVariable":
    case "EmptyArray":
    case "Empty":
      return [];
    case "Array":
      return [...n.elements];
    case "Unary":
    case "Exists":
      return [n.operand];
    case "IsNull":
    case "IsNotNull":
      return [n.operand];
    case "Like":
    case "RegexMatch":
      return [n.left, n.pattern];
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
      return [n.left, n.right];
    case "Range":
      return [n.lower, n.field, n.upper];
    case "ReverseRange":
      return [n.upper, n.field, n.lower];
    case "And":
    case "Or":
      return [...n.operands];
    case "Call":
      return [...n.args];
    case "TextMatch":
    case "TextMatchFuzzy":
      return [n.field, n.query];
    case "PhraseMatch":
      return n.slop ? [n.field, n.query, n.slop] : [n.field, n.query];
    case "RandomSample":
      return [n.factor];
    case "ElementFilter":
    case "MatchSimple":
    case "MatchThreshold":
      return [n.field, n.predicate];
    case "JSONContains":
    case "JSONContainsAll":
    case "JSONContainsAny":
      return [n.target, n.value];
    case "SpatialBinary":
      return [n.field, n.wkt];
    case "STDWithin":
      return [n.field, n.wkt, n.distance];
    case "STIsValid":
      return [n.field];
    case "ArrayLength":
      return [n.target];
    case "TimestamptzCompareForward":
      return n.interval ? [n.field, n.interval.value, n.iso] : [n.field, n.iso];
    case "TimestamptzCompareReverse":
      return n.interval ? [n.iso, n.field, n.interval.value] : [n.iso, n.field];
    default:
      throw new UsageError({ code: "usage/bad-argument", message: `children: node has the unknown kind ${JSON.stringify(kindOf(n))}`, argument: "node" });
  }
}

/** `n.kind`, or undefined when `n` is not an object or reading it throws (a Proxy). */
function kindOf(n: unknown): unknown {
  try {
    return typeof n === "object" && n !== null ? (n as { kind?: unknown }).kind : undefined;
  } catch {
    return undefined;
  }
}

/** Pre-order walk without recursion, so deep trees cannot overflow the stack. */
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
