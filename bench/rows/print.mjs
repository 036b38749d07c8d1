// Print throughput on corpus-mixed: canonical text from already-parsed trees.
export function run({ lib, corpus, median, report }) {
  const asts = corpus("corpus-mixed").map((f) => lib.parse(f).ast);
  const ms = median(() => {
    for (const a of asts) lib.print(a);
  });
  report("print", "corpus-mixed expressions/s", (asts.length / ms) * 1000, "expr/s");
}
