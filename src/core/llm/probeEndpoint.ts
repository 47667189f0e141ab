import { AdaptiveLimiter } from './adaptiveLimiter';
import type { LlmClient } from './llmClient';
import { LlmError } from './llmError';
import type { LlmRequest, SamplingParams } from './llmRequest';
import type { LlmResponse } from './llmResponse';
import { retryCall, RetryExhausted, type RetryPolicy } from './retryCall';

/** Which OpenAI API a model is asked through: chat (`/v1/chat/completions`) or text completion (`/v1/completions`). */
export type ModelApi = 'chat' | 'completions';

export const modelApis: readonly ModelApi[] = ['chat', 'completions'];

export interface EndpointCapabilities {
  readonly models: string[];
  /** The model the probes used. */
  readonly model: string | undefined;
  /** The API the probes used (undefined when no model could be probed). */
  readonly api: ModelApi | undefined;
  /** Why that API: given by the caller, known from the model's name, or found by trying (chat refused the model). */
  readonly apiSource: 'given' | 'model-name' | 'default' | 'fallback' | undefined;
  /** The server returned first-token top log-probabilities. */
  readonly logprobs: boolean;
  /** The server returned as many choices as `n` asked for. */
  readonly n: boolean;
  /** Things the user should know although the endpoint works (a model the server does not list, …). */
  readonly warnings: string[];
}

export interface ProbeOptions extends RetryPolicy {
  /** The model to probe. @default the first one the server lists */
  readonly model?: string;
  /** The API to probe it through (from a flag, a setting or a spec's `model.api`). @default from the model's name, else chat */
  readonly api?: ModelApi;
  readonly signal?: AbortSignal;
}

const probeQuestion = 'Question: Which letter comes first in the alphabet?\n(A) A\n(B) B\nAnswer with (A) or (B).\nAnswer:';

/**
 * Models that are served only through the completions API, known by name: the models OpenAI's API reference
 * lists for `POST /v1/completions` (davinci-002, babbage-002, gpt-3.5-turbo-instruct) and the retired
 * `text-*`/`code-*` families. Any other model is asked through chat unless told otherwise.
 */
export function apiForModelName(model: string): ModelApi | undefined {
  return /^(davinci-002|babbage-002|gpt-3\.5-turbo-instruct)(-|$)|^(text|code)-(davinci|curie|babbage|ada|cushman)\b/i.test(model) ? 'completions' : undefined;
}

function requestFor(api: ModelApi, model: string, params: SamplingParams): LlmRequest {
  return api === 'chat' ? { kind: 'chat', model, messages: [{ role: 'user', content: probeQuestion }], params } : { kind: 'completion', model, prompt: probeQuestion, params };
}

/**
 * Finds out what an endpoint supports by trying: lists the models, asks one tiny question through the API
 * the model needs (a base model through the completions API), then one with `logprobs` and one with `n: 2`.
 * Servers that ignore a parameter silently (LM Studio's logprobs, Ollama's n) are caught because the answer,
 * not the status, is checked; an answer that is not shaped as the OpenAI API's fails the probe. Every call
 * goes through the scheduler's retry policy (`retryCall`): a 429 or 5xx is retried, honouring
 * `retry-after(-ms)`, before anything is reported. Throws the last `LlmError`.
 */
export async function probeEndpoint(client: LlmClient, options: ProbeOptions = {}): Promise<EndpointCapabilities> {
  const limiter = new AdaptiveLimiter({ maxConcurrency: 1 });
  const policy = {
    limiter,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.random === undefined ? {} : { random: options.random }),
  };
  const call = async <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return (await retryCall(fn, policy)).value;
    } catch (err) {
      if (RetryExhausted.is(err)) throw err.error;
      throw err;
    }
  };
  /** A probe whose parameter the server may reject with a 4xx: that is an answer ("not supported"), not a failure. */
  const tryCall = async (request: LlmRequest): Promise<LlmResponse | undefined> => {
    try {
      return await call((signal) => client.complete(request, { signal }));
    } catch (err) {
      if (LlmError.is(err, 'bad-request')) return undefined;
      throw err;
    }
  };

  const warnings: string[] = [];
  const models = await call((signal) => client.listModels({ signal }));
  const model = options.model ?? models[0];
  if (model === undefined) {
    warnings.push('the server lists no models: name one to probe (--model, or `model` in the endpoint setting)');
    return { models, model, api: undefined, apiSource: undefined, logprobs: false, n: false, warnings };
  }
  if (options.model !== undefined && !models.includes(options.model)) {
    warnings.push(`model ${options.model} is not listed by the server${models.length > 0 ? ` (it lists ${models.slice(0, 10).join(', ')}${models.length > 10 ? ', …' : ''})` : ''}; check the name`);
  }
  const byName = apiForModelName(model);
  let api: ModelApi = options.api ?? byName ?? 'chat';
  let apiSource: EndpointCapabilities['apiSource'] = options.api !== undefined ? 'given' : byName !== undefined ? 'model-name' : 'default';
  const base: SamplingParams = { max_tokens: 1, temperature: 1 };

  // 1. a plain question: does the model answer through this API at all?
  try {
    await call((signal) => client.complete(requestFor(api, model, base), { signal }));
  } catch (err) {
    // a base model behind the chat API is refused with a 4xx ("not a chat model", no chat template):
    // when the API was only guessed, try the completions API before giving up
    if (!(LlmError.is(err, 'bad-request') && apiSource === 'default')) throw err;
    try {
      await call((signal) => client.complete(requestFor('completions', model, base), { signal }));
    } catch {
      throw err;
    }
    api = 'completions';
    apiSource = 'fallback';
    warnings.push(`the chat API refused ${model} (${err.message}); it answered through the completions API, so it is probably a base model: set api: completions`);
  }
  // 2. logprobs, 3. n
  const withLogprobs = await tryCall(requestFor(api, model, { ...base, logprobs: true, top_logprobs: 5 }));
  const logprobs = (withLogprobs?.choices[0]?.logprobs?.[0]?.top.length ?? 0) > 0;
  const withN = await tryCall(requestFor(api, model, { ...base, n: 2, seed: 1 }));
  const n = (withN?.choices.length ?? 0) === 2;
  return { models, model, api, apiSource, logprobs, n, warnings };
}
