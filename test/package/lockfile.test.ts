/**
 * `npm ci` refuses a lock that lacks an entry for any optional dependency. The registry used here
 * serves only Linux builds of rollup's binaries, so a plain `npm install` drops the others; keep
 * running scripts/complete-lockfile.mjs after it. This test fails before CI's `npm ci` would.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
  packages: Record<string, { optionalDependencies?: Record<string, string>; version?: string }>;
};
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};

describe("package.json and package-lock.json", () => {
  it("the lock has an entry for every optional dependency (npm ci needs them all)", () => {
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`node_modules/${name}`]) missing.push(`${name} (for ${where || "the root"})`);
      }
    }
    expect(missing, "run: node scripts/complete-lockfile.mjs").toEqual([]);
  });

  it("pins every direct dependency to an exact version that the lock resolves", () => {
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(range);
    }
  });

  it("declares the Node versions it runs on", () => {
    expect(pkg.engines.node).toBe(">=20.0.0");
  });
});
