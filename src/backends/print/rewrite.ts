/**
 * Optional rewrites applied before printing. All are off by default and each keeps the filter's
 * meaning under Milvus's three-valued logic (NULL = unknown; Kleene `and`/`or`/`not`):
 *
 * - `flatten`: `(a and b) and c` → `a and b and c`, same for `or`. Kleene `and`/`or` are
 *   associative, and Milvus's own parse tree for `a and b and c` is `(a and b) and c` anyway. The
 *   order of operands is kept, so "random_sample / element_filter must be the last operand of the
 *   top-level `and`" holds after flattening exactly when it held before.
 * - `sortLists`: the constant list of `in` / `not in` and of `json_contains_all|any` /
 *   `array_contains_all|any` is deduplicated and sorted. Membership in a set does not depend on
 *   order or repetition, and a NULL left side gives NULL either way. Only elements whose canonical
 *   text is identical are merged, so `1` and `1.0` (which Milvus treats differently on JSON keys)
 *   both stay; lists holding anything but constants are left alone. Not applied to `==`
 *   (`ArrayField == [1, 2]` is an ordered value) nor to `json_contains(x, [1, 2])`.
 * - `orToIn`: `c == v1 or c == v2 or …` → `c in [v1, v2]`, and dually
 *   `c != v1 and c != v2` → `c not in [v1, v2]`, also absorbing `c in [...]` / `c not in [...]`
 *   operands of the same chain. Only for bare field names the caller declares to be scalar
 *   columns (a set or predicate of names), and only when every value is a literal of one kind
 *   (integers, strings, or booleans). Why: for a scalar column the literal is cast the same way in
 *   `==` and in `in`; a NULL cell makes every `c == v` unknown, so their `or` is unknown, as is
 *   `c in [...]` (and `not` of unknown is unknown for the dual). The printer cannot tell a scalar
 *   column from a dynamic-field key (an unknown name on a schema with `$meta` is a JSON key), and on
 *   JSON Milvus evaluates `==` and `in` by different code (int/float normalisation in lists,
 *   per-type splitting, missing keys, JSON null), so it refuses to guess. Floats are excluded
 *   (a hash set and `==` can disagree on -0 and NaN). Caveat: Milvus 2.5/2.6 had open NULL bugs;
 *   on those releases any two spellings may differ on NULL rows.
 *
 * Nodes created by a rewrite get negative ids: they are in no checker type map.
 */
import type * as A from "../../syntax/ast.js";
import { printTree } from "./emit.js";
import { nameFits } from "./names.js";
import { mapTree } from "../../syntax/walk.js";
import { isLiteral } from "../../syntax/nodes.js";
import { PrintError, printUsageError } from "./literals.js";
import type { CollectionSchema } from "../../schema/index.js";
import { requireCall } from "../../diag/usage.js";
import { SPECS } from "../../diag/api-specs.js";

export interface RewriteOptions {
  /** Sort and deduplicate constant `in` lists and json/array_contains_all|any lists. */
  readonly sortLists?: boolean;
  /** Merge nested `and` into `and`, and `or` into `or`. */
  readonly flatten?: boolean;
  /**
   * Merge equality chains on scalar columns into `in` / `not in`. `true` takes the scalar fields
   * of `schema` (Bool, integers, Float, Double, VarChar); or name them: a set or array of field
   * names, or a predicate. Names not known to be scalar are never rewritten (a dynamic key or JSON
   * value may hold a list, where `==` and `in` differ).
   */
  readonly orToIn?: boolean | ReadonlySet<string> | readonly string[] | ((name: string) => boolean);
  /** The collection schema, for `orToIn: true`. */
  readonly schema?: CollectionSchema;
}

const SCALAR_TYPES: ReadonlySet<string> = new Set(["Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "VarChar", "String"]);

/** The orToIn option as a predicate on field names, or undefined when the rewrite is off. */
function scalarPredicate(options: RewriteOptions): ((name: string) => boolean) | undefined {
  const o = options.orToIn;
  if (o === undefined || o === false) return undefined;
  if (typeof o === "function") return o;
  if (o === true) {
    const schema = options.schema;
    if (!schema) throw new PrintError("orToIn: true needs the schema (print(ast, { orToIn: true, schema })) to know which names are scalar fields");
    return (name) => {
      const f = schema.fields.find((x) => x.name === name);
      return f !== undefined && SCALAR_TYPES.has(f.dataType);
    };
  }
  const names = new Set<string>(o as Iterable<string>);
  return (name) => names.has(name);
}

/** The rewritten tree (the input is not modified; unchanged subtrees are shared). */
export function normalize(ast: A.Root, options: RewriteOptions = {}): A.Root {
  [ast, options = {}] = requireCall("normalize", SPECS.normalize, [ast, options], printUsageError) as [A.Root, RewriteOptions | undefined];
  let nextId = -1;
  const id = (): number => nextId--;
  const scalar = scalarPredicate(options);
  return mapTree(ast, (n) => {
    let out = n;
    if (options.flatten && (out.kind === "And" || out.kind === "Or")) out = flatten(out);
    if (scalar && (out.kind === "And" || out.kind === "Or")) out = mergeEqualities(out, scalar, id, options.sortLists === true);
    if (options.sortLists) out = sortNodeList(out);
    return out;
  });
}

function flatten(n: A.And | A.Or): A.And | A.Or {
  if (!n.operands.some((o) => o.kind === n.kind)) return n;
  const operands: A.Expr[] = [];
  for (const o of n.operands) {
    if (o.kind === n.kind) operands.push(...(o as A.And | A.Or).operands);
    else operands.push(o);
  }
  return { ...n, operands };
}

// ------------------------------------------------------------------ constants and ordering

function isNumberLit(e: A.Expr): e is A.Integer | A.Float {
  return e.kind === "Integer" || e.kind === "Float";
}

/** A constant list element: literal, signed number, or list of constants. */
function isConstant(e: A.Expr): boolean {
  if (isLiteral(e)) return true;
  switch (e.kind) {
    case "EmptyArray":
      return true;
    case "Unary":
      return (e.op === "-" || e.op === "+") && isNumberLit(e.operand);
    case "Array":
      return e.elements.every(isConstant);
    default:
      return false;
  }
}

interface SortKey {
  readonly group: number;
  readonly num?: number;
  readonly big?: bigint;
  readonly float?: boolean;
  readonly str?: string;
  readonly text: string;
}

function sortKey(e: A.Expr, text: string): SortKey {
  let sign = 1;
  let x = e;
  if (x.kind === "Unary" && isNumberLit(x.operand)) {
    sign = x.op === "-" ? -1 : 1;
    x = x.operand;
  }
  switch (x.kind) {
    case "Boolean":
      return { group: 0, num: x.value ? 1 : 0, text };
    case "Integer": {
      const big = sign < 0 ? -x.value : x.value;
      return { group: 1, num: Number(big), big, text };
    }
    case "Float":
      return { group: 1, num: Number.isNaN(x.value) ? Infinity : sign * x.value, float: true, text };
    case "String":
      return { group: 2, str: x.value ?? x.raw, text };
    case "RawString":
      return { group: 2, str: x.value, text };
    default:
      return { group: 3, text };
  }
}

/** Code-point order, which is also the UTF-8 byte order Milvus compares strings in. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.group === 1) {
    if (a.big !== undefined && b.big !== undefined && a.big !== b.big) return a.big < b.big ? -1 : 1;
    if (a.num! !== b.num!) return a.num! < b.num! ? -1 : 1;
    if (a.float !== b.float) return a.float ? 1 : -1;
  } else if (a.group === 0) {
    if (a.num !== b.num) return a.num! - b.num!;
  } else if (a.group === 2) {
    const c = compareCodePoints(a.str!, b.str!);
    if (c !== 0) return c;
  }
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/** Deduplicated and sorted constant elements, or undefined when the list holds a non-constant. */
function sortElements(elements: readonly A.Expr[]): A.Expr[] | undefined {
  if (!elements.every(isConstant)) return undefined;
  const seen = new Set<string>();
  const keyed: { e: A.Expr; k: SortKey }[] = [];
  for (const e of elements) {
    const text = printTree(e);
    if (seen.has(text)) continue;
    seen.add(text);
    keyed.push({ e, k: sortKey(e, text) });
  }
  keyed.sort((a, b) => compareKeys(a.k, b.k));
  return keyed.map((x) => x.e);
}

function sortedArray(v: A.Expr): A.Expr {
  if (v.kind !== "Array") return v;
  const sorted = sortElements(v.elements);
  if (sorted === undefined || (sorted.length === v.elements.length && sorted.every((e, i) => e === v.elements[i]))) return v;
  return { ...v, elements: sorted };
}

function sortNodeList(n: A.Root): A.Root {
  if (n.kind === "Term") {
    const right = sortedArray(n.right);
    return right === n.right ? n : { ...n, right };
  }
  if (n.kind === "JSONContainsAll" || n.kind === "JSONContainsAny") {
    const value = sortedArray(n.value);
    return value === n.value ? n : { ...n, value };
  }
  return n;
}

// ------------------------------------------------------------------ or → in

type ValueClass = "int" | "string" | "bool";

function valueClass(e: A.Expr): ValueClass | undefined {
  switch (e.kind) {
    case "Integer":
      return "int";
    case "Unary":
      return e.op === "-" && e.operand.kind === "Integer" ? "int" : undefined;
    case "String":
      return e.error === undefined && e.value !== null ? "string" : undefined;
    case "RawString":
      return "string";
    case "Boolean":
      return "bool";
    default:
      return undefined;
  }
}

interface Member {
  readonly column: A.Identifier;
  readonly cls: ValueClass;
  readonly values: readonly A.Expr[];
}

/** `c == v` / `v == c` (or `!=` for the dual), or `c in [v…]` / `c not in [v…]` with values of one class. */
function member(o: A.Expr, negated: boolean, scalar: (name: string) => boolean): Member | undefined {
  const col = (e: A.Expr): e is A.Identifier => e.kind === "Identifier" && e.name !== "$meta" && nameFits(e.name, "expr") && scalar(e.name);
  if (o.kind === "Equality" && o.op === (negated ? "!=" : "==")) {
    const [c, v] = col(o.left) ? [o.left, o.right] : col(o.right) ? [o.right, o.left] : [undefined, undefined];
    const cls = v && valueClass(v);
    return c && cls ? { column: c as A.Identifier, cls, values: [v] } : undefined;
  }
  if (o.kind === "Term" && o.negated === negated && col(o.left) && o.right.kind === "Array" && o.right.elements.length > 0) {
    const classes = new Set(o.right.elements.map(valueClass));
    const cls = classes.size === 1 ? [...classes][0] : undefined;
    return cls ? { column: o.left, cls, values: o.right.elements } : undefined;
  }
  return undefined;
}

function mergeEqualities(n: A.And | A.Or, scalar: (name: string) => boolean, id: () => number, sort: boolean): A.Expr {
  const negated = n.kind === "And";
  const groups = new Map<string, number[]>();
  const members = n.operands.map((o, i) => {
    const m = member(o, negated, scalar);
    if (m) {
      const key = `${m.column.name}\u0000${m.cls}`;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
    return m;
  });
  const replaced = new Map<number, A.Expr | null>();
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    const first = n.operands[idx[0]!]!;
    const last = n.operands[idx[idx.length - 1]!]!;
    const values = idx.flatMap((i) => members[i]!.values);
    const span = { start: first.span.start, end: last.span.end };
    const list: A.Array = { id: id(), span, kind: "Array", elements: sort ? (sortElements(values) ?? values) : values };
    const term: A.Term = { id: id(), span, kind: "Term", negated, left: members[idx[0]!]!.column, right: list };
    replaced.set(idx[0]!, term);
    for (const i of idx.slice(1)) replaced.set(i, null);
  }
  if (replaced.size === 0) return n;
  const operands: A.Expr[] = [];
  n.operands.forEach((o, i) => {
    const r = replaced.get(i);
    if (r === undefined) operands.push(o);
    else if (r !== null) operands.push(r);
  });
  return operands.length === 1 ? operands[0]! : { ...n, operands };
}
