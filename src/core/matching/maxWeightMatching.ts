import { StatsError } from '../stats/StatsError';
import { linearSumAssignment } from './linearSumAssignment';

/**
 * Maximum-weight one-to-one matching (seeds-methods §1.5, Eq. 2.2): each human gets a distinct persona and
 * Σ w(h, π(h)) of the raw weights is maximal, solved exactly by {@link linearSumAssignment} (as Anthology's
 * scipy `linear_sum_assignment` on the negated weights).
 * @param weights row-major `nHumans × nPersonas`
 * @returns the persona index per human
 * @throws StatsError `tooFewPersonas` when there are fewer personas than humans
 */
export function maxWeightMatching(weights: Float64Array, nHumans: number, nPersonas: number): Int32Array {
  if (nPersonas < nHumans) {
    throw new StatsError('tooFewPersonas', `one-to-one matching needs at least as many personas as humans: ${nPersonas} personas for ${nHumans} humans`);
  }
  return linearSumAssignment(weights, nHumans, nPersonas, { maximize: true }).colForRow;
}
