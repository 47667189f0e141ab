import type { Command } from 'commander';
import path from 'node:path';
import { DataError, readTable, tableItemMatrix, type TableProgress } from '../../core/data/index';
import { overflowColumn } from '../../core/stats/overflowColumn';
import { StatsError } from '../../core/stats/StatsError';
import type { AlphaScale, ItemMatrix } from '../../core/stats/types';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { progressLine } from '../progressLine';

/** What `compare` and `bounds` share: item, scale, reverse and weight options. */
export interface MetricsCliOptions {
  readonly items: string;
  readonly weight?: string;
  readonly scale: string[];
  readonly reverse?: string;
  readonly json?: boolean;
  readonly missing?: string;
  readonly delimiter?: string;
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

/** Adds the reading options every data command shares: --missing and --delimiter. */
export function addReadOptions(command: Command): Command {
  return command
    .option('--missing <list>', 'comma-separated missing-value codes besides the empty field, e.g. NA,-99 (data rules: src/core/data/README.md)')
    .option('--delimiter <char>', 'field separator (default: detected from the header line; tab for .tsv)');
}

/** The read options of {@link addReadOptions}, with progress on stderr unless --json. */
export function readOptions(opts: MetricsCliOptions, ctx: CliContext): LoadSampleOptions {
  return {
    ...(opts.weight ? { weight: opts.weight } : {}),
    ...(opts.missing ? { missing: list(opts.missing) } : {}),
    ...(opts.delimiter ? { delimiter: opts.delimiter === '\\t' ? '\t' : opts.delimiter } : {}),
    signal: ctx.signal,
    err: (text) => ctx.err(text),
  };
}

/** A loaded data file: its table, numeric columns and optional weights. */
export interface LoadedSample {
  readonly file: string;
  readonly matrix: ItemMatrix;
  readonly weights?: Float64Array;
}

/** How `compare` and `bounds` read their files. */
export interface LoadSampleOptions {
  readonly weight?: string;
  /** A file without the weight column gets no weights instead of an error. */
  readonly weightOptional?: boolean;
  readonly missing?: readonly string[];
  readonly delimiter?: string;
  readonly signal?: AbortSignal;
  /** stderr, for progress on reads longer than a second */
  readonly err?: (text: string) => void;
}

/**
 * Reads the columns of a data file with the product's one reader (src/core/data); every problem becomes a one-line
 * CliError (exit 2) naming the file.
 */
export async function loadSample(cwd: string, file: string, columns: readonly string[], options: LoadSampleOptions = {}): Promise<LoadedSample> {
  const { weight } = options;
  const progress = options.err ? progressLine(options.err, file) : undefined;
  const table = await asCliErrorAsync(() =>
    readTable(path.resolve(cwd, file), {
      source: file,
      columns,
      ...(weight ? (options.weightOptional ? { optionalColumns: [weight] } : { columns: [...columns, weight] }) : {}),
      ...(options.missing ? { missing: options.missing } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(progress ? { onProgress: (p: TableProgress) => progress.update(p.rows, 0, 'rows', `${file}: ${Math.floor((100 * p.bytesRead) / (p.totalBytes || 1))}%`) } : {}),
    }),
  );
  return asCliError(() => {
    if (table.rows < 2) {
      throw new DataError('tooFewRows', `${file}: ${table.rows} data row${table.rows === 1 ? '' : 's'}, at least 2 needed`, file);
    }
    const matrix = tableItemMatrix(table, columns);
    const weights = weight ? table.columns.get(weight) : undefined;
    const big = overflowColumn(matrix, weights);
    if (big !== undefined) {
      const name = big === 'weights' ? weight! : columns[big]!;
      throw new CliError(`${file}: column "${name}" holds values so large that the sums behind the metrics would overflow double precision (n · value² must stay below 1e300); rescale the column`, ExitCode.badInput);
    }
    if (!weight || !weights) return { file, matrix };
    for (let r = 0; r < weights.length; r++) {
      const w = weights[r]!;
      if (!(w >= 0)) {
        const line = table.lines[r]!;
        throw new DataError('notNumeric', `${file}: line ${line}, column "${weight}": a weight must be a non-negative number${Number.isNaN(w) ? ' (it is missing)' : ''}`, file, line, weight);
      }
    }
    if (!weights.some((w) => w > 0)) {
      throw new CliError(`${file}: column "${weight}": every weight is 0, so the weighted metrics would weigh nothing; fix the weights or leave out --weight`, ExitCode.badInput);
    }
    return { file, matrix, weights };
  });
}

/** {@link asCliError} for a promise. */
export async function asCliErrorAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (DataError.is(err) || StatsError.is(err)) throw new CliError(err.message, ExitCode.badInput);
    throw err;
  }
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

