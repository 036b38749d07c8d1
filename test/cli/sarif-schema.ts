/**
 * Validation against the official SARIF 2.1.0 JSON schema (test/cli/data/sarif-2.1.0-rtm.5.json,
 * see test/cli/data/README.md). The schema is JSON Schema draft-04 (`id`, draft-04 `$schema`), so
 * it is compiled by Ajv 6 in its draft-04 mode (`schemaId: "id"` plus the draft-04 meta-schema,
 * as Ajv 6 documents; Ajv 8 needs a separate package for draft-04). `format: "full"` checks the
 * schema's `uri`, `uri-reference` and `date-time` formats strictly.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";

const require = createRequire(import.meta.url);

export const OFFICIAL_SARIF_SCHEMA = JSON.parse(readFileSync(new URL("./data/sarif-2.1.0-rtm.5.json", import.meta.url), "utf8")) as Record<string, unknown>;

const ajv = new Ajv({ schemaId: "id", meta: false, validateSchema: true, allErrors: true, format: "full", verbose: false });
ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json") as object);
if (!ajv.validateSchema(OFFICIAL_SARIF_SCHEMA)) throw new Error(`the vendored SARIF schema is not a valid draft-04 schema: ${ajv.errorsText(ajv.errors)}`);
const validateLog = ajv.compile(OFFICIAL_SARIF_SCHEMA);

/** Every violation of the official schema, as `path: message` (empty when the log is valid). */
export function sarifErrors(log: unknown): string[] {
  if (validateLog(log)) return [];
  return (validateLog.errors ?? []).map((e) => `${e.dataPath || "(log)"}: ${e.message ?? e.keyword}${e.params && "allowedValues" in e.params ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}` : ""}`);
}
