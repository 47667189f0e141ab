import type { EncodedCodes } from './encodeCodes';
import type { ColumnStats } from './pairwiseMoments';

/**
 * Count, sum, range and integrality of each encoded column's answers from its code histogram, exact for integer
 * codes; handed to {@link pairwiseMoments} as `columnStats` it saves one pass over the data.
 * @param hist unweighted counts per bin of `codes`
 */
export function columnStatsFromHistogram(codes: EncodedCodes, hist: Float64Array): ColumnStats[] {
  return codes.supports.map((support, c) => {
    const offset = codes.offsets[c]!;
    let count = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let integer = true;
    support.forEach((value, b) => {
      const n = hist[offset + b]!;
      if (n === 0) return;
      count += n;
      sum += n * value;
      if (value < min) min = value;
      if (value > max) max = value;
      if ((value | 0) !== value) integer = false;
    });
    return { count, sum, min, max, integer };
  });
}
