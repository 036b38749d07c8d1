#!/usr/bin/env node
// Builds the ANTLR yardstick: Milvus's Plan.g4 compiled with antlr-ng (the reference oracle in
// ../shared/oracle, next to the repository), copied into bench/.peers/antlr (git-ignored) because
// shared/ is read-only, then `npm ci` and `sh build.sh` there, as its README describes.
// Skipped when the copy was already built from the same oracle files (their SHA-256 is kept in
// bench/.peers/antlr/.built-from).
//
//   node bench/peers/build-antlr.mjs            build if needed, print the directory
//   node bench/peers/build-antlr.mjs --check    exit 0 if built and current, 1 if not (no build)
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const ORACLE_DIR = join(root, "..", "shared", "oracle");
export const PEER_DIR = join(root, "bench", ".peers", "antlr");
const STAMP = join(PEER_DIR, ".built-from");
// Files the build does not read: the grammars of older releases, and anything a build left behind.
const SKIP = new Set(["node_modules", "build", "generated", "grammars"]);

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

/** SHA-256 over the oracle's file names and contents: a new grammar or driver means a new build. */
export function oracleHash() {
  if (!existsSync(join(ORACLE_DIR, "Plan.g4"))) {
    throw new Error(
      `the ANTLR yardstick needs Milvus's Plan.g4 oracle at ${ORACLE_DIR} (../shared/oracle next to the repository), and it is not there`,
    );
  }
  const h = createHash("sha256");
  for (const f of files(ORACLE_DIR)) h.update(relative(ORACLE_DIR, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}

/** The built copy's directory when it was built from the current oracle, else null. */
export function builtPeer() {
  try {
    const hash = oracleHash();
    const ok = existsSync(STAMP) && readFileSync(STAMP, "utf8").trim() === hash && existsSync(join(PEER_DIR, "build", "PlanParser.js"));
    return ok ? PEER_DIR : null;
  } catch {
    return null;
  }
}

function makeWritable(dir) {
  // shared/ has no write bits, and copies keep the mode: npm and build.sh must write here.
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

export function buildPeer({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const hash = oracleHash();
  if (builtPeer()) return PEER_DIR;
  log(`building the ANTLR yardstick in ${relative(root, PEER_DIR)} (npm ci + sh build.sh; once per oracle version)`);
  rmSync(PEER_DIR, { recursive: true, force: true });
  cpSync(ORACLE_DIR, PEER_DIR, { recursive: true, filter: (src) => !SKIP.has(relative(ORACLE_DIR, src).split(/[\\/]/)[0]) });
  makeWritable(PEER_DIR);
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: PEER_DIR, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  try {
    run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    run("sh", ["build.sh"]);
  } catch (e) {
    throw new Error(`building the ANTLR yardstick failed in ${PEER_DIR}: ${String(e.stderr || e.message).trim().slice(-800)}`);
  }
  writeFileSync(STAMP, `${hash}\n`);
  return PEER_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes("--check")) process.exit(builtPeer() ? 0 : 1);
    console.log(buildPeer());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
