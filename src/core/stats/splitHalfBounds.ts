import { assertItemMatrix } from './assertItemMatrix';
import { assertWeights } from './assertWeights';
import { aggregateSummaries } from './aggregateSummaries';
import { compareParts } from './compareParts';
import type { SampleComparison, SampleParts } from './comparisonTypes';
import { encodeCodes } from './encodeCodes';
import { metricSummary, type MetricSummary } from './metricSummary';
import { planComparison } from './planComparison';
import { prepareCountedMoments } from './countedMoments';
import { sampleParts } from './sampleParts';
import type { SplitHalf } from './splitTypes';
import { StatsError } from './StatsError';
import { subtractMoments } from './subtractMoments';
import type { AlphaScale, ItemMatrix } from './types';

/** Options of {@link splitHalfBounds}. */
export interface SplitHalfBoundsOptions {
  /** Columns of the distribution items. @default all columns */
  readonly items?: readonly number[];
  /** Alpha scales. @default none */
  readonly scales?: readonly AlphaScale[];
  /** Survey weights per row; adds weighted WD and correlations. @default none */
  readonly weights?: ArrayLike<number>;
  /** Keep every split's full comparison in `perSplit`. @default false */
  readonly keepPerSplit?: boolean;
  /** Called after each split with the number done and `splitCount` (or the array's length). */
  readonly onProgress?: (done: number, total: number) => void;
  /** How many splits an iterable (not an array) will give, for progress. */
  readonly splitCount?: number;
  /** Checked between splits; the function throws the signal's reason when it is aborted. */
  readonly signal?: AbortSignal;
}

/** The human lower bound: metrics between the halves of each split, their mean and spread. */
export interface SplitHalfBoundsResult {
  readonly nSplits: number;
  readonly halfSize: number;
  /** Per split, the scalar metrics. */
  readonly splits: readonly MetricSummary[];
  /** Per split, the full comparison (only with `keepPerSplit`). */
  readonly perSplit?: readonly SampleComparison[];
  /** Plain mean over the splits (fsum / S). */
  readonly mean: MetricSummary;
  /** Standard deviation over the splits, ddof 1. */
  readonly sd: MetricSummary;
}

/**
 * Split-half "human lower bound" (data/README.md §3.4, seeds-methods §1.8 (4)): for each split, every metric between
 * half a and half b; then the mean and sd over the splits. Use {@link sha256SplitHalves} or, to hold one split at a
 * time, `eachSha256SplitHalf` (reproducible across
 * languages) or {@link seededSplitHalves} for the splits. Half b's moments are computed as all − a − rest (moments are
 * additive), which halves the work; with integer codes and no weights the subtraction is exact.
 * @throws StatsError `tooFewRows`, `invalidOption` (bad split indices)
 */
export function splitHalfBounds(matrix: ItemMatrix, splits: readonly SplitHalf[] | Iterable<SplitHalf>, options: SplitHalfBoundsOptions = {}): SplitHalfBoundsResult {
  assertItemMatrix(matrix);
  if (matrix.nRows < 2) throw new StatsError('tooFewRows', `split-halves need at least 2 rows, got ${matrix.nRows}`);
  const total = Array.isArray(splits) ? splits.length : (options.splitCount ?? 0);
  if (Array.isArray(splits) && splits.length === 0) throw new StatsError('invalidOption', 'no splits given');
  const { weights } = options;
  if (weights) assertWeights(weights, matrix.nRows);
  const plan = planComparison(matrix.nCols, options);
  const codes = encodeCodes([matrix], { columns: plan.items });
  const w = weights ? { weights } : {};
  const all = sampleParts(matrix, plan, codes, 0, w);
  const shifts = { shift: all.moments.shift, ...(all.momentsWeighted ? { shiftWeighted: all.momentsWeighted.shift } : {}) };
  // each half's unweighted moments as a Gram over its rows counted 0/1 (exact, the same sums; see countedMoments)
  const counted = prepareCountedMoments(matrix, plan.momentColumns, matrix.nRows);
  const c = counted ? { counted } : {};
  const inHalf = new Uint8Array(matrix.nRows);
  const summaries: MetricSummary[] = [];
  const perSplit: SampleComparison[] = [];
  let halfSize = 0;
  for (const split of splits) {
    if (summaries.length === 0) halfSize = split.a.length;
    options.signal?.throwIfAborted();
    inHalf.fill(0);
    for (const half of [split.a, split.b]) {
      for (const r of half) {
        if (!(r >= 0 && r < matrix.nRows) || inHalf[r]) throw new StatsError('invalidOption', `split rows must be distinct row indices, got ${r}`);
        inHalf[r] = 1;
      }
    }
    const a = sampleParts(matrix, plan, codes, 0, { rows: split.a, ...w, ...shifts, ...c });
    const restRows = complement(inHalf, matrix.nRows - split.a.length - split.b.length);
    let b: SampleParts;
    if (restRows.length <= split.b.length / 4) {
      const rest = sampleParts(matrix, plan, codes, 0, { rows: restRows, ...w, ...shifts, ...c });
      b = subtractParts(all, a, rest, split.b.length);
    } else {
      b = sampleParts(matrix, plan, codes, 0, { rows: split.b, ...w, ...shifts, ...c });
    }
    const cmp = compareParts(plan, codes, a, b);
    summaries.push(metricSummary(cmp));
    if (options.keepPerSplit) perSplit.push(cmp);
    options.onProgress?.(summaries.length, total);
  }
  if (summaries.length === 0) throw new StatsError('invalidOption', 'no splits given');
  return {
    nSplits: summaries.length,
    halfSize,
    splits: summaries,
    ...(options.keepPerSplit ? { perSplit } : {}),
    mean: aggregateSummaries(summaries),
    sd: aggregateSummaries(summaries, { statistic: 'sd' }),
  };
}

/** The rows in neither half, ascending (`size` of them). */
function complement(inHalf: Uint8Array, size: number): Int32Array {
  const out = new Int32Array(size);
  let k = 0;
  for (let r = 0; r < inHalf.length && k < size; r++) if (!inHalf[r]) out[k++] = r;
  return out;
}

function subtractParts(all: SampleParts, a: SampleParts, rest: SampleParts, n: number): SampleParts {
  const hist = minus(all.hist, a.hist, rest.hist);
  const moments = subtractMoments(all.moments, a.moments, rest.moments);
  if (!all.histWeighted || !all.momentsWeighted || !a.histWeighted || !a.momentsWeighted || !rest.histWeighted || !rest.momentsWeighted) {
    return { n, hist, moments };
  }
  return {
    n,
    hist,
    moments,
    histWeighted: minus(all.histWeighted, a.histWeighted, rest.histWeighted),
    momentsWeighted: subtractMoments(all.momentsWeighted, a.momentsWeighted, rest.momentsWeighted),
  };
}

function minus(total: Float64Array, x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(total.length);
  for (let i = 0; i < out.length; i++) out[i] = total[i]! - x[i]! - y[i]!;
  return out;
}
