import { StatsError } from './StatsError';

/** Options of {@link cronbachAlphaFromCovariance}. */
export interface CronbachAlphaFromCovarianceOptions {
  /** Positions (rows/columns of the covariance matrix) of the scale's items. @default all */
  readonly items?: readonly number[];
  /** Positions (a subset of `items`) of reverse-keyed items. @default none */
  readonly reverse?: readonly number[];
}

/**
 * Cronbach's raw alpha from a covariance matrix: `(1 − tr(C)/sum(C)) · k/(k−1)`, psych::alpha's `raw_alpha`
 * (data/README.md §3.3). Recoding an item as (min + max) − x flips the sign of its covariances, so reverse-keyed
 * items are handled as C'_ij = s_i·s_j·C_ij. No clamping: negative alphas are real values.
 * @param cov k×k row-major covariance matrix
 * @throws StatsError `tooFewRows` when the scale has fewer than 2 items
 */
export function cronbachAlphaFromCovariance(cov: Float64Array, k: number, options: CronbachAlphaFromCovarianceOptions = {}): number {
  const items = options.items ?? Array.from({ length: k }, (_, i) => i);
  if (items.length < 2) throw new StatsError('tooFewRows', `alpha needs at least 2 items, got ${items.length}`);
  const reverse = new Set(options.reverse ?? []);
  let trace = 0;
  let total = 0;
  for (const i of items) {
    const si = reverse.has(i) ? -1 : 1;
    for (const j of items) {
      const v = cov[i * k + j]!;
      total += si * (reverse.has(j) ? -1 : 1) * v;
      if (i === j) trace += v;
    }
  }
  return (1 - trace / total) * (items.length / (items.length - 1));
}
