// Loads the real-data fixtures of test/fixtures/data/<name> (copied from /work/shared/data; see SOURCE.md there).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTableText, tableItemMatrix, type Table } from '../../../src/core/data/index';
import type { AlphaScale, ItemMatrix } from '../../../src/core/stats/types';

export const fixtureDir = (name: string): string => path.resolve(__dirname, '../../fixtures/data', name);

export interface ExpectedAlpha {
  readonly a: number;
  readonly b: number;
  readonly abs_diff: number;
  readonly a_listwise: number;
  readonly b_listwise: number;
  readonly abs_diff_listwise: number;
}
export interface ExpectedCross {
  readonly name: string;
  readonly a: { readonly column: string; readonly equals: string };
  readonly b: { readonly column: string; readonly equals: string };
  readonly metrics: Record<string, unknown> & {
    readonly n_a: number;
    readonly n_b: number;
    readonly wd_per_item: Record<string, number>;
    readonly wd_mean: number;
    readonly frobenius: number;
    readonly frobenius_upper: number;
    readonly wd_per_item_weighted?: Record<string, number>;
    readonly wd_mean_weighted?: number;
    readonly frobenius_weighted?: number;
    readonly frobenius_upper_weighted?: number;
    readonly alpha: Record<string, ExpectedAlpha>;
  };
}
export interface ExpectedSplit {
  readonly split: number;
  readonly wd_mean: number;
  readonly frobenius: number;
  readonly frobenius_upper: number;
  readonly alpha_a: Record<string, number>;
  readonly alpha_b: Record<string, number>;
  readonly alpha_abs_diff: Record<string, number>;
  readonly wd_per_item: Record<string, number>;
  readonly wd_mean_weighted?: number;
  readonly frobenius_weighted?: number;
}
export interface Expected {
  readonly dataset: string;
  readonly n_rows: number;
  readonly items: readonly string[];
  readonly weight_column: string | null;
  readonly alpha_sets: readonly { readonly name: string; readonly items: readonly string[]; readonly reverse: readonly string[] }[];
  readonly full_sample: {
    readonly n: number;
    readonly items: Record<string, { counts: Record<string, number>; n_missing: number; mean: number; sd_ddof1: number; weighted_proportions?: Record<string, number> }>;
    readonly corr_matrix: number[][];
    readonly corr_matrix_weighted?: number[][];
    readonly alpha: Record<string, { raw_alpha: number; listwise_alpha: number; n_complete: number }>;
  };
  readonly cross_group: readonly ExpectedCross[];
  readonly split_half: {
    readonly n_splits: number;
    readonly half_size: number;
    readonly mean: Record<string, unknown> & {
      readonly wd_mean: number;
      readonly frobenius: number;
      readonly frobenius_upper: number;
      readonly alpha_abs_diff: Record<string, number>;
      readonly wd_mean_weighted?: number;
      readonly frobenius_weighted?: number;
      readonly wd_per_item: Record<string, number>;
    };
    readonly sd_over_splits_ddof1: { readonly wd_mean: number; readonly frobenius: number };
    readonly per_split: readonly ExpectedSplit[];
  };
}

export interface ReferenceData {
  readonly name: string;
  readonly expected: Expected;
  readonly table: Table;
  /** The items as columns 0..k−1. */
  readonly matrix: ItemMatrix;
  readonly scales: AlphaScale[];
  readonly weights?: Float64Array;
  readonly splits: { a: number[]; b: number[] }[];
}

const cache = new Map<string, ReferenceData>();

/** Reads data.csv, expected.json and splits.json of one fixture data set. */
export function loadReference(name: string): ReferenceData {
  const hit = cache.get(name);
  if (hit) return hit;
  const dir = fixtureDir(name);
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  const numeric = [...expected.items, ...(expected.weight_column ? [expected.weight_column] : [])];
  const table = parseTableText(readFileSync(path.join(dir, 'data.csv')), { source: `${name}/data.csv`, columns: numeric, text: 'all' });
  const matrix = tableItemMatrix(table, expected.items);
  const scales = expected.alpha_sets.map((s) => ({
    name: s.name,
    items: s.items.map((i) => expected.items.indexOf(i)),
    reverse: s.reverse.map((i) => expected.items.indexOf(i)),
  }));
  const splits = (JSON.parse(readFileSync(path.join(dir, 'splits.json'), 'utf8')) as { splits: { a: number[]; b: number[] }[] }).splits;
  const weights = expected.weight_column ? table.columns.get(expected.weight_column) : undefined;
  const data: ReferenceData = { name, expected, table, matrix, scales, splits, ...(weights ? { weights } : {}) };
  cache.set(name, data);
  return data;
}

/** Row indices whose raw CSV field in `column` equals `equals` exactly (data/README.md §3.5). */
export function rowsWhere(table: Table, column: string, equals: string): Int32Array {
  const col = table.text.get(column)!;
  const rows: number[] = [];
  col.forEach((v, r) => {
    if (v === equals) rows.push(r);
  });
  return Int32Array.from(rows);
}

/** The rows of a matrix as a new matrix. */
export function takeRows(m: ItemMatrix, rows: ArrayLike<number>): ItemMatrix {
  const n = rows.length;
  const data = new Float64Array(n * m.nCols);
  for (let c = 0; c < m.nCols; c++) for (let r = 0; r < n; r++) data[c * n + r] = m.data[c * m.nRows + rows[r]!]!;
  return { nRows: n, nCols: m.nCols, data };
}

export const TOL = 1e-9;

/** |actual − expected| ≤ 1e-9 (absolute, or relative for large values), with a message naming the value. */
export function close(actual: number, expected: number, what: string, tol = TOL): void {
  const diff = Math.abs(actual - expected);
  if (!(diff <= tol || diff <= tol * Math.abs(expected))) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (diff ${diff.toExponential(2)} > ${tol})`);
  }
}
