import { StatsError } from '../stats/StatsError';

/**
 * Greedy matching (seeds-methods §1.5): every human independently gets the persona of largest weight; personas may
 * serve many humans; ties go to the lowest persona index. There is no "remove after use" step.
 * @param weights row-major `nHumans × nPersonas` edge weights
 * @returns the persona index per human
 */
export function greedyMatching(weights: Float64Array, nHumans: number, nPersonas: number): Int32Array {
  if (weights.length !== nHumans * nPersonas) throw new StatsError('shapeMismatch', `weights have ${weights.length} entries, expected ${nHumans} × ${nPersonas}`);
  if (nPersonas < 1) throw new StatsError('tooFewPersonas', 'greedy matching needs at least one persona');
  const out = new Int32Array(nHumans);
  for (let h = 0; h < nHumans; h++) {
    const base = h * nPersonas;
    let best = 0;
    let bestW = weights[base]!;
    for (let v = 1; v < nPersonas; v++) {
      const w = weights[base + v]!;
      if (w > bestW) {
        bestW = w;
        best = v;
      }
    }
    out[h] = best;
  }
  return out;
}
