/**
 * The REPL end to end on in-memory streams: piped (non-terminal) input for the commands and
 * output format, terminal mode for prompts, completion and history.
 */
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { helpText, replExitCode, startRepl } from "../../src/repl/index.js";
import { highlight } from "../../src/repl/highlight.js";
import { PARAMS, plain, ROWS, runPiped, SCHEMA, tempDir, terminalRepl } from "./helpers.js";

const QUERY_FIRST = "delete: query first (Milvus finds the rows with a query, then deletes them; the collection must be loaded)";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});
function temp(prefix: string): string {
  const d = tempDir(prefix);
  cleanups.push(d.remove);
  return d.path;
}

describe("piped input", () => {
  it("printf 'pages > 1\\n.exit\\n' | milvus-filter repl --schema s.json prints just the result", async () => {
    const { out } = await runPiped(["pages > 1", ".exit"], { schemaFile: SCHEMA });
    expect(out).toBe(`pages > 1\n${QUERY_FIRST}\n`);
  });

  it("prints no prompts, no echo and no banner, even for multi-line input", async () => {
    const { out } = await runPiped(["(pages > 1", "  and title like \"D%\")", "pages >"], { schemaFile: SCHEMA });
    expect(out).not.toMatch(/filter>|\.\.\. |milvus-filter repl/);
    expect(out).not.toMatch(/\u001b/);
    expect(out.split("\n")[0]).toBe('pages > 1 and title like "D%"');
  });

  it("ends at .exit: later lines are not read", async () => {
    const { out } = await runPiped(["pages > 1", ".exit", "pages > 2"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe("pages > 1\n");
  });

  it("ends at the end of input without .exit", async () => {
    const { out } = await runPiped(["pages < 2"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe("pages < 2\n");
  });

  it("is reproducible: the same input gives the same bytes", async () => {
    const lines = ["pages > 300 or price < 10", ".explain 2", ".ast", "pages > 1 and random_sample(0.5)"];
    const a = await runPiped(lines, { schemaFile: SCHEMA, rowsFile: ROWS });
    const b = await runPiped(lines, { schemaFile: SCHEMA, rowsFile: ROWS });
    expect(a.out).toBe(b.out);
  });

  it("skips blank lines", async () => {
    const { out } = await runPiped(["", "   ", "pages > 1", ""], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe("pages > 1\n");
  });

  it("colours when asked to, even when piped", async () => {
    const { out } = await runPiped(["pages > 1"], { schemaFile: SCHEMA, color: true });
    expect(out).toMatch(/\u001b\[1mpages > 1\u001b\[22m/);
    expect(plain(out)).toBe(`pages > 1\n${QUERY_FIRST}\n`);
  });
});

describe("filters", () => {
  it("shows rows matched, with exact primary keys", async () => {
    const { out } = await runPiped(["pages > 300 or price < 10"], { schemaFile: SCHEMA, rowsFile: ROWS });
    expect(out).toBe(
      [
        "5 rows from books.jsonl; skipped 1 bad line (line 5: Invalid literal: expected 'true')",
        "pages > 300 or price < 10",
        QUERY_FIRST,
        "matches 3 of 5 rows: id 1, 9007199254740993, 4; 1 NULL (unknown: not selected, not even under not)",
        "",
      ].join("\n"),
    );
  });

  it("reports the primary-key fast path", async () => {
    const { out } = await runPiped(["id in [2, 1]"], { schemaFile: SCHEMA });
    expect(out).toBe("id in [2, 1]\ndelete: primary-key fast path (Milvus deletes the listed keys directly, without a query)\n");
  });

  it("continues lines while a bracket or parenthesis is open", async () => {
    const { out } = await runPiped(["id in [1,", "2,", "3] and (pages > 1", ")"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe("id in [1, 2, 3] and pages > 1\n");
  });

  it("an open string is reported at once, not continued (Milvus allows no line break in a string)", async () => {
    const { out } = await runPiped(['title == "Du', "pages > 1"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe(
      [
        "1:10: error syntax/unterminated-string: unterminated string starting here",
        '  | title == "Du',
        "  |          ^",
        '  = hint: close it with " on the same line (a raw line break inside a string is not allowed; write \\n)',
        "pages > 1",
        "",
      ].join("\n"),
    );
  });

  it("an unfinished filter at the end of input is checked, not dropped", async () => {
    const { out } = await runPiped(["(pages > 1 and"], { schemaFile: SCHEMA });
    expect(out).toMatch(/^1:15: error syntax\//);
  });

  it("bad input gets diagnostics with carets and the REPL goes on", async () => {
    const { out } = await runPiped(["pages >", "pages > 1)", "pages # 1", "nosuch > 1", 'pages > "x"', "pages > 1"], {
      schemaFile: SCHEMA,
      purpose: "query",
    });
    expect(out).toContain("1:8: error syntax/unexpected-end: expected a value after '>' but the filter ended\n  | pages >\n  |        ^\n");
    expect(out).toContain("error syntax/");
    expect(out).toContain("'#' is not part of the Milvus filter language");
    expect(out).toContain("error type/incomparable");
    expect(out.endsWith("\npages > 1\n")).toBe(true);
  });

  it("an exception while checking becomes one line, and the next filter still runs", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d: Buffer) => (text += d.toString()));
    const r = startRepl({ input, output, purpose: "query" });
    const run = r.session.run.bind(r.session);
    let calls = 0;
    r.session.run = (t: string) => {
      if (calls++ === 0) throw new Error("boom");
      return run(t);
    };
    input.end("pages > 1\npages > 2\n");
    await r.done;
    expect(text).toBe("error: internal error while checking this filter: boom\npages > 2\n");
  });

  it("empty input: no output at all", async () => {
    expect((await runPiped([])).out).toBe("");
  });
});

describe("words a newcomer types without the dot", () => {
  it("help, exit and quit do what they say", async () => {
    const help = await runPiped(["help", "pages > 1"], { schemaFile: SCHEMA, purpose: "query" });
    expect(help.out).toMatch(/^Type a filter to see what Milvus would say/);
    expect(help.out).toMatch(/^  \.schema \[FILE\]/m);
    for (const word of ["exit", "quit", "  quit  "]) {
      const { out, repl } = await runPiped([word, "pages > 1"], { schemaFile: SCHEMA, purpose: "query" });
      expect(out).toBe("");
      expect(repl.problems).toEqual({ errors: 0, setupErrors: 0 });
    }
  });

  it("also when a field has that name: a bare name is no filter for Milvus, so the command is the only useful reading", async () => {
    const dir = tempDir("repl-bare-");
    cleanups.push(dir.remove);
    writeFileSync(join(dir.path, "s.json"), JSON.stringify({ name: "flags", fields: { id: "Int64 primary", exit: "Bool" } }));
    const { out } = await runPiped(["exit == true", "exit", "id == 1"], { schemaFile: join(dir.path, "s.json"), purpose: "query" });
    expect(out).toBe("exit == true\n");
  });
});

describe("a delete filter that takes every loaded row", () => {
  it("says so in one line after the matches; a query does not", async () => {
    const del = await runPiped(["id >= -1", "pages > 300"], { schemaFile: SCHEMA, rowsFile: ROWS });
    expect(del.out.match(/warning: this delete filter selects every loaded row; a delete cannot be undone/g)).toHaveLength(1);
    expect(del.out).toMatch(/matches 5 of 5 rows[^\n]*\nwarning: this delete filter selects every loaded row/);
    const query = await runPiped(["id >= -1"], { schemaFile: SCHEMA, rowsFile: ROWS, purpose: "query" });
    expect(query.out).not.toContain("selects every loaded row");
  });
});

describe("problems: what the piped CLI's exit status is made of", () => {
  it("counts filters with errors, failed commands and unusable start-up files apart", async () => {
    const { repl } = await runPiped(["pages >", "pages > 1", ".explain", ".nope", "title == 1"], { schemaFile: SCHEMA, rowsFile: "missing.jsonl", purpose: "query" });
    expect(repl.problems).toEqual({ errors: 4, setupErrors: 1 });
    expect(replExitCode(repl.problems)).toBe(2);
    expect(replExitCode({ errors: 3, setupErrors: 0 })).toBe(1);
    expect(replExitCode({ errors: 0, setupErrors: 0 })).toBe(0);
  });
});

describe(".help wraps to the terminal's width", () => {
  it("no line is wider than the width, and each description stays in its column", () => {
    for (const width of [40, 53, 60, 100]) {
      const text = helpText(width);
      for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(width);
      expect(text).toContain(".explain [N|pk=KEY]");
    }
    const narrow = helpText(60).split("\n");
    const start = narrow.findIndex((l) => l.startsWith("  .schema"));
    const column = narrow[start]!.indexOf("load");
    expect(narrow[start + 1]!.slice(0, column).trim()).toBe("");
  });
});

describe("commands", () => {
  it(".help lists every command", async () => {
    const { out } = await runPiped([".help"]);
    for (const c of ["schema", "rows", "params", "target", "purpose", "ast", "tokens", "fmt", "explain", "break", "help", "exit"]) {
      expect(out).toMatch(new RegExp(`^  \\.${c}\\b`, "m"));
    }
  });

  it(".schema loads a file and shows the table", async () => {
    const { out } = await runPiped([".schema", `.schema ${SCHEMA}`, ".schema"]);
    const lines = out.split("\n");
    expect(lines[0]).toBe("no schema loaded: use .schema FILE (filters are checked without field types)");
    expect(lines[1]).toBe("schema books: 7 fields, dynamic field on");
    expect(lines[2]).toBe("schema books (books.schema.json; dynamic field on)");
    expect(lines[3]).toBe("  name   type              nullable  pk");
    expect(lines[4]).toBe("  id     Int64             no        yes");
  });

  it(".rows loads rows and shows their status", async () => {
    const { out } = await runPiped([".rows", `.rows ${ROWS}`, ".rows", "pages < 250"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe(
      [
        "no rows loaded: use .rows FILE.jsonl (one JSON object per line)",
        "5 rows from books.jsonl; skipped 1 bad line (line 5: Invalid literal: expected 'true')",
        "5 rows from books.jsonl (1 bad line skipped)",
        "pages < 250",
        "matches 2 of 5 rows: id 4, 5",
        "",
      ].join("\n"),
    );
  });

  it(".params takes inline JSON or a file, shows and clears", async () => {
    const { out } = await runPiped(
      [".params", '.params {"lo": 300}', "pages > {lo}", `.params ${PARAMS}`, ".params", 'meta["publisher"] in {publishers}', ".params clear", "pages > {lo}"],
      { schemaFile: SCHEMA, rowsFile: ROWS, purpose: "query" },
    );
    expect(out).toBe(
      [
        "5 rows from books.jsonl; skipped 1 bad line (line 5: Invalid literal: expected 'true')",
        "no params: {placeholders} are checked for position only (set values with .params JSON|FILE)",
        "params: {lo}",
        "pages > {lo}",
        "matches 2 of 5 rows: id 1, 9007199254740993",
        "params: {min_pages}, {publishers}",
        "params from books.params.json:",
        "  {min_pages} = integer 300",
        "  {publishers} = array of 2 (string)",
        'meta["publisher"] in {publishers}',
        "matches 3 of 5 rows: id 2, 4, 5",
        // A JSON key is read: the summary names the server semantics it assumed.
        "semantics: Milvus 3.0 (master 2026-07): missing JSON keys and type mismatches are UNKNOWN",
        "params cleared: placeholders are checked for position only",
        "pages > {lo}",
        "rows: cannot evaluate locally: the value of expression template variable name {lo} is not found (pass it in params (exprParams))",
        "",
      ].join("\n"),
    );
  });

  it(".target and .purpose change how filters are checked", async () => {
    const { out } = await runPiped([".target", ".target 2.4", "price is null", ".purpose", ".purpose query", "id == 1", ".target 3.0"], {
      schemaFile: SCHEMA,
    });
    expect(out).toBe(
      [
        "target: Milvus 3.0",
        "target: Milvus 2.4",
        "1:1: error version/unsupported: IS NULL / IS NOT NULL: not accepted by any Milvus 2.4 release (accepted from 2.5.4 on the 2.5 line, 2.6.0)",
        "  | price is null",
        "  | ^~~~~~~~~~~~~",
        "  = hint: raise the target if your server runs a release that accepts it (2.5.4 on the 2.5 line, 2.6.0)",
        "purpose: delete",
        "purpose: query",
        "id == 1",
        "target: Milvus 3.0",
        "",
      ].join("\n"),
    );
  });

  it(".ast, .tokens and .fmt show the last filter", async () => {
    const { out } = await runPiped(["pages>1", ".ast", ".tokens", ".fmt"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe(
      [
        "pages > 1",
        'Relational op=">" [0,7) : predicate Bool',
        '  Identifier name="pages" [0,5) : column Int32',
        "  Integer value=1 [6,7) : value Int64",
        "1:1  Identifier       pages",
        "1:6  Gt               >",
        "1:7  IntegerConstant  1",
        "pages > 1",
        "",
      ].join("\n"),
    );
  });

  it(".fmt prints the canonical form even when the filter does not check", async () => {
    const { out } = await runPiped(['pages>"x"', ".fmt", "pages >", ".fmt", ".tokens"], { schemaFile: SCHEMA });
    const lines = out.split("\n");
    expect(lines).toContain('pages > "x"');
    expect(lines).toContain("error: the last filter does not parse");
    expect(lines.at(-3)).toBe("1:1  Identifier  pages");
  });

  it(".explain [N|pk=KEY] shows why a row matched or not", async () => {
    const { out } = await runPiped(["pages > 300 and price < 10", ".explain", ".explain 2", ".explain pk=9007199254740993", ".explain 99"], {
      schemaFile: SCHEMA,
      rowsFile: ROWS,
      purpose: "query",
    });
    expect(out).toBe(
      [
        "5 rows from books.jsonl; skipped 1 bad line (line 5: Invalid literal: expected 'true')",
        "pages > 300 and price < 10",
        "matches 2 of 5 rows: id 1, 9007199254740993",
        "row 1 of 5 (id 1, line 1): TRUE, selected",
        "  pages > 300 and price < 10  → TRUE",
        "    pages > 300  → TRUE  (pages = 412)",
        "    price < 10  → TRUE  (price = 9.99)",
        "row 2 of 5 (id 2, line 2): FALSE, not selected",
        "  pages > 300 and price < 10  → FALSE",
        "    pages > 300  → FALSE  (pages = 271)",
        "    price < 10  → UNKNOWN  (price = NULL)  UNKNOWN: NULL column",
        "row 3 of 5 (id 9007199254740993, line 3): TRUE, selected",
        "  pages > 300 and price < 10  → TRUE",
        "    pages > 300  → TRUE  (pages = 310)",
        "    price < 10  → TRUE  (price = 7.5)",
        "error: there is no row 99: rows are numbered 1 to 5",
        "",
      ].join("\n"),
    );
  });

  it(".break abandons an unfinished filter", async () => {
    const { out } = await runPiped(["(pages > 1 and", ".break", "pages > 2"], { schemaFile: SCHEMA, purpose: "query" });
    expect(out).toBe("pages > 2\n");
  });

  it("commands run in the middle of a multi-line filter", async () => {
    const { out } = await runPiped(["(pages > 1", ".purpose query", ")"], { schemaFile: SCHEMA });
    expect(out).toBe("purpose: query\npages > 1\n");
  });
});

describe("failures are one line and the REPL keeps running", () => {
  it("unknown and misspelt commands", async () => {
    const { out } = await runPiped([".foo", ".schmea", ".EXIT", "pages > 1"], { purpose: "query" });
    expect(out).toBe(
      [
        "error: unknown command .foo (.help lists the commands)",
        "error: unknown command .schmea; did you mean .schema? (.help lists the commands)",
        "error: unknown command .EXIT; did you mean .exit? (.help lists the commands)",
        "pages > 1",
        "",
      ].join("\n"),
    );
  });

  it("bad command arguments", async () => {
    const { out } = await runPiped([".target 9", ".purpose drop", '.params {"a": {}}', ".params {", ".explain", ".ast", "pages > 1", ".explain x"]);
    expect(out).toBe(
      [
        'error: "9" is not a Milvus version; known Milvus versions: 2.3.0–2.3.20, 2.4.0–2.4.24, 2.5.0–2.5.26, 2.6.0–2.6.18, 3.0 (master) — write a release line (2.5), a release (2.5.3 or v2.5.3) or latest',
        'error: unknown purpose "drop"; use delete or query',
        "error: params the command line not set: a: a JSON object is not a template value (use an array, number, string or boolean)",
        "error: params the command line not set: invalid JSON at line 1, column 2: Unexpected end of input: expected a string key",
        "error: no filter yet: type one first",
        "error: no filter yet: type one first",
        "pages > 1",
        "error: no rows loaded: use .rows FILE.jsonl",
        "",
      ].join("\n"),
    );
  });

  it("unreadable and invalid files", async () => {
    const dir = temp("repl-files-");
    writeFileSync(join(dir, "bad.json"), "{ not json");
    const { out } = await runPiped(
      [".schema missing.json", ".rows missing.jsonl", ".params missing.json", `.rows ${dir}`, `.schema ${join(dir, "bad.json")}`, '.schema "missing file.json"', "pages > 1"],
      { purpose: "query" },
    );
    const lines = out.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "error: cannot read missing.json: ENOENT: no such file or directory",
      "error: cannot read missing.jsonl: ENOENT: no such file or directory",
      "error: cannot read missing.json: ENOENT: no such file or directory",
      `error: cannot read ${dir}: EISDIR: is a directory`,
      `error: schema ${join(dir, "bad.json")} not loaded: Invalid JSON at line 1, column 3: expected a double-quoted property name, found 'n'`,
      "error: cannot read missing file.json: ENOENT: no such file or directory",
    ]);
    expect(lines.slice(6)).toEqual(["pages > 1", ""]);
  });

  it("files named at start-up that cannot be read", async () => {
    const { out } = await runPiped(["pages > 1"], { schemaFile: "nope.json", rowsFile: "nope.jsonl", paramsFile: "nope-params.json", target: "1.0", purpose: "all" });
    expect(out).toBe(
      [
        'error: Milvus 1.0 is not a known release line; known Milvus versions: 2.3.0–2.3.20, 2.4.0–2.4.24, 2.5.0–2.5.26, 2.6.0–2.6.18, 3.0 (master) — write a release line (2.5), a release (2.5.3 or v2.5.3) or latest',
        'error: unknown purpose "all"; use delete or query',
        "error: cannot read schema file nope.json: ENOENT: no such file or directory",
        "error: cannot read params file nope-params.json: ENOENT: no such file or directory",
        "error: cannot read rows file nope.jsonl: ENOENT: no such file or directory",
        "pages > 1", // no schema, so no primary key and no delete path
        "",
      ].join("\n"),
    );
  });

  it("inline params at start-up, and a readFile that throws something odd", async () => {
    const { out } = await runPiped(["pages > {lo}", ".schema x.json"], {
      schemaFile: SCHEMA,
      paramsFile: '{"lo": 1}',
      purpose: "query",
      readFile: (p) => {
        if (p.endsWith(SCHEMA)) return readFileSync(p, "utf8");
        throw "not an Error";
      },
    });
    expect(out).toBe("pages > {lo}\nerror: cannot read x.json: not an Error\n");
  });
});

describe("terminal mode", () => {
  it("shows the banner, the prompt and the continuation prompt", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA });
    await t.type("(pages > 1\r");
    await t.type(")\r");
    await t.close();
    const out = plain(t.output());
    expect(out).toContain("milvus-filter repl: type a filter; .help lists the commands, Tab completes, Ctrl+D leaves\nschema books: 7 fields, dynamic field on\n");
    expect(out).toContain("filter> (pages > 1");
    expect(out).toContain("... )");
    expect(out).toContain(`pages > 1\n${QUERY_FIRST}\n`);
  });

  it("Tab completes a partial field name, then the line runs", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA, rowsFile: ROWS });
    await t.type("pag\t");
    await t.type(" > 300\r");
    await t.close();
    const out = plain(t.output());
    expect(out).toContain("filter> pages");
    expect(out).toContain("pages > 300\n");
    expect(out).toContain("matches 2 of 5 rows: id 1, 9007199254740993");
  });

  it("Tab twice lists the JSON keys seen in the rows", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA, rowsFile: ROWS });
    await t.type('meta["');
    await t.type("\t");
    await t.type("\t");
    await t.close();
    expect(plain(t.output())).toMatch(/awards"\][\s\S]*publisher"\][\s\S]*year"\]/);
  });

  it("an unknown command is one line and the prompt comes back", async () => {
    const t = terminalRepl();
    await t.type(".nope\r");
    await t.type("pages > 1\r");
    await t.close();
    const out = plain(t.output());
    expect(out).toContain("filter> .nope\nerror: unknown command .nope (.help lists the commands)\nfilter> pages > 1\npages > 1\nfilter> ");
  });
});

describe("history", () => {
  it("is written to ~/.milvus_filter_history and read back", async () => {
    const home = temp("repl-home-");
    const first = terminalRepl({ env: { HOME: home }, historyFile: undefined, purpose: "query" });
    await first.type("pages > 1\r");
    await first.type("pages > 1\r");
    await first.type("\r");
    await first.type("id == 2\r");
    await first.close();
    const file = join(home, ".milvus_filter_history");
    expect(readFileSync(file, "utf8")).toBe("pages > 1\nid == 2\n");

    const second = terminalRepl({ env: { HOME: home }, historyFile: undefined, purpose: "query" });
    await second.type("\u001b[A\u001b[A\r"); // up, up, enter: the older entry
    await second.close();
    expect(plain(second.output())).toContain("pages > 1\n");
    expect(readFileSync(file, "utf8")).toBe("pages > 1\nid == 2\npages > 1\n");
  });

  it("MILVUS_FILTER_HISTORY moves it, and 0 or empty turns it off", async () => {
    const home = temp("repl-home-");
    const moved = join(home, "elsewhere.txt");
    const a = terminalRepl({ env: { HOME: home, MILVUS_FILTER_HISTORY: moved }, historyFile: undefined });
    await a.type("pages > 1\r");
    await a.close();
    expect(readFileSync(moved, "utf8")).toBe("pages > 1\n");
    for (const off of ["0", "", " "]) {
      const b = terminalRepl({ env: { HOME: home, MILVUS_FILTER_HISTORY: off }, historyFile: undefined });
      await b.type("pages > 2\r");
      await b.close();
    }
    expect(existsSync(join(home, ".milvus_filter_history"))).toBe(false);
  });

  it("the historyFile option wins; null turns it off", async () => {
    const home = temp("repl-home-");
    const chosen = join(home, "chosen");
    const a = terminalRepl({ env: { HOME: home, MILVUS_FILTER_HISTORY: join(home, "env") }, historyFile: chosen });
    await a.type("id == 1\r");
    await a.close();
    expect(readFileSync(chosen, "utf8")).toBe("id == 1\n");
    expect(existsSync(join(home, "env"))).toBe(false);
    const b = terminalRepl({ env: { HOME: home }, historyFile: null });
    await b.type("id == 2\r");
    await b.close();
    expect(existsSync(join(home, ".milvus_filter_history"))).toBe(false);
  });

  it("a filter typed over several lines is one entry, in the file and for the up arrow", async () => {
    const home = temp("repl-home-");
    const t = terminalRepl({ env: { HOME: home }, historyFile: undefined, purpose: "query" });
    await t.type("id in [1,\r");
    await t.type("  2] and (\r");
    await t.type("pages > 1)\r");
    await t.type(".fmt\r");
    await t.close();
    expect(readFileSync(join(home, ".milvus_filter_history"), "utf8")).toBe("id in [1, 2] and ( pages > 1)\n.fmt\n");
    expect((t.repl as unknown as { history: string[] }).history).toEqual([".fmt", "id in [1, 2] and ( pages > 1)"]);
  });

  it("piped input is not recorded", async () => {
    const home = temp("repl-home-");
    await runPiped(["pages > 1"], { env: { HOME: home } });
    expect(existsSync(join(home, ".milvus_filter_history"))).toBe(false);
  });

  it("an unwritable history file is reported once and the REPL goes on", async () => {
    const home = temp("repl-home-");
    const t = terminalRepl({ env: { HOME: join(home, "no", "such", "dir") }, historyFile: undefined, purpose: "query" });
    await t.type("pages > 1\r");
    await t.type("pages > 2\r");
    await t.close();
    const out = plain(t.output());
    expect(out.match(/history off: cannot write/g)).toHaveLength(1);
    expect(out).toContain("pages > 2\n");
  });

  it("keeps the newest entries when the file grows large", async () => {
    const home = temp("repl-home-");
    const file = join(home, ".milvus_filter_history");
    writeFileSync(file, Array.from({ length: 2500 }, (_, i) => `id == ${i}`).join("\n") + "\n");
    const t = terminalRepl({ env: { HOME: home }, historyFile: undefined, purpose: "query" });
    await t.type("\u001b[A\r");
    await t.close();
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(1000); // the recalled line repeats the newest entry, so it is not added
    expect(lines[0]).toBe("id == 1500");
    expect(lines.at(-1)).toBe("id == 2499");
    expect(plain(t.output())).toContain("id == 2499\n");
  });
});

describe("terminal with colour: the line as you type", () => {
  const ESC = "\u001b[";

  it("colours tokens by class and keeps every character in place", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA, color: true, purpose: "query" });
    await t.type('title == "Dune" and pages > 10');
    const out = t.output();
    await t.close();
    expect(out).toContain(`${ESC}32m"Dune"${ESC}39m`);
    expect(out).toContain(`${ESC}36mand${ESC}39m`);
    expect(out).toContain(`${ESC}33m10${ESC}39m`);
    expect(plain(highlight('title == "Dune" and pages > 10'))).toBe('title == "Dune" and pages > 10');
  });

  it("shows the first problem under the line while typing, and clears it on Enter", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA, color: true, purpose: "query" });
    await t.type('pages > "ten"');
    const typing = plain(t.output());
    expect(typing).toMatch(/\n1:1 type\/incomparable: comparisons between Int32 and VarChar/);
    await t.type("\r");
    await t.close();
    expect(t.output()).toContain(`\r${ESC}J`);
  });

  it("says nothing while the filter is merely unfinished", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA, color: true, purpose: "query" });
    await t.type("pages >");
    const out = plain(t.output());
    await t.close();
    expect(out).not.toMatch(/syntax\//);
  });

  it("no colour and no hints without colour (piped, NO_COLOR, TERM=dumb)", async () => {
    const t = terminalRepl({ schemaFile: SCHEMA, color: false, purpose: "query" });
    await t.type('pages > "ten"');
    const out = t.output();
    await t.close();
    expect(out).not.toMatch(/\u001b\[3\dm/);
    expect(out).not.toContain("type/");
  });
});
