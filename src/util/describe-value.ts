/** Short, safe rendering of an arbitrary value for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    case "number":
    case "boolean":
      return String(v);
    case "bigint":
      return `${v}n`;
    case "undefined":
      return "undefined";
    case "object":
      return "an object";
    default:
      return `a ${typeof v}`;
  }
}
