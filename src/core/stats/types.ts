/**
 * A numeric answer table: `nRows` respondents × `nCols` items, stored column-major
 * (column j occupies `data[j * nRows … (j + 1) * nRows)`), NaN = missing answer.
 */
export interface ItemMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly data: Float64Array;
}

/** A named set of items for Cronbach's alpha; `reverse` items are recoded (min + max) − x first. */
export interface AlphaScale {
  readonly name: string;
  /** Column indices into the matrix. */
  readonly items: readonly number[];
  /** Column indices (a subset of `items`) that are reverse-keyed. */
  readonly reverse: readonly number[];
}

/**
 * Pairwise-complete first and second moments of every column pair, k×k row-major.
 * For the pair (i, j) the sums run over the rows where both i and j are present, with weight w (1 if unweighted),
 * on the values minus `shift[i]`:
 * `n = Σw`, `count` = number of rows, `sx[i,j] = Σ w·x_i`, `sxx[i,j] = Σ w·x_i²`, `sxy[i,j] = Σ w·x_i·x_j`.
 * Moments are additive over disjoint row sets, so the moments of a complement are differences.
 */
export interface PairwiseMoments {
  readonly k: number;
  readonly shift: Float64Array;
  readonly count: Float64Array;
  readonly n: Float64Array;
  readonly sx: Float64Array;
  readonly sxx: Float64Array;
  readonly sxy: Float64Array;
}

/** A seeded source of uniform numbers in [0, 1). */
export type RandomSource = () => number;
