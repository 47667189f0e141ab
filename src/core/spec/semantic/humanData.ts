import path from 'node:path';
import { DataError, missingCodes, parseTableText, type MissingCodes, type ValueCounts } from '../../data/index';
import { openSav, openSavBytes, savTable } from '../../data/sav/index';
import type { FileKind, SpecFileSystem } from '../specFileSystem';
import type { SemanticContext } from './semanticContext';
import { at, resolveSpecPath, str } from './specShape';

/** Per-column summary of a human-data CSV (trimmed field text → rows, up to `MAX_DISTINCT` values): what the data checks need. */
export type ColumnSummary = ValueCounts;

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
export const HUMAN_DATA_FORMATS: readonly { readonly extension: string; readonly description: string; readonly delimiter?: string; readonly binary?: boolean }[] = [
  { extension: '.csv', description: 'comma-separated values (or the spec\'s `delimiter`)' },
  { extension: '.tsv', description: 'tab-separated values', delimiter: '\t' },
  { extension: '.txt', description: 'delimited text (the spec\'s `delimiter`, default comma)' },
  { extension: '.sav', description: 'an SPSS system file (user-missing values read as missing)', binary: true },
  { extension: '.zsav', description: 'a zlib-compressed SPSS system file', binary: true },
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
  const delimiter = str(at(ctx.spec.value, ['human', 'delimiter']));
  return loadHumanData(ctx.files, resolveSpecPath(ctx, written), delimiter);
}

/**
 * Reads the human data with the product's one table reader (src/core/data), so a spec that validates reads its data
 * exactly as `compare`, `bounds` and the pipelines will. Without a `delimiter` (the spec's `human.delimiter`) it is
 * the schema's default, ",", or a tab for a .tsv file; 'auto' detects it as `compare` does for a bare file.
 */
export function loadHumanData(files: SpecFileSystem, absPath: string, delimiter?: string): HumanDataResult {
  const stat = files.stat(absPath);
  if (!stat) return { kind: 'missing', absPath };
  if (!stat.isFile) return { kind: 'not-a-file', absPath, fileKind: stat.kind };
  const extension = path.extname(absPath).toLowerCase();
  const format = HUMAN_DATA_FORMATS.find((f) => f.extension === extension);
  if (!format) return { kind: 'unsupported', absPath, extension };
  const sav = format.binary === true;
  const sep = delimiter ?? format.delimiter ?? ',';
  const key = `${stat.mtimeMs}:${stat.size}:${sep}`;
  const hit = cache.get(absPath);
  if (hit && hit.key === key) return hit.result;
  const result = sav ? readSav(files, absPath) : readCsv(files, absPath, extension, sep);
  cache.delete(absPath);
  cache.set(absPath, { key, result });
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return result;
}

function readCsv(files: SpecFileSystem, absPath: string, extension: string, delimiter: string): HumanDataResult {
  const text = files.readText(absPath);
  if (text === undefined) return { kind: 'unreadable', absPath, reason: 'the file could not be read' };
  humanDataStats.parses++;
  try {
    const t = parseTableText(text, { source: path.basename(absPath), delimiter, counts: 'all', maxDistinct: MAX_DISTINCT }, extension);
    return { kind: 'table', absPath, table: { columns: t.header, rows: t.rows, summary: t.counts } };
  } catch (e) {
    if (!DataError.is(e)) throw e;
    return { kind: 'unreadable', absPath, reason: e.message };
  }
}

/**
 * An SPSS system file: variable names are the columns; values are counted as the metrics read them (system-missing and
 * the file's declared user-missing values are the empty field). Read through `files.readBytes` when the file system has
 * it, else streamed from disk.
 */
function readSav(files: SpecFileSystem, absPath: string): HumanDataResult {
  humanDataStats.parses++;
  const source = path.basename(absPath);
  try {
    const bytes = files.readBytes?.(absPath);
    const file = files.readBytes ? (bytes ? openSavBytes(bytes, source) : undefined) : openSav(absPath, { source });
    if (!file) return { kind: 'unreadable', absPath, reason: 'the file could not be read' };
    const t = savTable(file, { source, counts: 'all', maxDistinct: MAX_DISTINCT });
    return { kind: 'table', absPath, table: { columns: t.header, rows: t.rows, summary: t.counts } };
  } catch (e) {
    if (DataError.is(e)) return { kind: 'unreadable', absPath, reason: e.message };
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) return { kind: 'unreadable', absPath, reason: `the file could not be read (${code})` };
    throw e;
  }
}

/** Missing-value codes from `human.missing` (the empty field is always missing), compiled as the table reader uses them. */
export function missingMarkers(ctx: SemanticContext): MissingCodes {
  const m = at(ctx.spec.value, ['human', 'missing']);
  return missingCodes(Array.isArray(m) ? m.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : []);
}
