/** Names read as dynamic JSON keys that look like a schema field: shared by two rules, one per purpose. */
import type { Span } from "../../diag/diagnostic.js";
import type { Ctx } from "../context.js";
import { closestField } from "../resolve.js";

export interface LookalikeKey {
  readonly name: string;
  readonly span: Span;
  /** The field it looks like. */
  readonly field: string;
  readonly hint: string;
}

/** Each unknown name once (its first use), with the field it resembles. */
export function lookalikeKeys(ctx: Pick<Ctx, "schema" | "dynamicRefs">): LookalikeKey[] {
  const refs = ctx.dynamicRefs;
  if (refs.length === 0) return [];
  const out: LookalikeKey[] = [];
  const seenKeys = new Set<string>();
  for (const ref of refs) {
    if (seenKeys.has(ref.name)) continue;
    seenKeys.add(ref.name);
    const best = closestField(ctx, ref.name);
    if (best && best !== ref.name) {
      const hint = best.toLowerCase() === ref.name.toLowerCase() ? `field names are case-sensitive; the schema has \`${best}\`` : `the schema has \`${best}\`; a name that is no field is a key of the dynamic field`;
      out.push({ name: ref.name, span: ref.span, field: best, hint });
    }
  }
  return out;
}
