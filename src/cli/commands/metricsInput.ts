import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataError, numericColumns, parseCsvTable, type DataTable } from '../../core/data/index';
import { StatsError } from '../../core/stats/StatsError';
import type { AlphaScale, ItemMatrix } from '../../core/stats/types';
import { CliError, ExitCode } from '../cliError';

/** What `compare` and `bounds` share: item, scale, reverse and weight options. */
export interface MetricsCliOptions {
  readonly items: string;
  readonly weight?: string;
  readonly scale: string[];
  readonly reverse?: string;
  readonly json?: boolean;
}

/** The columns a metrics command reads, resolved from its options. */
export interface MetricsColumns {
  readonly items: readonly string[];
  /** items first, then columns only used by scales */
  readonly columns: readonly string[];
  readonly scales: AlphaScale[];
}

/** Commander collector for repeatable `--scale NAME=i1,-i2,...` (a leading '-' reverse-keys the item in that scale). */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Parses --items, --scale and --reverse into column names and alpha scales (indices into `columns`). */
export function resolveColumns(opts: MetricsCliOptions): MetricsColumns {
  const items = list(opts.items);
  if (items.length === 0) throw new CliError('--items needs at least one column name', ExitCode.badInput);
  if (new Set(items).size !== items.length) throw new CliError('--items lists a column twice', ExitCode.badInput);
  const columns = [...items];
  const reverse = new Set(list(opts.reverse ?? ''));
  const scales = opts.scale.map((spec) => {
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    const members = eq > 0 ? list(spec.slice(eq + 1)) : [];
    if (name === '' || members.length < 2) throw new CliError(`--scale "${spec}": expected NAME=item1,item2,... with at least 2 items`, ExitCode.badInput);
    // psych-style keys: a leading '-' marks an item reverse-keyed in this scale only
    const keyed = new Set<number>();
    const idx = members.map((raw) => {
      const m = raw.startsWith('-') ? raw.slice(1).trim() : raw;
      let i = columns.indexOf(m);
      if (i < 0) i = columns.push(m) - 1;
      if (raw.startsWith('-') || reverse.has(m)) keyed.add(i);
      return i;
    });
    if (new Set(idx).size !== idx.length) throw new CliError(`--scale "${spec}": an item appears twice`, ExitCode.badInput);
    return { name, items: idx, reverse: idx.filter((i) => keyed.has(i)) };
  });
  for (const r of reverse) {
    if (!columns.includes(r)) throw new CliError(`--reverse: "${r}" is not an item of any --scale`, ExitCode.badInput);
  }
  return { items, columns, scales };
}

/** A loaded data file: its table, numeric columns and optional weights. */
export interface LoadedSample {
  readonly file: string;
  readonly table: DataTable;
  readonly matrix: ItemMatrix;
  readonly weights?: Float64Array;
}

/**
 * Reads a CSV file and its numeric columns; every problem becomes a one-line CliError (exit 2) naming the file.
 * With `weightOptional`, a file without the weight column gets no weights instead of an error.
 */
export function loadSample(cwd: string, file: string, columns: readonly string[], weight: string | undefined, weightOptional = false): LoadedSample {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the file${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`, ExitCode.badInput);
  }
  return asCliError(() => {
    const table = parseCsvTable(text, { source: file });
    const matrix = numericColumns(table, columns);
    if (!weight || (weightOptional && !table.header.includes(weight))) return { file, table, matrix };
    const weights = numericColumns(table, [weight]).data;
    weights.forEach((w, r) => {
      if (!(w >= 0)) {
        throw new DataError('notNumeric', `${file}: line ${table.lines[r]}, column "${weight}": a weight must be a non-negative number`, file, table.lines[r], weight);
      }
    });
    return { file, table, matrix, weights };
  });
}

/** Runs `fn`, turning DataError and StatsError into a CliError with exit code 2. */
export function asCliError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (DataError.is(err) || StatsError.is(err)) throw new CliError(err.message, ExitCode.badInput);
    throw err;
  }
}

/** A number for the readable tables. */
export const fmt = (v: number): string => (Number.isNaN(v) ? 'NaN' : v.toFixed(6));
