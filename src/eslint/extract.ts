/**
 * What a filter expression in code is, statically:
 * - `static`: a string literal, a template without interpolations, or a `+` concatenation of those;
 * - `builder`: a `filter` / `filter.params` tagged template of this package (its text is read raw,
 *   interpolations become stand-ins: names for `field("x")`, strings for `like.*` / `regex.*`,
 *   `{placeholders}` for other values);
 * - `interpolated`: a template literal or concatenation that splices a run-time value into the text;
 * - `other`: anything else (a variable, a call): not analysed.
 */
import type { SourceCode } from "eslint";
import type * as ES from "estree";
import { TextBuilder, type StaticText } from "./text.js";
import { unwrap } from "./sites.js";

export const PACKAGE = "milvus-filter";

export interface Hole {
  readonly expr: ES.Expression;
  /** Range of the stand-in in the analysed text. */
  readonly at: number;
  readonly end: number;
}

export type Extracted =
  | { readonly kind: "static"; readonly text: StaticText; readonly node: ES.Expression }
  | {
      readonly kind: "builder";
      readonly text: StaticText;
      readonly node: ES.TaggedTemplateExpression;
      readonly holes: readonly Hole[];
      /** Some interpolation is a name not known statically (`field(x)`, `jsonPath(...)`): the schema cannot be checked. */
      readonly unknownNames: boolean;
    }
  | { readonly kind: "interpolated"; readonly node: ES.Expression; readonly pieces: readonly Piece[] }
  | { readonly kind: "other" };

/** A static part of an interpolated filter (its value) or an interpolated expression. */
export type Piece = { readonly text: string } | { readonly expr: ES.Expression };

export function extract(sourceCode: SourceCode, node: ES.Expression): Extracted {
  const n = unwrap(node) as ES.Expression;
  if (n.type === "TaggedTemplateExpression") return builderText(sourceCode, n) ?? { kind: "other" };
  // `filter\`…\`.text` is the builder's text.
  if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier" && n.property.name === "text") {
    const obj = unwrap(n.object);
    if (obj.type === "TaggedTemplateExpression") return builderText(sourceCode, obj) ?? { kind: "other" };
  }
  const pieces = flatten(n);
  if (!pieces) return { kind: "other" };
  if (pieces.every((p) => !("expr" in p && p.expr))) {
    const b = new TextBuilder(sourceCode.text);
    for (const p of pieces as StaticPiece[]) {
      const [start, end] = p.node.range!;
      if (p.node.type === "Literal") b.add("string", p.text, start + 1, end - 1);
      else b.add("template", p.text, start, end);
    }
    return { kind: "static", text: b.build(), node: n };
  }
  if (pieces.length === 1) return { kind: "other" }; // a lone expression: nothing is spliced
  return { kind: "interpolated", node: n, pieces: pieces.map((p) => ("expr" in p && p.expr ? { expr: p.expr } : { text: (p as StaticPiece).text })) };
}

interface StaticPiece {
  readonly text: string;
  /** The string literal, or the template quasi, holding it. */
  readonly node: ES.Literal | ES.TemplateElement;
  readonly expr?: undefined;
}

/** A `+` chain of strings, templates and expressions, in order; undefined if it is none of these. */
function flatten(n: ES.Node): (StaticPiece | { expr: ES.Expression })[] | undefined {
  const u = unwrap(n);
  if (u.type === "Literal" && typeof u.value === "string") return [{ text: u.value, node: u }];
  if (u.type === "TemplateLiteral") {
    const out: (StaticPiece | { expr: ES.Expression })[] = [];
    u.quasis.forEach((q, i) => {
      if (q.value.cooked !== undefined && q.value.cooked !== null) out.push({ text: q.value.cooked, node: q });
      const e = u.expressions[i];
      if (e) out.push({ expr: e as ES.Expression });
    });
    // Quasi ranges include the backtick / `}` / `${` delimiters; narrow them to the text.
    return out.map((p) => ("node" in p && p.node.type === "TemplateElement" ? { ...p, node: narrowQuasi(p.node) } : p));
  }
  if (u.type === "BinaryExpression" && u.operator === "+") {
    const l = flatten(u.left);
    const r = flatten(u.right);
    // Only a chain that starts with a string is string concatenation for sure.
    if (l && r && (l.some((p) => !("expr" in p && p.expr)) || r.some((p) => !("expr" in p && p.expr)))) return [...l, ...r];
    return undefined;
  }
  if (u.type === "PrivateIdentifier" || u.type === "Super" || u.type === "SpreadElement") return undefined;
  return [{ expr: u as ES.Expression }];
}

/** A template element whose range covers only its characters (ESTree includes the delimiters). */
function narrowQuasi(q: ES.TemplateElement): ES.TemplateElement {
  const [s, e] = q.range!;
  const start = s + 1; // after ` or }
  const end = q.tail ? e - 1 : e - 2; // before ` or ${
  return { ...q, range: [start, end] };
}

/** Is `tag` this package's `filter` (or `filter.params`)? Returns "plain" / "params", or undefined. */
export function builderTag(sourceCode: SourceCode, tag: ES.Node): "plain" | "params" | undefined {
  let id: ES.Node = unwrap(tag);
  let kind: "plain" | "params" = "plain";
  if (id.type === "MemberExpression" && !id.computed && id.property.type === "Identifier" && id.property.name === "params") {
    kind = "params";
    id = unwrap(id.object);
  }
  if (id.type !== "Identifier") return undefined;
  return importedName(sourceCode, id) === "filter" ? kind : undefined;
}

/** The name under which `id` was imported from this package (ESM import or `const { x } = require(...)`). */
export function importedName(sourceCode: SourceCode, id: ES.Identifier): string | undefined {
  let scope: ReturnType<SourceCode["getScope"]> | null = sourceCode.getScope(id);
  while (scope) {
    const v = scope.set.get(id.name);
    if (v) {
      const def = v.defs[0];
      if (!def) return undefined;
      if (def.type === "ImportBinding" && def.parent.type === "ImportDeclaration" && def.parent.source.value === PACKAGE) {
        const spec = def.node;
        if (spec.type === "ImportSpecifier") return spec.imported.type === "Identifier" ? spec.imported.name : String(spec.imported.value);
        return undefined;
      }
      if (def.type === "Variable" && def.node.init && isRequireOfPackage(unwrap(def.node.init)) && def.node.id.type === "ObjectPattern") {
        for (const p of def.node.id.properties) {
          if (p.type === "Property" && p.value.type === "Identifier" && p.value.name === id.name && p.key.type === "Identifier") return p.key.name;
        }
      }
      return undefined;
    }
    scope = scope.upper;
  }
  return undefined;
}

function isRequireOfPackage(n: ES.Node): boolean {
  return (
    n.type === "CallExpression" &&
    n.callee.type === "Identifier" &&
    n.callee.name === "require" &&
    n.arguments[0]?.type === "Literal" &&
    n.arguments[0].value === PACKAGE
  );
}

const NAME_HELPERS = new Set(["field", "ident"]);

function builderText(sourceCode: SourceCode, n: ES.TaggedTemplateExpression): Extracted | undefined {
  if (!builderTag(sourceCode, n.tag)) return undefined;
  const b = new TextBuilder(sourceCode.text);
  const holes: Hole[] = [];
  let unknownNames = false;
  let at = 0;
  n.quasi.quasis.forEach((q, i) => {
    const nq = narrowQuasi(q);
    b.add("raw", q.value.raw, nq.range![0], nq.range![1]);
    at += q.value.raw.length;
    const e = n.quasi.expressions[i] as ES.Expression | undefined;
    if (!e) return;
    const stand = standIn(sourceCode, e, i);
    if (stand.unknownName) unknownNames = true;
    // The stand-in maps to the whole `${…}`.
    const start = nq.range![1];
    const end = n.quasi.quasis[i + 1]!.range![0] + 1;
    b.add("opaque", stand.text, start, end);
    holes.push({ expr: e, at, end: at + stand.text.length });
    at += stand.text.length;
  });
  return { kind: "builder", text: b.build(), node: n, holes, unknownNames };
}

/** The text that stands for interpolation #i while the template is analysed. */
function standIn(sourceCode: SourceCode, e: ES.Expression, i: number): { text: string; unknownName?: boolean } {
  const u = unwrap(e);
  if (u.type === "CallExpression") {
    const callee = unwrap(u.callee);
    const helper =
      callee.type === "Identifier"
        ? importedName(sourceCode, callee)
        : callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier"
          ? importedName(sourceCode, unwrap(callee.object) as ES.Identifier)
          : undefined;
    if (helper && NAME_HELPERS.has(helper)) {
      const arg = u.arguments[0];
      if (arg && arg.type === "Literal" && typeof arg.value === "string" && /^[A-Za-z_$][A-Za-z0-9_]*$/.test(arg.value)) return { text: arg.value };
      return { text: `__mf_name${i}`, unknownName: true };
    }
    if (helper === "jsonPath") return { text: `__mf_name${i}`, unknownName: true };
    if (helper === "like" || helper === "regex") return { text: `"__mf_pattern${i}"` };
  }
  return { text: `{__mf_value${i}}` };
}
