// Child process of the bench: a fresh process that imports the library and parses one filter.
// Prints the CPU time (user + system; steadier than the wall clock on a busy host) of the import
// and of the first parse() call alone, their wall times, and the wall time from process start to
// the parsed filter (performance.now() counts from the process's time origin).
import { distUrl } from "../lib/dist.mjs";
import { cpuMs } from "../lib/stats.mjs";

const w0 = performance.now();
const c0 = cpuMs();
const { parse } = await import(distUrl);
const w1 = performance.now();
const c1 = cpuMs();
const r = parse('id in [1, 2, 3] and title like "milvus%"');
const c2 = cpuMs();
const w2 = performance.now();
if (!r.ast) throw new Error("first parse failed");
console.log(JSON.stringify({ importMs: c1 - c0, firstParseMs: c2 - c1, importWallMs: w1 - w0, firstParseWallMs: w2 - w1, sinceStartMs: w2 }));
