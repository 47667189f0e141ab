import { DataError } from './DataError';
import type { DataTable } from './dataTableTypes';

/**
 * Position of a header name in the table.
 * @throws DataError `unknownColumn`, naming the file and listing the available columns
 */
export function columnIndex(table: DataTable, name: string): number {
  const c = table.header.indexOf(name);
  if (c < 0) {
    const shown = table.header.slice(0, 12).join(', ') + (table.header.length > 12 ? ', …' : '');
    throw new DataError('unknownColumn', `${table.source}: no column "${name}" (columns: ${shown})`, table.source, 1, name);
  }
  return c;
}
