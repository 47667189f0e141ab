import type { CompareSamplesOptions } from './compareSamples';
import { createRandom } from './createRandom';
import type { MetricSummary } from './metricSummary';
import { bootstrapSampler } from './bootstrapSampler';
import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';

/** Options of {@link bootstrapReplicates}. */
export interface BootstrapReplicatesOptions extends CompareSamplesOptions {
  /** Number of bootstrap replicates. @default 1000 */
  readonly replicates?: number;
  /** Seed of the {@link createRandom} stream. @default 0 */
  readonly seed?: number;
}

/**
 * The replicates of the seeded nonparametric bootstrap of {@link bootstrapComparison}, one at a time: each resamples
 * A's rows and B's rows independently with replacement (weights travel with their rows) and yields every scalar
 * metric between them (data/README.md §3.1–3.3). A caller can stop early or yield to its event loop between
 * replicates (a long bootstrap stays cancellable); the sequence for a seed is always the same.
 * @throws StatsError `invalidOption` for a bad replicate count
 */
export function* bootstrapReplicates(a: ItemMatrix, b: ItemMatrix, options: BootstrapReplicatesOptions = {}): Generator<MetricSummary, void, undefined> {
  const replicates = options.replicates ?? 1000;
  if (!Number.isInteger(replicates) || replicates < 2) throw new StatsError('invalidOption', `replicates must be an integer ≥ 2, got ${replicates}`);
  const sampler = bootstrapSampler(a, b, options);
  const random = createRandom(options.seed ?? 0);
  for (let rep = 0; rep < replicates; rep++) yield sampler.next(random);
}
