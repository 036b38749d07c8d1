/**
 * Advice beyond Milvus's own rules (codes `lint/…`, warnings and infos). These never change
 * whether Milvus would accept the filter; they point at filters that are accepted but probably
 * not what was meant, and, for deletes, at how much a filter can remove.
 */
import type * as A from "../syntax/ast.js";
import { decodeStringLiteral } from "../syntax/literals.js";
import { children } from "../syntax/walk.js";
import { isLiteral } from "./traverse.js";
import { clip, problem, textOf, type Ctx, type TypedExpr } from "./context.js";
import { closestField } from "./resolve.js";
import { deleteClassOf } from "./delete-class.js";
import { versionTrapLints } from "./version-trap.js";
import type { ExprType } from "./types.js";

/** Chains of this many `x == c` alternatives on one field suggest `in`. */
export const OR_CHAIN_MIN = 3;

const KNOWN_FUNCTIONS = new Set(["empty", "starts_with", "membership_match", "bloom_match", "roaring_match"]);

export function runLints(ctx: Ctx, root: A.Root, rootEv: TypedExpr | undefined, constant: boolean | undefined): void {
  const push = (code: Parameters<typeof problem>[0], message: string, span: A.Span, hint?: string): void => {
    ctx.diags.push(problem(code, message, span, hint));
  };
  const typeOf = (n: A.Root): ExprType | undefined => ctx.types.get(n.id);

  // Dynamic keys that look like a field.
  const seenKeys = new Set<string>();
  for (const ref of ctx.dynamicRefs) {
    if (seenKeys.has(ref.name)) continue;
    seenKeys.add(ref.name);
    const best = closestField(ctx, ref.name);
    if (best && best !== ref.name) {
      const hint = best.toLowerCase() === ref.name.toLowerCase() ? `field names are case-sensitive; the schema has \`${best}\`` : `the schema has \`${best}\`; a name that is no field is a key of the dynamic field`;
      // A delete that names a missing key can remove rows nobody meant (rows without the key
      // compare as missing, and `!=` selects them on 2.6): an error there, a warning elsewhere.
      if (ctx.purpose === "delete") {
        push("purpose/delete-unknown-field", `\`${ref.name}\` is not a field: this delete reads the dynamic JSON key $meta["${ref.name}"]; did you mean \`${best}\`?`, ref.span, hint);
      } else {
        push("lint/dynamic-key-typo", `\`${ref.name}\` is read as the dynamic JSON key $meta["${ref.name}"]; did you mean \`${best}\`?`, ref.span, hint);
      }
    }
  }

  if (root.kind !== "Empty") {
    // Pre-order without recursion (trees can nest deeply). A list's literal elements are linted in
    // one tight loop where the list is met: a 10^6-element `in` list is one pass, not a walk step
    // and a type lookup per element.
    const stack: A.Root[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (isLiteral(n)) {
        literalLints(n, push);
        continue;
      }
      if (n.kind === "Array") {
        for (let i = n.elements.length - 1; i >= 0; i--) {
          const e = n.elements[i]!;
          if (isLiteral(e)) literalLints(e, push);
          else stack.push(e);
        }
      } else {
        const kids = children(n);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      }
      switch (n.kind) {
        case "Or":
          orChain(ctx, n, push);
          break;
        case "Term":
          if (n.right.kind === "EmptyArray") {
            push(
              "lint/empty-in",
              n.negated ? `${textOf(ctx, n)} matches every row (nothing is in an empty list)` : `${textOf(ctx, n)} matches no row`,
              n.span,
            );
          }
          if (n.negated) nullableNegation(ctx, n.left, n, push);
          break;
        case "Equality": {
          if (n.op === "!=") {
            nullableNegation(ctx, n.left, n, push);
            nullableNegation(ctx, n.right, n, push);
          }
          const l = typeOf(n.left);
          const r = typeOf(n.right);
          const col = l?.category === "column" ? l : r?.category === "column" ? r : undefined;
          const other = col === l ? r : l;
          if (col && other?.category === "value" && (col.column?.dataType === "Float" || col.column?.dataType === "Double") && other.value?.t === "float") {
            push("lint/float-equality", `exact ${n.op} on the floating-point field ${col.column.text} matches only bit-identical values`, n.span, "consider a range: lo <= x <= hi");
          }
          break;
        }
        case "Like": {
          const p = n.pattern;
          const v = p.kind === "String" ? p.value : p.kind === "RawString" ? p.value : null;
          if (v !== null && !/(^|[^\\])[%_]/.test(v)) push("lint/like-no-wildcard", `the LIKE pattern ${clip(textOf(ctx, p))} has no % or _: this is an equality test`, p.span, "use == for an exact match, or add %");
          break;
        }
        case "Call":
          if (!KNOWN_FUNCTIONS.has(n.name.toLowerCase())) {
            push("lint/unknown-function", `${n.name}(…) is passed to Milvus unchecked: the parser accepts any function name and arity, and only execution reports an unknown function`, n.nameSpan, keywordCaseHint(n.name));
          }
          break;
        default:
          break;
      }
      const t = typeOf(n);
      if (t?.value?.t === "float" && !Number.isFinite(t.value.v)) {
        push("lint/nan-constant", `${textOf(ctx, n)} folds to ${t.value.v}`, n.span);
      }
    }
  }

  if (root.kind === "Empty" || !rootEv) return;
  if (ctx.purpose === "query" && constant !== undefined) {
    push("lint/constant-filter", `the whole filter folds to ${constant}: it matches ${constant ? "every row" : "no row"}`, root.span);
  }
  if (ctx.purpose === "delete") deleteLints(ctx, root, rootEv, constant, push);
}

/** Octal integers, string prefixes that are not encodings, escapes that make invalid UTF-8. */
function literalLints(n: A.Literal, push: Push): void {
  if (n.kind === "Integer") {
    // A leading zero is rare: test the first character before the pattern.
    if (n.raw.charCodeAt(0) === 48 && /^0[0-7]+$/.test(n.raw)) {
      // The decimal value only for literals that can fit int64 (bigint to decimal is quadratic in the length).
      const value = n.raw.length <= 30 ? ` (= ${n.value})` : "";
      push("lint/octal-literal", `${clip(n.raw)} is an octal literal${value}; a leading zero means base 8`, n.span, value ? `write ${n.value} if you meant decimal ${n.raw.replace(/^0+/, "")}` : undefined);
    }
    return;
  }
  if (n.kind !== "String") return;
  if (/^(u8|u|U|L)["']/.test(n.raw)) {
    push("lint/encoding-prefix", `the prefix of ${clip(n.raw)} is not an encoding marker in Milvus: the value becomes ${clip(JSON.stringify(n.value ?? ""))}`, n.span, "drop the prefix");
  } else if (n.value !== null && n.raw.includes("\\")) {
    // Only an escape can make bytes that are not UTF-8.
    const d = decodeStringLiteral(n.raw);
    if (d.ok && d.invalidUtf8) {
      push("lint/invalid-utf8", `${clip(n.raw)} decodes to bytes that are not valid UTF-8 (\\x / octal escapes insert raw bytes); Milvus would store U+FFFD or reject the request`, n.span, "write the character itself or a \\u escape");
    }
  }
}

function keywordCaseHint(name: string): string | undefined {
  const lower = name.toLowerCase();
  const kw = ["json_contains", "json_contains_all", "json_contains_any", "array_contains", "array_contains_all", "array_contains_any", "array_length", "text_match", "phrase_match", "random_sample", "st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within", "st_dwithin", "st_isvalid", "element_filter", "match_all", "match_any"];
  if (kw.includes(lower) && name !== lower && name !== name.toUpperCase()) {
    return `${name} is not the keyword ${lower}: keywords are all lower or all upper case, so this is an unchecked generic call`;
  }
  return undefined;
}

type Push = (code: Parameters<typeof problem>[0], message: string, span: A.Span, hint?: string) => void;

function nullableNegation(ctx: Ctx, side: A.Expr, node: A.Expr, push: Push): void {
  const t = ctx.types.get(side.id);
  const c = t?.category === "column" ? t.column : undefined;
  if (c && c.nullable && !c.isDynamic && c.nestedPath.length === 0) {
    push("lint/nullable-negation", `${textOf(ctx, node)} does not match rows where the nullable field ${c.text} is NULL`, node.span, `add: or ${c.text} is null`);
  }
}

function orChain(ctx: Ctx, n: A.Or, push: Push): void {
  const groups = new Map<string, A.Expr[]>();
  for (const op of n.operands) {
    if (op.kind !== "Equality" || op.op !== "==") continue;
    const lt = ctx.types.get(op.left.id);
    const rt = ctx.types.get(op.right.id);
    const side = lt?.category === "column" && rt?.category === "value" ? op.left : rt?.category === "column" && lt?.category === "value" ? op.right : undefined;
    if (!side) continue;
    const key = textOf(ctx, side);
    const group = groups.get(key);
    if (group) group.push(op);
    else groups.set(key, [op]);
  }
  for (const [field, ops] of groups) {
    if (ops.length < OR_CHAIN_MIN) continue;
    // Only the first few values are shown, so only those are rendered (a chain can have 200k terms).
    const values = ops.slice(0, 6).map((o) => {
      const e = o as A.Equality;
      return textOf(ctx, textOf(ctx, e.left) === field ? e.right : e.left);
    });
    const shown = ops.length > 6 ? `${values.join(", ")}, …` : values.join(", ");
    push("lint/or-chain", `${ops.length} alternatives compare ${field} with ==; \`${field} in [${shown}]\` says the same and runs as one term`, n.span, `write ${field} in [${shown}]`);
  }
}

function deleteLints(ctx: Ctx, root: A.Expr, ev: TypedExpr, constant: boolean | undefined, push: Push): void {
  if (constant === false) {
    push("lint/delete-always-false", `${textOf(ctx, root)} folds to false: this delete removes nothing`, root.span);
    return;
  }
  const all = matchesAll(ctx, root);
  if (all) push("lint/delete-matches-all", `this delete filter likely matches every row: ${all}`, root.span, "double-check before running it; a delete cannot be undone");
  if (!ctx.schema || ctx.diags.some((d) => d.severity === "error")) return;
  versionTrapLints(ctx, root);
  const pk = ctx.schema.primaryKey;
  const fast = deleteClassOf(ctx, root) === "primary-key";
  if (fast) {
    push("lint/delete-primary-key", `delete by primary key: Milvus deletes the listed ${pk!.name} values directly, without a query`, root.span);
  } else {
    push(
      "lint/delete-query-first",
      "this delete runs a query first to find the rows (the collection must be loaded); only `pk in [...]` / `pk == v` deletes by key directly",
      root.span,
      pk ? `to delete by key, write ${pk.name} in [...]` : undefined,
    );
  }
  void ev;
}

/** A reason the predicate is (nearly) a tautology, or undefined. */
function matchesAll(ctx: Ctx, n: A.Expr): string | undefined {
  switch (n.kind) {
    case "Term":
      if (n.negated && n.right.kind === "EmptyArray") return `${textOf(ctx, n)} is true for every row`;
      return undefined;
    case "Unary":
      if (n.op === "not" && n.operand.kind === "Term" && !n.operand.negated && n.operand.right.kind === "EmptyArray") return `${textOf(ctx, n)} is true for every row`;
      return undefined;
    case "Or":
      for (const op of n.operands) {
        const why = matchesAll(ctx, op);
        if (why) return why;
      }
      return undefined;
    case "Equality":
      if (n.op === "==" && sameColumn(ctx, n.left, n.right)) return `${textOf(ctx, n)} compares a field with itself: true for every row where it is not NULL`;
      return undefined;
    case "Relational": {
      if ((n.op === "<=" || n.op === ">=") && sameColumn(ctx, n.left, n.right)) return `${textOf(ctx, n)} compares a field with itself: true for every row where it is not NULL`;
      const lt = ctx.types.get(n.left.id);
      const rt = ctx.types.get(n.right.id);
      const colOnLeft = lt?.category === "column" && rt?.category === "value";
      const colOnRight = rt?.category === "column" && lt?.category === "value";
      if (!colOnLeft && !colOnRight) return undefined;
      const col = (colOnLeft ? lt : rt)!.column!;
      const v = (colOnLeft ? rt : lt)!.value;
      if (v?.t !== "int") return undefined;
      const op = colOnLeft ? n.op : ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const)[n.op];
      const bits = { Int8: 8n, Int16: 16n, Int32: 32n, Int64: 64n }[col.dataType as "Int8"];
      if (!bits) return undefined;
      const min = -(1n << (bits - 1n));
      const max = (1n << (bits - 1n)) - 1n;
      if ((op === ">=" && v.v <= min) || (op === ">" && v.v < min) || (op === "<=" && v.v >= max) || (op === "<" && v.v > max)) {
        return `${textOf(ctx, n)} holds for every ${col.dataType} value`;
      }
      if (col.field.primaryKey && col.field.autoId && ((op === ">=" && v.v <= 0n) || (op === ">" && v.v < 0n))) {
        return `${textOf(ctx, n)}: auto-generated primary keys are positive, so this holds for every row`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Both sides read the same column at the same path (`id == id`, `meta["a"] >= meta["a"]`). */
function sameColumn(ctx: Ctx, a: A.Expr, b: A.Expr): boolean {
  const x = ctx.types.get(a.id)?.column;
  const y = ctx.types.get(b.id)?.column;
  if (ctx.types.get(a.id)?.category !== "column" || ctx.types.get(b.id)?.category !== "column" || !x || !y) return false;
  return x.field === y.field && x.nestedPath.length === y.nestedPath.length && x.nestedPath.every((k, i) => k === y.nestedPath[i]);
}
