/** Shared by the rules about how a delete runs. */
import type { RuleContext } from "./rule.js";

/** A delete those rules look at: typed, with a schema, and not folding to false (lint/delete-always-false says that). */
export function classifiedDelete(ctx: RuleContext): boolean {
  return ctx.purpose === "delete" && ctx.rootType !== undefined && ctx.constant !== false && ctx.schema !== undefined;
}
