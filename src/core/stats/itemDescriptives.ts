import { fsum } from './fsum';
import type { ItemMatrix } from './types';

/** Options of {@link itemDescriptives}. */
export interface ItemDescriptivesOptions {
  /** Columns to describe. @default all columns */
  readonly columns?: readonly number[];
  /** Survey weights per row, for `weightedProportions`. @default none */
  readonly weights?: ArrayLike<number>;
}

/** One item's answer distribution. */
export interface ItemDescriptive {
  /** Answers per code (keys are the codes as strings, ascending). */
  readonly counts: Readonly<Record<string, number>>;
  readonly nMissing: number;
  /** Mean of the answered codes. */
  readonly mean: number;
  /** Standard deviation, ddof 1 (two-pass). */
  readonly sdDdof1: number;
  /** Weighted share of each code among the answers (only with weights). */
  readonly weightedProportions?: Readonly<Record<string, number>>;
}

/**
 * Per-item descriptives as in expected.json → full_sample.items: counts per code, missing count, mean, sd (ddof 1),
 * and survey-weighted proportions (each code's weight sum over the answered rows' weight sum).
 */
export function itemDescriptives(matrix: ItemMatrix, options: ItemDescriptivesOptions = {}): ItemDescriptive[] {
  const columns = options.columns ?? Array.from({ length: matrix.nCols }, (_, j) => j);
  const { weights } = options;
  return columns.map((c) => {
    const values: number[] = [];
    const count = new Map<number, number>();
    const wsum = new Map<number, number[]>();
    const allWeights: number[] = [];
    for (let r = 0; r < matrix.nRows; r++) {
      const v = matrix.data[c * matrix.nRows + r]!;
      if (Number.isNaN(v)) continue;
      values.push(v);
      count.set(v, (count.get(v) ?? 0) + 1);
      if (weights) {
        const list = wsum.get(v) ?? [];
        list.push(weights[r]!);
        wsum.set(v, list);
        allWeights.push(weights[r]!);
      }
    }
    const n = values.length;
    const mean = n > 0 ? fsum(values) / n : NaN;
    const sdDdof1 = n > 1 ? Math.sqrt(fsum(values.map((v) => (v - mean) * (v - mean))) / (n - 1)) : NaN;
    const codes = [...count.keys()].sort((a, b) => a - b);
    const counts: Record<string, number> = {};
    for (const code of codes) counts[String(code)] = count.get(code)!;
    const base = { counts, nMissing: matrix.nRows - n, mean, sdDdof1 };
    if (!weights) return base;
    const total = fsum(allWeights);
    const weightedProportions: Record<string, number> = {};
    for (const code of codes) weightedProportions[String(code)] = fsum(wsum.get(code)!) / total;
    return { ...base, weightedProportions };
  });
}
