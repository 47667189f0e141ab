import { itemWasserstein } from './itemWasserstein';
import { StatsError } from './StatsError';

/** Options of {@link wasserstein1d}. */
export interface Wasserstein1dOptions {
  /** Weights of `u`'s values. @default equal weights */
  readonly uWeights?: ArrayLike<number>;
  /** Weights of `v`'s values. @default equal weights */
  readonly vWeights?: ArrayLike<number>;
}

/**
 * The 1-D Wasserstein-1 (earth mover's) distance between two samples of numbers, as
 * `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`; NaN values are dropped with their weights.
 * @throws StatsError `emptySample` when a side has no value
 */
export function wasserstein1d(u: ArrayLike<number>, v: ArrayLike<number>, options: Wasserstein1dOptions = {}): number {
  const a = { nRows: u.length, nCols: 1, data: Float64Array.from(u) };
  const b = { nRows: v.length, nCols: 1, data: Float64Array.from(v) };
  const wd = itemWasserstein(a, b, {
    ...(options.uWeights ? { weightsA: options.uWeights } : {}),
    ...(options.vWeights ? { weightsB: options.vWeights } : {}),
  })[0]!;
  if (Number.isNaN(wd)) throw new StatsError('emptySample', 'wasserstein1d: a side has no values (or zero total weight)');
  return wd;
}
