/**
 * `loadRows(text)`: every row of a JSONL text at once, for code that wants arrays
 * (`rows.filter(...)`); `readRows` is the lazy, line-by-line form it is built on.
 */
import type { Row } from "./access.js";
import { readRows, type ReadRowsOptions, type RowError, type RowRecord } from "./read.js";

export interface LoadedRows {
  /** The rows that could be read, in order (`records[i].row`). */
  readonly rows: Row[];
  /** The same rows with their line numbers, source text and primary-key text. */
  readonly records: RowRecord[];
  /** Lines that could not be read as a row, with line and column. */
  readonly errors: RowError[];
}

export function loadRows(text: string, options?: ReadRowsOptions): LoadedRows {
  const rows: Row[] = [];
  const records: RowRecord[] = [];
  const errors: RowError[] = [];
  for (const r of readRows(text, options)) {
    if (r.ok) {
      records.push(r);
      rows.push(r.row);
    } else errors.push(r);
  }
  return { rows, records, errors };
}
