import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { CsvScanner } from './csvScanner';
import { DataError } from './DataError';
import { readSavFile } from './sav/readSavTable';
import { detectDelimiter } from './detectDelimiter';
import { TableBuilder } from './tableBuilder';
import type { ReadTableOptions, Table } from './tableTypes';

/** Reads one file format; registered by extension in {@link tableFormats}. */
export type TableFormatReader = (file: string, options: ReadTableOptions) => Promise<Table>;

const CHUNK = 1 << 20;

/** Streams a CSV/TSV file through {@link CsvScanner} in 1 MB chunks. */
export const readCsvFile: TableFormatReader = async (file, options) => {
  const source = options.source ?? file;
  let handle;
  try {
    // stat first: opening a FIFO or a device would block until someone writes to it
    const info = await stat(file);
    if (!info.isFile()) throw new DataError('unreadable', `${source}: cannot read the file (${info.isDirectory() ? 'it is a folder' : 'not a regular file'})`, source);
    handle = await open(file, 'r');
  } catch (err) {
    throw DataError.is(err) ? err : unreadable(err, source);
  }
  try {
    const totalBytes = (await handle.stat()).size;
    const chunk = new Uint8Array(CHUNK);
    let first = await readChunk(handle, chunk, source);
    const delimiter = detectDelimiter(chunk.subarray(0, first), options.delimiter, path.extname(file).toLowerCase(), source);
    // a first guess of the row count from the first chunk's line breaks, so columns rarely re-grow
    let breaks = 0;
    for (let i = 0; i < first; i++) if (chunk[i] === 10) breaks++;
    const estimate = first > 0 && breaks > 0 ? Math.ceil((totalBytes / first) * breaks * 1.05) + 16 : 1024;
    const builder = new TableBuilder(source, options, Math.min(estimate, 1 << 27));
    const scanner = new CsvScanner(delimiter.charCodeAt(0), builder, source);
    let bytesRead = 0;
    for (let got = first; ; got = await readChunk(handle, chunk, source)) {
      options.signal?.throwIfAborted();
      bytesRead += got;
      const final = got === 0 || bytesRead >= totalBytes;
      scanner.push(chunk.subarray(0, got), final);
      options.onProgress?.({ bytesRead, totalBytes, rows: builder.rows });
      if (final) break;
      first = 0;
    }
    return builder.finish(delimiter);
  } finally {
    await handle.close();
  }
};

async function readChunk(handle: import('node:fs/promises').FileHandle, into: Uint8Array, source: string): Promise<number> {
  try {
    return (await handle.read(into, 0, into.length, null)).bytesRead;
  } catch (err) {
    throw unreadable(err, source);
  }
}

function unreadable(err: unknown, source: string): DataError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? String(err));
  return new DataError('unreadable', `${source}: cannot read the file (${why})`, source);
}

/**
 * The readers by lower-case file extension. CSV for `.csv`, `.tsv` (tab) and `.txt`; SPSS system files for `.sav` and
 * `.zsav` (src/core/data/sav: user-missing values read as missing). Other formats are added here behind the same interface.
 */
export const tableFormats: ReadonlyMap<string, TableFormatReader> = new Map([
  ['.csv', readCsvFile],
  ['.tsv', readCsvFile],
  ['.txt', readCsvFile],
  ['.sav', readSavFile],
  ['.zsav', readSavFile],
]);

/**
 * Reads a data table from a file, streaming: only the selected columns are kept (numeric ones as Float64Array, NaN =
 * missing), progress is reported per chunk, and `signal` stops it. The format comes from the extension
 * ({@link tableFormats}). Rules: src/core/data/README.md.
 * @throws DataError (`unreadable`, `unsupportedFormat`, `emptyFile`, `parse`, `raggedRow`, `duplicateColumn`,
 *   `unknownColumn`, `notNumeric`), each message one line naming the file and, where known, line and column
 */
export function readTable(file: string, options: ReadTableOptions = {}): Promise<Table> {
  const ext = path.extname(file).toLowerCase();
  const reader = tableFormats.get(ext);
  if (!reader) {
    const source = options.source ?? file;
    return Promise.reject(
      new DataError('unsupportedFormat', `${source}: "${ext || 'no extension'}" is not a supported data format (use ${[...tableFormats.keys()].join(', ')})`, source),
    );
  }
  return reader(file, options);
}
