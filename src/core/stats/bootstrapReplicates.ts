import { assertItemMatrix } from './assertItemMatrix';
import { assertWeights } from './assertWeights';
import { compareParts } from './compareParts';
import type { CompareSamplesOptions } from './compareSamples';
import { prepareCountedMoments } from './countedMoments';
import { createRandom } from './createRandom';
import { encodeCodes } from './encodeCodes';
import { metricSummary, type MetricSummary } from './metricSummary';
import { planComparison } from './planComparison';
import { sampleParts } from './sampleParts';
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
  assertItemMatrix(a, { label: 'sample A' });
  assertItemMatrix(b, { label: 'sample B' });
  const plan = planComparison(a.nCols, options);
  const codes = encodeCodes([a, b], { columns: plan.items });
  const weighted = options.weightsA !== undefined || options.weightsB !== undefined;
  const weightsA = weighted ? (options.weightsA ?? new Float64Array(a.nRows).fill(1)) : undefined;
  const weightsB = weighted ? (options.weightsB ?? new Float64Array(b.nRows).fill(1)) : undefined;
  if (weightsA) assertWeights(weightsA, a.nRows, 'weights of sample A');
  if (weightsB) assertWeights(weightsB, b.nRows, 'weights of sample B');
  const random = createRandom(options.seed ?? 0);
  const draw = (n: number): Int32Array => {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = Math.floor(random() * n);
    return rows;
  };
  // each resample's unweighted moments as a Gram over its distinct rows weighted by their multiplicities (exact)
  const countedA = prepareCountedMoments(a, plan.momentColumns, a.nRows);
  const countedB = prepareCountedMoments(b, plan.momentColumns, b.nRows);
  for (let rep = 0; rep < replicates; rep++) {
    const pa = sampleParts(a, plan, codes, 0, { rows: draw(a.nRows), ...(weightsA ? { weights: weightsA } : {}), ...(countedA ? { counted: countedA } : {}) });
    const pb = sampleParts(b, plan, codes, 1, { rows: draw(b.nRows), ...(weightsB ? { weights: weightsB } : {}), ...(countedB ? { counted: countedB } : {}) });
    yield metricSummary(compareParts(plan, codes, pa, pb));
  }
}
