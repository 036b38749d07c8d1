/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). One run; the driver
 * lists every rule with its configured level; each result points into the input file at the
 * problem's line and column (UTF-16 columns, end exclusive, `columnKind: utf16CodeUnits`), with
 * the URI relative to the working directory (`uriBaseId: %SRCROOT%`, which is the repository root
 * when the linter runs there, as GitHub expects).
 */
import type { Severity } from "../../diag/diagnostic.js";
import { RULES, type RuleSeverity } from "../rules.js";
import { locatedMessages, slashPath, type Formatter } from "./common.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const INFORMATION_URI = "https://www.npmjs.com/package/milvus-filter";

function level(s: RuleSeverity | Severity): "error" | "warning" | "note" | "none" {
  return s === "error" ? "error" : s === "warning" ? "warning" : s === "info" ? "note" : "none";
}

/** A relative path as a URI reference: each segment percent-encoded. */
export function pathToUri(path: string): string {
  return slashPath(path)
    .split("/")
    .map((seg) => (seg === ".." || seg === "." ? seg : encodeURIComponent(seg)))
    .join("/");
}

function directoryUri(abs: string): string {
  const p = pathToUri(abs);
  return `file://${p.startsWith("/") ? "" : "/"}${p}${p.endsWith("/") ? "" : "/"}`;
}

/** 32-bit FNV-1a, hex: a stable fingerprint that survives the filter moving to another line. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export const sarif: Formatter = (report) => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const rules = RULES.map((r) => {
    const configured = report.severities.get(r.code) ?? r.defaultSeverity;
    const defaultConfiguration: Record<string, unknown> = { level: level(configured) };
    if (configured === "off") defaultConfiguration.enabled = false;
    return {
      id: r.code,
      name: r.code.replace(/[/-](.)/g, (_, ch: string) => ch.toUpperCase()).replace(/^(.)/, (ch) => ch.toUpperCase()),
      shortDescription: { text: r.description },
      defaultConfiguration,
    };
  });

  const artifacts: { location: { uri: string; uriBaseId: string } }[] = [];
  const artifactIndexes = new Map<string, number>();
  const results: Record<string, unknown>[] = [];
  for (const fr of report.files) {
    const uri = fr.file.path === null && fr.file.stdin ? "stdin" : pathToUri(fr.file.file);
    let artifactIndex = artifactIndexes.get(uri);
    if (artifactIndex === undefined) {
      artifactIndex = artifacts.length;
      artifactIndexes.set(uri, artifactIndex);
      artifacts.push({ location: { uri, uriBaseId: "%SRCROOT%" } });
    }
    const seen = new Map<string, number>();
    for (const m of locatedMessages(fr)) {
      const d = m.inFile;
      const key = `${d.code}\u0000${m.filter ? m.filter.input.text : d.message}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const result: Record<string, unknown> = {
        ruleId: d.code,
        level: level(d.severity),
        message: { text: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: "%SRCROOT%", index: artifactIndex },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
        partialFingerprints: { "milvusFilter/v1": `${fnv1a(key)}:${n}` },
      };
      const idx = ruleIndex.get(d.code);
      if (idx !== undefined) result.ruleIndex = idx;
      results.push(result);
    }
  }

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "milvus-filter",
            version: report.version,
            semanticVersion: report.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { "%SRCROOT%": { uri: directoryUri(report.cwd) } },
        artifacts,
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
