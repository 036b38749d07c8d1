/**
 * The compact type string: `VarChar(512) nullable match`, `Array<VarChar(64), 16>`,
 * `FloatVector(768)`, `Decimal(18, 4)`, `Int64 primary auto`. Grammar (docs/schema.md):
 *
 *   spec      = type { modifier }
 *   type      = container [ "<" type [ "," INT ] ">" ]   (container: Array, ArrayOfVector)
 *             | NAME [ "(" INT { "," INT } ")" ]
 *   modifier  = "primary" | "auto" | "nullable" | "partition" | "match"
 *
 * Names and modifiers are case-insensitive. Also used for v1-style describe types (`VarChar(256)`).
 */
import { isVectorType, normalizeDataType, suggestDataType, type DataType } from "./types.js";

export const MODIFIERS = ["primary", "auto", "nullable", "partition", "match"] as const;
export type Modifier = (typeof MODIFIERS)[number];

export interface TypeSpec {
  dataType: DataType;
  elementType?: DataType;
  nestedElementType?: DataType;
  /** Type params implied by the arguments: max_length, dim, precision, scale, max_capacity. */
  params: Record<string, string>;
  modifiers: Set<Modifier>;
}

export type TypeSpecResult =
  | { ok: true; spec: TypeSpec }
  | { ok: false; code: "schema/bad-type-spec" | "schema/unknown-type"; message: string };

interface Token {
  kind: "name" | "int" | "punct" | "end";
  text: string;
  /** 1-based column in the spec string. */
  column: number;
}

const TOKEN = /([A-Za-z_][A-Za-z0-9_]*)|(\d+)|([()<>,])/y;

class SpecError extends Error {
  constructor(
    readonly code: "schema/bad-type-spec" | "schema/unknown-type",
    message: string,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m) throw new SpecError("schema/bad-type-spec", `unexpected character '${text[i]}' at column ${i + 1}`);
    const kind = m[1] !== undefined ? "name" : m[2] !== undefined ? "int" : "punct";
    out.push({ kind, text: m[0], column: i + 1 });
    i += m[0].length;
  }
  out.push({ kind: "end", text: "end of text", column: text.length + 1 });
  return out;
}

/** Number of arguments each type accepts and the params they become. */
function argumentParams(t: DataType): readonly string[][] {
  if (t === "VarChar" || t === "String") return [["max_length"]];
  if (isVectorType(t) && t !== "SparseFloatVector") return [["dim"]];
  if (t === "Decimal") return [["precision"], ["precision", "scale"]];
  return [];
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.pos]!;
  }
  private next(): Token {
    const t = this.toks[this.pos]!;
    if (t.kind !== "end") this.pos++;
    return t;
  }
  private fail(t: Token, what: string): never {
    const found = t.kind === "end" ? "end of text" : `'${t.text}'`;
    throw new SpecError("schema/bad-type-spec", `expected ${what} at column ${t.column}, found ${found}`);
  }
  private expect(text: string): void {
    const t = this.next();
    if (t.text !== text || t.kind !== "punct") this.fail(t, `'${text}'`);
  }
  private int(): string {
    const t = this.next();
    if (t.kind !== "int") this.fail(t, "an integer");
    return t.text.replace(/^0+(?=\d)/, "");
  }

  type(depth: number): Omit<TypeSpec, "modifiers"> {
    const t = this.next();
    if (t.kind !== "name") this.fail(t, "a type name");
    const dataType = normalizeDataType(t.text);
    if (!dataType) {
      const near = suggestDataType(t.text);
      throw new SpecError("schema/unknown-type", `unknown data type "${t.text}" at column ${t.column}${near ? `; did you mean "${near}"?` : ""}`);
    }
    const params: Record<string, string> = Object.create(null);
    if (dataType === "Array" || dataType === "ArrayOfVector") {
      if (this.peek().text !== "<") return { dataType, params };
      this.next();
      const at = this.peek();
      const inner = this.type(depth + 1);
      if (inner.nestedElementType !== undefined || (depth > 0 && inner.elementType !== undefined)) {
        throw new SpecError("schema/bad-type-spec", `arrays nest at most two levels deep (column ${at.column})`);
      }
      if (inner.params.max_capacity !== undefined) {
        throw new SpecError("schema/bad-type-spec", `only the outermost array takes a capacity (column ${at.column})`);
      }
      Object.assign(params, inner.params);
      if (this.peek().text === ",") {
        this.next();
        params.max_capacity = this.int();
      }
      this.expect(">");
      return inner.dataType === "Array"
        ? { dataType, elementType: "Array", ...(inner.elementType ? { nestedElementType: inner.elementType } : {}), params }
        : { dataType, elementType: inner.dataType, params };
    }
    if (this.peek().text === "<") this.fail(this.peek(), `arguments '(' or a modifier (${dataType} is not a container)`);
    if (this.peek().text === "(") {
      const open = this.next();
      const args = [this.int()];
      while (this.peek().text === ",") {
        this.next();
        args.push(this.int());
      }
      this.expect(")");
      const names = argumentParams(dataType).find((n) => n.length === args.length);
      if (!names) {
        const allowed = argumentParams(dataType).map((n) => n.length);
        const what = allowed.length === 0 ? "takes no arguments" : `takes ${allowed.join(" or ")} argument(s)`;
        throw new SpecError("schema/bad-type-spec", `${dataType} ${what} (column ${open.column})`);
      }
      names.forEach((n, k) => (params[n] = args[k]!));
    }
    return { dataType, params };
  }

  modifiers(allow: boolean): Set<Modifier> {
    const out = new Set<Modifier>();
    for (let t = this.next(); t.kind !== "end"; t = this.next()) {
      if (!allow) this.fail(t, "end of type");
      const m = t.text.toLowerCase() as Modifier;
      if (t.kind !== "name" || !MODIFIERS.includes(m)) this.fail(t, `a modifier (${MODIFIERS.join(", ")})`);
      if (out.has(m)) throw new SpecError("schema/bad-type-spec", `modifier "${m}" repeated at column ${t.column}`);
      out.add(m);
    }
    return out;
  }
}

export function parseTypeSpec(text: string, allowModifiers = true): TypeSpecResult {
  try {
    const p = new Parser(tokenize(text));
    const type = p.type(0);
    const modifiers = p.modifiers(allowModifiers);
    return { ok: true, spec: { ...type, modifiers } };
  } catch (e) {
    if (e instanceof SpecError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
