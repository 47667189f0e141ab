import * as nodePath from 'node:path';
import type { BackstoryStageConfig } from '../backstories/backstoryConfig';
import type { DemographicStageConfig, DemographicVariableSettings } from '../demographicSurvey/demographicConfig';
import { PipelineError } from '../shared/pipelineError';
import { modelSettings, num, obj, str, strs } from './specValues';

/** The Anthology backstory question (seeds-methods §1.2, quoted). */
export const ANTHOLOGY_BACKSTORY_PROMPT =
  'Question: Tell me about yourself. How old are you? Where did you grow up? What events made you who you are? What matters to you and what do you enjoy?\n\nAnswer:';
export const DEMOGRAPHIC_TEMPLATE = '{{backstory}}\n\nQuestion: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer:';

export interface PersonaStageOverrides {
  readonly model?: string;
  readonly seed?: number;
  /** Backstories wanted instead of the spec's `backstories.count`. */
  readonly count?: number;
  /** Skip the demographic locator (sample every variable). */
  readonly noLocator?: boolean;
}

/** The file names a persona spec's stages write, next to the spec. */
export function personaOutputs(specPath: string, value: unknown): { backstories: string; demographics: string; review: string } {
  const dir = nodePath.dirname(specPath);
  const base = nodePath.basename(specPath).replace(/\.persona\.ya?ml$/i, '');
  const backstories = nodePath.resolve(dir, str(obj(obj(value).backstories).output) ?? `${base}.backstories.jsonl`);
  const stem = backstories.replace(/\.backstories\.jsonl$|\.jsonl$/i, '');
  return { backstories, demographics: `${stem}.demographics.jsonl`, review: `${backstories}.review.json` };
}

export function demographicVariables(value: unknown): DemographicVariableSettings[] {
  return Object.entries(obj(obj(obj(value).demographics).variables)).map(([name, raw]) => {
    const v = obj(raw);
    return {
      name,
      question: str(v.question) ?? name,
      options: strs(v.options) ?? [],
      ...(str(v.refused) === undefined ? {} : { refused: str(v.refused)! }),
      ...(v.locate === true ? { locate: true } : {}),
      ...(str(v.topic) === undefined ? {} : { topic: str(v.topic)! }),
      ...(str(v.sentence) === undefined ? {} : { sentence: str(v.sentence)! }),
    };
  });
}

/** Backstory and demographic-survey settings of a validated persona spec, defaults filled in. */
export function personaStageConfigs(specPath: string, value: unknown, o: PersonaStageOverrides = {}): { backstories: BackstoryStageConfig; demographics: DemographicStageConfig | undefined; method: string } {
  const spec = obj(value);
  const method = str(spec.method) ?? 'anthology';
  if (method !== 'anthology' && method !== 'demographics-primed') {
    throw new PipelineError('config', `persona method "${method}" has no generation pipeline yet; use anthology or demographics-primed`);
  }
  const seed = o.seed ?? num(spec.seed) ?? 42;
  const model = modelSettings(spec.model, undefined, o.model === undefined ? {} : { name: o.model });
  if (!model) throw new PipelineError('config', `${specPath}: no model; set model.name in the spec or pass --model`);
  const b = obj(spec.backstories);
  const pre = b.preamble === undefined ? undefined : obj(b.preamble);
  const out = personaOutputs(specPath, value);
  const backstories: BackstoryStageConfig = {
    method,
    count: o.count ?? num(b.count) ?? 1000,
    seed,
    model: { ...model, params: { ...model.params, ...(strs(b.stop) ? { stop: strs(b.stop)! } : {}) } },
    ...(str(b.system) === undefined ? {} : { system: str(b.system)! }),
    ...(pre
      ? {
          preamble: {
            prompt: str(pre.prompt) ?? 'Question: Are you a US citizen?\n\nAnswer:',
            accept: str(pre.accept) ?? '(?i)yes',
            ...(num(pre.max_tokens) === undefined ? {} : { maxTokens: num(pre.max_tokens)! }),
            ...(strs(pre.stop) ? { stop: strs(pre.stop)! } : {}),
            ...(num(pre.max_attempts) === undefined ? {} : { maxAttempts: num(pre.max_attempts)! }),
          },
        }
      : {}),
    prompt: str(b.prompt) ?? (method === 'demographics-primed' ? '{{demographics}}\n\nQuestion: Tell me about yourself.\n\nAnswer:' : ANTHOLOGY_BACKSTORY_PROMPT),
    minTokens: num(b.min_tokens) ?? 0,
    outputPath: out.backstories,
  };
  const d = spec.demographics === undefined ? undefined : obj(spec.demographics);
  const variables = demographicVariables(value);
  let demographics: DemographicStageConfig | undefined;
  if (d && variables.length > 0) {
    const dModel = modelSettings(d.model, { ...model, params: { ...model.params, max_tokens: 128, stop: ['\n', 'Question'] } }, o.model === undefined ? {} : { name: o.model })!;
    const loc = d.locator === undefined || o.noLocator ? undefined : obj(d.locator);
    const locModel = loc ? modelSettings(loc.model, { name: dModel.name, api: 'chat', params: { temperature: 0, max_tokens: 256 } }, o.model === undefined ? {} : { name: o.model }) : undefined;
    demographics = {
      samples: num(d.samples) ?? 40,
      method: str(d.method) === 'logprobs' ? 'logprobs' : 'sample',
      model: dModel,
      template: str(d.template) ?? DEMOGRAPHIC_TEMPLATE,
      variables,
      ...(locModel ? { locator: { model: { ...locModel, api: 'chat' } } } : {}),
      seed,
      outputPath: out.demographics,
    };
  }
  return { backstories, demographics, method };
}
