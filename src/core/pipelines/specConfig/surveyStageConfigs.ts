import type { PersonaSpec } from '../../specModel/personaSpec';
import { resolveSurveyModel } from '../../specModel/resolveSurveyModel';
import type { SurveySpec } from '../../specModel/surveySpec';
import type { MatchingStageConfig } from '../matching/matchingConfig';
import { fromSpecModel } from '../shared/modelSettings';
import { PipelineError } from '../shared/pipelineError';
import type { SimulationStageConfig } from '../simulation/simulationConfig';
import { demographicVariables } from './personaStageConfigs';

export interface SurveyStageOverrides {
  readonly model?: string;
  readonly seed?: number;
}

/** The method name a run is reported under: `<persona method>-<matching>` (e.g. `anthology-greedy`). */
export function runMethodName(personaMethod: string, matching: string): string {
  return matching === 'none' ? personaMethod : `${personaMethod}-${matching}`;
}

/** Matching and simulation stage settings of a typed survey spec and its persona spec (a thin adapter over src/core/specModel). */
export function surveyStageConfigs(survey: SurveySpec, persona: PersonaSpec, o: SurveyStageOverrides = {}): { matching: MatchingStageConfig; simulation: SimulationStageConfig; seed: number } {
  const seed = o.seed ?? survey.simulation.seed;
  const personaVariables = demographicVariables(persona);
  const humanDemographics = Object.fromEntries((survey.human?.demographics ?? []).map((d) => [d.name, d]));
  if (survey.simulation.elicitation.samples !== 1) throw new PipelineError('config', `${survey.path}: simulation.elicitation.samples must be 1 (answers.csv holds one answer per persona and question)`);
  const matching: MatchingStageConfig = {
    method: survey.matching.method,
    variables: survey.matching.variables ?? Object.keys(humanDemographics).filter((n) => personaVariables.some((v) => v.name === n)),
    append: survey.matching.append,
    seed: o.seed ?? survey.matching.seed,
    humanId: survey.human?.id,
    humanDemographics,
    personaVariables,
  };
  const m = resolveSurveyModel(survey, persona);
  if (!m && o.model === undefined) throw new PipelineError('config', `${survey.path}: no simulation model; set simulation.model.name or pass --model`);
  const model = m ? fromSpecModel(m, o.model) : { name: o.model!, api: 'completions' as const, params: {} };
  const s = survey.simulation;
  const simulation: SimulationStageConfig = {
    model,
    ...(s.system === undefined ? {} : { system: s.system }),
    mode: s.mode,
    consistency: s.consistency,
    order: s.order,
    elicitation: { method: s.elicitation.method, maxReasks: s.elicitation.max_reasks },
    template: s.template,
    questions: survey.questions.map((q) => ({ id: q.id, text: q.text, type: q.type, options: q.options, codes: q.codes, ...(q.template === undefined ? {} : { template: q.template }) })),
    seed,
  };
  return { matching, simulation, seed };
}
