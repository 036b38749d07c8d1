/**
 * The real file system for the CLI, on node:fs/promises. (It does not touch `process`: the
 * standard streams, working directory and environment are wired up in bin/milvus-filter.mjs.)
 */
import { mkdir, open, readdir, readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import type { CliFileSystem, DirEntry } from "./io.js";

export const nodeFileSystem: CliFileSystem = {
  readFile: (path) => readFile(path, "utf8"),
  readBytes: (path) => readFile(path),
  writeFile: (path, data) => writeFileAtomic(path, data),
  realpath: (path) => realpath(path),
  async stat(path) {
    const s = await stat(path);
    return { isFile: s.isFile(), isDirectory: s.isDirectory() };
  },
  async readdir(path) {
    const entries = await readdir(path, { withFileTypes: true });
    const out: DirEntry[] = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        try {
          const s = await stat(join(path, e.name));
          out.push({ name: e.name, isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: true });
        } catch {
          // A dangling link: nothing to read.
        }
      } else out.push({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory() });
    }
    return out;
  },
  async mkdirp(path) {
    await mkdir(path, { recursive: true });
  },
  async openRead(path) {
    const handle = await open(path, "r");
    try {
      const s = await handle.stat();
      if (s.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: "EISDIR" });
      // The stream closes the handle when it ends, fails or is destroyed.
      return { size: s.size, chunks: handle.createReadStream({ highWaterMark: 1 << 16 }) };
    } catch (e) {
      await handle.close();
      throw e;
    }
  },
};
