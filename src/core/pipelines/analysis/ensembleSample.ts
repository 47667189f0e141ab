import { mixDistributions } from '../../stats/mixDistributions';
import type { SurveySpec } from '../../specModel/surveySpec';
import { codeShares } from './codeShares';
import type { DistributionSample, MethodInput } from './methodSample';

/**
 * An ensemble: per question, the answer distributions of several methods blended into one (a finite mixture with
 * equal or given weights, `mixDistributions`); refusal rates blend with the same weights. A blend has no joint
 * answers, so correlations and alpha are null with the reason. Members with no valid answer to a question are
 * left out of that question's blend.
 * @param weights one per member (any non-negative scale); equal when omitted
 */
export function ensembleSample(survey: SurveySpec, members: readonly MethodInput[], weights?: readonly number[]): DistributionSample {
  if (members.length < 2) throw new RangeError('an ensemble needs at least 2 methods');
  if (weights && weights.length !== members.length) throw new RangeError(`${weights.length} weights for ${members.length} ensemble members`);
  const codes = survey.questions.map((q) => q.codes);
  const perMember = members.map((m) => {
    if (m.sample.kind === 'distribution') return { shares: m.sample.shares, refusal: m.sample.refusalRate };
    const { matrix } = m.sample;
    const n = matrix.nRows;
    const refusal = codes.map((_, j) => {
      let missing = 0;
      for (let r = 0; r < n; r++) if (Number.isNaN(matrix.data[j * n + r]!)) missing++;
      return n > 0 ? missing / n : null;
    });
    return { shares: codeShares(matrix, codes).shares, refusal };
  });
  const shares = codes.map((c, j) => {
    const parts: Float64Array[] = [];
    const w: number[] = [];
    perMember.forEach((m, i) => {
      const s = m.shares[j]!;
      if (s.some(Number.isNaN)) return;
      parts.push(s);
      w.push(weights ? weights[i]! : 1);
    });
    return parts.length > 0 ? mixDistributions(parts, w) : new Float64Array(c.length).fill(NaN);
  });
  const wsum = members.reduce((s, _, i) => s + (weights ? weights[i]! : 1), 0);
  const refusalRate = codes.map((_, j) => {
    let s = 0;
    for (let i = 0; i < members.length; i++) {
      const r = perMember[i]!.refusal?.[j];
      if (r === undefined || r === null) return null;
      s += (weights ? weights[i]! : 1) * r;
    }
    return s / wsum;
  });
  return {
    kind: 'distribution',
    shares,
    n: members.reduce((s, m) => s + (m.sample.kind === 'rows' ? m.sample.matrix.nRows : m.sample.n), 0),
    refusalRate,
    structure: { kind: 'none', reason: 'an ensemble blends per-question distributions: no persona answers every question, so correlations and alpha are undefined' },
    refusalReason: 'a member has no measured refusal rate',
  };
}
