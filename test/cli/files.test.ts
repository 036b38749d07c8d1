/**
 * The CLI against the real file system (node-io.ts) in a temporary directory: atomic rewrites,
 * bytes that are not valid UTF-8, and symbolic links (issue 11, items 6-8).
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic, type AtomicWriteFs } from "../../src/cli/atomic-write.js";
import { decodeUtf8, utf8Layout } from "../../src/cli/file-bytes.js";
import type { CliIO } from "../../src/cli/io.js";
import { nodeFileSystem } from "../../src/cli/node-io.js";
import { runCli } from "../../src/cli/run.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "milvus-filter-files-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: async () => "",
    cwd,
    env: {},
    isTTY: { stdout: false, stderr: false },
    fs: nodeFileSystem,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** The files listed by `lint -f json`, by display name. */
function linted(stdout: string): string[] {
  return (JSON.parse(stdout) as { filePath: string }[]).map((r) => r.filePath);
}

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("atomic writes (item 6)", () => {
  it("--fix and fmt --write replace the file by rename (a new inode), keeping its mode", async () => {
    const file = join(dir, "f.filter");
    writeFileSync(file, "a==1\n");
    chmodSync(file, 0o640);
    const inode = statSync(file).ino;
    expect((await cli(["lint", "--fix", "f.filter"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("a == 1\n");
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(statSync(file).ino).not.toBe(inode);

    writeFileSync(file, "b>2\n");
    chmodSync(file, 0o604);
    expect((await cli(["fmt", "--write", "f.filter"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("b > 2\n");
    expect(statSync(file).mode & 0o7777).toBe(0o604);
    expect(readdirSync(dir)).toEqual(["f.filter"]);
  });

  it("--output-file goes through the same writer", async () => {
    writeFileSync(join(dir, "f.filter"), "a == 1\n");
    writeFileSync(join(dir, "report.json"), "old");
    chmodSync(join(dir, "report.json"), 0o600);
    const inode = statSync(join(dir, "report.json")).ino;
    expect((await cli(["lint", "-f", "json", "-o", "report.json", "f.filter"])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8"))).toHaveLength(1);
    expect(statSync(join(dir, "report.json")).ino).not.toBe(inode);
    expect(statSync(join(dir, "report.json")).mode & 0o7777).toBe(0o600);
  });

  /** The node operations, with `open` replaced so that writes to temporary files fail half-way. */
  function failingWrites(): AtomicWriteFs {
    return {
      realpath: (p) => fsp.realpath(p),
      stat: (p) => fsp.stat(p),
      access: (p, mode) => fsp.access(p, mode),
      rename: (a, b) => fsp.rename(a, b),
      unlink: (p) => fsp.unlink(p),
      writeFile: (p, d) => fsp.writeFile(p, d),
      async open(p, flags, mode) {
        const handle = await fsp.open(p, flags, mode);
        if (!p.endsWith(".tmp")) return handle;
        return new Proxy(handle, {
          get(target, key) {
            if (key === "writeFile") {
              return async (data: Uint8Array) => {
                await target.write(data.subarray(0, data.length >> 1));
                throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
              };
            }
            const v = Reflect.get(target, key) as unknown;
            return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        }) as FileHandle;
      },
    };
  }

  it("a failure in the middle of the write leaves the original intact and no temporary file", async () => {
    const file = join(dir, "big.filter");
    const original = "a == 1\n".repeat(100_000);
    writeFileSync(file, original);
    await expect(writeFileAtomic(file, new TextEncoder().encode("b == 2\n".repeat(100_000)), failingWrites())).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(readdirSync(dir)).toEqual(["big.filter"]);
  });

  it("a failed rename leaves the original intact and no temporary file", async () => {
    const file = join(dir, "f.filter");
    writeFileSync(file, "a == 1\n");
    const ops: AtomicWriteFs = {
      ...failingWrites(),
      open: (p, flags, mode) => fsp.open(p, flags, mode),
      rename: async () => {
        throw Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" });
      },
    };
    await expect(writeFileAtomic(file, "b == 2\n", ops)).rejects.toThrow(/EXDEV/);
    expect(readFileSync(file, "utf8")).toBe("a == 1\n");
    expect(readdirSync(dir)).toEqual(["f.filter"]);
  });

  it("a read-only file is not replaced", async () => {
    if (process.getuid?.() === 0) return; // root may write anything
    const file = join(dir, "ro.filter");
    writeFileSync(file, "a==1\n");
    chmodSync(file, 0o444);
    const r = await cli(["lint", "--fix", "ro.filter"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot write the fixes to ro.filter: EACCES");
    expect(readFileSync(file, "utf8")).toBe("a==1\n");
    expect(readdirSync(dir)).toEqual(["ro.filter"]);
  });
});
