/**
 * The first index `i` of the ascending `sorted` with `sorted[i] >= v` (`sorted.length` when none): binary
 * search, as C++ `std::lower_bound`. Used to bin answer codes into a sorted support.
 */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
