// The npm registry this project is built against serves only the Linux builds of rollup's native
// binaries, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json, and a clean `npm ci` then refuses the lock ("Missing: @rollup/rollup-darwin-arm64
// from lock file"). This adds those entries back, with the os/cpu/libc that rollup's package names
// encode, so npm ci on Linux skips them and on another platform fetches its own.
// Run after any `npm install` that rewrites the lock: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const pkgs = lock.packages;
const OS = { android: "android", darwin: "darwin", freebsd: "freebsd", linux: "linux", openbsd: "openbsd", openharmony: "openharmony", win32: "win32" };
let added = 0;
for (const [where, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key]) continue;
    const m = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi))?$/.exec(name);
    if (!m || !OS[m[1]]) throw new Error(`${where} needs ${name}@${version}, which this script cannot describe`);
    const libc = m[3] === "gnu" || m[3] === "gnueabihf" ? ["glibc"] : m[3] === "musl" || m[3] === "musleabihf" ? ["musl"] : undefined;
    pkgs[key] = {
      version,
      cpu: [m[2] === "arm" ? "arm" : m[2]],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      license: "MIT",
      optional: true,
      os: [OS[m[1]]],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries to package-lock.json`);
