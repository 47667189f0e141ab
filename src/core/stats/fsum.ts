/**
 * Correctly rounded sum of floating-point values (Shewchuk's exact partials, the algorithm of Python's
 * `math.fsum`, including its final half-way rounding correction). Non-finite input gives the plain sum.
 * Used for `wd_mean = fsum(WD) / count` (data/README.md §3.1).
 * @param values the addends
 * @returns the exactly rounded sum
 */
export function fsum(values: ArrayLike<number>): number {
  const partials: number[] = [];
  let special = 0;
  for (let t = 0; t < values.length; t++) {
    let x = values[t]!;
    if (!Number.isFinite(x)) {
      special += x;
      continue;
    }
    let i = 0;
    for (let p = 0; p < partials.length; p++) {
      let y = partials[p]!;
      if (Math.abs(x) < Math.abs(y)) {
        const tmp = x;
        x = y;
        y = tmp;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  if (special !== 0 || Number.isNaN(special)) return special;
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
