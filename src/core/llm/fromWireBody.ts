import type { ChatMessage, LlmRequest, SamplingParams } from './llmRequest';

const known = new Set(['temperature', 'top_p', 'max_tokens', 'stop', 'seed', 'n', 'logit_bias', 'response_format', 'presence_penalty', 'frequency_penalty']);

/**
 * The inverse of `wireBody`: a request body as sent to `/v1/chat/completions` or `/v1/completions` (e.g. one
 * line of a batch file) back into an `LlmRequest`. Unknown fields are kept in `extra`.
 */
export function fromWireBody(body: Record<string, unknown>, url: string): LlmRequest {
  const { model, messages, prompt, logprobs, top_logprobs, ...rest } = body;
  if (typeof model !== 'string' || model === '') throw new TypeError('request body without a model');
  const params: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) (known.has(k) ? params : extra)[k] = v;
  const chat = url.endsWith('/chat/completions');
  if (chat) {
    if (logprobs !== undefined) params.logprobs = logprobs;
    if (top_logprobs !== undefined) params.top_logprobs = top_logprobs;
  } else if (typeof logprobs === 'number') {
    params.logprobs = true;
    params.top_logprobs = logprobs;
  }
  if (Object.keys(extra).length > 0) params.extra = extra;
  if (chat) {
    if (!Array.isArray(messages)) throw new TypeError('chat request body without messages');
    const msgs = messages.map((m: { role?: unknown; content?: unknown }): ChatMessage => {
      if ((m.role !== 'system' && m.role !== 'user' && m.role !== 'assistant') || typeof m.content !== 'string') throw new TypeError('unsupported chat message');
      return { role: m.role, content: m.content };
    });
    return { kind: 'chat', model, messages: msgs, params: params as SamplingParams };
  }
  if (typeof prompt !== 'string') throw new TypeError('completion request body without a prompt');
  return { kind: 'completion', model, prompt, params: params as SamplingParams };
}
