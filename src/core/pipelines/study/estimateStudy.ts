import { planSamples } from '../../llm/elicitation/planSamples';
import { estimateRunCost, type EstimateOptions, type RunEstimate } from '../../llm/estimateRunCost';
import type { PlannedRequest } from '../../llm/plannedRequest';
import type { BackstoryStageConfig } from '../backstories/backstoryConfig';
import type { DemographicStageConfig } from '../demographicSurvey/demographicConfig';
import { letterOptions } from '../shared/letterOptions';
import { promptRequest } from '../shared/modelSettings';
import { renderTemplate } from '../../specModel/templates/renderTemplate';
import type { SimulationStageConfig } from '../simulation/simulationConfig';

/** What a study will send before it runs: per stage and in total (each a RunEstimate of the LLM engine). */
export interface StudyEstimate {
  readonly stages: Readonly<Record<string, RunEstimate>>;
  readonly total: { readonly calls: number; readonly costUsd: { readonly min: number; readonly max: number }; readonly note: string };
}

/** A stand-in for text not written yet (a backstory): about `tokens` tokens long. */
const filler = (tokens: number): string => 'word '.repeat(Math.max(1, tokens)).trim();

/** One unit's plan priced and multiplied by `units` (so estimating a million requests tokenises a handful). */
async function scaled(plan: readonly PlannedRequest[], units: number, options: EstimateOptions): Promise<RunEstimate> {
  const e = await estimateRunCost(plan, options);
  const k = units;
  return { ...e, calls: e.calls * k, samples: e.samples * k, inputTokens: { min: e.inputTokens.min * k, max: e.inputTokens.max * k }, outputTokens: { min: e.outputTokens.min * k, max: e.outputTokens.max * k }, costUsd: { min: e.costUsd.min * k, max: e.costUsd.max * k } };
}

export function backstoryPlanForEstimate(config: BackstoryStageConfig): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  if (config.preamble) {
    const p = config.preamble;
    plan.push({ id: 'p', request: promptRequest(config.model, p.prompt, { ...config.model.params, ...(p.maxTokens === undefined ? {} : { max_tokens: p.maxTokens }) }, config.system) });
  }
  const q = renderTemplate(config.prompt, { demographics: filler(60) });
  plan.push({ id: 't', request: promptRequest(config.model, config.preamble ? `${config.preamble.prompt} Yes\n\n${q}` : q, config.model.params, config.system) });
  return plan;
}

export function demographicPlanForEstimate(config: DemographicStageConfig, backstoryTokens: number): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  for (const v of config.variables) {
    const { lines, labelList } = letterOptions(v.options);
    const prompt = renderTemplate(config.template, { backstory: filler(backstoryTokens), question: v.question, options: lines, labels: labelList, variable: v.name });
    const request = promptRequest(config.model, prompt, config.model.params);
    if (config.method === 'logprobs') plan.push({ id: v.name, request: { ...request, params: { ...request.params, max_tokens: 1, logprobs: true, top_logprobs: 20 } } });
    else plan.push(...planSamples(v.name, request, config.samples, { supportsN: config.useN ?? true }));
  }
  return plan;
}

export function simulationPlanForEstimate(config: SimulationStageConfig, personaTokens: number): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  let history = '';
  for (const q of config.questions) {
    const { lines, labelList } = letterOptions(q.options);
    const values = { backstory: filler(personaTokens), demographics: '', consistency: config.mode === 'series' ? `${config.consistency}\n` : '', question: q.text, options: lines, labels: labelList, id: q.id };
    const template = q.template ?? config.template;
    const prompt = renderTemplate(template, { ...values, history: config.mode === 'series' ? history : '' });
    const params = config.elicitation.method === 'logprobs' ? { ...config.model.params, max_tokens: 1, logprobs: true, top_logprobs: 20 } : config.model.params;
    plan.push({ id: q.id, request: promptRequest(config.model, prompt, params, config.system) });
    const at = template.indexOf('{{history}}');
    if (at >= 0) history += `${renderTemplate(template.slice(at + '{{history}}'.length), values)} (A)\n\n`;
  }
  return plan;
}

/**
 * Prices the stages still to run: one representative unit per stage (a backstory, a backstory's demographic
 * survey, a persona's whole survey with its growing history), multiplied by the number of units. Unknown texts are
 * taken at their token limit, so the input figure leans high. Re-asks are not foreseeable and not included.
 */
export async function estimateStudy(
  parts: {
    readonly backstories?: { readonly config: BackstoryStageConfig; readonly units: number };
    readonly demographics?: { readonly config: DemographicStageConfig; readonly units: number; readonly backstoryTokens: number };
    readonly simulation?: { readonly config: SimulationStageConfig; readonly units: number; readonly personaTokens: number };
  },
  options: EstimateOptions = {},
): Promise<StudyEstimate> {
  const stages: Record<string, RunEstimate> = {};
  if (parts.backstories && parts.backstories.units > 0) stages.backstories = await scaled(backstoryPlanForEstimate(parts.backstories.config), parts.backstories.units, options);
  if (parts.demographics && parts.demographics.units > 0) stages.demographics = await scaled(demographicPlanForEstimate(parts.demographics.config, parts.demographics.backstoryTokens), parts.demographics.units, options);
  if (parts.simulation && parts.simulation.units > 0) stages.simulation = await scaled(simulationPlanForEstimate(parts.simulation.config, parts.simulation.personaTokens), parts.simulation.units, options);
  const all = Object.values(stages);
  const notes = [...new Set(all.map((e) => e.note).filter((n) => n !== ''))];
  return {
    stages,
    total: {
      calls: all.reduce((a, e) => a + e.calls, 0),
      costUsd: { min: all.reduce((a, e) => a + e.costUsd.min, 0), max: all.reduce((a, e) => a + e.costUsd.max, 0) },
      note: [...notes, 're-asks of unparseable answers not included'].join('; '),
    },
  };
}
