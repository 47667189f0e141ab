import type { SurveySpec } from '../../specModel/surveySpec';
import type { DistributionSample } from '../analysis/methodSample';

/**
 * The uniform baseline: every option of every question equally likely, as an exact distribution (1/K per
 * code), not a sample, so its distribution metrics carry no simulation noise. Its answers are taken as
 * independent across questions: the population correlation matrix is the identity and every scale's alpha is
 * exactly 0 (with all covariances between items 0, sum(C) = trace(C)). It never refuses.
 */
export function uniformBaseline(survey: SurveySpec): DistributionSample {
  return {
    kind: 'distribution',
    shares: survey.questions.map((q) => new Float64Array(q.codes.length).fill(1 / q.codes.length)),
    n: 0,
    refusalRate: survey.questions.map(() => 0),
    structure: { kind: 'independent' },
  };
}
