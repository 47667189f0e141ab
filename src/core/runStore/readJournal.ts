import * as fs from 'node:fs';
import type { JournalRecord } from './journalRecord';

export interface JournalReadStats {
  lines: number;
  /** Lines that were not valid JSON records (a torn last line after a crash, or damage). */
  skipped: number;
}

/**
 * Streams the records of a journal without loading the file. A torn or damaged line is skipped and counted
 * in `stats`; a missing file yields nothing.
 */
export async function* readJournal(path: string, stats: JournalReadStats = { lines: 0, skipped: 0 }): AsyncGenerator<JournalRecord> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(path);
    stream = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  } catch {
    return;
  }
  let rest = '';
  const parse = (line: string): JournalRecord | undefined => {
    if (line.trim() === '') return undefined;
    stats.lines++;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && typeof (value as { t?: unknown }).t === 'string') return value as JournalRecord;
    } catch {
      // torn or damaged line: counted below
    }
    stats.skipped++;
    return undefined;
  };
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const record = parse(line);
      if (record !== undefined) yield record;
    }
  }
  const record = parse(rest);
  if (record !== undefined) yield record;
}
