import type { ItemMatrix } from '../../core/stats/types';

/**
 * Numbers for the JSON and text reports of `compare` and `bounds`: a metric that could not be computed (NaN, ±∞) is
 * `null` with a reason under its path in `reasons` (e.g. `frobenius`, `wd.q1`, `alpha.a.extraversion`,
 * `mean.frobenius`), never 0; a computed metric that left something out has a reason too.
 */
export class MetricValues {
  readonly reasons: Record<string, string> = {};

  /** `v`, or null with `why()` recorded under `path` when it is not a finite number. */
  num(path: string, v: number, why: () => string): number | null {
    if (Number.isFinite(v)) return v;
    this.reasons[path] = why();
    return null;
  }

  /** Records a caveat for a metric that was computed. */
  note(path: string, text: string): void {
    this.reasons[path] = text;
  }

  /** The text report's closing lines: one per reason. */
  lines(): string[] {
    const entries = Object.entries(this.reasons);
    if (entries.length === 0) return [];
    return ['', 'n/a = not computed; notes:', ...entries.map(([path, why]) => `  ${path}: ${why}`)];
  }
}

/** A number for the readable tables; null (not computed) is `n/a`. */
export const fmtValue = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(6));

/**
 * The columns of a sample that have no correlation with anything: constant ones and those with fewer than 2 answers,
 * described for a reason, e.g. `q1 in a.csv (every answer is 3)`.
 */
export function flatColumns(matrix: ItemMatrix, names: readonly string[], file: string): string[] {
  const out: string[] = [];
  const n = matrix.nRows;
  names.forEach((name, c) => {
    let count = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = c * n, end = r + n; r < end; r++) {
      const v = matrix.data[r]!;
      if (v !== v) continue;
      count++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (count === 0) out.push(`${name} in ${file} (no answers)`);
    else if (count === 1) out.push(`${name} in ${file} (one answer)`);
    else if (lo === hi) out.push(`${name} in ${file} (every answer is ${lo})`);
  });
  return out;
}

/** Why the Frobenius distance is null, or what it left out (`skipped` of the k·(k−1)/2 item pairs). */
export function frobeniusReason(k: number, skipped: number, flat: readonly string[], extra = ''): string {
  if (k < 2) return 'needs at least 2 items (a correlation is between two items)';
  const pairs = (k * (k - 1)) / 2;
  const cols = flat.length > 0 ? `; without variance: ${flat.join(', ')}` : '';
  if (skipped >= pairs) return `no item pair has a correlation in both samples${extra} (a column without variance, or fewer than 2 rows answered in both)${cols}`;
  return `${skipped} of ${pairs} item pairs left out: their correlation cannot be computed${extra}${cols}`;
}
