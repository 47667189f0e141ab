import type { PlannedRequest } from '../../llm/plannedRequest';
import type { GenerationSpec } from '../../specModel/personaSpec';
import { ladderRequest, parseLadderAnswer, type LadderGeneration, type LadderLayer } from '../ladder/ladderRequest';
import type { MetaPersona } from '../ladder/sampleMetaPersonas';
import type { ModelSettings } from '../shared/modelSettings';
import type { StageContext } from '../shared/stageContext';
import type { MethodPersonaRecord } from './methodPersona';

/** Li et al.'s decoding for persona generation (seeds-methods.md §2.3): chat, T 0.8, top_p 0.9, max_tokens 1024. */
export const LADDER_DECODING = { temperature: 0.8, top_p: 0.9, max_tokens: 1024 } as const;

export function ladderGeneration(g: GenerationSpec | undefined): LadderGeneration {
  return {
    prompt: g?.prompt ?? '',
    ...(g?.system === undefined ? {} : { system: g.system }),
    ...(g && Object.keys(g.fields).length > 0 ? { fields: g.fields } : {}),
    ...(g ? { responsePrefix: g.response_prefix } : {}),
  };
}

/** Stable request id of one ladder persona. */
export const ladderRequestId = (layer: LadderLayer, index: number): string => `lp-${layer}-${String(index).padStart(6, '0')}`;

/**
 * One LLM layer of the persona ladder: each meta persona turned into a persona of `layer` from the meta persona
 * alone (`ladderRequest`), one chat request per persona through `ctx.llm.send` with the generation seed = the
 * persona's index, the model's name and any parameters it sets over Li et al.'s decoding. Answers are read with
 * `parseLadderAnswer`; a persona whose request failed or whose answer cannot be read is recorded with the reason.
 * `beforeSend` sees the whole plan first (the caller's cost estimate and confirmation).
 */
export async function ladderPersonas(layer: LadderLayer, metas: readonly MetaPersona[], generation: GenerationSpec | undefined, model: ModelSettings, ctx: StageContext, beforeSend?: (plan: readonly PlannedRequest[]) => Promise<void>): Promise<MethodPersonaRecord[]> {
  const g = ladderGeneration(generation);
  const built = metas.map((m) => ({ meta: m, req: ladderRequest(layer, m, g) }));
  const plan: PlannedRequest[] = built.map(({ meta, req }) => ({
    id: ladderRequestId(layer, meta.index),
    request: { kind: 'chat', model: model.name, messages: req.messages, params: { ...LADDER_DECODING, ...model.params, seed: req.seed } },
  }));
  await beforeSend?.(plan);
  const answers = await ctx.llm.send(plan);
  return built.map(({ meta, req }) => {
    const base = { id: ladderRequestId(layer, meta.index), method: layer, seed: req.seed, region: meta.region, meta: meta.fields };
    const response = answers.get(base.id);
    if (!response) return { ...base, text: null, failure: { reason: 'requestFailed', detail: 'the request failed after its retries (see the run journal)' } };
    const parsed = parseLadderAnswer(layer, response.choices[0]?.text ?? '', g);
    if (!parsed.ok) return { ...base, text: null, failure: { reason: parsed.reason, detail: parsed.detail } };
    return { ...base, text: parsed.text, ...(parsed.fields ? { fields: parsed.fields } : {}), violations: parsed.violations };
  });
}
