import type { BackstoryRecord } from '../pipelines/backstories/backstoryRecord';
import { readJsonLines } from './readJsonLines';
import { TextSearch } from './textSearch';

/** A line of a JSON Lines file that was skipped, and why (shown to the user with its line number). */
export interface LineProblem {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
  /** The start of the line, for recognising it. */
  readonly excerpt: string;
}

/** At most this many problems are kept; `problemCount` has the total. */
export const MAX_PROBLEMS = 1000;

/** A `*.backstories.jsonl` file read and indexed: its records in file order, their lines, a search index. */
export interface BackstoryFile {
  readonly path: string;
  readonly records: readonly BackstoryRecord[];
  /** 1-based line of each record. */
  readonly lines: Uint32Array;
  readonly byId: ReadonlyMap<string, number>;
  /** Lines that are not a backstory record (bad JSON, missing id or text, duplicate id), the first MAX_PROBLEMS. */
  readonly problems: readonly LineProblem[];
  readonly problemCount: number;
}

/**
 * Reads a backstories file line by line (streaming; never the whole file at once) and indexes it. Lines that
 * are not a usable record are skipped and reported with their line numbers; a record is usable when it is
 * an object with a string `id` (unique in the file) and a string `text`.
 */
export async function readBackstoryFile(filePath: string, signal?: AbortSignal): Promise<BackstoryFile> {
  const records: BackstoryRecord[] = [];
  const lines: number[] = [];
  const byId = new Map<string, number>();
  const problems: LineProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, reason: string, text: string): void => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason, excerpt: text.length > 80 ? `${text.slice(0, 80)}…` : text });
  };
  await readJsonLines(filePath, (l) => {
    if (!l.ok) return problem(l.line, `not valid JSON: ${l.reason}`, l.text);
    const why = recordProblem(l.value);
    if (why) return problem(l.line, why, l.text);
    const rec = l.value as BackstoryRecord;
    const earlier = byId.get(rec.id);
    if (earlier !== undefined) return problem(l.line, `duplicate id "${rec.id}" (first on line ${lines[earlier] ?? '?'})`, l.text);
    byId.set(rec.id, records.length);
    records.push(rec);
    lines.push(l.line);
  }, signal);
  return { path: filePath, records, lines: Uint32Array.from(lines), byId, problems, problemCount };
}

function recordProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id === '') return 'no string "id"';
  if (typeof o.text !== 'string') return `"${o.id}": no string "text"`;
  return undefined;
}

/**
 * Builds the full-text index of a file's backstories (id and text), yielding to the event loop every few
 * thousand records so an editor stays responsive while it is built after the list has opened.
 */
export async function buildTextSearch(file: BackstoryFile, signal?: AbortSignal): Promise<TextSearch> {
  const search = new TextSearch();
  const { records } = file;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as BackstoryRecord;
    search.add(`${r.id}\n${r.text}`);
    if (i % 10_000 === 9_999) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }
  search.seal();
  return search;
}
