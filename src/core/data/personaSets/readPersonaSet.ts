import path from 'node:path';
import { DataError } from '../DataError';
import { csvRows, jsonlRows, parquetRows, type RawPersonaRow } from './personaSetRows';
import type { PersonaSetMapping, PersonaSetRow, ReadPersonaSetOptions } from './personaSetTypes';
import { personaValue } from './personaValue';

const readers: ReadonlyMap<string, (file: string, source: string, needed: readonly string[], signal?: AbortSignal) => AsyncGenerator<RawPersonaRow>> = new Map([
  ['.jsonl', jsonlRows],
  ['.ndjson', jsonlRows],
  ['.csv', csvRows],
  ['.tsv', csvRows],
  ['.parquet', parquetRows],
]);

/** The file formats {@link readPersonaSet} reads, by extension. */
export const personaSetFormats: readonly string[] = [...readers.keys()];

/**
 * Streams an existing persona set — JSON Lines, CSV or Parquet (by extension) — through a column mapping: the text,
 * an optional id and demographic columns. Only the mapped columns are read; rows come one at a time (Parquet: one row
 * group in memory at a time), so a million-row file is never loaded whole. Rows with an empty text are skipped
 * (`onSkip`); ids must be unique (default: `p` + the 1-based row number, zero-padded).
 * @throws DataError `unsupportedFormat`, `unreadable`, `unknownColumn` (naming the available columns), `parse`
 *   (naming the line or row), `duplicateColumn` for a repeated id
 */
export async function* readPersonaSet(file: string, mapping: PersonaSetMapping, options: ReadPersonaSetOptions = {}): AsyncGenerator<PersonaSetRow> {
  const source = options.source ?? file;
  const ext = path.extname(file).toLowerCase();
  const reader = readers.get(ext);
  if (!reader) throw new DataError('unsupportedFormat', `${source}: "${ext || 'no extension'}" is not a persona set format (use ${personaSetFormats.join(', ')})`, source);
  const demographics = Object.entries(mapping.demographics ?? {});
  const needed = [...new Set([mapping.text, ...(mapping.id !== undefined ? [mapping.id] : []), ...demographics.map(([, c]) => c)])];
  const ids = new Set<string>();
  let rows = 0;
  let skipped = 0;
  for await (const raw of reader(file, source, needed, options.signal)) {
    const text = personaValue(raw.fields[mapping.text]).trim();
    if (text === '') {
      skipped++;
      options.onSkip?.(raw.row, `${raw.where}: the text column "${mapping.text}" is empty`);
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
