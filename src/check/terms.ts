/**
 * Column predicates: `in` / `not in`, LIKE, regex, EXISTS, IS [NOT] NULL, the json_contains /
 * array_contains family and array_length.
 */
import type * as A from "../syntax/ast.js";
import { regexPatternValue } from "../syntax/literals.js";
import { fail, isTemplateEv, isValueEv, noteColumn, textOf, useFeature, type Ctx, type TypedExpr } from "./context.js";
import { checkNotWholeArray, predicateEv, visit } from "./visit.js";
import { scaleOf } from "./compare.js";
import { resolveIdentifier, resolveJsonPath } from "./resolve.js";
import { canBeComparedDT, castValue, isStringDT, isVectorDT, nonFiniteForIntegerArray, showValue, valueType } from "./values.js";
import type { ColumnInfo, ConstValue, CheckDataType } from "./types.js";
import { stringOrTemplate, structArrayColumn } from "./functions.js";
import { re2Problem } from "./regex.js";
import { castContainsFor, castListFor, castPattern, constantOf, recordCast } from "./plan.js";

const noTermTypes = (t: CheckDataType): boolean => isVectorDT(t) || t === "ArrayOfVector" || t === "Geometry";

export function visitTerm(ctx: Ctx, node: A.Term): TypedExpr {
  const child = visit(ctx, node.left);
  if (child.value !== undefined) {
    fail("type/term-target", `'term' can only be used on non-const expression, but got: ${textOf(ctx, node.left)}`, node.left, "write field in [values], with the field on the left");
  }
  const col = child.column;
  if (!col) fail("type/term-target", `'term' can only be used on single field, but got: ${textOf(ctx, node.left)}`, node.left);
  const colType: CheckDataType = col.isElementLevel && col.dataType === "Array" ? col.elementType : col.nestedPath.length > 0 && col.dataType === "Array" ? col.elementType : col.dataType;
  if (noTermTypes(colType)) {
    fail("type/term-target", `term expression is not supported on ${colType} field ${col.text}`, node.left);
  }
  const term = visit(ctx, node.right);
  const listValue = constantOf(ctx, term);
  const listCast = listValue === undefined ? undefined : castListFor(col, listValue);
  if (listCast !== undefined) ctx.casts.set(node.right.id, listCast);
  const scale = scaleOf(col);
  if (isTemplateEv(term)) {
    const name = term.templateName!;
    ctx.templateUses.push({
      names: [name],
      span: term.node.span,
      fill: (get) => {
        const v = get(name);
        if (v.t !== "array") {
          return { code: "template/not-list", message: `the value of term expression template variable {${name}} is not array (got ${showValue(v)})` };
        }
        for (const e of v.items) {
          const r = castValue(colType, e, scale);
          if (!r.ok) return { code: "template/type", message: `template {${name}}: ${r.message}` };
          const nf = nonFiniteForIntegerArray(colType, col.elementType, e);
          if (nf) return { code: "template/type", message: `template {${name}}: ${nf}` };
        }
        return undefined;
      },
    });
    return predicateEv(node, true);
  }
  if (term.value === undefined) {
    fail("type/term-list", `value '${textOf(ctx, node.right)}' in list cannot be a non-const expression`, node.right);
  }
  const list = term.value;
  if (list.t !== "array") {
    fail("type/term-list", `the right-hand side of 'in' must be a list, but got: ${textOf(ctx, node.right)}`, node.right, `write ${textOf(ctx, node.left)} in [${textOf(ctx, node.right)}]`);
  }
  // The list cast for backends casts each element as this rule does: when it went through, so does
  // the rule (a long list is cast once, not twice).
  if (!listCast?.ok || colType === "Array") for (const e of list.items) {
    const r = castValue(colType, e, scale);
    if (!r.ok) {
      fail("type/term-cast", `value '${showValue(e)}' in list cannot be casted to ${colType}${r.message.includes(":") ? ` (${r.message})` : ""}`, node.right);
    }
    const nf = nonFiniteForIntegerArray(colType, col.elementType, e);
    if (nf) fail("type/term-cast", nf, node.right);
  }
  return predicateEv(node, false);
}

function stringColumn(ctx: Ctx, node: A.Like | A.RegexMatch, what: "like" | "regex"): ColumnInfo {
  const left = visit(ctx, node.left);
  const col = left.column;
  if (!col) {
    fail(what === "like" ? "type/like-target" : "type/regex-target", `${what === "like" ? "like operation" : "regex match"} on complicated expr is unsupported: ${textOf(ctx, node.left)}`, node.left);
  }
  checkNotWholeArray(left);
  const t = left.dataType;
  const ok = t === "Unknown" || isStringDT(t) || t === "JSON" || (t === "Array" && isStringDT(col.elementType));
  if (!ok) {
    fail(
      what === "like" ? "type/like-target" : "type/regex-target",
      what === "like"
        ? `like operation on non-string or no-json field is unsupported: ${col.text} is ${t}`
        : `regex match on non-string or non-json field is unsupported: ${col.text} is ${t}`,
      node.left,
    );
  }
  return col;
}

export function visitLike(ctx: Ctx, node: A.Like): TypedExpr {
  stringColumn(ctx, node, "like");
  const p = stringOrTemplate(ctx, node.pattern, "like pattern");
  if (p.value !== undefined) ctx.casts.set(node.pattern.id, { ok: true, value: { t: "string", v: p.value } });
  else recordCast(ctx, node.pattern, castPattern(p.template!), ctx.templateValues.get(node.pattern.id));
  if (p.template !== undefined) {
    const name = p.template;
    ctx.templateUses.push({
      names: [name],
      span: node.pattern.span,
      fill: (get) =>
        get(name).t === "string" ? undefined : { code: "template/type", message: `the value of like expression template variable {${name}} is not string` },
    });
  }
  return predicateEv(node, p.template !== undefined);
}

export function visitRegex(ctx: Ctx, node: A.RegexMatch): TypedExpr {
  stringColumn(ctx, node, "regex");
  const pat = node.pattern;
  let pattern: string | undefined;
  let template: string | undefined;
  if (pat.kind === "String") {
    // A regex literal is unquoted by the regex rules (a backslash before a non-escape stays), so
    // its string is recorded here rather than as the literal's own value.
    const r = regexPatternValue(pat.raw, "string");
    ctx.casts.set(pat.id, r.ok ? { ok: true, value: { t: "string", v: r.value } } : { ok: false, message: r.error });
    if (!r.ok) fail("type/regex-pattern", r.error, pat);
    pattern = r.value;
  } else if (pat.kind === "RawString") {
    pattern = pat.value;
    ctx.casts.set(pat.id, { ok: true, value: { t: "string", v: pattern } });
  } else {
    const ev = visit(ctx, pat);
    if (!isTemplateEv(ev)) fail("type/regex-pattern", `regex pattern should be a string literal or template variable, got: ${textOf(ctx, pat)}`, pat);
    template = ev.templateName!;
    recordCast(ctx, pat, castPattern(template), ctx.templateValues.get(pat.id));
  }
  if (pattern !== undefined && !ctx.forBackend) {
    const why = re2Problem(pattern);
    if (why) fail("type/regex-pattern", `invalid regex pattern: ${why}`, pat, "Milvus compiles the pattern with Go's RE2: no lookaround or backreferences");
  }
  if (template !== undefined) {
    const name = template;
    ctx.templateUses.push({
      names: [name],
      span: pat.span,
      fill: (get) => {
        const v = get(name);
        if (v.t !== "string") return { code: "template/type", message: `the value of regex expression template variable {${name}} is not string` };
        const why = re2Problem(v.v);
        return why ? { code: "template/type", message: `template {${name}}: invalid regex pattern: ${why}` } : undefined;
      },
    });
  }
  return predicateEv(node, template !== undefined);
}

export function visitExists(ctx: Ctx, node: A.Exists): TypedExpr {
  const child = visit(ctx, node.operand);
  const col = child.column;
  if (!col) fail("type/exists", `exists operations are only supported on single fields now, got: ${textOf(ctx, node.operand)}`, node.operand);
  if (col.dataType === "Unknown") return predicateEv(node, false);
  if (col.dataType !== "JSON") {
    fail("type/exists", `exists operations are only supportted on json field, got:${col.dataType}`, node.operand, "use `is not null` for a scalar field");
  }
  if (col.nestedPath.length === 0) {
    fail("type/exists", `exists operations are only supportted on json key: ${col.text} is a whole JSON field`, node.operand, `name a key: exists ${col.text}["key"]`);
  }
  return predicateEv(node, false);
}

/** IS NULL / IS NOT NULL target (struct container names resolve to their first sub-field). */
function nullTarget(ctx: Ctx, operand: A.Identifier | A.JSONIdentifier): ColumnInfo {
  if (operand.kind === "Identifier" && ctx.schema) {
    const parent = structParent(ctx, operand.name, operand);
    if (parent) return parent;
  }
  return operand.kind === "Identifier" ? resolveIdentifier(ctx, operand) : resolveJsonPath(ctx, operand);
}

function structParent(ctx: Ctx, name: string, at: A.Root): ColumnInfo | undefined {
  const schema = ctx.schema!;
  if (schema.field(name)) return undefined;
  const s = schema.struct(name);
  if (!s) return undefined;
  if (!s.fields[0]) fail("schema/unknown-struct-field", `struct array field ${name} has no sub-fields`, at);
  useFeature(ctx, "struct-array", at);
  return structArrayColumn(name, s);
}

export function visitIsNull(ctx: Ctx, node: A.IsNull | A.IsNotNull): TypedExpr {
  const col = nullTarget(ctx, node.operand);
  ctx.references.set(node.operand.id, col);
  noteColumn(ctx, col, node.operand);
  ctx.types.set(node.operand.id, { category: "column", dataType: col.dataType as never, nodeDependent: true, containsTemplate: false, column: col });
  if (isVectorDT(col.dataType)) {
    fail("type/is-null", `IsNull/IsNotNull operations are not supported on vector fields: ${col.text} is ${col.dataType}`, node.operand);
  }
  if (col.nestedPath.length > 0 && col.dataType === "Array") {
    fail("type/is-null", `IsNull/IsNotNull operations are not supported on array element access, got: ${textOf(ctx, node)}`, node.operand, `test the whole field: ${col.field.name} is null`);
  }
  return predicateEv(node, false);
}

function containsName(kind: A.JSONContains["kind"] | A.JSONContainsAll["kind"] | A.JSONContainsAny["kind"]): string {
  return kind === "JSONContains" ? "contains" : kind === "JSONContainsAll" ? "contains_all" : "contains_any";
}

const OP_NAME = { JSONContains: "Contains", JSONContainsAll: "ContainsAll", JSONContainsAny: "ContainsAny" } as const;

/** Milvus checkContainsElement. Returns a message, or undefined when the value fits. */
export function containsProblem(col: ColumnInfo, kind: keyof typeof OP_NAME, v: ConstValue): string | undefined {
  const op = OP_NAME[kind];
  const nf = nonFiniteForIntegerArray(col.dataType, col.elementType, v);
  if (nf) return nf;
  if (kind !== "JSONContains" && v.t !== "array") return `${op} operation element must be an array`;
  if (col.dataType !== "Array") return undefined;
  const elementType = col.elementType;
  let elements: readonly ConstValue[];
  if (kind === "JSONContains") {
    const r = castValue(elementType, v);
    if (!r.ok) return r.message;
    elements = [r.value];
  } else elements = (v as Extract<ConstValue, { t: "array" }>).items;
  for (const e of elements) {
    if (!canBeComparedDT(elementType, valueType(e))) {
      return `${op} operation can't compare between array element type: ${elementType} and ${valueType(e)}`;
    }
  }
  return undefined;
}

export function visitContains(ctx: Ctx, node: A.JSONContains | A.JSONContainsAll | A.JSONContainsAny): TypedExpr {
  const name = containsName(node.kind);
  const target = visit(ctx, node.target);
  const col = target.column;
  if (!col || (col.dataType !== "JSON" && col.dataType !== "Array" && col.dataType !== "Unknown")) {
    fail("type/contains-target", `${name} operation are only supported on json or array fields now, got: ${textOf(ctx, node.target)}`, node.target);
  }
  const value = visit(ctx, node.value);
  const containsKind = node.kind === "JSONContains" ? "contains" : node.kind === "JSONContainsAll" ? "all" : "any";
  recordCast(ctx, node.value, (v) => castContainsFor(col, containsKind, v), constantOf(ctx, value));
  if (!isValueEv(value)) {
    fail("type/contains-value", `${name} operation are only supported explicitly specified element, got: ${textOf(ctx, node.value)}`, node.value, "the second argument must be a constant or a template");
  }
  if (isTemplateEv(value)) {
    const tname = value.templateName!;
    const kind = node.kind;
    ctx.templateUses.push({
      names: [tname],
      span: value.node.span,
      fill: (get) => {
        const v = get(tname);
        const why = containsProblem(col, kind, v);
        if (why) return { code: "template/type", message: `template {${tname}}: ${why}` };
        const et: CheckDataType = col.dataType === "Array" ? col.elementType : col.dataType;
        const items = kind === "JSONContains" ? [v] : (v as Extract<ConstValue, { t: "array" }>).items;
        for (const e of items) {
          const r = castValue(et, e);
          if (!r.ok) return { code: "template/type", message: `template {${tname}}: ${r.message}` };
        }
        return undefined;
      },
    });
    return predicateEv(node, true);
  }
  if (col.dataType !== "Unknown") {
    const why = containsProblem(col, node.kind, value.value!);
    if (why) fail("type/contains-value", `${why}: ${textOf(ctx, node)}`, node.value, node.kind !== "JSONContains" && value.value!.t !== "array" ? `write [${textOf(ctx, node.value)}]` : undefined);
  }
  return predicateEv(node, false);
}

export function visitArrayLength(ctx: Ctx, node: A.ArrayLength): TypedExpr {
  let col: ColumnInfo;
  const t = node.target;
  if (!ctx.schema) {
    col = t.kind === "JSONIdentifier" ? resolveJsonPath(ctx, t) : t.kind === "Identifier" ? resolveIdentifier(ctx, t) : { ...resolveIdentifier(ctx, { ...t, kind: "Identifier", name: t.struct } as A.Identifier), text: textOf(ctx, t) };
  } else if (t.kind === "StructField") {
    const f = ctx.schema.field(`${t.struct}[${t.sub}]`);
    if (!f) fail("schema/unknown-struct-field", `struct field not found: ${t.struct}[${t.sub}]`, t);
    col = {
      field: f,
      dataType: f.dataType,
      elementType: (f.elementType ?? "None") as ColumnInfo["elementType"],
      nestedPath: [],
      isDynamic: false,
      isElementLevel: false,
      nullable: f.nullable,
      text: textOf(ctx, t),
      access: { kind: "structSub", struct: t.struct, sub: t.sub },
    };
  } else if (t.kind === "Identifier") {
    col = structParent(ctx, t.name, t) ?? resolveIdentifier(ctx, t);
  } else {
    col = resolveJsonPath(ctx, t);
  }
  ctx.types.set(t.id, { category: "column", dataType: col.dataType as never, nodeDependent: true, containsTemplate: false, column: col });
  ctx.references.set(t.id, col);
  noteColumn(ctx, col, t);
  const dt = col.dataType;
  if (dt !== "JSON" && dt !== "Array" && dt !== "ArrayOfVector" && dt !== "Unknown") {
    fail("type/array-length", `array_length operation are only supported on json, array or array-of-vector fields now, got: ${textOf(ctx, node)} (${dt})`, t);
  }
  return { node, dataType: "Int64", nodeDependent: true, isTemplate: false, arith: { op: "array_length", column: col } };
}
