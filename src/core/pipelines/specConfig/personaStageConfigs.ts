import type { PersonaSpec } from '../../specModel/personaSpec';
import * as nodePath from 'node:path';
import type { BackstoryStageConfig } from '../backstories/backstoryConfig';
import type { DemographicStageConfig, DemographicVariableSettings } from '../demographicSurvey/demographicConfig';
import { fromSpecModel } from '../shared/modelSettings';
import { PipelineError } from '../shared/pipelineError';

export interface PersonaStageOverrides {
  readonly model?: string;
  readonly seed?: number;
  /** Backstories wanted instead of the spec's `backstories.count`. */
  readonly count?: number;
  /** Skip the demographic locator (sample every variable). */
  readonly noLocator?: boolean;
  /** The locator asks its own endpoint (`demographics.locator.endpoint`): `model` does not replace its model. */
  readonly locatorOwnEndpoint?: boolean;
}

/** The files a persona spec's stages write next to it: backstories, their demographic survey, the review sidecar. */
export function personaOutputs(spec: PersonaSpec): { backstories: string; demographics: string; review: string } {
  // `<name>.backstories.jsonl` next to the spec (name: the spec's `name:`), as toPersonaSpec and the schema say
  const backstories = spec.backstories?.output ?? nodePath.join(nodePath.dirname(spec.path), `${spec.name}.backstories.jsonl`);
  const stem = backstories.replace(/\.backstories\.jsonl$|\.jsonl$/i, '');
  return { backstories, demographics: `${stem}.demographics.jsonl`, review: `${backstories}.review.json` };
}

export function demographicVariables(spec: PersonaSpec): DemographicVariableSettings[] {
  return (spec.demographics?.variables ?? []).map((v) => ({
    name: v.name,
    question: v.question,
    options: v.options,
    ...(v.refused === undefined ? {} : { refused: v.refused }),
    ...(v.locate ? { locate: true } : {}),
    topic: v.topic,
    sentence: v.sentence,
  }));
}

/** Backstory and demographic-survey stage settings of a typed persona spec (a thin adapter over src/core/specModel). */
export function personaStageConfigs(spec: PersonaSpec, o: PersonaStageOverrides = {}): { backstories: BackstoryStageConfig; demographics: DemographicStageConfig | undefined; method: string } {
  const method = spec.method;
  if (method !== 'anthology' && method !== 'demographics-primed') {
    throw new PipelineError('config', `${spec.path}: persona method "${method}" has no generation pipeline yet; use anthology or demographics-primed`);
  }
  if (!spec.model && o.model === undefined) throw new PipelineError('config', `${spec.path}: no model; set model.name in the spec or pass --model`);
  if (!spec.backstories) throw new PipelineError('config', `${spec.path}: no backstories section to generate from`);
  const seed = o.seed ?? spec.seed ?? 42;
  const model = spec.model ? fromSpecModel(spec.model, o.model) : { name: o.model!, api: 'completions' as const, params: {} };
  const b = spec.backstories;
  const out = personaOutputs(spec);
  const backstories: BackstoryStageConfig = {
    method,
    count: o.count ?? b.count ?? 1000,
    seed,
    model: { ...model, params: { ...model.params, ...(b.stop ? { stop: b.stop } : {}) } },
    ...(b.system === undefined ? {} : { system: b.system }),
    ...(b.preamble
      ? { preamble: { prompt: b.preamble.prompt, ...(b.preamble.accept === undefined ? {} : { accept: b.preamble.accept }), maxTokens: b.preamble.max_tokens, ...(b.preamble.stop ? { stop: b.preamble.stop } : {}), maxAttempts: b.preamble.max_attempts } }
      : {}),
    prompt: b.prompt,
    minTokens: b.min_tokens,
    outputPath: out.backstories,
  };
  const d = spec.demographics;
  let demographics: DemographicStageConfig | undefined;
  if (d && d.variables.length > 0) {
    const dModel = d.model ? fromSpecModel(d.model, o.model) : model;
    const locModel = d.locator?.model && !o.noLocator ? fromSpecModel(d.locator.model, o.locatorOwnEndpoint ? undefined : o.model) : undefined;
    demographics = {
      samples: d.samples,
      method: d.method,
      model: dModel,
      template: d.template,
      variables: demographicVariables(spec),
      ...(locModel ? { locator: { model: { ...locModel, api: 'chat' } } } : {}),
      seed,
      outputPath: out.demographics,
    };
  }
  return { backstories, demographics, method };
}
