import type { ItemMatrix } from '../stats/types';
import { columnIndex } from './columnIndex';
import { DataError } from './DataError';
import type { DataTable } from './dataTableTypes';

/** Options of {@link numericColumns}. */
export interface NumericColumnsOptions {
  /** Fewest data rows accepted. @default 2 */
  readonly minRows?: number;
}

/**
 * The named columns as a column-major {@link ItemMatrix}: an empty field is a missing answer (NaN), anything else must
 * be a finite number (data/README.md §1).
 * @throws DataError `unknownColumn`, `notNumeric` (naming file, line and column) or `tooFewRows`
 */
export function numericColumns(table: DataTable, names: readonly string[], options: NumericColumnsOptions = {}): ItemMatrix {
  const minRows = options.minRows ?? 2;
  if (table.nRows < minRows) {
    throw new DataError('tooFewRows', `${table.source}: ${table.nRows} data row${table.nRows === 1 ? '' : 's'}, at least ${minRows} needed`, table.source);
  }
  const n = table.nRows;
  const data = new Float64Array(n * names.length);
  names.forEach((name, j) => {
    const col = table.columns[columnIndex(table, name)]!;
    for (let r = 0; r < n; r++) {
      const field = col[r]!.trim();
      if (field === '') {
        data[j * n + r] = NaN;
        continue;
      }
      const v = Number(field);
      if (!Number.isFinite(v)) {
        const line = table.lines[r]!;
        throw new DataError('notNumeric', `${table.source}: line ${line}, column "${name}": "${col[r]}" is not a number`, table.source, line, name);
      }
      data[j * n + r] = v;
    }
  });
  return { nRows: n, nCols: names.length, data };
}
