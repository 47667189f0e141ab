import * as nodePath from 'node:path';
import type { HumanDemographicSettings, MatchingStageConfig } from '../matching/matchingConfig';
import { PipelineError } from '../shared/pipelineError';
import { CONSISTENCY_SENTENCE, type SimulationStageConfig, type SurveyQuestionSettings } from '../simulation/simulationConfig';
import { demographicVariables } from './personaStageConfigs';
import { modelSettings, num, obj, str, strs } from './specValues';

export const SIMULATION_TEMPLATE = '{{backstory}}\n\n{{history}}{{consistency}}Question: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer:';

export interface SurveyStageOverrides {
  readonly model?: string;
  readonly seed?: number;
}

/** The method name a run is reported under: `anthology-<matching>` (or `<persona method>-<matching>`). */
export function runMethodName(personaMethod: string, matching: string): string {
  return matching === 'none' ? personaMethod : `${personaMethod}-${matching}`;
}

/** Matching and simulation settings of a validated survey spec (with its persona spec's variables), defaults filled in. */
export function surveyStageConfigs(
  specPath: string,
  value: unknown,
  personaValue: unknown,
  o: SurveyStageOverrides = {},
): { matching: MatchingStageConfig; simulation: SimulationStageConfig; humanData: string | undefined; humanDelimiter: string | undefined; seed: number } {
  const spec = obj(value);
  const persona = obj(personaValue);
  const seed = o.seed ?? num(obj(spec.simulation).seed) ?? num(persona.seed) ?? 42;
  const human = obj(spec.human);
  const m = typeof spec.matching === 'string' ? { method: spec.matching } : obj(spec.matching);
  const humanDemographics: Record<string, HumanDemographicSettings> = {};
  for (const [name, raw] of Object.entries(obj(human.demographics))) {
    const d = obj(raw);
    humanDemographics[name] = {
      column: str(d.column) ?? name,
      ...(d.map === undefined ? {} : { map: Object.fromEntries(Object.entries(obj(d.map)).map(([k, v]) => [k, typeof v === 'string' ? v : null])) }),
      ...(Array.isArray(d.ranges) ? { ranges: d.ranges.map((r) => ({ min: num(obj(r).min) ?? -Infinity, max: num(obj(r).max) ?? Infinity, category: str(obj(r).category) ?? null })) } : {}),
      ...(d.harmonise === undefined ? {} : { harmonise: Object.fromEntries(Object.entries(obj(d.harmonise)).map(([k, v]) => [k, strs(v) ?? []])) }),
      ...(strs(d.missing) ? { missing: strs(d.missing)! } : {}),
    };
  }
  const personaVariables = demographicVariables(personaValue);
  const methodRaw = str(m.method) ?? 'greedy';
  const method = methodRaw === 'max-weight' || methodRaw === 'random' || methodRaw === 'none' ? methodRaw : 'greedy';
  const appendRaw = str(m.append);
  const matching: MatchingStageConfig = {
    method,
    variables: strs(m.variables) ?? Object.keys(humanDemographics).filter((n) => personaVariables.some((v) => v.name === n)),
    append: appendRaw === 'qa-freeform' || appendRaw === 'bio' || appendRaw === 'none' ? appendRaw : 'qa',
    seed: num(m.seed) ?? seed,
    humanId: str(human.id) ?? 'id',
    humanMissing: (Array.isArray(human.missing) ? human.missing : []).map((x) => String(x)),
    humanDemographics,
    personaVariables,
  };
  const sim = obj(spec.simulation);
  const model = modelSettings(sim.model, modelSettings(persona.model), o.model === undefined ? {} : { name: o.model });
  if (!model) throw new PipelineError('config', `${specPath}: no simulation model; set simulation.model.name or pass --model`);
  const order = obj(sim.order);
  const el = obj(sim.elicitation);
  if ((num(el.samples) ?? 1) !== 1) throw new PipelineError('config', `${specPath}: simulation.elicitation.samples must be 1 (answers.csv holds one answer per persona and question)`);
  const questions: SurveyQuestionSettings[] = (Array.isArray(spec.questions) ? spec.questions : []).map((raw) => {
    const q = obj(raw);
    const options = strs(q.options) ?? [];
    const codes = Array.isArray(q.codes) ? q.codes.map((c) => Number(c)) : options.map((_, i) => i + 1);
    return { id: String(q.id), text: str(q.text) ?? '', type: str(q.type) === 'nominal' ? 'nominal' : 'ordinal', options, codes, ...(str(q.template) === undefined ? {} : { template: str(q.template)! }) };
  });
  const simulation: SimulationStageConfig = {
    model,
    ...(str(sim.system) === undefined ? {} : { system: str(sim.system)! }),
    mode: str(sim.mode) === 'independent' ? 'independent' : 'series',
    consistency: str(sim.consistency) ?? CONSISTENCY_SENTENCE,
    order: {
      questions: str(order.questions) === 'fixed' ? 'fixed' : 'shuffle',
      likert: str(order.likert) === 'forward' ? 'forward' : 'reverse-half',
      nominal: str(order.nominal) === 'fixed' ? 'fixed' : 'shuffle',
    },
    elicitation: { method: str(el.method) === 'logprobs' ? 'logprobs' : 'sample', maxReasks: num(el.max_reasks) ?? 100 },
    template: str(sim.template) ?? SIMULATION_TEMPLATE,
    questions,
    seed,
  };
  const data = str(human.data);
  return { matching, simulation, humanData: data === undefined ? undefined : nodePath.resolve(nodePath.dirname(specPath), data), humanDelimiter: str(human.delimiter), seed };
}
