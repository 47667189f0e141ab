import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { CsvScanner } from '../csvScanner';
import { DataError } from '../DataError';
import { detectDelimiter } from '../detectDelimiter';

/** One data row of a persona set file: its 0-based number, where it is (for messages) and its fields. */
export interface RawPersonaRow {
  readonly row: number;
  /** "line 12" (CSV, JSONL) or "row 12" (Parquet). */
  readonly where: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

const shownColumns = (names: readonly string[]): string => names.slice(0, 12).join(', ') + (names.length > 12 ? ', …' : '');

function checkColumns(source: string, available: readonly string[], needed: readonly string[], what: string): void {
  for (const name of needed) {
    if (!available.includes(name)) throw new DataError('unknownColumn', `${source}: no ${what} "${name}" (${what}s: ${shownColumns(available)})`, source, undefined, name);
  }
}

/** JSON Lines, one object per line, read as a stream (blank lines skipped). */
export async function* jsonlRows(file: string, source: string, needed: readonly string[] | undefined, signal?: AbortSignal): AsyncGenerator<RawPersonaRow> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  let row = 0;
  try {
    for await (const text of lines) {
      lineNo++;
      if (text.trim() === '') continue;
      signal?.throwIfAborted();
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new DataError('parse', `${source}: line ${lineNo}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, source, lineNo);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DataError('parse', `${source}: line ${lineNo}: a JSON object is needed on each line`, source, lineNo);
      const fields = value as Record<string, unknown>;
      if (row === 0 && needed) checkColumns(source, Object.keys(fields), needed, 'field');
      yield { row, where: `line ${lineNo}`, fields };
      row++;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new DataError('unreadable', `${source}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code})`, source);
    throw err;
  } finally {
    lines.close();
  }
}

/**
 * CSV with a header row, streamed in 1 MB chunks through the product's CSV scanner (src/core/data rules). Only the
 * `needed` columns are decoded; `undefined` = every column (the whole record).
 */
export async function* csvRows(file: string, source: string, neededColumns: readonly string[] | undefined, signal?: AbortSignal): AsyncGenerator<RawPersonaRow> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError('unreadable', `${source}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))})`, source);
  }
  try {
    const chunk = new Uint8Array(1 << 20);
    let header: string[] | undefined;
    let needed: readonly string[] = neededColumns ?? [];
    let idx: number[] = [];
    let pending: RawPersonaRow[] = [];
    let row = 0;
    const decoder = new TextDecoder('utf-8');
    let scanner: CsvScanner | undefined;
    const sink = {
      record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, n: number, line: number): void {
        const text = (i: number): string => {
          let t = decoder.decode(buf.subarray(starts[i]!, ends[i]!));
          if (flags[i] === 3) t = t.replace(/""/g, '"');
          return t.trim();
        };
        if (n === 1 && starts[0] === ends[0] && flags[0] === 0) return;
        if (!header) {
          header = Array.from({ length: n }, (_, i) => text(i));
          if (neededColumns === undefined) {
            if (new Set(header).size !== header.length) throw new DataError('duplicateColumn', `${source}: the header names a column twice; the whole record cannot be read as JSON (name the text column)`, source, line);
            needed = header;
          }
          checkColumns(source, header, needed, 'column');
          idx = needed.map((name) => header!.indexOf(name));
          return;
        }
        if (n !== header.length) throw new DataError('raggedRow', `${source}: line ${line} has ${n} fields, the header has ${header.length}`, source, line);
        const fields: Record<string, unknown> = {};
        needed.forEach((name, k) => (fields[name] = text(idx[k]!)));
        pending.push({ row: row++, where: `line ${line}`, fields });
      },
    };
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (!scanner) scanner = new CsvScanner(detectDelimiter(chunk.subarray(0, bytesRead), undefined, path.extname(file).toLowerCase(), source).charCodeAt(0), sink, source);
      scanner.push(chunk.subarray(0, bytesRead), bytesRead === 0);
      const out = pending;
      pending = [];
      yield* out;
      if (bytesRead === 0) break;
    }
    if (!header) throw new DataError('emptyFile', `${source}: the file is empty (a header row is needed)`, source);
  } finally {
    await handle.close();
  }
}

/** Rows per Parquet read: with an offset index only their pages are read and decoded. */
const SLICE = 16_384;

/**
 * Parquet, read in slices of rows and only the needed columns (hyparquet; `undefined` = every top-level column), so a
 * large file is never loaded whole: at most one row group's column chunks, or with an offset index only the pages of
 * the slice.
 */
export async function* parquetRows(file: string, source: string, neededColumns: readonly string[] | undefined, signal?: AbortSignal): AsyncGenerator<RawPersonaRow> {
  let buffer;
  let metadata;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new DataError('unreadable', `${source}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code})`, source);
    throw new DataError('parse', `${source}: not a readable Parquet file (${err instanceof Error ? err.message : String(err)})`, source);
  }
  // top-level columns: the root's children (a nested column counts once, by its top name)
  const columns: string[] = [];
  const schema = metadata.schema;
  for (let i = 1, left = schema[0]?.num_children ?? 0; i < schema.length && left > 0; left--) {
    columns.push(schema[i]!.name);
    // skip the subtree of a nested column
    let pendingChildren = schema[i]!.num_children ?? 0;
    i++;
    while (pendingChildren > 0 && i < schema.length) {
      pendingChildren += (schema[i]!.num_children ?? 0) - 1;
      i++;
    }
  }
  const needed = neededColumns ?? columns;
  checkColumns(source, columns, needed, 'column');
  const total = Number(metadata.num_rows);
  for (let start = 0; start < total; start += SLICE) {
    signal?.throwIfAborted();
    const end = Math.min(total, start + SLICE);
    let rows: Record<string, unknown>[] = [];
    try {
      // the offset index (when the writer wrote one) limits the read to the pages of these rows
      await parquetRead({ file: buffer, metadata, columns: [...needed], rowStart: start, rowEnd: end, rowFormat: 'object', useOffsetIndex: true, onComplete: (r) => (rows = r) });
    } catch (err) {
      throw new DataError('parse', `${source}: rows ${start + 1}–${end}: cannot be read (${err instanceof Error ? err.message : String(err)})`, source);
    }
    for (let k = 0; k < rows.length; k++) yield { row: start + k, where: `row ${start + k + 1}`, fields: rows[k]! };
  }
}
