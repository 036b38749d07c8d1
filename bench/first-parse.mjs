// Prints the milliseconds from process start until the first filter is parsed (cold start).
const started = performance.now();
const { parse } = await import("../dist/index.js");
const r = parse('id in [1, 2, 3] and title like "milvus%"');
if (!r.ast) throw new Error("first parse failed");
const done = performance.now();
console.log(JSON.stringify({ firstParseMs: done, importMs: done - started }));
