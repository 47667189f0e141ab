import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';

/** Options of {@link signedDrift}. */
export interface SignedDriftOptions {
  /** Columns to compare. @default all columns */
  readonly columns?: readonly number[];
  /** Weights of the simulated rows. @default unweighted */
  readonly weightsSimulated?: ArrayLike<number>;
  /** Survey weights of the human rows. @default unweighted */
  readonly weightsHuman?: ArrayLike<number>;
}

/**
 * Signed drift per question: the (weighted) mean of the simulated codes minus the (weighted) mean of the human codes,
 * missing answers dropped per item. Positive = the simulation answers higher on the code scale. NaN when a side has
 * no answer.
 * @throws StatsError `shapeMismatch` when the samples differ in column count
 */
export function signedDrift(simulated: ItemMatrix, human: ItemMatrix, options: SignedDriftOptions = {}): Float64Array {
  if (simulated.nCols !== human.nCols) throw new StatsError('shapeMismatch', `samples have ${simulated.nCols} and ${human.nCols} columns`);
  const columns = options.columns ?? Array.from({ length: human.nCols }, (_, j) => j);
  const mean = (m: ItemMatrix, c: number, w: ArrayLike<number> | undefined): number => {
    let sw = 0;
    let swx = 0;
    for (let r = 0; r < m.nRows; r++) {
      const v = m.data[c * m.nRows + r]!;
      if (v !== v) continue;
      const wr = w ? w[r]! : 1;
      sw += wr;
      swx += wr * v;
    }
    return sw > 0 ? swx / sw : NaN;
  };
  return Float64Array.from(columns, (c) => mean(simulated, c, options.weightsSimulated) - mean(human, c, options.weightsHuman));
}
