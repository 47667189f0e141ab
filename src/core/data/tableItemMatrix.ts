import type { ItemMatrix } from '../stats/types';
import { DataError } from './DataError';
import type { Table } from './tableTypes';

/**
 * The named numeric columns of a table as one column-major {@link ItemMatrix} (the shape the statistics take); a view
 * without copying when they are the first numeric columns read, in that order, else a copy.
 * @throws DataError `unknownColumn` when a column was not read as numeric
 */
export function tableItemMatrix(table: Table, names: readonly string[]): ItemMatrix {
  const n = table.rows;
  // the reader keeps its numeric columns back to back in one buffer: when `names` are its first columns in order,
  // the matrix is a view of that buffer (no copy of a large table)
  const first = table.columns.get(names[0] ?? '');
  if (first && n > 0 && names.every((name, j) => { const c = table.columns.get(name); return c !== undefined && c.buffer === first.buffer && c.byteOffset === first.byteOffset + j * n * 8; })) {
    return { nRows: n, nCols: names.length, data: new Float64Array(first.buffer, first.byteOffset, n * names.length) };
  }
  const data = new Float64Array(n * names.length);
  names.forEach((name, j) => {
    const col = table.columns.get(name);
    if (!col) throw new DataError('unknownColumn', `${table.source}: column "${name}" was not read as numeric`, table.source, 1, name);
    data.set(col, j * n);
  });
  return { nRows: n, nCols: names.length, data };
}
