import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';

/** Options of {@link assertItemMatrix}. */
export interface AssertItemMatrixOptions {
  /** Name used in messages. @default 'matrix' */
  readonly label?: string;
  /** Also scan the values for infinities (skip when a later step checks them anyway). @default true */
  readonly values?: boolean;
}

/**
 * Asserts that `matrix` is a well-formed {@link ItemMatrix}: integer shape, `data.length = nRows·nCols`,
 * and no infinite values (NaN marks a missing answer and is allowed).
 * @throws StatsError `shapeMismatch` or `invalidValue`
 */
export function assertItemMatrix(matrix: ItemMatrix, options: AssertItemMatrixOptions = {}): asserts matrix is ItemMatrix {
  const label = options.label ?? 'matrix';
  const { nRows, nCols, data } = matrix;
  if (!Number.isInteger(nRows) || !Number.isInteger(nCols) || nRows < 0 || nCols < 0 || data.length !== nRows * nCols) {
    throw new StatsError('shapeMismatch', `${label}: data has ${data.length} values, expected ${nRows} × ${nCols}`);
  }
  if (options.values === false) return;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === Infinity || v === -Infinity) {
      throw new StatsError('invalidValue', `${label}: infinite value in column ${Math.floor(i / Math.max(nRows, 1))}, row ${i % Math.max(nRows, 1)}`);
    }
  }
}
