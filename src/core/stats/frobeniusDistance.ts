/** Frobenius distance between two correlation matrices, full and upper triangle. */
export interface FrobeniusDistance {
  /** √Σ_{i,j}(A−B)²_ij over the full matrix, both triangles (the diagonal adds 0). */
  readonly full: number;
  /** The same sum over i < j only (= full/√2). */
  readonly upper: number;
  /** Off-diagonal pairs (i < j) left out because an entry was NaN (a constant or too-sparse column). */
  readonly skippedPairs: number;
}


/**
 * Frobenius norm of the difference of two k×k correlation matrices (data/README.md §3.2; Anthology's consistency
 * metric, seeds-methods §1.8). Design choice: a pair whose correlation is NaN in either matrix (e.g. a constant
 * simulated column) is skipped and counted in `skippedPairs` rather than poisoning the whole norm. When no pair is left
 * (every pair skipped, or fewer than 2 items) nothing was measured and both distances are NaN, never 0.
 */
export function frobeniusDistance(a: Float64Array, b: Float64Array, k: number): FrobeniusDistance {
  let sum = 0;
  let skipped = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const d = a[i * k + j]! - b[i * k + j]!;
      if (d !== d) skipped++;
      else sum += d * d;
    }
  }
  if (skipped === (k * (k - 1)) / 2) return { full: NaN, upper: NaN, skippedPairs: skipped };
  return { full: Math.sqrt(2 * sum), upper: Math.sqrt(sum), skippedPairs: skipped };
}
