import { planSamples } from '../../llm/elicitation/planSamples';
import { estimateRunCost, type EstimateOptions, type RunEstimate } from '../../llm/estimateRunCost';
import type { PlannedRequest } from '../../llm/plannedRequest';
import type { BackstoryStageConfig } from '../backstories/backstoryConfig';
import type { DemographicStageConfig } from '../demographicSurvey/demographicConfig';
import { letterOptions } from '../shared/letterOptions';
import { promptRequest } from '../shared/modelSettings';
import { renderTemplate } from '../../specModel/templates/renderTemplate';
import type { SimulationStageConfig } from '../simulation/simulationConfig';
import { LOCATOR_SYSTEM, locatorPrompt } from '../demographicSurvey/locatorPrompt';
import { ladderRequest, type LadderLayer } from '../ladder/ladderRequest';
import type { MetaPersona } from '../ladder/sampleMetaPersonas';
import { ladderGeneration, LADDER_DECODING } from '../personaMethods/ladderPersonas';
import type { ModelSettings } from '../shared/modelSettings';
import type { GenerationSpec } from '../../specModel/personaSpec';

/**
 * One stage's estimate: the RunEstimate of the LLM engine for the least it sends (`calls`, the minimum tokens and
 * cost) and the most (`callsMax`, the maximum tokens and cost: every bounded re-ask taken), and what it counts.
 */
export interface StageEstimate extends RunEstimate {
  /** Calls at most (re-asks of the parse ladder, sampling after a locator or logprob miss); `calls` is the least. */
  readonly callsMax: number;
  /** What the stage counts, in words, and what it does not. */
  readonly counts: string;
  /**
   * The cost range when every answer parses at its first sample (nothing re-asked): what a compliant model costs.
   * `costUsd.max` is the worst case with every bounded re-ask taken (Anthology: 100 per answer), about 100 times more.
   */
  readonly costUsdFirstTry: { readonly min: number; readonly max: number };
}

/** What a study will send before it runs: per stage and in total. */
export interface StudyEstimate {
  readonly stages: Readonly<Record<string, StageEstimate>>;
  readonly total: {
    readonly calls: number;
    readonly callsMax: number;
    readonly costUsd: { readonly min: number; readonly max: number };
    readonly costUsdFirstTry: { readonly min: number; readonly max: number };
    readonly note: string;
  };
}

/** A stand-in for text not written yet (a backstory): about `tokens` tokens long. */
const filler = (tokens: number): string => 'word '.repeat(Math.max(1, tokens)).trim();

/** One unit's plan priced and multiplied by `units` (so estimating a million requests tokenises a handful). */
async function scaled(plan: readonly PlannedRequest[], units: number, options: EstimateOptions): Promise<RunEstimate> {
  const e = await estimateRunCost(plan, options);
  const k = units;
  return { ...e, calls: e.calls * k, samples: e.samples * k, inputTokens: { min: e.inputTokens.min * k, max: e.inputTokens.max * k }, outputTokens: { min: e.outputTokens.min * k, max: e.outputTokens.max * k }, costUsd: { min: e.costUsd.min * k, max: e.costUsd.max * k } };
}

/** A stage's range: the least of `least` (one unit's plan with nothing re-asked) and the most of `most` (every re-ask taken). */
async function ranged(least: readonly PlannedRequest[], most: readonly PlannedRequest[], units: number, counts: string, options: EstimateOptions): Promise<StageEstimate> {
  const lo = await scaled(least, units, options);
  const hi = await scaled(most, units, options);
  const note = [...new Set([lo.note, hi.note].filter((n) => n !== ''))].join('; ');
  return {
    ...lo,
    tokenizers: [...new Set([...lo.tokenizers, ...hi.tokenizers])].sort(),
    approximate: lo.approximate || hi.approximate,
    unpricedModels: [...new Set([...lo.unpricedModels, ...hi.unpricedModels])].sort(),
    note,
    callsMax: hi.calls,
    inputTokens: { min: lo.inputTokens.min, max: hi.inputTokens.max },
    outputTokens: { min: lo.outputTokens.min, max: hi.outputTokens.max },
    costUsd: { min: lo.costUsd.min, max: hi.costUsd.max },
    costUsdFirstTry: { min: lo.costUsd.min, max: lo.costUsd.max },
    counts,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

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

/**
 * One backstory's demographic survey: the locator question of every `locate: true` variable (when the locator is
 * asked), then each variable's samples (one call with `n`) or first-token logprob request. `least`: every located
 * variable found by the locator (not sampled); `most`: every locator misses, and with logprobs every variable falls
 * back to sampling.
 */
export function demographicPlanForEstimate(config: DemographicStageConfig, backstoryTokens: number, which: 'least' | 'most' = 'most'): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  const backstory = filler(backstoryTokens);
  if (config.locator) {
    const model = config.locator.model;
    for (const v of config.variables.filter((x) => x.locate)) {
      const { prompt } = locatorPrompt(backstory, v.topic ?? v.name, v.options, v.refused);
      plan.push({ id: `${v.name}-loc`, request: { kind: 'chat', model: model.name, messages: [{ role: 'system', content: LOCATOR_SYSTEM }, { role: 'user', content: prompt }], params: model.params } });
    }
  }
  for (const v of config.variables) {
    if (which === 'least' && config.locator && v.locate) continue;
    const { lines, labelList } = letterOptions(v.options);
    const prompt = renderTemplate(config.template, { backstory, question: v.question, options: lines, labels: labelList, variable: v.name });
    const request = promptRequest(config.model, prompt, config.model.params);
    if (config.method === 'logprobs') plan.push({ id: v.name, request: { ...request, params: { ...request.params, max_tokens: 1, logprobs: true, top_logprobs: 20 } } });
    if (config.method !== 'logprobs' || which === 'most') plan.push(...planSamples(`${v.name}-s`, request, config.samples, { supportsN: config.useN ?? true }));
  }
  return plan;
}

/**
 * One persona's survey with its growing history. `least`: one request per question (a sample, or a logprob request);
 * `most`: every bounded re-ask of the parse ladder taken (`maxReasks` more samples per question), after a logprob
 * request with no log-probabilities when elicited by logprobs.
 */
export function simulationPlanForEstimate(config: SimulationStageConfig, personaTokens: number, which: 'least' | 'most' = 'least'): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  let history = '';
  const logprobs = config.elicitation.method === 'logprobs';
  for (const q of config.questions) {
    const { lines, labelList } = letterOptions(q.options);
    const values = { backstory: filler(personaTokens), demographics: '', consistency: config.mode === 'series' ? `${config.consistency}\n` : '', question: q.text, options: lines, labels: labelList, id: q.id };
    const template = q.template ?? config.template;
    const prompt = renderTemplate(template, { ...values, history: config.mode === 'series' ? history : '' });
    if (logprobs) plan.push({ id: `${q.id}-lp`, request: promptRequest(config.model, prompt, { ...config.model.params, max_tokens: 1, logprobs: true, top_logprobs: 20 }, config.system) });
    const samples = which === 'least' ? (logprobs ? 0 : 1) : 1 + config.elicitation.maxReasks;
    for (let a = 0; a < samples; a++) plan.push({ id: `${q.id}-a${a}`, request: promptRequest(config.model, prompt, config.model.params, config.system) });
    const at = template.indexOf('{{history}}');
    if (at >= 0) history += `${renderTemplate(template.slice(at + '{{history}}'.length), values)} (A)\n\n`;
  }
  return plan;
}

/** One ladder persona's generation request (a representative meta persona, Li et al.'s decoding under the model's). */
export function ladderPlanForEstimate(layer: LadderLayer, meta: MetaPersona, generation: GenerationSpec | undefined, model: ModelSettings): PlannedRequest[] {
  const req = ladderRequest(layer, meta, ladderGeneration(generation));
  return [{ id: 'lp', request: { kind: 'chat', model: model.name, messages: req.messages, params: { ...LADDER_DECODING, ...model.params, seed: req.seed } } }];
}

/**
 * Prices the stages still to run: one representative unit per stage (a backstory, a backstory's demographic
 * survey, a persona's whole survey with its growing history, a ladder persona), multiplied by the number of units,
 * as a range from the least each stage sends to the most (every bounded re-ask taken). Unknown texts are taken at
 * their token limit, so the input figure leans high. Each stage says what it counts.
 */
export async function estimateStudy(
  parts: {
    readonly backstories?: { readonly config: BackstoryStageConfig; readonly units: number };
    readonly demographics?: { readonly config: DemographicStageConfig; readonly units: number; readonly backstoryTokens: number };
    readonly personas?: { readonly layer: LadderLayer; readonly meta: MetaPersona; readonly generation: GenerationSpec | undefined; readonly model: ModelSettings; readonly units: number };
    readonly simulation?: { readonly config: SimulationStageConfig; readonly units: number; readonly personaTokens: number };
  },
  options: EstimateOptions = {},
): Promise<StudyEstimate> {
  const stages: Record<string, StageEstimate> = {};
  const b = parts.backstories;
  if (b && b.units > 0) {
    const plan = backstoryPlanForEstimate(b.config);
    const what = b.config.preamble ? '1 preamble + 1 backstory question' : '1 backstory question';
    const counts = `${plural(b.units, 'backstory', 'backstories')} × (${what}); not counted: preamble re-samples until accepted (up to ${b.config.preamble?.maxAttempts ?? 20}) and new tries for short, duplicate or failed backstories (up to ${b.config.maxTriesPerSlot ?? 5} per backstory)`;
    stages.backstories = await ranged(plan, plan, b.units, counts, options);
  }
  const d = parts.demographics;
  if (d && d.units > 0) {
    const c = d.config;
    const located = c.locator ? c.variables.filter((v) => v.locate).length : 0;
    const perVariable = c.method === 'logprobs' ? `1 logprob request (falling back to ${c.samples} samples when the server gives none)` : `${c.samples} samples (${(c.useN ?? true) ? '1 call with n' : 'one call each'})`;
    const counts =
      `${plural(d.units, 'backstory', 'backstories')} × ${plural(c.variables.length, 'variable')}, each ${perVariable}` +
      (located > 0 ? `; ${plural(located, 'locator question')} per backstory first (the least: the locator finds all ${located}, which are not sampled; the most: it finds none)` : '') +
      `; not counted: one call per sample when the server ignores n`;
    stages.demographics = await ranged(demographicPlanForEstimate(c, d.backstoryTokens, 'least'), demographicPlanForEstimate(c, d.backstoryTokens, 'most'), d.units, counts, options);
  }
  const p = parts.personas;
  if (p && p.units > 0) {
    const plan = ladderPlanForEstimate(p.layer, p.meta, p.generation, p.model);
    stages.personas = await ranged(plan, plan, p.units, `${plural(p.units, `${p.layer} persona`)} × 1 generation request (one per meta persona)`, options);
  }
  const s = parts.simulation;
  if (s && s.units > 0) {
    const c = s.config;
    const per = c.elicitation.method === 'logprobs' ? '1 logprob request' : '1 sample';
    const counts = `${plural(s.units, 'persona')} × ${plural(c.questions.length, 'question')} × ${per} (the least); the most adds ${c.elicitation.maxReasks} re-asks of every unparseable answer${c.elicitation.method === 'logprobs' ? ' after sampling when the server gives no log-probabilities' : ''}`;
    stages.simulation = await ranged(simulationPlanForEstimate(c, s.personaTokens, 'least'), simulationPlanForEstimate(c, s.personaTokens, 'most'), s.units, counts, options);
  }
  const all = Object.values(stages);
  const notes = [...new Set(all.flatMap((e) => e.note.split('; ')).filter((n) => n !== ''))];
  return {
    stages,
    total: {
      calls: all.reduce((a, e) => a + e.calls, 0),
      callsMax: all.reduce((a, e) => a + e.callsMax, 0),
      costUsd: { min: all.reduce((a, e) => a + e.costUsd.min, 0), max: all.reduce((a, e) => a + e.costUsd.max, 0) },
      costUsdFirstTry: { min: all.reduce((a, e) => a + e.costUsdFirstTry.min, 0), max: all.reduce((a, e) => a + e.costUsdFirstTry.max, 0) },
      note: [...notes, 'from the least each stage sends to the most (every bounded re-ask taken)'].join('; '),
    },
  };
}
