import { parseReview, ReviewError, type ReviewEntry } from '../../backstories/reviewSidecar';
import { PipelineError } from '../shared/pipelineError';
import type { BackstoryRecord } from './backstoryRecord';

/** The records of a `*.backstories.jsonl` text; a line that is not a record is bad input, named by its line number. */
export function parseBackstoriesJsonl(text: string, path: string): BackstoryRecord[] {
  const out: BackstoryRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new PipelineError('input', `${path}:${i + 1}: not a JSON line; fix or delete the line`);
    }
    const r = value as Partial<BackstoryRecord>;
    if (typeof r.id !== 'string' || typeof r.text !== 'string') throw new PipelineError('input', `${path}:${i + 1}: a backstory needs a string "id" and "text"`);
    out.push(value as BackstoryRecord);
  });
  return out;
}

/**
 * Ids the review sidecar excludes (a missing or empty sidecar excludes nothing). Read with the review editor's
 * own parser, so the pipeline honours exactly the files the editor writes and refuses the ones it refuses.
 */
export function excludedIds(reviewText: string | undefined, path: string): Set<string> {
  if (reviewText === undefined || reviewText.trim() === '') return new Set();
  let entries: Map<string, ReviewEntry>;
  try {
    entries = parseReview(reviewText, path);
  } catch (err) {
    if (ReviewError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
  return new Set([...entries].filter(([, e]) => e.excluded === true).map(([id]) => id));
}
