import type { LlmErrorReason } from '../llm/llmError';
import { readJournal, type JournalReadStats } from './readJournal';

/** What a journal says about a run so far: which requests have an answer and which failed. */
export interface ResumeState {
  /** Ids with an answer; a resumed run skips these and only these. */
  readonly answered: Set<string>;
  /** Ids whose last outcome is a failure (they are issued again on resume). */
  readonly failed: Map<string, LlmErrorReason>;
  readonly stats: JournalReadStats;
}

/** Reads a journal (tolerating a torn last line) into the set of answered ids. */
export async function loadResumeState(journalPath: string): Promise<ResumeState> {
  const answered = new Set<string>();
  const failed = new Map<string, LlmErrorReason>();
  const stats: JournalReadStats = { lines: 0, skipped: 0 };
  for await (const record of readJournal(journalPath, stats)) {
    if (record.t === 'answer') {
      answered.add(record.id);
      failed.delete(record.id);
    } else if (record.t === 'failure' && !answered.has(record.id)) {
      failed.set(record.id, record.reason);
    }
  }
  return { answered, failed, stats };
}
