import type { ItemMatrix } from '../stats/types';
import { DataError } from './DataError';
import type { Table } from './tableTypes';

/**
 * The named numeric columns of a table as one column-major {@link ItemMatrix} (the shape the statistics take).
 * @throws DataError `unknownColumn` when a column was not read as numeric
 */
export function tableItemMatrix(table: Table, names: readonly string[]): ItemMatrix {
  const n = table.rows;
  const data = new Float64Array(n * names.length);
  names.forEach((name, j) => {
    const col = table.columns.get(name);
    if (!col) throw new DataError('unknownColumn', `${table.source}: column "${name}" was not read as numeric`, table.source, 1, name);
    data.set(col, j * n);
  });
  return { nRows: n, nCols: names.length, data };
}
