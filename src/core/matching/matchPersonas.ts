import { StatsError } from '../stats/StatsError';
import { cleanPersonaDistribution } from './cleanPersonaDistribution';
import { edgeWeights } from './edgeWeights';
import { greedyMatching } from './greedyMatching';
import { harmonizeDistribution } from './harmonizeDistribution';
import type { HumanCategories, PersonaVariable } from './matchingTypes';
import { maxWeightMatching } from './maxWeightMatching';
import { randomMatching } from './randomMatching';

/** One demographic variable as the personas answered it: raw answer counts, trailing refusal/non-compliant buckets included. */
export interface PersonaAnswerCounts {
  /** Buckets per persona: the answer options, then the buckets `dropTrailing` removes. */
  readonly nBuckets: number;
  /** Row-major `nPersonas × nBuckets` counts (or probabilities). */
  readonly counts: Float64Array;
  /** Harmonisation: answer option → human survey category (−1 drops it). @default identity */
  readonly mapping?: readonly number[];
  /** Number of human survey categories. @default the number of answer options */
  readonly nCategories?: number;
}

/** Options of {@link matchPersonas}. */
export interface MatchPersonasOptions {
  /** `maxWeight` (one-to-one, Hungarian-type), `greedy` (argmax per human, reuse allowed) or `random`. @default 'maxWeight' */
  readonly method?: 'maxWeight' | 'greedy' | 'random';
  /** Trailing buckets dropped before renormalising (prefer-not-to-answer, non-compliant). @default 2 */
  readonly dropTrailing?: number;
  /** Seed of the random method. @default 42 */
  readonly seed?: number;
}

/**
 * Matches virtual personas to human respondents end to end (seeds-methods §1.5): clean each persona's answer counts
 * (drop refusal and non-compliant buckets, renormalise, uniform if empty), harmonise to the survey's categories,
 * build the product edge weights, and assign with the chosen method.
 * @param humans category index per human and variable (−1 = missing or refused)
 * @returns the persona index of each human
 * @throws StatsError `tooFewPersonas` for one-to-one methods with fewer personas than humans, `shapeMismatch`
 */
export function matchPersonas(humans: HumanCategories, personas: readonly PersonaAnswerCounts[], options: MatchPersonasOptions = {}): Int32Array {
  const method = options.method ?? 'maxWeight';
  const drop = options.dropTrailing ?? 2;
  const first = personas[0];
  if (!first) throw new StatsError('invalidOption', 'no matching variables');
  const nP = first.counts.length / first.nBuckets;
  const nH = humans[0]?.length ?? 0;
  if (method === 'random') return randomMatching(nH, nP, options.seed !== undefined ? { seed: options.seed } : {});
  const variables: PersonaVariable[] = personas.map((p, l) => {
    if (!Number.isInteger(nP) || p.counts.length !== nP * p.nBuckets) {
      throw new StatsError('shapeMismatch', `variable ${l}: ${p.counts.length} counts for ${nP} personas × ${p.nBuckets} buckets`);
    }
    const nOptions = p.nBuckets - drop;
    const nCategories = p.nCategories ?? nOptions;
    const probabilities = new Float64Array(nP * nCategories);
    for (let v = 0; v < nP; v++) {
      const cleaned = cleanPersonaDistribution(p.counts.subarray(v * p.nBuckets, (v + 1) * p.nBuckets), { dropTrailing: drop });
      probabilities.set(p.mapping ? harmonizeDistribution(cleaned, p.mapping, nCategories) : cleaned, v * nCategories);
    }
    return { nCategories, probabilities };
  });
  const weights = edgeWeights(humans, variables);
  return method === 'greedy' ? greedyMatching(weights, nH, nP) : maxWeightMatching(weights, nH, nP);
}
