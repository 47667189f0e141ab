/** Characters per haystack segment: well below V8's string length limit, and small enough to build fast. */
const SEGMENT_CHARS = 1 << 25;
/** Separates documents in a segment; stripped from queries so a match never spans two documents. */
const SEP = '\u0001';

interface Segment {
  readonly hay: string;
  /** Offset of each document in `hay`, plus the end. */
  readonly starts: Int32Array;
  /** Index of the segment's first document. */
  readonly first: number;
}

/**
 * Case-insensitive substring search over many documents: documents are lower-cased and joined into a few
 * large strings, so one term is one native `indexOf` scan per segment (V8 searches one-byte strings with
 * Boyer–Moore–Horspool), and every hit is mapped back to its document by binary search, skipping to the next
 * document after a hit. A query of several terms (whitespace-separated; `"quoted phrases"` stay whole) matches
 * the documents that contain every term.
 */
export class TextSearch {
  private readonly segments: Segment[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  private chars = 0;
  private first = 0;
  private count = 0;

  /** @param segmentChars characters per joined segment (tests use small ones to cross segment borders) */
  constructor(private readonly segmentChars = SEGMENT_CHARS) {}

  /** Adds the next document (documents are numbered 0, 1, … in the order they are added). */
  add(text: string): void {
    const lower = text.toLowerCase().replaceAll(SEP, ' ');
    if (this.chars > 0 && this.chars + lower.length > this.segmentChars) this.flush();
    this.starts.push(this.chars);
    this.parts.push(lower);
    this.chars += lower.length + 1;
    this.count++;
  }

  /** Number of documents added. */
  get size(): number {
    return this.count;
  }

  /** Ends adding: joins the last segment now rather than on the first search. */
  seal(): void {
    this.flush();
  }

  /** Indices (ascending) of the documents containing every term of `query`; every document for a blank query. */
  search(query: string, signal?: AbortSignal): Uint32Array {
    this.flush();
    const terms = parseQuery(query);
    if (terms.length === 0) return Uint32Array.from({ length: this.count }, (_, i) => i);
    // Longest term first: usually the rarest, so later intersections are small.
    terms.sort((a, b) => b.length - a.length);
    let result: Uint32Array | undefined;
    for (const term of terms) {
      signal?.throwIfAborted();
      const hits = this.searchTerm(term);
      result = result ? intersectSorted(result, hits) : hits;
      if (result.length === 0) break;
    }
    return result ?? new Uint32Array(0);
  }

  private searchTerm(term: string): Uint32Array {
    const out: number[] = [];
    for (const seg of this.segments) {
      const { hay, starts } = seg;
      let pos = 0;
      for (;;) {
        const at = hay.indexOf(term, pos);
        if (at < 0) break;
        const doc = upperBound(starts, at) - 1;
        out.push(seg.first + doc);
        pos = starts[doc + 1] ?? hay.length;
      }
    }
    return Uint32Array.from(out);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.starts.push(this.chars);
    this.segments.push({ hay: this.parts.join(SEP), starts: Int32Array.from(this.starts), first: this.first });
    this.first += this.parts.length;
    this.parts = [];
    this.starts = [];
    this.chars = 0;
  }
}

/** Lower-cased terms of a query: whitespace separates terms, double quotes keep a phrase together. */
export function parseQuery(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of query.toLowerCase().replaceAll(SEP, ' ').matchAll(re)) {
    const t = (m[1] ?? m[2] ?? '').trim();
    if (t !== '' && !terms.includes(t)) terms.push(t);
  }
  return terms;
}

/** First index whose value is greater than `x` (the arrays are ascending). */
function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The values present in both ascending arrays. */
export function intersectSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.slice(0, n);
}
