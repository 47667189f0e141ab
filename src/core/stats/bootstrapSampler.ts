import { assertItemMatrix } from './assertItemMatrix';
import { assertWeights } from './assertWeights';
import { compareParts } from './compareParts';
import type { CompareSamplesOptions } from './compareSamples';
import { prepareCountedMoments } from './countedMoments';
import { encodeCodes } from './encodeCodes';
import { metricSummary, type MetricSummary } from './metricSummary';
import { planComparison } from './planComparison';
import { sampleParts } from './sampleParts';
import type { ItemMatrix, RandomSource } from './types';

/** One bootstrap replicate at a time, from a stream of uniform numbers. */
export interface BootstrapSampler {
  /** Draws A's rows, then B's rows (n uniforms each, `⌊u·n⌋`), from `random` and returns every metric between them. */
  next(random: RandomSource): MetricSummary;
  /** Uniforms one replicate takes from the stream: A's rows plus B's rows. */
  readonly draws: number;
}

/**
 * The replicate of the seeded nonparametric bootstrap (data/README.md §3.1–3.3; Efron & Tibshirani 1993, ch. 6):
 * A's rows and B's rows resampled independently with replacement (weights travel with their rows), every scalar
 * metric between the resamples. Everything that does not depend on the draws (the shared code encoding, each sample's
 * moment layout) is prepared once here; a replicate is then a function of the uniforms it reads, so replicates can be
 * computed on any thread from a saved stream position (`randomStream`) and give the same numbers.
 */
export function bootstrapSampler(a: ItemMatrix, b: ItemMatrix, options: CompareSamplesOptions = {}): BootstrapSampler {
  assertItemMatrix(a, { label: 'sample A' });
  assertItemMatrix(b, { label: 'sample B' });
  const plan = planComparison(a.nCols, options);
  const codes = encodeCodes([a, b], { columns: plan.items });
  const weighted = options.weightsA !== undefined || options.weightsB !== undefined;
  const weightsA = weighted ? (options.weightsA ?? new Float64Array(a.nRows).fill(1)) : undefined;
  const weightsB = weighted ? (options.weightsB ?? new Float64Array(b.nRows).fill(1)) : undefined;
  if (weightsA) assertWeights(weightsA, a.nRows, 'weights of sample A');
  if (weightsB) assertWeights(weightsB, b.nRows, 'weights of sample B');
  // each resample's unweighted moments as a Gram over its rows weighted by their multiplicities (exact)
  const countedA = prepareCountedMoments(a, plan.momentColumns, a.nRows);
  const countedB = prepareCountedMoments(b, plan.momentColumns, b.nRows);
  const draw = (random: RandomSource, n: number): Int32Array => {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = Math.floor(random() * n);
    return rows;
  };
  return {
    draws: a.nRows + b.nRows,
    next(random) {
      const pa = sampleParts(a, plan, codes, 0, { rows: draw(random, a.nRows), ...(weightsA ? { weights: weightsA } : {}), ...(countedA ? { counted: countedA } : {}) });
      const pb = sampleParts(b, plan, codes, 1, { rows: draw(random, b.nRows), ...(weightsB ? { weights: weightsB } : {}), ...(countedB ? { counted: countedB } : {}) });
      return metricSummary(compareParts(plan, codes, pa, pb));
    },
  };
}
