import type { LlmRequest } from './llmRequest';

/**
 * The JSON body an OpenAI-compatible server receives for `request`: every parameter passes through as
 * given, `extra` is merged last (server-specific fields such as vLLM's `structured_outputs`). For the
 * completions API `logprobs` is the integer count of alternatives (`top_logprobs`). Used for live calls and
 * for batch files alike, so both send the same bytes.
 */
export function wireBody(request: LlmRequest): Record<string, unknown> {
  const { extra, logprobs, top_logprobs, stop, ...params } = request.params;
  const body: Record<string, unknown> = { model: request.model };
  if (request.kind === 'chat') body.messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  else body.prompt = request.prompt;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) body[k] = v;
  if (stop !== undefined) body.stop = typeof stop === 'string' ? stop : [...stop];
  if (request.kind === 'chat') {
    if (logprobs !== undefined) body.logprobs = logprobs;
    if (top_logprobs !== undefined) body.top_logprobs = top_logprobs;
  } else if (logprobs === true || top_logprobs !== undefined) {
    body.logprobs = top_logprobs ?? 1;
  }
  if (extra) for (const [k, v] of Object.entries(extra)) if (v !== undefined) body[k] = v;
  return body;
}
