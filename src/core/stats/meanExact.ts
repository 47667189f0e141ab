import { fsum } from './fsum';
import { StatsError } from './StatsError';

/**
 * Arithmetic mean as `fsum(values) / count` (Python `math.fsum(v) / len(v)`), correctly rounded sum.
 * @throws StatsError `emptySample` when there are no values
 */
export function meanExact(values: ArrayLike<number>): number {
  if (values.length === 0) throw new StatsError('emptySample', 'mean of an empty list');
  return fsum(values) / values.length;
}
