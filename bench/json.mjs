// Throughput of src/util/json.ts against JSON.parse on the same inputs, in the same process.
// Run: npx tsx bench/json.mjs [MB]   (default 50 MB for the number array, MB/5 for the rows)
import { parseJson, parseJsonTree } from "../src/util/json.ts";

const targetMB = Number(process.argv[2] ?? 50);

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function numberArray(bytes) {
  const r = rng(1);
  const parts = [];
  let n = 2;
  while (n < bytes) {
    const x = r();
    const s =
      x < 0.4 ? String(Math.floor(r() * 1e6)) :
      x < 0.7 ? (r() * 1000 - 500).toFixed(3) :
      x < 0.9 ? String(Math.floor(r() * 2 ** 53)) :
      (r() * 1e10).toExponential(6);
    parts.push(s);
    n += s.length + 1;
  }
  return `[${parts.join(",")}]`;
}

function rows(bytes) {
  const r = rng(2);
  const parts = [];
  let n = 2;
  for (let id = 0; n < bytes; id++) {
    const row = `{"id":${9007199254740993n + BigInt(id)},"age":${Math.floor(r() * 90)},"price":${(r() * 100).toFixed(2)},"name":"user \\"${id}\\" caf\\u00e9","tags":["a","b${id % 7}"],"meta":{"ok":${r() < 0.5},"score":null}}`;
    parts.push(row);
    n += row.length + 1;
  }
  return `[${parts.join(",")}]`;
}

// Best of 5 runs in process CPU time (user + system, all threads, so GC helpers count):
// steadier than wall time on a shared machine.
function time(fn, text) {
  fn(text); // warm up
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = process.cpuUsage();
    fn(text);
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

for (const [name, text] of [
  [`number array (${targetMB} MB)`, numberArray(targetMB * 1e6)],
  [`object rows (${Math.round(targetMB / 5)} MB)`, rows((targetMB / 5) * 1e6)],
]) {
  const mb = text.length / 1e6;
  const native = time((s) => JSON.parse(s), text);
  const ours = time((s) => {
    const r = parseJson(s);
    if (!r.ok) throw new Error(r.error.message);
  }, text);
  const tree = time((s) => {
    const r = parseJsonTree(s);
    if (!r.ok) throw new Error(r.error.message);
  }, text);
  const f = (ms) => `${(mb / (ms / 1000)).toFixed(0)} MB/s`;
  console.log(
    `${name}: JSON.parse ${f(native)}, parseJson ${f(ours)} (${(native / ours).toFixed(2)}x), parseJsonTree ${f(tree)} (${(native / tree).toFixed(2)}x)`,
  );
}
