import type { ComparisonPlan } from './planComparison';
import type { SampleParts } from './comparisonTypes';
import type { EncodedCodes } from './encodeCodes';
import type { ItemMatrix } from './types';
import { codeHistograms } from './codeHistograms';
import { columnStatsFromHistogram } from './columnStatsFromHistogram';
import { countedMoments, type CountedMomentsBase } from './countedMoments';
import { pairwiseMoments } from './pairwiseMoments';

/** Options of {@link sampleParts}. */
export interface SamplePartsOptions {
  /** Rows of the sample to use (repeats allowed, as in a bootstrap). @default all rows */
  readonly rows?: Int32Array;
  /** Survey weights per row; when given, weighted histograms and moments are added. @default unweighted only */
  readonly weights?: ArrayLike<number>;
  /** Column shifts of the unweighted moments (must match across parts that are subtracted). @default rounded means */
  readonly shift?: Float64Array;
  /** Column shifts of the weighted moments. @default rounded means */
  readonly shiftWeighted?: Float64Array;
  /**
   * With `rows`: the unweighted moments come from {@link countedMoments} on the rows counted (the same numbers, bit
   * for bit, much faster for a resample or a split half); prepared once per sample for `plan.momentColumns`. Ignored
   * with a non-integer `shift`.
   */
  readonly counted?: CountedMomentsBase;
}

/**
 * One sample's histograms and pairwise moments for {@link compareParts}.
 * @param codes the encoding shared with the other sample; `sample` selects this sample's indices in it
 */
export function sampleParts(matrix: ItemMatrix, plan: ComparisonPlan, codes: EncodedCodes, sample: number, options: SamplePartsOptions = {}): SampleParts {
  const { rows, weights } = options;
  const sel = rows ? { rows } : {};
  const n = rows ? rows.length : matrix.nRows;
  // a resample counted per row: histograms in one sequential pass (the same exact integer counts as the row list)
  const integerShift = !options.shift || options.shift.every((v) => Number.isInteger(v));
  const counts = rows && options.counted && integerShift ? countRows(rows, matrix.nRows) : undefined;
  const hist = codeHistograms(codes, sample, matrix.nRows, counts ? { counts } : sel);
  const moments = counts ? countedMoments(options.counted!, counts, options.shift) : pairwiseMoments(matrix, {
    ...sel,
    columns: plan.momentColumns,
    columnStats: columnStatsFromHistogram(codes, hist),
    ...(options.shift ? { shift: options.shift } : {}),
  });
  if (!weights) return { n, hist, moments };
  return {
    n,
    hist,
    moments,
    histWeighted: codeHistograms(codes, sample, matrix.nRows, { ...sel, weights }),
    momentsWeighted: pairwiseMoments(matrix, { ...sel, columns: plan.items, weights, ...(options.shiftWeighted ? { shift: options.shiftWeighted } : {}) }),
  };
}

function countRows(rows: Int32Array, nRows: number): Int32Array {
  const counts = new Int32Array(nRows);
  for (let t = 0; t < rows.length; t++) counts[rows[t]!]!++;
  return counts;
}
