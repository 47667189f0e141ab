import type { ItemMatrix } from './types';
import { assertItemMatrix } from './assertItemMatrix';
import { covarianceFromMoments } from './covarianceFromMoments';
import { cronbachAlphaFromCovariance } from './cronbachAlphaFromCovariance';
import { pairwiseMoments } from './pairwiseMoments';

/** Options of {@link cronbachAlpha}. */
export interface CronbachAlphaOptions {
  /** Column indices of the scale's items. @default all columns */
  readonly items?: readonly number[];
  /** Column indices (a subset of `items`) of reverse-keyed items, recoded (min + max) − x. @default none */
  readonly reverse?: readonly number[];
  /** Rows to use. @default all rows */
  readonly rows?: Int32Array;
}

/**
 * Cronbach's raw alpha exactly as `psych::alpha(x)$total$raw_alpha` reports it (psych 2.2.9 defaults: pairwise
 * covariances `cov(x, use = "pairwise")`, ddof 1; `(1 − tr(C)/sum(C))·k/(k−1)`), data/README.md §3.3.
 * @throws StatsError `tooFewRows` for fewer than 2 items
 */
export function cronbachAlpha(matrix: ItemMatrix, options: CronbachAlphaOptions = {}): number {
  assertItemMatrix(matrix);
  const items = options.items ?? Array.from({ length: matrix.nCols }, (_, j) => j);
  const moments = pairwiseMoments(matrix, { columns: items, ...(options.rows ? { rows: options.rows } : {}) });
  const reverse = (options.reverse ?? []).map((c) => items.indexOf(c));
  return cronbachAlphaFromCovariance(covarianceFromMoments(moments), items.length, { reverse });
}
