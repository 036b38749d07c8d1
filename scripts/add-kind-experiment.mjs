// `node scripts/add-kind-experiment.mjs`: type-checks the project as if a new node kind `Fake`
// (one child, `operand`) had been added to src/syntax/ast.ts and src/syntax/nodes.ts, and lists
// the places that then fail to compile: the places a real new kind must be handled
// (CONTRIBUTING.md, "How to add a node kind"). Nothing is written to disk: the two files are
// changed in memory only. `--without-table` leaves nodes.ts alone, to see the table's own errors.
// Takes about as long as `tsc --noEmit`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
const withTable = !process.argv.includes("--without-table");

/** Replaces `from` in `text`, or fails loudly when the anchor moved (update it here). */
function edit(text, from, to, file) {
  if (!text.includes(from)) throw new Error(`${file}: anchor ${JSON.stringify(from)} not found; update scripts/add-kind-experiment.mjs`);
  return text.replace(from, to);
}

const EDITS = {
  "src/syntax/ast.ts": (s, f) =>
    edit(s, "  | TimestamptzCompareReverse;", "  | TimestamptzCompareReverse\n  | Fake;", f) +
    '\nexport interface Fake extends Base {\n  readonly kind: "Fake";\n  readonly operand: Expr;\n}\n',
  ...(withTable ? { "src/syntax/nodes.ts": (s, f) => edit(s, "  // the empty filter", '  Fake: { group: "operator", slots: [{ one: "operand" }] },\n  // the empty filter', f) } : {}),
};

const configPath = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) });
const host = ts.createCompilerHost(config.options);
const read = host.getSourceFile;
host.getSourceFile = (name, languageVersion, ...rest) => {
  const rel = name.startsWith(root) ? name.slice(root.length) : name;
  const change = EDITS[rel];
  return change ? ts.createSourceFile(name, change(readFileSync(name, "utf8"), rel), languageVersion) : read(name, languageVersion, ...rest);
};

const program = ts.createProgram(config.fileNames, config.options, host);
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const d of diagnostics) {
  const where = d.file ? `${d.file.fileName.slice(root.length)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "(project)";
  const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
  console.log(`${where}  TS${d.code}  ${message.length > 110 ? `${message.slice(0, 110)}…` : message}`);
}
console.log(`${diagnostics.length} errors`);
