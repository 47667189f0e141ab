import { StatsError } from './StatsError';

/**
 * Asserts that survey weights are finite, non-negative and one per row.
 * @throws StatsError `invalidWeights`
 */
export function assertWeights(weights: ArrayLike<number>, nRows: number, label = 'weights'): void {
  if (weights.length !== nRows) {
    throw new StatsError('invalidWeights', `${label}: ${weights.length} weights for ${nRows} rows`);
  }
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!Number.isFinite(w) || w < 0) throw new StatsError('invalidWeights', `${label}: weight ${w} in row ${i} is not a finite non-negative number`);
  }
}
