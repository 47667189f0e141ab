import { DataError } from '../DataError';
import type { ReadTableOptions, Table } from '../tableTypes';
import { openSav, type SavFile } from './openSav';
import { SavTableBuilder } from './savTableBuilder';

/** Cases between two checks of the signal, progress reports and yields to the event loop. */
const BATCH = 8192;

/**
 * Reads every case of an open `.sav` file into a {@link Table} (see {@link SavTableBuilder} for the rules), at once.
 * Closes the file. For the spec checks, which are synchronous; `readSavFile` streams with progress and cancellation.
 * @throws SavError, DataError
 */
export function savTable(file: SavFile, options: ReadTableOptions = {}): Table {
  try {
    const builder = new SavTableBuilder(file.dictionary, options);
    for (const row of file.cases()) builder.add(row);
    return builder.finish();
  } finally {
    file.close();
  }
}

/**
 * The `.sav`/`.zsav` reader behind `readTable` (registered in `tableFormats`): cases read in pieces from disk, the
 * signal checked and progress reported every 8192 cases, the event loop given a turn between batches.
 * @throws DataError `unreadable` when the file cannot be opened; SavError (a DataError) for a bad file
 */
export async function readSavFile(path: string, options: ReadTableOptions): Promise<Table> {
  const source = options.source ?? path;
  let file: SavFile;
  try {
    file = openSav(path, { source });
  } catch (err) {
    if (DataError.is(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : code === 'ENOTREG' ? 'not a regular file' : (code ?? String(err));
    throw new DataError('unreadable', `${source}: cannot read the file (${why})`, source);
  }
  try {
    const builder = new SavTableBuilder(file.dictionary, options);
    let k = 0;
    for (const row of file.cases()) {
      builder.add(row);
      if (++k === BATCH) {
        k = 0;
        options.onProgress?.({ bytesRead: file.bytesRead, totalBytes: file.size, rows: builder.rows });
        await new Promise<void>((resolve) => setImmediate(resolve));
        options.signal?.throwIfAborted();
      }
    }
    options.onProgress?.({ bytesRead: file.size, totalBytes: file.size, rows: builder.rows });
    return builder.finish();
  } finally {
    file.close();
  }
}
