import type { AnalysisQuestion } from '../pipelines/analysis/analysisReport';
import { personaFilteredOrder, personaSortOrder } from './personaSortIndex';
import type { PersonaAnswerRow, PersonaAnswerStatus, PersonaDetail, PersonaPage, PersonaRow } from './resultsViewTypes';

/** One line of a run's `personas.jsonl` (src/core/pipelines/study/runStudy.ts), as the results panel reads it. */
export interface PersonaRecord {
  readonly personaId: string;
  readonly backstoryId: string;
  readonly humanId?: string;
  readonly answers: Readonly<Record<string, { readonly status: string; readonly code?: number }>>;
  readonly demographics?: Readonly<Record<string, string | null>>;
}

/** What the Personas view reads for one simulation method (loaded by `loadPersonaAnswers`). */
export interface PersonaAnswersData {
  readonly method: string;
  readonly personas: readonly PersonaRecord[];
  /** The human answers by respondent label: question id → code (NaN = missing); absent when unreadable. */
  readonly human?: { readonly index: ReadonlyMap<string, number>; readonly codeOf: (row: number, question: string) => number };
  readonly humanNote: string | null;
  readonly source: 'backstory' | 'text' | 'none';
  /** Method persona id → its text (methods without backstories). */
  readonly texts?: ReadonlyMap<string, string | null>;
  /** The backstories file the personas came from (`source: 'backstory'`), absolute. */
  readonly backstoriesFile?: string;
}

const statuses: readonly PersonaAnswerStatus[] = ['answered', 'refused', 'non-compliant', 'failed'];
const statusOf = (a: { status: string; code?: number } | undefined): PersonaAnswerStatus => {
  if (!a) return 'missing';
  const s = statuses.find((x) => x === a.status) ?? 'missing';
  return s === 'answered' && typeof a.code !== 'number' ? 'missing' : s;
};

/**
 * Mean absolute deviation between a persona's codes and its matched human's, over the questions both answered
 * (code units): (1/m) Σ |persona_q − human_q|. The per-respondent analogue of the signed drift of
 * docs/metrics.md (mean simulated − mean human code); null when no question is answered by both.
 */
export function pairedMeanAbsDeviation(persona: readonly number[], human: readonly number[]): { mad: number | null; paired: number } {
  let sum = 0;
  let m = 0;
  for (let i = 0; i < persona.length; i++) {
    const a = persona[i]!;
    const b = human[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sum += Math.abs(a - b);
    m++;
  }
  return { mad: m > 0 ? sum / m : null, paired: m };
}

function humanRow(d: PersonaAnswersData, p: PersonaRecord): number | undefined {
  return p.humanId !== undefined ? d.human?.index.get(p.humanId) : undefined;
}

/** One persona's row of the list: answered/refused counts and, when paired with readable human data, its MAD. */
export function personaRow(d: PersonaAnswersData, questions: readonly AnalysisQuestion[], p: PersonaRecord): PersonaRow {
  let answered = 0, refused = 0, nonCompliant = 0, failed = 0;
  const sim: number[] = [];
  const hum: number[] = [];
  const row = humanRow(d, p);
  for (const q of questions) {
    const a = p.answers[q.id];
    const s = statusOf(a);
    if (s === 'answered') answered++;
    else if (s === 'non-compliant') nonCompliant++;
    else if (s === 'failed' || s === 'missing') failed++;
    else refused++;
    if (row !== undefined) {
      sim.push(s === 'answered' ? a!.code! : NaN);
      hum.push(d.human!.codeOf(row, q.id));
    }
  }
  const { mad, paired } = row !== undefined ? pairedMeanAbsDeviation(sim, hum) : { mad: null, paired: 0 };
  return { id: p.personaId, backstoryId: p.backstoryId, human: p.humanId ?? null, answered, refused, nonCompliant, failed, mad, paired };
}

export type PersonaSortKey = 'order' | 'mad' | 'refused';

const matches = (p: PersonaRecord, needle: string): boolean => p.personaId.toLowerCase().includes(needle) || p.backstoryId.toLowerCase().includes(needle) || (p.humanId ?? '').toLowerCase().includes(needle);

/** A page of the persona list, filtered by id / backstory / respondent substring and sorted. */
export function personaPage(d: PersonaAnswersData, questions: readonly AnalysisQuestion[], o: { filter: string; sortBy: PersonaSortKey; descending: boolean; offset: number; limit: number }): PersonaPage {
  const needle = o.filter.trim().toLowerCase();
  let rows: PersonaRow[];
  let total: number;
  if (o.sortBy === 'order') {
    const picked = needle === '' ? d.personas : d.personas.filter((p) => matches(p, needle));
    total = picked.length;
    const ordered = o.descending ? [...picked].reverse() : picked;
    rows = ordered.slice(o.offset, o.offset + o.limit).map((p) => personaRow(d, questions, p));
  } else {
    // the sort keys and the order are computed once per (run, method, sort) and cached (personaSortIndex.ts):
    // a page builds only its own rows; a filter keeps the cached order's matches
    const rowOf = (p: PersonaRecord): PersonaRow => personaRow(d, questions, p);
    const order = needle === '' ? personaSortOrder(d, questions, o.sortBy, o.descending, rowOf) : personaFilteredOrder(d, questions, o.sortBy, o.descending, needle, rowOf);
    total = order.length;
    const page: PersonaRecord[] = [];
    for (let k = o.offset; k < Math.min(order.length, o.offset + o.limit); k++) page.push(d.personas[order[k]!]!);
    rows = page.map((p) => personaRow(d, questions, p));
  }
  return { method: d.method, total, offset: o.offset, rows, source: d.source, humanNote: d.humanNote };
}

const labelOf = (q: AnalysisQuestion, code: number | null): string | null => {
  if (code === null) return null;
  const k = q.codes.indexOf(code);
  return k >= 0 ? (q.options[k] ?? null) : null;
};

/** Longest persona text sent to the page. */
export const MAX_PERSONA_TEXT = 20_000;

/** One persona's answers (canonical label, its human's answer when paired) and, without backstories, its text. */
export function personaDetail(d: PersonaAnswersData, questions: readonly AnalysisQuestion[], id: string): PersonaDetail | undefined {
  const p = d.personas.find((x) => x.personaId === id);
  if (!p) return undefined;
  const row = humanRow(d, p);
  const answers: PersonaAnswerRow[] = questions.map((q) => {
    const a = p.answers[q.id];
    const status = statusOf(a);
    const code = status === 'answered' ? a!.code! : null;
    const h = row !== undefined ? d.human!.codeOf(row, q.id) : NaN;
    const humanCode = Number.isNaN(h) ? null : h;
    return { question: q.id, text: q.text, status, code, label: labelOf(q, code), humanCode, humanLabel: labelOf(q, humanCode) };
  });
  const raw = d.source === 'text' ? (d.texts?.get(p.backstoryId) ?? d.texts?.get(p.personaId) ?? null) : null;
  const text = raw === null ? null : raw.length > MAX_PERSONA_TEXT ? `${raw.slice(0, MAX_PERSONA_TEXT)}…` : raw;
  return { method: d.method, row: personaRow(d, questions, p), answers, source: d.source, text, demographics: p.demographics ?? {} };
}
