import type { SampleComparison } from './comparisonTypes';
import { compareSamples, type CompareSamplesOptions } from './compareSamples';
import { selectRows } from './selectRows';
import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';

/** Options of {@link subgroupComparisons}. */
export interface SubgroupComparisonsOptions extends CompareSamplesOptions {
  /** Fewest rows a group needs on each side to be compared. @default 2 */
  readonly minRows?: number;
}

/** One demographic group's comparison. */
export interface SubgroupComparison {
  readonly group: string;
  readonly comparison: SampleComparison;
}

/**
 * Subgroup breakdown by any demographic column: for every group label present in both samples with at least `minRows`
 * rows on each side, all metrics between A's and B's rows of that group (labels compared as exact strings, as the
 * cross-group check of data/README.md §3.5). Groups come back sorted by label.
 * @param groupsA the demographic label of each row of A
 * @param groupsB the demographic label of each row of B
 * @throws StatsError `shapeMismatch` when a label list does not match its sample
 */
export function subgroupComparisons(
  a: ItemMatrix, b: ItemMatrix, groupsA: readonly string[], groupsB: readonly string[], options: SubgroupComparisonsOptions = {},
): SubgroupComparison[] {
  if (groupsA.length !== a.nRows || groupsB.length !== b.nRows) {
    throw new StatsError('shapeMismatch', `group labels (${groupsA.length}, ${groupsB.length}) do not match the rows (${a.nRows}, ${b.nRows})`);
  }
  const minRows = Math.max(2, options.minRows ?? 2);
  const index = (labels: readonly string[]): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    labels.forEach((g, r) => {
      const list = m.get(g);
      if (list) list.push(r);
      else m.set(g, [r]);
    });
    return m;
  };
  const byA = index(groupsA);
  const byB = index(groupsB);
  const out: SubgroupComparison[] = [];
  for (const group of [...byA.keys()].sort()) {
    const ra = byA.get(group)!;
    const rb = byB.get(group);
    if (!rb || ra.length < minRows || rb.length < minRows) continue;
    const pick = (w: ArrayLike<number> | undefined, rows: number[]): Float64Array | undefined => (w ? Float64Array.from(rows, (r) => w[r]!) : undefined);
    const wA = pick(options.weightsA, ra);
    const wB = pick(options.weightsB, rb);
    const comparison = compareSamples(selectRows(a, ra), selectRows(b, rb), {
      ...(options.items ? { items: options.items } : {}),
      ...(options.scales ? { scales: options.scales } : {}),
      ...(wA ? { weightsA: wA } : {}),
      ...(wB ? { weightsB: wB } : {}),
    });
    out.push({ group, comparison });
  }
  return out;
}
