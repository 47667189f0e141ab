/** Bits per document in the trigram signature (a Bloom filter with one hash per trigram). */
const SIG_BITS = 2048;
const SIG_WORDS = SIG_BITS / 32;

/** Hash of the trigram ending at `i` (three UTF-16 code units), folded to a bit index of the signature. */
function trigramBit(s: string, i: number): number {
  const h = Math.imul(Math.imul(s.charCodeAt(i - 2), 0x9e3779b1) ^ Math.imul(s.charCodeAt(i - 1), 0x85ebca6b) ^ s.charCodeAt(i), 0xc2b2ae35);
  return (h ^ (h >>> 15)) & (SIG_BITS - 1);
}

/**
 * Case-insensitive substring search over many documents. Each document is kept lower-cased with a 2,048-bit
 * signature of its character trigrams (a Bloom filter). A term is looked for only in the documents whose
 * signature holds all of the term's trigrams (for a term of 8+ characters, typically a small fraction), and
 * confirmed there with a native `includes`, so results are exact: a signature can only say "maybe". A query
 * of several terms (whitespace-separated; `"quoted phrases"` stay whole) matches the documents that contain
 * every term.
 */
export class TextSearch {
  private readonly docs: string[] = [];
  private sigs = new Uint32Array(1024 * SIG_WORDS);

  /** Adds the next document (documents are numbered 0, 1, … in the order they are added). */
  add(text: string): void {
    const lower = text.toLowerCase();
    const n = this.docs.length;
    if ((n + 1) * SIG_WORDS > this.sigs.length) {
      const grown = new Uint32Array(this.sigs.length * 2);
      grown.set(this.sigs);
      this.sigs = grown;
    }
    const base = n * SIG_WORDS;
    const sigs = this.sigs;
    for (let i = 2; i < lower.length; i++) {
      const b = trigramBit(lower, i);
      sigs[base + (b >>> 5)]! |= 1 << (b & 31);
    }
    this.docs.push(lower);
  }

  /** Number of documents added. */
  get size(): number {
    return this.docs.length;
  }

  /** Ends adding: trims the signature buffer to its use. */
  seal(): void {
    this.sigs = this.sigs.slice(0, this.docs.length * SIG_WORDS);
  }

  /**
   * Indices (ascending) of the documents containing every term of `query` (only among `within`, ascending
   * indices, when given); every such document for a blank query.
   */
  search(query: string, signal?: AbortSignal, within?: Uint32Array): Uint32Array {
    const terms = parseQuery(query);
    if (terms.length === 0) return within ? within.slice() : Uint32Array.from({ length: this.docs.length }, (_, i) => i);
    // Longest term first: usually the rarest, so later terms test few documents.
    terms.sort((a, b) => b.length - a.length);
    let result: Uint32Array | undefined = within;
    for (const term of terms) {
      signal?.throwIfAborted();
      result = this.searchTerm(term, result);
      if (result.length === 0) break;
    }
    return result ?? new Uint32Array(0);
  }

  /** The documents (among `within`, or all) that contain `term`. */
  private searchTerm(term: string, within: Uint32Array | undefined): Uint32Array {
    const mask = new Uint32Array(SIG_WORDS);
    for (let i = 2; i < term.length; i++) {
      const b = trigramBit(term, i);
      mask[b >>> 5]! |= 1 << (b & 31);
    }
    const words: number[] = [];
    for (let w = 0; w < SIG_WORDS; w++) if (mask[w] !== 0) words.push(w);
    const { docs, sigs } = this;
    const n = within ? within.length : docs.length;
    const out = new Uint32Array(n);
    let found = 0;
    outer: for (let k = 0; k < n; k++) {
      const d = within ? (within[k] as number) : k;
      const base = d * SIG_WORDS;
      for (const w of words) {
        const m = mask[w] as number;
        if ((((sigs[base + w] as number) & m) >>> 0) !== m) continue outer; // & is signed: back to uint32
      }
      if ((docs[d] as string).includes(term)) out[found++] = d;
    }
    return out.slice(0, found);
  }
}

/** Lower-cased terms of a query: whitespace separates terms, double quotes keep a phrase together. */
export function parseQuery(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of query.toLowerCase().matchAll(re)) {
    const t = (m[1] ?? m[2] ?? '').trim();
    if (t !== '' && !terms.includes(t)) terms.push(t);
  }
  return terms;
}
