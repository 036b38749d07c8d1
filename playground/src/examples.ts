/** The examples menu: filters from the README plus the mistakes people make most often. */
export const EXAMPLES: readonly { label: string; filter: string }[] = [
  { label: "price range and tag", filter: 'price > 5 and array_contains(tags, "classic")' },
  { label: "JSON path", filter: 'meta["publisher"] == "Ace"' },
  { label: "in list (primary keys)", filter: "id in [1, 2, 9007199254740993]" },
  { label: "is null", filter: "price is null" },
  { label: "like", filter: 'title like "The%"' },
  { label: "mistake: not price > 10", filter: "not price > 10" },
  { label: "mistake: = instead of ==", filter: "pages = 412" },
  { label: "mistake: mixed-case keywords", filter: "price > 5 And pages < 500" },
  // `(title == "${v}")` glued with v = `") or true or ("" == "` (docs/builder.md): deletes every row.
  { label: "mistake: injection through string glue", filter: '(title == "") or true or ("" == "")' },
];
