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

/**
 * Indices (file order) of the backstories that pass the query. The demographic and review filters run first
 * (typed arrays and a map lookup per backstory), so the text search tests only the backstories they keep.
 */
export function queryBackstories(
  file: BackstoryFile, search: TextSearch | undefined, demographics: DemographicTable | undefined,
  review: ReadonlyMap<string, ReviewEntry>, query: BackstoryQuery, signal?: AbortSignal,
): Uint32Array {
  const hasText = query.text.trim() !== '';
  if (hasText && !search) throw new Error('queryBackstories: a text query needs the search index (buildTextSearch)');
  const n = file.records.length;
  let keep: Uint32Array | undefined;
  const narrow = (test: (i: number) => boolean): void => {
    const from = keep;
    const m = from ? from.length : n;
    const out = new Uint32Array(m);
    let found = 0;
    for (let k = 0; k < m; k++) {
      const i = from ? (from[k] as number) : k;
      if (test(i)) out[found++] = i;
    }
    keep = out.slice(0, found);
  };
  for (const [name, codes] of Object.entries(query.demographics)) {
    const col = demographics?.columns.find((c) => c.name === name);
    if (!col || codes.length === 0) continue;
    const allowed = new Uint8Array(col.options + 2); // codes -1 … K, shifted by one
    for (const c of codes) if (c >= -1 && c <= col.options) allowed[c + 1] = 1;
    const inferred = col.inferred;
    narrow((i) => allowed[(inferred[i] as number) + 1] === 1);
  }
  if (query.review !== 'all') {
    const want = query.review;
    narrow((i) => {
      const e = review.get((file.records[i] as { id: string }).id);
      switch (want) {
        case 'included': return !e?.excluded;
        case 'excluded': return e?.excluded === true;
        case 'flagged': return e?.flagged === true;
        case 'noted': return (e?.note ?? '') !== '';
      }
    });
  }
  if (hasText) return (search as TextSearch).search(query.text, signal, keep);
  return keep ?? Uint32Array.from({ length: n }, (_, i) => i);
}
