/**
 * Shared by the rules: every filter of a file (call sites, marked strings, and every `filter`
 * tagged template of this package), and the library's own analysis of a static filter text.
 */
import type { Rule } from "eslint";
import type * as ES from "estree";
import { parse, type ParseResult } from "../syntax/parse.js";
import { check } from "../check/check.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Purpose } from "../cli/targets.js";
import type { RuleSeverity } from "../cli/rules.js";
import { filterSites, parentOf, type FilterSite } from "./sites.js";
import { builderTag, extract, type Extracted } from "./extract.js";
import { sourceRange, type StaticText } from "./text.js";
import type { Resolved } from "./settings.js";

/**
 * Listeners that call `handle` once per filter of the file, at the end of the file. Builder
 * templates outside any recognised call are filters too (with the configured purpose).
 */
export function visitFilters(
  context: Rule.RuleContext,
  resolved: Resolved,
  handle: (site: FilterSite, extracted: Extracted) => void,
): Rule.RuleListener {
  const sites: FilterSite[] = [];
  const claimed = new Set<ES.Node>();
  const builders: ES.TaggedTemplateExpression[] = [];
  const listeners = filterSites(context, resolved, (site) => {
    sites.push(site);
    claimed.add(site.node);
  });
  const onTagged = listeners.TaggedTemplateExpression as ((n: ES.TaggedTemplateExpression) => void) | undefined;
  return {
    ...listeners,
    TaggedTemplateExpression(node: ES.TaggedTemplateExpression) {
      onTagged?.(node);
      if (builderTag(context.sourceCode, node.tag)) builders.push(node);
    },
    "Program:exit"() {
      for (const site of sites) handle(site, extract(context.sourceCode, site.node));
      for (const b of builders) {
        if (claimed.has(b) || (parentOf(b)?.type === "MemberExpression" && claimed.has(parentOf(b)!))) continue;
        handle({ node: b, purpose: undefined, property: undefined, via: "filter`…`" }, extract(context.sourceCode, b));
      }
    },
  };
}

/** A diagnostic of the library, with its effective severity under the configuration. */
export interface FoundDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly severity: Exclude<RuleSeverity, "off">;
}

export interface TextAnalysis {
  readonly parsed: ParseResult;
  readonly diagnostics: readonly FoundDiagnostic[];
  /** Interpolations (builder templates) that do not stand as one whole value or name. */
  readonly brokenHoles: readonly number[];
}

/** Parse and check a static or builder text. */
export function analyzeText(extracted: Extract<Extracted, { kind: "static" | "builder" }>, purpose: Purpose, resolved: Resolved): TextAnalysis {
  const parsed = parse(extracted.text.text);
  const holes = extracted.kind === "builder" ? extracted.holes : [];
  const brokenHoles: number[] = [];
  holes.forEach((h, i) => {
    const inside = parsed.tokens.filter((t) => t.startOffset < h.end && t.startOffset + t.image.length > h.at);
    const whole = inside.length > 0 && inside[0]!.startOffset === h.at && inside.every((t) => t.startOffset + t.image.length <= h.end);
    if (!whole) brokenHoles.push(i);
  });
  const schema = extracted.kind === "builder" && extracted.unknownNames ? undefined : resolved.schema;
  const result = check(parsed, { ...(schema ? { schema } : {}), target: resolved.target, purpose });
  const touchesHole = (d: Diagnostic): boolean => holes.some((h) => d.span.start < h.end && d.span.end > h.at);
  const diagnostics: FoundDiagnostic[] = [];
  for (const d of result.diagnostics) {
    // An interpolation's value is only known at run time (the builder checks it then): checker
    // findings about it are not reported; syntax errors are (the builder would refuse the template).
    if (touchesHole(d) && !d.code.startsWith("syntax/")) continue;
    const severity = resolved.severities.get(d.code) ?? d.severity;
    if (severity === "off") continue;
    diagnostics.push({ diagnostic: d, severity });
  }
  return { parsed, diagnostics, brokenHoles };
}

/** ESLint location of a span of the filter text. */
export function locOf(context: Rule.RuleContext, text: StaticText, from: number, to: number): ES.SourceLocation {
  const r = sourceRange(text, from, to);
  return { start: context.sourceCode.getLocFromIndex(r.start), end: context.sourceCode.getLocFromIndex(r.end) };
}
