import { fsum } from '../../stats/fsum';
import { pairedAgreement } from '../../stats/pairedAgreement';
import type { MethodMetrics } from './analysisReport';
import { num, type AnalysisContext } from './analysisContext';
import type { RowsSample } from './methodSample';

type Agreement = Required<Pick<MethodMetrics, 'agreement' | 'agreement_mean'>>;

/** Agreement of a method whose personas stand for nobody: null per question and on average, with `why`. */
export function unpairedAgreement(ctx: AnalysisContext, p: string, questionIds: readonly string[], why: string): Agreement {
  ctx.reasons[`${p}.agreement`] = why;
  ctx.reasons[`${p}.agreement_mean`] = why;
  return { agreement: Object.fromEntries(questionIds.map((id) => [id, null])), agreement_mean: null };
}

/**
 * Individual-level agreement of a method with a row per persona (`pairedAgreement`): with the personas' respondents
 * (`respondentRows`: matched personas, bio/qa/portray, the demographic-cell baseline), weighted by the respondents'
 * survey weights when declared; null with the reason for personas paired with nobody.
 */
export function rowsAgreement(ctx: AnalysisContext, p: string, sample: RowsSample): Agreement {
  const rows = sample.respondentRows;
  if (!rows) return unpairedAgreement(ctx, p, ctx.questionIds, 'the personas are not paired with respondents (meta, ladder and imported personas stand for nobody): individual agreement compares each persona with its own respondent; every distribution metric needs no pairing');
  const values = pairedAgreement(sample.matrix, ctx.human.matrix, rows, ctx.human.weights ? { weightsHuman: ctx.human.weights } : {});
  const agreement: Record<string, number | null> = {};
  ctx.questionIds.forEach((id, j) => (agreement[id] = num(ctx, `${p}.agreement.${id}`, values[j]!, 'no persona and its respondent both answered')));
  const defined = Array.from(values).filter((v) => Number.isFinite(v));
  return { agreement, agreement_mean: num(ctx, `${p}.agreement_mean`, defined.length > 0 ? fsum(defined) / defined.length : NaN, 'no question has a persona and its respondent both answering') };
}
