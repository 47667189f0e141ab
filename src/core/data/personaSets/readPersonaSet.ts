import path from 'node:path';
import { DataError } from '../DataError';
import { csvRows, jsonlRows, parquetRows, type RawPersonaRow } from './personaSetRows';
import type { PersonaSetFormat, PersonaSetMapping, PersonaSetRow, ReadPersonaSetOptions } from './personaSetTypes';
import { personaValue } from './personaValue';

type RowReader = (file: string, source: string, needed: readonly string[] | undefined, signal?: AbortSignal) => AsyncGenerator<RawPersonaRow>;

const readers: ReadonlyMap<string, RowReader> = new Map([
  ['.jsonl', jsonlRows],
  ['.ndjson', jsonlRows],
  ['.csv', csvRows],
  ['.tsv', csvRows],
  ['.parquet', parquetRows],
]);

/** The file formats {@link readPersonaSet} reads, by extension. */
export const personaSetFormats: readonly string[] = [...readers.keys()];

/** The reader of an explicit format (`import.format`, `--format`). */
const byFormat: Readonly<Record<PersonaSetFormat, RowReader>> = { jsonl: jsonlRows, csv: csvRows, parquet: parquetRows };

/** A whole record as one line of JSON (the text when no text column is mapped): fields in file order, bigints as text. */
export function recordJson(fields: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(fields, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/**
 * Streams an existing persona set — JSON Lines, CSV or Parquet (by extension, or `options.format`) — through a column
 * mapping: the text (default: the whole record as JSON), an optional id and demographic columns. Only the mapped
 * columns are read (every column when the text is the whole record); rows come one at a time (Parquet: a slice of
 * rows in memory at a time), so a million-row file is never loaded whole. Rows with an empty text are skipped
 * (`onSkip`); ids must be unique (default: `p` + the 1-based row number, zero-padded).
 * @throws DataError `unsupportedFormat`, `unreadable`, `unknownColumn` (naming the available columns), `parse`
 *   (naming the line or row), `duplicateColumn` for a repeated id
 */
export async function* readPersonaSet(file: string, mapping: PersonaSetMapping, options: ReadPersonaSetOptions = {}): AsyncGenerator<PersonaSetRow> {
  const source = options.source ?? file;
  const ext = path.extname(file).toLowerCase();
  const reader = options.format !== undefined ? byFormat[options.format] : readers.get(ext);
  if (!reader) throw new DataError('unsupportedFormat', `${source}: "${ext || 'no extension'}" is not a persona set format (use ${personaSetFormats.join(', ')}, or name the format: jsonl, csv, parquet)`, source);
  const demographics = Object.entries(mapping.demographics ?? {});
  const textColumn = mapping.text;
  const mapped = [...(mapping.id !== undefined ? [mapping.id] : []), ...demographics.map(([, c]) => c)];
  // without a text column the whole record is the text: every column is read
  const needed = textColumn === undefined ? undefined : [...new Set([textColumn, ...mapped])];
  const ids = new Set<string>();
  let rows = 0;
  let skipped = 0;
  for await (const raw of reader(file, source, needed, options.signal)) {
    if (textColumn === undefined && raw.row === 0) {
      // the readers check the columns they were asked for; here they read them all, so check the mapped ones
      const have = Object.keys(raw.fields);
      const missing = mapped.find((c) => !have.includes(c));
      if (missing !== undefined) throw new DataError('unknownColumn', `${source}: no column "${missing}" (columns: ${have.slice(0, 12).join(', ')}${have.length > 12 ? ', …' : ''})`, source, undefined, missing);
    }
    const text = textColumn === undefined ? recordJson(raw.fields) : personaValue(raw.fields[textColumn]).trim();
    if (text === '') {
      skipped++;
      options.onSkip?.(raw.row, `${raw.where}: the text column "${textColumn}" is empty`);
      continue;
    }
    const id = mapping.id !== undefined ? personaValue(raw.fields[mapping.id]).trim() : `p${String(raw.row + 1).padStart(7, '0')}`;
    if (id === '') throw new DataError('parse', `${source}: ${raw.where}: the id column "${mapping.id}" is empty; every persona needs an id`, source);
    if (ids.has(id)) throw new DataError('duplicateColumn', `${source}: ${raw.where}: id "${id.slice(0, 40)}" appears twice; ids must be unique`, source);
    ids.add(id);
    const given: Record<string, string> = {};
    for (const [variable, column] of demographics) {
      const v = personaValue(raw.fields[column]).trim();
      if (v !== '') given[variable] = v;
    }
    rows++;
    if (rows % 10_000 === 0) options.onProgress?.({ rows, skipped });
    yield { row: raw.row, id, text, given };
  }
  options.onProgress?.({ rows, skipped });
}
