/**
 * End to end: `eval` and the piped `repl` through the built CLI (bin/milvus-filter.mjs →
 * dist/cli.cjs), as child processes with real pipes. dist/cli.cjs is rebuilt first when stale.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, ensureCliBuilt } from "./build-cli.js";

let dir = "";

function cli(args: string[], options: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "FORCE_COLOR" && k !== "NO_COLOR") env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? dir,
    input: options.input ?? "",
    env: { ...env, MILVUS_FILTER_HISTORY: "0", ...options.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

/** Lines a JSON round trip would change: odd spacing, tabs, escapes, key order, trailing blanks, big ints. */
const ODD = [
  '{"id":9007199254740993,"title":"Big","price":1.50,"pages":400,"tags":[],"meta":{}}',
  '   {  "id" :\t-9223372036854775808 , "title" : "Min\\u00e9" ,"price":null , "pages":500,"tags":["a"],"meta":{"k":1e2}}   ',
  '{"pages":600,"id":9223372036854775807,"title":"Gödel — ∞ 🚀","price":2,"tags":[],"meta":{"x":[1,2.0,{"y":null}]}}\t',
  '{"id": 3, "title": "Small", "price": 1, "pages": 10, "tags": [], "meta": {}}',
];

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "milvus-filter-eval-e2e-"));
  writeFileSync(join(dir, "rows.jsonl"), `${ODD.join("\n")}\n`);
  writeFileSync(join(dir, "crlf.jsonl"), `${ODD.join("\r\n")}\r\n`);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SCHEMA = () => join(ROOT, "examples", "schema.json");

describe("eval, built", () => {
  it("ids: the primary keys exactly as written, 2^53 + 1 and the int64 limits included", () => {
    const r = cli(["eval", "--schema", SCHEMA(), "--rows", "rows.jsonl", "-f", "ids", "pages > 100"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.toString("utf8")).toBe("9007199254740993\n-9223372036854775808\n9223372036854775807\n");
    const exact = cli(["eval", "--schema", SCHEMA(), "--rows", "rows.jsonl", "-f", "ids", "id == 9007199254740993"]);
    expect(exact.stdout.toString("utf8")).toBe("9007199254740993\n");
    expect(cli(["eval", "--schema", SCHEMA(), "--rows", "rows.jsonl", "-f", "ids", "id == 9007199254740992"]).stdout.toString("utf8")).toBe("");
  });

  it("jsonl: the matching lines byte for byte, spacing, escapes and non-ASCII included", () => {
    const r = cli(["eval", "--schema", SCHEMA(), "--rows", "rows.jsonl", "pages >= 400"]);
    expect(r.code).toBe(0);
    expect(Buffer.compare(r.stdout, Buffer.from(`${ODD.slice(0, 3).join("\n")}\n`, "utf8"))).toBe(0);
    // CRLF input: the same lines, each ended by "\n".
    const crlf = cli(["eval", "--schema", SCHEMA(), "--rows", "crlf.jsonl", "pages >= 400"]);
    expect(Buffer.compare(crlf.stdout, r.stdout)).toBe(0);
  });

  it("rows from standard input, streamed, in chunks; json summary", () => {
    const many = Array.from({ length: 20000 }, (_, i) => `{"id": ${9007199254740993n + BigInt(i)}, "pages": ${i % 7}, "price": ${i % 3 === 0 ? "null" : i}}`).join("\n");
    const r = cli(["eval", "--schema", SCHEMA(), "--rows", "-", "-f", "json", "pages == 6 and price > 19900"], { input: many });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.toString("utf8"));
    expect(out).toMatchObject({ rows: 20000, skipped: 0 });
    const expected = [];
    let nulls = 0;
    for (let i = 0; i < 20000; i++) {
      if (i % 7 !== 6) continue;
      if (i % 3 === 0) nulls++;
      else if (i > 19900) expected.push(String(9007199254740993n + BigInt(i)));
    }
    expect(out.ids).toEqual(expected);
    expect(out.matched).toBe(expected.length);
    expect(out.null).toBe(nulls);
  });

  it("a closed output pipe ends the run quietly", () => {
    const many = `${Array.from({ length: 50000 }, (_, i) => `{"id": ${i}, "pages": 1}`).join("\n")}\n`;
    writeFileSync(join(dir, "many.jsonl"), many);
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" eval --schema "${SCHEMA()}" --rows many.jsonl 'pages == 1' | head -n 2`], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stdout).toBe('{"id": 0, "pages": 1}\n{"id": 1, "pages": 1}\n');
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("exit codes: 1 for an invalid or not evaluable filter (nothing on stdout), 1 for a bad row, 2 for usage", () => {
    const invalid = cli(["eval", "--schema", SCHEMA(), "--rows", "rows.jsonl", "pages > 1.5"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout.length).toBe(0);
    expect(invalid.stderr).toMatch(/nothing was evaluated/);
    const server = cli(["eval", "--schema", SCHEMA(), "--rows", "rows.jsonl", 'text_match(title, "big")']);
    expect(server.code).toBe(1);
    expect(server.stdout.length).toBe(0);
    expect(server.stderr).toContain("eval/not-evaluable");
    const bad = cli(["eval", "--schema", SCHEMA(), "--rows", "-", "-f", "count", "pages > 1"], { input: '{"id": 1, "pages": 2}\n{oops\n' });
    expect(bad.code).toBe(1);
    expect(bad.stdout.toString("utf8")).toBe("1\n");
    expect(bad.stderr).toMatch(/^<stdin>:2:\d+: .*; line skipped$/m);
    expect(cli(["eval", "--schema", SCHEMA(), "pages > 1"]).code).toBe(2);
  });
});

describe("repl, built, piped", () => {
  it("printf 'pages > 1\\n.exit\\n' | milvus-filter repl --schema examples/schema.json: the result, no prompt", () => {
    const r = cli(["repl", "--schema", "examples/schema.json"], { cwd: ROOT, input: "pages > 1\n.exit\n" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.toString("utf8")).toBe("pages > 1\ndelete: query first (Milvus finds the rows with a query, then deletes them; the collection must be loaded)\n");
  });

  it("with rows: the matches; end of input leaves without .exit", () => {
    const r = cli(["repl", "--schema", "examples/schema.json", "--rows", "examples/rows.jsonl", "--purpose", "query"], { cwd: ROOT, input: "id == 9007199254740993\n" });
    expect(r.code).toBe(0);
    const out = r.stdout.toString("utf8");
    expect(out).toContain("id == 9007199254740993\n");
    expect(out).toContain("matches 1 of 7 rows: id 9007199254740993");
    expect(out).not.toMatch(/filter>|\u001b\[/);
  });
});
