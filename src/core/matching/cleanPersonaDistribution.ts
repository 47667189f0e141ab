import { StatsError } from '../stats/StatsError';

/** Options of {@link cleanPersonaDistribution}. */
export interface CleanPersonaDistributionOptions {
  /** How many trailing buckets to drop ("prefer not to answer", then the non-compliant bucket). @default 2 */
  readonly dropTrailing?: number;
}

/**
 * Anthology's persona distribution cleaning (seeds-methods §1.5): drop the trailing refusal and non-compliant buckets,
 * renormalise to sum 1, and use a uniform vector when nothing is left.
 * @param counts counts or probabilities over the answer options followed by the dropped buckets
 * @throws StatsError `invalidValue` for negative or non-finite entries
 */
export function cleanPersonaDistribution(counts: ArrayLike<number>, options: CleanPersonaDistributionOptions = {}): Float64Array {
  const drop = options.dropTrailing ?? 2;
  const k = counts.length - drop;
  if (k < 1) throw new StatsError('invalidOption', `${counts.length} buckets leave no category after dropping ${drop}`);
  const out = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const v = counts[i]!;
    if (!Number.isFinite(v) || v < 0) throw new StatsError('invalidValue', `bucket ${i} has ${v}, not a finite non-negative number`);
    if (i < k) {
      out[i] = v;
      total += v;
    }
  }
  if (total > 0) for (let i = 0; i < k; i++) out[i] = out[i]! / total;
  else out.fill(1 / k);
  return out;
}
