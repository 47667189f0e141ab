import type { MethodMetrics } from '../analysis/analysisReport';

type Intervals = NonNullable<MethodMetrics['intervals']>;

/** The distances whose bootstrap interval a note can explain, with their display names. */
const DISTANCES = [['wd_mean', 'WD mean'], ['frobenius', 'Frobenius']] as const;

const fixed = (v: number): string => v.toFixed(4);
const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(4)}`;

/**
 * How a method's intervals were computed, for a reader: e.g. `bootstrap percentile, 95 %, 200 resamples (seed 3)`.
 * Read from analysis.json's `intervals` (kind, level, resamples, seed); analyses written before `kind` existed are
 * percentile intervals too (the only kind ever written).
 */
export function intervalLabel(iv: Intervals): string {
  const level = Number((iv.level * 100).toFixed(2));
  return `bootstrap ${iv.kind ?? 'percentile'}, ${level} %, ${iv.resamples} resamples${iv.seed === undefined ? '' : ` (seed ${iv.seed})`}`;
}

/**
 * One line for a method whose analysis carries an `intervals_note` (the estimate of a distance lies below its
 * percentile interval; see `distanceNote`): which estimate lies below which interval, and that the interval lies above
 * the estimate by about the bootstrap bias — every number read from analysis.json (`wd_mean`, `frobenius`,
 * `intervals`, `intervals.bias`), none recomputed. Undefined without a note or intervals.
 */
export function intervalNoteLine(name: string, m: Pick<MethodMetrics, 'wd_mean' | 'frobenius' | 'intervals'>, note: string | undefined): string | undefined {
  const iv = m.intervals;
  if (note === undefined || !iv) return undefined;
  const parts: string[] = [];
  const biases: string[] = [];
  for (const [key, label] of DISTANCES) {
    const estimate = m[key];
    const interval = iv[key];
    if (estimate === null || !interval || !(estimate < interval[0])) continue;
    parts.push(`${label} ${fixed(estimate)} < [${fixed(interval[0])}, ${fixed(interval[1])}]`);
    const bias = iv.bias?.[key];
    if (bias !== null && bias !== undefined) biases.push(`${label} ${signed(bias)}`);
  }
  if (parts.length === 0) return undefined;
  const by = biases.length > 0 ? `by about the bootstrap bias (${biases.join(', ')})` : 'by about the bootstrap bias';
  return `${name}: ${parts.join('; ')} — the interval lies above the estimate ${by}: resampling adds sampling noise to both samples, so it shows the spread between samples of these sizes, not a range for the distance between the populations; compare the estimate with the human split-half bound`;
}
