/**
 * Quantile of ascending-sorted values by linear interpolation between order statistics: R `quantile(type = 7)`,
 * numpy's default `np.quantile(method = "linear")`. NaN for an empty input.
 * @param sorted ascending values
 * @param p probability in [0, 1]
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
