import type { AnalysisReport } from '../pipelines/analysis/analysisReport';
import { ResultsError } from './resultsError';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads an `analysis.json` text into an AnalysisReport, checking the structure the results panel and the lenses
 * rely on (schema tag, survey questions with codes, human distributions and bounds, methods with per-question
 * maps). Values are not re-derived: the file is the pipeline's record.
 * @throws ResultsError `corrupt` (not JSON, a required field missing or of the wrong type) or `unsupported-schema`
 */
export function parseAnalysisReport(text: string, source = 'analysis.json'): AnalysisReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ResultsError('corrupt', `${source} is not valid JSON (${err instanceof Error ? err.message : String(err)}); re-run the analysis to rewrite it`);
  }
  const fail = (what: string): never => {
    throw new ResultsError('corrupt', `${source}: ${what}; re-run the analysis to rewrite it`);
  };
  if (!isObject(value)) return fail('the top level is not an object');
  if (value.schema !== 'persona-studio/analysis@1') {
    throw new ResultsError('unsupported-schema', `${source} has schema ${JSON.stringify(value.schema)}, this version reads "persona-studio/analysis@1"; update Persona Studio or re-run the analysis`);
  }
  const survey = value.survey;
  if (!isObject(survey) || !Array.isArray(survey.questions)) return fail('survey.questions is missing');
  survey.questions.forEach((q: unknown, i: number) => {
    if (!isObject(q) || typeof q.id !== 'string' || !Array.isArray(q.codes) || !Array.isArray(q.options)) fail(`survey.questions[${i}] needs id, options and codes`);
  });
  if (!isObject(survey.scales)) fail('survey.scales is missing');
  const human = value.human;
  if (!isObject(human) || !isObject(human.distributions) || !isObject(human.bounds) || !isObject(human.correlation) || !isObject(human.alpha)) {
    fail('human needs distributions, alpha, correlation and bounds');
  }
  if (!isObject(value.methods)) fail('methods is missing');
  for (const [name, m] of Object.entries(value.methods as Record<string, unknown>)) {
    if (!isObject(m)) fail(`methods.${name} is not an object`);
    const mm = m as Record<string, unknown>;
    for (const key of ['wd', 'drift', 'refusal_rate', 'distributions', 'alpha', 'correlation']) {
      if (!isObject(mm[key])) fail(`methods.${name}.${key} is missing`);
    }
    if (typeof mm.label !== 'string' || typeof mm.kind !== 'string') fail(`methods.${name} needs kind and label`);
  }
  if (!isObject(value.reasons)) fail('reasons is missing');
  return value as unknown as AnalysisReport;
}
