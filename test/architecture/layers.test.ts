/**
 * The layers of src/: which top-level folder may import which. The folder graph is built from
 * every module reference in src (static, dynamic and type-only imports and re-exports), read with
 * the TypeScript compiler API.
 */
import { describe, expect, it } from "vitest";
import { posix } from "node:path";
import { moduleReferences, sourceFiles } from "./source-files.js";

/**
 * The allowed direction, lowest layer first. A folder may import only folders of lower rows;
 * folders on one row are independent of each other. Reading downwards is the data flow:
 * text → tokens → AST (syntax) → checked AST (check, against schema and semantics) → backends
 * (printer, evaluator over rows) → the builder and the libraries on top → the front ends.
 *
 *   util                  lossless JSON, int64 range, the Milvus release table, did-you-mean
 *   diag                  Diagnostic, Source, rendering, argument checks and their table (api-specs)
 *   syntax schema semantics
 *                         the language; the collection model; what each server line means
 *   check rows            the checker; row reading and coercion
 *   backends              printer, evaluator
 *   builder               filter builder
 *   convert guard milvus  converters, guard(), the Milvus client library
 *   repl                  the interactive session
 *   cli                   every command (src/cli/commands), their config, inputs and formats
 *   eslint                the ESLint plugin (reads the CLI's config, targets and rule registry)
 *   (root)                src/index.ts, the package's main entry
 */
const LAYERS: readonly (readonly string[])[] = [
  ["util"],
  ["diag"],
  ["syntax", "schema", "semantics"],
  ["check", "rows"],
  ["backends"],
  ["builder"],
  ["convert", "guard", "milvus"],
  ["repl"],
  ["cli"],
  ["eslint"],
  ["(root)"],
];

const rank = new Map(LAYERS.flatMap((row, i) => row.map((folder) => [folder, i] as const)));

/** `src/cli/run.ts` → `cli`; `src/index.ts` → `(root)`; outside src → undefined. */
function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  if (parts[0] !== "src") return undefined;
  return parts.length === 2 ? "(root)" : parts[1];
}

interface Edge {
  readonly from: string;
  readonly to: string;
  /** `src/a/x.ts:12 → ../b/y.js`, one per import making the edge. */
  readonly sites: string[];
}

function folderGraph(): { folders: Set<string>; edges: Map<string, Edge> } {
  const folders = new Set<string>();
  const edges = new Map<string, Edge>();
  for (const file of sourceFiles()) {
    const from = folderOf(file.path)!;
    folders.add(from);
    for (const ref of moduleReferences(file)) {
      if (!ref.specifier.startsWith(".")) continue; // a package or node: builtin
      const to = folderOf(posix.normalize(posix.join(posix.dirname(file.path), ref.specifier)));
      if (to === undefined || to === from) continue; // package.json; same folder
      const key = `${from} -> ${to}`;
      const edge = edges.get(key) ?? { from, to, sites: [] };
      edge.sites.push(`${file.path}:${ref.line} → ${ref.specifier}`);
      edges.set(key, edge);
    }
  }
  return { folders, edges };
}

/** The first cycle found by depth-first search, as a folder path `a -> b -> … -> a`, or undefined. */
function findCycle(folders: Iterable<string>, edges: Map<string, Edge>): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const e of edges.values()) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const dfs = (f: string): string[] | undefined => {
    state.set(f, "open");
    stack.push(f);
    for (const t of [...(next.get(f) ?? [])].sort()) {
      if (state.get(t) === "open") return [...stack.slice(stack.indexOf(t)), t];
      if (!state.has(t)) {
        const found = dfs(t);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(f, "done");
    return undefined;
  };
  for (const f of [...folders].sort()) {
    if (state.has(f)) continue;
    const found = dfs(f);
    if (found) return found;
  }
  return undefined;
}

describe("layers of src/", () => {
  const { folders, edges } = folderGraph();

  it("places every top-level folder of src/ in a layer", () => {
    expect([...folders].filter((f) => !rank.has(f)).sort()).toEqual([]);
  });

  it("has no import cycle between top-level folders", () => {
    const cycle = findCycle(folders, edges);
    const explain = cycle?.slice(1).map((to, i) => `${cycle[i]} -> ${to}: ${edges.get(`${cycle[i]} -> ${to}`)!.sites[0]}`);
    expect(cycle ? `cycle ${cycle.join(" -> ")}\n${explain!.join("\n")}` : "no cycle").toBe("no cycle");
  });

  it("imports only from lower layers", () => {
    const upward = [...edges.values()]
      .filter((e) => rank.has(e.from) && rank.has(e.to) && rank.get(e.to)! >= rank.get(e.from)!)
      .map((e) => `${e.from} -> ${e.to} (${e.sites.join("; ")})`)
      .sort();
    expect(upward).toEqual([]);
  });

  it("keeps the Milvus client library free of the CLI", () => {
    expect(edges.get("milvus -> cli")?.sites ?? []).toEqual([]);
  });

  it("sees the imports it judges (the graph is not empty by accident)", () => {
    // Known edges of each kind: static, type-only, dynamic import().
    expect(edges.get("cli -> milvus")?.sites.some((s) => s.startsWith("src/cli/commands/milvus.ts"))).toBe(true);
    expect(edges.get("rows -> schema")?.sites.some((s) => s.startsWith("src/rows/access.ts"))).toBe(true);
    expect(edges.get("cli -> repl")?.sites.length).toBeGreaterThan(0);
    expect(findCycle(["a", "b", "c"], new Map([["a -> b", { from: "a", to: "b", sites: [] }], ["b -> c", { from: "b", to: "c", sites: [] }], ["c -> b", { from: "c", to: "b", sites: [] }]]))).toEqual(["b", "c", "b"]);
  });
});
