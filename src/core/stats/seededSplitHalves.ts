import { createRandom } from './createRandom';
import { StatsError } from './StatsError';
import type { SplitHalf } from './splitTypes';

/** Options of {@link seededSplitHalves}. */
export interface SeededSplitHalvesOptions {
  /** Number of splits. @default 100 */
  readonly splits?: number;
  /** Seed of the {@link createRandom} stream shared by all splits. @default 0 */
  readonly seed?: number;
}

/**
 * Random split-halves from a seeded generator: per split a Fisher–Yates permutation of the rows;
 * half a = its first ⌊n/2⌋ rows, half b = the next ⌊n/2⌋ (data/README.md §3.4 "own random splits").
 * @param nRows number of rows (at least 2)
 * @throws StatsError `tooFewRows` / `invalidOption`
 */
export function seededSplitHalves(nRows: number, options: SeededSplitHalvesOptions = {}): SplitHalf[] {
  return Array.from(eachSeededSplitHalf(nRows, options));
}

/**
 * The splits of {@link seededSplitHalves} one at a time (the same stream), so a caller that measures each split and
 * drops it never holds them all. Arguments are checked on the first `next()`.
 * @throws StatsError `tooFewRows` / `invalidOption`
 */
export function* eachSeededSplitHalf(nRows: number, options: SeededSplitHalvesOptions = {}): Generator<SplitHalf, void, undefined> {
  const nSplits = options.splits ?? 100;
  if (!Number.isInteger(nRows) || nRows < 2) throw new StatsError('tooFewRows', `split-halves need at least 2 rows, got ${nRows}`);
  if (!Number.isInteger(nSplits) || nSplits < 1) throw new StatsError('invalidOption', `splits must be a positive integer, got ${nSplits}`);
  const random = createRandom(options.seed ?? 0);
  const m = Math.floor(nRows / 2);
  const perm = new Int32Array(nRows);
  for (let s = 0; s < nSplits; s++) {
    for (let i = 0; i < nRows; i++) perm[i] = i;
    for (let i = nRows - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    yield { a: perm.slice(0, m).sort(), b: perm.slice(m, 2 * m).sort() };
  }
}
