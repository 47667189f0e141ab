import type { CronbachAlphaOptions } from './cronbachAlpha';
import { cronbachAlpha } from './cronbachAlpha';
import { completeRows } from './completeRows';
import type { ItemMatrix } from './types';

/**
 * Cronbach's alpha on complete cases only (listwise deletion): the textbook `k/(k−1)·(1 − Σ var_i / var(Σ x_i))`, ddof 1,
 * the `*_listwise` values of data/README.md §3.3. Equals {@link cronbachAlpha} when nothing is missing.
 */
export function cronbachAlphaListwise(matrix: ItemMatrix, options: CronbachAlphaOptions = {}): number {
  const items = options.items ?? Array.from({ length: matrix.nCols }, (_, j) => j);
  const rows = completeRows(matrix, { columns: items, ...(options.rows ? { rows: options.rows } : {}) });
  return cronbachAlpha(matrix, { ...options, items, rows });
}
