import type { BackstoryFile } from './backstoryFile';
import type { DemographicTable } from './demographicTable';
import type { ReviewEntry } from './reviewSidecar';
import type { TextSearch } from './textSearch';

export type ReviewFilter = 'all' | 'included' | 'excluded' | 'flagged' | 'noted';

/** What the review list shows: a text query, allowed inferred codes per demographic variable, a review state. */
export interface BackstoryQuery {
  readonly text: string;
  /** Variable name → the inferred codes to keep (option indices, K for non-compliant, -1 for missing). */
  readonly demographics: Readonly<Record<string, readonly number[]>>;
  readonly review: ReviewFilter;
}

/** Indices (file order) of the backstories that pass the query. */
export function queryBackstories(
  file: BackstoryFile, search: TextSearch | undefined, demographics: DemographicTable | undefined,
  review: ReadonlyMap<string, ReviewEntry>, query: BackstoryQuery, signal?: AbortSignal,
): Uint32Array {
  if (query.text.trim() !== '' && !search) throw new Error('queryBackstories: a text query needs the search index (buildTextSearch)');
  let hits = search && query.text.trim() !== '' ? search.search(query.text, signal) : Uint32Array.from({ length: file.records.length }, (_, i) => i);
  const tests: Array<(i: number) => boolean> = [];
  for (const [name, codes] of Object.entries(query.demographics)) {
    const col = demographics?.columns.find((c) => c.name === name);
    if (!col || codes.length === 0) continue;
    const allowed = new Set(codes);
    tests.push((i) => allowed.has(col.inferred[i] as number));
  }
  if (query.review !== 'all') {
    const want = query.review;
    tests.push((i) => {
      const e = review.get((file.records[i] as { id: string }).id);
      switch (want) {
        case 'included': return !e?.excluded;
        case 'excluded': return e?.excluded === true;
        case 'flagged': return e?.flagged === true;
        case 'noted': return (e?.note ?? '') !== '';
      }
    });
  }
  if (tests.length === 0) return hits;
  const out = new Uint32Array(hits.length);
  let n = 0;
  for (let k = 0; k < hits.length; k++) {
    const i = hits[k] as number;
    if (tests.every((t) => t(i))) out[n++] = i;
  }
  hits = out.slice(0, n);
  return hits;
}
