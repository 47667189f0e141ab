import { assertItemMatrix } from './assertItemMatrix';
import { assertWeights } from './assertWeights';
import { compareParts } from './compareParts';
import type { SampleComparison, SampleParts } from './comparisonTypes';
import { planComparison } from './planComparison';
import { columnStatsFromHistogram } from './columnStatsFromHistogram';
import { pairwiseMoments } from './pairwiseMoments';
import { StatsError } from './StatsError';
import { sharedCodeHistograms } from './sharedCodeHistograms';
import type { AlphaScale, ItemMatrix } from './types';

/** Options of {@link compareSamples}. */
export interface CompareSamplesOptions {
  /** Columns of the distribution items (WD and correlations). @default all columns */
  readonly items?: readonly number[];
  /** Alpha scales (column indices). @default none */
  readonly scales?: readonly AlphaScale[];
  /** Survey weights of A's rows; with either weight vector the result also has `weighted` metrics. @default none */
  readonly weightsA?: ArrayLike<number>;
  /** Survey weights of B's rows (unit weights when only A has weights). @default none */
  readonly weightsB?: ArrayLike<number>;
}

/**
 * Every fidelity metric between sample A (e.g. humans) and sample B (e.g. personas), which share their columns:
 * per-item WD and wd_mean, pairwise correlation matrices and their Frobenius distance (full and upper), and each
 * scale's psych raw alpha and |Δalpha| (data/README.md §3.1–3.3, §3.5).
 * @throws StatsError `tooFewRows` when a sample has fewer than 2 rows, `shapeMismatch` when the columns differ
 */
export function compareSamples(a: ItemMatrix, b: ItemMatrix, options: CompareSamplesOptions = {}): SampleComparison {
  // values are checked by sharedCodeHistograms and pairwiseMoments, which read them anyway
  assertItemMatrix(a, { label: 'sample A', values: false });
  assertItemMatrix(b, { label: 'sample B', values: false });
  if (a.nCols !== b.nCols) throw new StatsError('shapeMismatch', `samples have ${a.nCols} and ${b.nCols} columns`);
  if (a.nRows < 2 || b.nRows < 2) throw new StatsError('tooFewRows', `each sample needs at least 2 rows (got ${a.nRows} and ${b.nRows})`);
  const plan = planComparison(a.nCols, options);
  const weighted = options.weightsA !== undefined || options.weightsB !== undefined;
  const weightsA = weighted ? (options.weightsA ?? new Float64Array(a.nRows).fill(1)) : undefined;
  const weightsB = weighted ? (options.weightsB ?? new Float64Array(b.nRows).fill(1)) : undefined;
  if (weightsA) assertWeights(weightsA, a.nRows, 'weights of sample A');
  if (weightsB) assertWeights(weightsB, b.nRows, 'weights of sample B');
  const h = sharedCodeHistograms(a, b, plan.items, { ...(weightsA ? { weightsA } : {}), ...(weightsB ? { weightsB } : {}) });
  const parts = (m: ItemMatrix, hist: Float64Array, histWeighted: Float64Array | undefined, w: ArrayLike<number> | undefined): SampleParts => {
    const moments = pairwiseMoments(m, { columns: plan.momentColumns, columnStats: columnStatsFromHistogram(h.codes, hist) });
    if (!w || !histWeighted) return { n: m.nRows, hist, moments };
    return { n: m.nRows, hist, moments, histWeighted, momentsWeighted: pairwiseMoments(m, { columns: plan.items, weights: w }) };
  };
  const partsA = parts(a, h.histA, h.histWeightedA, weightsA);
  const partsB = parts(b, h.histB, h.histWeightedB, weightsB);
  return compareParts(plan, h.codes, partsA, partsB);
}

