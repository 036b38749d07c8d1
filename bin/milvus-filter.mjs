#!/usr/bin/env node
// The only place that touches `process`: builds the real I/O for the CLI and sets the exit code.
import { existsSync } from "node:fs";
import module, { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cacheDirectory, loadWithCodeCache } from "./code-cache.mjs";

const bundle = fileURLToPath(new URL("../dist/cli.cjs", import.meta.url));
if (!existsSync(bundle)) {
  // A clone used before its first build: say what to do instead of printing a module trace.
  process.stderr.write("milvus-filter: the CLI is not built yet (dist/cli.cjs is missing): run `npm ci` or `npm run build` in the milvus-filter folder first\n");
  process.exit(2);
}
// Compiled code is cached between runs, which shortens every cold start after the first: by Node
// itself from 22.1 (module.enableCompileCache), else by code-cache.mjs, one cache per command.
// A usage error (exit 2) saves nothing, so a mistyped command leaves no file behind.
let cli;
if (typeof module.enableCompileCache === "function") {
  module.enableCompileCache();
  cli = createRequire(import.meta.url)(bundle);
} else {
  const command = process.argv[2] ?? "";
  const loaded = loadWithCodeCache(bundle, { dir: cacheDirectory(), key: /^[\w-]+$/.test(command) ? command : "none" });
  process.on("exit", (code) => {
    if (code !== 2) loaded.saveCache();
  });
  cli = loaded.exports;
}
const { main, nodeFileSystem } = cli;

// A closed pipe (`milvus-filter lint … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on("data", (chunk) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

/**
 * One question on the terminal: the question goes to stderr (stdout may be piped), the answer is the
 * line typed. Resolves with null when input ends (Ctrl+D) or on Ctrl+C, so the command declines
 * instead of the process dying mid-way.
 */
async function prompt(question) {
  // Loaded only when a command asks, to keep start-up lean.
  const { createInterface } = await import("node:readline");
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
    let settled = false;
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    // Ctrl+C or Ctrl+D: end the question's line, then decline.
    const decline = () => {
      if (!settled) process.stderr.write("\n");
      finish(null);
    };
    rl.on("SIGINT", decline);
    rl.on("close", decline);
    rl.question(question, (answer) => finish(answer));
  });
}

const stdinTTY = process.stdin.isTTY === true;

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: readStdin,
  cwd: process.cwd(),
  env: process.env,
  isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true, stdin: stdinTTY },
  fs: nodeFileSystem,
  columns: process.stderr.columns,
  // For the interactive repl (and eval --rows -, read as it arrives).
  streams: { stdin: process.stdin, stdout: process.stdout },
  ...(stdinTTY ? { prompt } : {}),
};

process.exitCode = await main(process.argv.slice(2), io);
