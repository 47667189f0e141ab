import { sha256Words } from './sha256Words';
import { StatsError } from './StatsError';
import type { SplitHalf } from './splitTypes';

/** Options of {@link sha256SplitHalves}. */
export interface Sha256SplitHalvesOptions {
  /** Number of splits S (split s uses keys `"${s}:${i}"`). @default 100 */
  readonly splits?: number;
}

/**
 * The deterministic split-half rule of data/README.md §3.4: for split s and row i, key = SHA-256 hex of `"${s}:${i}"`;
 * rows sorted by (key, i); half a = the first ⌊n/2⌋ rows, half b = the next ⌊n/2⌋ (an odd last row is in neither).
 * Both halves are returned sorted ascending, 0-based, exactly as `splits.json` stores them.
 * @param nRows number of data rows (at least 2, below 2^21)
 * @throws StatsError `tooFewRows` / `invalidOption`
 */
export function sha256SplitHalves(nRows: number, options: Sha256SplitHalvesOptions = {}): SplitHalf[] {
  const nSplits = options.splits ?? 100;
  if (!Number.isInteger(nRows) || nRows < 2) throw new StatsError('tooFewRows', `split-halves need at least 2 rows, got ${nRows}`);
  if (nRows >= 2 ** 21) throw new StatsError('invalidOption', `sha256SplitHalves supports up to 2^21 rows, got ${nRows}`);
  if (!Number.isInteger(nSplits) || nSplits < 1) throw new StatsError('invalidOption', `splits must be a positive integer, got ${nSplits}`);
  const m = Math.floor(nRows / 2);
  const words = new Uint32Array(nRows * 8);
  const digest = new Uint32Array(8);
  const order = new Float64Array(nRows);
  const result: SplitHalf[] = [];
  for (let s = 0; s < nSplits; s++) {
    for (let i = 0; i < nRows; i++) {
      sha256Words(`${s}:${i}`, digest);
      words.set(digest, i * 8);
      // first digest word in the high bits, the row in the low 21 bits: a numeric sort orders by (word0, i)
      order[i] = digest[0]! * 2097152 + i;
    }
    order.sort();
    // rows whose first words tie (rare) are re-ordered by the full digest, then by row
    for (let start = 0; start < nRows; ) {
      const w0 = Math.floor(order[start]! / 2097152);
      let end = start + 1;
      while (end < nRows && Math.floor(order[end]! / 2097152) === w0) end++;
      if (end - start > 1) {
        const group = Array.from(order.subarray(start, end), (v) => v % 2097152);
        group.sort((x, y) => {
          for (let w = 1; w < 8; w++) {
            const d = words[x * 8 + w]! - words[y * 8 + w]!;
            if (d !== 0) return d;
          }
          return x - y;
        });
        for (let g = 0; g < group.length; g++) order[start + g] = w0 * 2097152 + group[g]!;
      }
      start = end;
    }
    const a = new Int32Array(m);
    const b = new Int32Array(m);
    for (let r = 0; r < m; r++) {
      a[r] = order[r]! % 2097152;
      b[r] = order[m + r]! % 2097152;
    }
    result.push({ a: a.sort(), b: b.sort() });
  }
  return result;
}
