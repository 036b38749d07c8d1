/** Compact one-line rendering of an AST for golden fixtures: `(== (not a) 1)`. */
import type * as A from "../../src/syntax/ast.js";

export function sexpr(n: A.Root): string {
  switch (n.kind) {
    case "Empty":
      return "(empty)";
    case "Integer":
      return n.value.toString();
    case "Float":
      return `${n.raw}f`;
    case "Boolean":
      return String(n.value);
    case "String":
      return n.value === null ? `!str(${n.raw})` : JSON.stringify(n.value);
    case "RawString":
      return `r${JSON.stringify(n.value)}`;
    case "Identifier":
      return n.name;
    case "JSONIdentifier":
      return `${n.base}${n.keys.map((k) => (k.kind === "index" ? `[${k.value}]` : `[${JSON.stringify(k.value)}]`)).join("")}`;
    case "StructField":
      return `${n.struct}[${n.sub}]`;
    case "StructIndexField":
      return `${n.struct}[${n.index}][${n.sub}]`;
    case "StructSubField":
      return `$[${n.sub}]`;
    case "ElementSelf":
      return "$";
    case "TemplateVariable":
      return `{${n.name}}`;
    case "Array":
      return `[${n.elements.map(sexpr).join(" ")}]`;
    case "EmptyArray":
      return "[]";
    case "Unary":
      return `(${n.op} ${sexpr(n.operand)})`;
    case "Exists":
      return `(exists ${sexpr(n.operand)})`;
    case "IsNull":
      return `(is-null ${sexpr(n.operand)})`;
    case "IsNotNull":
      return `(is-not-null ${sexpr(n.operand)})`;
    case "Like":
      return `(like ${sexpr(n.left)} ${sexpr(n.pattern)})`;
    case "RegexMatch":
      return `(${n.negated ? "!~" : "=~"} ${sexpr(n.left)} ${sexpr(n.pattern)})`;
    case "Power":
    case "MulDivMod":
    case "AddSub":
    case "Shift":
    case "BitAnd":
    case "BitXor":
    case "BitOr":
    case "Relational":
    case "Equality":
      return `(${n.op} ${sexpr(n.left)} ${sexpr(n.right)})`;
    case "Term":
      return `(${n.negated ? "not-in" : "in"} ${sexpr(n.left)} ${sexpr(n.right)})`;
    case "Range":
      return `(range ${sexpr(n.lower)} ${n.lowerInclusive ? "<=" : "<"} ${sexpr(n.field)} ${n.upperInclusive ? "<=" : "<"} ${sexpr(n.upper)})`;
    case "ReverseRange":
      return `(rrange ${sexpr(n.upper)} ${n.upperInclusive ? ">=" : ">"} ${sexpr(n.field)} ${n.lowerInclusive ? ">=" : ">"} ${sexpr(n.lower)})`;
    case "And":
      return `(and ${n.operands.map(sexpr).join(" ")})`;
    case "Or":
      return `(or ${n.operands.map(sexpr).join(" ")})`;
    case "Call":
      return `(call ${n.name}${n.args.map((a) => ` ${sexpr(a)}`).join("")})`;
    case "TextMatch":
      return `(text_match ${sexpr(n.field)} ${sexpr(n.query)}${n.minimumShouldMatch ? ` msm=${n.minimumShouldMatch.value}` : ""})`;
    case "TextMatchFuzzy":
      return `(text_match_fuzzy ${sexpr(n.field)} ${sexpr(n.query)}${n.option ? ` ${n.option.name}=${n.option.value}` : ""})`;
    case "PhraseMatch":
      return `(phrase_match ${sexpr(n.field)} ${sexpr(n.query)}${n.slop ? ` ${sexpr(n.slop)}` : ""})`;
    case "RandomSample":
      return `(random_sample ${sexpr(n.factor)})`;
    case "ElementFilter":
      return `(element_filter ${sexpr(n.field)} ${sexpr(n.predicate)})`;
    case "MatchSimple":
      return `(${n.fn} ${sexpr(n.field)} ${sexpr(n.predicate)})`;
    case "MatchThreshold":
      return `(${n.fn} ${sexpr(n.field)} ${sexpr(n.predicate)} threshold=${n.threshold.value})`;
    case "JSONContains":
    case "JSONContainsAll":
    case "JSONContainsAny": {
      const suffix = n.kind === "JSONContainsAll" ? "_all" : n.kind === "JSONContainsAny" ? "_any" : "";
      return `(${n.family}_contains${suffix} ${sexpr(n.target)} ${sexpr(n.value)})`;
    }
    case "SpatialBinary":
      return `(${n.fn} ${sexpr(n.field)} ${sexpr(n.wkt)})`;
    case "STDWithin":
      return `(st_dwithin ${sexpr(n.field)} ${sexpr(n.wkt)} ${sexpr(n.distance)})`;
    case "STIsValid":
      return `(st_isvalid ${sexpr(n.field)})`;
    case "ArrayLength":
      return `(array_length ${sexpr(n.target)})`;
    case "TimestamptzCompareForward":
      return `(ts ${sexpr(n.field)}${n.interval ? ` ${n.interval.op}interval ${sexpr(n.interval.value)}` : ""} ${n.op} iso ${sexpr(n.iso)})`;
    case "TimestamptzCompareReverse":
      return `(ts iso ${sexpr(n.iso)} ${n.op} ${sexpr(n.field)}${n.interval ? ` ${n.interval.op}interval ${sexpr(n.interval.value)}` : ""})`;
  }
}
