/**
 * Lint configuration: `.milvusfilterrc.json`, or a `milvusFilter` key in `package.json`, found by
 * searching from the working directory upward (the first directory holding either wins; the rc file
 * before package.json), or named with `--config`. Command-line flags override it.
 *
 *   { "schema": "schema.json", "params": "params.json" | {…}, "target": "2.6",
 *     "purpose": "delete" | "query", "rules": { "<code>": "off" | "info" | "warn" | "error" } }
 *
 * Paths in a config file are relative to that file's directory; paths given as flags are relative
 * to the working directory.
 */
import { dirname, relative, resolve, sep } from "node:path";
import { globToRegExp, hasGlob } from "./glob.js";
import { lineColumn } from "../util/json-core.js";
import { parseJson, parseJsonTree } from "../util/json.js";
import { closest } from "./args.js";
import { errorCode, describeFsError, CliUsageError, type CliIO } from "./io.js";
import { RULES, parseRuleSetting, ruleInfo, type RuleSeverity } from "./rules.js";
import { DEFAULT_PURPOSE, DEFAULT_TARGET, PURPOSES, checkTarget, type Purpose, type Target } from "./targets.js";

export { DEFAULT_PURPOSE, DEFAULT_TARGET, PURPOSES, TARGETS, type Purpose, type Target } from "./targets.js";

export const RC_FILE = ".milvusfilterrc.json";
const CONFIG_KEYS = ["$schema", "schema", "params", "target", "purpose", "rules", "ignore"];

/** Template values: a JSON file path, or the values themselves. */
export type ParamsSetting = { file: string } | { inline: unknown };

export interface ResolvedConfig {
  /** The config file used (absolute), or null. */
  readonly configFile: string | null;
  /** `package.json` key or rc file. */
  readonly configKind: "rc" | "package.json" | null;
  /** Absolute schema path. */
  readonly schema: string | null;
  readonly params: ParamsSetting | null;
  readonly target: Target;
  readonly purpose: Purpose;
  /** Overrides by code (only the codes configured). */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** The `ignore` globs, relative to the config file's directory, as written. */
  readonly ignore: readonly string[];
  /** Whether a file found by a directory or glob walk is ignored (absolute path). */
  readonly ignored: (abs: string) => boolean;
}

export interface ConfigFlags {
  config?: string;
  schema?: string;
  params?: string;
  target?: string;
  purpose?: string;
  /** `code=severity` entries from `--rule`. */
  rules?: readonly string[];
}

interface RawConfig {
  file: string;
  kind: "rc" | "package.json";
  value: Record<string, unknown>;
}

export async function resolveConfig(io: CliIO, flags: ConfigFlags): Promise<ResolvedConfig> {
  const raw = flags.config ? await readExplicit(io, resolve(io.cwd, flags.config)) : await search(io);
  const base = raw ? dirname(raw.file) : io.cwd;
  const v = raw?.value ?? {};
  const where = raw ? ` in ${raw.file}${raw.kind === "package.json" ? " (key \"milvusFilter\")" : ""}` : "";

  for (const key of Object.keys(v)) {
    if (!CONFIG_KEYS.includes(key)) {
      const near = closest(key, CONFIG_KEYS);
      throw new CliUsageError(`unknown configuration key "${key}"${where}${near ? `. Did you mean "${near}"?` : ""}`);
    }
  }
  const str = (key: string): string | undefined => {
    const x = v[key];
    if (x === undefined || x === null) return undefined;
    if (typeof x !== "string") throw new CliUsageError(`configuration "${key}" must be a string${where}`);
    return x;
  };

  let schema: string | null = null;
  if (flags.schema !== undefined) schema = resolve(io.cwd, flags.schema);
  else if (str("schema") !== undefined) schema = resolve(base, str("schema")!);

  let params: ParamsSetting | null = null;
  if (flags.params !== undefined) params = { file: resolve(io.cwd, flags.params) };
  else if (typeof v.params === "string") params = { file: resolve(base, v.params) };
  else if (v.params !== undefined && v.params !== null) {
    if (typeof v.params !== "object" || Array.isArray(v.params)) {
      throw new CliUsageError(`configuration "params" must be a file name or an object of template values${where}`);
    }
    params = { inline: v.params };
  }

  const targetValue = flags.target ?? str("target");
  const target = targetValue !== undefined ? checkTarget(targetValue, flags.target !== undefined ? "" : where) : DEFAULT_TARGET;
  const purpose = checkChoice("purpose", flags.purpose ?? str("purpose"), PURPOSES, flags.purpose !== undefined ? "" : where) ?? DEFAULT_PURPOSE;

  const rules: Record<string, RuleSeverity> = Object.create(null);
  if (v.rules !== undefined && v.rules !== null) {
    if (typeof v.rules !== "object" || Array.isArray(v.rules)) throw new CliUsageError(`configuration "rules" must be an object${where}`);
    for (const [code, setting] of Object.entries(v.rules as Record<string, unknown>)) {
      rules[code] = checkRule(code, setting, where);
    }
  }
  for (const entry of flags.rules ?? []) {
    const eq = entry.lastIndexOf("=");
    if (eq <= 0) throw new CliUsageError(`--rule needs CODE=SEVERITY (for example --rule style/non-canonical=warn); found '${entry}'`);
    const code = entry.slice(0, eq).trim();
    rules[code] = checkRule(code, entry.slice(eq + 1).trim(), "");
  }

  const ignore = readIgnore(v.ignore, where);
  return { configFile: raw?.file ?? null, configKind: raw?.kind ?? null, schema, params, target, purpose, rules, ignore, ignored: ignoreMatcher(base, ignore) };
}

function readIgnore(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((p) => typeof p !== "string" || p.trim() === "")) {
    throw new CliUsageError(`configuration "ignore" must be an array of path patterns (globs with * ? **, relative to the config file)${where}`);
  }
  return value as string[];
}

/**
 * `ignore` patterns, relative to the config file's directory: `bad.txt` (that file, or that
 * directory and everything in it), `drafts/` (a directory), globs with `*`, `?` and `**`.
 */
function ignoreMatcher(base: string, patterns: readonly string[]): (abs: string) => boolean {
  if (patterns.length === 0) return () => false;
  const tests = patterns.map((raw): ((rel: string) => boolean) => {
    const p = raw.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
    if (hasGlob(p)) {
      const re = globToRegExp(p.split("/"));
      return (rel) => re.test(rel) || rel.split("/").some((_, i, parts) => re.test(parts.slice(0, i + 1).join("/")));
    }
    return (rel) => rel === p || rel.startsWith(`${p}/`);
  });
  return (abs) => {
    const rel = relative(base, abs).split(sep).join("/");
    if (rel.startsWith("../")) return false;
    return tests.some((t) => t(rel));
  };
}

function checkChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], where: string): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  const near = closest(value, choices);
  throw new CliUsageError(`${name} must be one of ${choices.join(", ")}; found "${value}"${where}${near ? `. Did you mean "${near}"?` : ""}`);
}

function checkRule(code: string, setting: unknown, where: string): RuleSeverity {
  const info = ruleInfo(code);
  if (!info) {
    const near = closest(code, RULES.map((r) => r.code));
    throw new CliUsageError(`unknown rule "${code}"${where}${near ? `. Did you mean "${near}"?` : ""}`, {
      details: ["Run 'milvus-filter rules' for the list of codes."],
    });
  }
  const severity = parseRuleSetting(setting);
  if (!severity) {
    throw new CliUsageError(`rule "${code}" must be "off", "info", "warn" or "error" (or 0, 1, 2); found ${JSON.stringify(setting)}${where}`);
  }
  if (info.fatal && severity !== info.defaultSeverity) {
    throw new CliUsageError(`rule "${code}" cannot be changed${where}: a filter with this problem cannot be analysed at all`);
  }
  return severity;
}

async function readExplicit(io: CliIO, file: string): Promise<RawConfig> {
  let text: string;
  try {
    text = await io.fs.readFile(file);
  } catch (e) {
    throw new CliUsageError(`cannot read the configuration file ${file}: ${describeFsError(e)}`);
  }
  const isPackage = /(^|[\\/])package\.json$/.test(file);
  const value = parseConfigText(text, file, isPackage);
  if (value === undefined) throw new CliUsageError(`${file} has no "milvusFilter" key`);
  return { file, kind: isPackage ? "package.json" : "rc", value };
}

/** From the working directory up to the root: the first rc file, or package.json with `milvusFilter`. */
async function search(io: CliIO): Promise<RawConfig | null> {
  let dir = io.cwd;
  for (;;) {
    const rc = resolve(dir, RC_FILE);
    const rcText = await tryRead(io, rc);
    if (rcText !== undefined) return { file: rc, kind: "rc", value: parseConfigText(rcText, rc, false)! };
    const pkg = resolve(dir, "package.json");
    const pkgText = await tryRead(io, pkg);
    if (pkgText !== undefined) {
      const value = parseConfigText(pkgText, pkg, true, true);
      if (value !== undefined) return { file: pkg, kind: "package.json", value };
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function tryRead(io: CliIO, file: string): Promise<string | undefined> {
  try {
    return await io.fs.readFile(file);
  } catch (e) {
    const code = errorCode(e);
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw new CliUsageError(`cannot read ${file}: ${describeFsError(e)}`);
  }
}

/**
 * The config object of an rc file or the `milvusFilter` key of package.json (undefined when the
 * package has none). A broken package.json found by the upward search is ignored (it may belong to
 * something else); a broken rc file is an error.
 */
function parseConfigText(text: string, file: string, isPackage: boolean, lenient = false): Record<string, unknown> | undefined {
  // In package.json only our own key is checked for repeated keys (the rest is someone else's).
  const parsed = parseJson(text, { floats: "tagged", duplicateKeys: isPackage ? "last" : "error" });
  if (!parsed.ok) {
    const { line, column, duplicateKey } = parsed.error;
    if (duplicateKey !== undefined) throw duplicateKeyError(file, line, column, duplicateKey);
    if (lenient) return undefined;
    throw new CliUsageError(`${file}:${line}:${column}: invalid JSON: ${parsed.error.message}`);
  }
  let value: unknown = parsed.value;
  if (isPackage) {
    if (!isObject(value) || !Object.hasOwn(value, "milvusFilter")) return undefined;
    rejectRepeatedPackageKeys(text, file);
    value = value.milvusFilter;
  }
  if (!isObject(value)) throw new CliUsageError(`the configuration in ${file} must be a JSON object`);
  return value;
}

/** Throws when package.json has `milvusFilter` twice, or a repeated key inside it. `text` is valid JSON. */
function rejectRepeatedPackageKeys(text: string, file: string): void {
  const tree = parseJsonTree(text);
  if (!tree.ok || tree.value.type !== "object") return;
  const ours = tree.value.members.filter((m) => m.key.value === "milvusFilter");
  const at = (offset: number): { line: number; column: number } => lineColumn(text, offset);
  if (ours.length > 1) {
    const { line, column } = at(ours[1]!.key.start);
    throw duplicateKeyError(file, line, column, "milvusFilter");
  }
  const { start, end } = ours[0]!.value;
  const inner = parseJson(text.slice(start, end), { duplicateKeys: "error" });
  if (!inner.ok && inner.error.duplicateKey !== undefined) {
    const { line, column } = at(start + inner.error.offset);
    throw duplicateKeyError(file, line, column, inner.error.duplicateKey);
  }
}

/**
 * A key given twice in a configuration or template-values file: JSON readers disagree on which
 * value counts (most keep the last silently), so the file is refused. Code: config/duplicate-key.
 */
export function duplicateKeyError(file: string, line: number, column: number, key: string): CliUsageError {
  return new CliUsageError(`${file}:${line}:${column}: duplicate key ${JSON.stringify(key)} [config/duplicate-key]`, {
    details: ["Each key may appear only once in an object; remove one of them."],
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Effective severity of every known code under this configuration. */
export function effectiveSeverities(config: ResolvedConfig): Map<string, RuleSeverity> {
  const out = new Map<string, RuleSeverity>();
  for (const r of RULES) out.set(r.code, config.rules[r.code] ?? r.defaultSeverity);
  return out;
}

/** What --print-config shows. */
export function printableConfig(config: ResolvedConfig, cwd: string): Record<string, unknown> {
  const rel = (p: string): string => {
    const r = p.startsWith(cwd + "/") ? p.slice(cwd.length + 1) : p;
    return r;
  };
  const rules: Record<string, string> = {};
  for (const [code, sev] of effectiveSeverities(config)) rules[code] = sev === "warning" ? "warn" : sev;
  return {
    configFile: config.configFile,
    schema: config.schema === null ? null : rel(config.schema),
    params: config.params === null ? null : "file" in config.params ? rel(config.params.file) : config.params.inline,
    target: config.target,
    purpose: config.purpose,
    rules,
    ignore: config.ignore,
  };
}
