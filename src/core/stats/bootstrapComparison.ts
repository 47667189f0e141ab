import { aggregateSummaries } from './aggregateSummaries';
import { assertItemMatrix } from './assertItemMatrix';
import { assertWeights } from './assertWeights';
import { compareParts } from './compareParts';
import type { CompareSamplesOptions } from './compareSamples';
import { compareSamples } from './compareSamples';
import { createRandom } from './createRandom';
import { encodeCodes } from './encodeCodes';
import { metricSummary, type MetricSummary } from './metricSummary';
import { planComparison } from './planComparison';
import { sampleParts } from './sampleParts';
import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';

/** Options of {@link bootstrapComparison}. */
export interface BootstrapComparisonOptions extends CompareSamplesOptions {
  /** Number of bootstrap replicates. @default 1000 */
  readonly replicates?: number;
  /** Seed of the {@link createRandom} stream. @default 0 */
  readonly seed?: number;
  /** Confidence level of the percentile interval. @default 0.95 */
  readonly level?: number;
}

/** A bootstrap confidence interval for every scalar metric. */
export interface BootstrapResult {
  /** The metrics of the original samples. */
  readonly estimate: MetricSummary;
  /** Lower and upper percentile bounds, (1 − level)/2 and (1 + level)/2 quantiles (R `quantile(type = 7)`). */
  readonly lower: MetricSummary;
  readonly upper: MetricSummary;
  /** Standard deviation over the replicates (the bootstrap standard error). */
  readonly se: MetricSummary;
  readonly replicates: number;
}

/**
 * Seeded nonparametric bootstrap (Efron's percentile interval) for every metric between A and B: each replicate
 * resamples A's rows and B's rows independently with replacement (weights travel with their rows) and recomputes
 * WD mean, Frobenius distances and |Δalpha| (data/README.md §3.1–3.3).
 * @throws StatsError `invalidOption` for a bad replicate count or level
 */
export function bootstrapComparison(a: ItemMatrix, b: ItemMatrix, options: BootstrapComparisonOptions = {}): BootstrapResult {
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 2) throw new StatsError('invalidOption', `replicates must be an integer ≥ 2, got ${replicates}`);
  if (!(level > 0 && level < 1)) throw new StatsError('invalidOption', `level must be in (0, 1), got ${level}`);
  assertItemMatrix(a, { label: 'sample A' });
  assertItemMatrix(b, { label: 'sample B' });
  const estimate = metricSummary(compareSamples(a, b, options));
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
  const summaries: MetricSummary[] = [];
  for (let rep = 0; rep < replicates; rep++) {
    const pa = sampleParts(a, plan, codes, 0, { rows: draw(a.nRows), ...(weightsA ? { weights: weightsA } : {}) });
    const pb = sampleParts(b, plan, codes, 1, { rows: draw(b.nRows), ...(weightsB ? { weights: weightsB } : {}) });
    summaries.push(metricSummary(compareParts(plan, codes, pa, pb)));
  }
  return {
    estimate,
    lower: aggregateSummaries(summaries, { statistic: 'quantile', probability: (1 - level) / 2 }),
    upper: aggregateSummaries(summaries, { statistic: 'quantile', probability: (1 + level) / 2 }),
    se: aggregateSummaries(summaries, { statistic: 'sd' }),
    replicates,
  };
}
