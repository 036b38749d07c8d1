/**
 * The CLI against the real file system (node-io.ts) in a temporary directory: atomic rewrites,
 * bytes that are not valid UTF-8, and symbolic links (issue 11, items 6-8).
 */
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic, type AtomicWriteFs } from "../../src/cli/atomic-write.js";
import { decodeUtf8, utf8Layout } from "../../src/cli/file-bytes.js";
import { nodeFileSystem } from "../../src/cli/node-io.js";
import { runWithFs } from "./memory-io.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "milvus-filter-files-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(argv: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWithFs(nodeFileSystem, argv, cwd);
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

  it("a target that is not a regular file (a FIFO, /dev/stdout) is written directly, never renamed over", async () => {
    const calls: string[] = [];
    const ops: AtomicWriteFs = {
      realpath: async (p) => p,
      stat: async () => ({ mode: 0o20666, uid: 0, gid: 0, isFile: () => false }),
      access: async () => undefined,
      open: async (p) => {
        calls.push(`open ${p}`);
        throw new Error("not expected");
      },
      rename: async () => void calls.push("rename"),
      unlink: async () => void calls.push("unlink"),
      writeFile: async (p) => void calls.push(`write ${p}`),
    };
    await writeFileAtomic("/dev/stdout", "report\n", ops);
    expect(calls).toEqual(["write /dev/stdout"]);
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

  const root = process.getuid?.() === 0;

  it.runIf(root)("the owner is kept", async () => {
    const file = join(dir, "f.filter");
    writeFileSync(file, "a==1\n");
    chownSync(file, 1234, 5678);
    expect((await cli(["lint", "--fix", "f.filter"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("a == 1\n");
    expect(statSync(file)).toMatchObject({ uid: 1234, gid: 5678 });
  });

  // Root may write any file, so this can only be seen as another user.
  it.skipIf(root)("a read-only file is not replaced", async () => {
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

describe("bytes outside the fixed filters never change (item 7)", () => {
  const latin1 = [0xe9]; // "é" in Latin-1: not valid UTF-8

  it("text: Latin-1 bytes, BOM and CRLF are kept; a filter holding undecodable bytes is left alone", async () => {
    const before = bytes("\ufeff# caf", latin1, " comment\r\n  a==1  \r\ntitle==\"caf", latin1, "\"\r\n\r\nb>2");
    const after = bytes("\ufeff# caf", latin1, " comment\r\n  a == 1  \r\ntitle==\"caf", latin1, "\"\r\n\r\nb > 2");
    writeFileSync(join(dir, "f.txt"), before);
    const r = await cli(["lint", "--fix", "f.txt"]);
    expect(readFileSync(join(dir, "f.txt"))).toEqual(after);
    expect(r.stdout).toContain("1:6  warning  this file is not valid UTF-8");
    expect(r.stdout).toContain("io/invalid-utf8");
    expect(r.code).toBe(0);

    writeFileSync(join(dir, "f.txt"), before);
    const fmt = await cli(["fmt", "--write", "f.txt"]);
    expect(fmt.stderr).toContain("3:1  error    not in canonical form, and left as it is: it holds bytes that are not valid UTF-8");
    expect(fmt.code).toBe(1);
    expect(readFileSync(join(dir, "f.txt"))).toEqual(after);
  });

  it("json: other fields with Latin-1 bytes and lone-surrogate escapes are kept", async () => {
    const before = bytes(
      '[{"note": "caf', latin1, '", "filter": "a==1", "s": "\\ud800 \\udc00"},\r\n {"filter": "x  ==  \\"\\ud83d\\ude00\\""}]\r\n',
    );
    const after = bytes(
      '[{"note": "caf', latin1, '", "filter": "a == 1", "s": "\\ud800 \\udc00"},\r\n {"filter": "x == \\"😀\\""}]\r\n',
    );
    writeFileSync(join(dir, "q.json"), before);
    expect((await cli(["lint", "--fix", "q.json"])).code).toBe(0);
    expect(readFileSync(join(dir, "q.json"))).toEqual(after);
    writeFileSync(join(dir, "q.json"), before);
    expect((await cli(["fmt", "--write", "q.json"])).code).toBe(0);
    expect(readFileSync(join(dir, "q.json"))).toEqual(after);
  });

  it("jsonl: BOM, CRLF, Latin-1 in another field and in a filter", async () => {
    const before = bytes("\ufeff{\"filter\":\"a==1\",\"note\":\"", latin1, latin1, '"}\r\n"b>2"\r\n{"filter":"c==\\"', latin1, '\\""}\r\n');
    const after = bytes("\ufeff{\"filter\":\"a == 1\",\"note\":\"", latin1, latin1, '"}\r\n"b > 2"\r\n{"filter":"c==\\"', latin1, '\\""}\r\n');
    writeFileSync(join(dir, "r.jsonl"), before);
    expect((await cli(["lint", "--fix", "r.jsonl"])).code).toBe(0);
    expect(readFileSync(join(dir, "r.jsonl"))).toEqual(after);
    writeFileSync(join(dir, "r.jsonl"), before);
    expect((await cli(["fmt", "--write", "r.jsonl"])).code).toBe(1);
    expect(readFileSync(join(dir, "r.jsonl"))).toEqual(after);
  });

  it("utf8Layout maps text offsets to bytes exactly as TextDecoder decodes (random bytes)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (raw) => {
        const { text, valid } = decodeUtf8(raw);
        const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
        const { byteOffsets, firstInvalid } = utf8Layout(raw, offsets);
        for (const k of offsets) {
          const at = byteOffsets[k]!;
          const inPair = k > 0 && k < text.length && text.charCodeAt(k) >= 0xdc00 && text.charCodeAt(k) <= 0xdfff && text.charCodeAt(k - 1) >= 0xd800 && text.charCodeAt(k - 1) <= 0xdbff;
          if (inPair) expect(at).toBe(-1);
          else expect(decodeUtf8(raw.subarray(0, at)).text).toBe(text.slice(0, k));
        }
        expect(firstInvalid >= 0).toBe(!valid);
        if (!valid) expect(text.charCodeAt(firstInvalid)).toBe(0xfffd);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("symbolic links (item 8)", () => {
  it("link cycles end at once: each real directory and file is visited once", async () => {
    mkdirSync(join(dir, "src/sub"), { recursive: true });
    writeFileSync(join(dir, "src/a.filter"), "a==1\n");
    writeFileSync(join(dir, "src/sub/b.filter"), "b==2\n");
    for (const n of ["l1", "l2", "l3"]) symlinkSync(".", join(dir, "src", n));
    symlinkSync("..", join(dir, "src/sub/up"));
    symlinkSync("a.filter", join(dir, "src/same.filter"));
    symlinkSync("self", join(dir, "src/self")); // a link to itself: ELOOP
    symlinkSync("missing.filter", join(dir, "src/dangling.filter"));
    const r = await cli(["lint", "-f", "json", "--fix", "src"]);
    expect(r.code).toBe(0);
    expect(linted(r.stdout)).toEqual([join(dir, "src/a.filter"), join(dir, "src/sub/b.filter")]);
    expect(readFileSync(join(dir, "src/a.filter"), "utf8")).toBe("a == 1\n");
    expect(lstatSync(join(dir, "src/same.filter")).isSymbolicLink()).toBe(true);

    // Globs walk the same way.
    const g = await cli(["lint", "-f", "json", "src/**/*.filter"]);
    expect(linted(g.stdout)).toEqual([join(dir, "src/a.filter"), join(dir, "src/sub/b.filter")]);
  });

  it("many nested cycles stay linear (used to be exponential)", async () => {
    mkdirSync(join(dir, "t"));
    writeFileSync(join(dir, "t/a.filter"), "a == 1\n");
    for (let i = 0; i < 8; i++) symlinkSync(".", join(dir, "t", `l${i}`));
    const r = await cli(["lint", "-f", "json", "t"]);
    expect(linted(r.stdout)).toEqual([join(dir, "t/a.filter")]);
  }, 20_000);

  it("a link out of the walked directory is neither read nor written; named explicitly, it is followed", async () => {
    mkdirSync(join(dir, "outside"));
    mkdirSync(join(dir, "tree"));
    writeFileSync(join(dir, "outside/x.filter"), "x==1\n");
    writeFileSync(join(dir, "tree/t.filter"), "t==1\n");
    symlinkSync("../outside/x.filter", join(dir, "tree/x.filter"));
    symlinkSync("../outside", join(dir, "tree/out"));
    const r = await cli(["lint", "-f", "json", "--fix", "tree"]);
    expect(linted(r.stdout)).toEqual([join(dir, "tree/t.filter")]);
    expect(readFileSync(join(dir, "outside/x.filter"), "utf8")).toBe("x==1\n");

    const named = await cli(["lint", "-f", "json", "--fix", "tree/x.filter"]);
    expect(named.code).toBe(0);
    expect(linted(named.stdout)).toEqual([join(dir, "tree/x.filter")]);
    expect(readFileSync(join(dir, "outside/x.filter"), "utf8")).toBe("x == 1\n");
    // The link stays a link; the file it points to was replaced.
    expect(readlinkSync(join(dir, "tree/x.filter"))).toBe("../outside/x.filter");
    expect(readdirSync(join(dir, "outside"))).toEqual(["x.filter"]);

    // A directory named through a link is walked where it points.
    const viaLink = await cli(["lint", "-f", "json", "tree/out"]);
    expect(linted(viaLink.stdout)).toEqual([join(dir, "tree/out/x.filter")]);
  });

  it("a file named twice, directly and through a link, is read once", async () => {
    writeFileSync(join(dir, "a.filter"), "a==1\n");
    symlinkSync("a.filter", join(dir, "b.filter"));
    const r = await cli(["lint", "-f", "json", "--fix", "a.filter", "b.filter", "."]);
    expect(linted(r.stdout)).toEqual([join(dir, "a.filter")]);
    expect(readFileSync(join(dir, "a.filter"), "utf8")).toBe("a == 1\n");
  });
});
