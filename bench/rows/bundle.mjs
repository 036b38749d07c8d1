// Rows: browser bundle size. esbuild bundles two entry points from src/index.ts for the browser
// (ESM, minified, code splitting on, so a dynamic import() becomes its own chunk), each in a build
// of its own: `parse` alone, and parse + check + print + compileFilter. The initial load is the
// entry file plus every chunk it imports statically; its gzip size (level 9) is the figure.
// Targets: ≤ 45 KB / ≤ 90 KB gzip, and re2js only in a chunk loaded when a regex is compiled.
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { makeRow, missingRow } from "../lib/rows.mjs";
import { fmtNum } from "../lib/stats.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ENTRIES = [
  { id: "bundle-parse", names: ["parse"], target: 45 },
  { id: "bundle-core", names: ["parse", "check", "print", "compileFilter"], target: 90 },
];

/** Which package (or "milvus-filter" for our own source) an esbuild input path belongs to. */
function packageOf(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1] : "milvus-filter";
}

async function measureEntry(dir, names) {
  const entry = join(dir, `entry-${names.join("-")}.mjs`);
  writeFileSync(entry, `export { ${names.join(", ")} } from ${JSON.stringify(join(root, "src", "index.ts"))};\n`);
  const out = join(dir, `out-${names.length}`);
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    // Node built-ins that only the CLI and the Milvus client use: left out, and listed if a
    // browser entry still reaches them.
    external: [...builtinModules, "node:*"],
    outdir: out,
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const files = new Map(r.outputFiles.map((f) => [relative(root, f.path), f.contents]));
  const outputs = r.metafile.outputs;
  const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint);
  // The initial load: the entry and everything reachable from it through static imports.
  const initial = new Set();
  const stack = [entryOut];
  const nodeImports = new Set();
  while (stack.length) {
    const k = stack.pop();
    if (initial.has(k)) continue;
    initial.add(k);
    for (const imp of outputs[k].imports) {
      if (imp.external) nodeImports.add(imp.path);
      else if (imp.kind === "import-statement") stack.push(imp.path);
    }
  }
  let raw = 0;
  const parts = [];
  const byPackage = {};
  for (const k of initial) {
    const bytes = files.get(k) ?? files.get(relative(root, join(root, k)));
    raw += bytes.length;
    parts.push(bytes);
    for (const [input, info] of Object.entries(outputs[k].inputs)) {
      const p = packageOf(input);
      byPackage[p] = (byPackage[p] ?? 0) + info.bytesInOutput;
    }
  }
  const gzip = gzipSync(Buffer.concat(parts.map((p) => Buffer.from(p))), { level: 9 }).length;
  const lazy = Object.keys(outputs).filter((k) => !initial.has(k) && !k.endsWith(".map"));
  return { raw, gzip, byPackage, re2jsInitial: (byPackage.re2js ?? 0) > 0, lazyChunks: lazy.length, nodeImports: [...nodeImports] };
}

export async function run(ctx) {
  const dir = mkdtempSync(join(tmpdir(), "mf-bench-bundle-"));
  const rows = [];
  try {
    for (const e of ENTRIES) {
      const base = {
        id: e.id,
        what: `browser bundle, minified + gzip: ${e.names.join(" + ")}`,
        target: { of: "now", op: "<=", value: e.target, text: `≤ ${e.target} KB gzip; re2js not in the initial chunk` },
      };
      try {
        const m = await measureEntry(dir, e.names);
        const total = Object.values(m.byPackage).reduce((s, x) => s + x, 0);
        const shares = Object.entries(m.byPackage)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([p, b]) => `${p} ${Math.round((100 * b) / total)}%`)
          .join(", ");
        const row = makeRow({
          ...base,
          now: { value: m.gzip / 1024, unit: "KB gzip", text: `${fmtNum(m.gzip / 1024)} KB gzip (${fmtNum(m.raw / 1024)} KB minified)` },
          note: `re2js ${m.re2jsInitial ? "IS" : "is not"} in the initial chunk; ${m.lazyChunks} lazy chunk(s); minified bytes by package: ${shares}${m.nodeImports.length ? `; still imports ${m.nodeImports.join(", ")}` : ""}`,
          re2jsInitial: m.re2jsInitial,
          byPackage: m.byPackage,
        });
        if (m.re2jsInitial && row.pass) row.pass = false;
        rows.push(row);
      } catch (err) {
        rows.push(missingRow(base, "error", String(err.message).split("\n")[0]));
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
