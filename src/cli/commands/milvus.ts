/**
 * The Milvus subcommands of the CLI: `delete`, `partitions release|drop`, `collection release`,
 * and `liveSchemaFromArgs` for `lint` / `eval` / `repl --uri … --collection …`.
 *
 * Conventions shared by the destructive commands:
 * - everything that can be checked is checked before anything is sent (pre-flight);
 * - the plan (canonical filter, classification, target, load state) is printed first;
 * - `--dry-run` stops there; otherwise a terminal is asked for confirmation, `--yes` skips the
 *   question, and without a terminal and without `--yes` the command refuses (exit 2);
 * - exit 0 done, 1 refused / declined / failed at the server, 2 usage error.
 * The token never reaches the output: client errors are scrubbed, and the plan does not show it.
 */
import { resolve } from "node:path";
import { flagBoolean, flagList, flagNumber, flagString, type ParsedArgs } from "../args.js";
import { CliUsageError, describeFsError, type CliIO } from "../io.js";
import { checkTarget, describeAssumedTarget } from "../targets.js";
import type { CollectionSchema } from "../../schema/index.js";
import { renderDiagnostic } from "../../diag/render.js";
import { Source } from "../../diag/source.js";
import { parseJson, parseJsonLines, stringifyJson } from "../../util/json.js";
import type { Row } from "../../rows/access.js";
import { createMilvusClient, type MilvusClient } from "../../milvus/client.js";
import { MilvusError, PreflightError } from "../../milvus/errors.js";
import { schemaFromDescribe } from "../../milvus/preflight.js";
import { batchOutcome, deleteFlags, serverPreviewJson, serverPreviewLines } from "./milvus-batch.js";
import {
  executeDeletePlan,
  executeDropPartitionPlan,
  executeReleasePlan,
  planDelete,
  planDropPartition,
  planRelease,
  type DeletePlan,
  type DropPartitionPlan,
  type ReleasePlan,
} from "../../milvus/safe-delete.js";

/** What the Milvus commands need beyond CliIO: a terminal question (bin/milvus-filter.mjs provides it). */
export interface PromptIO {
  /** Asks on the terminal; resolves with the answer line, or null at end of input. */
  prompt?(question: string): Promise<string | null>;
}

export interface MilvusCliDeps {
  /** Injected fetch (tests). */
  fetch?: typeof fetch;
}

type IO = CliIO & PromptIO;

// ---------------------------------------------------------------- delete

export async function runDelete(args: ParsedArgs, io: IO, deps: MilvusCliDeps = {}): Promise<number> {
  const json = format(args) === "json";
  const { client, collection, db } = connect(args, io, deps);
  if (args.positionals.length !== 1) {
    throw new CliUsageError(args.positionals.length === 0 ? "the filter to delete by is missing" : "give exactly one filter (quote it)", { showUsage: true });
  }
  let filter = args.positionals[0]!;
  if (filter === "-") filter = (await io.stdin()).replace(/\r?\n$/, "");
  const exprParams = await readParams(io, flagString(args, "params"));
  const rows = await readRows(io, flagString(args, "rows"));
  const partition = flagString(args, "partition");
  if (flagBoolean(args, "inline-params") && exprParams === undefined) throw new CliUsageError("--inline-params needs --params FILE");
  const extra = deleteFlags(args, io, rows !== undefined);
  const target = flagString(args, "target") !== undefined ? checkTarget(flagString(args, "target")!) : undefined;

  let plan: DeletePlan;
  try {
    plan = await planDelete(client, {
      collectionName: collection,
      ...(db !== undefined ? { dbName: db } : {}),
      filter,
      ...(partition !== undefined ? { partitionName: partition } : {}),
      ...(exprParams !== undefined ? { exprParams } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(flagBoolean(args, "inline-params") ? { templates: "inline" as const } : {}),
      ...(rows !== undefined ? { dryRunRows: rows } : {}),
      ...extra.plan,
      purpose: "delete",
    });
  } catch (e) {
    return reportFailure(io, e, json, { action: "delete", filter });
  }

  const dryRun = flagBoolean(args, "dry-run") === true;
  if (json && dryRun) {
    io.stdout.write(`${stringifyJson({ action: "delete", ...deletePlanJson(plan), sent: false })}\n`);
    return 0;
  }
  if (!json) io.stdout.write(describeDeletePlan(plan, client, target));
  if (dryRun) {
    io.stdout.write("dry run: nothing was sent\n");
    return 0;
  }
  const where = `${plan.partitionName !== undefined ? `partition "${plan.partitionName}" of ` : ""}collection "${plan.collectionName}"`;
  if (!(await confirm(io, args, `Delete the matching entities from ${where}? This cannot be undone.`, "delete"))) {
    io.stderr.write("not confirmed: nothing was sent\n");
    return 1;
  }
  try {
    const res = await executeDeletePlan(client, plan, extra.execute(io));
    const batched = batchOutcome(res);
    if (json) io.stdout.write(`${stringifyJson({ action: "delete", ...deletePlanJson(plan), sent: true, deleteCount: res.deleteCount, ...batched?.json })}\n`);
    else if (batched) io.stdout.write(batched.text);
    else {
      const count = res.deleteCount === null ? "the server reported no count" : `deleteCount ${res.deleteCount}`;
      const pk = plan.classification === "primary-key" ? " (keys listed, not rows removed: milvus#51566)" : "";
      io.stdout.write(`deleted: ${count}${res.deleteCount !== null ? pk : ""}\n`);
    }
    return batched === undefined || batched.ok ? 0 : 1;
  } catch (e) {
    return reportFailure(io, e, json, { action: "delete", filter });
  }
}

function deletePlanJson(plan: DeletePlan): Record<string, unknown> {
  const out: Record<string, unknown> = {
    collection: plan.collectionName,
    db: plan.dbName ?? null,
    partition: plan.partitionName ?? null,
    collectionId: plan.collectionId,
    filter: plan.filter,
    exprParams: plan.exprParams ?? null,
    classification: plan.classification,
    listedKeys: plan.listedKeys ?? null,
    loadState: plan.loadState?.loadState ?? null,
    consistencyLevel: plan.consistencyLevel,
    notes: plan.notes,
    warnings: plan.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
  };
  if (plan.dryRun) {
    const { total, matched, unknown, matchedIndexes, semanticsNote } = plan.dryRun;
    out.preview = { total, matched, unknown, matchedIndexes, semantics: semanticsNote };
  }
  return { ...out, ...serverPreviewJson(plan) };
}

function describeDeletePlan(plan: DeletePlan, client: MilvusClient, target: string | undefined): string {
  const lines: [string, string][] = [
    ["server", client.endpoint],
    ["collection", `${plan.collectionName}${plan.dbName !== undefined ? ` (db ${plan.dbName})` : ""}${plan.collectionId !== null ? `, id ${plan.collectionId}` : ""}`],
  ];
  if (plan.partitionName !== undefined) lines.push(["partition", plan.partitionName]);
  lines.push(["filter", plan.filter]);
  lines.push(["target", describeAssumedTarget(target)]);
  if (plan.exprParams !== undefined) lines.push(["exprParams", stringifyJson(plan.exprParams)]);
  lines.push([
    "class",
    plan.classification === "primary-key"
      ? `primary-key fast path${plan.listedKeys !== undefined ? ` (${plan.listedKeys} key${plan.listedKeys === 1 ? "" : "s"} listed)` : ""}`
      : `query-first (${plan.loadState?.loadState ?? "load state unknown"})`,
  ]);
  for (const n of plan.notes) lines.push(["note", n]);
  for (const d of plan.diagnostics) if (d.severity === "warning") lines.push(["warning", `${d.message} [${d.code}]`]);
  if (plan.dryRun) {
    const r = plan.dryRun;
    const shown = r.matchedIndexes.slice(0, 20).map((i) => i + 1);
    lines.push([
      "preview",
      `${r.matched} of ${r.total} rows match${r.unknown > 0 ? `, ${r.unknown} unknown (NULL, not deleted)` : ""}` +
        (shown.length > 0 ? `; rows ${shown.join(", ")}${r.matchedIndexes.length > shown.length ? ", …" : ""}` : ""),
    ]);
    if (r.total > 1 && r.matched === r.total) lines.push(["warning", `this delete selects every one of the ${r.total} rows given; a delete cannot be undone`]);
    lines.push(["assumes", r.semanticsNote]);
  }
  lines.push(...serverPreviewLines(plan));
  return table(lines);
}

// ---------------------------------------------------------------- partitions / collection

export async function runPartitions(args: ParsedArgs, io: IO, deps: MilvusCliDeps = {}): Promise<number> {
  const [action, ...extra] = args.positionals;
  if (action !== "release" && action !== "drop") {
    throw new CliUsageError(action === undefined ? "say what to do: partitions release|drop" : `unknown action '${action}': use release or drop`, { showUsage: true });
  }
  if (extra.length > 0) throw new CliUsageError(`unexpected argument '${extra[0]}' (partitions are given with --partition)`, { showUsage: true });
  const partitions = flagList(args, "partition");
  if (partitions.length === 0) throw new CliUsageError("--partition NAME is required", { showUsage: true });
  if (action === "drop" && partitions.length !== 1) throw new CliUsageError("drop takes exactly one --partition");
  const json = format(args) === "json";
  const { client, collection, db } = connect(args, io, deps);
  const ref = { collectionName: collection, ...(db !== undefined ? { dbName: db } : {}) };
  if (action === "release") return releaseFlow(args, io, client, { ...ref, partitionNames: partitions }, json);

  let plan: DropPartitionPlan;
  try {
    plan = await planDropPartition(client, { ...ref, partitionName: partitions[0]!, releaseFirst: flagBoolean(args, "release-first") === true });
  } catch (e) {
    return reportFailure(io, e, json, { action: "drop" });
  }
  const planJson = { action: "drop", collection, db: db ?? null, partition: plan.partitionName, loadState: plan.loadState?.loadState ?? null, willRelease: plan.willRelease };
  if (!json) {
    const rows: [string, string][] = [
      ["server", client.endpoint],
      ["collection", `${collection}${db !== undefined ? ` (db ${db})` : ""}`],
      ["partition", plan.partitionName],
      ["load state", plan.loadState?.loadState ?? "not loaded"],
      ["steps", plan.willRelease ? "release, wait until released, drop" : "drop"],
    ];
    io.stdout.write(table(rows));
  }
  if (flagBoolean(args, "dry-run")) {
    io.stdout.write(json ? `${stringifyJson({ ...planJson, sent: false })}\n` : "dry run: nothing was sent\n");
    return 0;
  }
  if (!(await confirm(io, args, `Drop partition "${plan.partitionName}" of collection "${collection}" and all its data? This cannot be undone.`, "drop"))) {
    io.stderr.write("not confirmed: nothing was sent\n");
    return 1;
  }
  try {
    const res = await executeDropPartitionPlan(client, plan);
    io.stdout.write(json ? `${stringifyJson({ ...planJson, sent: true, ...res })}\n` : `dropped partition "${plan.partitionName}"${res.released ? " (released first)" : ""}\n`);
    return 0;
  } catch (e) {
    return reportFailure(io, e, json, { action: "drop" });
  }
}

export async function runCollection(args: ParsedArgs, io: IO, deps: MilvusCliDeps = {}): Promise<number> {
  const [action, ...extra] = args.positionals;
  if (action !== "release") {
    throw new CliUsageError(action === undefined ? "say what to do: collection release" : `unknown action '${action}': use release`, { showUsage: true });
  }
  if (extra.length > 0) throw new CliUsageError(`unexpected argument '${extra[0]}'`, { showUsage: true });
  const { client, collection, db } = connect(args, io, deps);
  return releaseFlow(args, io, client, { collectionName: collection, ...(db !== undefined ? { dbName: db } : {}) }, format(args) === "json");
}

async function releaseFlow(
  args: ParsedArgs,
  io: IO,
  client: MilvusClient,
  ref: { collectionName: string; dbName?: string; partitionNames?: string[] },
  json: boolean,
): Promise<number> {
  let plan: ReleasePlan;
  try {
    plan = await planRelease(client, ref);
  } catch (e) {
    return reportFailure(io, e, json, { action: "release" });
  }
  const what = plan.partitionNames
    ? `partition${plan.partitionNames.length > 1 ? "s" : ""} ${plan.partitionNames.map((p) => `"${p}"`).join(", ")} of collection "${plan.collectionName}"`
    : `collection "${plan.collectionName}"`;
  const planJson = {
    action: "release",
    collection: plan.collectionName,
    db: plan.dbName ?? null,
    partitions: plan.partitionNames ?? null,
    loadState: plan.loadState?.loadState ?? null,
  };
  if (!json) {
    const rows: [string, string][] = [
      ["server", client.endpoint],
      ["collection", `${plan.collectionName}${plan.dbName !== undefined ? ` (db ${plan.dbName})` : ""}`],
    ];
    if (plan.partitionNames) rows.push(["partitions", plan.partitionNames.join(", ")]);
    rows.push(["load state", plan.loadState?.loadState ?? "not loaded"]);
    io.stdout.write(table(rows));
  }
  if (flagBoolean(args, "dry-run")) {
    io.stdout.write(json ? `${stringifyJson({ ...planJson, sent: false })}\n` : "dry run: nothing was sent\n");
    return 0;
  }
  if (!(await confirm(io, args, `Release ${what}? Searches, queries and query-first deletes on it fail until it is loaded again.`, "release"))) {
    io.stderr.write("not confirmed: nothing was sent\n");
    return 1;
  }
  try {
    await executeReleasePlan(client, plan);
    io.stdout.write(json ? `${stringifyJson({ ...planJson, sent: true })}\n` : `released ${what}\n`);
    return 0;
  } catch (e) {
    return reportFailure(io, e, json, { action: "release" });
  }
}

// ---------------------------------------------------------------- live schema for lint / eval / repl

/**
 * The schema from `--uri`/`--collection` (with `--token`, `--db`, `--timeout`; MILVUS_URI and
 * MILVUS_TOKEN as defaults), or undefined when neither --uri nor --collection is given.
 * Throws CliUsageError when the flags are incomplete, combined with --schema, or the fetch fails.
 */
export async function liveSchemaFromArgs(args: ParsedArgs, io: CliIO, deps: MilvusCliDeps = {}): Promise<CollectionSchema | undefined> {
  if (flagString(args, "uri") === undefined && flagString(args, "collection") === undefined) return undefined;
  if (flagString(args, "schema") !== undefined) throw new CliUsageError("--schema and --uri/--collection are alternatives: give one of them");
  const { client, collection, db } = connect(args, io, deps);
  let response: unknown;
  try {
    response = (await client.describeCollection({ collectionName: collection, ...(db !== undefined ? { dbName: db } : {}) })).response;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new CliUsageError(`cannot fetch the schema of collection "${collection}" from ${client.endpoint}: ${msg}`);
  }
  try {
    return schemaFromDescribe(response, false, collection);
  } catch (e) {
    throw new CliUsageError(e instanceof Error ? e.message : String(e));
  }
}

// ---------------------------------------------------------------- shared

function connect(args: ParsedArgs, io: CliIO, deps: MilvusCliDeps): { client: MilvusClient; collection: string; db: string | undefined } {
  const uri = flagString(args, "uri") ?? nonEmpty(io.env.MILVUS_URI);
  if (uri === undefined) throw new CliUsageError("--uri URL is required (or set MILVUS_URI)", { showUsage: true });
  const collection = flagString(args, "collection");
  if (collection === undefined || collection === "") throw new CliUsageError("--collection NAME is required", { showUsage: true });
  const token = flagString(args, "token") ?? nonEmpty(io.env.MILVUS_TOKEN);
  const db = flagString(args, "db");
  const timeoutMs = flagNumber(args, "timeout");
  const maxResponseBytes = flagNumber(args, "max-response-bytes");
  try {
    const client = createMilvusClient({
      endpoint: uri,
      ...(token !== undefined ? { token } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    return { client, collection, db };
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/^createMilvusClient: /, "") : String(e);
    const where = `--uri${flagString(args, "uri") === undefined ? " (from MILVUS_URI)" : ""}`;
    throw new CliUsageError(/^endpoint /.test(message) ? `${where}: ${message.replace(/^endpoint /, "")}` : message);
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}

function format(args: ParsedArgs): "text" | "json" {
  return flagString(args, "format") === "json" ? "json" : "text";
}

/** --yes, else a terminal question, else refuse (usage error). */
async function confirm(io: IO, args: ParsedArgs, question: string, action: string): Promise<boolean> {
  if (flagBoolean(args, "yes") === true) return true;
  const stdinTTY = (io.isTTY as { stdin?: boolean }).stdin === true;
  if (!stdinTTY || typeof io.prompt !== "function") {
    throw new CliUsageError(`refusing to ${action} without confirmation: standard input is not a terminal`, {
      details: ["Pass --yes to confirm non-interactively, or --dry-run to only show the plan."],
    });
  }
  const answer = await io.prompt(`${question} [y/N] `);
  return answer !== null && /^\s*y(es)?\s*$/i.test(answer);
}

function reportFailure(io: CliIO, e: unknown, json: boolean, ctx: { action: string; filter?: string }): number {
  if (e instanceof PreflightError) {
    if (json) {
      io.stdout.write(
        `${stringifyJson({
          action: ctx.action,
          sent: false,
          error: { type: "preflight", code: e.code, message: e.message, hint: e.hint ?? null, diagnostics: e.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })) },
        })}\n`,
      );
      return 1;
    }
    const lines = [`milvus-filter: ${e.message}`];
    const shown = ctx.filter !== undefined ? e.diagnostics.filter((d) => d.severity !== "info") : [];
    if (e.hint && !shown.some((d) => d.hint === e.hint)) lines.push(`  hint: ${e.hint}`);
    const source = new Source(ctx.filter ?? "");
    for (const d of shown) lines.push(renderDiagnostic(d, source));
    lines.push(`nothing was sent`);
    io.stderr.write(`${lines.join("\n")}\n`);
    return 1;
  }
  if (e instanceof MilvusError) {
    if (json) {
      io.stdout.write(
        `${stringifyJson({ action: ctx.action, error: { type: "milvus", kind: e.kind, code: e.code, message: e.message, maybeApplied: e.maybeApplied, attempts: e.attempts } })}\n`,
      );
      return 1;
    }
    const lines = [`milvus-filter: ${e.message}`];
    if (e.maybeApplied) lines.push(`  the ${ctx.action} may have been applied: check the collection before running it again`);
    io.stderr.write(`${lines.join("\n")}\n`);
    return 1;
  }
  throw e;
}

async function readParams(io: CliIO, file: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (file === undefined) return undefined;
  const parsed = parseJson(await readFile(io, file, "params"), { floats: "tagged" });
  if (!parsed.ok) throw new CliUsageError(`the params file ${file} is not valid JSON: ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})`);
  const v = parsed.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new CliUsageError(`the params file ${file} must hold a JSON object of template values`);
  return v as Record<string, unknown>;
}

async function readRows(io: CliIO, file: string | undefined): Promise<Row[] | undefined> {
  if (file === undefined) return undefined;
  const rows: Row[] = [];
  for (const line of parseJsonLines(await readFile(io, file, "rows"))) {
    if (!line.ok) throw new CliUsageError(`${file}:${line.error.line}:${line.error.column}: ${line.error.message}`);
    const v = line.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new CliUsageError(`${file}:${line.line}: a row must be a JSON object`);
    rows.push(v as Row);
  }
  return rows;
}

async function readFile(io: CliIO, file: string, what: string): Promise<string> {
  const path = file === "-" ? file : resolve(io.cwd, file);
  try {
    return path === "-" ? await io.stdin() : await io.fs.readFile(path);
  } catch (e) {
    throw new CliUsageError(`cannot read the ${what} file ${file}: ${describeFsError(e)}`);
  }
}

function table(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join("");
}
