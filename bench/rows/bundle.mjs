// Rows: browser bundle size, for two sets of exports (`parse` alone; parse + check + print +
// compileFilter), each measured twice by bench/lib/bundle.mjs (esbuild, ESM, minified, code
// splitting on, so a dynamic import() becomes its own chunk; gzip level 9 of the initial load):
//   dist: an application importing the BUILT package as "milvus-filter" (resolved through
//         package.json's "exports" for the browser: dist/module/), which is what users bundle;
//   src:  the same exports from src/index.ts, the library's own module graph (no build step; keeps
//         Chevrotain's Lexer, which the built package leaves out).
// The targets are the same for both: ≤ 45 KB / ≤ 90 KB gzip, and re2js only in a chunk loaded when
// a regex is compiled.
import { bundleWorkspace, measureBundle, packageOf } from "../lib/bundle.mjs";
import { makeRow, missingRow } from "../lib/rows.mjs";
import { fmtNum } from "../lib/stats.mjs";

const SETS = [
  { id: "bundle-parse", names: ["parse"], target: 45 },
  { id: "bundle-core", names: ["parse", "check", "print", "compileFilter"], target: 90 },
];
const SOURCES = [
  { from: "dist", suffix: "-dist", label: "app importing the built package" },
  { from: "src", suffix: "", label: "from src/" },
];

export async function run() {
  const ws = bundleWorkspace();
  const rows = [];
  try {
    for (const set of SETS) {
      for (const src of SOURCES) {
        const base = {
          id: `${set.id}${src.suffix}`,
          what: `browser bundle (${src.label}), minified + gzip: ${set.names.join(" + ")}`,
          target: { of: "now", op: "<=", value: set.target, text: `≤ ${set.target} KB gzip; re2js not in the initial chunk` },
        };
        try {
          const m = await measureBundle(ws, set.names, src.from);
          const byPackage = {};
          for (const [input, n] of Object.entries(m.byInput)) byPackage[packageOf(input)] = (byPackage[packageOf(input)] ?? 0) + n;
          const total = Object.values(byPackage).reduce((s, x) => s + x, 0);
          // From dist/, Chevrotain and lodash-es are inside the package's own chunks.
          const shares = Object.entries(byPackage)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 4)
            .map(([p, b]) => `${p} ${Math.round((100 * b) / total)}%`)
            .join(", ");
          const re2jsInitial = (byPackage.re2js ?? 0) > 0;
          const row = makeRow({
            ...base,
            now: { value: m.gzip / 1024, unit: "KB gzip", text: `${fmtNum(m.gzip / 1024)} KB gzip (${fmtNum(m.raw / 1024)} KB minified)` },
            note:
              `re2js ${re2jsInitial ? "IS" : "is not"} in the initial chunk; ${m.lazy.length} lazy chunk(s)` +
              (src.from === "src" ? `; minified bytes by package: ${shares}` : "") +
              (m.nodeImports.length ? `; still imports ${m.nodeImports.join(", ")}` : ""),
            re2jsInitial,
            byPackage,
          });
          if (re2jsInitial && row.pass) row.pass = false;
          rows.push(row);
        } catch (err) {
          rows.push(missingRow(base, "error", String(err.message).split("\n")[0]));
        }
      }
    }
    return rows;
  } finally {
    ws.dispose();
  }
}
