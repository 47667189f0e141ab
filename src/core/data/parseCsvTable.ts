import { parse } from 'csv-parse/sync';
import { DataError } from './DataError';
import type { DataTable } from './dataTableTypes';

/** Options of {@link parseCsvTable}. */
export interface ParseCsvTableOptions {
  /** Name of the file, for error messages. @default '<csv>' */
  readonly source?: string;
}

/**
 * Parses RFC-4180 CSV text with a header row (data/README.md §1 "Loading") into a {@link DataTable} of raw fields,
 * keeping the row order. Uses `csv-parse` (sync API); a BOM is skipped and blank lines ignored.
 * @throws DataError `emptyFile`, `parse` (with the line), or `duplicateColumn`
 */
export function parseCsvTable(text: string, options: ParseCsvTableOptions = {}): DataTable {
  const source = options.source ?? '<csv>';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, info: true, relax_column_count: false }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : undefined;
    const detail = err instanceof Error ? err.message.replace(/\s+/g, ' ') : String(err);
    throw new DataError('parse', `${source}${line !== undefined ? `: line ${line}` : ''}: not valid CSV (${detail})`, source, line);
  }
  const head = records[0];
  if (!head) throw new DataError('emptyFile', `${source}: the file is empty (no header row)`, source);
  const header = head.record.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new DataError('duplicateColumn', `${source}: column "${h}" appears twice in the header`, source, 1, h);
    seen.add(h);
  }
  const nRows = records.length - 1;
  const columns = header.map(() => new Array<string>(nRows));
  const lines = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const rec = records[r + 1]!;
    // info.lines is the line where the record ends; a record without embedded newlines starts there too
    lines[r] = rec.info.lines;
    for (let c = 0; c < header.length; c++) columns[c]![r] = rec.record[c]!;
  }
  return { source, header, nRows, columns, lines };
}
