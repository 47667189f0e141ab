import { LlmError } from './llmError';
import type { FinishReason, LlmChoice, LlmResponse, TokenLogprob } from './llmResponse';

const finishReasons: ReadonlySet<string> = new Set(['stop', 'length', 'content_filter', 'tool_calls', 'function_call']);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function bad(what: string): never {
  throw new LlmError('unparseable', `malformed response: ${what}`);
}

function finish(v: unknown): FinishReason {
  return typeof v === 'string' && finishReasons.has(v) ? (v as FinishReason) : 'other';
}

function chatLogprobs(v: unknown): TokenLogprob[] | undefined {
  if (!isObject(v) || !Array.isArray(v.content)) return undefined;
  return v.content.filter(isObject).map((t) => ({
    token: String(t.token ?? ''),
    logprob: Number(t.logprob),
    top: Array.isArray(t.top_logprobs) ? t.top_logprobs.filter(isObject).map((a) => ({ token: String(a.token ?? ''), logprob: Number(a.logprob) })) : [],
  }));
}

function completionLogprobs(v: unknown): TokenLogprob[] | undefined {
  if (!isObject(v) || !Array.isArray(v.tokens)) return undefined;
  const lps = Array.isArray(v.token_logprobs) ? v.token_logprobs : [];
  const tops = Array.isArray(v.top_logprobs) ? v.top_logprobs : [];
  return v.tokens.map((token, i) => {
    const top = tops[i];
    return {
      token: String(token),
      logprob: Number(lps[i]),
      top: isObject(top) ? Object.entries(top).map(([t, lp]) => ({ token: t, logprob: Number(lp) })) : [],
    };
  });
}

/**
 * Normalises a chat-completions or completions response body (as parsed JSON) into an `LlmResponse`.
 * Throws `LlmError('unparseable')` when the body is not shaped like one.
 */
export function parseWireResponse(body: unknown, kind: 'chat' | 'completion'): LlmResponse {
  if (!isObject(body)) bad('not an object');
  if (!Array.isArray(body.choices)) bad('no choices');
  const choices: LlmChoice[] = body.choices.map((c: unknown, i: number): LlmChoice => {
    if (!isObject(c)) bad('choice is not an object');
    let text: string;
    let refusal: string | undefined;
    let logprobs: TokenLogprob[] | undefined;
    if (kind === 'chat') {
      const message = c.message;
      if (!isObject(message)) bad('choice without message');
      text = typeof message.content === 'string' ? message.content : '';
      if (typeof message.refusal === 'string' && message.refusal !== '') refusal = message.refusal;
      logprobs = chatLogprobs(c.logprobs);
    } else {
      if (typeof c.text !== 'string') bad('choice without text');
      text = c.text;
      logprobs = completionLogprobs(c.logprobs);
    }
    return {
      index: typeof c.index === 'number' ? c.index : i,
      text,
      ...(refusal === undefined ? {} : { refusal }),
      finishReason: finish(c.finish_reason),
      ...(logprobs === undefined ? {} : { logprobs }),
    };
  });
  const usage = isObject(body.usage) ? body.usage : undefined;
  return {
    model: typeof body.model === 'string' ? body.model : '',
    choices,
    ...(usage && typeof usage.prompt_tokens === 'number'
      ? { usage: { promptTokens: usage.prompt_tokens, completionTokens: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0 } }
      : {}),
    ...(typeof body.system_fingerprint === 'string' ? { systemFingerprint: body.system_fingerprint } : {}),
  };
}
