import { createRandom } from '../stats/createRandom';
import { StatsError } from '../stats/StatsError';

/** Options of {@link randomMatching}. */
export interface RandomMatchingOptions {
  /** Seed of the generator (Anthology's ablation uses 42). @default 42 */
  readonly seed?: number;
}

/**
 * Random matching, the ablation of seeds-methods §1.5: n distinct personas drawn uniformly (partial Fisher–Yates with
 * the seeded {@link createRandom}); human h gets the h-th draw.
 * @throws StatsError `tooFewPersonas` when there are fewer personas than humans
 */
export function randomMatching(nHumans: number, nPersonas: number, options: RandomMatchingOptions = {}): Int32Array {
  if (nPersonas < nHumans) {
    throw new StatsError('tooFewPersonas', `random one-to-one matching needs at least as many personas as humans: ${nPersonas} personas for ${nHumans} humans`);
  }
  const random = createRandom(options.seed ?? 42);
  const pool = Int32Array.from({ length: nPersonas }, (_, i) => i);
  for (let h = 0; h < nHumans; h++) {
    const j = h + Math.floor(random() * (nPersonas - h));
    const t = pool[h]!;
    pool[h] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, nHumans);
}
