import type { CronbachAlphaOptions } from './cronbachAlpha';
import { cronbachAlpha } from './cronbachAlpha';
import type { ItemMatrix } from './types';

/**
 * Cronbach's alpha on complete cases only (listwise deletion): the textbook `k/(k−1)·(1 − Σ var_i / var(Σ x_i))`, ddof 1,
 * the `*_listwise` values of data/README.md §3.3. Equals {@link cronbachAlpha} when nothing is missing.
 */
export function cronbachAlphaListwise(matrix: ItemMatrix, options: CronbachAlphaOptions = {}): number {
  const items = options.items ?? Array.from({ length: matrix.nCols }, (_, j) => j);
  const candidates = options.rows ?? Int32Array.from({ length: matrix.nRows }, (_, r) => r);
  const complete: number[] = [];
  for (const r of candidates) {
    if (items.every((c) => !Number.isNaN(matrix.data[c * matrix.nRows + r]!))) complete.push(r);
  }
  return cronbachAlpha(matrix, { ...options, items, rows: Int32Array.from(complete) });
}
