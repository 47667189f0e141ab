import type { LensResults } from '../../results/lensResults';
import type { ParsedSpec } from '../parseSpec';
import type { Range } from '../range';
import { specSymbols } from './specSymbols';

/** A CodeLens as data: where, what it says, and what clicking it does. */
export interface SpecResultLens {
  readonly range: Range;
  readonly title: string;
  readonly tooltip: string;
  /** `open-results` opens the panel; `question` opens it on that question. */
  readonly action: 'open-results' | 'question';
  readonly questionId?: string;
}

const f2 = (v: number | null): string => (v === null ? '–' : v.toFixed(2));
const signed = (v: number | null): string => (v === null ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}`);

/**
 * The results lenses of a survey spec: `Open results` on the first line once a run has an analysis, and on each
 * question its WD next to the human split-half bound and its signed drift (`WD 0.21 · human 0.06 · drift +0.4`).
 * Questions the analysis does not hold get no lens. Pure and cheap: one outline walk.
 */
export function resultLenses(spec: ParsedSpec, results: LensResults | undefined): SpecResultLens[] {
  if (spec.kind !== 'survey' || !results) return [];
  const symbols = specSymbols(spec);
  const first = symbols[0];
  if (!first) return [];
  const out: SpecResultLens[] = [{
    range: first.selectionRange,
    title: `Open results (${results.methodLabel}: WD ${f2(results.wdMean)} · human ${f2(results.boundMean)})`,
    tooltip: `Open the results panel on run ${results.runId}`,
    action: 'open-results',
  }];
  const questions = symbols.find((s) => s.name === 'questions' && s.kind === 'section')?.children ?? [];
  for (const q of questions) {
    const r = results.questions[q.name];
    if (!r) continue;
    out.push({
      range: q.selectionRange,
      title: `WD ${f2(r.wd)} · human ${f2(r.bound)} · drift ${signed(r.drift)}`,
      tooltip: `${q.name} in run ${results.runId}, ${results.methodLabel}: Wasserstein distance to the human answers, the human split-half bound, and the signed drift (simulated − human mean, in codes). Click for the question's distributions.`,
      action: 'question',
      questionId: q.name,
    });
  }
  return out;
}
