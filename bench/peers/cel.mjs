// The cel-js yardstick's inputs: corpus filters written in CEL with the same structure.
//
// Each corpus filter is parsed with our parser and its tree printed as CEL, construct for
// construct: and/or/not → && || !, `x [not] in [..]` → `[!](x in [..])`, a range `a < x <= b` → two
// comparisons joined with &&, `like "w%"` (and %w, %w%) → startsWith (endsWith, contains), JSON paths
// `meta["a"][0]` → the same index expressions on a dyn variable, json_contains / array_contains →
// `v in t`, *_contains_all / *_any → `[..].all(x, x in t)` / `.exists(..)`, array_length → size(),
// `exists p["k"]` → `"k" in p`, templates `{p}` → a variable. An integer literal compared for
// equality with, or in arithmetic on, a Double field is written `N.0`, since CEL has no int/double
// overloads there (likewise for the elements of an `in` list). Constructs with no CEL counterpart (IS NULL on a scalar, text_match, `**`,
// other LIKE patterns, …) leave the filter out of the comparison; so do filters our checker
// rejects under the bench schema. bench/run.mjs reports how many filters remain and their bytes
// on both sides.
const CEL_TYPE = { Double: "double", Int64: "int", VarChar: "string", JSON: "dyn" };

/** CEL variable declarations for the bench schema's fields (JSON fields are dyn, as JSON is untyped). */
export function celVariables(schemaJson, templates) {
  const vars = { _meta: "dyn" };
  for (const [name, spec] of Object.entries(schemaJson.fields)) {
    const base = String(spec).split(/[\s(<]/)[0];
    if (!CEL_TYPE[base]) throw new Error(`no CEL type for ${base}`);
    vars[name] = CEL_TYPE[base];
  }
  for (const t of Object.keys(templates)) vars[t] = "double";
  return vars;
}

class Unsupported extends Error {}
const no = (what) => {
  throw new Unsupported(what);
};

const isLogic = (n) => n.kind === "And" || n.kind === "Or";
const ident = (name) => (name === "$meta" ? "_meta" : name);
const path = (n) => ident(n.base) + n.keys.map((k) => (k.kind === "index" ? `[${k.value}]` : `[${JSON.stringify(k.value)}]`)).join("");

let VARS = {};

/** "double" when CEL types `n` as a double (a Double field, a template, a float, arithmetic on those). */
function isDouble(n) {
  switch (n.kind) {
    case "Float":
    case "TemplateVariable":
      return true;
    case "Identifier":
      return VARS[ident(n.name)] === "double";
    case "MulDivMod":
    case "AddSub":
      return isDouble(n.left) || isDouble(n.right);
    case "Unary":
      return isDouble(n.operand);
    default:
      return false;
  }
}

/** An integer literal where CEL wants a double (no int/double overloads for ==, arithmetic, `in`). */
function asDouble(n) {
  if (n.kind === "Integer" && /^\d+$/.test(n.raw)) return `${n.raw}.0`;
  if (n.kind === "Array") return `[${n.elements.map(asDouble).join(", ")}]`;
  return cel(n);
}

/** Both operands, an integer literal on one side written as a double when the other side is one. */
function pair(l, r) {
  return [isDouble(r) ? asDouble(l) : cel(l), isDouble(l) ? asDouble(r) : cel(r)];
}

function cel(n) {
  switch (n.kind) {
    case "Integer":
    case "Float":
      return n.raw;
    case "String":
      return n.raw;
    case "Boolean":
      return String(n.value);
    case "Identifier":
      return ident(n.name);
    case "JSONIdentifier":
      return path(n);
    case "TemplateVariable":
      return n.name;
    case "Array":
      return `[${n.elements.map(cel).join(", ")}]`;
    case "EmptyArray":
      return "[]";
    case "Unary":
      if (n.op === "not") return `!(${cel(n.operand)})`;
      if (n.op === "-") return `-${cel(n.operand)}`;
      return no(`unary ${n.op}`);
    case "And":
    case "Or":
      return n.operands.map((o) => (isLogic(o) ? `(${cel(o)})` : cel(o))).join(n.kind === "And" ? " && " : " || ");
    case "Relational":
      return `${cel(n.left)} ${n.op} ${cel(n.right)}`;
    case "Equality":
    case "MulDivMod":
    case "AddSub": {
      const [l, r] = pair(n.left, n.right);
      return `${l} ${n.op} ${r}`;
    }
    case "Range":
      return `${cel(n.lower)} ${n.lowerInclusive ? "<=" : "<"} ${cel(n.field)} && ${cel(n.field)} ${n.upperInclusive ? "<=" : "<"} ${cel(n.upper)}`;
    case "ReverseRange":
      return `${cel(n.upper)} ${n.upperInclusive ? ">=" : ">"} ${cel(n.field)} && ${cel(n.field)} ${n.lowerInclusive ? ">=" : ">"} ${cel(n.lower)}`;
    case "Term": {
      const [l, r] = [cel(n.left), isDouble(n.left) ? asDouble(n.right) : cel(n.right)];
      return n.negated ? `!(${l} in ${r})` : `${l} in ${r}`;
    }
    case "Like": {
      const m = n.pattern.kind === "String" && /^(%?)([^%_\\]+)(%?)$/.exec(n.pattern.value ?? "");
      if (!m) return no("LIKE pattern");
      const fn = m[1] && m[3] ? "contains" : m[3] ? "startsWith" : m[1] ? "endsWith" : null;
      if (!fn) return `${cel(n.left)} == ${JSON.stringify(m[2])}`;
      return `${cel(n.left)}.${fn}(${JSON.stringify(m[2])})`;
    }
    case "Exists": {
      const p = n.operand;
      if (p.kind !== "JSONIdentifier" || p.keys.length === 0) return no("exists");
      const last = p.keys[p.keys.length - 1];
      const parent = path({ ...p, keys: p.keys.slice(0, -1) });
      return last.kind === "index" ? `size(${parent}) > ${last.value}` : `${JSON.stringify(last.value)} in ${parent}`;
    }
    case "IsNull":
    case "IsNotNull":
      if (n.operand.kind !== "JSONIdentifier") return no("IS NULL on a scalar");
      return `${cel(n.operand)} ${n.kind === "IsNull" ? "==" : "!="} null`;
    case "JSONContains":
      return `${cel(n.value)} in ${cel(n.target)}`;
    case "JSONContainsAll":
    case "JSONContainsAny":
      if (n.value.kind !== "Array") return no("contains_all/any without a list literal");
      return `${cel(n.value)}.${n.kind === "JSONContainsAll" ? "all" : "exists"}(x, x in ${cel(n.target)})`;
    case "ArrayLength":
      return `size(${cel(n.target)})`;
    default:
      return no(n.kind);
  }
}

/** The CEL text for a parsed filter's tree, or null when a construct has no CEL counterpart. */
export function toCel(ast, vars) {
  VARS = vars;
  try {
    return cel(ast);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
