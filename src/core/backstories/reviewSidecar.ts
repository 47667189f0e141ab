import { promises as fs } from 'node:fs';
import type { BackstoryReview } from '../pipelines/backstories/backstoryRecord';
import { writeFileAtomic } from '../runStore/writeFileAtomic';

/** The user's decision on one backstory. An entry with nothing set is no entry. */
export interface ReviewEntry {
  readonly excluded?: boolean;
  readonly flagged?: boolean;
  readonly note?: string;
  readonly updatedAt: string;
}

/** Why a review file could not be used. */
export class ReviewError extends Error {
  constructor(readonly reason: 'corrupt' | 'io', message: string) {
    super(message);
    this.name = 'ReviewError';
  }

  static is(err: unknown): err is ReviewError {
    return err instanceof ReviewError;
  }
}

/** `<backstories file>.review.json`, beside the file, so generation (which rewrites the file) never touches it. */
export const reviewPathOf = (backstoriesPath: string): string => `${backstoriesPath}.review.json`;

const isEntry = (v: unknown): v is ReviewEntry => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  return (e.excluded === undefined || typeof e.excluded === 'boolean')
    && (e.flagged === undefined || typeof e.flagged === 'boolean')
    && (e.note === undefined || typeof e.note === 'string')
    && typeof e.updatedAt === 'string';
};

/** Parses a review file's text; throws a ReviewError (`corrupt`) saying what is wrong. */
export function parseReview(text: string, where: string): Map<string, ReviewEntry> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new ReviewError('corrupt', `${where} is not valid JSON (${err instanceof Error ? err.message : String(err)}); fix it or move it away to start a new review.`);
  }
  const r = v as Partial<BackstoryReview> | null;
  if (typeof r !== 'object' || r === null || r.version !== 1 || typeof r.entries !== 'object' || r.entries === null) {
    throw new ReviewError('corrupt', `${where} is not a review file (expected {"version": 1, "entries": {…}}); fix it or move it away to start a new review.`);
  }
  const entries = new Map<string, ReviewEntry>();
  for (const [id, e] of Object.entries(r.entries)) {
    if (!isEntry(e)) throw new ReviewError('corrupt', `${where}: the entry of "${id}" is malformed (excluded/flagged booleans, note a string, updatedAt required).`);
    entries.set(id, e);
  }
  return entries;
}

/** Reads a review file; a missing file is an empty review. */
export async function readReview(filePath: string): Promise<Map<string, ReviewEntry>> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ReviewError('io', `Could not read ${filePath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseReview(text, filePath);
}

/** The review file's text: entries sorted by id, so the file diffs well. */
export function serializeReview(entries: ReadonlyMap<string, ReviewEntry>): string {
  const sorted: Record<string, ReviewEntry> = {};
  for (const id of [...entries.keys()].sort()) {
    const e = entries.get(id) as ReviewEntry;
    sorted[id] = {
      ...(e.excluded ? { excluded: true } : {}),
      ...(e.flagged ? { flagged: true } : {}),
      ...(e.note ? { note: e.note } : {}),
      updatedAt: e.updatedAt,
    };
  }
  const review: BackstoryReview = { version: 1, entries: sorted };
  return `${JSON.stringify(review, null, 2)}\n`;
}

/** Writes a review file atomically (temp file + rename). */
export async function writeReview(filePath: string, entries: ReadonlyMap<string, ReviewEntry>): Promise<void> {
  await writeFileAtomic(filePath, serializeReview(entries));
}

/** True when an entry records nothing (it is then dropped). */
export const isEmptyEntry = (e: ReviewEntry | undefined): boolean => !e || (!e.excluded && !e.flagged && !e.note);

/** One change of one backstory's review: applying `after` does it, applying `before` undoes it. */
export interface ReviewEdit {
  readonly id: string;
  readonly before: ReviewEntry | undefined;
  readonly after: ReviewEntry | undefined;
}

/**
 * The edit that sets some fields of one backstory's review (the others keep their value). Returns undefined
 * when nothing would change.
 */
export function makeReviewEdit(
  entries: ReadonlyMap<string, ReviewEntry>, id: string,
  change: { excluded?: boolean; flagged?: boolean; note?: string }, now: string,
): ReviewEdit | undefined {
  const before = entries.get(id);
  const excluded = change.excluded ?? before?.excluded ?? false;
  const flagged = change.flagged ?? before?.flagged ?? false;
  const note = (change.note ?? before?.note ?? '').trim();
  if (excluded === (before?.excluded ?? false) && flagged === (before?.flagged ?? false) && note === (before?.note ?? '')) return undefined;
  const next: ReviewEntry = { ...(excluded ? { excluded } : {}), ...(flagged ? { flagged } : {}), ...(note ? { note } : {}), updatedAt: now };
  return { id, before, after: isEmptyEntry(next) ? undefined : next };
}

/** Sets one backstory's entry (undefined removes it). */
export function applyReviewEntry(entries: Map<string, ReviewEntry>, id: string, entry: ReviewEntry | undefined): void {
  if (isEmptyEntry(entry)) entries.delete(id);
  else entries.set(id, entry as ReviewEntry);
}
