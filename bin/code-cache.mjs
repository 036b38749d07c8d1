// Loads a CommonJS bundle (dist/cli.cjs) through V8's code cache, for Node versions without
// module.enableCompileCache() (Node 20): a cold `lint` otherwise spends a good part of its time
// compiling the CLI's JavaScript again on every run.
//
// How the cache stays right:
// - one file per command, bundle path and Node build (`lint-<hash of the path>-v20.20.2-x64.v8`),
//   so two installs never overwrite each other's; written when the process exits (so it also
//   holds the functions the command compiled lazily), only when there was none or V8 refused it;
// - the file starts with the exact bytes of the bundle it was made from, compared byte for byte
//   before use (V8's own check looks at the source's length only): a rebuilt, upgraded or patched
//   bundle never runs against bytecode made for another;
// - V8's data is checked against a CRC-32 stored with it: V8 itself checks the length, its version
//   and flags (cachedDataRejected: the file is then rewritten) but, in release builds, not the
//   content, and damaged data aborts the process. Without zlib.crc32 (Node before 20.15) there is
//   no cache;
// - writes go to a temporary file renamed into place, so a concurrent reader sees an old file or a
//   new one, never half of one;
// - the directory must belong to the user and not be writable by others (bytecode from a file
//   someone else can write is code they choose); otherwise, and on any error, the bundle is
//   loaded without a cache. NODE_DISABLE_COMPILE_CACHE turns it off, NODE_COMPILE_CACHE moves it
//   (the variables Node 22 reads for its own compile cache).
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

// A named import would fail to link where it is missing.
const crc32 = zlib.crc32;

/** Where the cache lives for this user, or undefined when it is turned off. */
export function cacheDirectory(env = process.env) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === "function" ? `-${process.getuid()}` : "";
  return join(env.NODE_COMPILE_CACHE || tmpdir(), `milvus-filter-v8${uid}`);
}

/** Creates `dir` (mode 0700) and says whether only this user can write to it. */
function privateDirectory(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (typeof process.getuid !== "function") return true; // Windows: the temp folder is per user
  const st = statSync(dir);
  return st.isDirectory() && st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

/** FNV-1a of the bundle's path, as 8 hex digits: short, stable, no crypto module to load. */
function pathHash(path) {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

// The file: the bundle's byte length and the CRC-32 of V8's data (uint32 little-endian each), the
// bundle's bytes, V8's data.
const HEADER = 8;

/**
 * Runs the CommonJS file `file` and returns its exports, compiled from the cache file named after
 * `key` in `dir` when that holds this very file. `saveCache()` writes the cache if it is missing or
 * was refused; call it once the work is done (at exit), so lazily compiled functions are in it.
 */
export function loadWithCodeCache(file, { dir, key }) {
  const code = readFileSync(file);
  let cacheFile;
  let cached;
  try {
    if (dir !== undefined && typeof crc32 === "function" && /^[\w.-]+$/.test(key) && privateDirectory(dir)) {
      cacheFile = join(dir, `${key}-${pathHash(file)}-${process.version}-${process.arch}.v8`);
      const bytes = readFileSync(cacheFile);
      const length = bytes.length >= HEADER ? bytes.readUInt32LE(0) : -1;
      if (length === code.length && bytes.length > HEADER + length && code.equals(bytes.subarray(HEADER, HEADER + length))) {
        const data = bytes.subarray(HEADER + length);
        if (crc32(data) === bytes.readUInt32LE(4)) cached = data;
      }
    }
  } catch {
    // No cache file yet, or a directory we may not use: compile from source.
  }
  // The wrapper stays on the bundle's first line, so line numbers in stack traces are the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code.toString("utf8")}\n})`, {
    filename: file,
    // No importModuleDynamically: on Node 20 a script compiled from cached data loses it, so the
    // bundle has no import() (tsup.config.ts lowers them to require).
    ...(cached ? { cachedData: cached } : {}),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const used = cached !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    /** Whether V8 compiled from the cache (for tests). */
    usedCache: used,
    saveCache() {
      if (used || cacheFile === undefined) return;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        const data = script.createCachedData();
        const header = Buffer.alloc(HEADER);
        header.writeUInt32LE(code.length, 0);
        header.writeUInt32LE(crc32(data), 4);
        writeFileSync(temp, Buffer.concat([header, code, data]), { mode: 0o600 });
        renameSync(temp, cacheFile);
      } catch {
        try {
          unlinkSync(temp);
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}
