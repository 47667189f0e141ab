import { aggregateSummaries } from './aggregateSummaries';
import { assertItemMatrix } from './assertItemMatrix';
import { bootstrapReplicates } from './bootstrapReplicates';
import type { CompareSamplesOptions } from './compareSamples';
import { compareSamples } from './compareSamples';
import { metricSummary, type MetricSummary } from './metricSummary';
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
  const summaries = [...bootstrapReplicates(a, b, options)];
  return {
    estimate,
    lower: aggregateSummaries(summaries, { statistic: 'quantile', probability: (1 - level) / 2 }),
    upper: aggregateSummaries(summaries, { statistic: 'quantile', probability: (1 + level) / 2 }),
    se: aggregateSummaries(summaries, { statistic: 'sd' }),
    replicates,
  };
}
