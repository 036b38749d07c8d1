/**
 * JSON text → value, with syntax errors reported at a line and column.
 *
 * `JSON.parse` does the parsing; when it fails, a small validator re-scans the text to find the
 * first offending character (V8's messages only sometimes carry a position). Integers beyond 2^53
 * (collectionID, timestamps) are rounded by JSON.parse; the loader never reads those keys.
 */
import { Source } from "../diag/source.js";
import { issue, type SchemaIssue } from "./issues.js";

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; issue: SchemaIssue };

export function parseJsonText(text: string): JsonTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // tolerate a UTF-8 BOM
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    if (e instanceof RangeError) {
      return { ok: false, issue: issue("schema/json-syntax", "Invalid JSON: the document is nested too deeply", "") };
    }
    const found = locateJsonError(body);
    const offset = found ? found.offset + (body === text ? 0 : 1) : undefined;
    let message: string;
    if (found && offset !== undefined) {
      const pos = new Source(text).position(offset);
      message = `Invalid JSON at line ${pos.line}, column ${pos.column}: ${found.message}`;
    } else {
      message = `Invalid JSON: ${e instanceof Error ? e.message : String(e)}`;
    }
    return { ok: false, issue: issue("schema/json-syntax", message, "") };
  }
}

export interface JsonErrorLocation {
  offset: number;
  message: string;
}

type State = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "after";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9A-Fa-f]{4}$/;

function show(ch: string): string {
  const c = ch.charCodeAt(0);
  return c < 0x20 || c === 0x7f ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : `'${ch}'`;
}

/** First RFC 8259 syntax error in `text`, or undefined when the text is valid JSON. Iterative. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const n = text.length;
  const stack: ("{" | "[")[] = [];
  let i = 0;
  let state: State = "value";
  let afterComma = false;

  const scanString = (): JsonErrorLocation | undefined => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return { offset: start, message: "unterminated string" };
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, message: `unescaped control character ${show(text[i]!)} in string` };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === "u" && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
        else return { offset: i, message: "invalid escape sequence in string" };
        continue;
      }
      i++;
    }
  };

  for (;;) {
    while (i < n && " \t\n\r".includes(text[i]!)) i++;
    if (i >= n) {
      if (state === "after" && stack.length === 0) return undefined;
      const open = stack[stack.length - 1];
      const what = open === "{" ? "an unclosed object" : open === "[" ? "an unclosed array" : "no value";
      return { offset: n, message: `unexpected end of input (${what})` };
    }
    const ch = text[i]!;
    switch (state) {
      case "valueOrClose":
      case "value": {
        if (ch === "]" && state === "valueOrClose") {
          stack.pop();
          i++;
          state = "after";
          break;
        }
        if (ch === "{" || ch === "[") {
          stack.push(ch);
          i++;
          state = ch === "{" ? "keyOrClose" : "valueOrClose";
          break;
        }
        if (ch === '"') {
          const err = scanString();
          if (err) return err;
          state = "after";
          break;
        }
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (m && m[0].length > 0 && m[0] !== "-") {
          i += m[0].length;
          state = "after";
          break;
        }
        const lit = ["true", "false", "null"].find((w) => text.startsWith(w, i));
        if (lit) {
          i += lit.length;
          state = "after";
          break;
        }
        const trailing = afterComma && (ch === "]" || ch === "}") ? " (trailing commas are not allowed)" : "";
        return { offset: i, message: `unexpected ${show(ch)}, expected a value${trailing}` };
      }
      case "keyOrClose":
      case "key": {
        if (ch === "}" && state === "keyOrClose") {
          stack.pop();
          i++;
          state = "after";
          break;
        }
        if (ch !== '"') {
          const trailing = afterComma && ch === "}" ? " (trailing commas are not allowed)" : "";
          return { offset: i, message: `expected a double-quoted property name, found ${show(ch)}${trailing}` };
        }
        const err = scanString();
        if (err) return err;
        state = "colon";
        break;
      }
      case "colon":
        if (ch !== ":") return { offset: i, message: `expected ':' after property name, found ${show(ch)}` };
        i++;
        state = "value";
        break;
      case "after": {
        const top = stack[stack.length - 1];
        if (top === undefined) return { offset: i, message: `unexpected ${show(ch)} after the end of the JSON value` };
        if (ch === ",") {
          i++;
          state = top === "{" ? "key" : "value";
          afterComma = true;
          continue;
        }
        if (ch === (top === "{" ? "}" : "]")) {
          stack.pop();
          i++;
          break;
        }
        const want = top === "{" ? "',' or '}' after property value" : "',' or ']' after array element";
        return { offset: i, message: `expected ${want}, found ${show(ch)}` };
      }
    }
    afterComma = false;
  }
}
