/** End-to-end: --target names releases, explains a line's patch boundary, and refuses unknown versions. */
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureCliBuilt } from "./build-cli.js";

function cli(args: string[], input: string) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "FORCE_COLOR" && k !== "NO_COLOR") env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await ensureCliBuilt();
}, 120_000);

describe("--target", () => {
  it("lint --target 2.5 'a AND b' explains the 2.5.2 boundary in one line", () => {
    const r = cli(["lint", "--target", "2.5", "--purpose", "query", "-"], "a AND b\n");
    expect(r.code).toBe(1);
    const line = r.stdout.split("\n").find((l) => l.includes("version/unsupported"));
    expect(line).toMatch(/AND \/ OR \/ NOT: accepted from 2\.5\.2; your target 2\.5 includes 2\.5\.0–2\.5\.1/);
  });

  it("accepts the same filter for an exact release with the keywords", () => {
    for (const t of ["2.5.2", "v2.6.17", "latest"]) {
      expect(cli(["lint", "--target", t, "--purpose", "query", "-"], "a > 1 AND b < 2\n").code, t).toBe(0);
    }
  });

  it("refuses an unknown version with a usage error listing the known range", () => {
    const r = cli(["lint", "--target", "2.7", "-"], "a > 1\n");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("2.5.0–2.5.26");
    expect(r.stderr).toContain("latest");
  });
});
