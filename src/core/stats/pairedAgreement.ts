import { fsum } from './fsum';
import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';

/** Options of {@link pairedAgreement}. */
export interface PairedAgreementOptions {
  /** Survey weights of the human rows; a pair counts with its respondent's weight. @default unweighted */
  readonly weightsHuman?: ArrayLike<number>;
}

/**
 * Individual-level agreement per question (docs/metrics.md "Pairing and subgroups"; the individual-level measure of
 * Argyle et al. 2023, "Out of One, Many", Political Analysis 31(3)): among the personas paired with a human
 * respondent (`pairs[i]` = the 0-based human row of persona i, or −1) where both answered the question, the
 * (respondent-weighted) share whose code equals the respondent's. NaN for a question with no such pair.
 * @throws StatsError `shapeMismatch` when the samples differ in column count or `pairs` in length
 */
export function pairedAgreement(simulated: ItemMatrix, human: ItemMatrix, pairs: ArrayLike<number>, options: PairedAgreementOptions = {}): Float64Array {
  if (simulated.nCols !== human.nCols) throw new StatsError('shapeMismatch', `samples have ${simulated.nCols} and ${human.nCols} columns`);
  if (pairs.length !== simulated.nRows) throw new StatsError('shapeMismatch', `${pairs.length} pairs for ${simulated.nRows} personas`);
  const w = options.weightsHuman;
  const out = new Float64Array(simulated.nCols);
  for (let c = 0; c < simulated.nCols; c++) {
    const same: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < simulated.nRows; i++) {
      const r = pairs[i]!;
      if (r < 0) continue;
      const s = simulated.data[c * simulated.nRows + i]!;
      const h = human.data[c * human.nRows + r]!;
      if (s !== s || h !== h) continue;
      const wr = w ? w[r]! : 1;
      all.push(wr);
      if (s === h) same.push(wr);
    }
    const total = fsum(all);
    out[c] = total > 0 ? fsum(same) / total : NaN;
  }
  return out;
}
