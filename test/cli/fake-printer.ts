/**
 * A stand-in canonical printer for testing --fix before src/backends/print lands. It prints a subset
 * of the AST with single spaces, lower-case keywords, double-quoted strings and minimal parentheses;
 * anything else throws (which the CLI reports as internal/error).
 */
import type { Expr, Root } from "../../src/syntax/ast.js";
import type { AnalysisPlugins } from "../../src/cli/analyze.js";

const PREC: Partial<Record<Root["kind"], number>> = { Or: 1, And: 2, Equality: 3, Relational: 4, Term: 5 };

function prec(n: Root): number {
  return PREC[n.kind] ?? 10;
}

function wrap(n: Expr, min: number): string {
  const s = fakePrint(n);
  return prec(n) < min ? `(${s})` : s;
}

export function fakePrint(n: Root): string {
  switch (n.kind) {
    case "Identifier":
      return n.name;
    case "JSONIdentifier":
      return n.base + n.keys.map((k) => (k.kind === "index" ? `[${k.value}]` : `[${JSON.stringify(k.value)}]`)).join("");
    case "Integer":
    case "Float":
      return n.raw;
    case "Boolean":
      return String(n.value);
    case "String":
      return JSON.stringify(n.value);
    case "TemplateVariable":
      return `{${n.name}}`;
    case "Array":
      return `[${n.elements.map(fakePrint).join(", ")}]`;
    case "EmptyArray":
      return "[]";
    case "Equality":
    case "Relational":
      return `${wrap(n.left, prec(n) + 1)} ${n.op} ${wrap(n.right, prec(n) + 1)}`;
    case "Term":
      return `${wrap(n.left, 6)} ${n.negated ? "not in" : "in"} ${wrap(n.right, 6)}`;
    case "And":
      return n.operands.map((o) => wrap(o, 3)).join(" and ");
    case "Or":
      return n.operands.map((o) => wrap(o, 2)).join(" or ");
    case "IsNull":
      return `${fakePrint(n.operand)} is null`;
    case "IsNotNull":
      return `${fakePrint(n.operand)} is not null`;
    case "Unary":
      return n.op === "not" ? `not ${wrap(n.operand, 10)}` : `${n.op}${wrap(n.operand, 10)}`;
    default:
      throw new Error(`fake printer: ${n.kind} is not supported`);
  }
}

export const fakePlugins: AnalysisPlugins = { print: fakePrint };
