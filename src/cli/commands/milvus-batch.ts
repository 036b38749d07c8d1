/**
 * The `delete` command's preview and batch flags (`--preview`, `--sample`, `--expect`, `--max`,
 * `--batch-size`, `--checkpoint`), their progress output and their reports. Kept apart from milvus.ts
 * so that file only wires them in.
 *
 * Progress goes to stderr: a bar when stderr is a terminal, otherwise one JSON object per line
 * (int64 values as bare digits), so a script can follow a long run.
 */
import { resolve } from "node:path";
import { flagNumber, flagString, type ParsedArgs } from "../args.js";
import { CliUsageError, type CliIO } from "../io.js";
import { createProgress, type Progress } from "../progress.js";
import { stringifyJson } from "../../util/json.js";
import { fileCheckpoint, type BatchDeleteReport, type BatchEvent, type KeyBatchReport } from "../../milvus/batch-delete.js";
import { describeServerPreview, formatCount, keyText, type PreviewMode } from "../../milvus/preview.js";
import type { DeletePlan, SafeDeleteOptions, SafeDeleteResult } from "../../milvus/safe-delete.js";
import { MAX_QUERY_RESULT_WINDOW } from "../../milvus/query.js";

export interface DeleteFlags {
  plan: Pick<SafeDeleteOptions, "preview" | "previewOptions" | "expect" | "max">;
  execute: (io: CliIO) => Pick<SafeDeleteOptions, "batch" | "keyBatches" | "max">;
}

/** Reads and cross-checks the flags (CliUsageError on a bad combination; nothing is sent yet). */
export function deleteFlags(args: ParsedArgs, io: CliIO, hasRows: boolean): DeleteFlags {
  const preview = (flagString(args, "preview") ?? "server") as PreviewMode;
  if (preview === "local" && !hasRows) throw new CliUsageError("--preview local evaluates the filter on --rows FILE: give the rows, or use --preview server");
  if (preview === "none" && hasRows) throw new CliUsageError("--preview none contradicts --rows (which asks for a local preview)");
  const count = (name: string): string | undefined => {
    const v = flagString(args, name);
    if (v !== undefined && !/^\d{1,19}$/.test(v.trim())) throw new CliUsageError(`--${name} needs a whole number of rows, found '${v}'`);
    return v?.trim();
  };
  const expect = count("expect");
  const max = count("max");
  if ((expect !== undefined || max !== undefined) && preview !== "server") {
    throw new CliUsageError("--expect and --max are checked against the server's count: they need --preview server (the default)");
  }
  const sample = flagNumber(args, "sample");
  if (sample !== undefined && sample > 1000) throw new CliUsageError(`--sample shows at most 1000 keys, found ${sample}`);
  const size = flagNumber(args, "batch-size");
  if (size !== undefined && size > MAX_QUERY_RESULT_WINDOW) {
    throw new CliUsageError(`--batch-size is at most ${MAX_QUERY_RESULT_WINDOW} (the server's default query window, offset + limit), found ${size}`);
  }
  const checkpoint = flagString(args, "checkpoint");
  if (checkpoint !== undefined && size === undefined) throw new CliUsageError("--checkpoint needs --batch-size (only batched deletes keep a checkpoint)");
  const plan: DeleteFlags["plan"] = { preview };
  if (sample !== undefined) plan.previewOptions = { sampleSize: sample };
  if (expect !== undefined) plan.expect = expect;
  if (max !== undefined) plan.max = max;
  return {
    plan,
    execute: (out) => {
      const onProgress = progressWriter(out);
      const o: ReturnType<DeleteFlags["execute"]> = { keyBatches: { onProgress } };
      if (size !== undefined) {
        o.batch = { size, onProgress, ...(checkpoint !== undefined ? { checkpoint: fileCheckpoint(resolve(out.cwd, checkpoint)) } : {}) };
      }
      if (max !== undefined) o.max = max;
      return o;
    },
  };
}

/** A bar on a terminal; JSON lines otherwise. */
function progressWriter(io: CliIO): (e: BatchEvent) => void {
  if (!io.isTTY.stderr) return (e) => io.stderr.write(`${stringifyJson(e)}\n`);
  let bar: Progress | null = null;
  return (e) => {
    if (e.event === "start") bar = createProgress(io, Number(e.expected), "rows");
    else if (e.event === "batch") bar?.update(Number(e.removed));
    else if (e.event === "keys") io.stderr.write(`batch ${e.batch}/${e.of}: ${formatCount(BigInt(e.keys))} keys ${keyText(e.firstKey)} … ${keyText(e.lastKey)} sent\n`);
    else if (e.event === "verified" || e.event === "stopped") bar?.finish();
  };
}

/** The plan table's lines for the server preview. */
export function serverPreviewLines(plan: DeletePlan): [string, string][] {
  if (!plan.serverPreview) return [];
  const lines: [string, string][] = [["on server", describeServerPreview(plan, plan.serverPreview)]];
  for (const w of plan.serverPreview.warnings) lines.push(["warning", w]);
  return lines;
}

export function serverPreviewJson(plan: DeletePlan): Record<string, unknown> {
  const p = plan.serverPreview;
  if (!p) return {};
  return { serverPreview: { count: p.count, sampleKeys: p.sampleKeys, consistencyLevel: p.consistencyLevel, warnings: p.warnings } };
}

/** The outcome of a batched run, as text and as JSON fields; `ok` is false unless every batch was confirmed. */
export function batchOutcome(res: SafeDeleteResult): { ok: boolean; text: string; json: Record<string, unknown> } | undefined {
  if (res.batch) return pagesOutcome(res.batch);
  if (res.keyBatches) return keysOutcome(res.keyBatches);
  return undefined;
}

function pagesOutcome(r: BatchDeleteReport): { ok: boolean; text: string; json: Record<string, unknown> } {
  const remaining = r.remaining === null ? "unknown (the final count failed)" : formatCount(r.remaining);
  const lines = [
    `${r.status === "done" ? "deleted" : `stopped (${r.status})`} in ${r.pages} page${r.pages === 1 ? "" : "s"}${r.resumed ? " (resumed from the checkpoint)" : ""}: ` +
      `removed ${formatCount(r.removed)}, expected ${formatCount(r.expected)}, remaining ${remaining} (a Strong count after the run)`,
  ];
  if (r.reason) lines.push(`  ${r.reason}`);
  if (r.status === "unknown") lines.push("  the checkpoint records it; run the same command again to resume: it counts again and never re-sends that page blindly");
  else if (r.status === "done" && r.remaining !== null && r.remaining > 0n) lines.push("  rows still match: they appeared behind the cursor while the run went, or the server had not caught up");
  const json: Record<string, unknown> = {
    batch: { status: r.status, reason: r.reason ?? null, expected: r.expected, removed: r.removed, remaining: r.remaining, pages: r.pages, lastKey: r.lastKey, resumed: r.resumed, unknownBatch: r.unknownBatch ?? null },
  };
  return { ok: r.status === "done", text: `${lines.join("\n")}\n`, json };
}

function keysOutcome(r: KeyBatchReport): { ok: boolean; text: string; json: Record<string, unknown> } {
  const head = `${r.status === "done" ? "deleted" : `stopped (${r.status})`}: ${r.confirmed} of ${r.batches} key batches confirmed, ${formatCount(BigInt(r.keysConfirmed))} keys, deleteCount ${r.deleteCount} (keys listed, not rows removed: milvus#51566)`;
  const text = `${head}${r.reason ? `\n  ${r.reason}` : ""}\n`;
  return {
    ok: r.status === "done",
    text,
    json: { keyBatches: { status: r.status, reason: r.reason ?? null, batches: r.batches, confirmed: r.confirmed, keysConfirmed: r.keysConfirmed, deleteCount: r.deleteCount, unknownBatch: r.unknownBatch ?? null } },
  };
}
