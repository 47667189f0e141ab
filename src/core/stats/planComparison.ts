import { StatsError } from './StatsError';
import type { AlphaScale } from './types';

/** Which columns feed which metric, resolved once for a comparison or a split-half run. */
export interface ComparisonPlan {
  /** Matrix columns of the distribution items (WD, correlations). */
  readonly items: readonly number[];
  /** Alpha scales, in matrix column indices. */
  readonly scales: readonly AlphaScale[];
  /** Matrix columns of the unweighted moments: the items, then any scale-only columns. */
  readonly momentColumns: readonly number[];
  /** Per scale: positions of its items and reverse items within `momentColumns`. */
  readonly scalePositions: readonly { readonly items: readonly number[]; readonly reverse: readonly number[] }[];
}

/** Options of {@link planComparison}. */
export interface PlanComparisonOptions {
  /** Columns of the distribution items. @default all columns */
  readonly items?: readonly number[];
  /** Alpha scales. @default none */
  readonly scales?: readonly AlphaScale[];
}

/**
 * Resolves items and scales into one column list, so one pass of pairwise moments serves the correlations
 * (data/README.md §3.2) and every scale's alpha (§3.3).
 * @throws StatsError `unknownColumn` / `invalidOption`
 */
export function planComparison(nCols: number, options: PlanComparisonOptions = {}): ComparisonPlan {
  const items = options.items ?? Array.from({ length: nCols }, (_, j) => j);
  const scales = options.scales ?? [];
  const check = (c: number): void => {
    if (!Number.isInteger(c) || c < 0 || c >= nCols) throw new StatsError('unknownColumn', `column index ${c} is outside 0..${nCols - 1}`);
  };
  if (items.length === 0) throw new StatsError('invalidOption', 'no items to compare');
  items.forEach(check);
  const momentColumns = [...items];
  const position = new Map<number, number>();
  items.forEach((c, i) => position.set(c, i));
  const scalePositions = scales.map((s) => {
    s.items.forEach(check);
    for (const r of s.reverse) {
      if (!s.items.includes(r)) throw new StatsError('invalidOption', `scale ${s.name}: reverse-keyed column ${r} is not one of its items`);
    }
    const pos = (c: number): number => {
      let p = position.get(c);
      if (p === undefined) {
        p = momentColumns.length;
        momentColumns.push(c);
        position.set(c, p);
      }
      return p;
    };
    return { items: s.items.map(pos), reverse: s.reverse.map(pos) };
  });
  return { items, scales, momentColumns, scalePositions };
}
