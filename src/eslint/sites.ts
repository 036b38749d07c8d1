/**
 * Where filter strings are written: the places in JavaScript/TypeScript code whose value is sent
 * to Milvus as a boolean filter. Recognition is syntactic (callee and property names); when the
 * file was parsed with type information (`parserOptions.project`), the receiver of a method call
 * must also have a Milvus type (MilvusClient, LangChain's Milvus, LlamaIndex's MilvusVectorStore…).
 */
import type { Rule, SourceCode } from "eslint";
import type * as ES from "estree";
import type { Purpose } from "../cli/targets.js";

/**
 * A call whose argument (or a property of an object argument) holds a filter.
 * `callee` is a function or method name (`safeDelete`, `removeWhere`), or a dotted path matched
 * against the end of the callee (`repo.removeWhere`). `property` is a property name or a path
 * through an array property (`data[].expr`); without it the argument itself is the filter.
 */
export interface CallPattern {
  readonly callee: string;
  readonly argument?: number;
  readonly property?: string | readonly string[];
  readonly purpose?: Purpose;
}

interface BuiltinPattern extends CallPattern {
  /** A method of a Milvus client or store: the receiver is checked when type information exists. */
  readonly milvusReceiver: boolean;
}

const FILTER_PROPS = ["filter", "expr"] as const;

/**
 * Built-in patterns.
 * - `@zilliz/milvus2-sdk-node` MilvusClient: `delete` / `deleteEntities` / `query` / `search` /
 *   `hybridSearch` (also each `data[]` sub-request) / `count` / `queryIterator` / `searchIterator`,
 *   `{ filter }` or `{ expr }`. LlamaIndex.TS `MilvusVectorStore.delete(refDocId, { filter })`
 *   passes its second argument to the SDK's delete (packages/providers/storage/milvus/src/MilvusVectorStore.ts).
 * - LangChain.js `Milvus` (libs/langchain-community/src/vectorstores/milvus.ts, `FilterType: string`):
 *   `similaritySearch*` / `similaritySearchVectorWithScore(query, k, filter)`, `delete({ filter })`,
 *   `asRetriever(k, filter)` / `asRetriever({ filter })`, `maxMarginalRelevanceSearch(q, { filter })`.
 * - This package: `safeDelete(client, { filter })`, `checkedDelete(client, { filter | expr })`.
 */
export const BUILTIN_PATTERNS: readonly BuiltinPattern[] = [
  ...["delete", "deleteEntities"].map((callee) => ({ callee, argument: 0, property: FILTER_PROPS, purpose: "delete" as const, milvusReceiver: true })),
  ...["query", "search", "count", "queryIterator", "searchIterator", "hybridSearch"].map((callee) => ({
    callee,
    argument: 0,
    property: FILTER_PROPS,
    purpose: "query" as const,
    milvusReceiver: true,
  })),
  { callee: "hybridSearch", argument: 0, property: ["data[].filter", "data[].expr"], purpose: "query", milvusReceiver: true },
  { callee: "delete", argument: 1, property: FILTER_PROPS, purpose: "delete", milvusReceiver: true },
  ...["similaritySearch", "similaritySearchWithScore", "similaritySearchVectorWithScore"].map((callee) => ({
    callee,
    argument: 2,
    purpose: "query" as const,
    milvusReceiver: true,
  })),
  { callee: "asRetriever", argument: 1, purpose: "query", milvusReceiver: true },
  { callee: "asRetriever", argument: 0, property: ["filter"], purpose: "query", milvusReceiver: true },
  { callee: "maxMarginalRelevanceSearch", argument: 1, property: ["filter"], purpose: "query", milvusReceiver: true },
  { callee: "safeDelete", argument: 1, property: ["filter"], purpose: "delete", milvusReceiver: false },
  { callee: "checkedDelete", argument: 1, property: FILTER_PROPS, purpose: "delete", milvusReceiver: false },
];

/** Type names accepted as Milvus receivers when type information is available. */
export const DEFAULT_RECEIVER_TYPES = ["MilvusClient", "Milvus", "MilvusVectorStore"] as const;

/** The comment that marks any string as a filter: `/* milvus-filter *\/ "a > 1"`. */
const MARKER = /^\s*milvus-filter\s*$/;

export interface FilterSite {
  /** The expression whose value is the filter (after following a `const` to its initializer). */
  readonly node: ES.Expression;
  /** Purpose implied by the call (delete calls are checked as `delete`); undefined: the configured one. */
  readonly purpose: Purpose | undefined;
  /** The property holding the filter, when it is one (for fixes that add a sibling property). */
  readonly property: ES.Property | undefined;
  /** How the site was recognised, for messages: `client.delete`, `/* milvus-filter *\/`. */
  readonly via: string;
}

export interface SiteOptions {
  readonly calls: readonly CallPattern[];
  readonly receiverTypes: readonly string[];
}

/**
 * Listeners that call `onSite` once per filter expression in the file. A `const` initializer used
 * by several calls is reported once.
 */
export function filterSites(context: Rule.RuleContext, options: SiteOptions, onSite: (site: FilterSite) => void): Rule.RuleListener {
  const sourceCode = context.sourceCode;
  const seen = new Set<ES.Node>();
  const receiverCheck = typeChecker(sourceCode, options.receiverTypes);
  const emit = (node: ES.Expression, purpose: Purpose | undefined, property: ES.Property | undefined, via: string): void => {
    const value = followConst(sourceCode, node);
    if (seen.has(value)) return;
    seen.add(value);
    onSite({ node: value, purpose, property: value === node ? property : undefined, via });
  };
  const patterns: readonly (CallPattern & { milvusReceiver?: boolean })[] = [...BUILTIN_PATTERNS, ...options.calls];

  return {
    CallExpression(call: ES.CallExpression) {
      const path = calleePath(call.callee);
      if (path === undefined) return;
      for (const p of patterns) {
        if (!calleeMatches(path, p.callee)) continue;
        if (p.milvusReceiver && call.callee.type === "MemberExpression" && !receiverCheck(call.callee.object)) continue;
        const arg = call.arguments[p.argument ?? 0];
        if (!arg || arg.type === "SpreadElement") continue;
        const via = path.join(".");
        const props = p.property === undefined ? [] : typeof p.property === "string" ? [p.property] : p.property;
        if (props.length === 0) {
          if (isExpression(arg)) emit(arg, p.purpose, undefined, via);
          continue;
        }
        for (const prop of props) {
          for (const found of propertyValues(sourceCode, arg, prop)) emit(found.value, p.purpose, found.property, via);
        }
      }
    },
    Literal(node: ES.Literal) {
      if (typeof node.value === "string" && hasMarker(sourceCode, node)) emit(node, undefined, undefined, "/* milvus-filter */");
    },
    TemplateLiteral(node: ES.TemplateLiteral) {
      if (hasMarker(sourceCode, node)) emit(node, undefined, undefined, "/* milvus-filter */");
    },
    BinaryExpression(node: ES.BinaryExpression) {
      if (node.operator === "+" && hasMarker(sourceCode, node)) emit(node, undefined, undefined, "/* milvus-filter */");
    },
    TaggedTemplateExpression(node: ES.TaggedTemplateExpression) {
      if (hasMarker(sourceCode, node)) emit(node, undefined, undefined, "/* milvus-filter */");
    },
  };
}

function isExpression(n: ES.Node): n is ES.Expression {
  return n.type !== "SpreadElement" && n.type !== "Property" && !n.type.endsWith("Pattern");
}

function hasMarker(sourceCode: SourceCode, node: ES.Node): boolean {
  const before = sourceCode.getCommentsBefore(node);
  const last = before[before.length - 1];
  return last !== undefined && last.type === "Block" && MARKER.test(last.value);
}

/** `a.b.c(...)` -> ["a", "b", "c"]; `f(...)` -> ["f"]; `x().delete(...)` -> ["x()", "delete"]. */
export function calleePath(callee: ES.Node): string[] | undefined {
  const out: string[] = [];
  let n: ES.Node = callee;
  for (;;) {
    n = unwrap(n);
    if (n.type === "Identifier") {
      out.unshift(n.name);
      return out;
    }
    if (n.type === "ThisExpression") {
      out.unshift("this");
      return out;
    }
    if (n.type === "CallExpression") {
      const inner = calleePath(n.callee);
      out.unshift(`${inner ? inner.join(".") : "?"}()`);
      return out;
    }
    if (n.type !== "MemberExpression") {
      out.unshift("?");
      return out;
    }
    const name = memberName(n);
    if (name === undefined) return undefined;
    out.unshift(name);
    n = n.object;
  }
}

function memberName(m: ES.MemberExpression): string | undefined {
  if (!m.computed && m.property.type === "Identifier") return m.property.name;
  if (m.computed && m.property.type === "Literal" && typeof m.property.value === "string") return m.property.value;
  return undefined;
}

function calleeMatches(path: readonly string[], pattern: string): boolean {
  const want = pattern.split(".");
  if (want.length > path.length) return false;
  const tail = path.slice(path.length - want.length);
  return want.every((w, i) => w === "*" || w === tail[i]);
}

/** TypeScript wrappers that do not change a value: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrap(n: ES.Node): ES.Node {
  let cur = n as { type: string; expression?: unknown };
  while (TS_WRAPPERS.has(cur.type) && cur.expression) cur = cur.expression as typeof cur;
  return cur as ES.Node;
}

const TS_WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSTypeAssertion", "TSSatisfiesExpression"]);

/** The parent ESLint sets on every node. */
export function parentOf(n: ES.Node): ES.Node | undefined {
  return (n as Partial<Rule.Node>).parent ?? undefined;
}

/** Values of `prop` (or `arr[].prop`) in an object literal argument. */
function propertyValues(sourceCode: SourceCode, arg: ES.Node, prop: string): { value: ES.Expression; property: ES.Property }[] {
  const obj = followConst(sourceCode, unwrap(arg) as ES.Expression);
  if (obj.type !== "ObjectExpression") return [];
  const arrayAt = prop.indexOf("[].");
  if (arrayAt >= 0) {
    const list = findProperty(obj, prop.slice(0, arrayAt));
    const arr = list ? unwrap(list.value) : undefined;
    if (!arr || arr.type !== "ArrayExpression") return [];
    return arr.elements.flatMap((el) => (el && el.type !== "SpreadElement" ? propertyValues(sourceCode, el, prop.slice(arrayAt + 3)) : []));
  }
  const p = findProperty(obj, prop);
  if (!p) return [];
  const value = unwrap(p.value);
  return isExpression(value) ? [{ value: value as ES.Expression, property: p }] : [];
}

function findProperty(obj: ES.ObjectExpression, name: string): ES.Property | undefined {
  for (const p of obj.properties) {
    if (p.type !== "Property" || p.kind !== "init") continue;
    const key = !p.computed && p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : undefined;
    if (key === name) return p;
  }
  return undefined;
}

/** An identifier bound once by `const x = <expr>` resolves to `<expr>`; anything else is itself. */
export function followConst(sourceCode: SourceCode, node: ES.Expression): ES.Expression {
  const n = unwrap(node) as ES.Expression;
  if (n.type !== "Identifier") return n;
  let scope: ReturnType<SourceCode["getScope"]> | null = sourceCode.getScope(n);
  while (scope) {
    const v = scope.set.get(n.name);
    if (v) {
      const def = v.defs.length === 1 ? v.defs[0] : undefined;
      if (def && def.type === "Variable" && def.parent.kind === "const" && def.node.id.type === "Identifier" && def.node.init) {
        const init = unwrap(def.node.init) as ES.Expression;
        return init.type === "Identifier" ? n : init;
      }
      return n;
    }
    scope = scope.upper;
  }
  return n;
}

/**
 * With type information: does this receiver have a Milvus type (or a type we cannot see: any,
 * unknown, unresolved)? Without it: always true (syntactic recognition).
 */
function typeChecker(sourceCode: SourceCode, receiverTypes: readonly string[]): (receiver: ES.Node) => boolean {
  const services = sourceCode.parserServices as
    | { program?: { getTypeChecker(): TsChecker } | null; esTreeNodeToTSNodeMap?: { get(n: ES.Node): unknown } }
    | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return () => true;
  const checker = program.getTypeChecker();
  const wanted = new Set(receiverTypes);
  return (receiver) => {
    const tsNode = map.get(receiver);
    if (!tsNode) return true;
    const type = checker.getTypeAtLocation(tsNode);
    return typeIsMilvus(checker, type, wanted, 0);
  };
}

// Structural slices of the TypeScript API used here (typescript is not imported at run time).
interface TsType {
  flags: number;
  getSymbol(): { getName(): string } | undefined;
  aliasSymbol?: { getName(): string };
  isUnion?(): boolean;
  types?: TsType[];
}
interface TsChecker {
  getTypeAtLocation(node: unknown): TsType;
  getBaseTypes?(type: TsType): TsType[];
}

// ts.TypeFlags.Any = 1, Unknown = 2; an unresolved import is an error type, which has the Any flag.
const ANY_OR_UNKNOWN = 1 | 2;

function typeIsMilvus(checker: TsChecker, type: TsType, wanted: ReadonlySet<string>, depth: number): boolean {
  if (depth > 8) return false;
  if (type.flags & ANY_OR_UNKNOWN) return true;
  const names = [type.getSymbol()?.getName(), type.aliasSymbol?.getName()];
  if (names.some((n) => n !== undefined && wanted.has(n))) return true;
  if (type.types && type.types.length > 0) return type.types.some((t) => typeIsMilvus(checker, t, wanted, depth + 1));
  const bases = (() => {
    try {
      return checker.getBaseTypes?.(type) ?? [];
    } catch {
      return []; // not a class or interface type
    }
  })();
  return bases.some((b) => typeIsMilvus(checker, b, wanted, depth + 1));
}
