/**
 * Whether a pattern compiles as Go RE2 (Milvus's `regexp.Compile`), approximated with the
 * JavaScript engine: RE2-only syntax is translated (`(?P<name>`, inline flag groups) and the
 * JavaScript-only features RE2 lacks (lookaround, backreferences) are rejected first.
 */
export function re2Problem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return "lookaround assertions ((?=…), (?!…), (?<=…), (?<!…)) are not supported by RE2";
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) return "backreferences (\\1 …) are not supported by RE2";
  if (/\\k</.test(pattern)) return "named backreferences are not supported by RE2";
  let js = pattern.replace(/\(\?P</g, "(?<");
  // Inline flags: `(?i)` at any position, and `(?i:…)` groups.
  js = js.replace(/\(\?[imsU-]+\)/g, "").replace(/\(\?[imsU-]+:/g, "(?:");
  // RE2 classes JavaScript spells differently.
  js = js.replace(/\\z/g, "$").replace(/\\A/g, "^").replace(/\\C/g, ".").replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  js = js.replace(/\[\[:(\w+):\]\]/g, (_m, cls: string) => POSIX[cls] ?? "[x]").replace(/\[:(\w+):\]/g, (_m, cls: string) => (POSIX[cls] ?? "x").slice(1, -1));
  let firstError: string | undefined;
  for (const flags of ["", "u"]) {
    try {
      new RegExp(js, flags);
      return undefined;
    } catch (e) {
      firstError ??= e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e);
    }
  }
  return firstError;
}

const POSIX: Record<string, string> = {
  alnum: "[0-9A-Za-z]",
  alpha: "[A-Za-z]",
  ascii: "[\\x00-\\x7F]",
  blank: "[\\t ]",
  cntrl: "[\\x00-\\x1F\\x7F]",
  digit: "[0-9]",
  graph: "[!-~]",
  lower: "[a-z]",
  print: "[ -~]",
  punct: "[!-/:-@[-`{-~]",
  space: "[\\t\\n\\v\\f\\r ]",
  upper: "[A-Z]",
  word: "[0-9A-Za-z_]",
  xdigit: "[0-9A-Fa-f]",
};
