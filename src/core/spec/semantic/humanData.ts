import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FileKind, SpecFileSystem } from '../specFileSystem';
import type { SemanticContext } from './semanticContext';
import { at, resolveSpecPath, str } from './specShape';

/** Per-column summary of a human-data CSV: what the data checks need, and no more. */
export interface ColumnSummary {
  /** Raw field text → number of rows with it. Stops growing at `MAX_DISTINCT` distinct values. */
  readonly counts: ReadonlyMap<string, number>;
  /** True when the column had more distinct values than were kept. */
  readonly truncated: boolean;
}

export interface HumanTable {
  readonly columns: readonly string[];
  readonly rows: number;
  readonly summary: ReadonlyMap<string, ColumnSummary>;
}

export type HumanDataResult =
  | { readonly kind: 'table'; readonly absPath: string; readonly table: HumanTable }
  | { readonly kind: 'missing'; readonly absPath: string }
  /** The path exists but is a folder, a named pipe, a device…: never opened. */
  | { readonly kind: 'not-a-file'; readonly absPath: string; readonly fileKind: FileKind | undefined }
  | { readonly kind: 'unsupported'; readonly absPath: string; readonly extension: string }
  | { readonly kind: 'unreadable'; readonly absPath: string; readonly reason: string };

/**
 * The human-data formats the checks and runs can read, by file extension (lower case). The one list to
 * extend when a reader for another format lands; `semantic/unsupported-format` names these in its message.
 */
export const HUMAN_DATA_FORMATS: readonly { readonly extension: string; readonly description: string; readonly delimiter?: string }[] = [
  { extension: '.csv', description: 'comma-separated values (or the spec\'s `delimiter`)' },
  { extension: '.tsv', description: 'tab-separated values', delimiter: '\t' },
  { extension: '.txt', description: 'delimited text (the spec\'s `delimiter`, default comma)' },
];

/** Distinct values kept per column (ids and weights have many; codes and demographics few). */
export const MAX_DISTINCT = 2000;

interface CacheEntry {
  readonly key: string;
  readonly result: HumanDataResult;
}

/** The last few summaries, keyed by path, mtime, size and delimiter, so each keystroke does not re-read a large CSV. */
const cache = new Map<string, CacheEntry>();
const CACHE_LIMIT = 8;

/** How many times a CSV was actually parsed (for tests of the cache). */
export const humanDataStats = { parses: 0 };

/** The human data the survey at `ctx` points to, or undefined when `human.data` is not a string. */
export function humanDataOf(ctx: SemanticContext): HumanDataResult | undefined {
  const written = str(at(ctx.spec.value, ['human', 'data']));
  if (written === undefined || written.trim() === '') return undefined;
  const delimiter = str(at(ctx.spec.value, ['human', 'delimiter'])) ?? ',';
  return loadHumanData(ctx.files, resolveSpecPath(ctx, written), delimiter);
}

export function loadHumanData(files: SpecFileSystem, absPath: string, delimiter = ','): HumanDataResult {
  const stat = files.stat(absPath);
  if (!stat) return { kind: 'missing', absPath };
  if (!stat.isFile) return { kind: 'not-a-file', absPath, fileKind: stat.kind };
  const extension = path.extname(absPath).toLowerCase();
  const format = HUMAN_DATA_FORMATS.find((f) => f.extension === extension);
  if (!format) return { kind: 'unsupported', absPath, extension };
  const key = `${stat.mtimeMs}:${stat.size}:${delimiter}`;
  const hit = cache.get(absPath);
  if (hit && hit.key === key) return hit.result;
  const result = readCsv(files, absPath, format.delimiter !== undefined && delimiter === ',' ? format.delimiter : delimiter);
  cache.delete(absPath);
  cache.set(absPath, { key, result });
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return result;
}

function readCsv(files: SpecFileSystem, absPath: string, delimiter: string): HumanDataResult {
  const text = files.readText(absPath);
  if (text === undefined) return { kind: 'unreadable', absPath, reason: 'the file could not be read' };
  humanDataStats.parses++;
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { kind: 'unreadable', absPath, reason };
  }
  const header = records[0];
  if (!header) return { kind: 'unreadable', absPath, reason: 'the file is empty (a header row is needed)' };
  const counts = header.map(() => new Map<string, number>());
  const truncated = header.map(() => false);
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    for (let c = 0; c < header.length; c++) {
      const v = row[c] ?? '';
      const m = counts[c]!;
      const n = m.get(v);
      if (n !== undefined) m.set(v, n + 1);
      else if (m.size < MAX_DISTINCT) m.set(v, 1);
      else truncated[c] = true;
    }
  }
  const summary = new Map<string, ColumnSummary>();
  header.forEach((name, c) => {
    if (!summary.has(name)) summary.set(name, { counts: counts[c]!, truncated: truncated[c]! });
  });
  return { kind: 'table', absPath, table: { columns: header, rows: records.length - 1, summary } };
}

/** Missing-value markers from `human.missing` (default: the empty field), as field text. */
export function missingMarkers(ctx: SemanticContext): Set<string> {
  const m = at(ctx.spec.value, ['human', 'missing']);
  if (!Array.isArray(m)) return new Set(['']);
  return new Set(m.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v)));
}
