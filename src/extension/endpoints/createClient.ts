import { OpenAiLlmClient } from '../../adapters/openai/openAiLlmClient';
import type { LlmClient } from '../../core/llm/llmClient';

/** Loaded lazily (the `openai` package is not needed until the first call to an endpoint). */
export function createClient(baseUrl: string, apiKey: string | undefined): LlmClient {
  return new OpenAiLlmClient({ baseUrl, ...(apiKey === undefined ? {} : { apiKey }), timeoutMs: 60_000 });
}
