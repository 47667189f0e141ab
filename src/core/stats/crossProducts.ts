/**
 * Column cross-products of two column-major blocks with `nr` rows and `k` columns:
 * `out[i·k + j] = Σ_r A[i·nr + r] · B[j·nr + r]` (the matrix product Aᵀ·B).
 * With `symmetric` (A·B symmetric, e.g. A = B) only j ≤ i is computed and mirrored.
 * Four columns of B share each load of A (register blocking), which is what makes the O(n·k²) moments fast.
 */
export function crossProducts(A: Float64Array, B: Float64Array, k: number, nr: number, out: Float64Array, symmetric: boolean): Float64Array {
  for (let i = 0; i < k; i++) {
    const ai = i * nr;
    const jEnd = symmetric ? i + 1 : k;
    let j = 0;
    for (; j + 3 < jEnd; j += 4) {
      const b0 = j * nr, b1 = b0 + nr, b2 = b1 + nr, b3 = b2 + nr;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0; r < nr; r++) {
        const a = A[ai + r]!;
        s0 += a * B[b0 + r]!;
        s1 += a * B[b1 + r]!;
        s2 += a * B[b2 + r]!;
        s3 += a * B[b3 + r]!;
      }
      out[i * k + j] = s0;
      out[i * k + j + 1] = s1;
      out[i * k + j + 2] = s2;
      out[i * k + j + 3] = s3;
    }
    for (; j < jEnd; j++) {
      const b0 = j * nr;
      let s0 = 0;
      for (let r = 0; r < nr; r++) s0 += A[ai + r]! * B[b0 + r]!;
      out[i * k + j] = s0;
    }
  }
  if (symmetric) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) out[i * k + j] = out[j * k + i]!;
  return out;
}
