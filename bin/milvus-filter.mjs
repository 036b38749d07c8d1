#!/usr/bin/env node
// The only place that touches `process`: builds the real I/O for the CLI and sets the exit code.
import { main, nodeFileSystem } from "../dist/cli.js";

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

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: readStdin,
  cwd: process.cwd(),
  env: process.env,
  isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
  fs: nodeFileSystem,
  columns: process.stderr.columns,
};

process.exitCode = await main(process.argv.slice(2), io);
