/** `lint/unknown-function`: Milvus's parser takes any `name(args)`; only execution finds an unknown name or a wrong arity. */
import { defineRule, ruleMeta } from "../rule.js";

const KNOWN_FUNCTIONS = new Set(["empty", "starts_with", "membership_match", "bloom_match", "roaring_match"]);

export const unknownFunction = defineRule({
  meta: ruleMeta("lint/unknown-function"),
  on: ["Call"],
  create(ctx) {
    return {
      Call(n) {
        if (!KNOWN_FUNCTIONS.has(n.name.toLowerCase())) {
          ctx.report(`${n.name}(…) is passed to Milvus unchecked: the parser accepts any function name and arity, and only execution reports an unknown function`, n.nameSpan, keywordCaseHint(n.name));
        }
      },
    };
  },
});

function keywordCaseHint(name: string): string | undefined {
  const lower = name.toLowerCase();
  const kw = ["json_contains", "json_contains_all", "json_contains_any", "array_contains", "array_contains_all", "array_contains_any", "array_length", "text_match", "phrase_match", "random_sample", "st_equals", "st_touches", "st_overlaps", "st_crosses", "st_contains", "st_intersects", "st_within", "st_dwithin", "st_isvalid", "element_filter", "match_all", "match_any"];
  if (kw.includes(lower) && name !== lower && name !== name.toUpperCase()) {
    return `${name} is not the keyword ${lower}: keywords are all lower or all upper case, so this is an unchecked generic call`;
  }
  return undefined;
}
