import { StatsError } from './StatsError';

/**
 * Total-variation distance between two discrete distributions on the same support: `TV(P, Q) = ½ Σ_k |p_k − q_k|`
 * (Levin, Peres & Wilmer, "Markov Chains and Mixing Times", 2nd ed., Proposition 4.2), in [0, 1]. Synthetic-survey
 * benchmarks report "distribution accuracy" as 1 − TV. Each side is normalised by its own sum first.
 * @throws StatsError `shapeMismatch`, `invalidValue` (negative or non-finite entry), `emptySample` (a side sums to 0)
 */
export function totalVariationDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new StatsError('shapeMismatch', `distributions of ${p.length} and ${q.length} categories`);
  let sp = 0;
  let sq = 0;
  for (let k = 0; k < p.length; k++) {
    const a = p[k]!;
    const b = q[k]!;
    if (!(a >= 0) || !Number.isFinite(a) || !(b >= 0) || !Number.isFinite(b)) throw new StatsError('invalidValue', `category ${k}: probabilities must be finite and ≥ 0 (got ${a}, ${b})`);
    sp += a;
    sq += b;
  }
  if (!(sp > 0) || !(sq > 0)) throw new StatsError('emptySample', 'a distribution sums to 0: nothing to compare');
  let sum = 0;
  for (let k = 0; k < p.length; k++) sum += Math.abs(p[k]! / sp - q[k]! / sq);
  return Math.min(1, sum / 2);
}
