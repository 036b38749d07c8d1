/**
 * The playground page: the REPL's Session (parse, check, print, evaluate, explain) driven by a
 * CodeMirror editor and three data panes. Everything runs in the page; nothing is sent anywhere.
 */
import { EditorView, keymap, Decoration, type DecorationSet, ViewPlugin, type ViewUpdate } from "@codemirror/view";
import { EditorState, RangeSetBuilder } from "@codemirror/state";
import { bracketMatching } from "@codemirror/language";
import { linter, lintGutter, forceLinting, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { autocompletion, type CompletionContext } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { Session, TARGETS, DEFAULT_TARGET, PURPOSES, type Purpose, type Target } from "../../src/repl/session.js";
import { complete } from "../../src/repl/complete.js";
import { tokenClass } from "../../src/repl/highlight.js";
import { lexAll } from "../../src/repl/lexer.js";
import { describeSemantics, semanticsFor } from "../../src/semantics/profiles.js";
import type { ExplainNode, TV } from "../../src/backends/eval/index.js";
import exampleSchema from "../../examples/schema.json?raw";
import exampleRows from "../../examples/rows.jsonl?raw";
import { parse } from "../../src/syntax/parse.js";
import { walk } from "../../src/syntax/walk.js";
import { loadRegexEngine, regexEngineLoaded } from "./re2-lazy.js";
import { sampleRows } from "./sample.js";
import { EXAMPLES } from "./examples.js";
import { decodeState, encodeState, type PageState } from "./share.js";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const schemaBox = $<HTMLTextAreaElement>("schema");
const rowsBox = $<HTMLTextAreaElement>("rows");
const paramsBox = $<HTMLTextAreaElement>("params");
const targetSel = $<HTMLSelectElement>("target");
const purposeSel = $<HTMLSelectElement>("purpose");
const examplesSel = $<HTMLSelectElement>("examples");

for (const t of TARGETS) targetSel.add(new Option(`Milvus ${t}`, t));
for (const p of PURPOSES) purposeSel.add(new Option(p, p));
targetSel.value = DEFAULT_TARGET;
EXAMPLES.forEach((e, i) => examplesSel.add(new Option(e.label, String(i))));

let session = new Session();

/** Token colours from the REPL's own lexer and token classes. */
const tokenMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = this.build(u.view);
    }
    build(view: EditorView): DecorationSet {
      const b = new RangeSetBuilder<Decoration>();
      const text = view.state.doc.toString();
      for (const t of lexAll(text)) {
        const cls = tokenClass(t);
        const end = t.endOffset === undefined || Number.isNaN(t.endOffset) ? t.startOffset + t.image.length : t.endOffset + 1;
        if (cls !== "other" && end > t.startOffset) b.add(t.startOffset, end, Decoration.mark({ class: `tok-${cls}` }));
      }
      return b.finish();
    }
  },
  { decorations: (v) => v.decorations },
);

function completionSource(ctx: CompletionContext) {
  const text = ctx.state.doc.toString();
  const [candidates, prefix] = complete(text, ctx.pos, {
    ...(session.schema ? { schema: session.schema } : {}),
    ...(session.rowIndex() ? { rows: session.rowIndex()! } : {}),
    ...(session.params ? { params: [...session.params.values.keys()] } : {}),
    target: session.target,
  });
  if (candidates.length === 0 && !ctx.explicit) return null;
  return { from: ctx.pos - prefix.length, options: candidates.map((c) => ({ label: c })), validFor: /^[\w"'.\[]*$/ };
}

const filterLinter = linter(
  (view) => {
    const result = session.diagnose(view.state.doc.toString());
    const len = view.state.doc.length;
    return result.diagnostics.map<CmDiagnostic>((d) => ({
      from: Math.min(d.span.start, len),
      to: Math.min(Math.max(d.span.end, d.span.start), len),
      severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
      message: `${d.code}: ${d.message}${d.hint ? `\nhint: ${d.hint}` : ""}`,
    }));
  },
  { delay: 150 },
);

const editor = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      history(),
      keymap.of([
        { key: "Mod-Enter", run: () => (update(), true) },
        ...defaultKeymap.filter((k) => k.key !== "Tab" && k.key !== "Shift-Tab"),
        ...historyKeymap,
      ]),
      bracketMatching(),
      tokenMarks,
      filterLinter,
      lintGutter(),
      autocompletion({ override: [completionSource] }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": "filter", "data-testid": "filter" }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) scheduleUpdate();
      }),
    ],
  }),
});

let pending: ReturnType<typeof setTimeout> | undefined;
function scheduleUpdate(): void {
  clearTimeout(pending);
  pending = setTimeout(update, 120);
}

function loadInputs(): void {
  session = new Session({ target: targetSel.value as Target, purpose: purposeSel.value as Purpose });
  const notes: string[] = [];
  const s = schemaBox.value.trim() ? session.loadSchema(schemaBox.value, "schema") : undefined;
  if (s) notes.push(s.ok ? s.message : s.error);
  const r = rowsBox.value.trim() ? session.loadRows(rowsBox.value, "rows") : undefined;
  if (r) notes.push(r.ok ? r.message : r.error);
  const p = paramsBox.value.trim() ? session.setParams(paramsBox.value, "exprParams") : undefined;
  if (p) notes.push(p.ok ? p.message : p.error);
  $("load-notes").textContent = notes.join(" · ");
}

let selectedRow = -1;
/** Rows listed in the table (the count above it covers all rows). */
const MAX_TABLE_ROWS = 500;

/** Whether evaluating `text` needs the regex engine (a `=~` / `!~` node anywhere). */
function usesRegex(text: string): boolean {
  const ast = parse(text).ast;
  if (!ast) return false;
  for (const n of walk(ast)) if (n.kind === "RegexMatch") return true;
  return false;
}

function update(): void {
  const text = editor.state.doc.toString();
  if (!regexEngineLoaded() && usesRegex(text)) {
    $("count").textContent = "loading the regex engine…";
    loadRegexEngine().then(update, (e: unknown) => ($("count").textContent = e instanceof Error ? e.message : String(e)));
    return;
  }
  loadInputs();
  const r = session.run(text);
  const diags = r.checked.diagnostics;
  $("messages").replaceChildren(
    ...diags.map((d) => {
      const li = document.createElement("li");
      li.className = d.severity;
      li.textContent = `${d.severity} ${d.code} (col ${d.column}): ${d.message}${d.hint ? ` — hint: ${d.hint}` : ""}`;
      return li;
    }),
  );
  $("canonical").textContent = r.canonical ?? "";
  $("delete-class").textContent =
    r.purpose !== "delete" ? "(purpose is query)" : r.checked.deleteClass === "primary-key" ? "primary-key fast path (deletes by ids directly)" : r.checked.deleteClass === "query-first" ? "query-first (Milvus queries the matching rows, then deletes them)" : "(no class: the filter has errors)";
  // The evaluator's profile for this target (src/semantics/profiles.ts), with its note where the
  // boundary is not established.
  $("semantics").textContent = describeSemantics(semanticsFor(session.target)).replace(/^semantics: /, "");
  const summary = r.rows;
  $("count").textContent = !summary ? (r.checked.ok ? "no rows or schema loaded" : "fix the errors to evaluate the rows") : summary.error ? summary.error : `${summary.matched} of ${summary.total} rows match${summary.unknown ? ` (${summary.unknown} UNKNOWN)` : ""}`;
  renderRows();
  if (selectedRow >= 0) showExplain(selectedRow);
  else $("explain").replaceChildren();
  writeHash();
}

function renderRows(): void {
  // Each row's value comes from the session's explain (one compile per row), so the table is bounded.
  const entries = (session.rows?.entries ?? []).slice(0, MAX_TABLE_ROWS);
  const canEval = session.last?.checked.ok && session.last.rows && !session.last.rows.error;
  const tbody = $("row-table").querySelector("tbody")!;
  let results: TV[] = [];
  if (canEval) {
    results = entries.map((_, i) => {
      const e = session.explain(String(i + 1));
      return e.ok ? e.value : null;
    });
  }
  tbody.replaceChildren(
    ...entries.map((e, i) => {
      const tr = document.createElement("tr");
      tr.tabIndex = 0;
      tr.dataset.row = String(i + 1);
      const v = canEval ? results[i] : undefined;
      tr.className = v === true ? "match" : v === null && canEval ? "unknown" : "";
      if (i + 1 === selectedRow) tr.classList.add("selected");
      const c1 = document.createElement("td");
      c1.textContent = String(i + 1);
      const c2 = document.createElement("td");
      c2.textContent = v === undefined ? "" : v === true ? "TRUE" : v === false ? "FALSE" : "UNKNOWN";
      const c3 = document.createElement("td");
      c3.textContent = rowText(i);
      tr.append(c1, c2, c3);
      const pick = () => {
        selectedRow = i + 1;
        tbody.querySelectorAll("tr.selected").forEach((x) => x.classList.remove("selected"));
        tr.classList.add("selected");
        showExplain(i + 1);
      };
      tr.addEventListener("click", pick);
      tr.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") (ev.preventDefault(), pick());
      });
      return tr;
    }),
  );
}

function rowText(i: number): string {
  const line = rowsBox.value.split("\n").filter((l) => l.trim() !== "")[i];
  return line && line.length < 300 ? line : (line ?? "").slice(0, 300) + "…";
}

function showExplain(n: number): void {
  const e = session.explain(String(n));
  const box = $("explain");
  if (!e.ok) {
    box.textContent = e.error;
    return;
  }
  const head = document.createElement("p");
  head.textContent = `row ${n}: ${label(e.value)}`;
  box.replaceChildren(head, treeOf(e.tree));
}

function label(v: TV): string {
  return v === true ? "TRUE" : v === false ? "FALSE" : "UNKNOWN";
}

function treeOf(node: ExplainNode): HTMLElement {
  const ul = document.createElement("ul");
  const li = document.createElement("li");
  const v = document.createElement("span");
  v.className = `tv tv-${label(node.value).toLowerCase()}`;
  v.textContent = label(node.value);
  const t = document.createElement("code");
  t.textContent = node.text || node.node;
  li.append(v, " ", t);
  if (node.reads?.length) li.append(` — reads ${node.reads.map((r) => `${r.text} = ${r.value}`).join(", ")}`);
  if (node.note) li.append(` (${node.note})`);
  for (const c of node.children) li.append(treeOf(c));
  ul.append(li);
  return ul;
}

// ------------------------------------------------------------------ share

function currentState(): PageState {
  return {
    filter: editor.state.doc.toString(),
    schema: schemaBox.value,
    rows: rowsBox.value,
    params: paramsBox.value,
    target: targetSel.value,
    purpose: purposeSel.value,
  };
}

let hashTimer: ReturnType<typeof setTimeout> | undefined;
function writeHash(): void {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(async () => {
    const { fragment, rowsDropped } = await encodeState(currentState());
    window.history.replaceState(null, "", `#${fragment}`);
    $("share-note").textContent = rowsDropped ? "rows are too large for a link: the link carries the schema and filter only" : "";
    document.body.dataset.shared = "1";
  }, 200);
}

async function copyLink(): Promise<void> {
  const { fragment } = await encodeState(currentState());
  const url = `${location.href.split("#")[0]}#${fragment}`;
  window.history.replaceState(null, "", `#${fragment}`);
  $<HTMLInputElement>("share-url").value = url;
  try {
    await navigator.clipboard.writeText(url);
    $("share-note").textContent = "link copied";
  } catch {
    $("share-note").textContent = "link below (select and copy)";
  }
}

function setFilter(text: string): void {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
}

async function start(): Promise<void> {
  const restored = location.hash.length > 1 ? await decodeState(location.hash.slice(1)) : undefined;
  if (restored && "error" in restored) $("share-note").textContent = restored.error;
  const s = restored && !("error" in restored) ? restored : undefined;
  schemaBox.value = s?.schema ?? exampleSchema;
  rowsBox.value = s?.rows ?? exampleRows;
  paramsBox.value = s?.params ?? "";
  if (s && (TARGETS as readonly string[]).includes(s.target)) targetSel.value = s.target;
  if (s && (PURPOSES as readonly string[]).includes(s.purpose)) purposeSel.value = s.purpose;
  setFilter(s?.filter ?? "");
  update();
  document.body.dataset.ready = "1";
}

for (const el of [schemaBox, rowsBox, paramsBox]) el.addEventListener("input", () => (selectedRow = -1, scheduleUpdate()));
for (const el of [targetSel, purposeSel]) el.addEventListener("change", () => (update(), forceLinting(editor)));
examplesSel.addEventListener("change", () => {
  const e = examplesSel.value === "" ? undefined : EXAMPLES[Number(examplesSel.value)];
  if (e) setFilter(e.filter);
});
$("copy-canonical").addEventListener("click", () => void navigator.clipboard?.writeText($("canonical").textContent ?? "").catch(() => {}));
$("sample").addEventListener("click", () => {
  loadInputs();
  if (!session.schema) return void ($("load-notes").textContent = "load a schema first: the sample follows its fields");
  rowsBox.value = sampleRows(session.schema);
  selectedRow = -1;
  update();
});
$("share").addEventListener("click", () => void copyLink());
document.addEventListener("keydown", (ev) => {
  if (!ev.altKey) return;
  const go: Record<string, () => void> = {
    f: () => editor.focus(),
    s: () => void copyLink(),
    r: () => ($("row-table").querySelector<HTMLElement>("tbody tr") ?? rowsBox).focus(),
    e: () => examplesSel.focus(),
  };
  const f = go[ev.key.toLowerCase()];
  if (f) (ev.preventDefault(), f());
});

void start();
