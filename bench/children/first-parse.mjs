// Child process of the bench: a fresh process that imports the library and parses one filter.
// Prints the time of the import, of the first parse() call alone, and from process start to the
// parsed filter (performance.now() counts from the process's time origin).
import { distUrl } from "../lib/dist.mjs";

const t0 = performance.now();
const { parse } = await import(distUrl);
const t1 = performance.now();
const r = parse('id in [1, 2, 3] and title like "milvus%"');
const t2 = performance.now();
if (!r.ast) throw new Error("first parse failed");
console.log(JSON.stringify({ importMs: t1 - t0, firstParseMs: t2 - t1, sinceStartMs: t2 }));
