import { StatsError } from './StatsError';

/**
 * A finite mixture of discrete distributions on one support: `Σ_i w_i P_i / Σ_i w_i`, each `P_i` normalised by its
 * own sum first (McLachlan & Peel, "Finite Mixture Models", 2000, eq. 1.1). Used to blend several runs' per-question
 * answer distributions into an ensemble. Equal weights when `weights` is omitted.
 * @throws StatsError `emptySample` (no distribution, or one summing to 0), `shapeMismatch`, `invalidWeights`
 */
export function mixDistributions(distributions: readonly ArrayLike<number>[], weights?: ArrayLike<number>): Float64Array {
  const first = distributions[0];
  if (!first) throw new StatsError('emptySample', 'no distribution to mix');
  if (weights && weights.length !== distributions.length) throw new StatsError('shapeMismatch', `${weights.length} weights for ${distributions.length} distributions`);
  let wsum = 0;
  for (let i = 0; i < distributions.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new StatsError('invalidWeights', `weight ${i} = ${w}: weights must be finite and ≥ 0`);
    wsum += w;
  }
  if (!(wsum > 0)) throw new StatsError('invalidWeights', 'the mixture weights sum to 0');
  const out = new Float64Array(first.length);
  distributions.forEach((d, i) => {
    if (d.length !== first.length) throw new StatsError('shapeMismatch', `distribution ${i} has ${d.length} categories, the first ${first.length}`);
    let s = 0;
    for (let k = 0; k < d.length; k++) s += d[k]!;
    if (!(s > 0)) throw new StatsError('emptySample', `distribution ${i} sums to 0`);
    const w = (weights ? weights[i]! : 1) / wsum;
    for (let k = 0; k < d.length; k++) out[k]! += (w * d[k]!) / s;
  });
  return out;
}
