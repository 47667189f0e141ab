/** One split of the rows into two halves of equal size (0-based row indices, ascending). */
export interface SplitHalf {
  readonly a: Int32Array;
  readonly b: Int32Array;
}
