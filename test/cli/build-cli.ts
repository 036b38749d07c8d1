/**
 * Makes sure dist/cli.cjs is built from the current sources, for the end-to-end tests. `npm test`
 * builds first, so this usually finds the bundle fresh and does nothing; when run alone
 * (`npx vitest run test/cli`) it rebuilds the CLI bundle exactly as tsup.config.ts describes it
 * (the entry whose name is `cli`), without touching the library bundle.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "milvus-filter.mjs");
export const DIST_CLI = join(ROOT, "dist", "cli.cjs");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function cliIsStale(): boolean {
  if (!existsSync(DIST_CLI)) return true;
  const built = statSync(DIST_CLI).mtimeMs;
  const inputs = Math.max(newestSource(join(ROOT, "src")), statSync(join(ROOT, "package.json")).mtimeMs, statSync(join(ROOT, "tsup.config.ts")).mtimeMs);
  return inputs > built;
}

export async function ensureCliBuilt(): Promise<void> {
  if (!cliIsStale()) return;
  const { build } = await import("tsup");
  const configs = (await import("../../tsup.config.js")).default as unknown;
  const list = (Array.isArray(configs) ? configs : [configs]) as { entry?: Record<string, string> }[];
  const cli = list.find((c) => c.entry && "cli" in c.entry);
  if (!cli) throw new Error("tsup.config.ts has no `cli` entry");
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    await build({ ...cli, config: false, silent: true } as Parameters<typeof build>[0]);
  } finally {
    process.chdir(cwd);
  }
}
