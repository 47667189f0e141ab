import type { LlmClient } from './llmClient';
import { LlmError } from './llmError';
import type { ChatRequest } from './llmRequest';

export interface EndpointCapabilities {
  readonly models: string[];
  /** The model the probes used. */
  readonly model: string | undefined;
  /** The server returned first-token top log-probabilities. */
  readonly logprobs: boolean;
  /** The server returned as many choices as `n` asked for. */
  readonly n: boolean;
}

const probeQuestion = 'Question: Which letter comes first in the alphabet?\n(A) A\n(B) B\nAnswer with (A) or (B).\nAnswer:';

async function tryCall<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    // a server that rejects the parameter says so with a 4xx; anything else (auth, network) is not an answer
    if (LlmError.is(err, 'bad-request')) return undefined;
    throw err;
  }
}

/**
 * Finds out what an endpoint supports by trying: lists the models, then asks one tiny question with
 * `logprobs` and one with `n: 2`. Servers that ignore a parameter silently (LM Studio's logprobs, Ollama's
 * n) are caught because the answer, not the status, is checked.
 */
export async function probeEndpoint(client: LlmClient, options: { model?: string; signal?: AbortSignal } = {}): Promise<EndpointCapabilities> {
  const call = options.signal ? { signal: options.signal } : {};
  const models = await client.listModels(call);
  const model = options.model ?? models[0];
  if (model === undefined) return { models, model, logprobs: false, n: false };
  const base: ChatRequest = { kind: 'chat', model, messages: [{ role: 'user', content: probeQuestion }], params: { max_tokens: 1, temperature: 1 } };
  const withLogprobs = await tryCall(() => client.complete({ ...base, params: { ...base.params, logprobs: true, top_logprobs: 5 } }, call));
  const logprobs = (withLogprobs?.choices[0]?.logprobs?.[0]?.top.length ?? 0) > 0;
  const withN = await tryCall(() => client.complete({ ...base, params: { ...base.params, n: 2, seed: 1 } }, call));
  const n = (withN?.choices.length ?? 0) === 2;
  return { models, model, logprobs, n };
}
