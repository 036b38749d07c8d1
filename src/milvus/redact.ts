/**
 * Keeping the credential out of every message the Milvus layer produces.
 *
 * Server text (envelope messages, error bodies, low-level error messages) may echo the
 * `Authorization` header in any encoding. The rule, in this order:
 * 1. scrub the whole text: values of credential-bearing fields and header lines are replaced
 *    structurally whatever they hold; every occurrence of the token or the password part of
 *    `user:password` (and of the header value `Bearer <token>`) is replaced when it is at least
 *    MIN_SCRUB characters long, whether it appears raw, JSON-escaped (up to three levels,
 *    `\uXXXX`), percent-encoded (either case, UTF-8 or Latin-1), form-encoded, HTML-escaped, or
 *    base64 (standard or URL alphabet, at any byte alignment);
 * 2. prove the result clean: no form of any secret, however short, remains. Text that cannot be
 *    proven clean (a 1-character password occurs in most text) or is too long to check is withheld
 *    and replaced by its length and a note;
 * 3. only then cut it to length and escape it (JSON quoting or control-character escapes), so
 *    neither a cut nor an escape can hide a token from step 1; and check the shown text again,
 *    because an escape can also create a short secret's form out of innocent characters.
 *
 * The forms are literal strings (a few dozen per secret, see encodedForms), searched with
 * `includes`/`split` over at most MAX_CHECKED characters: no backtracking, and a hostile body
 * costs at worst O(MAX_CHECKED · form length) per form, bounded because the token is at most a
 * header's length and MAX_CHECKED is 64 KiB. Only failure paths pay it.
 */

export const REDACTED = "<redacted>";
/** Shortest secret that is replaced wherever it occurs; shorter ones only make text unprovable. */
const MIN_SCRUB = 3;
/** Longest server text that is checked and shown; longer text is withheld. */
export const MAX_CHECKED = 64 * 1024;

export interface Redactor {
  /** Step 1 only: the text with every recognisable form of the credential replaced by `<redacted>`. */
  scrub(text: string): string;
  /** True when no form of any secret occurs in `text`. */
  isClean(text: string): boolean;
  /**
   * Server text for a message: scrubbed, proven clean (else a note with its length), cut to `max`
   * characters and with control characters escaped. `quoted` wraps it as a JSON string.
   */
  show(text: string, max: number, quoted?: boolean): string;
}

/** A note in place of server text that is not shown. No part of it depends on the credential. */
export function withheldNote(length: number, why: "unproven" | "too-long"): string {
  return why === "too-long"
    ? `[${length} characters not shown: too long to check for the credential]`
    : `[${length} characters withheld: they may contain the credential]`;
}

export function createRedactor(token: string | undefined): Redactor {
  const secrets = secretsOf(token);
  // Every form of every secret, longest first, so that a password inside the token does not
  // split the token's redaction. A secret shorter than MIN_SCRUB is replaced only in its encoded
  // forms of 4+ characters (`\u0078`, base64); its raw form is only checked for.
  const all = secrets.flatMap((s) => encodedForms(s).map((form) => ({ form, replace: s.length >= MIN_SCRUB || form.length >= 4 })));
  all.sort((a, b) => b.form.length - a.form.length);
  const replaceable = all.filter((f) => f.replace).map((f) => f.form);
  const checked = all.map((f) => f.form);

  const scrub = (text: string): string => {
    let out = scrubStructurally(text);
    for (const form of replaceable) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
  const isClean = (text: string): boolean => !checked.some((form) => text.includes(form));
  const show = (text: string, max: number, quoted = false): string => {
    if (text.length > MAX_CHECKED) return withheldNote(text.length, "too-long");
    const scrubbed = scrub(text);
    if (!isClean(scrubbed)) return withheldNote(text.length, "unproven");
    const cut = scrubbed.length > max ? `${scrubbed.slice(0, max)}…` : scrubbed;
    const shown = quoted ? JSON.stringify(cut) : escapeControls(cut);
    // Escaping adds backslashes, and a short secret can appear in the result by coincidence
    // (password `u\` in `"u"` quoted as `\"u\"`): the text as shown must be clean too.
    return isClean(shown) ? shown : withheldNote(text.length, "unproven");
  };
  return { scrub, isClean, show };
}

/**
 * The token, the whole header value (`Bearer <token>`: long enough to recognise in any encoding,
 * even around a 1-character token), and the password of `user:password` (the user name is not
 * secret).
 */
function secretsOf(token: string | undefined): string[] {
  if (!token) return [];
  const out = [token, `Bearer ${token}`];
  const colon = token.indexOf(":");
  if (colon >= 0 && colon < token.length - 1) out.push(token.slice(colon + 1));
  return out;
}

/** C0/C1 control characters as `\uXXXX`, so server text cannot drive a terminal. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, unicodeEscape);
}

// ---------------------------------------------------------------- structural scrubbing

const CREDENTIAL_KEYS = "authorization|proxy-authorization|x-api-key|api[-_]?key|access[-_]?token|token|password|passwd|pwd|secret|credentials?";
/** `Authorization: …` as a header line: the rest of the line is the credential. */
const HEADER_LINE = new RegExp(`^([ \\t]*(?:${CREDENTIAL_KEYS})[ \\t]*:[ \\t]*)(.*)$`, "gim");
/** `"password": "…"`, `token=…`, `'secret': '…'`, also inside escaped JSON: the value is the credential. */
const KEY_VALUE = new RegExp(
  `((?:\\\\*["'])?\\b(?:${CREDENTIAL_KEYS})\\b(?:\\\\*["'])?[ \\t]*[:=][ \\t]*)` +
    `(?:(\\\\*)"(?:[^"\\\\]|\\\\[^])*?\\2"|'[^']*'|[^\\s&,;}\\]"']+)`,
  "gi",
);
/** `Bearer …` / `Basic …` anywhere: the next word is the credential. */
const SCHEME = /\b(Bearer|bearer|Basic)(\s+)(?!<redacted>)[^\s"'\\,;}\]]+/g;

function scrubStructurally(text: string): string {
  return text
    .replace(HEADER_LINE, (_m, head: string) => `${head}${REDACTED}`)
    .replace(KEY_VALUE, (_m, head: string) => `${head}${REDACTED}`)
    .replace(SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

// ---------------------------------------------------------------- encoded forms of one secret

/**
 * Literal strings under which `secret` can appear: raw; JSON-escaped up to three levels deep (as
 * JavaScript writes it, with `<>&` as `\u003c` as Go writes it, and all non-ASCII as `\uXXXX` as
 * Python writes it); percent-encoded (component, URI, form and Latin-1 styles, upper and lower
 * case hex, also encoded twice); HTML-escaped; base64 (see base64Forms). Literal search keeps the
 * scan linear and free of backtracking; a server mixing encodings inside one token is not covered.
 */
function encodedForms(secret: string): string[] {
  const out = new Set<string>([secret]);
  let json = [secret];
  for (let depth = 0; depth < 3; depth++) {
    json = json.flatMap((s) => {
      const plain = JSON.stringify(s).slice(1, -1);
      const go = plain.replace(/[<>&]/g, unicodeEscape);
      return [plain, go, go.replace(/[^\x00-\x7f]/g, unicodeEscape)];
    });
    for (const s of json) out.add(s);
  }
  const percent = [
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    latin1Percent(secret),
  ];
  for (const p of percent) {
    const lower = p.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    for (const v of [p, lower]) {
      out.add(v);
      out.add(v.replace(/%/g, "%25"));
    }
  }
  const html = secret.replace(/[&<>"']/g, (c) => HTML[c]!);
  out.add(html);
  out.add(html.replace(/&#39;/g, "&#x27;").replace(/&quot;/g, "&#34;"));
  for (const b of base64Forms(secret)) out.add(b);
  return [...out].filter((f) => f !== "");
}

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Percent-encoding of the Latin-1 bytes (one byte per character up to U+00FF), unreserved characters kept. */
function latin1Percent(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (code <= 0xff) out += `%${code.toString(16).toUpperCase().padStart(2, "0")}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/**
 * The base64 characters that depend only on the secret's bytes, for each of the three byte
 * alignments it can have inside a longer encoded string (UTF-8 and Latin-1 bytes; standard and
 * URL alphabets), plus the padded encoding of the secret alone. Fragments shorter than 4
 * characters say nothing about the secret and are left out.
 */
function base64Forms(secret: string): string[] {
  const out = new Set<string>();
  const byteForms = [Buffer.from(secret, "utf8")];
  if ([...secret].every((c) => c.codePointAt(0)! <= 0xff)) byteForms.push(Buffer.from(secret, "latin1"));
  for (const bytes of byteForms) {
    out.add(bytes.toString("base64"));
    for (let k = 0; k < 3; k++) {
      const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString("base64").replace(/=+$/, "");
      const start = Math.ceil((8 * k) / 6);
      const end = Math.floor((8 * (k + bytes.length)) / 6);
      out.add(enc.slice(start, end));
    }
  }
  for (const s of [...out]) out.add(s.replace(/\+/g, "-").replace(/\//g, "_"));
  return [...out].filter((s) => s.length >= 4);
}
