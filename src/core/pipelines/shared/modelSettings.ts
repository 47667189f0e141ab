import type { ChatMessage, LlmRequest, SamplingParams } from '../../llm/llmRequest';
import type { ModelSettings as SpecModelSettings } from '../../specModel/modelSettings';

/** A model as the stages use it: which model, which API, and the sampling parameters sent with it. */
export interface ModelSettings {
  readonly name: string;
  readonly api: 'chat' | 'completions';
  readonly params: SamplingParams;
}

/**
 * A spec's model settings as request parameters. Schema defaults that change nothing on the wire (`n` 1, penalties
 * 0, `logprobs` false) are left out so request bodies stay lean; `seed` is left out because every request gets its
 * own, derived from the spec's seed (`seedOf`).
 */
export function fromSpecModel(m: SpecModelSettings, name?: string): ModelSettings {
  const params: SamplingParams = {
    temperature: m.temperature,
    top_p: m.top_p,
    ...(m.max_tokens === undefined ? {} : { max_tokens: m.max_tokens }),
    ...(m.stop === undefined ? {} : { stop: m.stop }),
    ...(m.n > 1 ? { n: m.n } : {}),
    ...(m.logprobs ? { logprobs: true } : {}),
    ...(m.top_logprobs === undefined ? {} : { top_logprobs: m.top_logprobs }),
    ...(m.presence_penalty !== 0 ? { presence_penalty: m.presence_penalty } : {}),
    ...(m.frequency_penalty !== 0 ? { frequency_penalty: m.frequency_penalty } : {}),
    ...(Object.keys(m.extra).length > 0 ? { extra: m.extra } : {}),
  };
  return { name: name ?? m.name, api: m.api, params };
}

/**
 * The request for one prompt: the completions API gets the prompt as it is; the chat API gets the same text as
 * the one user message (after the system message, when there is one), so both APIs see the same transcript.
 */
export function promptRequest(model: ModelSettings, prompt: string, params: SamplingParams, system?: string): LlmRequest {
  if (model.api === 'completions') return { kind: 'completion', model: model.name, prompt: system ? `${system}\n\n${prompt}` : prompt, params };
  const messages: ChatMessage[] = system ? [{ role: 'system', content: system }, { role: 'user', content: prompt }] : [{ role: 'user', content: prompt }];
  return { kind: 'chat', model: model.name, messages, params };
}
