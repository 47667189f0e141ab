import { StatsError } from '../stats/StatsError';

/**
 * Category harmonisation (seeds-methods §1.5): maps each fine category of a persona distribution to a target survey
 * category and sums the probabilities, e.g. LLM income $50–60k, $60–70k, $70–80k → ATP "$50k to under $75k".
 * @param probabilities one distribution over the fine categories
 * @param mapping `mapping[f]` = target category of fine category f, or −1 to drop it (refused, non-compliant)
 * @param nTarget number of target categories
 * @throws StatsError `shapeMismatch` / `invalidOption` for a bad mapping
 */
export function harmonizeDistribution(probabilities: ArrayLike<number>, mapping: ArrayLike<number>, nTarget: number): Float64Array {
  if (mapping.length !== probabilities.length) {
    throw new StatsError('shapeMismatch', `mapping has ${mapping.length} entries for ${probabilities.length} categories`);
  }
  const out = new Float64Array(nTarget);
  for (let f = 0; f < mapping.length; f++) {
    const t = mapping[f]!;
    if (t === -1) continue;
    if (!Number.isInteger(t) || t < 0 || t >= nTarget) throw new StatsError('invalidOption', `category ${f} maps to ${t}, outside 0..${nTarget - 1}`);
    out[t]! += probabilities[f]!;
  }
  return out;
}
