import { CsvScanner } from './csvScanner';
import { detectDelimiter } from './detectDelimiter';
import { TableBuilder } from './tableBuilder';
import type { ReadTableOptions, Table } from './tableTypes';

/**
 * Reads CSV held in memory (text or UTF-8 bytes) with exactly the rules of {@link readTable}: the spec checks use it
 * on the text their file system gives them, so a spec that validates reads its data as `compare` and `bounds` do.
 * `signal` and `onProgress` are not used (the work is synchronous).
 * @param extension the file's extension (`.tsv` selects a tab when no delimiter is given)
 * @throws DataError
 */
export function parseTableText(input: string | Uint8Array, options: ReadTableOptions = {}, extension = ''): Table {
  const source = options.source ?? '<csv>';
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const delimiter = detectDelimiter(bytes.subarray(0, 65536), options.delimiter, extension, source);
  const builder = new TableBuilder(source, options);
  new CsvScanner(delimiter.charCodeAt(0), builder, source).push(bytes, true);
  return builder.finish(delimiter);
}
