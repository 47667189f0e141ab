import { parseDecimalText } from '../../data/parseDecimal';
import type { Table } from '../../data/tableTypes';

/** A census table as the one table reader gives it, every column as text (`readTable`/`parseTableText` with `text: 'all'`). */
type DataTable = Table;

/** The raw (trimmed) text of column `col`, data row `r`. */
function cell(table: DataTable, col: number, r: number): string {
  return table.text.get(table.header[col]!)?.[r] ?? '';
}

/** Why a census table cannot be used; `line` is the 1-based file line when one row is at fault. */
export class CensusTableError extends Error {
  constructor(
    readonly reason: 'missingColumn' | 'badWeight' | 'noWeight' | 'emptyTable',
    message: string,
    readonly source: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CensusTableError';
  }

  static is(err: unknown): err is CensusTableError {
    return err instanceof CensusTableError;
  }
}

/**
 * A joint distribution over `variables` (e.g. age × sex × race from ACS B01001): one category per variable
 * per row, and the row's weight (a count or a share; only ratios matter). A marginal is a joint table over
 * one variable. Tables are kept per region (`''` when the table has no `region` column).
 */
export interface JointTable {
  readonly source: string;
  readonly variables: readonly string[];
  readonly byRegion: ReadonlyMap<string, { readonly rows: readonly (readonly string[])[]; readonly weights: Float64Array }>;
}

function weightColumn(table: DataTable): number {
  const share = table.header.indexOf('share');
  const count = table.header.indexOf('count');
  if (share < 0 && count < 0) {
    throw new CensusTableError('noWeight', `${table.source}: no "share" or "count" column; add one holding each row's population share or count`, table.source);
  }
  return share >= 0 ? share : count;
}

function readWeight(table: DataTable, col: number, r: number): number {
  const raw = cell(table, col, r);
  const w = parseDecimalText(raw);
  if (!Number.isFinite(w) || w < 0 || raw.startsWith('-')) {
    throw new CensusTableError('badWeight', `${table.source}: line ${table.lines[r]!}: weight "${raw.slice(0, 40)}" is not a non-negative number`, table.source, table.lines[r]);
  }
  return w;
}

function addRow(map: Map<string, { rows: string[][]; weights: number[] }>, region: string, row: string[], w: number): void {
  let entry = map.get(region);
  if (!entry) map.set(region, (entry = { rows: [], weights: [] }));
  entry.rows.push(row);
  entry.weights.push(w);
}

function freeze(source: string, variables: string[], map: Map<string, { rows: string[][]; weights: number[] }>): JointTable {
  if (map.size === 0) throw new CensusTableError('emptyTable', `${source}: the table has no rows`, source);
  const byRegion = new Map<string, { rows: string[][]; weights: Float64Array }>();
  for (const [region, e] of map) byRegion.set(region, { rows: e.rows, weights: Float64Array.from(e.weights) });
  return { source, variables, byRegion };
}

/**
 * A joint table: one column per variable, `share` or `count`, optionally `region` (persona spec
 * `census.joint`). Every column other than `share`, `count` and `region` is a variable.
 */
export function jointTableOf(table: DataTable): JointTable {
  const wCol = weightColumn(table);
  const regionCol = table.header.indexOf('region');
  const varCols = table.header.map((_, i) => i).filter((i) => i !== wCol && i !== regionCol && !['share', 'count'].includes(table.header[i]!));
  if (varCols.length === 0) throw new CensusTableError('missingColumn', `${table.source}: no variable columns besides the weight`, table.source);
  const map = new Map<string, { rows: string[][]; weights: number[] }>();
  for (let r = 0; r < table.rows; r++) {
    const region = regionCol >= 0 ? cell(table, regionCol, r) : '';
    addRow(map, region, varCols.map((c) => cell(table, c, r)), readWeight(table, wCol, r));
  }
  return freeze(table.source, varCols.map((c) => table.header[c]!), map);
}

/**
 * Marginal tables from one long CSV with columns `variable`, `category`, `share` or `count`, optionally
 * `region` (persona spec `census.marginals`): one single-variable JointTable per variable, in first-seen order.
 */
export function marginalTablesOf(table: DataTable): JointTable[] {
  const vCol = table.header.indexOf('variable');
  const cCol = table.header.indexOf('category');
  for (const [col, name] of [[vCol, 'variable'], [cCol, 'category']] as const) {
    if (col < 0) throw new CensusTableError('missingColumn', `${table.source}: no "${name}" column (expected variable, category, share or count, and optionally region)`, table.source);
  }
  const wCol = weightColumn(table);
  const regionCol = table.header.indexOf('region');
  const perVariable = new Map<string, Map<string, { rows: string[][]; weights: number[] }>>();
  for (let r = 0; r < table.rows; r++) {
    const variable = cell(table, vCol, r);
    let map = perVariable.get(variable);
    if (!map) perVariable.set(variable, (map = new Map()));
    const region = regionCol >= 0 ? cell(table, regionCol, r) : '';
    addRow(map, region, [cell(table, cCol, r)], readWeight(table, wCol, r));
  }
  return [...perVariable].map(([variable, map]) => freeze(table.source, [variable], map));
}
