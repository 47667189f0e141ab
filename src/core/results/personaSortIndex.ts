import type { AnalysisQuestion } from '../pipelines/analysis/analysisReport';
import type { PersonaAnswersData, PersonaRecord } from './personaAnswers';
import type { PersonaRow } from './resultsViewTypes';

/** Builds one persona's row (personaAnswers.ts `personaRow`, passed in to keep the modules acyclic). */
export type PersonaRowOf = (p: PersonaRecord) => Pick<PersonaRow, 'mad' | 'refused' | 'nonCompliant' | 'failed'>;

/** A sort of the persona list other than file order. */
export type PersonaValueSort = 'mad' | 'refused';

interface Cached {
  readonly questions: readonly AnalysisQuestion[];
  /** Sort key per persona (file order); NaN = not measured (no MAD without a paired human). */
  readonly keys: Map<PersonaValueSort, Float64Array>;
  /** Persona indices in sorted order, per `${sort}/${descending}`. */
  readonly orders: Map<string, Uint32Array>;
  /** The last filtered order asked for (paging through a filter's matches reuses it). */
  filtered?: { readonly id: string; readonly order: Uint32Array };
}

// Each persona's id, backstory id and respondent, lower-cased once (the list's filter matches a substring of them).
const haystacks = new WeakMap<PersonaAnswersData, readonly string[]>();

function haystackOf(d: PersonaAnswersData): readonly string[] {
  let h = haystacks.get(d);
  if (!h) {
    h = d.personas.map((p) => `${p.personaId}\u0000${p.backstoryId}\u0000${p.humanId ?? ''}`.toLowerCase());
    haystacks.set(d, h);
  }
  return h;
}

// Keyed by the loaded personas (one object per run and method, dropped with its report): a page request
// after the first one reuses the keys and the order instead of building every persona's row again.
const cache = new WeakMap<PersonaAnswersData, Cached>();

function cachedOf(d: PersonaAnswersData, questions: readonly AnalysisQuestion[]): Cached {
  let c = cache.get(d);
  if (!c || c.questions !== questions) {
    c = { questions, keys: new Map(), orders: new Map() };
    cache.set(d, c);
  }
  return c;
}

/** Every persona's sort key, computed once per (personas, questions, sort): its MAD, or refused + non-compliant + failed. */
export function personaSortKeys(d: PersonaAnswersData, questions: readonly AnalysisQuestion[], sort: PersonaValueSort, rowOf: PersonaRowOf): Float64Array {
  const c = cachedOf(d, questions);
  let keys = c.keys.get(sort);
  if (!keys) {
    const mad = new Float64Array(d.personas.length);
    const refused = new Float64Array(d.personas.length);
    d.personas.forEach((p, i) => {
      const r = rowOf(p);
      mad[i] = r.mad ?? NaN;
      refused[i] = r.refused + r.nonCompliant + r.failed;
    });
    c.keys.set('mad', mad);
    c.keys.set('refused', refused);
    keys = sort === 'mad' ? mad : refused;
  }
  return keys;
}

/**
 * Persona indices sorted by a key (unmeasured values last whichever the direction; ties in file order),
 * computed once per (personas, questions, sort, direction).
 */
export function personaSortOrder(d: PersonaAnswersData, questions: readonly AnalysisQuestion[], sort: PersonaValueSort, descending: boolean, rowOf: PersonaRowOf): Uint32Array {
  const c = cachedOf(d, questions);
  const id = `${sort}/${descending}`;
  let order = c.orders.get(id);
  if (!order) {
    const keys = personaSortKeys(d, questions, sort, rowOf);
    order = new Uint32Array(keys.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => {
      const x = keys[a]!, y = keys[b]!;
      const xn = Number.isNaN(x), yn = Number.isNaN(y);
      if (xn || yn) return xn ? (yn ? a - b : 1) : -1;
      const diff = descending ? y - x : x - y;
      return diff !== 0 ? diff : a - b;
    });
    c.orders.set(id, order);
  }
  return order;
}

/**
 * The sorted order's personas whose id, backstory id or respondent contains `needle` (lower-case, non-empty),
 * in that order; the last filter asked for is kept, so paging through its matches costs a page.
 */
export function personaFilteredOrder(d: PersonaAnswersData, questions: readonly AnalysisQuestion[], sort: PersonaValueSort, descending: boolean, needle: string, rowOf: PersonaRowOf): Uint32Array {
  const order = personaSortOrder(d, questions, sort, descending, rowOf);
  const c = cachedOf(d, questions);
  const id = `${sort}/${descending}/${needle}`;
  if (c.filtered?.id === id) return c.filtered.order;
  const hay = haystackOf(d);
  const out = new Uint32Array(order.length);
  let n = 0;
  // the needle never holds the separator: it cannot match across two fields
  if (!needle.includes('\u0000')) for (const i of order) if (hay[i]!.includes(needle)) out[n++] = i;
  const picked = out.slice(0, n);
  c.filtered = { id, order: picked };
  return picked;
}
