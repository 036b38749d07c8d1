/**
 * `no-interpolated-filter`: a template literal or `+` concatenation that splices a run-time value
 * into filter text can be injected (`tenant == "${t}"` with t = `x" or "1" == "1`). The fix
 * rewrites it with this package's `filter` tagged template, in which every value becomes a
 * literal (or, with `exprValues: true`, `filter.params` plus the SDK's `exprValues`).
 *
 * A fix is offered only when it keeps the filter's meaning for well-behaved values: every
 * interpolation must stand as one whole value (`age > ${n}`) or fill one whole quoted string
 * (`"${t}"`, which becomes `${String(t)}`, exactly what the template literal stringified), and
 * the builder itself must accept the template with stand-in values. Names, parts of strings,
 * LIKE/regex patterns and static text with a backtick, `${` or a trailing backslash are reported
 * without a fix.
 */
import type { Rule, SourceCode } from "eslint";
import type * as ES from "estree";
import { parse } from "../../syntax/parse.js";
import { check } from "../../check/check.js";
import { hasError } from "../../diag/diagnostic.js";
import { filter as builder } from "../../builder/filter.js";
import { visitFilters } from "../analysis.js";
import { PACKAGE, type Piece } from "../extract.js";
import { resolveSettings, SETTINGS_PROPERTIES, type MilvusFilterSettings } from "../settings.js";
import { parentOf, type FilterSite } from "../sites.js";

export interface NoInterpolatedFilterOptions {
  /** Fix to `filter.params` with the values sent separately as the SDK's `exprValues` (Milvus 2.5+). */
  exprValues?: boolean;
  calls?: MilvusFilterSettings["calls"];
  receiverTypes?: MilvusFilterSettings["receiverTypes"];
}

export const noInterpolatedFilter: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Disallow splicing run-time values into Milvus filter text; use the `filter` tagged template",
      recommended: true,
    },
    messages: {
      interpolated:
        "this filter splices {{count}} run-time value(s) into its text, which can be injected; build it with the `filter` tagged template from milvus-filter",
    },
    fixable: "code",
    schema: [
      {
        type: "object",
        properties: { exprValues: { type: "boolean" }, calls: SETTINGS_PROPERTIES.calls!, receiverTypes: SETTINGS_PROPERTIES.receiverTypes! },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const options = (context.options[0] ?? {}) as NoInterpolatedFilterOptions;
    const { exprValues = false, ...siteOptions } = options;
    const resolved = resolveSettings(context, siteOptions);
    return visitFilters(context, resolved, (site, ex) => {
      if (ex.kind !== "interpolated") return;
      const count = ex.pieces.filter((p) => "expr" in p).length;
      const fix = planFix(context.sourceCode, site, ex.node, ex.pieces, exprValues);
      context.report({ node: ex.node, messageId: "interpolated", data: { count: String(count) }, ...(fix ? { fix } : {}) });
    });
  },
};

type Part = { text: string } | { expr: ES.Expression; quoted: boolean };

/** The fix, or undefined when no safe one exists. */
function planFix(sourceCode: SourceCode, site: FilterSite, node: ES.Expression, pieces: readonly Piece[], exprValues: boolean): Rule.ReportFixer | undefined {
  const parts = templateParts(pieces);
  if (!parts) return undefined;
  const local = builderBinding(sourceCode, node);
  if (!local) return undefined;
  const tag = exprValues ? `${local.name}.params` : local.name;
  const body = parts.map((p) => ("text" in p ? p.text : `\${${holeSource(sourceCode, p)}}`)).join("");
  const template = `${tag}\`${body}\``;

  if (!exprValues) {
    return (fixer) => [...local.fixes(fixer), fixer.replaceText(node, `${template}.text`)];
  }
  // filter.params: the text and exprValues come from one Filter, so it is bound to a const just
  // before the statement (the interpolated values are then evaluated first in that statement).
  const property = site.property;
  const object = property ? (parentOf(property) as ES.ObjectExpression | undefined) : undefined;
  if (!property || !object || object.type !== "ObjectExpression" || property.shorthand) return undefined;
  if (object.properties.some((p) => p.type === "SpreadElement" || (p.type === "Property" && keyName(p) === "exprValues"))) return undefined;
  const statement = enclosingStatement(node);
  if (!statement) return undefined;
  const name = freshName(sourceCode, "milvusFilter");
  const indent = " ".repeat(statement.loc!.start.column);
  const key = sourceCode.getText(property.key);
  return (fixer) => [
    ...local.fixes(fixer),
    fixer.insertTextBefore(statement, `const ${name} = ${template};\n${indent}`),
    fixer.replaceText(property, `${key}: ${name}.text, exprValues: ${name}.exprParams`),
  ];
}

/**
 * The template's parts: static text as the builder will read it (raw), and each interpolation,
 * marked when it fills a whole quoted string. Undefined when the template cannot keep its meaning.
 */
function templateParts(pieces: readonly Piece[]): Part[] | undefined {
  // Merge adjacent static text (a concatenation of literals).
  const merged: ({ text: string } | { expr: ES.Expression })[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if ("text" in p && last && "text" in last) last.text += p.text;
    else merged.push("text" in p ? { text: p.text } : { expr: p.expr });
  }
  // The builder reads the template raw, so the filter text is written as it is: it must not hold
  // what a template cannot hold raw.
  for (const p of merged) if ("text" in p && (/`|\$\{|\r/.test(p.text) || p.text.endsWith("\\"))) return undefined;

  // Where does each interpolation land? Stand-ins `{__mfi<i>}` are Milvus placeholders: a whole
  // value position gives the three tokens `{`, name, `}`; a whole quoted string gives one string token.
  let probe = "";
  const at: { start: number; end: number }[] = [];
  merged.forEach((p) => {
    if ("text" in p) probe += p.text;
    else {
      const s = `{__mfi${at.length}}`;
      at.push({ start: probe.length, end: probe.length + s.length });
      probe += s;
    }
  });
  const parsed = parse(probe);
  // A bare interpolation must stand where a value does: the checker refuses a placeholder in a
  // name's place (`{p} > 1` compares two constants), and any other error leaves the fix to a human.
  if (!parsed.ast || hasError(check(parsed, { purpose: "query" }).diagnostics)) return undefined;
  const parts: Part[] = [];
  let hole = 0;
  let dropQuoteNext = false;
  for (const p of merged) {
    if ("text" in p) {
      parts.push({ text: dropQuoteNext ? p.text.slice(1) : p.text });
      dropQuoteNext = false;
      continue;
    }
    const span = at[hole++]!;
    const overlapping = (from: number, to: number) => parsed.tokens.filter((t) => t.startOffset < to && t.startOffset + t.image.length > from);
    const around = overlapping(span.start - 1, span.end + 1);
    const quoted =
      around.length === 1 && around[0]!.startOffset === span.start - 1 && around[0]!.image.length === span.end - span.start + 2 && /^["']/.test(around[0]!.image);
    const inside = overlapping(span.start, span.end);
    const bare = inside.length > 0 && inside[0]!.startOffset === span.start && inside.every((t) => t.startOffset + t.image.length <= span.end);
    if (!quoted && !bare) return undefined;
    if (quoted) {
      const prev = parts[parts.length - 1] as { text: string };
      prev.text = prev.text.slice(0, -1);
      dropQuoteNext = true;
    }
    parts.push({ expr: p.expr, quoted });
  }
  return builderAccepts(parts) ? parts : undefined;
}

/** Does the builder accept this template with stand-in values (a string for quoted holes, a number otherwise)? */
function builderAccepts(parts: readonly Part[]): boolean {
  const raw: string[] = [""];
  const values: (string | number)[] = [];
  for (const p of parts) {
    if ("text" in p) raw[raw.length - 1] += p.text;
    else {
      values.push(p.quoted ? "x" : 0);
      raw.push("");
    }
  }
  const strings = Object.assign([...raw], { raw }) as unknown as TemplateStringsArray;
  try {
    builder(strings, ...values);
    return true;
  } catch {
    return false;
  }
}

function holeSource(sourceCode: SourceCode, p: { expr: ES.Expression; quoted: boolean }): string {
  const text = sourceCode.getText(p.expr);
  const isString = (p.expr.type === "Literal" && typeof p.expr.value === "string") || p.expr.type === "TemplateLiteral" || hasStringType(sourceCode, p.expr);
  return p.quoted && !isString ? `String(${text})` : text;
}

// ts.TypeFlags.String = 4, StringLiteral = 128 (typescript is not imported at run time).
const STRING_LIKE = 4 | 128;

/** With type information: is the expression's type string (or a union of string literals)? */
function hasStringType(sourceCode: SourceCode, expr: ES.Expression): boolean {
  type TsType = { flags: number; types?: TsType[] };
  const services = sourceCode.parserServices as
    | { program?: { getTypeChecker(): { getTypeAtLocation(n: unknown): TsType } } | null; esTreeNodeToTSNodeMap?: { get(n: ES.Node): unknown } }
    | undefined;
  const tsNode = services?.program && services.esTreeNodeToTSNodeMap?.get(expr);
  if (!tsNode) return false;
  const type = services!.program!.getTypeChecker().getTypeAtLocation(tsNode);
  const parts = type.types && type.types.length > 0 ? type.types : [type];
  return parts.every((t) => (t.flags & STRING_LIKE) !== 0);
}

function keyName(p: ES.Property): string | undefined {
  if (!p.computed && p.key.type === "Identifier") return p.key.name;
  return p.key.type === "Literal" ? String(p.key.value) : undefined;
}

/** The statement to insert before: one directly in a block or the program. */
function enclosingStatement(node: ES.Node): ES.Statement | undefined {
  let n: ES.Node | undefined = node;
  for (let parent = parentOf(n); n && parent; parent = parentOf(n)) {
    if (parent.type === "Program" || parent.type === "BlockStatement" || parent.type === "StaticBlock") {
      return n.type === "ExpressionStatement" || n.type === "VariableDeclaration" || n.type === "ReturnStatement" ? (n as ES.Statement) : undefined;
    }
    // Do not move evaluation out of a function, a condition or a loop.
    if (/Function|Arrow|Conditional|Logical|For|While|DoWhile|If|Switch|Class/.test(parent.type)) return undefined;
    n = parent;
  }
  return undefined;
}

function freshName(sourceCode: SourceCode, base: string): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? base : `${base}${i + 1}`;
    if (!new RegExp(`\\b${name}\\b`).test(sourceCode.text)) return name;
  }
}

/**
 * The local name of this package's `filter` at `node`, and the fixes that make it available: an
 * existing import, a specifier added to an import from the package, or a new import line (ES
 * modules only). Undefined when `filter` means something else there.
 */
function builderBinding(sourceCode: SourceCode, node: ES.Node): { name: string; fixes: (f: Rule.RuleFixer) => Rule.Fix[] } | undefined {
  const program = sourceCode.ast;
  const imports = program.body.filter((s): s is ES.ImportDeclaration => s.type === "ImportDeclaration");
  const fromPackage = imports.filter((d) => d.source.value === PACKAGE && (d as { importKind?: string }).importKind !== "type");
  for (const d of fromPackage) {
    for (const s of d.specifiers) {
      if (s.type === "ImportSpecifier" && s.imported.type === "Identifier" && s.imported.name === "filter") {
        return visibleAt(sourceCode, node, s.local.name) ? { name: s.local.name, fixes: () => [] } : undefined;
      }
    }
  }
  if (program.sourceType !== "module" || isBound(sourceCode, node, "filter")) return undefined;
  const named = fromPackage.find((d) => d.specifiers.length > 0 && d.specifiers.every((s) => s.type === "ImportSpecifier"));
  if (named) {
    const last = named.specifiers[named.specifiers.length - 1]!;
    return { name: "filter", fixes: (f) => [f.insertTextAfter(last, ", filter")] };
  }
  const lastImport = imports[imports.length - 1];
  const line = `import { filter } from "${PACKAGE}";`;
  return {
    name: "filter",
    fixes: (f) => [lastImport ? f.insertTextAfter(lastImport, `\n${line}`) : f.insertTextBeforeRange([0, 0], `${line}\n`)],
  };
}

/** Is `name` declared anywhere from `node`'s scope up to the module scope? */
function isBound(sourceCode: SourceCode, node: ES.Node, name: string): boolean {
  let scope: ReturnType<SourceCode["getScope"]> | null = sourceCode.getScope(node);
  while (scope) {
    if (scope.set.has(name)) return true;
    scope = scope.upper;
  }
  return false;
}

/** Does `name` at `node` resolve to the module-level import (not a shadowing declaration)? */
function visibleAt(sourceCode: SourceCode, node: ES.Node, name: string): boolean {
  let scope: ReturnType<SourceCode["getScope"]> | null = sourceCode.getScope(node);
  while (scope) {
    const v = scope.set.get(name);
    if (v) return v.defs.some((d) => d.type === "ImportBinding");
    scope = scope.upper;
  }
  return false;
}
