import type { ChatMessage, LlmRequest, SamplingParams } from '../../llm/llmRequest';

/** A spec's `model:` block as plain data: which model, which API, and the sampling parameters sent with it. */
export interface ModelSettings {
  readonly name: string;
  readonly api: 'chat' | 'completions';
  readonly params: SamplingParams;
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
