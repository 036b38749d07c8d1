/**
 * What the rules are configured with: `settings.milvusFilter` (shared by every rule, usually from
 * `.milvusfilterrc.json` through `readMilvusFilterConfig()`), overridden by a rule's own options.
 *
 * ESLint runs rules synchronously, so the rc file (found and validated by the CLI's own loader,
 * src/cli/config.ts, which is asynchronous) is read when the flat config is loaded, where top-level
 * `await` is allowed; the rules then only read the schema file, synchronously, once per file
 * version.
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { Rule } from "eslint";
import { loadSchema, parseSchemaJson } from "../schema/load.js";
import type { CollectionSchema } from "../schema/types.js";
import { resolveConfig } from "../cli/config.js";
import { nodeFileSystem } from "../cli/node-io.js";
import { CliUsageError, type CliIO } from "../cli/io.js";
import { parseRuleSetting, ruleInfo, type RuleSeverity } from "../cli/rules.js";
import { DEFAULT_PURPOSE, DEFAULT_TARGET, PURPOSES, TARGETS, type Purpose, type Target } from "../cli/targets.js";
import { DEFAULT_RECEIVER_TYPES, type CallPattern } from "./sites.js";

/** One JSON schema of a rule's options, as ESLint types it (no direct dependency on @types/json-schema). */
type JSONSchema4 = Exclude<NonNullable<Rule.RuleMetaData["schema"]>, false | unknown[]>;

/** `settings.milvusFilter`, and the options of `valid-filter` (which override it). */
export interface MilvusFilterSettings {
  /** A schema file (relative to ESLint's working directory) or the schema itself (any shape `loadSchema` reads). */
  schema?: string | Record<string, unknown>;
  target?: Target;
  /** For filters whose call does not imply one (delete calls are always checked as `delete`). */
  purpose?: Purpose;
  /** Severity overrides by diagnostic code, as in `.milvusfilterrc.json` (`"off"` drops a code). */
  rules?: Record<string, string | number>;
  /** More places that take filters. */
  calls?: CallPattern[];
  /** With type information, receivers of these type names are Milvus clients. */
  receiverTypes?: string[];
}

export interface Resolved {
  readonly schema: CollectionSchema | undefined;
  readonly target: Target;
  readonly purpose: Purpose;
  readonly severities: ReadonlyMap<string, RuleSeverity>;
  readonly calls: readonly CallPattern[];
  readonly receiverTypes: readonly string[];
  /** Configuration problems, reported once per file. */
  readonly problems: readonly string[];
}

const CALL_SCHEMA: JSONSchema4 = {
  type: "object",
  properties: {
    callee: { type: "string", minLength: 1 },
    argument: { type: "integer", minimum: 0 },
    property: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    purpose: { enum: [...PURPOSES] },
  },
  required: ["callee"],
  additionalProperties: false,
};

/** JSON schema of the shared options (each rule's `meta.schema` uses it). */
export const SETTINGS_PROPERTIES: Record<string, JSONSchema4> = {
  schema: { anyOf: [{ type: "string" }, { type: "object" }] },
  target: { enum: [...TARGETS] },
  purpose: { enum: [...PURPOSES] },
  rules: { type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "integer" }] } },
  calls: { type: "array", items: CALL_SCHEMA },
  receiverTypes: { type: "array", items: { type: "string" } },
};

/** Settings merged with a rule's options and checked; never throws (problems are returned). */
export function resolveSettings(context: Rule.RuleContext, options: MilvusFilterSettings = {}): Resolved {
  const shared = (context.settings as Record<string, unknown>).milvusFilter;
  const problems: string[] = [];
  const base: MilvusFilterSettings = isObject(shared) ? (shared as MilvusFilterSettings) : {};
  if (shared !== undefined && !isObject(shared)) problems.push("settings.milvusFilter must be an object");
  const merged: MilvusFilterSettings = { ...base, ...options };

  const target = choice("target", merged.target, TARGETS, problems) ?? DEFAULT_TARGET;
  const purpose = choice("purpose", merged.purpose, PURPOSES, problems) ?? DEFAULT_PURPOSE;
  const severities = new Map<string, RuleSeverity>();
  for (const [code, setting] of Object.entries(isObject(merged.rules) ? merged.rules : {})) {
    const sev = parseRuleSetting(setting);
    if (!ruleInfo(code)) problems.push(`unknown diagnostic code "${code}" in rules`);
    else if (!sev) problems.push(`rule "${code}" must be "off", "info", "warn" or "error"; found ${JSON.stringify(setting)}`);
    else severities.set(code, sev);
  }
  const calls = Array.isArray(merged.calls) ? merged.calls.filter((c) => isObject(c) && typeof c.callee === "string") : [];
  if (merged.calls !== undefined && calls.length !== (Array.isArray(merged.calls) ? merged.calls.length : -1)) {
    problems.push("calls must be an array of { callee, argument?, property?, purpose? }");
  }
  const receiverTypes = Array.isArray(merged.receiverTypes) ? merged.receiverTypes.map(String) : [...DEFAULT_RECEIVER_TYPES];
  const schema = schemaFor(merged.schema, context.cwd, problems);
  return { schema, target, purpose, severities, calls, receiverTypes, problems };
}

function choice<T extends string>(name: string, value: unknown, choices: readonly T[], problems: string[]): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly unknown[]).includes(value)) return value as T;
  problems.push(`${name} must be one of ${choices.join(", ")}; found ${JSON.stringify(value)}`);
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Schema files are read once per (path, size, mtime); inline schemas once per object.
const fileCache = new Map<string, { stamp: string; schema?: CollectionSchema; problem?: string }>();
const inlineCache = new WeakMap<object, { schema?: CollectionSchema; problem?: string }>();

function schemaFor(setting: unknown, cwd: string, problems: string[]): CollectionSchema | undefined {
  if (setting === undefined || setting === null) return undefined;
  let entry: { schema?: CollectionSchema; problem?: string };
  if (typeof setting === "string") {
    const file = isAbsolute(setting) ? setting : resolve(cwd, setting);
    entry = readSchemaFile(file);
  } else if (isObject(setting)) {
    entry = inlineCache.get(setting) ?? fromLoad(loadSchema(setting), "the inline schema");
    inlineCache.set(setting, entry);
  } else {
    entry = { problem: "schema must be a file name or a schema object" };
  }
  if (entry.problem) problems.push(entry.problem);
  return entry.schema;
}

function readSchemaFile(file: string): { schema?: CollectionSchema; problem?: string } {
  let stamp: string;
  try {
    const s = statSync(file);
    stamp = `${s.size}:${s.mtimeMs}`;
  } catch (e) {
    return { problem: `cannot read the schema file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const cached = fileCache.get(file);
  if (cached && cached.stamp === stamp) return cached;
  let entry: { stamp: string; schema?: CollectionSchema; problem?: string };
  try {
    entry = { stamp, ...fromLoad(parseSchemaJson(readFileSync(file, "utf8")), `the schema in ${file}`) };
  } catch (e) {
    entry = { stamp, problem: `cannot read the schema file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  fileCache.set(file, entry);
  return entry;
}

function fromLoad(r: ReturnType<typeof loadSchema>, what: string): { schema?: CollectionSchema; problem?: string } {
  if (r.issues.length === 0 && r.schema) return { schema: r.schema };
  const first = r.issues[0];
  return { problem: `${what} is not usable: ${first ? `${first.path || "(document)"}: ${first.message} [${first.code}]` : "no schema"}` };
}

export interface ReadConfigOptions {
  /** Where the upward search for `.milvusfilterrc.json` / package.json `milvusFilter` starts (default: process.cwd()). */
  cwd?: string;
  /** An explicit config file instead of the search. */
  config?: string;
}

/**
 * `settings.milvusFilter` from `.milvusfilterrc.json` (or package.json's `milvusFilter`), found and
 * validated exactly as the CLI does. For a flat config: `settings: { milvusFilter: await readMilvusFilterConfig() }`.
 * A broken config file rejects with its message (ESLint then reports it when loading the config).
 */
export async function readMilvusFilterConfig(options: ReadConfigOptions = {}): Promise<MilvusFilterSettings> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const io: CliIO = {
    stdout: { write: () => {} },
    stderr: { write: () => {} },
    stdin: async () => "",
    cwd,
    env: {},
    isTTY: { stdout: false, stderr: false },
    fs: nodeFileSystem,
  };
  try {
    const config = await resolveConfig(io, options.config !== undefined ? { config: options.config } : {});
    const out: MilvusFilterSettings = { target: config.target, purpose: config.purpose };
    if (config.schema !== null) out.schema = config.schema;
    const rules: Record<string, string> = {};
    for (const [code, sev] of Object.entries(config.rules)) rules[code] = sev === "warning" ? "warn" : sev;
    if (Object.keys(rules).length > 0) out.rules = rules;
    return out;
  } catch (e) {
    if (e instanceof CliUsageError) throw new Error(`milvus-filter: ${e.message}`);
    throw e;
  }
}
