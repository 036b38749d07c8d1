/**
 * Keyword functions: text_match / text_match_fuzzy / phrase_match, random_sample, element_filter
 * and MATCH_*, the ST_* geometry functions, the Timestamptz ISO/INTERVAL comparison, and generic
 * calls.
 */
import type * as A from "../syntax/ast.js";
import { CheckFail, fail, isTemplateEv, isValueEv, noteColumn, problem, textOf, type Ctx, type TypedExpr } from "./context.js";
import { castSampleFactor, constantOf, recordCast } from "./plan.js";
import type { FieldSchema, StructSchema } from "../schema/index.js";
import { predicateEv, visit, visitQuietly, visitSiblings } from "./visit.js";
import { resolveIdentifier, resolveJsonPath } from "./resolve.js";
import { isStringDT, showValue } from "./values.js";
import { durationProblem, timestampProblem, wktProblem } from "./wkt.js";
import type { ColumnInfo } from "./types.js";
import { INT64_MAX } from "../util/int64.js";

/** Milvus parseStringLiteralOrTemplate: a string constant (literal or raw) or a placeholder. */
export function stringOrTemplate(ctx: Ctx, node: A.Expr, what: string): { value?: string; template?: string } {
  const ev = visit(ctx, node);
  if (isTemplateEv(ev)) return { template: ev.templateName! };
  if (ev.value?.t !== "string") {
    fail("type/string-argument", `${what} should be a string literal or template variable, got: ${textOf(ctx, node)}`, node);
  }
  return { value: ev.value.v };
}

function stringTemplateUse(ctx: Ctx, name: string, node: A.Expr, what: string, check?: (s: string) => string | undefined): void {
  ctx.templateUses.push({
    names: [name],
    span: node.span,
    fill: (get) => {
      const v = get(name);
      if (v.t !== "string") return { code: "template/type", message: `the value of ${what} template variable {${name}} is not string` };
      const why = check?.(v.v);
      return why ? { code: "template/type", message: `template {${name}}: ${why}` } : undefined;
    },
  });
}

function textField(ctx: Ctx, field: A.Identifier, fn: string): ColumnInfo {
  const col = resolveIdentifier(ctx, field, true);
  ctx.types.set(field.id, { category: "column", dataType: col.dataType as never, nodeDependent: true, containsTemplate: false, column: col });
  noteColumn(ctx, col, field);
  if (col.dataType === "Unknown") return col;
  if (!isStringDT(col.dataType) && col.dataType !== "Text") {
    fail("type/text-match", `${fn} operation on non-string is unsupported: ${col.text} is ${col.dataType}`, field);
  }
  if (!col.field.enableMatch) {
    fail("schema/match-not-enabled", `field "${field.name}" does not enable match`, field, "create the field with enable_analyzer=true and enable_match=true");
  }
  return col;
}

export function visitTextMatch(ctx: Ctx, node: A.TextMatch): TypedExpr {
  textField(ctx, node.field, "text match");
  const q = stringOrTemplate(ctx, node.query, "text_match query");
  if (q.template !== undefined) stringTemplateUse(ctx, q.template, node.query, "text match");
  const opt = node.minimumShouldMatch;
  if (opt) {
    if (opt.value > INT64_MAX) fail("type/text-match-option", `invalid minimum_should_match value: ${opt.raw}`, opt.span);
    if (opt.value < 1n) fail("type/text-match-option", `minimum_should_match should be >= 1, got ${opt.value}`, opt.span);
    if (opt.value > 1000n) fail("type/text-match-option", `minimum_should_match should be <= 1000, got ${opt.value}`, opt.span);
  }
  return predicateEv(node, q.template !== undefined);
}

export function visitTextMatchFuzzy(ctx: Ctx, node: A.TextMatchFuzzy): TypedExpr {
  textField(ctx, node.field, "text match");
  const q = stringOrTemplate(ctx, node.query, "text_match_fuzzy query");
  if (q.template !== undefined) stringTemplateUse(ctx, q.template, node.query, "text match");
  const opt = node.option;
  if (opt.name.toLowerCase() !== "max_edit_distance") {
    fail("type/text-match-option", `unknown text_match_fuzzy option ${opt.name}; expected max_edit_distance`, opt.span);
  }
  if (opt.value > 2n) fail("type/text-match-option", `max_edit_distance must be 0, 1 or 2, got ${opt.raw}`, opt.span);
  return predicateEv(node, q.template !== undefined);
}

export function visitPhraseMatch(ctx: Ctx, node: A.PhraseMatch): TypedExpr {
  textField(ctx, node.field, "phrase match");
  const q = stringOrTemplate(ctx, node.query, "phrase_match query");
  if (q.template !== undefined) stringTemplateUse(ctx, q.template, node.query, "phrase match");
  if (node.slop) {
    const text = textOf(ctx, node.slop);
    // Milvus does not look at the slop's own error: anything that is not a constant gets the slop message.
    let ev: TypedExpr | undefined;
    try {
      ev = visit(ctx, node.slop);
    } catch (e) {
      if (!(e instanceof CheckFail)) throw e;
    }
    if (ev?.value === undefined) {
      fail("type/phrase-match-slop", `"slop" should be a const integer expression with "uint32" value. "slop" expression passed: ${text}`, node.slop);
    }
    // Milvus reads the slop with GetInt64Val: a float (or any non-integer) silently reads as 0.
    const slop = ev.value.t === "int" ? ev.value.v : 0n;
    if (slop < 0n) fail("type/phrase-match-slop", `"slop" should not be a negative interger. "slop" passed: ${text}`, node.slop);
    if (slop > 4294967295n) fail("type/phrase-match-slop", `"slop" exceeds the range of "uint32". "slop" expression passed: ${text}`, node.slop);
  }
  return predicateEv(node, q.template !== undefined);
}

export function visitRandomSample(ctx: Ctx, node: A.RandomSample): TypedExpr {
  const ev = visit(ctx, node.factor);
  recordCast(ctx, node.factor, castSampleFactor, constantOf(ctx, ev));
  const text = textOf(ctx, node.factor);
  if (ev.value === undefined) {
    fail("type/random-sample", `"float factor" should be a const float expression: "float factor" passed: ${text}`, node.factor, isTemplateEv(ev) ? "the factor cannot be a template" : undefined);
  }
  // GetFloatVal: an integer factor reads as 0.
  const f = ev.value.t === "float" ? ev.value.v : 0;
  if (!(f > 1e-10 && f < 1 - 1e-10)) {
    fail(
      "type/random-sample",
      `the sample factor should be between 0 and 1 and not too close to 0 or 1(the difference should be larger than 1e-10), but got ${text}`,
      node.factor,
      ev.value.t === "int" ? "write the factor as a float, e.g. 0.5 (an integer reads as 0)" : undefined,
    );
  }
  return predicateEv(node, false, "randomSample");
}

/**
 * element_filter / MATCH_* first argument: a scalar Array field, or a struct-array container.
 * Records what the elements are (the reference of `field`) and enters the element context. A
 * refusal is returned rather than thrown, so the caller can still type the predicate for backends
 * that accept more than Milvus (element_filter over a JSON field).
 */
function enterElementContext(ctx: Ctx, field: A.Identifier | A.JSONIdentifier, fn: string, node: A.Expr): { leave: () => void; refusal?: CheckFail } {
  if (ctx.structCtx !== undefined || ctx.elemCtx !== undefined) {
    fail("type/element-filter", `nested ${fn} is not supported, already inside a match/element_filter expression`, node);
  }
  const leave = (): void => {
    ctx.structCtx = undefined;
    ctx.elemCtx = undefined;
  };
  if (field.kind === "JSONIdentifier") {
    // Newest master: MATCH_* over the array stored at a JSON path (`MATCH_ANY(j["tags"], $ == "x")`).
    const col = resolveJsonPath(ctx, field);
    ctx.types.set(field.id, { category: "column", dataType: col.dataType as never, nodeDependent: true, containsTemplate: false, column: col });
    ctx.references.set(field.id, col);
    if (col.dataType !== "JSON" && col.dataType !== "Unknown") {
      fail("type/element-filter", `${fn} on a path requires a JSON field, but "${field.base}" has type ${col.dataType}`, field);
    }
    ctx.elemCtx = col.field;
    return { leave };
  }
  const f = ctx.schema?.field(field.name);
  if (ctx.schema && f) {
    // Recorded for any field (a backend says why a scalar cannot be iterated); a Text field does not resolve.
    if (f.dataType !== "Text") ctx.references.set(field.id, resolveIdentifier(ctx, field));
    // Newest master also matches over a JSON field's array values (MATCH_ANY(JSONField, $ > 1)).
    const jsonOk = f.dataType === "JSON" && fn !== "element_filter";
    ctx.elemCtx = f;
    if (f.dataType !== "Array" && !jsonOk) {
      const refusal = new CheckFail(problem("type/element-filter", `${fn} requires an array field, but "${field.name}" has type ${f.dataType}`, field.span, undefined, "error"));
      if (f.dataType !== "JSON" || !ctx.forBackend) {
        leave();
        throw refusal;
      }
      return { leave, refusal };
    }
  } else {
    const s = ctx.schema?.struct(field.name);
    if (s) ctx.references.set(field.id, structArrayColumn(field.name, s));
    ctx.structCtx = field.name;
  }
  return { leave };
}

/** A struct array as a whole, standing for its first sub-field (Milvus's IsNull / MATCH_* column). */
export function structArrayColumn(name: string, s: StructSchema): ColumnInfo {
  const first = s.fields[0];
  return {
    field: first ?? ({ name, dataType: "ArrayOfStruct", nullable: s.nullable } as FieldSchema),
    dataType: first?.dataType ?? "ArrayOfStruct",
    elementType: (first?.elementType ?? "None") as ColumnInfo["elementType"],
    nestedPath: [],
    isDynamic: false,
    isElementLevel: false,
    nullable: s.nullable || (first?.nullable ?? false),
    text: name,
    access: { kind: "structArray", struct: name },
  };
}

/**
 * The element predicate of element_filter / MATCH_*. When the first argument was refused, the
 * predicate is still typed (for backends), and what it would report is dropped: Milvus stops at
 * the first argument.
 */
function visitElementPredicate(ctx: Ctx, predicate: A.Expr, entered: { leave: () => void; refusal?: CheckFail }): TypedExpr {
  try {
    if (entered.refusal === undefined) return visit(ctx, predicate);
    visitQuietly(ctx, () => visit(ctx, predicate));
    throw entered.refusal;
  } finally {
    entered.leave();
  }
}

export function visitElementFilter(ctx: Ctx, node: A.ElementFilter): TypedExpr {
  visitElementPredicate(ctx, node.predicate, enterElementContext(ctx, node.field, "element_filter", node));
  return predicateEv(node, false, "elementFilter");
}

export function visitMatch(ctx: Ctx, node: A.MatchSimple | A.MatchThreshold): TypedExpr {
  const fn = node.fn.toUpperCase();
  if (node.kind === "MatchThreshold") {
    const t = node.threshold;
    if (!/^\d+$/.test(t.raw)) fail("type/match-threshold", `invalid count: ${t.raw} (threshold is a decimal integer)`, t.span);
    if (node.fn === "match_least" && t.value <= 0n) fail("type/match-threshold", `count in MATCH_LEAST must be positive, got: ${t.value}`, t.span);
  }
  const ev = visitElementPredicate(ctx, node.predicate, enterElementContext(ctx, node.field, fn, node));
  return predicateEv(node, ev.isTemplate);
}

function geometryField(ctx: Ctx, field: A.Identifier, what: string, node: A.Expr): void {
  const col = resolveIdentifier(ctx, field);
  ctx.types.set(field.id, { category: "column", dataType: col.dataType as never, nodeDependent: true, containsTemplate: false, column: col });
  if (col.dataType !== "Geometry" && col.dataType !== "Unknown") {
    fail("type/spatial", `${what} are only supported on geometry fields now, got: ${textOf(ctx, node)} (${col.text} is ${col.dataType})`, field);
  }
}

export function visitSpatial(ctx: Ctx, node: A.SpatialBinary): TypedExpr {
  geometryField(ctx, node.field, "spatial operation", node);
  const w = stringOrTemplate(ctx, node.wkt, "WKT string");
  if (w.value !== undefined) {
    const why = ctx.forBackend ? undefined : wktProblem(w.value);
    if (why) fail("type/wkt", why, node.wkt);
  } else stringTemplateUse(ctx, w.template!, node.wkt, "GIS WKT", (s) => wktProblem(s));
  return predicateEv(node, w.template !== undefined);
}

export function visitSTDWithin(ctx: Ctx, node: A.STDWithin): TypedExpr {
  geometryField(ctx, node.field, "ST_DWITHIN operation", node);
  const w = stringOrTemplate(ctx, node.wkt, "WKT string");
  if (w.value !== undefined) {
    const why = ctx.forBackend ? undefined : wktProblem(w.value, true);
    if (why) fail("type/wkt", why, node.wkt);
  } else stringTemplateUse(ctx, w.template!, node.wkt, "GIS WKT", (s) => wktProblem(s, true));
  const d = visit(ctx, node.distance);
  const text = textOf(ctx, node.distance);
  if (!isValueEv(d)) fail("type/spatial-distance", `distance parameter must be a constant numeric value, got: ${text}`, node.distance);
  if (d.value === undefined) fail("type/spatial-distance", `invalid distance value: ${text} (the distance cannot be a template)`, node.distance);
  const v = d.value;
  if (v.t !== "int" && v.t !== "float") fail("type/spatial-distance", `distance parameter must be a numeric value (int or float), got: ${text}`, node.distance);
  const dist = v.t === "int" ? Number(v.v) : v.v;
  if (dist < 0) fail("type/spatial-distance", `distance parameter must be non-negative, got: ${showValue(v)}`, node.distance);
  if (!Number.isFinite(dist)) fail("type/spatial-distance", `distance parameter must be finite, got: ${showValue(v)}`, node.distance);
  return predicateEv(node, w.template !== undefined);
}

export function visitSTIsValid(ctx: Ctx, node: A.STIsValid): TypedExpr {
  geometryField(ctx, node.field, "STIsValid operation", node);
  return predicateEv(node, false);
}

export function visitTimestamptz(ctx: Ctx, node: A.TimestamptzCompareForward | A.TimestamptzCompareReverse): TypedExpr {
  let col: ColumnInfo;
  try {
    col = resolveIdentifier(ctx, node.field);
  } catch {
    fail("type/timestamptz", `can not translate identifier: ${node.field.name}`, node.field);
  }
  ctx.types.set(node.field.id, { category: "column", dataType: col.dataType as never, nodeDependent: true, containsTemplate: false, column: col });
  if (col.dataType !== "Timestamptz" && col.dataType !== "Unknown") {
    fail("type/timestamptz", `field '${node.field.name}' is not a timestamptz datatype (it is ${col.dataType})`, node.field, "ISO '…' and INTERVAL '…' compare Timestamptz fields only");
  }
  const iso = node.iso;
  if (iso.value === null) fail("type/timestamptz", `can not convert compare string: ${iso.raw}`, iso);
  const tsWhy = timestampProblem(iso.value);
  if (tsWhy) fail("type/timestamptz", tsWhy, iso);
  if (node.interval) {
    const s = node.interval.value;
    if (s.value === null) fail("type/timestamptz", `can not convert interval string: ${s.raw}`, s);
    const why = durationProblem(s.value);
    if (why) fail("type/timestamptz", why, s);
  }
  return predicateEv(node, false);
}

const MEMBERSHIP = new Set(["membership_match", "bloom_match", "roaring_match"]);

export function visitCall(ctx: Ctx, node: A.Call): TypedExpr {
  const evs = visitSiblings(ctx, node.args.map((arg) => () => visit(ctx, arg)));
  const name = node.name.toLowerCase();
  if (MEMBERSHIP.has(name) && (evs.length === 2 || evs.length === 3) && isTemplateEv(evs[1]!)) {
    membershipUse(ctx, node, name, evs[0]!, evs[1]!);
    return predicateEv(node, true);
  }
  return predicateEv(node, false);
}

/** membership_match(field, {blob}): the blob is validated when the template is filled (newest master). */
function membershipUse(ctx: Ctx, node: A.Call, name: string, field: TypedExpr, blob: TypedExpr): void {
  if (ctx.structCtx !== undefined || ctx.elemCtx !== undefined) {
    fail("type/element-filter", `${name} cannot be used inside element_filter / MATCH_* (it filters whole rows)`, node);
  }
  const tname = blob.templateName!;
  const col = field.column;
  ctx.templateUses.push({
    names: [tname],
    span: blob.node.span,
    fill: (get) => {
      const v = get(tname);
      if (v.t !== "bytes") return { code: "template/type", message: `template {${tname}}: ${name} needs a bytes value (a membership-filter blob)` };
      const magic = String.fromCharCode(...v.v.slice(0, 4));
      if (magic !== "MBF1" && magic !== "MRB1") {
        return { code: "template/type", message: `template {${tname}}: unknown format magic ${JSON.stringify(magic)} (expected an MBF1 bloom or MRB1 roaring membership-filter blob)` };
      }
      if ((name === "bloom_match" && magic !== "MBF1") || (name === "roaring_match" && magic !== "MRB1")) {
        return { code: "template/type", message: `template {${tname}}: ${name} got a ${magic} blob` };
      }
      if (magic === "MRB1" && col && col.dataType !== "Unknown" && !["Int8", "Int16", "Int32", "Int64"].includes(col.dataType)) {
        return { code: "template/type", message: `template {${tname}}: a roaring blob filters integer fields only, ${col.text} is ${col.dataType}` };
      }
      return undefined;
    },
  });
}
