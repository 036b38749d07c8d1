// Child process of the bench: parses corpus-mixed with our parser and with the ANTLR build of
// Milvus's Plan.g4 (bench/peers/build-antlr.mjs) in alternating rounds, and prints per-round times.
//
//   node parse-vs-antlr.mjs PEER_DIR [rounds] [warmup]
//
// The ANTLR side is driven as Milvus's planparserv2 drives its Go parser (the oracle's makeOracle:
// one reused lexer+parser, SLL first, full LL only after a syntax error), so it is the parse alone:
// no JSON, no I/O. Ours is `parse()`, which also builds the typed AST and its diagnostics.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadLib } from "../lib/dist.mjs";
import { timePasses } from "../lib/stats.mjs";
import { corpus } from "../lib/inputs.mjs";

const [peerDir, roundsArg = "11", warmupArg = "30"] = process.argv.slice(2);
const lib = await loadLib();
const { makeOracle } = await import(pathToFileURL(join(peerDir, "oracle.mjs")).href);
const antlr = makeOracle({ mode: "milvus" });

// Only filters both accept (all of corpus-mixed, unless a grammar snapshot differs).
const all = corpus("corpus-mixed");
const filters = all.filter((f) => antlr.check(f).ok && lib.parse(f).ast !== null);
const bytes = filters.reduce((n, f) => n + Buffer.byteLength(f), 0);

const ours = () => {
  for (const f of filters) if (lib.parse(f).ast === null) throw new Error(`does not parse: ${f}`);
};
const theirs = () => {
  for (const f of filters) if (!antlr.check(f).ok) throw new Error(`ANTLR rejects: ${f}`);
};

const warmup = Number(warmupArg);
for (let i = 0; i < warmup; i++) ours();
for (let i = 0; i < Math.max(2, Math.ceil(warmup / 5)); i++) theirs();

const rounds = [];
for (let i = 0; i < Number(roundsArg); i++) {
  // Alternate which side goes first, so drift in the host's load does not favour one.
  let o, a;
  if (i % 2 === 0) {
    o = timePasses(ours, 100);
    a = timePasses(theirs, 100);
  } else {
    a = timePasses(theirs, 100);
    o = timePasses(ours, 100);
  }
  rounds.push({ oursMs: o, antlrMs: a });
}
console.log(JSON.stringify({ filters: filters.length, of: all.length, bytes, rounds }));
