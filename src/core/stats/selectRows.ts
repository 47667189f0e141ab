import type { ItemMatrix } from './types';

/**
 * The given rows of a matrix (in that order, repeats allowed) as a new column-major {@link ItemMatrix}.
 * @param rows 0-based row indices
 */
export function selectRows(matrix: ItemMatrix, rows: ArrayLike<number>): ItemMatrix {
  const n = rows.length;
  const data = new Float64Array(n * matrix.nCols);
  for (let c = 0; c < matrix.nCols; c++) {
    const src = c * matrix.nRows;
    const dst = c * n;
    for (let r = 0; r < n; r++) data[dst + r] = matrix.data[src + rows[r]!]!;
  }
  return { nRows: n, nCols: matrix.nCols, data };
}
