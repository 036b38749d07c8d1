/**
 * A small JSON Schema (draft-04/07 core) validator for the tests: $ref to local definitions, type,
 * properties, required, additionalProperties, enum, const, items, minItems, maxItems, uniqueItems,
 * minimum, maximum, minLength, pattern, anyOf, allOf, oneOf, not, and the formats uri and
 * uri-reference. Enough for the SARIF schema, official or subset. Returns every error, with the path.
 */
type Schema = Record<string, unknown> | boolean;

export interface SchemaError {
  path: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === "number" && actual === "integer");
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const URI_REFERENCE = /^[^\s<>"{}|\\^`]*$/;

export function validate(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith("#/")) throw new Error(`only local $ref is supported: ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    return node as Schema;
  };

  const check = (schema: Schema, v: unknown, path: string, out: SchemaError[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push({ path, message: "no value is allowed here" });
      return;
    }
    if (typeof schema.$ref === "string") {
      check(resolve(schema.$ref), v, path, out);
      return;
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => typeMatches(v, t))) {
        out.push({ path, message: `expected ${types.join(" or ")}, found ${typeOf(v)}` });
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v))) {
      out.push({ path, message: `must be one of ${JSON.stringify(schema.enum)}, found ${JSON.stringify(v)}` });
    }
    if ("const" in schema && !deepEqual(schema.const, v)) out.push({ path, message: `must equal ${JSON.stringify(schema.const)}` });

    if (typeof v === "number") {
      if (typeof schema.minimum === "number" && v < schema.minimum) out.push({ path, message: `must be >= ${schema.minimum}` });
      if (typeof schema.maximum === "number" && v > schema.maximum) out.push({ path, message: `must be <= ${schema.maximum}` });
    }
    if (typeof v === "string") {
      if (typeof schema.minLength === "number" && v.length < schema.minLength) out.push({ path, message: `shorter than ${schema.minLength}` });
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(v)) {
        out.push({ path, message: `does not match /${schema.pattern}/` });
      }
      if (schema.format === "uri" && !URI.test(v)) out.push({ path, message: `not an absolute URI: ${v}` });
      if (schema.format === "uri-reference" && !URI_REFERENCE.test(v)) out.push({ path, message: `not a URI reference: ${v}` });
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === "number" && v.length < schema.minItems) out.push({ path, message: `fewer than ${schema.minItems} items` });
      if (typeof schema.maxItems === "number" && v.length > schema.maxItems) out.push({ path, message: `more than ${schema.maxItems} items` });
      if (schema.uniqueItems === true) {
        const seen = new Set<string>();
        for (const item of v) {
          const key = JSON.stringify(item);
          if (seen.has(key)) out.push({ path, message: `duplicate item ${key.slice(0, 80)}` });
          seen.add(key);
        }
      }
      if (schema.items !== undefined && !Array.isArray(schema.items)) {
        v.forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`, out));
      }
    }
    if (typeOf(v) === "object") {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) {
        if (!(key in obj)) out.push({ path, message: `missing required property "${key}"` });
      }
      for (const [key, item] of Object.entries(obj)) {
        if (key in props) check(props[key]!, item, `${path}.${key}`, out);
        else if (schema.additionalProperties === false) out.push({ path, message: `unexpected property "${key}"` });
        else if (typeof schema.additionalProperties === "object") check(schema.additionalProperties as Schema, item, `${path}.${key}`, out);
      }
    }
    if (Array.isArray(schema.allOf)) for (const s of schema.allOf) check(s as Schema, v, path, out);
    if (Array.isArray(schema.anyOf)) {
      const ok = schema.anyOf.some((s) => {
        const e: SchemaError[] = [];
        check(s as Schema, v, path, e);
        return e.length === 0;
      });
      if (!ok) out.push({ path, message: "matches none of anyOf" });
    }
    if (Array.isArray(schema.oneOf)) {
      const n = schema.oneOf.filter((s) => {
        const e: SchemaError[] = [];
        check(s as Schema, v, path, e);
        return e.length === 0;
      }).length;
      if (n !== 1) out.push({ path, message: `matches ${n} of oneOf (exactly 1 required)` });
    }
    if (schema.not !== undefined) {
      const e: SchemaError[] = [];
      check(schema.not as Schema, v, path, e);
      if (e.length === 0) out.push({ path, message: "must not match the 'not' schema" });
    }
  };

  check(root, value, "$", errors);
  return errors;
}
